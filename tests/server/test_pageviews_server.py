"""Buffered views against the real gunicorn: batched while it runs, all written at a clean exit.

The embedded setup (no REDIS_URL): each worker buffers in its own memory and writes at most
every VIEW_FLUSH_SECONDS; gunicorn's worker_exit hook writes what is left when it stops.
"""

from urllib.parse import urlencode

from tests.server.gunicorn import base_env, published_article, request, running, shell

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


def test_views_are_written_in_batches_and_none_is_lost_at_a_clean_exit(
    tmp_path, fresh_database_url
):
    env = base_env(tmp_path, fresh_database_url, VIEW_FLUSH_SECONDS="3600", VIEW_FLUSH_EVERY="1000")
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
        running_state = shell(env, STATE.format(pk=pk))
        # At most each worker's first view was written at once; the rest wait in the buffer.
        assert running_state["view_count"] <= 2

    stopped = shell(env, STATE.format(pk=pk))
    assert stopped == {"view_count": VIEWS, "daily": VIEWS}
    assert "Traceback" not in (tmp_path / "server.log").read_text()
