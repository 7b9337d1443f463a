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
count and page come from the index alone; the page's own rows are joined to it under the
publication rule (articles.models.published_sql, held to `Article.objects.published()` by a
test), which drops anything the index may hold in the moment it changes. A scheduled article
is in the index with a future key and shows when its second comes, without any write.

An uncached search costs about what the front page does: one statement for the page, the count
kept per site version, twenty results drawn without the template engine and set into a page
drawn once (articles/frames.py).
"""

import functools
import hashlib
import html
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 100
MIN_RUN = 2
ID_BITS = 31
ID_MASK = (1 << ID_BITS) - 1
LAST_KEY = (1 << 63) - 1  # above every key: the index's end
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

    def keys(self, cursor, query, low, high):
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid BETWEEN %s AND %s",
            [self.match(query), low, high],
        )
        return [row[0] for row in cursor.fetchall()]

    def page_sql(self, query, low, high, limit, offset):
        # The article id is the key's low bits.
        return (
            f"SELECT rowid & {ID_MASK} AS article_id, rowid AS key FROM {TABLE} "
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

    def keys(self, cursor, query, low, high):
        where, params = self._where(query, low, high)
        cursor.execute(f"SELECT key FROM {TABLE} WHERE {where}", params)
        return [row[0] for row in cursor.fetchall()]

    def page_sql(self, query, low, high, limit, offset):
        where, params = self._where(query, low, high)
        return (
            f"SELECT article_id, key FROM {TABLE} WHERE {where} "
            "ORDER BY key DESC LIMIT %s OFFSET %s",
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
    _changed()


def _changed():
    """The index changed: the counts kept under the site's version (_count_up_to) are old, so
    the site gets a new version (now, and again when the write commits)."""
    from articles import pagecache

    pagecache.bump_site_on_commit()


def remove_articles(pks, *, conn=None):
    conn = conn or connection
    with conn.cursor() as cursor:
        backend(conn).delete(cursor, list(pks))
    _changed()


def rebuild(articles, *, conn=None, batch=2000):
    """Empty the index and fill it from `articles` (a queryset), in batches."""
    conn = conn or connection
    with conn.cursor() as cursor:
        backend(conn).clear(cursor)
    _changed()
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
        _changed()


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


class Found(NamedTuple):
    """What a result shows of an article (plain values: no model instances to build)."""

    pk: int
    title: str
    deck: str
    body: str
    published_at: datetime
    section_id: int


class Results:
    """The articles matching a query, newest first, as a sequence a Paginator counts and
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
            elif self.low == 0:  # no period: every match up to now
                self._count = _count_up_to(self.query, self.high)
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


def _count_up_to(query, high):
    """How many index entries a query matches up to the key `high` (now), from what is kept
    until the site changes.

    Counting a word that a quarter of 100,000 articles hold reads its whole list in the index
    (1.4 ms, more than the rest of the page). What the index holds is the same for every
    request until it changes, and every change to it (an article saved or deleted, a bulk
    load) makes a new site version: so the number of matches at all times is kept under that
    version, with the keys of those not yet due when it was counted (scheduled articles, a
    handful). A later request takes off those still not due, without asking the index."""
    from articles import pagecache

    what = hashlib.blake2b(repr((query.runs, query.section_ids())).encode(), digest_size=12)
    key = f"search:matches:{pagecache.site_version()}:{what.hexdigest()}"
    kept = cache.get(key)
    if kept is None or high < kept[1]:  # counted at a later now (another host's clock)
        with connection.cursor() as cursor:
            index = backend()
            kept = (
                index.count(cursor, query, 0, LAST_KEY),
                high,
                index.keys(cursor, query, high + 1, LAST_KEY),
            )
        cache.set(key, kept, settings.FRAGMENT_CACHE_SECONDS)
    total, _counted_at, not_due = kept
    return total - sum(1 for later in not_due if later > high)


def _page_statement(query, low, high, limit, offset, now):
    """A page of results in one statement: the index's page of ids, joined to what each result
    shows under the publication rule (which drops what the index may still hold in the moment
    an article changes). Written out rather than built by the ORM, which took longer to build
    the query than the database took to answer it and the page to show it."""
    from articles.models import Article, published_sql

    ids, params = backend().page_sql(query, low, high, limit, offset)
    rule, rule_params = published_sql(connection, now=now, table="article")
    return (
        "SELECT article.id, article.title, article.deck, article.body, article.published_at, "
        f"article.section_id FROM ({ids}) AS found "
        f"JOIN {Article._meta.db_table} AS article ON article.id = found.article_id "
        f"WHERE {rule} ORDER BY found.key DESC",
        [*params, *rule_params],
    )


def page_sql(query, *, now=None, limit=20, offset=0):
    """The SQL and parameters of a page of results (for EXPLAIN in tests)."""
    results = Results(query, now=now)
    return _page_statement(query, results.low, results.high, limit, offset, results.now)


# -- showing --------------------------------------------------------------------------------


def _pattern(query):
    """What the query finds, as one group (so that split() keeps the finds)."""
    if not query.runs:
        return None
    return re.compile(f"({'|'.join(re.escape(run) for run in query.runs)})", re.IGNORECASE)


# Noncharacters (never text; taken out of it first) standing for <mark> and </mark> while the
# text is escaped in one piece.
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"


def _marked(text, pattern):
    """`text` escaped, with what `pattern` finds wrapped in <mark> (a plain str)."""
    if _OPEN in text or _CLOSE in text:
        text = text.replace(_OPEN, "").replace(_CLOSE, "")
    if pattern is not None:
        pieces = pattern.split(text)  # text, find, text, find, ..., text
        pieces[1::2] = [f"{_OPEN}{found}{_CLOSE}" for found in pieces[1::2]]
        text = "".join(pieces)
    return html.escape(text).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


@functools.lru_cache(maxsize=512)
def _words(deck, body):
    """The deck and body as one line of plain words. Kept for the articles searched most: it
    is the same for every query that finds them, and making it cost more than the rest of a
    result. Keyed by the texts themselves, so an edit is a new entry; 512 of them hold about
    6 MB of a real paper's articles in each worker."""
    return " ".join(f"{deck} {plain_text(body)}".split())


def _excerpt(found, pattern, *, before=40, after=90):
    """A few words of deck and body around the first place `pattern` is found, highlighted."""
    text = _words(found.deck, found.body)
    match = pattern.search(text) if pattern else None
    start = max(match.start() - before, 0) if match else 0
    stop = min(start + before + after, len(text))
    excerpt = ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else "")
    return _marked(excerpt, pattern)


@functools.lru_cache(maxsize=1024)
def _time(moment, zone):
    """{% news_time %} of a moment in the reader's `zone` (the current one, part of the key),
    kept for the articles found most."""
    from articles.templatetags.news_time import news_time

    return news_time(moment)


@functools.lru_cache(maxsize=8)
def _article_address(prefix, urlconf):
    """An article's address (as Article.get_absolute_url) with `{}` for its id: one shape for
    every article, reversed once."""
    placeholder = 2_147_483_647
    address = reverse("articles:detail", kwargs={"pk": placeholder}, urlconf=urlconf)
    return address.replace(str(placeholder), "{}")


def result_items(found, query, *, tree):
    """The <li> of each result on a page, every value escaped.

    Built here rather than in a template loop: drawing twenty results took the template engine
    about 3 ms, most of an uncached search; this takes about 0.2 ms. `tree` is
    articles.sections.top_sections(), which names and links each result's section."""
    sections_by_id = {s.pk: s for top in tree for s in (top, *top.child_list)}
    pattern = _pattern(query)
    zone = timezone.get_current_timezone()
    address = _article_address(get_script_prefix(), get_urlconf())
    places = {}  # section id -> its link, made once per page
    items = []
    for article in found:
        if article.section_id not in places:
            section = sections_by_id.get(article.section_id)
            places[article.section_id] = (
                f'<a href="{html.escape(section.url)}">{html.escape(section.name)}</a>'
                if section is not None
                else ""
            )
        excerpt = _excerpt(article, pattern)
        items.append(
            '<li class="search-result">'
            f'<h2 class="search-result__title"><a href="{address.format(article.pk)}">'
            f"{_marked(article.title, pattern)}</a></h2>"
            + (f'<p class="search-result__snippet">{excerpt}</p>' if excerpt else "")
            + f'<p class="card__meta">{places[article.section_id]} '
            f"{_time(article.published_at, zone)}</p></li>"
        )
    return mark_safe("\n".join(items))  # every value escaped above


def results_block(query, *, page, results, kept_query):
    """Everything a search shows under its form: a note, or the count, the results and the
    page links; the same markup a template would draw, without a template's cost per value
    (the rest of the page is kept whole, articles/frames.py)."""
    notes = []
    if query.truncated:
        notes.append(
            f'<p class="search-note" role="status">검색어가 길어 앞의 {MAX_QUERY_LENGTH}자로 '
            "찾았습니다.</p>"
        )
    if not query.text:
        notes.append(
            '<p class="search-note">찾고 싶은 낱말을 입력하세요. 두 글자 이상이면 '
            "제목·부제·본문에서 찾습니다. 예: 금리, 환율, 증시</p>"
        )
        return mark_safe("\n".join(notes))
    if query.too_short:
        notes.append('<p class="search-note" role="status">두 글자 이상 입력해 주세요.</p>')
        return mark_safe("\n".join(notes))
    where = f"{html.escape(query.section.name)} · " if query.section else ""
    total = page.paginator.count
    items = results or (
        '<li class="search-result search-result--empty">'
        f"‘{html.escape(query.text)}’ 검색 결과가 없습니다. 다른 낱말로 찾아보세요.</li>"
    )
    notes.append(
        f'<p class="search-count" role="status">{where}검색 결과 {total}건</p>\n'
        f'<ol class="search-results">\n{items}\n</ol>'
    )
    if page.paginator.num_pages > 1:
        kept = html.escape(kept_query)
        links = []
        if page.has_previous():
            number = page.previous_page_number()
            links.append(f'<a href="?{kept}&amp;page={number}" rel="prev">이전</a>')
        links.append(f'<span aria-current="page">{page.number} / {page.paginator.num_pages}</span>')
        if page.has_next():
            number = page.next_page_number()
            links.append(f'<a href="?{kept}&amp;page={number}" rel="next">다음</a>')
        notes.append(f'<nav class="pagination" aria-label="페이지">\n{"".join(links)}\n</nav>')
    return mark_safe("\n".join(notes))  # every value escaped above
