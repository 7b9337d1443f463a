"""Counters and numbers that every server process on one machine shares, without Redis.

With REDIS_URL, rate limits and page versions live in Redis (shared by every process on every
host). The embedded default has no Redis: there they live in a small SQLite file beside the
database (var/counters.sqlite3), so that three gunicorn workers enforce one limit, not three,
and an edit saved by one worker shows at once in the pages of every other. Each hit is one
atomic upsert under SQLite's write lock; the file holds nothing that matters after a crash, so
it is written without syncing.
"""

import os
import sqlite3
import threading
import time
from collections.abc import Sequence

from django.conf import settings

CLEANUP_EVERY = 1000  # hits between removals of expired rows


def now() -> float:
    """The clock the windows are aligned to (tests may replace it)."""
    return time.time()


class SharedFile:
    """Counters in an SQLite file, one connection per process and thread."""

    def __init__(self) -> None:
        self.local = threading.local()
        self.hits = 0

    def _connection(self) -> sqlite3.Connection:
        path = str(settings.RATE_LIMIT_FILE)  # read each time: tests give each test its own
        held: tuple[str, int, sqlite3.Connection] | None = getattr(self.local, "held", None)
        if held and held[0] == path and held[1] == os.getpid():
            return held[2]
        settings.RATE_LIMIT_FILE.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS hits "
            "(key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires REAL NOT NULL)"
        )
        connection.execute(
            "CREATE TABLE IF NOT EXISTS numbers (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"
        )
        self.local.held = (path, os.getpid(), connection)
        return connection

    UPSERT = (
        "INSERT INTO hits (key, count, expires) VALUES (?, 1, ?) "
        "ON CONFLICT (key) DO UPDATE SET "
        "count = CASE WHEN expires <= ? THEN 1 ELSE count + 1 END, "
        "expires = CASE WHEN expires <= ? THEN excluded.expires ELSE expires END "
        "RETURNING count"
    )

    def hit(self, key: str, seconds: float) -> int:
        """Count one hit on `key`, whose count starts again once `seconds` have passed since
        its first hit; returns the count including this one."""
        return self.hit_each([(key, seconds, None)])[0]

    def hit_each(self, hits: Sequence[tuple[str, float, int | None]]) -> list[int]:
        """Count hits [(key, seconds, limit)] in one transaction, in order, stopping after the
        first whose count passes its limit; returns the counts made."""
        at = now()
        connection = self._connection()
        counts: list[int] = []
        connection.execute("BEGIN IMMEDIATE")
        try:
            for key, seconds, limit in hits:
                (count,) = connection.execute(self.UPSERT, (key, at + seconds, at, at)).fetchone()
                counts.append(count)
                if limit is not None and count > limit:
                    break
            self.hits += 1
            if self.hits % CLEANUP_EVERY == 0:
                connection.execute("DELETE FROM hits WHERE expires <= ?", (at,))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return counts

    def numbers(self, keys: Sequence[str], fresh: int) -> list[int]:
        """The numbers stored under `keys`, storing `fresh` for any missing one."""
        connection = self._connection()
        select = f"SELECT key, value FROM numbers WHERE key IN ({','.join('?' * len(keys))})"
        found: dict[str, int] = dict(connection.execute(select, list(keys)).fetchall())
        missing = [key for key in keys if key not in found]
        if missing:
            # Only then a write: every page reads these numbers, and a write, even one that
            # changes nothing, takes the file's write lock from every other process.
            connection.executemany(
                "INSERT INTO numbers (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                [(key, fresh) for key in missing],
            )
            found.update(connection.execute(select, list(keys)).fetchall())
        return [found[key] for key in keys]

    def increment(self, key: str, fresh: int) -> None:
        self._connection().execute(
            "INSERT INTO numbers (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = value + 1",
            (key, fresh),
        )


shared_file = SharedFile()
