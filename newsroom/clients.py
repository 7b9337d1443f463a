"""The reader's address, as far as the proxies in front can be trusted, and a keyed hash of it.

The address never decides who a reader is (offices and mobile carriers put many readers behind
one); it only feeds rate limits and the admin's sign-in lockout, and only as a keyed hash.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The reader's address: the connection's, or behind TRUSTED_PROXY_HOPS proxies the one the
    nearest proxy was handed by the hop before it.

    Each proxy appends the address that connected to it to X-Forwarded-For, so only the last
    TRUSTED_PROXY_HOPS entries were written by proxies we trust; anything before them was sent
    by the client and is ignored, or a limit keyed on it could be dodged by rotating a made-up
    value. Rate limits and the admin's sign-in lockout (settings.AXES_CLIENT_IP_CALLABLE)
    both use it."""
    remote: str = request.META.get("REMOTE_ADDR", "")
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


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client address: usable for rate limits, useless to recover it."""
    address = client_address(request)
    return hmac.new(
        settings.SECRET_KEY.encode(), f"client:{address}".encode(), hashlib.sha256
    ).hexdigest()[:32]
