"""The embedded default (no Redis) across its worker processes: one limit, not three, and an
edit saved by one process shows at once in the pages every other process serves."""

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from tests.server.gunicorn import base_env, published_article, request, running, shell


def test_one_address_gets_one_limit_across_all_workers(tmp_path, fresh_database_url):
    env = base_env(tmp_path, fresh_database_url, REACTION_RATE_PER_CLIENT_ARTICLE="20/h")
    env.pop("REDIS_URL", None)
    pk = published_article(env, "한 주소의 반응 상한 기사")
    access_log = tmp_path / "access.log"
    with running(env, workers=3, log_path=tmp_path / "server.log", access_log=access_log) as port:

        def press(_):  # a script that drops its cookie every time, on six connections at once
            return request(
                port,
                "POST",
                f"/news/{pk}/react/",
                body=urlencode({"kind": "angry"}),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                    "Sec-Fetch-Site": "same-origin",
                },
            )[0]

        with ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(pool.map(press, range(60)))
    state = shell(
        env,
        f"import json; from articles.models import Article; "
        f"print(json.dumps(Article.objects.values('angry_count').get(pk={pk})))",
    )
    assert statuses.count(200) == 20, statuses
    assert statuses.count(429) == 40
    assert state == {"angry_count": 20}
    posts = [line.split() for line in access_log.read_text().splitlines() if " POST " in line]
    assert len({pid for pid, *_ in posts}) >= 2  # several processes answered, one limit held


def test_an_edit_saved_elsewhere_shows_at_once_in_every_worker(tmp_path, fresh_database_url):
    env = base_env(tmp_path, fresh_database_url)
    env.pop("REDIS_URL", None)
    pk = published_article(env, "한 주소의 반응 상한 기사")
    with running(env, workers=3, log_path=tmp_path / "server.log") as port:
        for _ in range(12):  # every worker has the page cached now
            assert "한 주소의 반응 상한 기사" in request(port, "GET", f"/news/{pk}/")[2]
            assert "한 주소의 반응 상한 기사" in request(port, "GET", "/")[2]
        # Saved by another process altogether (as the admin's worker would).
        shell(
            env,
            f"import json; from articles.models import Article; a = Article.objects.get(pk={pk}); "
            f"a.title = '제목을 고친 기사'; a.save(); print(json.dumps(1))",
        )
        for _ in range(12):
            assert "제목을 고친 기사" in request(port, "GET", f"/news/{pk}/")[2]
            assert "제목을 고친 기사" in request(port, "GET", "/")[2]
