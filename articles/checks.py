"""System checks: settings that would otherwise fail only when a reader presses a button."""

from django.conf import settings
from django.core.checks import Error, register

from articles.ratelimit import parse_rate


@register()
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
