"""Several processes post, delete and moderate comments on one article at the same moment, as
several gunicorn workers would: Article.comment_count ends exactly equal to the visible rows.

Runs on a file SQLite database (WAL, BEGIN IMMEDIATE), or, when DATABASE_URL points at
PostgreSQL, on a fresh database on that server.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PROCESSES = 4
POSTS_EACH = 25

SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from articles.actions import comments
from articles.models import Article, Comment, Section
section = Section.objects.create(name="경제", slug="economy")
article = Article.objects.create(
    title="댓글이 몰리는 기사", section=section, body="<p>본문입니다.</p>",
    status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1),
)
seeded = [
    Comment.objects.create(article=article, nickname="독자", body=f"먼저 쓴 댓글 {n}").pk
    for n in range(12)
]
comments.set_status(comments=Comment.objects.filter(pk__in=seeded), status="visible")
print(json.dumps({"pk": article.pk, "seeded": seeded}))
"""

# Each process: posts, deletes two seeded comments (one of them also deleted by the next
# process: a double delete must subtract once), and hides one through the desk's action.
# After every write the process also reads, in one statement (one consistent snapshot), the
# stored count and the visible rows: they must agree at every committed moment, not only at
# the end (a recount run without the article's lock heals by the last write, but lies between).
WORK = """
import json, os, time
from django.conf import settings
from django.db import connection
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
from articles.actions import comments
from articles.models import Article, Comment
article = Article.objects.get(pk={pk})
mine = {mine}
seen = []

def check():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT comment_count, (SELECT COUNT(*) FROM articles_comment"
            " WHERE article_id = %s AND status = 'visible') FROM articles_article WHERE id = %s",
            [article.pk, article.pk],
        )
        stored, visible = cursor.fetchone()
    if stored != visible:
        seen.append([stored, visible])

# A readiness barrier: say this process is up (Django loaded, connection open), then wait for
# the go that comes once every process has said so, however slow the machine is.
open({ready!r}, "w").close()
deadline = time.time() + 120
while not os.path.exists({go!r}):
    if time.time() > deadline:
        raise SystemExit("no go signal")
    time.sleep(0.001)
for n in range({posts}):
    comments.post_comment(article=article, body=f"댓글 {{n}}", nickname="독자", password="1234")
    check()
    if n == 1:
        for pk in mine["delete"]:
            comments.delete_comment(comment=Comment.objects.get(pk=pk))
            check()
    if n == 3:
        comments.moderate(comments=Comment.objects.filter(pk=mine["hide"]), action="hide")
        check()
print(json.dumps({{"mismatches": seen}}))
"""

STATE = """
import json
from articles.models import Article, Comment
article = Article.objects.get(pk={pk})
print(json.dumps({{
    "stored": article.comment_count,
    "visible": Comment.objects.filter(article=article, status="visible").count(),
    "deleted": Comment.objects.filter(article=article, status="deleted").count(),
    "hidden": Comment.objects.filter(article=article, status="hidden").count(),
}}))
"""


@pytest.fixture
def env(tmp_path, fresh_database_url):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    env.update(
        DATABASE_URL=fresh_database_url,
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or "comments-test-secret-key",
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
    )
    return env


def manage(env, *args):
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def result(process):
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, f"{stdout}\n{stderr}"
    return json.loads(stdout.strip().splitlines()[-1]) if stdout.strip() else None


def test_concurrent_writers_keep_the_comment_count_exact(env, tmp_path):
    result(manage(env, "migrate", "--noinput", "-v0"))
    setup = result(manage(env, "shell", "-c", SETUP))
    seeded = setup["seeded"]

    go = tmp_path / "go"
    workers, ready = [], []
    for n in range(PROCESSES):
        mine = {"delete": [seeded[n], seeded[(n + 1) % PROCESSES]], "hide": seeded[8 + n]}
        ready.append(tmp_path / f"ready-{n}")
        code = WORK.format(
            pk=setup["pk"], mine=mine, ready=str(ready[-1]), go=str(go), posts=POSTS_EACH
        )
        workers.append(manage(env, "shell", "-c", code))
    deadline = time.time() + 120
    while not all(path.exists() for path in ready):
        assert time.time() < deadline, "the writers never all came up"
        for worker in workers:
            assert worker.poll() is None, result(worker)
        time.sleep(0.005)
    go.touch()  # every process is up and waiting: the first writes start together
    assert [result(worker) for worker in workers] == [{"mismatches": []}] * PROCESSES

    state = result(manage(env, "shell", "-c", STATE.format(pk=setup["pk"])))
    assert state == {
        "stored": 12 + PROCESSES * POSTS_EACH - PROCESSES - PROCESSES,
        "visible": 12 + PROCESSES * POSTS_EACH - PROCESSES - PROCESSES,
        "deleted": PROCESSES,
        "hidden": PROCESSES,
    }


# 공감/비공감 pressed, taken back and moved by several processes at once, some of them for the
# same visitors (one reader's double press answered by two workers): after every write the
# counters equal the vote rows, and each visitor's last press decides their vote.
VOTE_SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from articles.actions import comments
from articles.models import Article, Section
section = Section.objects.create(name="경제", slug="economy")
article = Article.objects.create(
    title="공감이 몰리는 기사", section=section, body="<p>본문입니다.</p>",
    status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1),
)
comment = comments.post_comment(article=article, body="첫 댓글", nickname="독자")
print(json.dumps({"pk": comment.pk}))
"""

VOTE_WORK = """
import json, time
from django.db import connection
from articles.actions import comments
from articles.models import Comment
comment = Comment.objects.get(pk={pk})
seen, mine = [], {{}}

def check():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT like_count, dislike_count,"
            " (SELECT COUNT(*) FROM articles_commentvote WHERE comment_id = %s AND value = 'up'),"
            " (SELECT COUNT(*) FROM articles_commentvote WHERE comment_id = %s AND value = 'down')"
            " FROM articles_comment WHERE id = %s",
            [comment.pk, comment.pk, comment.pk],
        )
        row = cursor.fetchone()
    if row[:2] != row[2:]:
        seen.append(list(row))

while time.time() < {start}:
    time.sleep(0.002)
visitors = ["shared-0", "shared-1", "shared-2", "own-{proc}-0", "own-{proc}-1"]
for n in range({rounds}):
    for k, visitor in enumerate(visitors):
        value = ("up", "down")[(n // 2 + k + {proc}) % 2]
        vote, _likes, _dislikes = comments.vote(comment=comment, visitor=visitor, value=value)
        if visitor.startswith("own-"):
            expected = mine.get(visitor)
            mine[visitor] = None if expected == value else value
            assert vote == mine[visitor], (visitor, vote, mine[visitor])
        check()
print(json.dumps({{"mismatches": seen, "mine": mine}}))
"""

VOTE_STATE = """
import json
from articles.models import Comment, CommentVote
comment = Comment.objects.get(pk={pk})
votes = dict(CommentVote.objects.filter(comment=comment).values_list("visitor", "value"))
counts = {{"likes": comment.like_count, "dislikes": comment.dislike_count}}
print(json.dumps({{**counts, "votes": votes}}))
"""


def test_concurrent_votes_and_take_backs_keep_the_counters_exact(env):
    result(manage(env, "migrate", "--noinput", "-v0"))
    pk = result(manage(env, "shell", "-c", VOTE_SETUP))["pk"]

    start = time.time() + 3
    workers = [
        manage(env, "shell", "-c", VOTE_WORK.format(pk=pk, start=start, rounds=15, proc=proc))
        for proc in range(PROCESSES)
    ]
    reports = [result(worker) for worker in workers]

    assert [report["mismatches"] for report in reports] == [[]] * PROCESSES
    state = result(manage(env, "shell", "-c", VOTE_STATE.format(pk=pk)))
    values = list(state["votes"].values())
    assert (state["likes"], state["dislikes"]) == (values.count("up"), values.count("down"))
    for report in reports:
        for visitor, vote in report["mine"].items():
            assert state["votes"].get(visitor) == vote, visitor
