"""Starting the real gunicorn for the server tests, as `make run` runs it."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from tests.commands import run_manage

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(tmp_path, database_url, **extra):
    """The environment of a server process: its own var folder, the given database."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or "server-test-secret-key",
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONUNBUFFERED="1",
        # Every test client is at 127.0.0.1 and stands for many readers, as behind a proxy.
        **{"CONNECTIONS_PER_CLIENT": "1000", **extra},
    )
    return env


def manage(env, *args):
    result = run_manage(env, *args)
    assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def shell(env, code):
    """Runs Python in `manage.py shell` against the server's database; returns its last JSON."""
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


@contextmanager
def running(env, *, workers, log_path, access_log=None):
    """gunicorn with gunicorn.conf.py on a free port; yields the port, stops it with SIGTERM."""
    port = free_port()
    env = env | {
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "ACCESS_LOG": str(access_log) if access_log else "",
    }
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            # The access log also records the worker's pid, to see which process served what.
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--access-logformat",
                "%(p)s %(s)s %(m)s %(U)s",
                "newsroom.wsgi",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"gunicorn exited:\n{log_path.read_text()}"
            try:
                if request(port, "GET", "/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"gunicorn did not answer:\n{log_path.read_text()}"
            time.sleep(0.2)
        MASTERS[port] = process.pid
        yield port
    finally:
        MASTERS.pop(port, None)
        stop(process)


# The master of each running server, by port: the process started (its workers are its children).
MASTERS: dict[int, int] = {}


@contextmanager
def task_worker(env, *, log_path):
    """`manage.py worker` (the task queue's worker, as `make run` starts it); stopped with
    SIGTERM, which lets it finish the task in hand."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--interval", "0.1"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        stop(process)


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


PUBLISHED_ARTICLE = """
import json
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Section
section = Section.objects.create(name="경제", slug="economy")
article = Article.objects.create(
    title={title!r}, section=section, body="<p>본문입니다.</p>",
    status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1),
)
print(json.dumps({{"pk": article.pk}}))
"""


def published_article(env, title):
    """Migrates the server's database, collects static files and publishes one article."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return shell(env, PUBLISHED_ARTICLE.format(title=title))["pk"]


@contextmanager
def serving_article(tmp_path, database_url, title, *, workers, **settings):
    """gunicorn on a database of its own that holds one published article, `title`, with
    `settings` in its environment: yields {"port", "pk", "log"}."""
    env = base_env(tmp_path, database_url, **settings)
    pk = published_article(env, title)
    log = tmp_path / "server.log"
    with running(env, workers=workers, log_path=log) as port:
        yield {"port": port, "pk": pk, "log": log}
