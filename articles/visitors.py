"""Who is reading: an anonymous visitor key from a signed cookie.

The visitor key is the identity of an anonymous reader (one reaction per kind, one vote per
comment). The client address never decides identity (newsroom/clients.py).
"""

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from newsroom.cache.pages import FRESH_SALT
from newsroom.http import same_origin
from newsroom.requests import SiteRequest

SALT = "articles.visitor"

P = ParamSpec("P")


def reader_key(request: SiteRequest) -> str:
    """The visitor key to render per-reader state with, or "" for a page every anonymous
    reader shares (newsroom/cache/pages.py): such a page shows nobody's own state."""
    return "" if getattr(request, "shared", False) else request.visitor


class VisitorMiddleware:
    """Sets request.visitor from the signed cookie, or a new key for a reader not yet known.

    The cookie is set only when a reader first acts (reader_action), never on a
    page view, so that pages stay shareable. Each action also sets two short cookies: FRESH,
    under which the reader's next pages are rendered for them alone (showing what they just
    did), and ACTED, which tells the page's script that there is own state to fetch.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: SiteRequest) -> HttpResponseBase:
        name = settings.VISITOR_COOKIE_NAME
        known = request.get_signed_cookie(name, default=None, salt=SALT)
        is_new = not known
        visitor = known or secrets.token_urlsafe(18)
        request.visitor = visitor
        request.visitor_is_new = is_new
        request.visitor_acted = False
        response = self.get_response(request)
        if request.visitor_acted:
            secure = settings.SESSION_COOKIE_SECURE
            if is_new:
                response.set_signed_cookie(
                    name,
                    visitor,
                    salt=SALT,
                    max_age=settings.VISITOR_COOKIE_MAX_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=secure,
                )
            # Signed: a made-up one takes nobody off the shared pages (newsroom/cache/pages.py).
            response.set_signed_cookie(
                settings.FRESH_COOKIE_NAME,
                "1",
                salt=FRESH_SALT,
                max_age=settings.FRESH_COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=secure,
            )
            # Readable by the page's script; it holds no secret, only "ask for my state".
            response.set_cookie(
                settings.ACTED_COOKIE_NAME,
                "1",
                max_age=settings.VISITOR_COOKIE_MAX_AGE,
                samesite="Lax",
                secure=secure,
            )
        return response


def reader_action(
    view: Callable[Concatenate[SiteRequest, P], HttpResponseBase],
) -> Callable[Concatenate[SiteRequest, P], HttpResponseBase]:
    """A write by an anonymous reader: same-origin only, and it makes the reader known.

    Marks the request so that articles.visitors sets the visitor cookie (on the first action
    only) and the short "fresh" cookie under which the reader's next pages are rendered for
    them alone, showing what they just did.
    """

    @same_origin
    @wraps(view)
    def wrapped(request: SiteRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        # The form is read before anything is written: a body Django refuses to parse (too
        # many fields, too large) is then a 400 with nothing stored, never a write whose
        # answer fails afterwards when a view reads its `next`.
        request.POST  # noqa: B018
        request.visitor_acted = True
        return view(request, *args, **kwargs)

    return wrapped
