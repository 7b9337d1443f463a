"""Reactions: 좋아요 · 화나요 · 슬퍼요 · 추가취재 원해요, once per kind per visitor and article.

The counters live on the article and change only through toggle_reaction(): the unique
constraint on (article, visitor, kind) decides whether a press adds or takes back, and the
counter moves by F() in the same transaction, so no press is lost or counted twice, whichever
server process handles it.
"""

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from articles.models import Article, Reaction

Kind = Reaction.Kind
COUNTER_FIELDS = [kind.counter_field for kind in Kind]


def toggle_reaction(*, article: Article, visitor: str, kind: str) -> tuple[bool, dict[str, int]]:
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
        else:
            cursor.execute(f"SELECT {counters} FROM {articles} WHERE id = %s", [article.pk])
        row = cursor.fetchone()
    return pressed, {kind.value: count for kind, count in zip(Kind, row, strict=True)}


def withdraw_reactions(*, reactions: QuerySet[Reaction]) -> int:
    """Delete reactions (the desk removing abuse), taking each off its counter exactly once."""
    withdrawn = 0
    for pk, article_id, kind in list(reactions.values_list("pk", "article_id", "kind")):
        with transaction.atomic():
            # The visitor may take the same press back at this moment: trust the delete count.
            deleted, _ = Reaction.objects.filter(pk=pk).delete()
            if deleted:
                field = Kind(kind).counter_field
                Article.objects.filter(pk=article_id).update(**{field: F(field) - deleted})
                withdrawn += deleted
    return withdrawn
