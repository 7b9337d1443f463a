"""A Redis cache that the site survives losing.

With REDIS_URL set, Redis holds the page cache, rate-limit counters, view counts waiting to be
written and the page versions. If it becomes unreachable the site must keep serving: every
read is a miss, every write is dropped, `add` succeeds (so a rate limit or a once-per-reader
window lets the request through rather than refusing everyone), and the log says why, once a
minute rather than once per request.
"""

import logging
import time
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.commands.core import Script
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

LOG_EVERY_SECONDS = 60
_last_logged = 0.0


def _log(operation: str, error: RedisError) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= LOG_EVERY_SECONDS:
        _last_logged = now
        logger.error(
            "Redis unreachable (%s: %s): serving without the shared cache until it is back.",
            operation,
            error,
        )


# A request's rate limits in one round trip (newsroom/ratelimit.py), atomic in Redis: if any
# window is already spent, nothing is counted and the answer is its position (from 1);
# else every window is counted, a new one living for its own period, and the answer is 0.
# KEYS are the windows, ARGV their (period in seconds, limit) pairs.
FIRST_SPENT_ELSE_COUNT = """
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[2 * i]) then
    return i
  end
end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then
    redis.call('EXPIRE', key, ARGV[2 * i - 1])
  end
end
return 0
"""


# Keys and values are whatever Django's cache API takes (keys are made into strings, values
# pickled), hence Any. A timeout left out is the cache's default (TIMEOUT, 300 seconds), as in
# Django's own backends: DEFAULT_TIMEOUT, not None, which would keep the key forever.
class ResilientRedisCache(RedisCache):
    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _log("add", error)
            return True

    def get(self, key: Any, default: Any | None = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _log("get", error)
            return default

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            _log("set", error)

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            _log("touch", error)
            return False

    def delete(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().delete(key, version)
        except RedisError as error:
            _log("delete", error)
            return False

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _log("get_many", error)
            return {}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except RedisError as error:
            _log("has_key", error)
            return False

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            _log("incr", error)
            return delta

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        """The keys that were not stored: all of them while Redis is unreachable."""
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            _log("set_many", error)
            return list(data)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            _log("delete_many", error)

    def clear(self) -> None:
        try:
            super().clear()
        except RedisError as error:
            _log("clear", error)

    @cached_property
    def _first_spent_else_count(self) -> Script:
        # Sent by its digest (EVALSHA); redis-py loads it again when Redis has forgotten it.
        client = self._cache.get_client(write=True)  # type: ignore[attr-defined]
        script: Script = client.register_script(FIRST_SPENT_ELSE_COUNT)
        return script

    def count_hits(self, hits: Sequence[tuple[str, int, int]]) -> int | None:
        """Count one hit in each window [(key, seconds, limit)] unless one of them is spent:
        then count nothing and return its position in `hits` (the first spent). None when
        every hit was counted, and while Redis is unreachable (the request goes through,
        as with `add`)."""
        if not hits:
            return None
        keys = [self.make_and_validate_key(key) for key, _, _ in hits]
        args = [number for _, seconds, limit in hits for number in (int(seconds), limit)]
        try:
            spent = int(self._first_spent_else_count(keys=keys, args=args))
        except RedisError as error:
            _log("count_hits", error)
            return None
        return spent - 1 if spent else None
