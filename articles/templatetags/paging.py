"""Page links of a list: 이전, the first page, a window of pages around this one, the last,
다음 (1 … 4 5 [6] 7 8 … 23).

`{% page_links page_obj %}` draws them for the section, tag, reporter and corrections lists;
articles/search/rendering.py draws the same markup for search with page_nav().
"""

import html

from django import template
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe

register = template.Library()

AROUND = 2  # pages linked on either side of this one


def page_window(number, count, *, around=AROUND):
    """The page numbers to link, None where some are left out; a gap of a single page is
    linked rather than marked (1 2 3, not 1 … 3)."""
    if count <= 1:
        return []
    shown = {1, count, *range(max(1, number - around), min(count, number + around) + 1)}
    window, previous = [], 0
    for page in sorted(shown):
        if page - previous == 2:
            window.append(page - 1)
        elif page - previous > 2:
            window.append(None)
        window.append(page)
        previous = page
    return window


def page_nav(number, count, href):
    """The <nav> of page links; `href(page)` is the address of a page (escaped here)."""
    if count <= 1:
        return ""

    def link(page, text, rel=""):
        rel = f' rel="{rel}"' if rel else ""
        return f'<a class="pagination__step" href="{html.escape(href(page))}"{rel}>{text}</a>'

    items = []
    for page in page_window(number, count):
        if page is None:
            items.append('<li class="pagination__gap" aria-hidden="true">…</li>')
        elif page == number:
            items.append(f'<li><span aria-current="page">{page}</span></li>')
        else:
            items.append(
                f'<li><a href="{html.escape(href(page))}" aria-label="{page}페이지">{page}</a></li>'
            )
    parts = ['<nav class="pagination" aria-label="페이지">']
    if number > 1:
        parts.append(link(number - 1, "이전", "prev"))
    parts.append(f'<ol class="pagination__pages">{"".join(items)}</ol>')
    if number < count:
        parts.append(link(number + 1, "다음", "next"))
    parts.append("</nav>")
    return mark_safe("\n".join(parts))  # numbers, and addresses escaped above


@register.simple_tag(takes_context=True)
def page_links(context, page_obj):
    """Page links of a list at the request's own path: page 1 is the path itself (its
    canonical address), any other `?page=N`."""
    if page_obj is None:
        return ""
    path = iri_to_uri(context["request"].path)
    return page_nav(
        page_obj.number,
        page_obj.paginator.num_pages,
        lambda page: path if page == 1 else f"?page={page}",
    )
