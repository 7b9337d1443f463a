"""A page drawn once around slots and kept; each request fills in only the slots.

A search page differs from the next only in a few places: the title, the heading, the query in
its box and the results. The rest, the head, the header, the form, the side boxes and the
footer (base.html with its cached fragments, static addresses, feed links), is the same for
every query and took as long to draw as finding and showing twenty results. So the page is
drawn once with a marker in each slot, cut at the markers, and kept as long as the side boxes
are (the shortest-lived part of it) under the site's version; a request then joins the pieces
with its own values, escaped unless they are already safe HTML.

The markers hold a random token of each process, and the page is cut before anything a reader
typed is filled in: neither an editor's headline in a side box nor a reader's query can hold
one.
"""

import re
import secrets
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.cache import tags

_TOKEN = secrets.token_hex(16)
_MARKER = re.compile(f"\ue010([a-z_]+):{_TOKEN}\ue010")


class _Slots:
    """`{{ frame.name }}` in a frame template: the marker of the slot `name`."""

    def __getitem__(self, name: str) -> SafeString:
        return mark_safe(f"\ue010{name}:{_TOKEN}\ue010")


def _cut(request: HttpRequest, template_name: str, context: Mapping[str, object]) -> list[str]:
    """[text, slot name, text, slot name, ..., text] of the page drawn with markers."""
    html = render_to_string(template_name, {**context, "frame": _Slots()}, request)
    return _MARKER.split(html)


def framed(
    request: HttpRequest,
    template_name: str,
    *,
    slots: Mapping[str, str],
    variant: Sequence[str] = (),
    context: Mapping[str, object] | None = None,
) -> SafeString:
    """The page `template_name`, whose varying places are `{{ frame.<name> }}`, with each
    filled from `slots` (plain text is escaped, safe HTML kept as it is).

    `context` draws the rest of the page, which must depend on nothing but `variant` (and the
    day): it is drawn once for all requests that share them, and kept until a tag of what it
    shows is invalidated (newsroom/cache/tags.py)."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0:
        pieces = _cut(request, template_name, context or {})
    else:
        key = ":".join(
            [
                "frame",
                template_name,
                f"{timezone.localdate():%Y%m%d}",
                *map(str, variant),
            ]
        )
        pieces = tags.cached(key, lambda: _cut(request, template_name, context or {}), seconds)
    page = [
        conditional_escape(slots[piece]) if position % 2 else piece
        for position, piece in enumerate(pieces)
    ]
    return mark_safe("".join(page))  # our template's own output and escaped slot values
