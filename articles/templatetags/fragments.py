"""Parts of a page kept apart: fragments the server keeps by tag.

`{% fragment seconds "name" key ... tag=... %} … {% endfragment %}` keeps what it draws until
one of the tags collected while drawing it (and those named) is invalidated
(newsroom/cache/tags.py), or for `seconds` (0 or less: drawn every time, as a preview of
unsaved edits is). Unlike Django's `{% cache %}`, it needs no version in its key: an edit to
what it shows is what makes it stale. A page is kept no longer than the fragments it shows
have left, unless `refreshed=` is true: the page's script asks for the fragment as it is now
(articles/views/live.py: the side boxes), so the page follows only the tags of it that
articles.invalidation.follows_boxes() names, whatever its lifetime. What a fragment shows
lasts as long as its parts say (newsroom.cache.tags.lasts_at_most); `holds=` true says that
its own `seconds` is such a bound: a page showing it is kept no longer than the fragment has
left (a form's token, which ages from when it was drawn).
"""

import hashlib

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from articles import invalidation
from newsroom.cache import tags

register = template.Library()


class FragmentNode(template.Node):
    def __init__(
        self,
        nodelist: NodeList,
        seconds: FilterExpression,
        name: str,
        keys: list[FilterExpression],
        names: list[FilterExpression],
        refreshed: FilterExpression | None = None,
        holds: FilterExpression | None = None,
    ) -> None:
        self.nodelist, self.seconds, self.name, self.keys = nodelist, seconds, name, keys
        self.names, self.refreshed, self.holds = names, refreshed, holds

    def render(self, context: Context) -> SafeString:
        seconds = self.seconds.resolve(context)
        if not seconds or float(seconds) <= 0:
            return mark_safe(self.nodelist.render(context))
        values = "|".join(str(key.resolve(context)) for key in self.keys)
        digest = hashlib.blake2b(values.encode(), digest_size=12).hexdigest()
        key = f"fragment:{self.name}:{digest}"

        def draw() -> str:
            # What the fragment shows beyond what its queries say (the page's own article).
            tags.add(*(str(name.resolve(context)) for name in self.names))
            if self.holds is not None and self.holds.resolve(context):
                tags.lasts_at_most(float(seconds))
            return self.nodelist.render(context)

        if self.refreshed is None or not self.refreshed.resolve(context):
            return mark_safe(tags.cached(key, draw, float(seconds)))
        with tags.collecting(lifetime=False, passes=invalidation.follows_boxes):
            return mark_safe(tags.cached(key, draw, float(seconds)))


@register.tag("fragment")
def do_fragment(parser: Parser, token: Token) -> FragmentNode:
    """{% fragment seconds "name" [key ...] [tag=expression ...] [refreshed=expression]
    [holds=expression] %} … {% endfragment %}"""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            "{% fragment seconds name [key ...] [tag=...] [refreshed=...] [holds=...] %}"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[2].strip("\"'")
    keys, names, refreshed, holds = [], [], None, None
    for bit in bits[3:]:
        if bit.startswith("tag="):
            names.append(parser.compile_filter(bit[4:]))
        elif bit.startswith("refreshed="):
            refreshed = parser.compile_filter(bit[len("refreshed=") :])
        elif bit.startswith("holds="):
            holds = parser.compile_filter(bit[len("holds=") :])
        else:
            keys.append(parser.compile_filter(bit))
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), name, keys, names, refreshed, holds
    )
