"""Two gunicorn instances, one newsroom: the same database and the same Redis behind both.

What one instance writes, the other shows: a comment, an editor's change, exact counters
under presses spread over both, and rate limits that hold across both (they live in Redis).
With DATABASE_URL on PostgreSQL both instances use a fresh PostgreSQL database; otherwise a
shared SQLite file. Redis is the local one, under a key prefix of this run's own.
"""

import json
import os
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import redis

from tests.comment_forms import form_token
from tests.server.gunicorn import base_env, manage, request, running, shell

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
PRESSES = 200

SETUP = """
import json
from datetime import timedelta
from django.contrib.auth.models import User
from django.utils import timezone
from articles.actions import comments
from articles.models import Article, Section
section = Section.objects.create(name="경제", slug="economy")
article = Article.objects.create(
    title="두 서버가 함께 보는 기사", section=section, body="<p>본문입니다.</p>",
    status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1),
)
target = comments.post_comment(
    article=article, body="신고 대상", nickname="독자", password="pw-1234"
)
User.objects.create_superuser("desk", "desk@newsroom.example", "two-instances-pw")
print(json.dumps({"pk": article.pk, "section": section.pk, "comment": target.pk}))
"""

STATE = """
import json
from articles.models import Article, Reaction
article = Article.objects.get(pk={pk})
print(json.dumps({{"like_count": article.like_count,
                   "rows": Reaction.objects.filter(article=article, kind="like").count()}}))
"""


@pytest.fixture
def prefix():
    """A key prefix of this run's own; its keys are removed afterwards, and only they."""
    name = f"nr-test-{uuid.uuid4().hex[:12]}"
    yield name
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{name}:*", count=1000):
        client.delete(key)


@pytest.fixture
def instances(tmp_path, fresh_database_url, prefix):
    env = base_env(
        tmp_path,
        fresh_database_url,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        REACTION_RATE_PER_VISITOR="1000/m",
        REACTION_RATE_PER_CLIENT="100000/m",
        REACTION_RATE_PER_CLIENT_ARTICLE="100000/m",
        COMMENT_MIN_FILL_SECONDS="0",
        COMMENT_RATE_PER_CLIENT="1000/m",
        COMMENT_ACTION_RATE_PER_VISITOR="6/h",
        COMMENT_ACTION_RATE_PER_CLIENT="100000/m",
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    ids = shell(env, SETUP)
    with (
        running(env, workers=2, log_path=tmp_path / "a.log") as port_a,
        running(env, workers=2, log_path=tmp_path / "b.log") as port_b,
    ):
        yield {"a": port_a, "b": port_b, "env": env, **ids, "logs": tmp_path}


class Browser:
    """Cookies and the headers a browser sends from our own pages, for one instance."""

    def __init__(self, port):
        self.port = port
        self.cookies = SimpleCookie()

    def send(self, method, path, data=None, headers=None):
        cookie = "; ".join(f"{name}={morsel.coded_value}" for name, morsel in self.cookies.items())
        all_headers = {"Cookie": cookie, **(headers or {})}
        body = None
        if data is not None:
            body = urlencode(data)
            all_headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://127.0.0.1:{self.port}",
                "Sec-Fetch-Site": "same-origin",
            }
        status, response_headers, text = request(self.port, method, path, body, all_headers)
        for header in response_headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return status, response_headers, text


def test_a_comment_posted_through_one_shows_on_the_other(instances):
    pk = instances["pk"]
    on_b = Browser(instances["b"])
    assert "처음 보는 두 서버 댓글" not in on_b.send("GET", f"/news/{pk}/")[2]  # cached on B

    on_a = Browser(instances["a"])
    html = on_a.send("GET", f"/news/{pk}/")[2]
    token = form_token(html)
    status, _, _ = on_a.send(
        "POST",
        f"/news/{pk}/comments/post/",
        {
            "nickname": "서버A독자",
            "password": "pw-1234",
            "body": "처음 보는 두 서버 댓글",
            "token": token,
        },
    )
    assert status == 303

    assert "처음 보는 두 서버 댓글" in Browser(instances["b"]).send("GET", f"/news/{pk}/")[2]


def test_an_edit_saved_through_one_reaches_the_other_within_the_freshness_window(instances):
    pk = instances["pk"]
    reader_b = Browser(instances["b"])
    assert "두 서버가 함께 보는 기사" in reader_b.send("GET", f"/news/{pk}/")[2]
    assert "두 서버가 함께 보는 기사" in reader_b.send("GET", "/")[2]

    editor = Browser(instances["a"])
    login = editor.send("GET", "/admin/login/")[2]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    status, _, _ = editor.send(
        "POST",
        "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": token, "username": "desk", "password": "two-instances-pw"},
        {"Referer": f"http://127.0.0.1:{instances['a']}/admin/login/"},
    )
    assert status == 302
    change = f"/admin/articles/article/{pk}/change/"
    form = editor.send("GET", change)[2]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    published = re.search(r'name="published_at_0" value="([^"]+)"', form).group(1)
    published_time = re.search(r'name="published_at_1" value="([^"]+)"', form).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        # The version the form was opened at (the edit-conflict check).
        "version": re.search(r'name="version" value="([^"]*)"', form).group(1),
        "title": "편집국이 고친 제목",
        "label": "",
        "deck": "",
        "section": instances["section"],
        "body": "<p>본문입니다.</p>",
        "tags": "",
        "status": "published",
        "published_at_0": published,
        "published_at_1": published_time,
        "comment_policy": "open",
        "video_url": "",
    }
    for prefix in re.findall(r'name="([\w-]+)-TOTAL_FORMS"', form):
        for field in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            found = re.search(rf'name="{prefix}-{field}" value="(\d*)"', form)
            data[f"{prefix}-{field}"] = found.group(1) if found else "0"
        data[f"{prefix}-TOTAL_FORMS"] = "0"
    status, _, text = editor.send(
        "POST", change, data, {"Referer": f"http://127.0.0.1:{instances['a']}{change}"}
    )
    assert status == 302, text[:2000]
    saved = time.monotonic()

    # Within the freshness window (30 s); with the shared Redis it is the next request. Timed
    # from when the pages were asked for, so a slow answer on a busy machine does not count.
    while True:
        asked = time.monotonic()
        article = Browser(instances["b"]).send("GET", f"/news/{pk}/")[2]
        home = Browser(instances["b"]).send("GET", "/")[2]
        if "편집국이 고친 제목" in article and "편집국이 고친 제목" in home:
            break
        assert time.monotonic() - saved < 30, "the edit did not reach the other instance"
        time.sleep(0.5)
    assert asked - saved < 2


def test_presses_spread_over_both_stay_exact(instances):
    pk = instances["pk"]
    readers = [Browser(instances["a" if n % 2 else "b"]) for n in range(PRESSES)]
    gate = threading.Barrier(PRESSES + 1, timeout=60)

    def press(reader):
        gate.wait()
        return reader.send(
            "POST", f"/news/{pk}/react/", {"kind": "like"}, {"Accept": "application/json"}
        )

    with ThreadPoolExecutor(max_workers=PRESSES) as pool:
        futures = [pool.submit(press, reader) for reader in readers]
        gate.wait()
        results = [future.result(timeout=120) for future in futures]

    assert [status for status, _, _ in results] == [200] * PRESSES
    seen = sorted(json.loads(text)["counts"]["like"] for _, _, text in results)
    assert seen == list(range(1, PRESSES + 1))
    state = shell(instances["env"], STATE.format(pk=pk))
    assert state == {"like_count": PRESSES, "rows": PRESSES}
    # Both instances show the exact count to a new reader.
    for port in (instances["a"], instances["b"]):
        html = Browser(port).send("GET", f"/news/{pk}/")[2]
        assert f'<span class="reactions__count">{PRESSES}</span>' in html


def test_a_rate_limit_holds_across_both(instances):
    """COMMENT_ACTION_RATE_PER_VISITOR is 6/h: six actions in all, whichever instance."""
    comment = instances["comment"]
    reader = Browser(instances["a"])
    statuses = []
    for number in range(10):
        reader.port = instances["a" if number % 2 else "b"]
        status, _, _ = reader.send(
            "POST", f"/comments/{comment}/report/", {}, {"Accept": "application/json"}
        )
        statuses.append(status)
    # The first report counts, the next five are "already reported", then the limit.
    assert statuses == [200, 409, 409, 409, 409, 409, 429, 429, 429, 429]
