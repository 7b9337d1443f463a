"""Who is reading: an anonymous visitor key from a signed cookie, and a keyed client hash.

The visitor key is the identity of an anonymous reader (one reaction per kind, one vote per
comment). The client address never decides identity, since offices and mobile carriers put
many readers behind one address; it only feeds rate limits, and only as a keyed hash.
"""

import hashlib
import hmac
import ipaddress
import secrets

from django.conf import settings

SALT = "articles.visitor"


def client_address(request):
    """The reader's address: the connection's, or behind TRUSTED_PROXY_HOPS proxies the one the
    nearest proxy was handed by the hop before it.

    Each proxy appends the address that connected to it to X-Forwarded-For, so only the last
    TRUSTED_PROXY_HOPS entries were written by proxies we trust; anything before them was sent
    by the client and is ignored, or a limit keyed on it could be dodged by rotating a made-up
    value. Rate limits and the admin's sign-in lockout (settings.AXES_CLIENT_IP_CALLABLE)
    both use it."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote  # it did not come through every proxy: only the connection is known
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_key(request):
    """A keyed hash of the client address: usable for rate limits, useless to recover it."""
    address = client_address(request)
    return hmac.new(
        settings.SECRET_KEY.encode(), f"client:{address}".encode(), hashlib.sha256
    ).hexdigest()[:32]


def reader_key(request):
    """The visitor key to render per-reader state with, or "" for a page every anonymous
    reader shares (articles.pagecache): such a page shows nobody's own state."""
    return "" if getattr(request, "shared", False) else request.visitor


class VisitorMiddleware:
    """Sets request.visitor from the signed cookie, or a new key for a reader not yet known.

    The cookie is set only when a reader first acts (articles.http.reader_action), never on a
    page view, so that pages stay shareable. Each action also sets two short cookies: FRESH,
    under which the reader's next pages are rendered for them alone (showing what they just
    did), and ACTED, which tells the page's script that there is own state to fetch.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = settings.VISITOR_COOKIE_NAME
        visitor = request.get_signed_cookie(name, default=None, salt=SALT)
        is_new = not visitor
        if is_new:
            visitor = secrets.token_urlsafe(18)
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
            response.set_cookie(
                settings.FRESH_COOKIE_NAME,
                "1",
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
