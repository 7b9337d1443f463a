"""Rate limits and once-per-window marks that every server process shares.

With REDIS_URL they live in Redis (shared by every process on every host; a request's limits
are looked at and counted in one round trip, newsroom/cache/redis.py), else in the file every
process on the machine shares (newsroom/counters.py).

Windows are fixed and aligned to the clock (`counters.now()`, which tests may replace): a limit
of 30/m allows 30 hits from :00 to :59 of each minute.
"""

from typing import TypeAlias, cast

from django.conf import settings
from django.core.cache import cache

from newsroom import counters
from newsroom.cache.redis import ResilientRedisCache

# What a limit counts for: a visitor key, an address hash, an article id.
Key: TypeAlias = str | int
# (scope, key, rate): the scope names the limit, the rate is "30/m".
Check: TypeAlias = tuple[str, Key, str]


def parse_rate(rate: str) -> tuple[int, int]:
    """'30/m' → (30, 60). Units: s, m, h, d."""
    count, _, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip().lower()[:1] or "m"]
    return int(count), seconds


def _shared_by_cache() -> bool:
    return bool(settings.REDIS_URL)


def _redis() -> ResilientRedisCache:
    """The cache, which with REDIS_URL set is Redis (newsroom/settings.py)."""
    return cast(ResilientRedisCache, cache)


def _window_key(scope: str, key: Key, period: int) -> str:
    return f"{scope}:{key}:{int(counters.now() // period)}"


def spent(scope: str, key: Key, rate: str) -> bool:
    """True if (scope, key) has no hit left in the current window; counts nothing. Asked
    before storing anything for a request that the limit would refuse anyway."""
    limit, period = parse_rate(rate)
    window = _window_key(scope, key, period)
    if not _shared_by_cache():
        return counters.shared_file.count(window) >= limit
    return int(cache.get(f"rl:{window}", 0)) >= limit


def allow(scope: str, key: Key, rate: str) -> bool:
    """Count one hit for (scope, key); False once the window's limit is spent."""
    return refused((scope, key, rate)) is None


def refused(*checks: Check) -> str | None:
    """Count a hit on each (scope, key, rate) check, unless one of them is spent already: then
    the scope of the first spent, and nothing is counted or stored (a press refused for one
    visitor does not spend the quota of everyone at their address; past its address's limit,
    a script that throws its cookies away leaves nothing behind). None when every hit was
    counted. Each store looks and counts in one step, so that simultaneous requests cannot
    all pass a look that only one of them should."""
    scopes: list[str] = []
    windows: list[tuple[str, int, int]] = []
    for scope, key, rate in checks:
        limit, period = parse_rate(rate)
        scopes.append(scope)
        windows.append((_window_key(scope, key, period), period, limit))
    if _shared_by_cache():
        spent = _redis().count_hits(
            [(f"rl:{key}", period, limit) for key, period, limit in windows]
        )
    else:
        spent = counters.shared_file.count_hits(windows)
    return None if spent is None else scopes[spent]


def first_time(key: str, seconds: int) -> bool:
    """True the first time `key` is seen in the current window of `seconds` (aligned to the
    clock, like the limits: a reader's view at 10:59 and another at 11:01 are two)."""
    window = f"once:{key}:{int(counters.now() // seconds)}"
    if not _shared_by_cache():
        return counters.shared_file.hit(window, seconds) == 1
    return _redis().count_hits([(f"rl:{window}", seconds, 1)]) is None


def once(key: str, seconds: int) -> bool:
    """True the first time `key` is seen within `seconds` of its first sight (not aligned to
    the clock: a mark that must hold its whole life, a form token's use)."""
    if not _shared_by_cache():
        return counters.shared_file.hit(f"once:{key}", seconds) == 1
    return bool(cache.add(f"rl:once:{key}", 1, timeout=seconds))
