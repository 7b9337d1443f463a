"""Who is reading: an anonymous visitor key from a signed cookie, and a keyed client hash.

The visitor key is the identity of an anonymous reader (one reaction per kind, one vote per
comment). The client address never decides identity, since offices and mobile carriers put
many readers behind one address; it only feeds rate limits, and only as a keyed hash.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

SALT = "articles.visitor"


def client_key(request):
    """A keyed hash of the client address: usable for rate limits, useless to recover it."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(
        settings.SECRET_KEY.encode(), f"client:{address}".encode(), hashlib.sha256
    ).hexdigest()[:32]


class VisitorMiddleware:
    """Sets request.visitor from the signed cookie, issuing a new key on first visit."""

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
        response = self.get_response(request)
        if is_new and not getattr(response, "skip_visitor_cookie", False):
            response.set_signed_cookie(
                name,
                visitor,
                salt=SALT,
                max_age=settings.VISITOR_COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
