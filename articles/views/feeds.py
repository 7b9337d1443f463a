"""RSS 2.0 feeds: every article, a section's (its sub-sections' included), a reporter's.

Every address in them is under settings.SITE_URL (articles.seo.absolute): the syndication
framework only prefixes the request's host to the paths it is given, so it is given none."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from articles import invalidation, seo
from articles.models import Article, ArticleReporter, Reporter
from articles.queries import sections
from newsroom.cache import tags as cache_tags

ITEMS = 30


class LatestFeed(Feed):
    """The newest public articles of the whole site."""

    language = "ko"

    def title(self, obj):
        return f"{settings.SITE_NAME} 전체 기사"

    def description(self, obj):
        return f"{settings.SITE_NAME}의 최신 기사"

    def link(self, obj):
        return seo.absolute(reverse("articles:home"))

    def feed_url(self, obj):
        return seo.absolute(reverse("articles:feed"))

    def articles(self, obj):
        return Article.objects.published()

    def list_tags(self, obj):
        """The cache tags of which articles the feed holds (invalidation.py)."""
        return [invalidation.LATEST]

    def items(self, obj):
        bylines = ArticleReporter.objects.select_related("reporter").order_by("order", "id")
        items = list(
            self.articles(obj)
            .defer("body")
            .select_related("section")
            .prefetch_related(Prefetch("bylines", queryset=bylines))
            .order_by("-published_at", "-id")[:ITEMS]
        )
        cache_tags.add(
            *self.list_tags(obj),
            *(invalidation.article(item.pk) for item in items),
            *{invalidation.reporter(b.reporter_id) for item in items for b in item.bylines.all()},
        )
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return "\n".join(item.deck_lines) or seo.description(item)

    def item_link(self, item):
        return seo.absolute(item.get_absolute_url())

    def item_guid(self, item):
        return seo.absolute(item.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # The feed's lastBuildDate is the latest of these: an edit or a correction moves it.
        return seo.modified_at(item)

    def item_author_name(self, item):
        names = [f"{byline.reporter.name} 기자" for byline in item.bylines.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [item.section.name]


class SectionFeed(LatestFeed):
    """A section's feed, its sub-sections' articles included, as on its page."""

    def get_object(self, request, slug):
        section = sections.by_slug(slug)
        if section is None:
            raise Http404("섹션을 찾을 수 없습니다.")
        return section

    def title(self, obj):
        return f"{settings.SITE_NAME} {obj.name}"

    def description(self, obj):
        return f"{settings.SITE_NAME} {obj.name} 섹션의 최신 기사"

    def link(self, obj):
        return seo.absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return seo.absolute(reverse("articles:section-feed", args=[obj.slug]))

    def articles(self, obj):
        return Article.objects.published().in_section(obj)

    def list_tags(self, obj):
        return [invalidation.section_list(obj.pk), invalidation.SECTIONS]


class ReporterFeed(LatestFeed):
    """A reporter's bylined articles."""

    def get_object(self, request, slug):
        return get_object_or_404(Reporter, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME} {obj.name} 기자"

    def description(self, obj):
        return f"{settings.SITE_NAME} {obj.name} 기자의 최신 기사"

    def link(self, obj):
        return seo.absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return seo.absolute(reverse("articles:reporter-feed", args=[obj.slug]))

    def list_tags(self, obj):
        return [invalidation.reporter_list(obj.pk), invalidation.reporter(obj.pk)]

    def articles(self, obj):
        return Article.objects.published().filter(bylines__reporter=obj)
