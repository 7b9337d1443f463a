"""The request as this site's middleware leaves it, for type annotations only.

Django builds a plain HttpRequest; the middleware then sets a few attributes on it. A view or
helper that reads them is annotated with SiteRequest, which declares them; nothing constructs
one. Which middleware sets what:

- newsroom.cache.pages.PageCacheMiddleware: `shared`, True when the page is rendered for
  every anonymous reader alike.
- articles.visitors.VisitorMiddleware: `visitor` (the reader's key), `visitor_is_new` (no
  signed cookie yet) and `visitor_acted` (set by reader_action: the reader wrote something).
- newsroom.csp.ContentSecurityPolicyMiddleware: `csp_nonce`, on the admin's requests only
  (read it with getattr(request, "csp_nonce", "")).
"""

from django.http import HttpRequest


class SiteRequest(HttpRequest):
    shared: bool
    visitor: str
    visitor_is_new: bool
    visitor_acted: bool
    csp_nonce: str
