"""System checks: settings that would otherwise fail only when a reader presses a button."""

from django.conf import settings
from django.core import checks
from django.core.checks import Error

from articles.video import EMBED_HOSTS
from newsroom.ratelimit import parse_rate


def rate_settings(app_configs, **kwargs):
    errors = []
    for name in dir(settings):
        if "_RATE_" not in name:
            continue
        value = getattr(settings, name)
        try:
            count, _ = parse_rate(value)
            if count < 1:
                raise ValueError
        except (ValueError, KeyError, AttributeError, TypeError):
            errors.append(
                Error(
                    f"{name}={value!r} is not a rate like '60/m' (count/s, m, h or d).",
                    id="articles.E001",
                )
            )
    return errors


def video_frames(app_configs, **kwargs):
    """The public pages' CSP must let the video players of articles/video.py load."""
    missing = [host for host in EMBED_HOSTS if host not in settings.CSP_FRAME_SOURCES]
    if not missing:
        return []
    return [
        Error(
            f"CSP_FRAME_SOURCES lacks {', '.join(missing)}: videos would not play.",
            id="articles.E002",
        )
    ]


def register():
    checks.register(rate_settings)
    checks.register(video_frames)
