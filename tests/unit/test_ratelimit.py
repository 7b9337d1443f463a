"""The rate limits themselves (newsroom/ratelimit.py), against literal numbers: a rate's count
and window, the clock-aligned window, the order of checks and what a refused hit spends.

Each test runs on both stores: the shared counters file (no REDIS_URL) and the cache
(REDIS_URL set; the test cache stands in for Redis). The views' own limits are tested with
the views (test_reactions.py, test_comment_spam.py, test_anonymous_storage.py).
"""

import pytest
from django.core.cache import cache

from newsroom import counters, ratelimit

# tests/conftest.py holds the limits' clock at this moment: 30 s into a minute and an hour.
MOMENT = 1_800_000_030.0


@pytest.fixture(params=["file", "cache"])
def store(request, settings):
    settings.REDIS_URL = "" if request.param == "file" else "redis://stands-in.invalid/0"
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


def test_with_redis_the_limits_live_in_the_cache_not_in_the_machine_file(settings):
    """Every host shares the limits through Redis: none is counted in this machine's file."""
    settings.REDIS_URL = "redis://stands-in.invalid/0"
    assert ratelimit.allow("vote", "v1", "1/m") is True
    assert ratelimit.first_time("view:1:v1", 60) is True
    assert ratelimit.once("token:abc", 60) is True
    assert ratelimit.spent("vote", "v1", "1/m") is True
    assert not settings.RATE_LIMIT_FILE.exists()


class _Recording:
    """The cache, noting the lifetime of every key added to it."""

    def __init__(self, cache):
        self.cache = cache
        self.added = []
        self.expire_before_next_incr = False

    def add(self, key, value, timeout):
        self.added.append((key.split(":")[1], value, timeout))
        return self.cache.add(key, value, timeout=timeout)

    def incr(self, key):
        if self.expire_before_next_incr:  # the window ends between add() and incr()
            self.expire_before_next_incr = False
            self.cache.delete(key)
        return self.cache.incr(key)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_every_mark_the_limits_leave_in_redis_expires_with_its_window(settings, monkeypatch):
    """Nothing an anonymous request leaves behind outlives its purpose (issue 17): each key
    starts at 1 and lives for its window, a form token's mark for its own lifetime."""
    settings.REDIS_URL = "redis://stands-in.invalid/0"
    recording = _Recording(cache)
    monkeypatch.setattr(ratelimit, "cache", recording)
    ratelimit.allow("vote", "v1", "3/m")
    ratelimit.allow("vote", "v1", "3/m")  # the add is refused, the same key counts on
    ratelimit.refused(("visitor", "v1", "5/h"), ("address", "a1", "9/d"))
    ratelimit.first_time("view:1:v1", 600)
    ratelimit.once("token:abc", 86400)
    assert [(scope, value, timeout) for scope, value, timeout in recording.added] == [
        ("vote", 1, 60),
        ("vote", 1, 60),
        ("visitor", 1, 3600),
        ("address", 1, 86400),
        ("once", 1, 600),
        ("once", 1, 86400),
    ]


def test_a_window_that_ends_between_add_and_incr_starts_the_next_at_one(settings, monkeypatch):
    """Redis may expire a key between the add that found it and the incr: the hit is the
    first of a new window, added again with the window's lifetime."""
    settings.REDIS_URL = "redis://stands-in.invalid/0"
    recording = _Recording(cache)
    monkeypatch.setattr(ratelimit, "cache", recording)

    assert ratelimit.first_time("view:1:v1", 600) is True
    recording.expire_before_next_incr = True
    assert ratelimit.first_time("view:1:v1", 600) is True
    assert ratelimit.first_time("view:1:v1", 600) is False

    assert ratelimit.allow("vote", "v1", "2/m") is True
    recording.expire_before_next_incr = True
    assert [ratelimit.allow("vote", "v1", "2/m") for _ in range(3)] == [True, True, False]
    assert recording.added == [("once", 1, 600)] * 4 + [("vote", 1, 60)] * 4
