"""The reader's address, as far as the proxies in front can be trusted, and a keyed hash of it.

The address never decides who a reader is (offices and mobile carriers put many readers behind
one); it only feeds rate limits and the admin's sign-in lockout, and only as a keyed hash.

This is the one rule for what counts as one address: IPv4 whole, IPv6 by its network of
IPV6_CLIENT_PREFIX bits (a /64 by default). A subscriber is handed a whole /64 and may take a
new address from it for every request, so a limit keyed on the full IPv6 address limits nothing.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The reader's address as every limit counts it: IPv4 whole, IPv6 as the first address of
    its IPV6_CLIENT_PREFIX network (2001:db8:a:1::9 → 2001:db8:a:1::), an IPv4 address written
    as IPv6 (::ffff:198.51.100.1, from a dual-stack socket) as that IPv4 address.

    Rate limits and the admin's sign-in lockout (settings.AXES_CLIENT_IP_CALLABLE) both use it."""
    return counted_as(_reader_address(request))


def counted_as(address: str) -> str:
    """The address as limits count it (see client_address); anything unparsable as it is."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    prefix = min(max(settings.IPV6_CLIENT_PREFIX, 0), 128)
    network = ipaddress.IPv6Network((int(parsed) >> (128 - prefix) << (128 - prefix), prefix))
    return str(network.network_address)


def _reader_address(request: HttpRequest) -> str:
    """The connection's address, or behind TRUSTED_PROXY_HOPS proxies the one the nearest
    proxy was handed by the hop before it.

    Each proxy appends the address that connected to it to X-Forwarded-For, so only the last
    TRUSTED_PROXY_HOPS entries were written by proxies we trust; anything before them was sent
    by the client and is ignored, or a limit keyed on it could be dodged by rotating a made-up
    value."""
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
