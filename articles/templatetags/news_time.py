"""One way to show a time on the public site: `2026.11.26 14:05`, Korean time.

`{% news_time value %}` writes the `<time>` element, its `datetime` in ISO 8601 to the second:
Python's isoformat() would carry six digits of microseconds, which HTML does not allow (at most
three). `|news_datetime` is the same text where an element cannot go.
"""

from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()

TEXT_FORMAT = "%Y.%m.%d %H:%M"


def _local(value):
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def news_datetime(value):
    """The reader-facing text of a time, or "" for none."""
    if not value:
        return ""
    return _local(value).strftime(TEXT_FORMAT)


@register.filter
def iso_datetime(value):
    """A valid HTML `datetime` value: seconds, UTC offset, no fraction."""
    if not value:
        return ""
    return _local(value).isoformat(timespec="seconds")


@register.simple_tag
def news_time(value, css_class=""):
    """`<time datetime="2026-11-26T14:05:00+09:00">2026.11.26 14:05</time>`."""
    if not value:
        return ""
    return format_html(
        '<time{} datetime="{}">{}</time>',
        format_html(' class="{}"', css_class) if css_class else "",
        iso_datetime(value),
        news_datetime(value),
    )
