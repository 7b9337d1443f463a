"""The side boxes of every page: 주요뉴스, 많이 본 뉴스, e스튜디오 and 뉴스발전소."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.utils import timezone

from articles.models import Article, CuratedBox, CuratedSlot

BOX_SIZE = 5


def showing(now):
    """Slots within their time window (an open end is no limit)."""
    return (Q(starts_at__isnull=True) | Q(starts_at__lte=now)) & (
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )


def hidden_slots(box, now=None):
    """The box's slots that readers will not see now: beyond its size, or outside their time."""
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
            hidden.append((slot, "게시 시간이 아님"))
        elif slot.article_id not in live:
            hidden.append((slot, "출고 예약 시각 전"))
        elif shown >= BOX_SIZE:
            hidden.append((slot, f"{BOX_SIZE}개 초과"))
        else:
            shown += 1
    return hidden


def curated(slug, *, exclude=(), size=BOX_SIZE):
    """A desk-curated box, topped up with the newest articles when it has too few."""
    now = timezone.now()
    box = (
        CuratedBox.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "slots",
                queryset=CuratedSlot.objects.filter(
                    showing(now), article__in=Article.objects.published(now)
                ).select_related("article", "article__section"),
            )
        )
        .first()
    )
    picked = [slot.article for slot in box.slots.all()][:size] if box else []
    if len(picked) < size:
        skip = {a.pk for a in picked} | set(exclude)
        picked += list(
            Article.objects.published(now)
            .exclude(pk__in=skip)
            .select_related("section")[: size - len(picked)]
        )
    return picked


def most_viewed(*, days=7, size=BOX_SIZE):
    """Most viewed among the articles published in the last `days` days."""
    now = timezone.now()
    return list(
        Article.objects.published(now)
        .filter(published_at__gte=now - timedelta(days=days))
        .order_by("-view_count", "-published_at")
        .select_related("section")[:size]
    )


def studio(*, size=4):
    """e스튜디오: the newest articles with a video."""
    return list(Article.objects.published().exclude(video_url="").for_cards()[:size])


def _compute():
    top = curated(CuratedBox.TOP_NEWS)
    return {
        "top_news": top,
        "most_viewed": most_viewed(),
        "studio": studio(),
        "news_plant": curated(CuratedBox.NEWS_PLANT, exclude=[a.pk for a in top]),
    }


def side_boxes():
    """The four boxes, shared by every page and process for SIDE_BOXES_CACHE_SECONDS."""
    return cache.get_or_set("side-boxes:v1", _compute, settings.SIDE_BOXES_CACHE_SECONDS)
