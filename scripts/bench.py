"""`make bench`: the real gunicorn on a large demo archive, measured with wrk.

Every figure is a ratio to a static file served by the same server in the same run, so results
compare across machines: a page at 0.25 serves a quarter as many requests per second as
whitenoise serves the stylesheet.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "3000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wrk(url):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, p99, int(errors.group(1)) if errors else 0


def main():
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as var:
        env = {
            **os.environ,
            "NEWSROOM_VAR_DIR": var,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "ACCESS_LOG": "",
            "PORT": str(free_port()),
        }
        env.pop("DJANGO_DEBUG", None)
        print(f"Preparing {ARTICLES} articles in {var} ...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo", "--articles", str(ARTICLES))
        manage(env, "collectstatic", "--noinput", "-v0")
        base = f"http://127.0.0.1:{env['PORT']}"
        log = open(Path(var) / "gunicorn.log", "w")  # noqa: SIM115 (closed with the server)
        server = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py", "newsroom.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            for _ in range(100):
                try:
                    home = urlopen(base + "/", timeout=2).read().decode()
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise SystemExit("gunicorn did not start")
            stylesheet = re.search(r'href="(/static/css/site\.[^"]+\.css)"', home).group(1)
            article = re.search(r'href="(/news/\d+/)"', home).group(1)
            section = re.search(r'href="(/section/[^"/]+/)"', home).group(1)
            targets = [
                ("static stylesheet (baseline)", stylesheet),
                ("home page", "/"),
                ("article page", article),
                ("section page", section),
                ("section page 20", section + "?page=20"),
                ("404 page", "/news/999999999/"),
            ]
            rows = []
            for name, path in targets:
                rate, p99, errors = wrk(base + path)
                rows.append((name, path, rate, p99, errors))
            baseline = rows[0][2]
            print(
                f"\n{ARTICLES} articles, {CONNECTIONS} connections, {SECONDS}s each, "
                f"{os.environ.get('WEB_CONCURRENCY', '3')} gunicorn workers\n"
            )
            print(f"{'target':30} {'req/s':>9} {'ratio':>7} {'p99':>9}  non-2xx/3xx")
            for name, path, rate, p99, errors in rows:
                expected_404 = path.startswith("/news/999")
                print(
                    f"{name:30} {rate:9.1f} {rate / baseline:7.3f} {p99:>9}  "
                    f"{errors}{' (404 expected)' if expected_404 else ''}"
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                print(Path(var, "gunicorn.log").read_text()[-3000:])
                server.kill()
                raise
            finally:
                log.close()


if __name__ == "__main__":
    main()
