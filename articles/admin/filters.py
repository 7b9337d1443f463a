"""The article list's filters: 휴지통, 예약 apart from 출고, 내 기사, old drafts, sections as a
tree."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone

from articles.admin.forms import section_tree_label, sections_in_tree_order
from articles.models import Article, Section
from articles.queries.desk import STALE_DRAFT_DAYS


class TrashFilter(admin.SimpleListFilter):
    """The list leaves the 휴지통 out unless it is asked for (or the 휴지통 status is)."""

    title = "휴지통"
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("yes", "휴지통의 기사")]

    def queryset(self, request, queryset):
        trashed = Article.Status.TRASHED
        if self.value() == "yes":
            return queryset.filter(status=trashed)
        if request.GET.get("status__exact") == trashed:
            return queryset
        return queryset.exclude(status=trashed)


class ScheduleFilter(admin.SimpleListFilter):
    """예약 apart from 출고: the status filter alone cannot tell an embargo from a live story."""

    title = "예약"
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [("scheduled", "예약 (아직 공개 전)"), ("live", "공개 중")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "scheduled":
            return queryset.scheduled(now)
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


class SectionTreeFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        sections = sections_in_tree_order(Section.objects.all())
        return [(section.pk, section_tree_label(section)) for section in sections]
