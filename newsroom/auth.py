"""The admin's sign-in lockout (django-axes), and what axes leaves to us: slowing, not locking,
an account or address under attack, and letting a known device through.

What is locked is the pair (username, address): five wrong passwords from one address lock
that account from that address for the cool-off, and nothing else. A failure during the lock
does not extend it (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so nobody can keep a
colleague locked out by trying on. Past a higher ceiling, the failures of one username from
every address, or of one address for every username, space out the next tries by a short
delay that grows with each further failure: guessing from many addresses becomes slow, and
the account itself is never locked. A browser that signed in to an account before carries a
signed device cookie (path /admin/); with it the right password gets through, whatever the
lock or the slowing say, within a few tries an hour of its own.
"""

import math
import secrets
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from newsroom import ratelimit
from newsroom.clients import client_address

DEVICE_COOKIE = "nr_device"
DEVICE_SALT = "newsroom.auth.known-device"
# Accounts one browser remembers: a shared desk computer, not a list of everyone's names.
DEVICE_ACCOUNTS = 5


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked pair, or a try that comes before its delay, before the password is
    checked.

    A call without a request (the test client's login(), a management command) is no sign-in
    over the web: there is no address to count, so it is let through to the next backend
    instead of raising, as axes' own backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not settings.AXES_ENABLED:
            return None
        # Raises when the pair is locked, unless the device is known (AXES_WHITELIST_CALLABLE).
        super().authenticate(request, username=username, password=password, **kwargs)
        if is_known_device(request):
            return None
        wait = seconds_to_wait(client_address(request), username)
        if wait:
            # Refused before any check; axes records nothing for it (as for a try during a
            # lock), so waiting out the delay is enough.
            request.signin_wait = wait
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("AxesBackend: this sign-in must wait")
        return None


def seconds_to_wait(address: str, username: str | None) -> int:
    """How long the next try for this username or from this address must wait: nothing up to
    ADMIN_LOGIN_SLOWDOWN_AFTER failures (within the cool-off), then 1, 2, 4… seconds after the
    last failure, one step for each further failure, up to ADMIN_LOGIN_SLOWDOWN_MAX_SECONDS."""
    now = timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - _cool_off())
    wait = 0.0
    scopes = [{"ip_address": address}]
    if username:
        scopes.append({"username": username})
    for scope in scopes:
        found = recent.filter(**scope).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        excess = (found["failures"] or 0) - settings.ADMIN_LOGIN_SLOWDOWN_AFTER
        if excess <= 0:
            continue
        delay = min(2 ** (excess - 1), settings.ADMIN_LOGIN_SLOWDOWN_MAX_SECONDS)
        wait = max(wait, (found["last"] + timedelta(seconds=delay) - now).total_seconds())
    return math.ceil(wait) if wait > 0 else 0


def _cool_off() -> timedelta:
    return get_cool_off() or timedelta(0)


# Known devices


def _device(request: HttpRequest) -> dict | None:
    """The signed device cookie's content ({"d": device id, "u": [usernames]}), or None."""
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    if not value:
        return None
    try:
        device = signing.loads(
            value, salt=DEVICE_SALT, max_age=timedelta(days=settings.ADMIN_KNOWN_DEVICE_DAYS)
        )
    except signing.BadSignature:
        return None
    if not isinstance(device, dict) or not isinstance(device.get("u"), list):
        return None
    return device


def is_known_device(request: HttpRequest, credentials: dict | None = None) -> bool:
    """True if this browser signed in to the account it now names before (AXES_WHITELIST_CALLABLE).

    Each sign-in it makes that way is counted against ADMIN_KNOWN_DEVICE_RATE, so a stolen
    cookie buys a few guesses, not unlimited ones. Decided once per request: axes asks again
    when the try fails."""
    if hasattr(request, "known_device"):
        return request.known_device
    known = False
    device = _device(request)
    username = get_client_username(request, credentials)
    if device is not None and username and username in device["u"]:
        known = ratelimit.allow(
            "signin-known-device", device["d"], settings.ADMIN_KNOWN_DEVICE_RATE
        )
    request.known_device = known
    return known


@receiver(user_logged_in, dispatch_uid="newsroom.auth.remember_device")
def remember_device(sender, request, user, **kwargs) -> None:
    """The response to a sign-in will carry the device cookie (KnownDeviceMiddleware, whose
    loading imports this module and so connects this receiver)."""
    if request is not None:
        request.signed_in_as = user.get_username()


class KnownDeviceMiddleware:
    """Hands a browser that signed in its device cookie: signed, for /admin/ only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        username = getattr(request, "signed_in_as", None)
        if username:
            device = _device(request) or {"d": secrets.token_urlsafe(16), "u": []}
            accounts = [username, *(name for name in device["u"] if name != username)]
            value = signing.dumps(
                {"d": device["d"], "u": accounts[:DEVICE_ACCOUNTS]}, salt=DEVICE_SALT
            )
            response.set_cookie(
                DEVICE_COOKIE,
                value,
                max_age=settings.ADMIN_KNOWN_DEVICE_DAYS * 86400,
                path="/admin/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


# The page a refused sign-in gets


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the admin-styled page in Korean, 429, with how long to wait."""
    wait = getattr(request, "signin_wait", 0)
    if wait:
        context = {"slowed": True, "seconds": wait}
        retry_after = wait
    else:
        username = get_client_username(request, credentials)
        last = AccessAttempt.objects.filter(
            username=username, ip_address=client_address(request)
        ).aggregate(last=Max("attempt_time"))["last"]
        left = _cool_off() - (timezone.now() - last) if last else _cool_off()
        retry_after = max(1, math.ceil(left.total_seconds()))
        context = {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": max(1, math.ceil(retry_after / 60)),
        }
    response = render(request, "admin/lockout.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
