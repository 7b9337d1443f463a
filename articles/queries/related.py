"""What an article page shows around the article: 관련 뉴스, the reporters' other articles and
the side boxes with their photos."""

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from articles import invalidation
from articles.models import Article, ArticleReporter, published_rule
from articles.queries import boxes
from newsroom.cache import tags as cache_tags


def with_photos(box, *, exclude=None):
    """A side box's articles with their photos, fetched with the boxes (beside an article,
    without it)."""
    return list(boxes.side_boxes(exclude=exclude)[box])


def with_other_articles(reporters, article, size=4):
    """The reporters, each with `other_articles`: their newest public articles but this one.

    One query for any number of reporters: bylines ranked per reporter by a window function."""
    for reporter in reporters:
        reporter.other_articles = []
    if not reporters:
        return reporters
    by_id = {reporter.pk: reporter for reporter in reporters}
    bylines = (
        ArticleReporter.objects.filter(
            published_rule(through="article__"), reporter__in=list(by_id)
        )
        .exclude(article=article)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("reporter"),
                order_by=[F("article__published_at").desc(), F("article__id").desc()],
            )
        )
        .filter(rank__lte=size)
        .select_related("article")
        .defer("article__body")
        .order_by("reporter", "rank")
    )
    for byline in bylines:
        by_id[byline.reporter_id].other_articles.append(byline.article)
    cache_tags.add(
        *(invalidation.reporter_list(pk) for pk in by_id),
        *(invalidation.article(item.pk) for r in reporters for item in r.other_articles),
    )
    return reporters


def related_articles(article, tags, size=5):
    """관련 뉴스: the newest public articles sharing a tag (of `tags`, the article's own, read
    for the page already) or the section."""
    tag_ids = [tag.pk for tag in tags]
    found = list(
        Article.objects.published()
        .filter(Q(tags__in=tag_ids) | Q(section=article.section_id))
        .exclude(pk=article.pk)
        .distinct()
        .defer("body")
        .select_related("section")[:size]
    )
    cache_tags.add(
        invalidation.section_list(article.section_id),
        *(invalidation.tag_list(pk) for pk in tag_ids),
        *(invalidation.article(item.pk) for item in found),
    )
    return found


def neighbours(article):
    """이전/다음 기사: the public articles of the same section published just before and just
    after this one, (older, newer), either None. Follows the section's list, so a neighbour
    published, moved or taken down reaches the page."""
    cache_tags.add(invalidation.section_list(article.section_id))
    if not article.is_public:
        return None, None
    siblings = Article.objects.published().filter(section=article.section_id).exclude(pk=article.pk)
    at, pk = article.published_at, article.pk
    # One query: each neighbour's id is a subquery.
    older_id = siblings.before(article).order_by("-published_at", "-id").values("pk")[:1]
    newer_id = siblings.after(article).order_by("published_at", "id").values("pk")[:1]
    found = list(
        Article.objects.filter(Q(pk__in=older_id) | Q(pk__in=newer_id)).only(
            "id", "title", "label", "published_at", "section_id"
        )
    )
    older = next((item for item in found if (item.published_at, item.pk) < (at, pk)), None)
    newer = next((item for item in found if (item.published_at, item.pk) > (at, pk)), None)
    cache_tags.add(*(invalidation.article(item.pk) for item in found))
    return older, newer
