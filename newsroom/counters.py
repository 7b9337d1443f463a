"""Counters and numbers that every server process on one machine shares, without Redis.

With REDIS_URL, rate limits and cache tag versions live in Redis (shared by every process on
every host). The embedded default has no Redis: there they live in a small SQLite file beside
the database (var/counters.sqlite3), so that three gunicorn workers enforce one limit, not
three, and an edit saved by one worker shows at once in the pages of every other. Each hit is one
atomic upsert under SQLite's write lock; the file holds nothing that matters after a crash, so
it is written without syncing.
"""

import functools
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

from django.conf import settings

logger = logging.getLogger(__name__)

CLEANUP_EVERY = 1000  # hits between removals of expired rows

P = ParamSpec("P")
T = TypeVar("T")

TABLES = (
    "CREATE TABLE IF NOT EXISTS hits "
    "(key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS buffered (name TEXT NOT NULL, key TEXT NOT NULL, "
    "count INTEGER NOT NULL, PRIMARY KEY (name, key))",
    "CREATE TABLE IF NOT EXISTS tag_versions "
    "(tag TEXT PRIMARY KEY, version INTEGER NOT NULL, expires REAL NOT NULL)",
)


def now() -> float:
    """The clock the windows are aligned to (tests may replace it)."""
    return time.time()


def _or_in_memory(method: Callable[P, T]) -> Callable[P, T]:
    """Run `method` on the file; if the file cannot be opened or written (a read-only var/,
    a full disk, a damaged file), run it again on this process's own memory: pages keep
    serving, with limits and versions per process until the file takes writes again."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> T:
        self = args[0]
        assert isinstance(self, SharedFile)
        path = str(settings.RATE_LIMIT_FILE)
        in_memory = self.local.__dict__.get("memory_for") == path
        if in_memory and time.monotonic() >= self.local.retry_at:
            self.local.memory_for, self.local.held, in_memory = None, None, False
        try:
            return method(*args, **kwargs)
        except (OSError, sqlite3.Error) as error:
            if in_memory:
                raise
            self._fall_back(path, error)
            return method(*args, **kwargs)

    return wrapped


def _use_wal(connection: sqlite3.Connection) -> None:
    """Put the file in WAL mode (it stays so), unless it already is. Connections that open a
    new file at the same moment race to convert it, and SQLite answers the losers "database is
    locked" at once, without waiting out the busy timeout: they try again for a few seconds
    (each would otherwise count in its own memory until the file is tried again)."""
    deadline = time.monotonic() + 5
    while True:
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


class SharedFile:
    """Counters in an SQLite file, one connection per process and thread."""

    def __init__(self) -> None:
        self.local = threading.local()
        self.hits = 0
        self.warned_for: set[str] = set()

    def _connection(self) -> sqlite3.Connection:
        path = str(settings.RATE_LIMIT_FILE)  # read each time: tests give each test its own
        held: tuple[str, int, sqlite3.Connection] | None = getattr(self.local, "held", None)
        if held and held[0] == path and held[1] == os.getpid():
            return held[2]
        settings.RATE_LIMIT_FILE.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            _use_wal(connection)
            connection.execute("PRAGMA synchronous=OFF")
            for table in TABLES:
                connection.execute(table)
        except BaseException:
            connection.close()
            raise
        self.local.held = (path, os.getpid(), connection)
        return connection

    def _fall_back(self, path: str, error: Exception) -> None:
        """Hold this thread's counters in memory for the file `error` came from (said once
        per file and process in the log); the file is tried again after a minute."""
        if path not in self.warned_for:
            self.warned_for.add(path)
            logger.warning(
                "Counters file %s unusable (%s): counting in this process's memory.", path, error
            )
        held = getattr(self.local, "held", None)
        if held is not None:
            held[2].close()
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        for table in TABLES:
            memory.execute(table)
        self.local.held = (path, os.getpid(), memory)
        self.local.memory_for = path
        self.local.retry_at = time.monotonic() + 60

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
        return self._count(lambda connection, at: [self._upsert(connection, key, seconds, at)])[0]

    def count_hits(self, hits: Sequence[tuple[str, float, int]]) -> int | None:
        """Count one hit in each window [(key, seconds, limit)] unless one of them is spent:
        then count nothing and return its position in `hits` (the first spent). None when
        every hit was counted. One transaction under the file's write lock, as Redis runs its
        script (newsroom/cache/redis.py)."""

        def first_spent_else_count(connection: sqlite3.Connection, at: float) -> list[int]:
            for position, (key, _seconds, limit) in enumerate(hits):
                if self._current(connection, key, at) >= limit:
                    return [position]
            for key, seconds, _limit in hits:
                self._upsert(connection, key, seconds, at)
            return []

        spent = self._count(first_spent_else_count)
        return spent[0] if spent else None

    @_or_in_memory
    def _count(self, work: Callable[[sqlite3.Connection, float], list[int]]) -> list[int]:
        at = now()
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            done = work(connection, at)
            self.hits += 1
            if self.hits % CLEANUP_EVERY == 0:
                connection.execute("DELETE FROM hits WHERE expires <= ?", (at,))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return done

    def _upsert(self, connection: sqlite3.Connection, key: str, seconds: float, at: float) -> int:
        (count,) = connection.execute(self.UPSERT, (key, at + seconds, at, at)).fetchone()
        return int(count)

    @staticmethod
    def _current(connection: sqlite3.Connection, key: str, at: float) -> int:
        row = connection.execute(
            "SELECT count FROM hits WHERE key = ? AND expires > ?", (key, at)
        ).fetchone()
        return int(row[0]) if row else 0

    @_or_in_memory
    def count(self, key: str) -> int:
        """The count of `key` in its current window, without counting a hit (0: none)."""
        return self._current(self._connection(), key, now())

    @_or_in_memory
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

    @_or_in_memory
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

    @_or_in_memory
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

    @_or_in_memory
    def buffer_move(self, name: str, to: str) -> None:
        """Rename the buffer `name` to `to` in one step (to a batch name not used before)."""
        connection = self._connection()
        connection.execute("UPDATE buffered SET name = ? WHERE name = ?", (to, name))

    @_or_in_memory
    def buffer_names(self, prefix: str) -> list[str]:
        rows = self._connection().execute(
            "SELECT DISTINCT name FROM buffered WHERE name LIKE ? ESCAPE '\\'",
            (prefix.replace("_", "\\_").replace("%", "\\%") + "%",),
        )
        return [name for (name,) in rows]

    @_or_in_memory
    def buffer_read(self, name: str) -> dict[str, int]:
        rows = self._connection().execute("SELECT key, count FROM buffered WHERE name = ?", (name,))
        return {key: int(count) for key, count in rows}

    @_or_in_memory
    def buffer_drop(self, name: str) -> None:
        self._connection().execute("DELETE FROM buffered WHERE name = ?", (name,))


shared_file = SharedFile()
