"""The rate limits themselves (newsroom/ratelimit.py), against literal numbers: a rate's count
and window, the clock-aligned window, the order of checks and what a refused hit spends.

Each test runs on both stores: the shared counters file (no REDIS_URL) and Redis (REDIS_URL
set; the local Redis, which `make test` starts). The views' own limits are tested with the
views (test_reactions.py, test_comment_spam.py, test_anonymous_storage.py).
"""

import os
import threading
import time

import pytest
import redis

from newsroom import counters, ratelimit

# tests/conftest.py holds the limits' clock at this moment: 30 s into a minute and an hour.
MOMENT = 1_800_000_030.0


REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


@pytest.fixture
def in_redis(request, settings, monkeypatch, redis_cache):
    """The limits in Redis, as with REDIS_URL set: the run's Redis cache."""
    settings.REDIS_URL = REDIS_URL
    monkeypatch.setattr(ratelimit, "cache", redis_cache)
    return redis_cache


@pytest.fixture(params=["file", "redis"])
def store(request, settings):
    if request.param == "file":
        settings.REDIS_URL = ""
    else:
        request.getfixturevalue("in_redis")
    return request.param


def at(monkeypatch, moment):
    monkeypatch.setattr(counters, "now", lambda: moment)


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("30/m", (30, 60)),
        ("5/s", (5, 1)),
        ("2/h", (2, 3600)),
        ("1/d", (1, 86400)),
        ("10/M", (10, 60)),
        ("10/ hour", (10, 3600)),
        ("7/", (7, 60)),
    ],
)
def test_a_rate_is_a_count_per_window(rate, expected):
    assert ratelimit.parse_rate(rate) == expected


def test_a_rate_with_an_unknown_unit_is_refused():
    with pytest.raises(KeyError):
        ratelimit.parse_rate("3/w")


def test_allow_lets_the_limit_through_then_refuses(store):
    assert [ratelimit.allow("vote", "v1", "3/m") for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    # Another key and another scope have their own quota.
    assert ratelimit.allow("vote", "v2", "3/m") is True
    assert ratelimit.allow("view", "v1", "3/m") is True


def test_a_window_is_aligned_to_the_clock(store, monkeypatch):
    assert ratelimit.allow("vote", "v1", "1/m") is True
    at(monkeypatch, MOMENT + 29)  # :59 of the same minute
    assert ratelimit.allow("vote", "v1", "1/m") is False
    at(monkeypatch, MOMENT + 30)  # :00 of the next
    assert ratelimit.allow("vote", "v1", "1/m") is True


def test_an_hourly_window_lasts_the_hour(store, monkeypatch):
    assert ratelimit.allow("sign-in", "a", "1/h") is True
    at(monkeypatch, MOMENT + 3569)
    assert ratelimit.allow("sign-in", "a", "1/h") is False
    at(monkeypatch, MOMENT + 3570)
    assert ratelimit.allow("sign-in", "a", "1/h") is True


def test_spent_counts_nothing(store):
    for _ in range(5):
        assert ratelimit.spent("vote", "v1", "2/m") is False
    assert ratelimit.allow("vote", "v1", "2/m") is True
    assert ratelimit.spent("vote", "v1", "2/m") is False
    assert ratelimit.allow("vote", "v1", "2/m") is True
    assert ratelimit.spent("vote", "v1", "2/m") is True
    assert ratelimit.spent("vote", "v2", "2/m") is False


def test_refused_names_the_first_spent_check_and_spends_no_later_one(store):
    visitor = ("visitor", "v1", "1/m")
    address = ("address", "a1", "3/m")
    assert ratelimit.refused(visitor, address) is None
    # The visitor's quota is spent: refused by it, the address's quota untouched.
    assert ratelimit.refused(visitor, address) == "visitor"
    assert ratelimit.refused(visitor, address) == "visitor"
    assert ratelimit.refused(("address", "a1", "3/m")) is None
    assert ratelimit.refused(("address", "a1", "3/m")) is None
    assert ratelimit.refused(("address", "a1", "3/m")) == "address"


def test_refused_by_a_later_check(store):
    assert ratelimit.refused(("visitor", "v1", "5/m"), ("address", "a1", "1/m")) is None
    assert ratelimit.refused(("visitor", "v2", "5/m"), ("address", "a1", "1/m")) == "address"
    # Refused by a check already spent: nothing was counted, v2 has its five.
    assert [ratelimit.refused(("visitor", "v2", "5/m")) for _ in range(6)] == [None] * 5 + [
        "visitor"
    ]
    assert ratelimit.refused() is None


def test_first_time_is_once_per_aligned_window(store, monkeypatch):
    assert ratelimit.first_time("view:1:v1", 60) is True
    assert ratelimit.first_time("view:1:v1", 60) is False
    assert ratelimit.first_time("view:2:v1", 60) is True
    at(monkeypatch, MOMENT + 29)
    assert ratelimit.first_time("view:1:v1", 60) is False
    at(monkeypatch, MOMENT + 30)
    assert ratelimit.first_time("view:1:v1", 60) is True
    assert ratelimit.first_time("view:1:v1", 60) is False


def test_once_is_once(store):
    assert ratelimit.once("token:abc", 3600) is True
    assert ratelimit.once("token:abc", 3600) is False
    assert ratelimit.once("token:abc", 3600) is False
    assert ratelimit.once("token:abd", 3600) is True


def test_once_is_not_aligned_to_the_clock(settings, monkeypatch):
    """A mark holds `seconds` from its first sight, across a window boundary (file store:
    its expiry follows counters.now(); the cache's follows the real clock)."""
    settings.REDIS_URL = ""
    assert ratelimit.once("token:abc", 60) is True
    at(monkeypatch, MOMENT + 59)
    assert ratelimit.once("token:abc", 60) is False
    at(monkeypatch, MOMENT + 60)
    assert ratelimit.once("token:abc", 60) is True


def test_with_redis_the_limits_live_in_redis_not_in_the_machine_file(settings, in_redis):
    """Every host shares the limits through Redis: none is counted in this machine's file."""
    assert ratelimit.allow("vote", "v1", "1/m") is True
    assert ratelimit.first_time("view:1:v1", 60) is True
    assert ratelimit.once("token:abc", 60) is True
    assert ratelimit.spent("vote", "v1", "1/m") is True
    assert not settings.RATE_LIMIT_FILE.exists()


def _lifetimes(cache, *keys):
    """(count, seconds left) of each key as Redis holds it."""
    client = redis.Redis.from_url(REDIS_URL)
    found = []
    for key in keys:
        stored = cache.make_key(f"rl:{key}")
        found.append((int(client.get(stored)), client.ttl(stored)))
    return found


def test_every_mark_the_limits_leave_in_redis_expires_with_its_window(in_redis):
    """Nothing an anonymous request leaves behind outlives its purpose (issue 17): each key
    lives for its window, a form token's mark for its own lifetime. The clock stands 30 s into
    a minute and an hour (MOMENT)."""
    ratelimit.allow("vote", "v1", "3/m")
    ratelimit.allow("vote", "v1", "3/m")  # the same key counts on, its lifetime unchanged
    ratelimit.refused(("visitor", "v1", "5/h"), ("address", "a1", "9/d"))
    ratelimit.first_time("view:1:v1", 600)
    ratelimit.once("token:abc", 86400)
    lifetimes = _lifetimes(
        in_redis,
        f"vote:v1:{int(MOMENT // 60)}",
        f"visitor:v1:{int(MOMENT // 3600)}",
        f"address:a1:{int(MOMENT // 86400)}",
        f"once:view:1:v1:{int(MOMENT // 600)}",
        "once:token:abc",
    )
    counts = [count for count, _ in lifetimes]
    assert counts == [2, 1, 1, 1, 1]
    windows = [60, 3600, 86400, 600, 86400]
    for (_, left), window in zip(lifetimes, windows, strict=True):
        assert window - 5 <= left <= window


def test_a_window_that_redis_expired_starts_again_at_one(in_redis):
    """Once Redis has dropped a window's key, the next hit is the first of a new window,
    with the window's lifetime again (counted and given its lifetime in one step, so no key
    is ever left to live forever)."""
    assert [ratelimit.allow("vote", "v1", "2/m") for _ in range(3)] == [True, True, False]
    key = in_redis.make_key(f"rl:vote:v1:{int(MOMENT // 60)}")
    client = redis.Redis.from_url(REDIS_URL)
    client.pexpire(key, 1)
    deadline = time.monotonic() + 2
    while client.exists(key) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert [ratelimit.allow("vote", "v1", "2/m") for _ in range(3)] == [True, True, False]
    assert 55 <= client.ttl(key) <= 60


def test_simultaneous_hits_let_exactly_the_limit_through(store):
    """Every process counts in one store: 16 threads pressing at once, 10 get through."""
    allowed = []
    start = threading.Barrier(16)

    def press():
        start.wait()
        allowed.append(ratelimit.allow("vote", "v1", "10/m"))

    threads = [threading.Thread(target=press) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(allowed) == [False] * 6 + [True] * 10
