"""Parts of a page kept apart: fragments the server keeps by tag, and live parts.

`{% fragment seconds "name" key ... tag=... %} … {% endfragment %}` keeps what it draws until
one of the tags collected while drawing it (and those named) is invalidated
(newsroom/cache/tags.py), or for `seconds`
(0 or less: drawn every time, as a preview of unsaved edits is). Unlike Django's `{% cache %}`,
it needs no version in its key: an edit to what it shows is what makes it stale.

`{% live "articles:live-reactions" article.pk sort=comment_sort %} … {% endlive %}` marks a
part of the page that changes far more often than the page (reaction counts, the comment
thread, the side boxes). When the cache in front assembles edge-side includes, the page holds
`<esi:include src="…">` there and the part is its own response at that address (views/live.py),
kept as long as it may be; otherwise the part is drawn into the page here.
"""

import hashlib
from urllib.parse import urlencode

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

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
    ) -> None:
        self.nodelist, self.seconds, self.name, self.keys = nodelist, seconds, name, keys
        self.names = names

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
            return self.nodelist.render(context)

        return mark_safe(tags.cached(key, draw, float(seconds)))


@register.tag("fragment")
def do_fragment(parser: Parser, token: Token) -> FragmentNode:
    """{% fragment seconds "name" [key ...] [tag=expression ...] %} … {% endfragment %}"""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("{% fragment seconds name [key ...] [tag=...] %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[2].strip("\"'")
    keys = [parser.compile_filter(b) for b in bits[3:] if not b.startswith("tag=")]
    names = [parser.compile_filter(b[4:]) for b in bits[3:] if b.startswith("tag=")]
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), name, keys, names)


class LiveNode(template.Node):
    def __init__(
        self,
        nodelist: NodeList,
        url_name: FilterExpression,
        args: list[FilterExpression],
        params: dict[str, FilterExpression],
        seconds: FilterExpression | None,
    ) -> None:
        self.nodelist, self.url_name, self.args, self.params = nodelist, url_name, args, params
        self.seconds = seconds

    def render(self, context: Context) -> SafeString:
        request = context.get("request")
        if getattr(request, "esi", False):
            url = reverse(
                str(self.url_name.resolve(context)),
                args=[arg.resolve(context) for arg in self.args],
            )
            params = {
                name: value
                for name, expression in sorted(self.params.items())
                if (value := expression.resolve(context)) not in (None, "")
            }
            if params:
                url = f"{url}?{urlencode(params)}"
            return format_html('<esi:include src="{}"/>', url)
        if self.seconds is not None:
            seconds = self.seconds.resolve(context)
            if seconds:
                tags.lasts_at_most(float(seconds))
        return mark_safe(self.nodelist.render(context))


@register.tag("live")
def do_live(parser: Parser, token: Token) -> LiveNode:
    """{% live url_name arg ... [name=value ...] [seconds=N] %} … {% endlive %}"""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% live url_name [args] [name=value] %}")
    nodelist = parser.parse(("endlive",))
    parser.delete_first_token()
    args, params, seconds = [], {}, None
    for bit in bits[2:]:
        name, equals, value = bit.partition("=")
        if not equals:
            args.append(parser.compile_filter(bit))
        elif name == "seconds":
            seconds = parser.compile_filter(value)
        else:
            params[name] = parser.compile_filter(value)
    return LiveNode(nodelist, parser.compile_filter(bits[1]), args, params, seconds)
