"""Reactions: 좋아요 · 화나요 · 슬퍼요 · 추가취재 원해요, once per kind per visitor and article.

The counters live on the article and change only through toggle_reaction(): the unique
constraint on (article, visitor, kind) decides whether a press adds or takes back, and the
counter moves by F() in the same transaction, so no press is lost or counted twice, whichever
server process handles it.
"""

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from articles import pagecache
from articles.models import Article, Reaction
from articles.visitors import reader_key

Kind = Reaction.Kind
COUNTER_FIELDS = [kind.counter_field for kind in Kind]

LIMITED_MESSAGE = "반응을 너무 자주 눌렀습니다. 잠시 후 다시 눌러 주세요."
UNKNOWN_KIND_MESSAGE = "알 수 없는 반응입니다."
NOT_FOUND_MESSAGE = "기사를 찾을 수 없습니다."


def toggle_reaction(*, article, visitor, kind):
    """Press `kind` for `visitor`, or take it back if already pressed: (pressed, counts).

    Three statements in one short transaction, written out in SQL because this is the write a
    breaking-news spike makes most: the insert that the unique constraint lets through at most
    once, else the delete; then the counter moved by exactly what changed, returning all four."""
    kind = Kind(kind)
    field = kind.counter_field  # one of COUNTER_FIELDS, never reader input
    reactions = connection.ops.quote_name(Reaction._meta.db_table)
    articles = connection.ops.quote_name(Article._meta.db_table)
    counters = ", ".join(COUNTER_FIELDS)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {reactions} (article_id, kind, visitor, created_at) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [article.pk, kind.value, visitor, now],
        )
        if cursor.rowcount == 1:
            pressed, delta = True, 1
        else:
            # Only the delete that really removed the row moves the counter, so two concurrent
            # take-backs of the same press subtract once.
            cursor.execute(
                f"DELETE FROM {reactions} WHERE article_id = %s AND visitor = %s AND kind = %s",
                [article.pk, visitor, kind.value],
            )
            pressed, delta = False, -cursor.rowcount
        if delta:
            cursor.execute(
                f"UPDATE {articles} SET {field} = {field} + %s WHERE id = %s RETURNING {counters}",
                [delta, article.pk],
            )
            pagecache.bump_article_on_commit(article.pk, pagecache.REACTIONS)
        else:
            cursor.execute(f"SELECT {counters} FROM {articles} WHERE id = %s", [article.pk])
        row = cursor.fetchone()
    return pressed, {kind.value: count for kind, count in zip(Kind, row, strict=True)}


def withdraw_reactions(*, reactions):
    """Delete reactions (the desk removing abuse), taking each off its counter exactly once."""
    withdrawn = 0
    for pk, article_id, kind in list(reactions.values_list("pk", "article_id", "kind")):
        with transaction.atomic():
            # The visitor may take the same press back at this moment: trust the delete count.
            deleted, _ = Reaction.objects.filter(pk=pk).delete()
            if deleted:
                field = Kind(kind).counter_field
                Article.objects.filter(pk=article_id).update(**{field: F(field) - deleted})
                pagecache.bump_article_on_commit(article_id, pagecache.REACTIONS)
                withdrawn += deleted
    return withdrawn


def pressed_kinds(*, article, visitor):
    """The kinds this visitor has pressed on this article, in one query."""
    return set(
        Reaction.objects.filter(article=article, visitor=visitor).values_list("kind", flat=True)
    )


def buttons(*, article, request):
    """What the reaction bar shows: each kind with its label, count and the visitor's choice."""
    # A visitor seen for the first time cannot have pressed anything, and a page shared by
    # every anonymous reader shows nobody's presses (the page's script asks for them).
    visitor = reader_key(request)
    pressed = (
        set()
        if request.visitor_is_new or not visitor
        else pressed_kinds(article=article, visitor=visitor)
    )
    return [
        {
            "kind": kind.value,
            "label": kind.label,
            "count": getattr(article, kind.counter_field),
            "pressed": kind.value in pressed,
        }
        for kind in Kind
    ]


def follow_up_demand(*, days=7, now=None):
    """Articles readers asked to follow up (추가취재 원해요) in the last `days` days.

    Each carries want_more_recent (presses in the period) and last_requested; newest demand first.
    """
    since = (now or timezone.now()) - timedelta(days=days)
    recent = Q(reactions__kind=Kind.WANT_MORE, reactions__created_at__gte=since)
    return (
        Article.objects.annotate(
            want_more_recent=Count("reactions", filter=recent),
            last_requested=Max("reactions__created_at", filter=recent),
        )
        .filter(want_more_recent__gt=0)
        .select_related("section", "section__parent")
        .order_by("-last_requested", "-pk")
    )
