"""What keeps two test runs on one host apart: a run id, and clearing only this run's keys.

`make test-postgres` used to share one test database name and flush the whole Redis database
(about twice per test): two runs on one host clobbered each other, and a run pointed at a
live Redis would have erased it. Each run now has its own database name (tests/conftest.py)
and its own cache key prefix, and clears only the keys under that prefix.

"Run" means process: RUN_ID is made when this module is imported, so each pytest-xdist worker
(`make test-fast`) has its own, and with it its own key prefix and PostgreSQL test database
(test_<name>_gw0_<RUN_ID>: pytest-django's worker suffix, then ours).
"""

import os
import secrets

RUN_ID = f"{os.getpid()}_{secrets.token_hex(3)}"
KEY_PREFIX = f"nrtest-{RUN_ID}"


def clear_own_keys(cache):
    """Empty this run's part of `cache`, and nothing else.

    A local-memory cache belongs to this process: cleared whole. A Redis cache: only the
    keys under its own prefix (Django writes every key as "<prefix>:<version>:<key>").
    """
    from django.core.cache.backends.redis import RedisCache
    from django.utils.connection import ConnectionProxy
    from redis.exceptions import RedisError

    # The process's own copy of the section tree is checked against the "sections" version
    # in `cache`: emptied with it, or a version read as missing again would match the copy.
    from articles.queries import sections

    sections._kept[0] = None
    if isinstance(cache, ConnectionProxy):
        # django.core.cache.cache is a proxy, never an instance of RedisCache itself: without
        # this, a Redis cache was taken for a local one and cleared whole (FLUSHDB), every
        # other run's keys with it.
        cache = cache._connections[cache._alias]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    prefix = cache.key_prefix
    if not prefix:
        raise RuntimeError("A Redis cache without a key prefix would be cleared whole.")
    try:
        client = cache._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 500:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
    except RedisError:
        pass  # unreachable (the tests of that case): nothing of ours can be there
