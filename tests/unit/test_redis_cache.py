"""The Redis cache backend that the site survives losing (newsroom/cache/redis.py)."""

import logging

from newsroom.cache import redis as resilient
from newsroom.cache.redis import ResilientRedisCache


class _Recorder:
    """Stands in for Django's Redis client: records the timeout each write is given."""

    def __init__(self):
        self.timeouts = {}

    def add(self, key, value, timeout):
        self.timeouts["add"] = timeout
        return True

    def set(self, key, value, timeout):
        self.timeouts["set"] = timeout

    def touch(self, key, timeout):
        self.timeouts["touch"] = timeout
        return True

    def set_many(self, data, timeout):
        self.timeouts["set_many"] = timeout


def test_a_write_without_a_timeout_expires_after_the_caches_default_not_never():
    backend = ResilientRedisCache("redis://127.0.0.1:9/0", {"TIMEOUT": 300})
    recorder = backend.__dict__["_cache"] = _Recorder()  # _cache is a cached_property
    backend.add("a", 1)
    backend.set("b", 1)
    backend.touch("b")
    backend.set_many({"c": 1})
    assert recorder.timeouts == {"add": 300, "set": 300, "touch": 300, "set_many": 300}
    backend.set("d", 1, timeout=None)  # None still means forever, as in Django
    assert recorder.timeouts["set"] is None


def test_with_redis_unreachable_a_hit_goes_through_and_the_log_says_why(caplog):
    """A rate limit lets the request through rather than refusing every reader."""
    backend = ResilientRedisCache(
        "redis://127.0.0.1:9/0",  # nothing listens there
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )
    resilient._last_logged = 0.0
    with caplog.at_level(logging.ERROR, logger="newsroom.cache"):
        assert backend.count_hits([("rl:vote:v1:1", 60, 1)]) is None
        assert backend.count_hits([("rl:vote:v1:1", 60, 1)]) is None
    said = [record.getMessage() for record in caplog.records]
    assert len(said) == 1 and "count_hits" in said[0]
