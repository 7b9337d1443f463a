"""200 visitors press 좋아요 at once against the real gunicorn: every press counts exactly once.

The server runs as `make run` runs it: gunicorn.conf.py, newsroom.settings with DEBUG off,
collected static files, several worker processes, on a file SQLite database. When DATABASE_URL
points at PostgreSQL, the same test runs against a fresh database on that server instead.
"""

import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.server.gunicorn import base_env, manage, request, running, shell

VISITORS = 200
WORKERS = 4
SEEDED_LIKES = 3  # presses made before the burst, so "back to the start" is not just zero

SETUP = f"""
import json
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Section
from articles.actions.reactions import toggle_reaction
section = Section.objects.create(name="경제", slug="economy")
article = Article.objects.create(
    title="동시 반응 측정용 기사", section=section, body="<p>본문입니다.</p>",
    status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1),
)
for number in range({SEEDED_LIKES}):
    toggle_reaction(article_id=article.pk, visitor=f"seed-{{number}}", kind="like")
print(json.dumps({{"pk": article.pk}}))
"""

STATE = """
import json
from django.db import connection
from articles.models import Article, Reaction
article = Article.objects.get(pk={pk})
likes = Reaction.objects.filter(article=article, kind="like")
state = {{
    "like_count": article.like_count,
    "rows": likes.count(),
    "visitors": likes.values("visitor").distinct().count(),
    "vendor": connection.vendor,
}}
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        state["journal_mode"] = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        state["busy_timeout"] = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
    state["transaction_mode"] = connection.settings_dict["OPTIONS"].get("transaction_mode")
print(json.dumps(state))
"""


@pytest.fixture
def server_env(tmp_path, fresh_database_url):
    # A load test from one address: raise both limits, as the README says.
    return base_env(
        tmp_path,
        fresh_database_url,
        REACTION_RATE_PER_VISITOR="1000/m",
        REACTION_RATE_PER_CLIENT="100000/m",
        REACTION_RATE_PER_CLIENT_ARTICLE="100000/m",
    )


@pytest.fixture
def server(tmp_path, server_env):
    """Migrates, collects static files and starts gunicorn; yields (port, article pk, logs)."""
    manage(server_env, "migrate", "--noinput", "-v0")
    manage(server_env, "collectstatic", "--noinput", "-v0")
    pk = shell(server_env, SETUP)["pk"]
    access_log = tmp_path / "access.log"
    server_log = tmp_path / "server.log"
    with running(server_env, workers=WORKERS, log_path=server_log, access_log=access_log) as port:
        yield {"port": port, "pk": pk, "access_log": access_log, "server_log": server_log}


class Visitor:
    """One reader with their own cookies: loads the article, then presses when told."""

    def __init__(self, port, pk):
        self.port, self.pk = port, pk
        self.cookies = SimpleCookie()

    def load(self):
        status, headers, _html = request(self.port, "GET", f"/news/{self.pk}/")
        # A page view makes nobody known: the page is the same for every reader.
        assert not headers.get_all("Set-Cookie")
        return status

    def press(self, kind):
        cookie = "; ".join(f"{name}={morsel.coded_value}" for name, morsel in self.cookies.items())
        status, headers, text = request(
            self.port,
            "POST",
            f"/news/{self.pk}/react/",
            body=urlencode({"kind": kind}),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                # What a browser sends with a press from our own page.
                "Origin": f"http://127.0.0.1:{self.port}",
                "Sec-Fetch-Site": "same-origin",
                "Cookie": cookie,
            },
        )
        for header in headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)  # the first press makes the reader known
        return status, json.loads(text) if status == 200 else text


def burst(visitors, kind):
    """Everyone presses at the same moment; returns the responses and the seconds it took."""
    gate = threading.Barrier(len(visitors) + 1, timeout=60)
    released = {}

    def press(visitor):
        gate.wait()
        return visitor.press(kind)

    with ThreadPoolExecutor(max_workers=len(visitors)) as pool:
        futures = [pool.submit(press, visitor) for visitor in visitors]
        gate.wait()
        released["at"] = time.perf_counter()
        results = [future.result(timeout=90) for future in futures]
    return results, time.perf_counter() - released["at"]


def test_200_visitors_press_at_once_and_take_it_back(server, server_env):
    port, pk = server["port"], server["pk"]
    start = shell(server_env, STATE.format(pk=pk))
    assert start["like_count"] == start["rows"] == SEEDED_LIKES

    # 200 distinct visitors load the page (all at once too), then press at the same moment.
    visitors = [Visitor(port, pk) for _ in range(VISITORS)]
    with ThreadPoolExecutor(max_workers=VISITORS) as pool:
        statuses = list(pool.map(lambda visitor: visitor.load(), visitors))
    assert statuses == [200] * VISITORS

    pressed, press_seconds = burst(visitors, "like")
    # Each press made its reader known: 200 distinct cookies, kept for the take-back.
    keys = {visitor.cookies["nr_visitor"].value for visitor in visitors}
    assert len(keys) == VISITORS

    assert [status for status, _ in pressed] == [200] * VISITORS, pressed
    assert all(data["pressed"] is True for _, data in pressed)
    # Every press saw its own count: the presses were applied one after another, none lost.
    seen = sorted(data["counts"]["like"] for _, data in pressed)
    assert seen == list(range(SEEDED_LIKES + 1, SEEDED_LIKES + VISITORS + 1))
    after_press = shell(server_env, STATE.format(pk=pk))
    assert after_press["like_count"] == SEEDED_LIKES + VISITORS
    assert after_press["rows"] == SEEDED_LIKES + VISITORS
    assert after_press["visitors"] == SEEDED_LIKES + VISITORS

    taken_back, back_seconds = burst(visitors, "like")

    assert [status for status, _ in taken_back] == [200] * VISITORS, taken_back
    assert all(data["pressed"] is False for _, data in taken_back)
    seen = sorted(data["counts"]["like"] for _, data in taken_back)
    assert seen == list(range(SEEDED_LIKES, SEEDED_LIKES + VISITORS))
    after_back = shell(server_env, STATE.format(pk=pk))
    assert after_back["like_count"] == after_back["rows"] == SEEDED_LIKES

    # Several processes served the presses, and none of them hit a locked database.
    posts = [
        line.split()
        for line in server["access_log"].read_text().splitlines()
        if " POST " in f" {line} "
    ]
    assert len(posts) == 2 * VISITORS
    assert {status for _, status, _, _ in posts} == {"200"}
    assert len({pid for pid, _, _, _ in posts}) >= 3
    log = server["server_log"].read_text()
    assert "database is locked" not in log
    assert "Traceback" not in log

    if after_back["vendor"] == "sqlite":
        # The embedded database is set up for concurrent writers.
        assert after_back["journal_mode"] == "wal"
        assert after_back["busy_timeout"] >= 5000
        assert after_back["transaction_mode"] == "IMMEDIATE"
        database = server_env["DATABASE_URL"].removeprefix("sqlite:///")
        with sqlite3.connect(database) as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    print(
        f"\n[{after_back['vendor']}, {WORKERS} workers] {VISITORS} presses in "
        f"{press_seconds:.2f} s, {VISITORS} take-backs in {back_seconds:.2f} s"
    )
