"""Counters and numbers that every server process on one machine shares, without Redis.

With REDIS_URL, rate limits and cache tag versions live in Redis (shared by every process on
every host). The embedded default has no Redis: there they live in a small SQLite file beside
the database (var/counters.sqlite3), so that three gunicorn workers enforce one limit, not
three, and an edit saved by one worker shows at once in the pages of every other. Each hit is one
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
            "CREATE TABLE IF NOT EXISTS buffered (name TEXT NOT NULL, key TEXT NOT NULL, "
            "count INTEGER NOT NULL, PRIMARY KEY (name, key))"
        )
        connection.execute(
            "CREATE TABLE IF NOT EXISTS tag_versions "
            "(tag TEXT PRIMARY KEY, version INTEGER NOT NULL, expires REAL NOT NULL)"
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

    def count(self, key: str) -> int:
        """The count of `key` in its current window, without counting a hit (0: none)."""
        row = (
            self._connection()
            .execute("SELECT count FROM hits WHERE key = ? AND expires > ?", (key, now()))
            .fetchone()
        )
        return int(row[0]) if row else 0

    def tag_versions(self, tags: Sequence[str]) -> dict[str, int]:
        """The version of each tag, 0 for one not invalidated within its lifetime. A read
        only: every page asks, and a write would take the file's lock from every process."""
        found: dict[str, int] = {}
        connection = self._connection()
        at = now()
        for start in range(0, len(tags), 500):  # SQLite's limit on bound parameters
            chunk = list(tags[start : start + 500])
            marks = ",".join("?" * len(chunk))
            found.update(
                connection.execute(
                    f"SELECT tag, version FROM tag_versions WHERE tag IN ({marks}) AND expires > ?",
                    [*chunk, at],
                ).fetchall()
            )
        return {tag: found.get(tag, 0) for tag in tags}

    def set_tag_versions(self, tags: Sequence[str], version: int, seconds: float) -> None:
        at = now()
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.executemany(
                "INSERT INTO tag_versions (tag, version, expires) VALUES (?, ?, ?) "
                "ON CONFLICT (tag) DO UPDATE SET version = excluded.version, "
                "expires = excluded.expires",
                [(tag, version, at + seconds) for tag in tags],
            )
            self.hits += 1
            if self.hits % CLEANUP_EVERY == 0:
                connection.execute("DELETE FROM tag_versions WHERE expires <= ?", (at,))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    # Buffers: counts by key under a name ("views:pending", or a batch moved aside), kept until
    # taken. The file is synced by the system, not per write: a process killed outright loses
    # nothing, a machine that loses power may lose the last moments.

    def buffer_add(self, name: str, key: str, count: int = 1) -> int:
        """Add to `key` in the buffer `name`; the buffer's total after it."""
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(
                "INSERT INTO buffered (name, key, count) VALUES (?, ?, ?) "
                "ON CONFLICT (name, key) DO UPDATE SET count = count + excluded.count",
                (name, key, count),
            )
            (total,) = connection.execute(
                "SELECT coalesce(sum(count), 0) FROM buffered WHERE name = ?", (name,)
            ).fetchone()
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return int(total)

    def buffer_move(self, name: str, to: str) -> None:
        """Rename the buffer `name` to `to` in one step (to a batch name not used before)."""
        connection = self._connection()
        connection.execute("UPDATE buffered SET name = ? WHERE name = ?", (to, name))

    def buffer_names(self, prefix: str) -> list[str]:
        rows = self._connection().execute(
            "SELECT DISTINCT name FROM buffered WHERE name LIKE ? ESCAPE '\\'",
            (prefix.replace("_", "\\_").replace("%", "\\%") + "%",),
        )
        return [name for (name,) in rows]

    def buffer_read(self, name: str) -> dict[str, int]:
        rows = self._connection().execute("SELECT key, count FROM buffered WHERE name = ?", (name,))
        return {key: int(count) for key, count in rows}

    def buffer_drop(self, name: str) -> None:
        self._connection().execute("DELETE FROM buffered WHERE name = ?", (name,))


shared_file = SharedFile()
