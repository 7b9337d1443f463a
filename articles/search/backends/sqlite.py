"""The index on SQLite: a contentless FTS5 table over space-separated grams."""

import zlib

from articles.search.text import ID_MASK, TABLE, grams_of

# Private-use characters: tokens to the FTS5 tokenizer, never part of a run (not \w), so no
# query can produce them.
BREAK = "\ue000"
MARK = "\ue001"


class SQLiteIndex:
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
