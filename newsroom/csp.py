"""Content-Security-Policy for the public site.

The pages load nothing from another host (but the video player a reader asks for, in a frame
from the hosts of articles/video.py) and run no inline script, so the browser is told to
refuse both: a script that slipped into a page could neither run inline nor call out.
The admin is left to Django's own defaults (its widgets set inline styles).
"""

from django.conf import settings

from articles.video import EMBED_HOSTS

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        # Video players, and only after the reader clicks play (static/js/video.js).
        "frame-src " + " ".join(EMBED_HOSTS),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


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


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not request.path.startswith(self.admin_prefix) and settings.CSP_ENABLED:
            response.headers.setdefault("Content-Security-Policy", POLICY)
        return response
