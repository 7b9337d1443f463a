"""Reactions: 좋아요 · 화나요 · 슬퍼요 · 추가취재 원해요, once per kind per visitor and article.

The counters live on the article and change only through toggle_reaction(): the unique
constraint on (article, visitor, kind) decides whether a press adds or takes back, and the
counter moves by what really changed, in the same statement (PostgreSQL) or transaction, so
no press is lost or counted twice, whichever server process handles it.
"""

from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from articles.models import Article, Reaction, is_public_now
from articles.models.articles import published_sql

Kind = Reaction.Kind
COUNTER_FIELDS = [kind.counter_field for kind in Kind]
# One visitor's press of one kind on one article (the unique constraint's columns).
MINE = "article_id = %s AND visitor = %s AND kind = %s"


def toggle_reaction(
    *, article_id: int, visitor: str, kind: str
) -> tuple[bool, dict[str, int]] | None:
    """Press `kind` for `visitor`, or take it back if already pressed: (pressed, counts), or
    None when the article is not public at this moment (nothing is written then).

    Written out in SQL because this is the write a breaking-news spike makes most: the insert
    that the unique constraint lets through at most once, else the delete; then the counter
    moved by exactly what changed, returning all four. On PostgreSQL the article's being
    public is looked at in the same statement, so a story taken down meanwhile takes no press."""
    kind = Kind(kind)
    # An address may name any number: one past the database's integers is no article (the
    # ORM answers such a lookup with nothing; raw SQL would fail on SQLite).
    lowest, highest = connection.ops.integer_field_range("BigAutoField")
    if not lowest <= article_id <= highest:
        return None
    now = timezone.now()
    if connection.vendor == "postgresql":
        result = _toggle_in_one_statement(article_id, visitor, kind, now)
    else:
        result = _toggle_in_one_transaction(article_id, visitor, kind, now)
    if result is None:
        return None
    pressed, *row = result
    return pressed, {kind.value: count for kind, count in zip(Kind, row, strict=True)}


def _names() -> tuple[str, str, str]:
    return (
        connection.ops.quote_name(Reaction._meta.db_table),
        connection.ops.quote_name(Article._meta.db_table),
        ", ".join(COUNTER_FIELDS),
    )


def _toggle_in_one_statement(
    article_id: int, visitor: str, kind: Kind, now: datetime
) -> tuple[Any, ...] | None:
    """PostgreSQL: one statement, committed on its own, so the article's row is locked for no
    longer than the statement runs (every press of a spike queues on that one row), and one
    round trip. Its parts share one snapshot and do not see each other's rows: the press is
    taken back only when this statement's insert found it there.

    Two presses of the same kind by one visitor at the same moment (two tabs) count once:
    a second press whose insert waited for the first finds the row there, invisible to its
    snapshot, and deletes nothing; it says "pressed", as it now is. Two take-backs at once
    both delete, and only the delete that removed the row moves the counter; both say "not
    pressed". Hence `pressed`: this statement inserted, or the row was not there at its
    start (a concurrent press put it there)."""
    reactions, articles, counters = _names()
    field = kind.counter_field  # one of COUNTER_FIELDS, never reader input
    rule, rule_params = published_sql(connection, now=now)
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH target AS (SELECT id FROM {articles} WHERE id = %s AND {rule}), "
            f"added AS (INSERT INTO {reactions} (article_id, kind, visitor, created_at) "
            "SELECT id, %s, %s, %s FROM target ON CONFLICT DO NOTHING RETURNING 1), "
            f"taken AS (DELETE FROM {reactions} WHERE {MINE} "
            "AND EXISTS (SELECT FROM target) AND NOT EXISTS (SELECT FROM added) RETURNING 1) "
            f"UPDATE {articles} SET {field} = {field} "
            "+ (SELECT count(*) FROM added) - (SELECT count(*) FROM taken) "
            "WHERE id = (SELECT id FROM target) "
            f"RETURNING EXISTS (SELECT FROM added) OR NOT EXISTS (SELECT FROM {reactions} "
            f"WHERE {MINE}), {counters}",
            [
                article_id,
                *rule_params,
                kind.value,
                visitor,
                at,
                *(article_id, visitor, kind.value),
                *(article_id, visitor, kind.value),
            ],
        )
        row: tuple[Any, ...] | None = cursor.fetchone()
        return row


def _toggle_in_one_transaction(
    article_id: int, visitor: str, kind: Kind, now: datetime
) -> tuple[Any, ...] | None:
    """Databases without data-modifying WITH (SQLite): three statements in one short
    transaction. Whether the article is public is read just before it, outside the write
    lock that every writer of the file takes turns on: a press that lands as its story is
    taken down is kept with the story, as one pressed a moment earlier would be."""
    reactions, articles, counters = _names()
    field = kind.counter_field  # one of COUNTER_FIELDS, never reader input
    at = connection.ops.adapt_datetimefield_value(now)
    if not is_public_now(article_id, now=now):
        return None
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {reactions} (article_id, kind, visitor, created_at) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [article_id, kind.value, visitor, at],
        )
        if cursor.rowcount == 1:
            pressed, delta = True, 1
        else:
            # Only the delete that really removed the row moves the counter, so two concurrent
            # take-backs of the same press subtract once.
            cursor.execute(
                f"DELETE FROM {reactions} WHERE {MINE}",
                [article_id, visitor, kind.value],
            )
            pressed, delta = False, -cursor.rowcount
        if delta:
            cursor.execute(
                f"UPDATE {articles} SET {field} = {field} + %s WHERE id = %s RETURNING {counters}",
                [delta, article_id],
            )
        else:
            cursor.execute(f"SELECT {counters} FROM {articles} WHERE id = %s", [article_id])
        return (pressed, *cursor.fetchone())


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
