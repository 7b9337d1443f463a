"""A Redis cache that the site survives losing.

With REDIS_URL set, Redis holds the page cache, rate-limit counters, view counts waiting to be
written and the page versions. If it becomes unreachable the site must keep serving: every
read is a miss, every write is dropped, `add` succeeds (so a rate limit or a once-per-reader
window lets the request through rather than refusing everyone), and the log says why, once a
minute rather than once per request.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

LOG_EVERY_SECONDS = 60
_last_logged = 0.0


def _log(operation, error):
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= LOG_EVERY_SECONDS:
        _last_logged = now
        logger.error(
            "Redis unreachable (%s: %s): serving without the shared cache until it is back.",
            operation,
            error,
        )


# A timeout left out is the cache's default (TIMEOUT, 300 seconds), as in Django's own backends:
# DEFAULT_TIMEOUT, not None, which would keep the key forever.
class ResilientRedisCache(RedisCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _log("add", error)
            return True

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _log("get", error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            _log("set", error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            _log("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            _log("delete", error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _log("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            _log("has_key", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            _log("incr", error)
            return delta

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            _log("set_many", error)
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as error:
            _log("delete_many", error)
            return None

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            _log("clear", error)
            return False
