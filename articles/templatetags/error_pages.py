"""What an error page offers instead of what was asked: a search box and the latest news.

The 404, 403, 500 and 400 pages load this. The 500 and 400 pages are drawn without a request
(Django renders them with no context, and a 400 for a bad Host must not read the Host
again), so nothing here needs one, and nothing here may fail: a 500 is often the database
failing, so the latest list is simply left out then.

A flood of 404s (a crawler, a scanner) must cost no more than one: the latest list is kept
under the tag of the newest articles (a new or due article redraws it) for LISTING_SECONDS
at most.
"""

import logging

from django import template
from django.conf import settings
from django.templatetags.static import static

from articles import invalidation
from articles.models import Article
from articles.search import MAX_QUERY_LENGTH
from newsroom.cache import tags as cache_tags

register = template.Library()
log = logging.getLogger(__name__)

LATEST_COUNT = 5


def _latest():
    cache_tags.add(invalidation.LATEST)
    articles = Article.objects.published().only("pk", "title")[:LATEST_COUNT]
    return [(article.title, article.get_absolute_url()) for article in articles]


def latest_headlines():
    """(headline, address) of the newest public articles, kept; [] if they cannot be read."""
    try:
        return cache_tags.cached("error-pages:latest", _latest, settings.LISTING_SECONDS)
    except Exception:  # the page explains an error already: it must not raise another one
        log.warning("error page drawn without the latest news", exc_info=True)
        return []


@register.inclusion_tag("includes/_error_suggestions.html")
def error_suggestions():
    """A search box and the latest news."""
    return {"latest": latest_headlines(), "max_query_length": MAX_QUERY_LENGTH}


@register.simple_tag
def error_site_name():
    return settings.SITE_NAME


@register.simple_tag
def error_stylesheet():
    """The site's stylesheet address, or "" if static files cannot name it (the page then
    stays readable without it)."""
    try:
        return static("css/site.css")
    except Exception:
        log.warning("error page drawn without its stylesheet", exc_info=True)
        return ""
