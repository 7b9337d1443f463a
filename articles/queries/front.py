"""What the front page lists."""

from django.db.models import Q, prefetch_related_objects
from django.utils.functional import cached_property

from articles import invalidation
from articles.models import Article
from articles.queries import sections
from newsroom.cache import tags as cache_tags

# The lead story, then this many latest ones; then this many of each top section.
LATEST_SIZE = 12
SECTION_ROW_SIZE = 4


class FrontPage:
    """What the home page lists; queried only when its cached fragment has expired.

    A fixed number of queries whatever the number of sections: the latest articles, the four
    newest of every top section (one query: a union of indexed LIMIT 4 subqueries), and all
    their photos at once."""

    @cached_property
    def _lists(self):
        published = Article.objects.published()
        latest = list(published.for_cards(photos=False)[: 1 + LATEST_SIZE])
        tops = sections.top_sections()
        newest = Q()
        for section in tops:
            ordered = published.in_section(section).order_by("-published_at", "-id")
            ids = ordered.values("pk")[:SECTION_ROW_SIZE]
            newest |= Q(pk__in=ids)
        rows = {}
        if tops:
            found = (
                published.filter(newest).for_cards(photos=False).order_by("-published_at", "-id")
            )
            for article in found:
                rows.setdefault(sections.top_of(article.section).pk, []).append(article)
        by_section = [(section, rows[section.pk]) for section in tops if section.pk in rows]
        shown = [*latest, *(article for _section, articles in by_section for article in articles)]
        prefetch_related_objects(shown, Article.photos_prefetch())
        cache_tags.add(invalidation.FRONT)
        invalidation.show_cards(shown)
        return latest, by_section

    def lead(self):
        return self._lists[0][:1]

    def latest(self):
        return self._lists[0][1:]

    def by_section(self):
        """Each top section with its four newest articles (its sub-sections' included)."""
        return self._lists[1]
