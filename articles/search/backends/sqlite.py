"""The index on SQLite: a contentless FTS5 table over space-separated grams."""

import zlib

from articles.search.text import ID_MASK, TABLE, grams_of

# Private-use characters: tokens to the FTS5 tokenizer, never part of a run (not \w), so no
# query can produce them.
BREAK = "\ue000"
MARK = "\ue001"


class SQLiteIndex:
    """A contentless FTS5 table (only the index, not the text: 4 KB an article less) keyed by
    the order key, with the headline's grams in a column of their own (weighed more by
    정확도순), and beside it each article's indexed text, compressed, which FTS5 needs to take
    exactly that text out again (SQLite before 3.43 cannot delete contentless rows
    otherwise)."""

    DOCS = f"{TABLE}_doc"
    create = [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        "title, grams, content = '', tokenize = 'unicode61 remove_diacritics 0')",
        f"CREATE TABLE {DOCS} (article_id INTEGER PRIMARY KEY, key INTEGER NOT NULL, "
        "doc BLOB NOT NULL)",
    ]
    drop = [f"DROP TABLE IF EXISTS {TABLE}", f"DROP TABLE IF EXISTS {DOCS}"]
    # bm25() weights of the columns: a match in the headline counts as much as four elsewhere.
    WEIGHTS = (4.0, 1.0)
    # Between the two columns in the kept text: a line break, which no token holds.
    SPLIT = "\n"

    @staticmethod
    def _quoted(text):
        return '"' + text.replace('"', '""') + '"'

    @staticmethod
    def _tokens(article_runs):
        tokens = []
        for run in article_runs:
            tokens.append(BREAK)
            tokens.extend(grams_of(run))
        return tokens

    def document(self, section_id, article_runs):
        title_runs, other_runs = article_runs
        title = " ".join(self._tokens(title_runs))
        return f"{title}{self.SPLIT}" + " ".join(
            [f"{MARK}s{section_id}", *self._tokens(other_runs)]
        )

    def _form(self, runs):
        """A phrase finding `runs` one right after another: the first one ending a run of the
        text, the last one starting one, those between whole (BREAK tokens between runs). A
        single character at either end, a gram of its own only in a run of one character, is
        left to the BREAK beside it (first) or asked as a prefix (last)."""
        if len(runs) == 1:
            return self._quoted(" ".join(grams_of(runs[0])))
        tokens = []
        for position, run in enumerate(runs):
            if position:
                tokens.append(BREAK)
            if position or len(run) > 1:
                tokens.extend(grams_of(run))
        prefix = " *" if len(runs[-1]) == 1 else ""
        return self._quoted(" ".join(tokens)) + prefix

    def match(self, query):
        clauses = [
            "(" + " OR ".join(self._form(form) for term in clause for form in term.forms) + ")"
            for clause in query.clauses
        ]
        expression = " AND ".join(clauses)
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
                f"INSERT INTO {TABLE} ({TABLE}, rowid, title, grams) VALUES ('delete', %s, %s, %s)",
                [(key, *zlib.decompress(doc).decode().split(self.SPLIT, 1)) for key, doc in found],
            )
            cursor.execute(f"DELETE FROM {self.DOCS} WHERE article_id IN ({marks})", chunk)

    def insert(self, cursor, rows):
        docs = [(key, pk, self.document(section, found)) for key, pk, section, found in rows]
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, title, grams) VALUES (%s, %s, %s)",
            [(key, *doc.split(self.SPLIT, 1)) for key, _pk, doc in docs],
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

    def page_sql(self, query, low, high, limit, offset, *, relevance=False):
        """A page of (article id, key, score), best first: the article id is the key's low
        bits; the score (higher is better) is bm25's turned round under 정확도순, else 0."""
        if relevance:
            weights = ", ".join(map(str, self.WEIGHTS))
            score, order = f"-bm25({TABLE}, {weights})", f"bm25({TABLE}, {weights}), rowid DESC"
        else:
            score, order = "0", "rowid DESC"
        return (
            f"SELECT rowid & {ID_MASK} AS article_id, rowid AS key, {score} AS score "
            f"FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid BETWEEN %s AND %s "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [self.match(query), low, high, limit, offset],
        )
