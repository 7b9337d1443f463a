"""Searching: the articles matching a query, counted and paged from the index."""

import hashlib
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.utils import timezone

from articles import invalidation
from articles.models import Article, published_sql
from articles.search.backends import backend
from articles.search.query import RELEVANCE
from articles.search.text import LAST_KEY
from newsroom.cache import tags


class Found(NamedTuple):
    """What a result shows of an article (plain values: no model instances to build)."""

    pk: int
    title: str
    deck: str
    body: str
    published_at: datetime
    section_id: int


class Results:
    """The articles matching a query, newest (or best) first, as a sequence a Paginator counts and
    slices: the count from the index, each page from the index joined to its rows under the
    publication rule."""

    def __init__(self, query, *, now=None):
        self.query = query
        self.now = now or timezone.now()
        self.low, self.high = query.key_range(self.now)
        self._count = None

    def count(self):
        if self._count is None:
            if not self.query.searchable:
                self._count = 0
            elif self.low == 0 and self.query.ends_now():  # every match up to now
                self._count = count_up_to(self.query, self.high)
            else:
                with connection.cursor() as cursor:
                    self._count = backend().count(cursor, self.query, self.low, self.high)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Results are read a page at a time")
        if not self.query.searchable:
            return []
        start, stop = index.start or 0, index.stop
        sql, params = _page_statement(
            self.query, self.low, self.high, stop - start, start, self.now
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        stored_in = connection.timezone  # SQLite keeps times without an offset, in this zone
        found = []
        for pk, title, deck, body, published_at, section_id in rows:
            if isinstance(published_at, str):  # SQLite without declared-type conversion
                published_at = datetime.fromisoformat(published_at)
            if published_at.tzinfo is None:
                published_at = published_at.replace(tzinfo=stored_in)
            found.append(Found(pk, title, deck, body, published_at, section_id))
        return found


def count_up_to(query, high):
    """How many index entries a query matches up to the key `high` (now), from what is kept
    until the index changes.

    Counting a common word reads its whole list in the index, which on a large archive costs
    more than the rest of the page (docs/benchmark.md, "In the code"). What the index holds is
    the same for every request until it changes, and every change to it (an article saved or
    deleted, a bulk load) invalidates the "search" tag: so the number of matches at all times
    is kept under that tag, with the keys of those not yet due when it was counted (scheduled
    articles, a handful). A later request takes off those still not due, without asking the
    index."""
    what = hashlib.blake2b(repr((query.signature(), query.section_ids())).encode(), digest_size=12)
    key = f"search:matches:{what.hexdigest()}"
    found = tags.get(key)
    kept = found.value if found is not None else None
    if kept is None or high < kept[1]:  # counted at a later now (another host's clock)
        with tags.collecting() as collection:
            tags.add(invalidation.SEARCH)
            with connection.cursor() as cursor:
                index = backend()
                kept = (
                    index.count(cursor, query, 0, LAST_KEY),
                    high,
                    index.keys(cursor, query, high + 1, LAST_KEY),
                )
        tags.put(key, kept, collection, settings.FRAGMENT_CACHE_SECONDS)
    total, _counted_at, not_due = kept
    return total - sum(1 for later in not_due if later > high)


def _page_statement(query, low, high, limit, offset, now):
    """A page of results in one statement: the index's page of ids, joined to what each result
    shows under the publication rule (which drops what the index may still hold in the moment
    an article changes). Written out rather than built by the ORM, which took longer to build
    the query than the database took to answer it and the page to show it."""
    relevance = query.sort == RELEVANCE
    ids, params = backend().page_sql(query, low, high, limit, offset, relevance=relevance)
    rule, rule_params = published_sql(connection, now=now, table="article")
    order = "found.score DESC, found.key DESC" if relevance else "found.key DESC"
    return (
        "SELECT article.id, article.title, article.deck, article.body, article.published_at, "
        f"article.section_id FROM ({ids}) AS found "
        f"JOIN {Article._meta.db_table} AS article ON article.id = found.article_id "
        f"WHERE {rule} ORDER BY {order}",
        [*params, *rule_params],
    )


def page_sql(query, *, now=None, limit=20, offset=0):
    """The SQL and parameters of a page of results (for EXPLAIN in tests)."""
    results = Results(query, now=now)
    return _page_statement(query, results.low, results.high, limit, offset, results.now)
