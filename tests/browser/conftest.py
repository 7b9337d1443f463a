"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser), and the
Nu Html Checker runs on the machine's Java. Every test here is marked `browser`.

The fixtures: `browser` (one Chromium per run), `page` (a fresh visitor, once per viewport),
`new_page` (more visitors), `viewport`, `offsite_requests`, `screenshot`, `sign_in` and
`server_quiet`.
"""

import contextlib
import os
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.factories import PASSWORD

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Everything in this folder is a browser test, so `-m "not browser"` leaves it out."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


# Browser tests: Playwright drives Debian's Chromium (never a downloaded browser).
# Playwright's sync API runs an event loop in this thread; the ORM calls that tests make
# around it are ordinary synchronous calls, so Django's async-safety guard is relaxed here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def browser(live_server):
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
        httpd = live_server.thread.httpd
        serving = Serving(httpd.get_app())
        httpd.set_app(serving)
        browser.new_context = _answered_before_closing(browser.new_context, serving)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _served_only_during_the_test(request):
    """Opens the live server for the test and closes it before the test's database is emptied
    (pytest-django's database fixtures are autouse fixtures of a plugin, so they are set up
    before this one and torn down after it)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    httpd = request.getfixturevalue("live_server").thread.httpd
    # The browser fixture wraps the live server's application in Serving when first asked for.
    if isinstance(httpd.get_app(), Serving):
        httpd.get_app().reopen()
    yield
    if isinstance(httpd.get_app(), Serving):
        httpd.get_app().close()


class Serving:
    """Wraps the live server's application: how many requests it is serving, and since when
    it has served none. Between two tests it is closed: a request that arrives then (a page's
    leaving beacon that Chromium sent late) is answered 503 without touching the database,
    which is being emptied for the next test."""

    QUIET_SECONDS = 0.25  # a page's leaving beacon reaches the server within this

    def __init__(self, app):
        self.app, self.serving, self.idle_since = app, 0, time.monotonic()
        self.open = True
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            if not self.open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"between tests"]
            self.serving += 1
        try:
            result = self.app(environ, start_response)
        except BaseException:
            self._done()
            raise
        # Served until the server has closed the response: Django's request_finished signal,
        # which touches the database connection, runs in that close().
        return _Closing(result, self._done)

    def _done(self):
        with self.lock:
            self.serving -= 1
            self.idle_since = time.monotonic()

    def wait_until_quiet(self, seconds=5):
        """Waits until nothing has been served for QUIET_SECONDS, counted from this call at the
        earliest: a beacon the page has only just queued has not reached the server yet."""
        began = time.monotonic()
        deadline = began + seconds
        while time.monotonic() < deadline:
            with self.lock:
                since = max(self.idle_since, began)
                if not self.serving and time.monotonic() - since >= self.QUIET_SECONDS:
                    return
            time.sleep(0.02)

    def close(self):
        """Answers no more requests and waits for those being served to finish."""
        with self.lock:
            self.open = False
        deadline = time.monotonic() + 5
        while self.serving and time.monotonic() < deadline:
            time.sleep(0.02)

    def reopen(self):
        with self.lock:
            self.open = True


class _Closing:
    """A WSGI response that calls `done` once the server has closed it."""

    def __init__(self, result, done):
        self.result, self.done = result, done

    def __iter__(self):
        return iter(self.result)

    def close(self):
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            self.done()


def _answered_before_closing(new_context, serving):
    """Contexts whose close() first leaves every page (its scripts send what they send on
    leaving: the desk form's "leaving" beacon, which Chromium does not report as a request)
    and waits until the live server has been quiet a moment. A request still being served
    while the test's database is emptied fails there, and on SQLite's shared in-memory
    database it breaks the transaction of every test after it."""

    def opened(**options):
        context = new_context(**options)
        close = context.close

        def leave_and_close(**close_options):
            for page in context.pages:
                with contextlib.suppress(PlaywrightError):
                    page.goto("about:blank")
            serving.wait_until_quiet()
            close(**close_options)

        context.close = leave_and_close
        return context

    return opened


class OffsiteRequests(list):
    """Every request the page made to a host other than the live server."""


@pytest.fixture
def server_quiet(browser, live_server):
    """Waits until the live server has served nothing for a moment. A test that writes to the
    database while a page's scripts are still being answered (its view beacon, its live counts)
    fails on SQLite's shared in-memory database: a table another connection is reading is
    locked there, not waited for."""
    return live_server.thread.httpd.get_app().wait_until_quiet


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
def screenshot():
    """screenshot(page, "name") saves a full-page PNG under screenshots/ (git-ignored);
    full_page=False keeps to the viewport, and a locator saves that element alone."""

    def take(target, name, *, full_page=True):
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        if full_page:
            target.screenshot(path=str(path), full_page=True)
        else:
            target.screenshot(path=str(path))
        return path

    return take


@pytest.fixture
def sign_in(live_server):
    """sign_in(page, username) signs a newsroom member in through the admin's login form, as
    a person would, and waits for the admin home. Make them with tests.factories.make_staff,
    whose password is the default here."""

    def sign(page, username="desk", password=PASSWORD):
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        return page

    return sign
