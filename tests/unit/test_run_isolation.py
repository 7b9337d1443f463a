"""Two runs on one host, or a run pointed at a live Redis, never touch each other's data."""

import os

import pytest
import redis
from django.conf import settings
from django.core.cache import cache as default_cache
from django.db import connection

from tests.isolation import KEY_PREFIX, RUN_ID, clear_own_keys

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def test_the_run_has_its_own_key_prefix():
    assert os.environ["CACHE_KEY_PREFIX"] == KEY_PREFIX and RUN_ID in KEY_PREFIX
    if settings.REDIS_URL:
        assert settings.CACHES["default"]["KEY_PREFIX"] == KEY_PREFIX
        assert default_cache.make_key("x").startswith(f"{KEY_PREFIX}:")


def test_clearing_the_cache_removes_this_runs_keys_and_no_one_elses(redis_cache):
    client = redis.Redis.from_url(REDIS_URL)
    foreign = {
        b"newsroom:1:pc:v:site": b"a live site's page version",
        f"nrtest-{os.getpid() + 1}_abcdef:1:ratelimit".encode(): b"another run's counter",
        f"{KEY_PREFIX}x:1:lookalike".encode(): b"a prefix that only starts like ours",
        b"no-prefix-at-all": b"someone's own key",
    }
    try:
        for key, value in foreign.items():
            client.set(key, value, ex=300)
        redis_cache.set("ours", "this run's value", 300)
        assert client.exists(redis_cache.make_key("ours"))

        clear_own_keys(redis_cache)  # what the autouse fixture does before and after each test

        assert not client.exists(redis_cache.make_key("ours"))
        for key, value in foreign.items():
            assert client.get(key) == value, key
    finally:
        client.delete(*foreign)


@pytest.mark.django_db
def test_the_test_database_is_this_runs_own():
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        assert "memory" in name  # in this process's memory: no other run can open it
    else:
        assert name.endswith(f"_{RUN_ID}"), name
