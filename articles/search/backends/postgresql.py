"""The index on PostgreSQL: a tsvector of the grams (positions included, so that `<->` phrases
work; the headline's weighted A for 정확도순) under a GIN index."""

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
        """A tsvector literal: each gram with its positions (weight A in the headline); runs
        one position apart."""
        positions = {}
        position = 1
        title_runs, other_runs = article_runs
        for weight, runs in (("A", title_runs), ("", other_runs)):
            for run in runs:
                for gram in grams_of(run):
                    found = positions.setdefault(gram, {})
                    if len(found) < self.MAX_POSITIONS:
                        # A position holds one weight: a clamped one keeps the first.
                        found.setdefault(min(position, self.MAX_POSITION), weight)
                    position += 1
                position += 1  # a gap: no phrase runs across two runs
        # Grams are letters and digits only: nothing in them needs quoting beyond the quotes.
        return " ".join(
            f"'{gram}':" + ",".join(f"{at}{weight}" for at, weight in found.items())
            for gram, found in positions.items()
        )

    @staticmethod
    def _form(runs):
        """A phrase finding `runs` one right after another, runs two positions apart (the gap
        between runs). A single character, a lexeme of its own only in a run of one character,
        is left out at the start and asked as a prefix at the end."""
        if len(runs) == 1:
            return "(" + " <-> ".join(f"'{gram}'" for gram in grams_of(runs[0])) + ")"
        parts = []
        for position, run in enumerate(runs):
            if position == 0 and len(run) == 1:
                continue
            last = position == len(runs) - 1 and len(run) == 1
            for number, gram in enumerate(grams_of(run)):
                if parts:
                    parts.append(" <2> " if number == 0 else " <-> ")
                parts.append(f"'{gram}':*" if last else f"'{gram}'")
        return "(" + "".join(parts) + ")"

    def tsquery(self, query):
        return " & ".join(
            "(" + " | ".join(self._form(form) for term in clause for form in term.forms) + ")"
            for clause in query.clauses
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

    def page_sql(self, query, low, high, limit, offset, *, relevance=False):
        """A page of (article id, key, score), best first; the score (higher is better) is
        ts_rank's under 정확도순, else 0."""
        where, params = self._where(query, low, high)
        if relevance:
            score, order = "ts_rank(grams, %s::tsquery)", "score DESC, key DESC"
            params = [self.tsquery(query), *params]
        else:
            score, order = "0", "key DESC"
        return (
            f"SELECT article_id, key, {score} AS score FROM {TABLE} WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
