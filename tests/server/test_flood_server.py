"""The real gunicorn under abuse: a flood from one address, and a worker killed mid-write.

- A flood of comment posts and reaction presses from one address, throwing its cookies away:
  the flood gets 429s, another reader's page views keep answering quickly, and every write
  that was answered with a success is in the database.
- A worker killed with SIGKILL in the middle of a write load: every acknowledged comment and
  reaction is stored, the counters equal the rows, and the master starts a new worker.
"""

import http.client
import json
import os
import signal
import statistics
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from articles.forms import issue_token
from tests.server.gunicorn import MASTERS, base_env, published_article, request, running, shell

FLOOD = int(os.environ.get("FLOOD_REQUESTS", "1200"))  # half comments, half presses
WORKERS = 3

STATE = """
import json
from articles.models import Article, Comment, Reaction
article = Article.objects.get(pk={pk})
print(json.dumps({{
    "comment_ids": list(Comment.objects.filter(article=article).values_list("pk", flat=True)),
    "visible": Comment.objects.filter(article=article, status="visible").count(),
    "comment_count": article.comment_count,
    "like_rows": Reaction.objects.filter(article=article, kind="like").count(),
    "like_count": article.like_count,
}}))
"""


def headers(port, json_answer=True):
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json" if json_answer else "text/html",
        "Origin": f"http://127.0.0.1:{port}",
        "Sec-Fetch-Site": "same-origin",
    }


def post_comment(port, pk, n):
    body = urlencode(
        {
            "nickname": "홍수독자",
            "password": "s3cret-pw",
            "body": f"같은 곳에서 쏟아지는 댓글 {n}번",
            "token": issue_token(pk, issued_at=time.time() - 60),
        }
    )
    status, _headers, text = request(
        port, "POST", f"/news/{pk}/comments/post/", body, headers(port)
    )
    return "comment", status, json.loads(text) if status == 201 else None


def press(port, pk, _n):
    # No cookie: every press is a new visitor, so each acknowledged press is one new row.
    status, _headers, text = request(
        port, "POST", f"/news/{pk}/react/", urlencode({"kind": "like"}), headers(port)
    )
    return "press", status, json.loads(text) if status == 200 else None


def acknowledged(results):
    comments = [
        answer["comment_id"]
        for kind, status, answer in results
        if kind == "comment" and status == 201
    ]
    presses = [answer for kind, status, answer in results if kind == "press" and status == 200]
    assert all(answer["pressed"] for answer in presses)  # new visitors never take back
    return comments, len(presses)


def test_a_flood_from_one_address_is_limited_while_a_reader_keeps_reading(
    tmp_path, fresh_database_url
):
    env = base_env(tmp_path, fresh_database_url, COMMENT_MIN_FILL_SECONDS="0")
    pk = published_article(env, "홍수가 몰리는 기사")
    with running(env, workers=WORKERS, log_path=tmp_path / "server.log") as port:
        stop = threading.Event()
        timings = []

        def reader():
            while not stop.is_set():
                started = time.perf_counter()
                status, _h, html = request(port, "GET", f"/news/{pk}/")
                timings.append(time.perf_counter() - started)
                assert status == 200 and "홍수가 몰리는 기사" in html

        reading = threading.Thread(target=reader)
        reading.start()
        started = time.perf_counter()
        try:
            with ThreadPoolExecutor(max_workers=8) as pool:
                jobs = [
                    pool.submit(post_comment if n % 2 else press, port, pk, n) for n in range(FLOOD)
                ]
                results = [job.result(timeout=120) for job in jobs]
        finally:
            stop.set()
            reading.join(timeout=60)
        flood_seconds = time.perf_counter() - started

    statuses = [status for _kind, status, _answer in results]
    assert set(statuses) <= {200, 201, 429}, sorted(set(statuses))
    assert statuses.count(429) > FLOOD / 2, "the flood was not limited"
    assert len(timings) >= 5, "the reader was starved"
    # Generous bounds: two shared cores serve the flood and the reader at once.
    assert statistics.median(timings) < 2.0, (statistics.median(timings), flood_seconds)
    assert max(timings) < 15.0

    comments, presses = acknowledged(results)
    state = shell(env, STATE.format(pk=pk))
    assert set(comments) <= set(state["comment_ids"])
    assert state["like_rows"] == state["like_count"] == presses
    assert state["visible"] == state["comment_count"] == len(comments)


def worker_pids(master_pid):
    found = subprocess.run(
        ["ps", "--ppid", str(master_pid), "-o", "pid="], capture_output=True, text=True
    )
    return {int(pid) for pid in found.stdout.split()}


def master_pid(port):
    """Our gunicorn's master (not another test run's): the process started on our port. (Not
    looked up in /proc: with setproctitle installed gunicorn rewrites its command line, and
    the environment beside it.)"""
    return MASTERS[port]


def test_a_worker_killed_mid_write_loses_no_acknowledged_write(tmp_path, fresh_database_url):
    env = base_env(
        tmp_path,
        fresh_database_url,
        COMMENT_MIN_FILL_SECONDS="0",
        COMMENT_RATE_PER_VISITOR="100000/m",
        COMMENT_RATE_PER_CLIENT="100000/m",
        COMMENT_RATE_PER_ARTICLE="100000/m",
        REACTION_RATE_PER_VISITOR="100000/m",
        REACTION_RATE_PER_CLIENT="100000/m",
        REACTION_RATE_PER_CLIENT_ARTICLE="100000/m",
    )
    pk = published_article(env, "일꾼이 쓰러지는 기사")
    with running(env, workers=WORKERS, log_path=tmp_path / "server.log") as port:
        master = master_pid(port)
        # The server answers once one worker is up; the others may still be booting.
        deadline = time.monotonic() + 30
        while len(before := worker_pids(master)) < WORKERS:
            assert time.monotonic() < deadline, before
            time.sleep(0.2)
        assert len(before) == WORKERS
        killed = {}
        sent = threading.Event()

        def write(n):
            if n == 150:  # mid-load, while the others are writing
                victim = sorted(worker_pids(master))[0]
                os.kill(victim, signal.SIGKILL)
                killed["pid"] = victim
                sent.set()
            try:
                return (post_comment if n % 2 else press)(port, pk, n)
            except (OSError, http.client.HTTPException):
                # A connection the killed worker held (with threads, several at once), cut
                # before or while its answer was read: never acknowledged.
                return ("lost", None, None)

        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(write, range(400)))
        assert sent.is_set()

        deadline = time.monotonic() + 30
        while True:  # the master replaces the dead worker
            after = worker_pids(master)
            if len(after) == WORKERS and killed["pid"] not in after:
                break
            assert time.monotonic() < deadline, (before, after, killed)
            time.sleep(0.2)
        assert request(port, "GET", f"/news/{pk}/")[0] == 200

    statuses = {status for _kind, status, _answer in results}
    assert statuses <= {200, 201, None}, statuses  # None: lost with the killed worker
    comments, presses = acknowledged(results)
    assert len(comments) + presses > 300  # the load really ran around the kill
    state = shell(env, STATE.format(pk=pk))
    assert set(comments) <= set(state["comment_ids"]), "an acknowledged comment was lost"
    assert state["like_rows"] >= presses, "an acknowledged press was lost"
    assert state["like_rows"] == state["like_count"]
    assert state["visible"] == state["comment_count"]
