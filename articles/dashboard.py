"""뉴스룸 대시보드: the last 30 days counted in the database and drawn as inline SVG.

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
from django.utils.html import format_html, format_html_join

from articles import sections as sections_tree
from articles.models import Comment, DailyViews, Reaction

DAYS = 30
TOP_SIZE = 10
REACTION_COLORS = {
    Reaction.Kind.LIKE: "#2f6fd6",
    Reaction.Kind.ANGRY: "#d64541",
    Reaction.Kind.SAD: "#7a5cc4",
    Reaction.Kind.WANT_MORE: "#e08a1e",
}
COMMENT_COLORS = {
    Comment.Status.VISIBLE: "#2e9d5b",
    Comment.Status.PENDING: "#e0b21e",
    Comment.Status.HIDDEN: "#8a8f98",
    Comment.Status.DELETED: "#d64541",
}


class LocalDate(TruncDate):
    """The calendar day of a timestamp in the site's time zone, computed by the database.

    Django's TruncDate runs a Python function per row on SQLite, 5 s over the 250,000
    reactions of a busy month; SQLite's own date() with the zone's offset takes a fraction of
    that. Asia/Seoul keeps one offset all year, so the offset at `now` holds for the window.
    PostgreSQL's AT TIME ZONE is native already."""

    def __init__(self, expression, *, offset_seconds, **extra):
        self.offset_seconds = int(offset_seconds)
        super().__init__(expression, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, %s)", (*params, f"{self.offset_seconds:+d} seconds")


# Chart geometry (SVG user units; the SVG scales to its box).
WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 26, 40


def _days(today):
    return [today - timedelta(days=offset) for offset in range(DAYS - 1, -1, -1)]


def _nice_max(value):
    """A round top for the value axis: 1, 2, 5 × 10ⁿ at or above the largest value."""
    if value <= 0:
        return 4
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _steps(top):
    """Gridlines at whole numbers: 5 for 1/5 × 10ⁿ, 4 for 2 × 10ⁿ, one per unit below 5."""
    if top <= 5:
        return top
    return 4 if str(top).startswith("2") else 5


def bar_chart(title, days, series, *, unit):
    """Stacked daily bars: series is [(label, colour, {day: value})]. Returns SVG and table."""
    totals = [sum(values.get(day, 0) for _, _, values in series) for day in days]
    top = _nice_max(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(days)
    bar_w = max(slot * 0.7, 1)
    rects = []
    for index, day in enumerate(days):
        x = LEFT + index * slot + (slot - bar_w) / 2
        base = TOP + plot_h
        for label, colour, values in series:
            value = values.get(day, 0)
            if not value:
                continue
            h = plot_h * value / top
            base -= h
            rects.append(
                (
                    f"{x:.1f}",
                    f"{base:.1f}",
                    f"{bar_w:.1f}",
                    f"{h:.1f}",
                    colour,
                    f"{day:%m.%d} {label} {value:,}{unit}",
                )
            )
    grid = []
    steps = _steps(top)
    for step in range(steps + 1):
        value = top * step // steps
        y = TOP + plot_h - plot_h * step / steps
        grid.append((f"{y:.1f}", f"{y + 4:.1f}", f"{value:,}"))
    ticks = [
        (f"{LEFT + index * slot + slot / 2:.1f}", f"{day:%m.%d}")
        for index, day in enumerate(days)
        if index % 5 == (len(days) - 1) % 5
    ]
    svg = format_html(
        '<svg class="chart__svg" viewBox="0 0 {w} {h}" role="img" aria-label="{title}">'
        "{grid}{bars}{ticks}"
        '<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" class="chart__axis"/>'
        '<text x="{middle}" y="{axis_y}" class="chart__axis-title" text-anchor="middle">날짜</text>'
        '<text x="{left}" y="12" class="chart__axis-title" text-anchor="end">{unit_label}</text>'
        "</svg>",
        w=WIDTH,
        h=HEIGHT,
        title=title,
        grid=format_html_join(
            "",
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart__grid"/>'
            '<text x="{}" y="{}" class="chart__value" text-anchor="end">{}</text>',
            ((LEFT, y, WIDTH - RIGHT, y, LEFT - 6, ty, label) for y, ty, label in grid),
        ),
        bars=format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
            rects,
        ),
        ticks=format_html_join(
            "",
            '<text x="{}" y="{}" class="chart__tick" text-anchor="middle">{}</text>',
            ((x, TOP + plot_h + 16, label) for x, label in ticks),
        ),
        left=LEFT,
        right=WIDTH - RIGHT,
        base=TOP + plot_h,
        axis_y=HEIGHT - 4,
        middle=LEFT + plot_w / 2,
        unit_label=f"({unit})",
    )
    rows = [
        (day, [values.get(day, 0) for _, _, values in series], total)
        for day, total in zip(days, totals, strict=True)
    ]
    return {
        "title": title,
        "svg": svg,
        "legend": [(label, colour) for label, colour, _ in series],
        "columns": [label for label, _, _ in series],
        "rows": list(reversed(rows)),
        "total": sum(totals),
        "unit": unit,
        "stacked": len(series) > 1,
    }


def build(now=None):
    """Everything the dashboard shows, in five queries."""
    now = timezone.localtime(now)
    seoul = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = now.date()
    days = _days(today)
    since = datetime.combine(days[0], time.min, tzinfo=seoul)
    offset = now.utcoffset().total_seconds()

    views = dict(
        DailyViews.objects.filter(day__gte=days[0], day__lte=today)
        .values_list("day")
        .annotate(total=Sum("views"))
        .order_by()
    )

    reactions = {kind: {} for kind in Reaction.Kind}
    for day, kind, count in (
        Reaction.objects.filter(kind__in=Reaction.Kind.values, created_at__gte=since)
        .annotate(day=LocalDate("created_at", offset_seconds=offset, tzinfo=seoul))
        .values_list("day", "kind")
        .annotate(count=Count("id"))
        .order_by()
    ):
        if kind in reactions:
            reactions[kind][day] = count

    comments = {status: {} for status in Comment.Status}
    for day, status, count in (
        Comment.objects.filter(created_at__gte=since)
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
    top_views = most_read[0].views if most_read else 0

    # Grouped by the section's id alone (no join to the section names, 3× faster at 100,000
    # articles); a sub-section's views count for its top section, as the site's menu groups them.
    top_names = {}
    for top in sections_tree.top_sections():
        for member in top.family_ids:
            top_names[member] = top.name
    by_section = {}
    for section_id, total in (
        DailyViews.objects.filter(day__gte=days[0], day__lte=today)
        .values_list("article__section_id")
        .annotate(total=Sum("views"))
        .order_by()
    ):
        key = top_names.get(section_id, "섹션 없음")
        by_section[key] = by_section.get(key, 0) + (total or 0)
    section_total = sum(by_section.values())
    sections = [
        {
            "name": name,
            "views": total,
            "share": round(100 * total / section_total, 1) if section_total else 0,
        }
        for name, total in sorted(by_section.items(), key=lambda item: (-item[1], item[0]))
    ]

    charts = [
        bar_chart("일별 페이지뷰 (최근 30일)", days, [("조회수", "#2f6fd6", views)], unit="회"),
        bar_chart(
            "일별 반응 (종류별)",
            days,
            [(kind.label, REACTION_COLORS[kind], reactions[kind]) for kind in Reaction.Kind],
            unit="건",
        ),
        bar_chart(
            "일별 댓글과 처리 결과",
            days,
            [(status.label, COMMENT_COLORS[status], comments[status]) for status in Comment.Status],
            unit="건",
        ),
        bar_chart(
            "일별 ‘추가취재 원해요’",
            days,
            [
                (
                    "추가취재 원해요",
                    REACTION_COLORS[Reaction.Kind.WANT_MORE],
                    reactions[Reaction.Kind.WANT_MORE],
                )
            ],
            unit="건",
        ),
    ]
    return {
        "charts": charts,
        "today": today,
        "since": days[0],
        "most_read": [
            {
                "article": row.article,
                "views": row.views,
                "width": round(100 * row.views / top_views) if top_views else 0,
            }
            for row in most_read
        ],
        "sections": sections,
        "section_total": section_total,
    }
