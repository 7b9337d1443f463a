import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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


@pytest.fixture
def fresh_database_url(request, tmp_path):
    """A new, empty database for tests that start their own server processes.

    A file SQLite database by default; a fresh database on the same PostgreSQL server when
    DATABASE_URL points at one (dropped afterwards), so those tests run on both.
    """
    label = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / f'{label}.sqlite3'}"
        return

    import psycopg
    from psycopg import sql

    parts = urlsplit(configured)
    name = f"{parts.path.lstrip('/') or 'newsroom'}_{label}_{os.getpid()}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A PostgreSQL test database of this run's own: two runs on one host never share one."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        test = database.setdefault("TEST", {})
        test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_{RUN_ID}"


# Browser tests: Playwright drives Debian's Chromium (never a downloaded browser).
# Playwright's sync API runs an event loop in this thread; the ORM calls that tests make
# around it are ordinary synchronous calls, so Django's async-safety guard is relaxed here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make test`, which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class OffsiteRequests(list):
    """Every request the page made to a host other than the live server."""


@pytest.fixture
def offsite_requests():
    return OffsiteRequests()


def _open_context(browser, live_server, offsite_requests, viewport):
    from urllib.parse import urlsplit

    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="ko-KR")
    server_host = urlsplit(live_server.url).netloc

    def watch(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != server_host:
            offsite_requests.append(request.url)

    context.on("request", watch)
    return context


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    """Runs a browser test once per screen: desktop and phone."""
    return request.param


@pytest.fixture
def page(browser, live_server, offsite_requests, viewport):
    """A fresh browser page (own cookies) at the parametrized viewport width."""
    context = _open_context(browser, live_server, offsite_requests, viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server, offsite_requests):
    """Opens extra independent pages (separate visitors), desktop width unless told."""
    contexts = []

    def open_page(viewport="desktop"):
        context = _open_context(browser, live_server, offsite_requests, viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(request):
    """screenshot(page, "name") saves a full-page PNG under screenshots/ (git-ignored)."""

    def take(page, name):
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
