"""뉴스룸 대시보드's figures: the last 30 days or a chosen period, counted in the database.

Every number is aggregated by the database (GROUP BY day in Asia/Seoul), so the page runs
the same handful of queries at 100 articles or at 100,000; the filters are on indexed
columns (DailyViews.day, Reaction.kind + created_at, Comment.created_at) over 30 days.
"""

import zoneinfo
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from articles.models import Comment, DailyViews, Reaction
from articles.queries import sections

DAYS = 30
TOP_SIZE = 10


class LocalDate(TruncDate):
    """The calendar day of a timestamp in the site's time zone, computed by the database.

    Django's TruncDate runs a Python function per row on SQLite, seconds over a busy month's
    reactions; SQLite's own date() with the zone's offset takes a fraction of that
    (docs/benchmark.md, "In the code"). Asia/Seoul keeps one offset all year, so the offset
    at `now` holds for the window. PostgreSQL's AT TIME ZONE is native already."""

    def __init__(self, expression, *, offset_seconds, **extra):
        self.offset_seconds = int(offset_seconds)
        super().__init__(expression, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, %s)", (*params, f"{self.offset_seconds:+d} seconds")


def _days(first, last):
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def figures(now=None, *, first=None, last=None):
    """The days from `first` to `last` (the last DAYS days unless given) counted by the
    database, and today's numbers so far, in a fixed number of queries."""
    now = timezone.localtime(now)
    seoul = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = now.date()
    last = last or today
    first = first or last - timedelta(days=DAYS - 1)
    days = _days(first, last)
    since = datetime.combine(first, time.min, tzinfo=seoul)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=seoul)
    offset = now.utcoffset().total_seconds()

    views = dict(
        DailyViews.objects.filter(day__gte=first, day__lte=last)
        .values_list("day")
        .annotate(total=Sum("views"))
        .order_by()
    )

    reactions = {kind: {} for kind in Reaction.Kind}
    for day, kind, count in (
        Reaction.objects.filter(
            kind__in=Reaction.Kind.values, created_at__gte=since, created_at__lt=until
        )
        .annotate(day=LocalDate("created_at", offset_seconds=offset, tzinfo=seoul))
        .values_list("day", "kind")
        .annotate(count=Count("id"))
        .order_by()
    ):
        if kind in reactions:
            reactions[kind][day] = count

    comments = {status: {} for status in Comment.Status}
    for day, status, count in (
        Comment.objects.filter(created_at__gte=since, created_at__lt=until)
        .annotate(day=LocalDate("created_at", offset_seconds=offset, tzinfo=seoul))
        .values_list("day", "status")
        .annotate(count=Count("id"))
        .order_by()
    ):
        if status in comments:
            comments[status][day] = count

    most_read = list(
        DailyViews.objects.filter(day=today, views__gt=0)
        .select_related("article", "article__section")
        .only("views", "article__id", "article__title", "article__section__name")
        .order_by("-views", "article_id")[:TOP_SIZE]
    )

    # The period's most read, by the sum of their days (the articles' titles in the same query).
    period_most_read = list(
        DailyViews.objects.filter(day__gte=first, day__lte=last)
        .values("article_id", "article__title")
        .annotate(total=Sum("views"))
        .filter(total__gt=0)
        .order_by("-total", "article_id")[:TOP_SIZE]
    )

    # Grouped by the section's id alone (no join to the section names, which a large archive
    # pays for); a sub-section's views count for its top section, as the site's menu groups them.
    top_names = {}
    for top in sections.top_sections():
        for member in top.family_ids:
            top_names[member] = top.name
    by_section = {}
    for section_id, total in (
        DailyViews.objects.filter(day__gte=first, day__lte=last)
        .values_list("article__section_id")
        .annotate(total=Sum("views"))
        .order_by()
    ):
        key = top_names.get(section_id, "섹션 없음")
        by_section[key] = by_section.get(key, 0) + (total or 0)
    section_total = sum(by_section.values())
    shares = [
        {
            "name": name,
            "views": total,
            "share": round(100 * total / section_total, 1) if section_total else 0,
        }
        for name, total in sorted(by_section.items(), key=lambda item: (-item[1], item[0]))
    ]

    return {
        "today": today,
        "first": first,
        "last": last,
        "days": days,
        "period_most_read": period_most_read,
        "views": views,
        "reactions": reactions,
        "comments": comments,
        "most_read": most_read,
        "sections": shares,
        "section_total": section_total,
    }


def today_so_far(now=None):
    """Today's numbers until now (Asia/Seoul): views counted so far (they reach the database
    every few minutes, articles.actions.pageviews), reactions and comments, in three queries."""
    now = timezone.localtime(now)
    seoul = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    midnight = datetime.combine(now.date(), time.min, tzinfo=seoul)
    return {
        "views": DailyViews.objects.filter(day=now.date()).aggregate(total=Sum("views"))["total"]
        or 0,
        "reactions": Reaction.objects.filter(created_at__gte=midnight).count(),
        "comments": Comment.objects.filter(created_at__gte=midnight).count(),
    }
