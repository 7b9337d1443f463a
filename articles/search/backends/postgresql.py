"""The index on PostgreSQL: a tsvector of the grams (positions included, so that `<->` phrases
work) under a GIN index."""

from articles.search.text import TABLE, grams_of


class PostgreSQLIndex:
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
