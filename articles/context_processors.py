from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles import invalidation
from articles.models import Publisher
from articles.queries import boxes, sections
from articles.queries.comments import Sort, parse_sort
from newsroom.cache import tags as cache_tags
from newsroom.http import query_value


def _publisher():
    cache_tags.add(invalidation.FOOTER)
    return Publisher.current()


def site(request):
    """The site name, the header's sections and date, the side boxes and the footer's publisher
    details (each fetched only if rendered), and what the live parts of a page ask for."""
    tab = boxes.most_viewed_tab(query_value(request, "most"))
    sort = parse_sort(query_value(request, "sort"))
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL.rstrip("/"),
        "nav_sections": SimpleLazyObject(sections.top_sections),
        # Today in Asia/Seoul: part of the header fragment's key, so the date turns at midnight.
        "today": timezone.localdate(),
        "publisher": SimpleLazyObject(_publisher),
        # Beside an article, the boxes never show the article itself.
        "side": SimpleLazyObject(
            lambda: boxes.side_boxes(exclude=getattr(request, "side_article", None))
        ),
        "side_article": getattr(request, "side_article", None),
        "most_viewed_tab": tab,
        # What the page's address holds for its live parts (none when it is the default).
        "most_viewed_param": "" if tab == boxes.MOST_VIEWED_DEFAULT else tab,
        "comment_sort_param": "" if sort == Sort.LATEST else sort,
        "comment_reply_param": query_value(request, "reply") or "",
        "side_cache_seconds": settings.SIDE_BOXES_CACHE_SECONDS,
        "reactions_live_seconds": settings.REACTIONS_LIVE_SECONDS,
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        # A preview of unsaved edits renders the article template under a key of its own.
        "fragment_variant": "",
    }
