"""Rate limits, once-per-window marks and page versions that every server process shares.

With REDIS_URL they live in Redis (shared by every process on every host). The embedded
default has no Redis: there they live in a small SQLite file beside the database
(var/counters.sqlite3), so that three gunicorn workers enforce one limit, not three. Each hit
is one atomic upsert under SQLite's write lock; the file holds nothing that matters after a
crash, so it is written without syncing.

Windows are fixed and aligned to the clock (`now()`, which tests may replace): a limit of
30/m allows 30 hits from :00 to :59 of each minute.
"""

import os
import sqlite3
import threading
import time

from django.conf import settings
from django.core.cache import cache

CLEANUP_EVERY = 1000  # hits between removals of expired rows


def now():
    return time.time()


def parse_rate(rate):
    """'30/m' → (30, 60). Units: s, m, h, d."""
    count, _, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip().lower()[:1] or "m"]
    return int(count), seconds


class _SharedFile:
    """Counters in an SQLite file, one connection per process and thread."""

    def __init__(self):
        self.local = threading.local()
        self.hits = 0

    def _connection(self):
        path = str(settings.RATE_LIMIT_FILE)  # read each time: tests give each test its own
        held = getattr(self.local, "held", None)
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

    def hit(self, key, seconds):
        """Count one hit on `key`, whose count starts again once `seconds` have passed since
        its first hit; returns the count including this one."""
        return self.hit_each([(key, seconds, None)])[0]

    def hit_each(self, hits):
        """Count hits [(key, seconds, limit)] in one transaction, in order, stopping after the
        first whose count passes its limit; returns the counts made."""
        at = now()
        connection = self._connection()
        counts = []
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

    def numbers(self, keys, fresh):
        """The numbers stored under `keys`, storing `fresh` for any missing one."""
        connection = self._connection()
        select = f"SELECT key, value FROM numbers WHERE key IN ({','.join('?' * len(keys))})"
        found = dict(connection.execute(select, list(keys)).fetchall())
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

    def increment(self, key, fresh):
        self._connection().execute(
            "INSERT INTO numbers (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = value + 1",
            (key, fresh),
        )


_file = _SharedFile()


def _shared_by_cache():
    return bool(settings.REDIS_URL)


def _hit(key, seconds):
    if not _shared_by_cache():
        return _file.hit(key, seconds)
    cache_key = f"rl:{key}"
    if cache.add(cache_key, 1, timeout=seconds):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=seconds)
        return 1


def allow(scope, key, rate):
    """Count one hit for (scope, key); False once the window's limit is spent."""
    return refused((scope, key, rate)) is None


def refused(*checks):
    """Count a hit on each (scope, key, rate) check in order; the scope of the first whose
    limit is spent, or None. A hit refused by one check spends none of the later ones (a
    press refused for one visitor does not spend the quota of everyone at their address)."""
    at = now()
    planned = []
    for scope, key, rate in checks:
        limit, period = parse_rate(rate)
        planned.append((scope, f"{scope}:{key}:{int(at // period)}", period, limit))
    if not _shared_by_cache():
        counts = _file.hit_each([(key, period, limit) for _, key, period, limit in planned])
        for (scope, _key, _period, limit), count in zip(planned, counts, strict=False):
            if count > limit:
                return scope
        return None
    for scope, key, period, limit in planned:
        if _hit(key, period) > limit:
            return scope
    return None


def first_time(key, seconds):
    """True the first time `key` is seen in the current window of `seconds` (aligned to the
    clock, like the limits: a reader's view at 10:59 and another at 11:01 are two)."""
    return _hit(f"once:{key}:{int(now() // seconds)}", seconds) == 1


def shared_numbers(keys, fresh):
    """Numbers every process shares (the page versions) when there is no Redis."""
    return _file.numbers(keys, fresh)


def increment_shared_number(key, fresh):
    _file.increment(key, fresh)
