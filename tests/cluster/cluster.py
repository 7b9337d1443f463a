"""A newsroom cluster on this machine, as production runs one: Varnish in front (Debian's
varnish and varnish-modules, deploy/varnish/newsroom.vcl), two gunicorn instances, a task
worker, PostgreSQL, Redis and an S3-compatible server (moto's server mode), all on 127.0.0.1.

Each part is a real process started here and stopped at the end; the database, the Redis keys
and the bucket are this run's own. `Cluster` starts, stops, kills and restarts the parts and
reads what the origin served from the gunicorn access logs (each line names the path and the
origin page cache's answer: hit, stored, drawn).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import boto3
import psycopg
import redis
import requests
from psycopg import sql
from requests.adapters import HTTPAdapter

from tests.html_forms import form_data

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"
BUCKET = "newsroom-cluster"
POSTGRES_URL = os.environ.get("CLUSTER_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/9")
# The origin's access log: worker pid, status, method, path, and the page cache's answer.
ACCESS_FORMAT = "%(p)s %(s)s %(m)s %(U)s %({x-page-cache}o)s"

SITE_VCL = """\
import directors;

# Quicker to notice than site.example.vcl's (the tests kill and restart app servers), and
# patient with a machine whose two cores also run the load.
probe healthz {{
    .url = "/healthz/";
    .interval = 1s;
    .timeout = 3s;
    .window = 4;
    .threshold = 2;
    .initial = 2;
}}

backend app1 {{
    .host = "127.0.0.1";
    .port = "{app1}";
    .probe = healthz;
    .first_byte_timeout = 10s;
}}

backend app2 {{
    .host = "127.0.0.1";
    .port = "{app2}";
    .probe = healthz;
    .first_byte_timeout = 10s;
}}

sub vcl_init {{
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
}}

sub newsroom_backend {{
    set req.backend_hint = apps.backend();
}}

acl purgers {{
    "127.0.0.1";
}}

sub newsroom_host {{
    if (req.http.host !~ "^127\\.0\\.0\\.1(:[0-9]+)?$") {{
        return (synth(400, "Unknown host"));
    }}
    set req.http.host = "127.0.0.1:{varnish}";
}}
"""

SEED = """
import json
from datetime import timedelta
from django.contrib.auth.models import User
from django.utils import timezone
from articles.models import Article, Reporter, Section
from tests.factories import make_article, make_reporter

economy = Section.objects.create(name="경제", slug="economy", order=1)
industry = Section.objects.create(name="산업", slug="industry", order=2)
reporter = make_reporter("서이원", handle="iwonseo")
other = make_reporter("한지우", handle="jiwoohan")
articles = {
    "a": make_article(
        "기준금리 동결, 시장은 연내 인하에 무게", section=economy, reporters=[reporter]
    ),
    # B shares nothing with A: no section, reporter or tag, so no list or box of B's page shows A.
    "b": make_article("조선 3사 수주 잔고 4년 치 넘었다", section=industry, reporters=[other]),
    "photo": make_article("물류센터 자동화 투자 늘린다", section=industry, reporters=[reporter]),
    "load": make_article("수출 물가 석 달 만에 반등", section=economy, reporters=[reporter]),
    "react": make_article("소비자심리지수 두 달째 올라", section=economy, reporters=[reporter]),
    "kill": make_article("2차전지 소재 수출 회복세", section=industry, reporters=[reporter]),
    "down": make_article("원·달러 환율 1,300원대 초반", section=economy, reporters=[reporter]),
    "gzip": make_article("가계대출 증가세 한풀 꺾여", section=economy, reporters=[reporter]),
}
for number in range(6):
    make_article(f"지역 경제 소식 {number + 1}", section=economy,
                 published_at=timezone.now() - timedelta(hours=2 + number))
# The side boxes' newest (주요뉴스 and 뉴스발전소, six each, topped up with the newest): newer than
# the articles above, so that no box of their pages shows one of them.
culture = Section.objects.create(name="문화", slug="culture", order=3)
critic = make_reporter("문예린", handle="yerinmoon")
for number in range(14):
    make_article(f"전시 소식 {number + 1}", section=culture, reporters=[critic])
User.objects.create_superuser("desk", password="cluster-desk-password")
print(json.dumps({
    "articles": {name: article.pk for name, article in articles.items()},
    "sections": {"economy": economy.pk, "industry": industry.pk},
}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, *, seconds, message, pause=0.1):
    """Calls `check` until it returns something true; returns it. Fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found:
            return found
        assert time.monotonic() < deadline, message() if callable(message) else message
        time.sleep(pause)


class Cluster:
    def __init__(self, workdir: Path):
        self.dir = workdir
        self.ports = {name: free_port() for name in ("varnish", "app1", "app2", "s3")}
        self.database = f"newsroom_cluster_{os.getpid()}"
        self.prefix = f"cluster-{os.getpid()}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.site = f"http://127.0.0.1:{self.ports['varnish']}"
        self.media = f"http://127.0.0.1:{self.ports['s3']}/{BUCKET}/"
        parts = urlsplit(POSTGRES_URL)
        self.database_url = urlunsplit(parts._replace(path=f"/{self.database}"))
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))},
            "DJANGO_SECRET_KEY": "cluster-proof-secret-key-not-for-production",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": self.prefix,
            "NEWSROOM_VAR_DIR": str(workdir / "var"),
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "SITE_URL": self.site,
            "DJANGO_TRUSTED_PROXY_HOPS": "1",
            "CACHE_TAG_HEADER": "xkey",
            "EDGE_PURGE": "varnish",
            "EDGE_PURGE_URLS": f"{self.site}/",
            "EDGE_PURGE_RETRY_MAX_SECONDS": "2",
            "MEDIA_STORAGE": "s3",
            "MEDIA_URL": self.media,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['s3']}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "cluster",
            "AWS_SECRET_ACCESS_KEY": "cluster-secret",
            "WEB_CONCURRENCY": "2",
            "WEB_THREADS": "8",
            # Behind Varnish every reader has Varnish's address (README, "Slow clients").
            "BUFFERED_BODY_BYTES_PER_CLIENT": str(256 * 1024 * 1024),
            "CONNECTIONS_PER_CLIENT": "1000",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("CHROMIUM_PATH", None)
        self.articles: dict[str, int] = {}
        self.sections: dict[str, int] = {}

    # Starting and stopping

    def start(self):
        (self.dir / "var").mkdir(parents=True, exist_ok=True)
        self._create_database()
        self._start(
            "s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.ports["s3"])]
        )
        wait_until(
            lambda: self._answers(self.ports["s3"]), seconds=30, message="moto did not start"
        )
        self.s3.create_bucket(Bucket=BUCKET)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        seeded = self.shell(SEED)
        self.articles, self.sections = seeded["articles"], seeded["sections"]
        self.start_app(1)
        self.start_app(2)
        self.start_worker()
        self.start_varnish()
        self.wait_for_tasks()

    def stop(self):
        for name in list(self.processes):
            self.stop_part(name)
        with suppress(Exception):
            client = redis.Redis.from_url(REDIS_URL)
            for key in client.scan_iter(match=f"{self.prefix}:*", count=1000):
                client.delete(key)
        with suppress(Exception), psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(self.database)
                )
            )

    def _create_database(self):
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            name = sql.Identifier(self.database)
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(name))

    def _start(self, name, command, *, env=None):
        log = open(self.dir / f"{name}.log", "a")  # noqa: SIM115 (kept open by the process)
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def log(self, name):
        return (self.dir / f"{name}.log").read_text(errors="replace")

    def stop_part(self, name, sig=signal.SIGTERM):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def kill(self, name):
        """SIGKILL the part and every process it started (gunicorn's workers too)."""
        self.stop_part(name, signal.SIGKILL)

    def pause(self, name):
        os.killpg(self.processes[name].pid, signal.SIGSTOP)

    def resume(self, name):
        os.killpg(self.processes[name].pid, signal.SIGCONT)

    @staticmethod
    def _answers(port, path="/"):
        try:
            requests.get(f"http://127.0.0.1:{port}{path}", timeout=2)
        except requests.RequestException:
            return False
        return True

    def start_app(self, number):
        port = self.ports[f"app{number}"]
        env = self.env | {"HOST": "127.0.0.1", "PORT": str(port)}
        command = [
            str(BIN / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--access-logfile",
            str(self.dir / f"access-app{number}.log"),
            "--access-logformat",
            ACCESS_FORMAT,
            "newsroom.wsgi",
        ]
        self._start(f"app{number}", command, env=env)
        wait_until(
            lambda: self._answers(port, "/healthz/"),
            seconds=60,
            message=lambda: f"app{number} did not start:\n{self.log(f'app{number}')}",
        )

    def varnish_sees_every_app(self):
        """True once Varnish's probes find both app servers healthy."""
        listed = subprocess.run(
            ["varnishadm", "-n", str(self.dir / "varnish" / "state"), "backend.list"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
        apps = [line for line in listed.splitlines() if re.search(r"\.app\d\s", line)]
        return len(apps) == 2 and not any("sick" in line.lower() for line in apps)

    def wait_for_apps(self):
        wait_until(
            self.varnish_sees_every_app,
            seconds=30,
            message=lambda: "Varnish does not see both app servers healthy",
            pause=0.2,
        )

    def start_worker(self, name="worker"):
        self._start(name, [sys.executable, "manage.py", "worker", "--interval", "0.1"])

    def start_varnish(self):
        varnish_dir = self.dir / "varnish"
        varnish_dir.mkdir(exist_ok=True)
        shutil.copy(VCL, varnish_dir / "newsroom.vcl")
        (varnish_dir / "site.vcl").write_text(SITE_VCL.format(**self.ports))
        command = [
            "varnishd",
            "-F",
            "-j",
            "none",
            "-n",
            str(varnish_dir / "state"),
            "-a",
            f"127.0.0.1:{self.ports['varnish']}",
            "-T",
            "127.0.0.1:0",
            "-f",
            str(varnish_dir / "newsroom.vcl"),
            "-p",
            f"vcl_path={varnish_dir}",
            "-s",
            "malloc,256m",
        ]
        self._start("varnish", command)
        wait_until(
            lambda: self._status(self.site + "/healthz/") == 200,
            seconds=30,
            message=lambda: f"Varnish did not start:\n{self.log('varnish')}",
        )

    @staticmethod
    def _status(url):
        try:
            return requests.get(url, timeout=2).status_code
        except requests.RequestException:
            return None

    # Talking to it

    def task_counts(self):
        """{status: count} of every task queued so far."""
        with psycopg.connect(self.database_url) as connection:
            rows = connection.execute(
                "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
            ).fetchall()
        return dict(rows)

    def tasks_due(self):
        """Tasks queued to run now (not those waiting for their time) or running."""
        with psycopg.connect(self.database_url) as connection:
            (count,) = connection.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
                " OR (status = 'READY' AND (run_after <= now() OR run_after > '9000-01-01'))"
            ).fetchone()
        return count

    def wait_for_tasks(self, seconds=60):
        """Until every task due is done."""
        wait_until(
            lambda: self.tasks_due() == 0,
            seconds=seconds,
            message=lambda: f"tasks left: {self.task_counts()}",
        )

    def manage(self, *args, timeout=180):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"manage.py {args[0]}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def shell(self, code):
        """Runs Python in `manage.py shell` on the cluster's database; returns its last JSON."""
        return json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])

    @property
    def s3(self):
        return boto3.client(
            "s3",
            endpoint_url=self.env["AWS_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster-secret",
        )

    def reader_get(self, path, **headers):
        """What a new reader gets through Varnish: no cookies, a new connection."""
        return requests.get(self.site + path, headers=headers, timeout=10, allow_redirects=False)

    def origin_lines(self, since=None):
        """Every request the two app servers answered so far: (status, method, path, cache),
        after the marks in `since` (from origin_mark()) when given."""
        lines = []
        for number, log in enumerate(self._origin_logs(), start=1):
            skip = since[number] if since else 0
            for line in log[skip:]:
                fields = line.split()
                if len(fields) == 5:
                    lines.append(tuple(fields[1:]))
        return lines

    def origin_mark(self):
        """Where each app server's log stands now: pass it as `since` to count what follows.
        (One position per log: the two logs grow side by side.)"""
        return {number: len(log) for number, log in enumerate(self._origin_logs(), start=1)}

    def _origin_logs(self):
        for number in (1, 2):
            path = self.dir / f"access-app{number}.log"
            yield path.read_text(errors="replace").splitlines() if path.exists() else []

    def renders(self, path, since=None):
        """Pages the origin drew (not served from its own cache) for GET `path`, counting
        after `since` (from origin_mark())."""
        return sum(
            1
            for status, method, served, answer in self.origin_lines(since)
            if method == "GET" and served == path and answer != "hit"
        )

    def origin_requests(self, path, since=None):
        return sum(1 for _, _, served, _ in self.origin_lines(since) if served == path)


class FromAddress(HTTPAdapter):
    """Connections from one address of the loopback network (127.0.0.0/8): readers who come
    from different addresses, as Varnish and the origin's per-address limits see them."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def reader_at(address):
    """A new reader (no cookies yet) whose requests come from `address`."""
    session = requests.Session()
    session.mount("http://", FromAddress(address))
    return session


class Editor:
    """A 데스크 editor in the admin, through Varnish (the admin passes it)."""

    def __init__(self, base, username="desk", password="cluster-desk-password"):
        self.base = base
        self.session = requests.Session()
        login = self.session.get(f"{base}/admin/login/", timeout=30)
        data = form_data(login)
        data.update(username=username, password=password, next="/admin/")
        response = self.session.post(f"{base}/admin/login/", data=data, timeout=30)
        assert response.url.rstrip("/").endswith("/admin"), response.text[:2000]

    def change_form(self, pk):
        response = self.session.get(f"{self.base}/admin/articles/article/{pk}/change/", timeout=30)
        assert response.status_code == 200
        return form_data(response, "article_form")

    def save(self, pk, files=None, **fields):
        """Saves the article's change form with `fields` changed; returns when the admin has
        answered (the save committed)."""
        data = self.change_form(pk) | fields
        response = self.session.post(
            f"{self.base}/admin/articles/article/{pk}/change/",
            data=data,
            files=files,
            allow_redirects=False,
            timeout=60,
        )
        assert response.status_code == 302, response.text[:3000]
        return response

    def correct(self, pk, text):
        url = f"{self.base}/admin/articles/article/{pk}/correct/"
        data = form_data(self.session.get(url, timeout=30)) | {"text": text}
        response = self.session.post(url, data=data, allow_redirects=False, timeout=60)
        assert response.status_code == 302, response.text[:3000]
        return response
