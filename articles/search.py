"""Korean substring search over headline, deck and body, answered from an index.

Most Korean words are two syllables (금리, 환율, 증시), and both SQLite's trigram tokenizer and
PostgreSQL's pg_trgm need three characters before they use their index. So every article is
indexed as character bigrams: the text is normalized (NFKC, lower case), cut into runs of
letters and digits, and each run becomes its overlapping two-character grams (a one-character
run stays itself). A query run is then found as the phrase of its own grams in a row: "기준금리"
is "기준 준금 금리" at consecutive positions, which is exactly "the text contains 기준금리".
Runs are kept apart (a break token on SQLite, a position gap on PostgreSQL), so a phrase never
spans two words. Nothing the reader types reaches the index's query language: only grams made
of letters and digits, quoted.

- SQLite: a contentless FTS5 table (`articles_search`) over space-separated grams.
- PostgreSQL: a table of the same name with a `tsvector` of the grams (positions included, so
  that `<->` phrases work) under a GIN index.

The index holds the articles whose status is published, under a key that orders them the way
readers see them: the publication second, then the id. "Published and its time has come" and
"within the last week" are then ranges of that key, newest first is the key descending, and
count and page come from the index alone; the page's own rows are read through
`Article.objects.published()`, the one publication rule, which drops anything the index may
hold in the moment it changes. A scheduled article is in the index with a future key and shows
when its second comes, without any write.
"""

import html
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 100
# What a result shows: headline, a few words of deck and body, section, time.
SHOWN_FIELDS = (
    "title",
    "deck",
    "body",
    "published_at",
    "status",
    "section__name",
    "section__slug",
)
MIN_RUN = 2
ID_BITS = 31
ID_MASK = (1 << ID_BITS) - 1
TABLE = "articles_search"

# Letters and digits (Python's \w without the underscore): the same characters SQLite's
# unicode61 tokenizer keeps in a token by default (categories L*, N*).
RUN = re.compile(r"[^\W_]+")
# Tags that end a block of text: the words on either side are different words. The body is
# sanitized HTML (no comments, scripts or attributes holding ">"), so a tag is "<...>".
BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|br|hr|div)\b[^>]*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
# Private-use characters: tokens to the FTS5 tokenizer, never part of a run (not \w), so no
# query can produce them.
BREAK = "\ue000"
MARK = "\ue001"

PERIODS = {
    "1d": ("1일", timedelta(days=1)),
    "1w": ("1주", timedelta(weeks=1)),
    "1m": ("1개월", timedelta(days=31)),
    "1y": ("1년", timedelta(days=366)),
    "": ("전체", None),
}


# -- text -----------------------------------------------------------------------------------


def plain_text(body_html):
    """The words of a sanitized body: block tags become spaces, entities are decoded."""
    return html.unescape(TAG.sub("", BLOCK_TAG.sub(" ", body_html or "")))


def runs(text):
    """Normalized runs of letters and digits."""
    return RUN.findall(unicodedata.normalize("NFKC", text).lower())


def grams_of(run):
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def article_runs(*, title, deck, body):
    return runs(f"{title}\n{deck}\n{plain_text(body)}")


def key_of(published_at, pk):
    """The index key: the publication second, then the id, so that it sorts newest first."""
    if pk > ID_MASK:  # two billion articles: the key would need more bits for the id
        raise ValueError(f"article id {pk} does not fit the search key")
    return (max(int(published_at.timestamp()), 0) << ID_BITS) | (pk & ID_MASK)


def _second_key(moment, *, last):
    return (max(int(moment.timestamp()), 0) << ID_BITS) | (ID_MASK if last else 0)


# -- the query ------------------------------------------------------------------------------


@dataclass
class Query:
    """What the reader asked, cleaned: the text shown back, the runs searched, the filters."""

    text: str = ""
    runs: list = field(default_factory=list)
    truncated: bool = False
    too_short: bool = False
    section: object = None  # a Section of the tree (articles.sections), or None
    period: str = ""

    @classmethod
    def parse(cls, raw, *, section=None, period=""):
        raw = (raw or "").replace("\x00", "").strip()
        truncated = len(raw) > MAX_QUERY_LENGTH
        text = raw[:MAX_QUERY_LENGTH].strip()
        found = [run for run in runs(text) if len(run) >= MIN_RUN]
        # The same run twice asks nothing more; longer runs first, so highlighting prefers them.
        found = sorted(dict.fromkeys(found), key=len, reverse=True)
        return cls(
            text=text,
            runs=found,
            truncated=truncated,
            too_short=bool(text) and not found,
            section=section,
            period=period if period in PERIODS else "",
        )

    @property
    def searchable(self):
        return bool(self.runs)

    def key_range(self, now):
        low = 0
        span = PERIODS[self.period][1]
        if span is not None:
            low = _second_key(now - span, last=False)
        return low, _second_key(now, last=True)

    def section_ids(self):
        if self.section is None:
            return None
        return list(getattr(self.section, "family_ids", None) or [self.section.pk])


# -- the index, per database -----------------------------------------------------------------


class _SQLite:
    """A contentless FTS5 table (only the index, not the text: 4 KB an article less) keyed by
    the order key, and beside it each article's indexed text, compressed, which FTS5 needs
    to take exactly that text out again (SQLite before 3.43 cannot delete contentless rows
    otherwise)."""

    DOCS = f"{TABLE}_doc"
    create = [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        "grams, content = '', tokenize = 'unicode61 remove_diacritics 0')",
        f"CREATE TABLE {DOCS} (article_id INTEGER PRIMARY KEY, key INTEGER NOT NULL, "
        "doc BLOB NOT NULL)",
    ]
    drop = [f"DROP TABLE IF EXISTS {TABLE}", f"DROP TABLE IF EXISTS {DOCS}"]

    @staticmethod
    def _quoted(text):
        return '"' + text.replace('"', '""') + '"'

    def document(self, section_id, article_runs):
        tokens = [f"{MARK}s{section_id}"]
        for run in article_runs:
            tokens.append(BREAK)
            tokens.extend(grams_of(run))
        return " ".join(tokens)

    def match(self, query):
        phrases = [self._quoted(" ".join(grams_of(run))) for run in query.runs]
        expression = " AND ".join(phrases)
        ids = query.section_ids()
        if ids is not None:
            sections = " OR ".join(self._quoted(f"{MARK}s{pk}") for pk in ids)
            expression = f"({expression}) AND ({sections})"
        return expression

    def delete(self, cursor, pks):
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT key, doc FROM {self.DOCS} WHERE article_id IN ({marks})", chunk)
            found = cursor.fetchall()
            if not found:
                continue
            cursor.executemany(
                f"INSERT INTO {TABLE} ({TABLE}, rowid, grams) VALUES ('delete', %s, %s)",
                [(key, zlib.decompress(doc).decode()) for key, doc in found],
            )
            cursor.execute(f"DELETE FROM {self.DOCS} WHERE article_id IN ({marks})", chunk)

    def insert(self, cursor, rows):
        docs = [(key, pk, self.document(section, found)) for key, pk, section, found in rows]
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, grams) VALUES (%s, %s)",
            [(key, doc) for key, _pk, doc in docs],
        )
        cursor.executemany(
            f"INSERT INTO {self.DOCS} (article_id, key, doc) VALUES (%s, %s, %s)",
            [(pk, key, zlib.compress(doc.encode(), 6)) for key, pk, doc in docs],
        )

    def clear(self, cursor):
        cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('delete-all')")
        cursor.execute(f"DELETE FROM {self.DOCS}")

    def count(self, cursor, query, low, high):
        cursor.execute(
            f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid BETWEEN %s AND %s",
            [self.match(query), low, high],
        )
        return cursor.fetchone()[0]

    def page_sql(self, query, low, high, limit, offset):
        # The article id is the key's low bits.
        return (
            f"SELECT rowid & {ID_MASK} FROM {TABLE} "
            f"WHERE {TABLE} MATCH %s AND rowid BETWEEN %s AND %s "
            "ORDER BY rowid DESC LIMIT %s OFFSET %s",
            [self.match(query), low, high, limit, offset],
        )


class _PostgreSQL:
    create = [
        f"CREATE TABLE {TABLE} (article_id bigint PRIMARY KEY, key bigint NOT NULL, "
        "section_id bigint NOT NULL, grams tsvector NOT NULL)",
        # No b-tree on the key: the GIN index is the way in; the key only sorts what it finds.
        f"CREATE INDEX {TABLE}_grams_idx ON {TABLE} USING gin (grams)",
    ]
    drop = [f"DROP TABLE IF EXISTS {TABLE}"]
    MAX_POSITION = 16383  # tsvector's limit; later positions are clamped to it
    MAX_POSITIONS = 256  # per lexeme

    def document(self, article_runs):
        """A tsvector literal: each gram with its positions; runs one position apart."""
        positions = {}
        position = 1
        for run in article_runs:
            for gram in grams_of(run):
                found = positions.setdefault(gram, [])
                if len(found) < self.MAX_POSITIONS:
                    found.append(min(position, self.MAX_POSITION))
                position += 1
            position += 1  # a gap: no phrase runs across two words
        # Grams are letters and digits only: nothing in them needs quoting beyond the quotes.
        return " ".join(
            f"'{gram}':{','.join(map(str, dict.fromkeys(found)))}"
            for gram, found in positions.items()
        )

    @staticmethod
    def tsquery(query):
        return " & ".join(
            "(" + " <-> ".join(f"'{gram}'" for gram in grams_of(run)) + ")" for run in query.runs
        )

    def _where(self, query, low, high):
        sql = "grams @@ %s::tsquery AND key BETWEEN %s AND %s"
        params = [self.tsquery(query), low, high]
        ids = query.section_ids()
        if ids is not None:
            sql += " AND section_id = ANY(%s)"
            params.append(ids)
        return sql, params

    def delete(self, cursor, pks):
        cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = ANY(%s)", [list(pks)])

    def insert(self, cursor, rows):
        cursor.executemany(
            # An upsert: two saves of one article at once must not collide on its row.
            f"INSERT INTO {TABLE} (article_id, key, section_id, grams) "
            "VALUES (%s, %s, %s, %s::tsvector) ON CONFLICT (article_id) DO UPDATE SET "
            "key = EXCLUDED.key, section_id = EXCLUDED.section_id, grams = EXCLUDED.grams",
            [(pk, key, section_id, self.document(found)) for key, pk, section_id, found in rows],
        )

    def clear(self, cursor):
        cursor.execute(f"TRUNCATE {TABLE}")

    def count(self, cursor, query, low, high):
        where, params = self._where(query, low, high)
        cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {where}", params)
        return cursor.fetchone()[0]

    def page_sql(self, query, low, high, limit, offset):
        where, params = self._where(query, low, high)
        return (
            f"SELECT article_id FROM {TABLE} WHERE {where} ORDER BY key DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )


def backend(conn=None):
    vendor = (conn or connection).vendor
    if vendor == "sqlite":
        return _SQLite()
    if vendor == "postgresql":
        return _PostgreSQL()
    raise NotImplementedError(f"search has no index for {vendor}")


# -- keeping the index -----------------------------------------------------------------------


def _is_indexed(article):
    return article.status == "published" and article.published_at is not None


def index_articles(articles, *, fresh=False, conn=None):
    """Put `articles` in the index as they are now (taking out what no longer belongs).

    `fresh` says none of them is in the index yet (a bulk load), which skips the deletes."""
    conn = conn or connection
    index = backend(conn)
    articles = list(articles)
    rows = [
        (
            key_of(article.published_at, article.pk),
            article.pk,
            article.section_id,
            article_runs(title=article.title, deck=article.deck, body=article.body),
        )
        for article in articles
        if _is_indexed(article)
    ]
    with conn.cursor() as cursor:
        if not fresh:
            index.delete(cursor, [article.pk for article in articles])
        if rows:
            index.insert(cursor, rows)


def remove_articles(pks, *, conn=None):
    conn = conn or connection
    with conn.cursor() as cursor:
        backend(conn).delete(cursor, list(pks))


def rebuild(articles, *, conn=None, batch=2000):
    """Empty the index and fill it from `articles` (a queryset), in batches."""
    conn = conn or connection
    with conn.cursor() as cursor:
        backend(conn).clear(cursor)
    fields = ("pk", "title", "deck", "body", "section_id", "status", "published_at")
    chunk = []
    for article in articles.filter(status="published").only(*fields).iterator(chunk_size=batch):
        chunk.append(article)
        if len(chunk) >= batch:
            index_articles(chunk, fresh=True, conn=conn)
            chunk = []
    index_articles(chunk, fresh=True, conn=conn)


INDEXED_FIELDS = frozenset({"title", "deck", "body", "status", "published_at", "section"})


def _on_save(sender, instance, update_fields=None, **kwargs):
    # A save of other fields only (counters, SEO fields) leaves the index as it is. Fixtures
    # (raw saves) are indexed too: the index needs nothing but the article's own fields.
    if update_fields is not None and not INDEXED_FIELDS & {
        name.removesuffix("_id") for name in update_fields
    }:
        return
    index_articles([instance], conn=_connection_for(kwargs.get("using")))


def _on_delete(sender, instance, **kwargs):
    remove_articles([instance.pk], conn=_connection_for(kwargs.get("using")))


def _after_flush(sender, using="default", **kwargs):
    """A flush (tests) empties every Django table but not this one: empty it too."""
    from articles.models import Article

    conn = _connection_for(using)
    if TABLE in conn.introspection.table_names() and not Article.objects.using(using).exists():
        with conn.cursor() as cursor:
            backend(conn).clear(cursor)


def _connection_for(using):
    from django.db import connections

    return connections[using or "default"]


def connect_signals(app_config):
    from django.db.models.signals import post_delete, post_migrate, post_save

    from articles.models import Article

    post_save.connect(_on_save, sender=Article, dispatch_uid="search:save")
    post_delete.connect(_on_delete, sender=Article, dispatch_uid="search:delete")
    post_migrate.connect(_after_flush, sender=app_config, dispatch_uid="search:flush")


# -- searching -------------------------------------------------------------------------------


class Results:
    """The articles matching a query, newest first, as a sequence a Paginator counts and
    slices: the count and each page's ids from the index, the page's rows by the rule."""

    def __init__(self, query, *, now=None):
        self.query = query
        self.now = now or timezone.now()
        self.low, self.high = query.key_range(self.now)
        self._count = None

    def count(self):
        if self._count is None:
            if not self.query.searchable:
                self._count = 0
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
        sql, params = backend().page_sql(self.query, self.low, self.high, stop - start, start)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return []
        from articles.models import Article

        rows = (
            Article.objects.published(self.now)
            .filter(pk__in=ids)
            .select_related("section")
            .only(*SHOWN_FIELDS)
            .in_bulk()
        )
        return [rows[pk] for pk in ids if pk in rows]


def page_sql(query, *, now=None, limit=20, offset=0):
    """The SQL and parameters of a page of ids (for EXPLAIN in tests)."""
    results = Results(query, now=now)
    return backend().page_sql(query, results.low, results.high, limit, offset)


# -- showing --------------------------------------------------------------------------------


def _pattern(query):
    if not query.runs:
        return None
    return re.compile("|".join(re.escape(run) for run in query.runs), re.IGNORECASE)


def highlight(text, query):
    """`text` escaped, with what the query found wrapped in <mark>."""
    pattern = _pattern(query)
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for found in pattern.finditer(text):
        pieces.append(escape(text[last : found.start()]))
        pieces.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece escaped above


def snippet(article, query, *, before=40, after=90):
    """A few words of deck and body around the first place the query is found, highlighted."""
    text = " ".join(f"{' '.join(article.deck_lines)} {plain_text(article.body)}".split())
    pattern = _pattern(query)
    found = pattern.search(text) if pattern else None
    start = max(found.start() - before, 0) if found else 0
    stop = min(start + before + after, len(text))
    excerpt = ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else "")
    return highlight(excerpt, query)
