"""Buffered views against the real gunicorn and task worker: no write per view, and none lost.

The embedded setup (no REDIS_URL): views wait in the counters file every process on the machine
shares, and a task writes them VIEW_FLUSH_SECONDS after the first. They outlive the server
that took them: a worker started after it stopped writes them all, once.
"""

import time
from urllib.parse import urlencode

from tests.server.gunicorn import base_env, published_article, request, running, shell, task_worker

VIEWS = 40


STATE = """
import json
from django.db.models import Sum
from articles.models import Article, DailyViews
print(json.dumps({{
    "view_count": Article.objects.get(pk={pk}).view_count,
    "daily": DailyViews.objects.filter(article_id={pk}).aggregate(total=Sum("views"))["total"],
}}))
"""


def test_views_wait_in_the_buffer_outlive_the_server_and_are_written_once(
    tmp_path, fresh_database_url
):
    env = base_env(tmp_path, fresh_database_url, VIEW_FLUSH_SECONDS="1", VIEW_FLUSH_EVERY="1000")
    env.pop("REDIS_URL", None)
    pk = published_article(env, "조회수 일괄 기록 기사")

    with running(env, workers=2, log_path=tmp_path / "server.log") as port:
        for number in range(VIEWS):
            status, headers, _ = request(
                port,
                "POST",
                f"/news/{pk}/view/",
                body=urlencode({"k": f"reader-{number:06}"}),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "User-Agent": "Mozilla/5.0 Chrome/131.0",
                    "Origin": f"http://127.0.0.1:{port}",
                    "Sec-Fetch-Site": "same-origin",
                },
            )
            assert status == 204
            assert not headers.get_all("Set-Cookie")
        # No view was written by the request that counted it; no worker runs yet.
        assert shell(env, STATE.format(pk=pk)) == {"view_count": 0, "daily": None}

    with task_worker(env, log_path=tmp_path / "worker.log"):
        deadline = time.monotonic() + 30
        while shell(env, STATE.format(pk=pk))["view_count"] < VIEWS:
            assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
            time.sleep(0.5)
        time.sleep(2)  # every flush the two server processes queued has run by now
        assert shell(env, STATE.format(pk=pk)) == {"view_count": VIEWS, "daily": VIEWS}
