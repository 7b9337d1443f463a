"""The desk's screens in the admin: the 데스크 home and the list filters it links to."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone

from articles.models import Article

HOME_LIST_SIZE = 10
STALE_DRAFT_DAYS = 7


def scheduled(queryset, now=None):
    """출고 with a time still to come: not public yet, shown to the desk as 예약."""
    return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())


def is_scheduled(article, now=None):
    return (
        article.status == Article.Status.PUBLISHED
        and article.published_at is not None
        and article.published_at > (now or timezone.now())
    )


class ScheduleFilter(admin.SimpleListFilter):
    """예약 apart from 출고: the status filter alone cannot tell an embargo from a live story."""

    title = "예약"
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [("scheduled", "예약 (아직 공개 전)"), ("live", "공개 중")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "scheduled":
            return scheduled(queryset, now)
        if self.value() == "live":
            return queryset.published(now)
        return queryset


class MineFilter(admin.SimpleListFilter):
    """The articles on the signed-in user's own byline."""

    title = "내 기사"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", "내 기사만")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(bylines__reporter__user=request.user).distinct()
        return queryset


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
            scheduled(queryset, now).order_by("published_at", "id"),
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


class StaleDraftFilter(admin.SimpleListFilter):
    title = "오래된 초고"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", f"{STALE_DRAFT_DAYS}일 넘게 수정 없음")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            cutoff = timezone.now() - timedelta(days=STALE_DRAFT_DAYS)
            return queryset.filter(status=Article.Status.DRAFT, updated_at__lt=cutoff)
        return queryset
