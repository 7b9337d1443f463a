"""Korean substring search over headline, deck and body, answered from an index.

Most Korean words are two syllables (금리, 환율, 증시), and both SQLite's trigram tokenizer and
PostgreSQL's pg_trgm need three characters before they use their index. So every article is
indexed as character bigrams: the text is normalized (NFKC, lower case), cut into runs of
letters and digits (the spaces between words taken out, since Korean spacing varies: 배터리 셀
and 배터리셀 are one run), and each run becomes its overlapping two-character grams (a
one-character run stays itself). A query word is then found as the phrase of its own grams in a
row: "기준금리" is "기준 준금 금리" at consecutive positions, which is exactly "the text contains
기준금리". Runs are kept apart (a break token on SQLite, a position gap on PostgreSQL), so a
phrase never spans punctuation or two paragraphs. Nothing the reader types reaches the index's
query language: only grams made of letters and digits, quoted. What the reader may ask (OR,
quoted phrases, particles looked past) is in `query`.

- SQLite: a contentless FTS5 table (`articles_search`) over space-separated grams, the
  headline's in a column of their own (bm25() weighs it more for 정확도순).
- PostgreSQL: a table of the same name with a `tsvector` of the grams (positions included, so
  that `<->` phrases work; the headline's weighted A for ts_rank()) under a GIN index.

The index holds the articles whose status is published, under a key that orders them the way
readers see them: the publication second, then the id. "Published and its time has come" and
"within the last week" are then ranges of that key, newest first is the key descending, and
count and page come from the index alone; the page's own rows are joined to it under the
publication rule (articles.models.published_sql, held to `Article.objects.published()` by a
test), which drops anything the index may hold in the moment it changes. A scheduled article
is in the index with a future key and shows when its second comes, without any write.

An uncached search costs about what the front page does: one statement for the page, the count
kept per site version, twenty results drawn without the template engine and set into a page
drawn once (newsroom/cache/frames.py).

The package: `text` cuts text into runs and grams, `query` is what the reader asked,
`backends/` holds one module per database, `index` keeps the index, `results` counts and
pages, `rendering` draws the results.
"""

from articles.search.backends import TABLE, backend
from articles.search.index import connect_signals, index_articles, rebuild, remove_articles
from articles.search.query import MAX_QUERY_LENGTH, PERIODS, SORTS, Query
from articles.search.rendering import result_items, results_block
from articles.search.results import Found, Results, page_sql

__all__ = [
    "MAX_QUERY_LENGTH",
    "PERIODS",
    "SORTS",
    "TABLE",
    "Found",
    "Query",
    "Results",
    "backend",
    "connect_signals",
    "index_articles",
    "page_sql",
    "rebuild",
    "remove_articles",
    "result_items",
    "results_block",
]
