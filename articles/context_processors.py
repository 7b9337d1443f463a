from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles import invalidation
from articles.models import Publisher, SitePage
from articles.queries import boxes, sections
from newsroom.cache import tags as cache_tags
from newsroom.http import query_value


def current_publisher():
    """The publisher's details and site options, kept until the desk saves them (the footer
    tag): read by the footer of every page and by what the options change."""

    def read():
        cache_tags.add(invalidation.FOOTER)
        return Publisher.current()

    cache_tags.add(invalidation.FOOTER)
    return cache_tags.cached("publisher", read, settings.FRAGMENT_CACHE_SECONDS)


def footer_pages():
    """The footer's links to the desk's pages (title, address, and whether it is the privacy
    policy, which the footer sets in bold, as the law asks it to stand out), kept until one
    changes."""

    def read():
        cache_tags.add(invalidation.FOOTER)
        return [
            (page.title, page.get_absolute_url(), page.slug == "privacy")
            for page in SitePage.objects.only("slug", "title", "order")
        ]

    cache_tags.add(invalidation.FOOTER)
    return cache_tags.cached("footer-pages", read, settings.FRAGMENT_CACHE_SECONDS)


def site(request):
    """The site name, the header's sections and date, the side boxes and the footer's publisher
    details (each fetched only if rendered)."""
    tab = boxes.most_viewed_tab(query_value(request, "most"))
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL.rstrip("/"),
        "nav_sections": SimpleLazyObject(sections.top_sections),
        # Today in Asia/Seoul: part of the header fragment's key, so the date turns at midnight.
        "today": timezone.localdate(),
        "publisher": SimpleLazyObject(current_publisher),
        "footer_pages": SimpleLazyObject(footer_pages),
        # Beside an article, the boxes never show the article itself.
        "side": SimpleLazyObject(
            lambda: boxes.side_boxes(
                exclude=getattr(request, "side_article", None),
                section=getattr(request, "side_section", None),
            )
        ),
        "side_article": getattr(request, "side_article", None),
        # A section's page adds the section's own 많이 본 뉴스 to its side column.
        "side_section": getattr(request, "side_section", None),
        # A page's side boxes are refreshed by its script (views/live.py), but for the boxes'
        # own page, which is what the script asks for.
        "side_refreshed": not getattr(request, "side_boxes_page", False),
        "most_viewed_tab": tab,
        "side_cache_seconds": settings.SIDE_BOXES_CACHE_SECONDS,
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        # A preview of unsaved edits renders the article template under a key of its own.
        "fragment_variant": "",
    }
