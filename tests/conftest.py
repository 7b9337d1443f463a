"""Fixtures for every test: each test's own files, cache keys and rate-limit counters, a cheap
password hasher, a steady clock for rate limits, photos without smaller copies, and tasks run
where they are queued.

Browser tests have theirs in tests/browser/conftest.py, server tests in tests/server/conftest.py.
Test data: tests/factories.py; the admin's article form as POST data: tests/html_forms.py.
"""

import os

import pytest

from tests.isolation import KEY_PREFIX, RUN_ID, clear_own_keys


def _own_cache_prefix():
    from django.conf import settings
    from django.test.signals import clear_cache_handlers

    if settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache":
        settings.CACHES["default"]["KEY_PREFIX"] = KEY_PREFIX
        clear_cache_handlers(setting="CACHES")


# Every key this run writes to Redis is under its own prefix: in this process (pytest-django
# has loaded the settings already) and in the servers that tests start (they read it from
# the environment).
os.environ["CACHE_KEY_PREFIX"] = KEY_PREFIX
_own_cache_prefix()


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploads go to a temporary folder; static files are served unhashed, without collectstatic."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Hashing on purpose slow is no test's subject; the real hasher runs in the server tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _photos_without_smaller_copies(request, settings):
    """Photo.save() writes a JPEG copy at each of PHOTO_RENDITION_WIDTHS: the slowest part of
    making a photo, and the subject of only a few tests. Without the widths a photo is still
    cleaned and measured, and its srcset lists the original alone. Tests about the copies (their
    files, names, widths in srcset) are marked `renditions` and get the configured widths."""
    if request.node.get_closest_marker("renditions") is None:
        settings.PHOTO_RENDITION_WIDTHS = ()


@pytest.fixture(autouse=True)
def _one_clock(settings):
    """One process, one clock: no margin for servers whose clocks differ (a page drawn right
    after a write is kept, as a test expects of the next request)."""
    settings.CACHE_CLOCK_MARGIN_MS = 0


@pytest.fixture(autouse=True)
def _tasks_run_where_queued(settings):
    """Each task runs where it is queued, one queued for later waits for run_due()
    (tests/tasks.py): the database queue and its worker are the server tests' subject."""
    from tests import tasks

    settings.TASKS = {"default": {"BACKEND": "tests.tasks.TestBackend"}}
    tasks.waiting.clear()
    yield
    tasks.waiting.clear()


@pytest.fixture(autouse=True)
def _steady_clock_for_limits(monkeypatch):
    """Rate-limit windows are aligned to the clock: a test that crossed a minute boundary
    would see its limit reset halfway. Limits see one fixed moment, 30 s into a minute (and an
    hour); tests about windows move it themselves."""
    from newsroom import counters

    monkeypatch.setattr(counters, "now", lambda: 1_800_000_030.0)


@pytest.fixture(autouse=True)
def _own_rate_limit_file(settings, tmp_path):
    """The embedded default's shared counters: a file of each test's own."""
    settings.RATE_LIMIT_FILE = tmp_path / "counters.sqlite3"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached boxes never leak from one test into the next; only this
    run's keys are removed (tests/isolation.py)."""
    from django.core.cache import cache

    clear_own_keys(cache)
    yield
    clear_own_keys(cache)


@pytest.fixture
def redis_cache():
    """The run's Redis cache: the configured one (`make test-postgres`), or the same settings
    on the local Redis (`make test` starts it); this run's keys in it removed after the test."""
    from django.core.cache import cache, caches
    from django.core.cache.backends.redis import RedisCache

    if isinstance(caches["default"], RedisCache):
        yield cache
        return
    from newsroom.cache.redis import ResilientRedisCache

    local = ResilientRedisCache(
        os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0", {"KEY_PREFIX": KEY_PREFIX}
    )
    clear_own_keys(local)
    yield local
    clear_own_keys(local)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A PostgreSQL test database of this run's own: two runs on one host never share one."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        test = database.setdefault("TEST", {})
        test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_{RUN_ID}"
