from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles.models import Publisher
from articles.queries import boxes, sections
from newsroom.cache import versions
from newsroom.http import query_value


def site(request):
    """The site name, the header's sections and date, the side boxes and the footer's publisher
    details (each fetched only if rendered)."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL.rstrip("/"),
        "nav_sections": SimpleLazyObject(sections.top_sections),
        # Today in Asia/Seoul: part of the header fragment's key, so the date turns at midnight.
        "today": timezone.localdate(),
        "publisher": SimpleLazyObject(Publisher.current),
        "cache_version": SimpleLazyObject(versions.site_version),
        "side": SimpleLazyObject(boxes.side_boxes),
        "most_viewed_tab": boxes.most_viewed_tab(query_value(request, "most")),
        "side_cache_seconds": settings.SIDE_BOXES_CACHE_SECONDS,
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        # A preview of unsaved edits renders the article template under a key of its own.
        "fragment_variant": "",
    }
