"""Fixed-window rate limits kept in the cache, so that Redis shares them across processes."""

import time

from django.core.cache import cache


def parse_rate(rate):
    """'30/m' → (30, 60). Units: s, m, h, d."""
    count, _, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip().lower()[:1] or "m"]
    return int(count), seconds


def allow(scope, key, rate):
    """Count one hit for (scope, key); False once the window's limit is spent."""
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    cache_key = f"rl:{scope}:{key}:{window}"
    if cache.add(cache_key, 1, timeout=period + 1):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period + 1)
        count = 1
    return count <= limit
