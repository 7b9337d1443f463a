"""Content-Security-Policy for the public site and the admin, Permissions-Policy for both.

The public pages load nothing from another host (but the video player a reader asks for, in
a frame from settings.CSP_FRAME_SOURCES) and run no inline script, so the browser is told
to refuse both: a script that slipped into a page could neither run inline nor call out.
Those pages are shared by every reader (newsroom/cache/pages.py), so their policy carries no
per-request nonce.

The admin is rendered per user and never cached, so it gets a nonce: the body editor's import
map (django-prose-editor, through django-js-asset) is an inline <script type="importmap">, which
browsers check against script-src; with the nonce it is the only inline script allowed, every
other script comes from 'self'. Styles keep 'unsafe-inline': Django's admin widgets, our
dashboard's bars and the photo thumbnails set style attributes, which a nonce cannot cover, and
the editor (ProseMirror) sets inline styles while editing. A style cannot run code; the
script-src rule is the one that stops an injected script.
"""

import secrets

from django.conf import settings
from js_asset import Media


def _policy(script_src, frame_src="'self'", frame_ancestors="'none'"):
    img_src = " ".join(settings.CSP_IMG_SOURCES)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            "style-src 'self' 'unsafe-inline'",
            f"img-src {img_src}",
            "font-src 'self'",
            "connect-src 'self'",
            f"frame-src {frame_src}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


# Our own frames (the reaction bar for readers without JavaScript, articles/views/live.py) and
# video players, only after the reader clicks play (static/js/video.js).
POLICY = _policy("'self'", frame_src=" ".join(["'self'", *settings.CSP_FRAME_SOURCES]))
# What a page of ours shows in such a frame: framed by our pages only.
FRAMED_POLICY = _policy("'self'", frame_ancestors="'self'")


def admin_policy(nonce):
    return _policy(f"'self' 'nonce-{nonce}'")


# No page of ours uses these; a script that slipped in cannot either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


def with_nonce(request, media):
    """The form's media with this request's nonce on its inline import map (if it has one)."""
    nonce = getattr(request, "csp_nonce", "")
    if not nonce:
        return media
    return Media.from_media(media, nonce=nonce)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        is_admin = request.path.startswith(self.admin_prefix)
        if is_admin:
            request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if settings.CSP_ENABLED:
            policy = admin_policy(request.csp_nonce) if is_admin else POLICY
            response.headers.setdefault("Content-Security-Policy", policy)
        return response
