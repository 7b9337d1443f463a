"""뉴스룸 대시보드, drawn: the figures of queries/dashboard.py as inline SVG bar charts."""

from collections.abc import Iterable
from typing import Any

from django.utils.html import format_html, format_html_join

from articles.models import Comment, Reaction
from articles.queries import dashboard

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


# Chart geometry (SVG user units; the SVG scales to its box).
WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 26, 40


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


def build(now=None, *, first=None, last=None):
    """Everything the dashboard shows, for the days from `first` to `last` (the last 30 days
    unless given), and today's numbers so far."""
    found = dashboard.figures(now, first=first, last=last)
    if first is None and last is None:
        period = f"최근 {dashboard.DAYS}일"
    else:
        period = f"{found['first']:%Y-%m-%d} ~ {found['last']:%Y-%m-%d}"
    days, views, reactions, comments = (
        found["days"],
        found["views"],
        found["reactions"],
        found["comments"],
    )
    charts = [
        bar_chart(f"일별 페이지뷰 ({period})", days, [("조회수", "#2f6fd6", views)], unit="회"),
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
        "period": period,
        "today": found["today"],
        "today_so_far": dashboard.today_so_far(now),
        "first": found["first"],
        "last": found["last"],
        "period_most_read": _ranking(
            (row["article_id"], row["article__title"], row["total"])
            for row in found["period_most_read"]
        ),
        "most_read": _ranking(
            (row.article.pk, row.article.title, row.views) for row in found["most_read"]
        ),
        "sections": found["sections"],
        "section_total": found["section_total"],
    }


def _ranking(rows: Iterable[tuple[int, str, int]]) -> list[dict[str, Any]]:
    """(article id, title, views), most read first, as the ranking tables draw them: each bar
    as wide as its share of the first's views."""
    rows = list(rows)
    top = rows[0][2] if rows else 0
    return [
        {
            "article_id": pk,
            "title": title,
            "views": views,
            "width": round(100 * views / top) if top else 0,
        }
        for pk, title, views in rows
    ]
