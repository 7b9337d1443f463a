"""Public pages that a shared cache can keep, and the server's own cache of them.

An anonymous GET of a public page (home, article, lists, comment pages, feeds ...) is rendered
for nobody in particular: no cookie is set, no per-reader token or state is in the HTML. The
response lists the objects it shows as cache tags (newsroom/cache/tags.py) and says how long a
cache may keep it: `Cache-Control: public, max-age=0, s-maxage=N`, with an ETag so that a
browser revalidates (304). A cache in front (Varnish, a CDN) gets the tags in the header it
reads (CACHE_TAG_HEADER) and is told to purge them when what they name changes
(newsroom/cache/edge.py), so N can be long (EDGE_MAX_AGE, an hour); it never passes that header
on to a browser. The server keeps each page too, gzip-compressed, until one of its tags is
invalidated or N runs out.

N is the shortest lifetime of the parts the page shows: a part that changes without any write
says how long it may be kept, and a page never outlives the day it was drawn on (Asia/Seoul
midnight). The parts that change far more often than any page (reaction counts, the
most-viewed ranking) are not held to: the page shows them as they were when drawn, and its
script asks for them as they are now, each a small page of its own kept a second or a minute
(articles/views/live.py).

Only the query parameters a view declares change what it shows, each in its canonical form:
the view sees the request's canonical address (others dropped, each value in its one spelling,
an invalid one as if absent), and the page is kept under it, so made-up parameters can
neither fill a cache nor get past it.

Requests that carry a valid session (staff), a message waiting in the messages cookie or the
reader's signed "fresh" cookie (set by their own reaction or comment, articles.visitors) are
rendered for them alone and marked `private, no-store`; a cookie that only claims to be one of
those changes nothing.
"""

import datetime
import functools
import gzip
import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, TypeAlias, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.urls import Resolver404, ResolverMatch, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.module_loading import import_string

from newsroom import ratelimit
from newsroom.cache import tags
from newsroom.http import accepts_gzip, query_value
from newsroom.requests import SiteRequest

logger = logging.getLogger(__name__)

# Headers a stored page keeps; cookies and per-request headers never are.
STORED_HEADERS = (
    "Content-Type",
    # A view's own policy (a part framed by our pages); the others get the site's.
    "Content-Security-Policy",
    "Content-Language",
    "X-Frame-Options",
    "Referrer-Policy",
    # Feeds and sitemaps: what Django's views add for crawlers survives a cache hit too.
    "Last-Modified",
    "X-Robots-Tag",
)
# Says whether a shared page came from the server's own cache ("hit"), was drawn and kept
# ("stored"), or drawn and not kept ("drawn"): for operators and tests, like Varnish's X-Cache.
CACHE_STATUS_HEADER = "X-Page-Cache"
# The salt Django's messages cookie is signed with (CookieStorage.key_salt).
MESSAGES_SALT = "django.contrib.messages"
# The salt of the reader's "fresh" cookie (articles.visitors signs it).
FRESH_SALT = "articles.visitor.fresh"

# "300/m", or a callable that returns it (asked at each store, so it follows the settings).
StoreRate: TypeAlias = str | Callable[[], str]
# Turns one query value into its canonical form, or None when it is not one the view takes
# (the parameter is then left out of the address).
Normalizer: TypeAlias = Callable[[str], str | None]

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class StoredPage(NamedTuple):
    """A page as the server keeps it."""

    headers: dict[str, str]  # the STORED_HEADERS it had
    compressed: bytes
    etag: str
    tags: tuple[str, ...]
    expires: float  # the time it may be kept until (the shortest lifetime of its parts)


@dataclass(frozen=True)
class SharePolicy:
    """What shared_page() marks a view with."""

    params: Mapping[str, Normalizer] = field(default_factory=dict)
    store_rate: StoreRate | None = None
    # The longest this view's page may be kept, in seconds, if shorter than EDGE_MAX_AGE.
    seconds: Callable[[], float] | None = None


# The view's attribute holding its SharePolicy (set and read by name: a view is any callable).
POLICY_ATTRIBUTE = "shared_page"


def shared_page(
    view: View,
    *,
    params: Mapping[str, Normalizer] | None = None,
    store_rate: StoreRate | None = None,
    seconds: Callable[[], float] | None = None,
) -> View:
    """Mark a view's GET responses as the same for every anonymous reader.

    `params` are the query parameters that change what the view shows, each with the function
    that makes its value canonical. `store_rate` ("300/m", or a callable that returns it)
    bounds how many new pages of this view the server's cache takes, site-wide: for pages whose
    addresses anyone can make up without end (search queries), which would otherwise push the
    real pages out. Pages past the bound are still public for a cache in front. A view vetoes
    the store of one response with `response.page_store = False`. `seconds` returns the
    longest the page may be kept (a live part: reaction counts)."""
    policy = SharePolicy(params=dict(params or {}), store_rate=store_rate, seconds=seconds)
    setattr(view, POLICY_ATTRIBUTE, policy)
    return view


# Canonical values of query parameters


def positive_int(value: str) -> str | None:
    """A positive whole number up to a million (a page, an id), without leading zeros."""
    if value.isascii() and value.isdigit() and 0 < int(value) <= 1_000_000:
        return str(int(value))
    return None


def page_number(value: str) -> str | None:
    """A page of a list: a positive number, or "last"."""
    return value if value == "last" else positive_int(value)


def one_of(*choices: str) -> Normalizer:
    return lambda value: value if value in choices else None


# Free text longer than this is no reader's query: cut to it (the search shows 100 characters).
TEXT_MAX = 1000


def text(value: str) -> str | None:
    """Free text (a search query): kept as typed, but never empty, and not endless."""
    value = value.replace("\x00", "").strip()[:TEXT_MAX].strip()
    return value or None


def canonical_query(request: HttpRequest, params: Mapping[str, Normalizer]) -> str:
    """The query string of the request's own canonical address: the view's parameters only,
    in canonical form and in name order, the last value of each (as Django reads it)."""
    kept = {}
    for name in sorted(params):
        value = query_value(request, name)
        if value is not None and (normal := params[name](value)) is not None:
            kept[name] = normal
    return urlencode(kept)


# Who may be shown the shared page


def _valid_session(request: HttpRequest) -> bool:
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    store: SessionBase = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    return store.exists(key)


def _valid_messages(request: HttpRequest) -> bool:
    """A messages cookie the site signed (django.contrib.messages' cookie storage)."""
    data = request.COOKIES.get(CookieStorage.cookie_name)
    if not data:
        return False
    try:
        signing.get_cookie_signer(salt=MESSAGES_SALT).unsign(data)
    except signing.BadSignature:
        return False
    return True


def _valid_fresh(request: HttpRequest) -> bool:
    try:
        request.get_signed_cookie(
            settings.FRESH_COOKIE_NAME, salt=FRESH_SALT, max_age=settings.FRESH_COOKIE_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return False
    return True


def _private_cookie_names() -> tuple[str, str, str]:
    return (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, settings.FRESH_COOKIE_NAME)


def _claims_a_reader(request: HttpRequest) -> bool:
    """Carries a cookie that would make it someone's own (real or not: not looked at here)."""
    return any(name in request.COOKIES for name in _private_cookie_names())


def is_shared_request(request: HttpRequest) -> bool:
    """An anonymous GET that may be answered with the page every anonymous reader gets: no
    valid session, no message waiting, no fresh action of the reader's own. Made-up cookies
    of those names take nobody off the shared page."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies and _valid_session(request):
        return False
    if CookieStorage.cookie_name in cookies and _valid_messages(request):
        return False
    return not (settings.FRESH_COOKIE_NAME in cookies and _valid_fresh(request))


# Lifetimes


def seconds_to_midnight(now: datetime.datetime | None = None) -> float:
    """Pages show the day (the date in the header, views by day): none outlives its day."""
    local = timezone.localtime(now)
    midnight = (local + datetime.timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return (midnight - local).total_seconds()


# Responses


def _etag(body: bytes) -> str:
    return f'W/"{hashlib.blake2b(body, digest_size=10).hexdigest()}"'


def tag_header_value(names: tuple[str, ...] | list[str]) -> str:
    """Tags as the configured header lists them: Cloudflare's Cache-Tag by commas, xkey and
    Fastly's Surrogate-Key by spaces."""
    separator = "," if settings.CACHE_TAG_HEADER.lower() == "cache-tag" else " "
    return separator.join(sorted(names))


def _mark_shared(response: HttpResponseBase, *, seconds: float, names: tuple[str, ...]) -> None:
    response.headers["Cache-Control"] = f"public, max-age=0, s-maxage={max(int(seconds), 0)}"
    patch_vary_headers(response, ["Accept-Encoding"])
    if settings.CACHE_TAG_HEADER and names:
        response.headers[settings.CACHE_TAG_HEADER] = tag_header_value(names)


def _response_from(entry: StoredPage, request: HttpRequest, now: float) -> HttpResponse:
    """A stored page, compressed when the client takes gzip."""
    if accepts_gzip(request):
        response = HttpResponse(entry.compressed)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(entry.compressed))
    for name, value in entry.headers.items():
        response.headers[name] = value
    response.headers["Content-Length"] = str(len(response.content))
    response.headers["ETag"] = entry.etag
    _mark_shared(response, seconds=entry.expires - now, names=entry.tags)
    return response


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    conditional = get_conditional_response(
        request, etag=response.headers["ETag"], response=response
    )
    # Given a response, it returns that response or a 304/412 (None only without one).
    if conditional is None or conditional is response:
        return response
    # 304 keeps the headers a cache needs to refresh its copy.
    for name in ("Cache-Control", "ETag", "Vary", settings.CACHE_TAG_HEADER, CACHE_STATUS_HEADER):
        if name and name in response.headers:
            conditional.headers[name] = response.headers[name]
    return conditional


@functools.lru_cache(maxsize=1024)
def _resolved(urlconf: str, path: str) -> ResolverMatch:
    """The view of a path (only read here), remembered for the paths asked most: Django
    resolves the path again to call the view, and each resolve walks every URL pattern."""
    return resolve(path, urlconf)


def _may_store(response: HttpResponseBase, policy: SharePolicy, view_name: str) -> bool:
    if not getattr(response, "page_store", True):
        return False
    rate = policy.store_rate
    rate = rate() if callable(rate) else rate
    return rate is None or ratelimit.allow("page-store", view_name, rate)


def _kept_by_nobody_unless_said(
    request: HttpRequest, response: HttpResponseBase
) -> HttpResponseBase:
    """An answer that does not say how long it may be kept is kept by no cache (media files
    served in development keep what the file server says)."""
    if "Cache-Control" not in response.headers and not request.path.startswith(
        f"/{settings.MEDIA_URL.lstrip('/')}"
    ):
        response.headers["Cache-Control"] = "private, no-store"
    return response


class NoStoreByDefaultMiddleware:
    """First of all: answers made before the page cache sees the request, or raised past it (the
    redirect to https, a host the site does not serve), say that no cache may keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return _kept_by_nobody_unless_said(request, self.get_response(request))


class PageCacheMiddleware:
    """Answers shared requests for marked views from the cache; stores what it renders; says
    of every other public answer how long it may be kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: SiteRequest) -> HttpResponseBase:
        request.shared = False
        policy, match = None, None
        if request.method in ("GET", "HEAD"):
            try:
                match = _resolved(get_urlconf() or settings.ROOT_URLCONF, request.path_info)
            except Resolver404:
                match = None
            policy = getattr(match.func, POLICY_ATTRIBUTE, None) if match else None
        if match is None or policy is None:
            if request.method in ("GET", "HEAD") and not _claims_a_reader(request):
                # Anonymous, but not a shared page (an address that is no page, a redirect).
                with tags.reading(), tags.collecting() as collection:
                    response = self.get_response(request)
                return self._unmarked(response, collection)
            return self._private(request)
        # Only a page every reader may share asks whether its private cookies are real.
        request.shared = is_shared_request(request)
        if not request.shared:
            return self._private(request)
        # What claimed to be a session, a message or a fresh action is none: the page is drawn
        # as for anyone, and no answer deletes the made-up cookie (a response that sets a
        # cookie is never kept, so each such request would be drawn again).
        for name in _private_cookie_names():
            request.COOKIES.pop(name, None)

        try:
            canonical = canonical_query(request, policy.params)
        except SuspiciousOperation:
            # A query Django refuses to read (thousands of fields): the view answers 400.
            return self.get_response(request)
        # The view sees the canonical address, as the page is kept under it: made-up
        # parameters or values are dropped, not drawn again and kept once per spelling.
        request.GET = QueryDict(canonical)
        request.META["QUERY_STRING"] = canonical
        with tags.reading():
            return self._shared(request, match, policy, canonical)

    def _private(self, request: SiteRequest) -> HttpResponseBase:
        return _kept_by_nobody_unless_said(request, self.get_response(request))

    @staticmethod
    def _unmarked(response: HttpResponseBase, collection: tags.Collection) -> HttpResponseBase:
        """An anonymous answer of a view that is not a shared page (a 404 for an address that
        is no page, a redirect, a refusal): how long a cache may keep it."""
        if "Cache-Control" in response.headers:
            return response
        if response.status_code in (301, 404, 410) and not response.cookies:
            seconds = settings.EDGE_MAX_AGE if response.status_code == 301 else 60
            _mark_shared(response, seconds=seconds, names=tuple(collection.tags))
        else:
            response.headers["Cache-Control"] = "private, no-store"
        return response

    def _lifetime(self, policy: SharePolicy) -> float:
        seconds = min(float(settings.EDGE_MAX_AGE), seconds_to_midnight())
        if policy.seconds is not None:
            seconds = min(seconds, policy.seconds())
        return seconds

    def _shared(
        self, request: SiteRequest, match: ResolverMatch, policy: SharePolicy, canonical: str
    ) -> HttpResponseBase:
        now = tags.now_ns() / 1e9
        key = self._key(request, canonical)
        if settings.PAGE_CACHE:
            found = tags.get(key)
            if found is not None and isinstance(found.value, StoredPage):
                kept = _response_from(found.value, request, now)
                kept.headers[CACHE_STATUS_HEADER] = "hit"
                return _conditional(request, kept)

        with tags.collecting() as collection:
            # Every page can be purged at once (a restored backup).
            tags.add(tags.EVERYTHING)
            tags.lasts_at_most(self._lifetime(policy))
            response = self.get_response(request)
        names = tuple(sorted(collection.tags))
        seconds = collection.seconds if collection.seconds is not None else 0.0
        if tags.changed_since(names, collection.started_ns):
            # Drawn while something it shows changed: perhaps from the rows before the change,
            # so a cache in front keeps it a moment only, and this server not at all.
            seconds = min(seconds, settings.CHANGED_WHILE_DRAWN_SECONDS)
            store = False
        else:
            store = settings.PAGE_CACHE
        if response.status_code in (404, 410) and not response.cookies:
            # Kept a little (by a cache in front only): an article not yet public is a 404
            # until its time, and its tag purges this as it comes due.
            _mark_shared(response, seconds=min(seconds, 60), names=names)
            return response
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
        store = store and seconds > 0 and _may_store(response, policy, match.view_name)
        gzipped = accepts_gzip(request)
        if store or gzipped:
            compressed = gzip.compress(body, compresslevel=6)
            if store:
                headers = {name: response[name] for name in STORED_HEADERS if name in response}
                entry = StoredPage(headers, compressed, etag, names, now + seconds)
                tags.put(key, entry, collection, seconds)
            if gzipped:
                response.content = compressed
                response.headers["Content-Encoding"] = "gzip"
                response.headers["Content-Length"] = str(len(compressed))
        response.headers["ETag"] = etag
        response.headers[CACHE_STATUS_HEADER] = "stored" if store else "drawn"
        _mark_shared(response, seconds=seconds, names=names)
        return _conditional(request, response)

    @staticmethod
    def _key(request: SiteRequest, canonical: str) -> str:
        # The host is validated by get_host() (ALLOWED_HOSTS); a page is never served under
        # another host than the one it was rendered for.
        target = hashlib.blake2b(
            f"{request.get_host()}|{request.path}?{canonical}".encode(), digest_size=16
        ).hexdigest()
        # Pages show the day: a new day is a new page, even for a copy kept past midnight.
        day = timezone.localdate().isoformat()
        return f"pc:page:{day}:{target}"
