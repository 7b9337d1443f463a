"""HTTP helpers: refusals in Korean, JSON or not, 303s, and the same-origin check for writes.

The public pages are the same bytes for every anonymous reader so that a shared cache can keep
them: they carry no CSRF token. The anonymous reader endpoints are protected instead by the
headers every current browser sends with a request, the approach of Go 1.25's
net/http.CrossOriginProtection: a POST whose `Sec-Fetch-Site` says it came from another site,
or (for browsers without Fetch Metadata) whose `Origin` is not this site, is refused before it
changes anything. Requests with neither header do not come from a browser page, so no other
site can forge them through a reader's browser. The admin keeps Django's token CSRF.
"""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar, overload

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

CROSS_SITE_MESSAGE = (
    "다른 사이트에서 보낸 요청은 받을 수 없습니다. 기사 페이지에서 다시 시도해 주세요."
)

Request = TypeVar("Request", bound=HttpRequest)
P = ParamSpec("P")


@overload
def query_value(request: HttpRequest, name: str, default: None = None) -> str | None: ...
@overload
def query_value(request: HttpRequest, name: str, default: str) -> str: ...


def query_value(request: HttpRequest, name: str, default: str | None = None) -> str | None:
    """One query-string value, for code that also runs while an error page is drawn.

    Parsing the query string raises (TooManyFieldsSent, for a URL with thousands of
    parameters); a view's own read turns that into a 400, but the same read while the 404 or
    500 page renders would end in a bare 500."""
    try:
        return request.GET.get(name, default)
    except SuspiciousOperation:
        return default


def accepts_encoding(request: HttpRequest, coding: str) -> bool:
    """True if the client takes this content coding: named (or `*`) in Accept-Encoding with a
    q above 0, and not refused by name (`gzip;q=0`)."""
    ranked: dict[str, float] = {}
    for part in request.headers.get("Accept-Encoding", "").lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name:
            ranked[name.strip()] = quality
    if coding in ranked:
        return ranked[coding] > 0
    return ranked.get("*", 0.0) > 0


def accepts_gzip(request: HttpRequest) -> bool:
    return accepts_encoding(request, "gzip")


def wants_json(request: HttpRequest) -> bool:
    """True for the fetch() calls of our scripts, which ask for JSON."""
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def see_other(url: str) -> HttpResponseRedirect:
    """A 303 redirect: the browser follows a form post with a GET."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def refusal(
    request: HttpRequest,
    status: int,
    message: str,
    *,
    extra: Mapping[str, object] | None = None,
    **page: object,
) -> HttpResponse:
    """A refusal in Korean: JSON for fetch (with `extra` fields), otherwise a small page with a
    link back (`back`, `back_label`, `heading`, `kept_text`: what the reader was sending)."""
    if wants_json(request):
        return JsonResponse({"ok": False, "message": message, **(extra or {})}, status=status)
    page.setdefault("back", "/")
    return render(request, "articles/refused.html", {"message": message, **page}, status=status)


POST_ONLY_MESSAGE = (
    "기사 페이지에서 버튼이나 입력란으로 보내는 주소입니다. 주소창에서 열거나 새로 고치면 "
    "아무 일도 일어나지 않습니다. 기사로 돌아가 다시 시도해 주세요."
)


def post_only(
    back: Callable[..., str],
) -> Callable[
    [Callable[Concatenate[Request, P], HttpResponseBase]],
    Callable[Concatenate[Request, P], HttpResponseBase],
]:
    """Like require_POST, but any other method gets a Korean page (a 405) with a link to
    `back(**kwargs)`, the page the action belongs to: a reader lands on such an address by
    reloading after a refused form, or from a bookmark or a pasted link, and an empty 405
    leaves them nowhere."""

    def decorator(
        view: Callable[Concatenate[Request, P], HttpResponseBase],
    ) -> Callable[Concatenate[Request, P], HttpResponseBase]:
        @wraps(view)
        def wrapped(request: Request, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            if request.method == "POST":
                return view(request, *args, **kwargs)
            response = refusal(
                request,
                405,
                POST_ONLY_MESSAGE,
                heading="기사 페이지에서 이용해 주세요",
                back=back(**kwargs),
                back_label="기사로 돌아가기",
            )
            response["Allow"] = "POST"
            return response

        return wrapped

    return decorator


def _own_origins(request: HttpRequest) -> set[str]:
    origins = {f"{request.scheme}://{request.get_host()}"}
    origins.update(settings.CSRF_TRUSTED_ORIGINS)
    return origins


def is_cross_origin(request: HttpRequest) -> bool:
    """True when a browser tells us that another site made this request."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        # "none" is the reader's own action (a bookmark, the address bar).
        return site.strip().lower() not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin.strip() not in _own_origins(request)


def same_origin(
    view: Callable[Concatenate[Request, P], HttpResponseBase],
) -> Callable[Concatenate[Request, P], HttpResponseBase]:
    """Refuse (403, changing nothing) a write that a browser says another site made."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: Request, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD", "OPTIONS") and is_cross_origin(request):
            return refusal(request, 403, CROSS_SITE_MESSAGE)
        return view(request, *args, **kwargs)

    return wrapped
