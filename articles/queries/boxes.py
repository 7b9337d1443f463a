"""The side boxes of every page: 주요뉴스, 많이 본 뉴스, e스튜디오 and 뉴스발전소."""

import threading
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles import invalidation
from articles.models import Article, Comment, CuratedBox, CuratedSlot, published_rule
from newsroom.cache import tags as cache_tags

BOX_SIZE = 5
STUDIO_SIZE = 4


def showing(now):
    """Slots within their time window (an open end is no limit)."""
    return (Q(starts_at__isnull=True) | Q(starts_at__lte=now)) & (
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )


class Hidden(models.TextChoices):
    """Why a slot of a box is not shown now (the desk's box form lists them)."""

    OUT_OF_TIME = "out-of-time", "게시 시간이 아님"
    NOT_YET_PUBLIC = "not-yet-public", "출고 예약 시각 전"
    OVER_SIZE = "over-size", f"{BOX_SIZE}개 초과"


def hidden_slots(box, now=None):
    """[(slot, Hidden)]: the box's slots that readers will not see now, beyond its size or
    outside their time."""
    now = now or timezone.now()
    slots = list(box.slots.select_related("article"))
    live = {
        a.pk for a in Article.objects.published(now).filter(pk__in=[s.article_id for s in slots])
    }
    shown = 0
    hidden = []
    for slot in slots:
        in_window = (slot.starts_at is None or slot.starts_at <= now) and (
            slot.ends_at is None or slot.ends_at > now
        )
        if not in_window:
            hidden.append((slot, Hidden.OUT_OF_TIME))
        elif slot.article_id not in live:
            hidden.append((slot, Hidden.NOT_YET_PUBLIC))
        elif shown >= BOX_SIZE:
            hidden.append((slot, Hidden.OVER_SIZE))
        else:
            shown += 1
    return hidden


def curated(slugs, *, size=BOX_SIZE):
    """Desk-curated boxes by slug, each topped up with the newest articles when it has too few.

    Two queries for any number of boxes: their slots, and one top-up list shared out in order;
    an article shown in an earlier box is not repeated in a later one."""
    now = timezone.now()
    slots = (
        # The publication rule as a join, not an IN over every public article (which
        # SQLite would materialise for every draw of the boxes).
        CuratedSlot.objects.filter(
            showing(now), published_rule(now=now, through="article__"), box__slug__in=slugs
        )
        .select_related("box", "article", "article__section")
        .defer("article__body")
        .order_by("order", "id")
    )
    picked = {slug: [] for slug in slugs}
    for slot in slots:
        if len(picked[slot.box.slug]) < size:
            picked[slot.box.slug].append(slot.article)
    missing = sum(size - len(articles) for articles in picked.values())
    if missing:
        # Topped up: a new article changes them (only then, or every publication would
        # purge every page showing a box).
        cache_tags.add(invalidation.LATEST)
        shown = {article.pk for articles in picked.values() for article in articles}
        spare = [
            article
            for article in Article.objects.published(now)
            .defer("body")
            .select_related("section")[: missing + len(shown)]
            if article.pk not in shown
        ]
        for slug in slugs:
            while len(picked[slug]) < size and spare:
                picked[slug].append(spare.pop(0))
    return picked


# 많이 본 뉴스 tabs: the query value and the days of views counted. Views are kept per day
# (Asia/Seoul), so "24시간" counts today's and yesterday's, the days the last 24 hours touch.
MOST_VIEWED_TABS = {"24h": 1, "7d": 6}
# When few articles were viewed in a tab's days, it is topped up with the articles of this
# many days by their total views (a quiet morning still shows five).
MOST_VIEWED_TOP_UP_DAYS = 7
MOST_VIEWED_DEFAULT = "24h"


def most_viewed_tab(value):
    """The tab a `?most=` value asks for; anything else is the default tab."""
    return value if value in MOST_VIEWED_TABS else MOST_VIEWED_DEFAULT


def most_viewed(*, size=BOX_SIZE):
    """많이 본 뉴스 for each tab: the public articles most viewed from the tab's first day until
    today, by their daily counts; topped up, when few were viewed, with the week's articles by
    their total count (one query shared by the tabs)."""
    now = timezone.now()
    today = timezone.localdate(now)
    tabs = {
        tab: list(
            Article.objects.published(now)
            .filter(daily_views__day__gte=today - timedelta(days=days_back))
            .annotate(recent_views=Sum("daily_views__views"))
            .order_by("-recent_views", "-published_at", "-id")
            .defer("body")
            .select_related("section")[:size]
        )
        for tab, days_back in MOST_VIEWED_TABS.items()
    }
    if any(len(ranked) < size for ranked in tabs.values()):
        spare = list(
            Article.objects.published(now)
            .filter(published_at__gte=now - timedelta(days=MOST_VIEWED_TOP_UP_DAYS))
            .order_by("-view_count", "-published_at", "-id")
            .defer("body")
            .select_related("section")[: size * 2]
        )
        for ranked in tabs.values():
            shown = {article.pk for article in ranked}
            ranked += [a for a in spare if a.pk not in shown][: size - len(ranked)]
    return tabs


# 댓글 많은 뉴스 tabs, by the same `?most=` value: the hours of comments counted (comments have
# their own time, unlike views, which are kept per day).
MOST_COMMENTED_HOURS = {"24h": 24, "7d": 24 * 7}


def most_commented(*, size=BOX_SIZE):
    """댓글 많은 뉴스 for each tab: the public articles with the most visible comments written
    in the tab's last hours (one query a tab)."""
    now = timezone.now()
    return {
        tab: list(
            Article.objects.published(now)
            .filter(
                comments__status=Comment.Status.VISIBLE,
                comments__created_at__gte=now - timedelta(hours=hours),
            )
            .annotate(recent_comments=Count("comments"))
            .order_by("-recent_comments", "-published_at", "-id")
            .defer("body")
            .select_related("section")[:size]
        )
        for tab, hours in MOST_COMMENTED_HOURS.items()
    }


def section_most_viewed(section, *, size=BOX_SIZE):
    """많이 본 뉴스 of a section (and its sub-sections) over the 7일 tab's days, by their daily
    counts, in the section page's side column; kept SIDE_BOXES_CACHE_SECONDS, as views purge
    nothing (the page's script asks for it as it is, as for the other boxes)."""
    days_back = MOST_VIEWED_TABS["7d"]

    def compute():
        now = timezone.now()
        found = list(
            Article.objects.published(now)
            .in_section(section)
            .filter(daily_views__day__gte=timezone.localdate(now) - timedelta(days=days_back))
            .annotate(recent_views=Sum("daily_views__views"))
            .order_by("-recent_views", "-published_at", "-id")
            .only("id", "title", "published_at", "section_id")[:size]
        )
        cache_tags.add(*(invalidation.article(a.pk) for a in found))
        cache_tags.lasts_at_most(settings.SIDE_BOXES_CACHE_SECONDS)
        return found

    return cache_tags.cached(
        f"section-most-viewed:{section.pk}", compute, settings.SIDE_BOXES_CACHE_SECONDS
    )


def studio(*, size=4):
    """e스튜디오: the newest articles with a video."""
    return list(Article.objects.published().exclude(video_url="").for_cards()[:size])


def _compute_curated():
    """주요뉴스 and 뉴스발전소, with one article more than they show, so that the page of an
    article that is in one shows the next instead (an article never recommends itself).
    Purged by tag when they change: a slot's start or end purges its box at that moment
    (invalidation.py)."""
    size = BOX_SIZE + 1
    boxes = curated([CuratedBox.TOP_NEWS, CuratedBox.NEWS_PLANT], size=size)
    found = {"top_news": boxes[CuratedBox.TOP_NEWS], "news_plant": boxes[CuratedBox.NEWS_PLANT]}
    # 주요뉴스 shows thumbnails in an article's own column: fetched once, with the boxes.
    prefetch_related_objects(found["top_news"], Article.photos_prefetch())
    cache_tags.add(
        invalidation.box(CuratedBox.TOP_NEWS),
        invalidation.box(CuratedBox.NEWS_PLANT),
        *(invalidation.article(article.pk) for box in found.values() for article in box),
    )
    return found


def _compute_studio():
    """e스튜디오: the newest articles with a video (one more than shown, as above)."""
    found = studio(size=STUDIO_SIZE + 1)
    cache_tags.add(invalidation.LATEST, *(invalidation.article(a.pk) for a in found))
    return found


def _compute_commented():
    """댓글 많은 뉴스 in both tabs, one article more than shown (as above). A comment purges
    its own article's thread, not the ranking: drawn again after this long instead."""
    found = most_commented(size=BOX_SIZE + 1)
    cache_tags.add(*(invalidation.article(a.pk) for tab in found.values() for a in tab))
    cache_tags.lasts_at_most(settings.SIDE_BOXES_CACHE_SECONDS)
    return found


def _compute_ranked():
    """많이 본 뉴스 in both tabs, one article more than shown (as above)."""
    found = most_viewed(size=BOX_SIZE + 1)
    cache_tags.add(*(invalidation.article(a.pk) for tab in found.values() for a in tab))
    # It moves with every view, which purges nothing: drawn again after this long instead,
    # and what shows it is kept no longer (pages show it as drawn, and their script asks
    # for it as it is: templates/includes/side.html).
    cache_tags.lasts_at_most(settings.SIDE_BOXES_CACHE_SECONDS)
    return found


# One thread of a process draws the boxes while the others wait for them: they expire every
# SIDE_BOXES_CACHE_SECONDS, and on a large archive drawing them is slow enough that every
# thread rendering a page in that moment would otherwise pay for it at once.
_drawing = threading.Lock()


def _kept(key, compute):
    found = cache_tags.get(key)
    if found is not None:
        return found.value
    with _drawing:
        return cache_tags.cached(key, compute, settings.SIDE_BOXES_CACHE_SECONDS)


def _without(articles, exclude, size):
    return [article for article in articles if article.pk != exclude][:size]


def side_boxes(*, exclude=None, section=None):
    """The four boxes (많이 본 뉴스 in both tabs), shared by every page and process; beside an
    article (`exclude`), without it. Each is read only where it is shown, so that what shows
    one box follows its tags (and its lifetime) alone: 주요뉴스 in an article's own column
    does not change with every new video or view."""
    curated_boxes = SimpleLazyObject(lambda: _kept("side-boxes:curated", _compute_curated))
    return {
        "top_news": SimpleLazyObject(
            lambda: _without(curated_boxes["top_news"], exclude, BOX_SIZE)
        ),
        "most_viewed": SimpleLazyObject(
            lambda: {
                tab: _without(ranked, exclude, BOX_SIZE)
                for tab, ranked in _kept("side-boxes:ranked", _compute_ranked).items()
            }
        ),
        "section_most_viewed": SimpleLazyObject(
            lambda: section_most_viewed(section) if section is not None else []
        ),
        "most_commented": SimpleLazyObject(
            lambda: {
                tab: _without(ranked, exclude, BOX_SIZE)
                for tab, ranked in _kept("side-boxes:commented", _compute_commented).items()
            }
        ),
        "studio": SimpleLazyObject(
            lambda: _without(_kept("side-boxes:studio", _compute_studio), exclude, STUDIO_SIZE)
        ),
        "news_plant": SimpleLazyObject(
            lambda: _without(curated_boxes["news_plant"], exclude, BOX_SIZE)
        ),
    }
