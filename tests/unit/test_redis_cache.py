"""The Redis cache backend that the site survives losing (newsroom/cache/redis.py)."""

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
