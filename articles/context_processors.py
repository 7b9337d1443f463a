from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles import boxes, pagecache, sections


def site(request):
    """The site name, the header's sections, and the side boxes (fetched only if rendered)."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(sections.top_sections),
        "cache_version": SimpleLazyObject(pagecache.site_version),
        "side": SimpleLazyObject(boxes.side_boxes),
        "side_cache_seconds": settings.SIDE_BOXES_CACHE_SECONDS,
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        # A preview of unsaved edits renders the article template under a key of its own.
        "fragment_variant": "",
    }
