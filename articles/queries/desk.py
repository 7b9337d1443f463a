"""What the desk's screens read: the 데스크 home's lists, scheduled stories, who saved an article
last and who has it open, and the stories readers want followed up."""

from datetime import timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from django.utils import timezone
from taggit.models import Tag

from articles import roles
from articles.models import Article, EditingSession, Reaction

HOME_LIST_SIZE = 10
STALE_DRAFT_DAYS = 7
# An editor whose form's heartbeat (every 20 s, static/js/article-editing.js) missed two is gone.
PRESENCE_SECONDS = 45
# 추가취재 원해요 counts the presses of the last week.
FOLLOW_UP_DAYS = 7


def home_lists(queryset, now=None):
    """The four lists of the 데스크 home: (title, articles, count, changelist query)."""
    now = now or timezone.localtime()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    lists = [
        (
            "검토 요청",
            queryset.filter(status=Article.Status.REVIEW).order_by("-updated_at", "-id"),
            "status__exact=review",
            "검토를 기다리는 기사가 없습니다.",
        ),
        (
            "예약",
            queryset.scheduled(now).order_by("published_at", "id"),
            "schedule=scheduled",
            "예약된 기사가 없습니다.",
        ),
        (
            "오늘 출고",
            queryset.published(now).filter(published_at__gte=today).order_by("-published_at"),
            f"schedule=live&published_at__year={today.year}"
            f"&published_at__month={today.month}&published_at__day={today.day}",
            "오늘 출고한 기사가 아직 없습니다.",
        ),
        (
            f"{STALE_DRAFT_DAYS}일 넘게 손대지 않은 초고",
            queryset.filter(
                status=Article.Status.DRAFT,
                updated_at__lt=now - timedelta(days=STALE_DRAFT_DAYS),
            ).order_by("updated_at", "id"),
            "status__exact=draft&stale=yes",
            "오래 묵은 초고가 없습니다.",
        ),
    ]
    return [
        {
            "title": title,
            "articles": list(articles.select_related("section")[:HOME_LIST_SIZE]),
            "count": articles.count(),
            "query": query,
            "empty": empty,
        }
        for title, articles, query, empty in lists
    ]


def last_saved_by(article):
    """(name, time) of the last save recorded in the admin's history, if any."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(article.pk),
            action_flag__in=[CHANGE],
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry is None:
        return "다른 사람", article.updated_at
    user = entry.user
    return roles.display_name(user), entry.action_time


def tags_in_use(limit):
    """Names of the tags articles carry, the most used first (then by name)."""
    tagged = Count("taggit_taggeditem_items")
    in_use = Tag.objects.annotate(uses=tagged).filter(uses__gt=0)
    return list(in_use.order_by("-uses", "name").values_list("name", flat=True)[:limit])


def others_present(article, user):
    """Names of the other staff with this article's form open now."""
    since = timezone.now() - timedelta(seconds=PRESENCE_SECONDS)
    sessions = (
        EditingSession.objects.filter(article=article, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("seen_at")
    )
    return [roles.display_name(s.user) for s in sessions]


def follow_up_demand(*, days=FOLLOW_UP_DAYS, now=None):
    """Articles readers asked to follow up (추가취재 원해요) in the last `days` days.

    Each carries want_more_recent (presses in the period) and last_requested; newest demand first.
    """
    since = (now or timezone.now()) - timedelta(days=days)
    recent = Q(reactions__kind=Reaction.Kind.WANT_MORE, reactions__created_at__gte=since)
    return (
        Article.objects.annotate(
            want_more_recent=Count("reactions", filter=recent),
            last_requested=Max("reactions__created_at", filter=recent),
        )
        .filter(want_more_recent__gt=0)
        .select_related("section", "section__parent")
        .order_by("-last_requested", "-pk")
    )
