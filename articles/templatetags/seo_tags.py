"""Head tags for machines: canonical link, Open Graph, Twitter card, feeds, JSON-LD.

They read the page's own context (what the view already fetched) and never the Host header;
see articles/seo.py."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import invalidation, seo
from newsroom.cache import tags as cache_tags
from newsroom.http import query_value

register = template.Library()

LISTING_KINDS = ("home", "section", "tag", "reporter", "corrections")


def _page_kind(context):
    """The name of the public page being rendered, or None (admin preview, error pages)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespaces != ["articles"]:
        return None
    return match.url_name


def _resolve_once(context, name):
    """A lazy value of the view's context (a callable the template calls on each use), called
    once and kept in its place: the page's body then reuses the rows fetched for the head."""
    for layer in reversed(context.dicts):
        if name in layer:
            value = layer[name]
            if callable(value):
                value = layer[name] = value()
            return value
    return None


def _render_meta(page):
    html = format_html('<link rel="canonical" href="{}">\n', page.url)
    return html + format_html_join("\n", '  <meta {}="{}" content="{}">', page.tags())


def _comments_page(context):
    try:
        return max(1, int(query_value(context["request"], "page", "1")))
    except ValueError:
        return 1


def _article_meta(context, kind, article):
    """An article's meta tags, kept like the page's other fragments until the article changes:
    when the page is drawn again, its photos are not fetched again."""
    page = _comments_page(context) if kind == "comments" else 1

    def render():
        cache_tags.add(invalidation.article(article.pk))
        photos = context.get("photos")
        photos = list(photos) if photos is not None else list(article.photos.all()[:1])
        if kind == "comments":
            return _render_meta(seo.comments_meta(article, photos=photos, page=page))
        return _render_meta(seo.article_meta(article, photos=photos))

    seconds = context.get("fragment_seconds") or 0
    if not seconds:
        return render()
    key = f"seo:meta:{kind}:{article.pk}:{page}:{context.get('fragment_variant', '')}"
    return cache_tags.cached(key, render, seconds)


@register.simple_tag(takes_context=True)
def page_meta(context):
    """<link rel="canonical">, Open Graph and Twitter card tags of the page being rendered."""
    kind = _page_kind(context)
    article = context.get("article")
    if kind in ("detail", "comments") and article is not None:
        return _article_meta(context, kind, article)
    if kind not in LISTING_KINDS:
        return ""
    view = context.get("view")
    obj = {
        "section": getattr(view, "section", None),
        "tag": getattr(view, "tag", None),
        "reporter": context.get("reporter"),
    }.get(kind)
    if kind in ("section", "tag", "reporter") and obj is None:
        return ""
    page_obj = context.get("page_obj")
    page = seo.listing_meta(
        kind=kind,
        obj=obj,
        path=context["request"].path,
        page=page_obj.number if page_obj else 1,
    )
    return _render_meta(page)


@register.simple_tag(takes_context=True)
def feed_links(context):
    """The site's RSS feed, and the section's or reporter's own on their pages."""
    site = settings.SITE_NAME
    feeds = [(f"{site} 전체 기사", reverse("articles:feed"))]
    kind = _page_kind(context)
    section = getattr(context.get("view"), "section", None) if kind == "section" else None
    reporter = context.get("reporter") if kind == "reporter" else None
    if section is not None:
        feeds.append(
            (f"{site} {section.name}", reverse("articles:section-feed", args=[section.slug]))
        )
    if reporter is not None:
        feeds.append(
            (
                f"{site} {reporter.name} 기자",
                reverse("articles:reporter-feed", args=[reporter.slug]),
            )
        )
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">',
        ((title, seo.absolute(url)) for title, url in feeds),
    )


@register.simple_tag(takes_context=True)
def article_json_ld(context):
    """NewsArticle JSON-LD of the article page, escaped to stay inside its <script>."""
    article = context.get("article")
    if article is None:
        return ""
    bylines = _resolve_once(context, "bylines") or []
    photos = context.get("photos")
    photos = list(photos) if photos is not None else []
    data = seo.news_article(article, bylines=bylines, photos=photos)
    # json_for_script escapes <, > and &: no headline can close the element or open markup.
    return mark_safe(f'<script type="application/ld+json">{seo.json_for_script(data)}</script>')
