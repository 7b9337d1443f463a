"""Public pages that a shared cache can keep, and the server's own cache of them.

An anonymous GET of a public page (home, article, section, tag, reporter, comment pages) is
rendered for nobody in particular: no cookie is set, no per-reader token or state is in the
HTML, and the response says `Cache-Control: public, max-age=0, s-maxage=N` with an ETag, so a
CDN may keep it for N seconds and a browser revalidates it with a conditional GET (304).

The server keeps each such page too (Redis with REDIS_URL, else local memory), gzip-compressed,
under a key made of the host, the full path and version numbers (kept in Redis, or without
it in a file every process shares): one for the whole site
(bumped by any editorial change: articles, photos, bylines, tags, sections, reporters, curated
boxes) and one per article (bumped when its comments or reaction counts change). A bump makes
every key that contained the old number unreachable, so a change shows on the next request; a
scheduled article that comes due without any write shows within PAGE_CACHE_SECONDS.

Requests that carry a session (staff), the messages cookie or the reader's short "fresh"
cookie (set by their own reaction or comment, articles.visitors) are rendered for them alone
and marked `private, no-store`.
"""

import functools
import gzip
import hashlib
import logging
from collections.abc import Callable
from typing import TypeAlias, TypedDict, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, ResolverMatch, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers

from newsroom import ratelimit
from newsroom.cache import versions
from newsroom.requests import SiteRequest

logger = logging.getLogger(__name__)

# Headers a stored page keeps; cookies and per-request headers never are.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "X-Frame-Options",
    "Referrer-Policy",
    # Feeds and sitemaps: what Django's views add for crawlers survives a cache hit too.
    "Last-Modified",
    "X-Robots-Tag",
)

# A stored page: (status, the STORED_HEADERS it had, gzipped body, ETag).
StoredPage: TypeAlias = tuple[int, dict[str, str], bytes, str]

# "300/m", or a callable that returns it (asked at each store, so it follows the settings).
StoreRate: TypeAlias = str | Callable[[], str]

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class SharePolicy(TypedDict):
    """What shared_page() marks a view with."""

    article_kwarg: str | None
    store_rate: StoreRate | None


# The view's attribute holding its SharePolicy (set and read by name: a view is any callable).
POLICY_ATTRIBUTE = "shared_page"


# Marking views


def shared_page(
    view: View, *, article_kwarg: str | None = None, store_rate: StoreRate | None = None
) -> View:
    """Mark a view's GET responses as the same for every anonymous reader.

    `article_kwarg` names the URL argument holding the article id whose version the page
    also depends on (its comments and counters). `store_rate` ("300/m", or a callable that
    returns it) bounds how many new pages of this view the server's cache takes, site-wide:
    for pages whose addresses anyone can make up without end (search queries), which would
    otherwise push the real pages out of the cache. Pages past the bound are still public for
    a CDN, with an ETag. A view vetoes the store of one response with
    `response.page_store = False`."""
    policy: SharePolicy = {"article_kwarg": article_kwarg, "store_rate": store_rate}
    setattr(view, POLICY_ATTRIBUTE, policy)
    return view


def _may_store(response: HttpResponse, policy: SharePolicy, view_name: str) -> bool:
    if not getattr(response, "page_store", True):
        return False
    rate = policy["store_rate"]
    rate = rate() if callable(rate) else rate
    return rate is None or ratelimit.allow("page-store", view_name, rate)


def is_shared_request(request: HttpRequest) -> bool:
    """An anonymous GET that may be answered with the page every anonymous reader gets."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    private = (
        settings.SESSION_COOKIE_NAME,
        settings.FRESH_COOKIE_NAME,
        "messages",  # django.contrib.messages' cookie storage: a message waits for this reader
    )
    return not any(name in cookies for name in private)


def _etag(body: bytes) -> str:
    return f'W/"{hashlib.blake2b(body, digest_size=10).hexdigest()}"'


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _mark_shared(response: HttpResponse, etag: str) -> None:
    response.headers["Cache-Control"] = (
        f"public, max-age=0, s-maxage={settings.PAGE_SHARED_MAX_AGE}"
    )
    response.headers["ETag"] = etag
    patch_vary_headers(response, ["Accept-Encoding"])


def _response_from(entry: StoredPage, request: HttpRequest) -> HttpResponse:
    """A stored page, compressed when the client takes gzip."""
    status, headers, compressed, etag = entry
    if _accepts_gzip(request):
        response = HttpResponse(compressed, status=status)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed), status=status)
    for name, value in headers.items():
        response.headers[name] = value
    response.headers["Content-Length"] = str(len(response.content))
    _mark_shared(response, etag)
    return response


@functools.lru_cache(maxsize=1024)
def _resolved(urlconf: str, path: str) -> ResolverMatch:
    """The view of a path (only read here), remembered for the paths asked most: Django
    resolves the path again to call the view, and each resolve walks every URL pattern."""
    return resolve(path, urlconf)


class PageCacheMiddleware:
    """Answers shared requests for marked views from the cache; stores what it renders."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: SiteRequest) -> HttpResponseBase:
        request.shared = is_shared_request(request)
        if not request.shared:
            response = self.get_response(request)
            if "Cache-Control" not in response.headers and not request.path.startswith(
                f"/{settings.MEDIA_URL.lstrip('/')}"
            ):
                response.headers["Cache-Control"] = "private, no-store"
            return response

        try:
            match = _resolved(get_urlconf() or settings.ROOT_URLCONF, request.path_info)
        except Resolver404:
            return self.get_response(request)
        policy: SharePolicy | None = getattr(match.func, POLICY_ATTRIBUTE, None)
        if policy is None:
            return self.get_response(request)
        return versions.reading(self._shared)(request, match, policy)

    def _shared(
        self, request: HttpRequest, match: ResolverMatch, policy: SharePolicy
    ) -> HttpResponseBase:
        key = self._key(request, match, policy) if settings.PAGE_CACHE else None
        if settings.PAGE_CACHE:
            entry: StoredPage | None = cache.get(key)
            if entry is not None:
                return self._conditional(request, _response_from(entry, request))

        response = self.get_response(request)
        # Only a whole page is kept: not a streaming response (a file, a large export).
        if (
            response.status_code != 200
            or response.cookies
            or not isinstance(response, HttpResponse)
        ):
            return response
        # Sessions accessed while rendering (request.user) add "Vary: Cookie"; this page is
        # the same whatever the cookies, which decide only whether it is used at all.
        vary = [v for v in response.get("Vary", "").split(",") if v.strip().lower() != "cookie"]
        if vary:
            response.headers["Vary"] = ",".join(vary)
        elif "Vary" in response.headers:
            del response.headers["Vary"]
        body = response.content
        etag = _etag(body)
        store = settings.PAGE_CACHE and _may_store(response, policy, match.view_name)
        gzipped = _accepts_gzip(request)
        if store or gzipped:
            compressed = gzip.compress(body, compresslevel=6)
            if store:
                headers = {name: response[name] for name in STORED_HEADERS if name in response}
                entry = (200, headers, compressed, etag)
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            if gzipped:
                response.content = compressed
                response.headers["Content-Encoding"] = "gzip"
                response.headers["Content-Length"] = str(len(compressed))
        _mark_shared(response, etag)
        return self._conditional(request, response)

    @staticmethod
    def _key(request: HttpRequest, match: ResolverMatch, policy: SharePolicy) -> str:
        keys = [versions.SITE_VERSION_KEY]
        article_kwarg = policy["article_kwarg"]
        if article_kwarg:
            article_id = match.kwargs[article_kwarg]
            keys += [
                versions.ARTICLE_VERSION_KEY.format(article_id, part)
                for part in (versions.COMMENTS, versions.REACTIONS)
            ]
        numbers = ".".join(str(number) for number in versions.current(keys))
        # Pages show today's date (the header, 많이 본 뉴스 by day): a new day is a new page.
        day = timezone.localdate().isoformat()
        # The host is validated by get_host() (ALLOWED_HOSTS); a page is never served under
        # another host than the one it was rendered for.
        target = hashlib.blake2b(
            f"{request.get_host()}|{request.get_full_path()}".encode(), digest_size=16
        ).hexdigest()
        return f"pc:page:{numbers}:{day}:{target}"

    @staticmethod
    def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        conditional = get_conditional_response(
            request, etag=response.headers["ETag"], response=response
        )
        # Given a response, it returns that response or a 304/412 (None only without one).
        if conditional is None or conditional is response:
            return response
        # 304 keeps the headers a cache needs to refresh its copy.
        for name in ("Cache-Control", "ETag", "Vary"):
            if name in response.headers:
                conditional.headers[name] = response.headers[name]
        return conditional
