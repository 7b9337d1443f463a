"""`make bench`: the real gunicorn on a demo archive of a chosen size, measured with wrk.

Every figure is a ratio to a static file served by the same server in the same run, so results
compare across machines: a page at 0.25 serves a quarter as many requests per second as
whitenoise serves the stylesheet.

    make bench                              # 1,000 articles
    make bench BENCH_ARTICLES="1000 100000" # both sizes, and the 1.25× check between them
    make bench BENCH_ARTICLES=100 BENCH_SECONDS=1  # smoke run

The archive is built once per size under var/bench/<size>/ and reused while load_demo.py and
the demo package are unchanged (delete the folder to rebuild); each run works on a copy, so the
posts it makes never pile up. With DATABASE_URL the archive is loaded there instead (an empty
database, or one that already holds that size) and posts stay. Each size runs gunicorn twice
exactly as `make run` does (gunicorn.conf.py, its workers; the access log off): once as configured
(warm) and once with PAGE_CACHE=0 (the page cache bypassed). The table goes to
docs/benchmark.md (BENCH_OUTPUT).
"""

import contextlib
import datetime
import gzip
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
# The static file again after each row, this long: each row is compared with the static file
# measured just before and just after it, not once at the start (a shared machine's speed
# moves by half within a run).
BASELINE_SECONDS = max(1, min(SECONDS, 2))
SETTLE_SECONDS = 1  # between two wrk runs
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
OUTPUT = Path(os.environ.get("BENCH_OUTPUT", ROOT / "docs" / "benchmark.md"))
BENCH_DIR = ROOT / "var" / "bench"
SECTION_PAGE = 200

# Limits raised for the run only, so that the POST rows measure the work, not the refusal.
RUN_ENV = {
    "ACCESS_LOG": "",
    "CONNECTIONS_PER_CLIENT": "1000",  # wrk's connections stand for many readers
    "REACTION_RATE_PER_VISITOR": "1000000/m",
    "REACTION_RATE_PER_CLIENT": "1000000/m",
    "REACTION_RATE_PER_CLIENT_ARTICLE": "1000000/m",
    "COMMENT_RATE_PER_VISITOR": "1000000/m",
    "COMMENT_RATE_PER_CLIENT": "1000000/m",
    "COMMENT_RATE_PER_ARTICLE": "1000000/m",
    "COMMENT_ACTION_RATE_PER_VISITOR": "1000000/m",
    "COMMENT_ACTION_RATE_PER_CLIENT": "1000000/m",
    "COMMENT_MIN_FILL_SECONDS": "0",
    "COMMENT_REPEAT_WINDOW": "0",
    "COMMENT_VOTE_RATE_PER_CLIENT_COMMENT": "1000000/m",
}

# Budgets, as ratios to the static file served the same way in the same run (and two
# absolutes): the origin's own (issue 7, the uncached article raised by issue 16) and through
# Varnish (issue 16: a kept page costs Varnish about what its static file does).
RATIO_BUDGETS = [
    ("warm", "home", 0.5),
    ("warm", "article", 0.5),
    ("warm", "section", 0.5),
    ("warm", "tag", 0.5),
    ("warm", "reporter", 0.5),
    ("uncached", "article", 0.15),
    ("uncached", "search", 0.25),
    ("warm", "reaction POST", 0.3),
    ("varnish", "home", 0.9),
    ("varnish", "article", 0.9),
    ("varnish", "section", 0.9),
]
MEMORY_BUDGET_MB = 120
FIRST_VISIT_BUDGET_KB = 60
SCALE_BUDGET = 1.25  # the largest size may be at most this much slower than the smallest
SCALE_ROWS = (
    "home",
    "article",
    "section",
    f"section page {SECTION_PAGE}",
    "tag",
    "reporter",
    "search",
)
# A two-syllable word that a quarter of the demo archive holds: the search index's hard case
# (many matches to count and order), and the kind of word readers type.
SEARCH_QUERY = "금리"

NOTES = [
    "Notes: the static file's own rate moves with whatever else the machine runs (by half within",
    "a run on a shared machine), so it is measured again for 2 s after every row, and each row's",
    "ratio is to the mean of the static rates just before and just after it (the table's static",
    "row is the first of them); a second's pause comes before every run. A small archive has",
    "fewer than 200 section pages; its row then measures the last page. A comment POST hashes",
    "the commenter's password (PBKDF2, 20,000 iterations), each with a form token of its own",
    "(a token is good for one comment per address). The search row asks",
    "for 금리, which a quarter of the demo archive holds: warm, the page comes from the page",
    "cache; uncached, each request reads its page of results from the index and draws it, the",
    "count of matches kept under the site version (articles/search.py).",
]

# Through Varnish (deploy/varnish/newsroom.vcl, each page one cached object): ratios to the
# stylesheet served by the same Varnish.
VARNISH_ROWS = ["static stylesheet", "home", "article", "section", "reaction POST"]
# As a browser asks: Varnish keeps one gzipped copy of a page and unzips it, on every request,
# only for a client that does not take gzip, which no browser is.
VARNISH_HEADERS = {"Accept-Encoding": "gzip"}
# gunicorn's stock threaded worker against ours (newsroom/gunicorn_worker.py), same rows.
WORKER_ROWS = ["static stylesheet", "healthz", "home", "article", "reaction POST"]

ROWS = [
    "static stylesheet",
    "healthz",
    "home",
    "article",
    "section",
    f"section page {SECTION_PAGE}",
    "tag",
    "reporter",
    "search",
    "404",
    "reaction POST",
    "comment POST",
]

REACTION_LUA = """
wrk.method = "POST"
wrk.body = "kind=like"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Origin"] = "{origin}"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
-- Django's token CSRF, for as long as the reader endpoints use it: a secret of our own in
-- both the cookie and the header. No visitor cookie, so every press is a new reader's press.
wrk.headers["Cookie"] = "csrftoken={csrf}"
wrk.headers["X-CSRFToken"] = "{csrf}"
"""

COMMENT_LUA = """
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Origin"] = "{origin}"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Cookie"] = "csrftoken={csrf}"
wrk.headers["X-CSRFToken"] = "{csrf}"
local n = 0
math.randomseed(os.time())
local run = math.random(1, 1000000000)
-- A form token is good for one comment per address: each thread takes every other one of
-- the tokens the server issued before the run.
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
local tokens = {{}}
function init(args)
  local i = 0
  for line in io.lines("{tokens}") do
    if i % 2 == offset then tokens[#tokens + 1] = line end
    i = i + 1
  end
end
request = function()
  n = n + 1
  local token = tokens[(n - 1) % #tokens + 1]
  local body = "nickname={nickname}&password=bench-1234&token=" .. token
    .. "&body={body}+" .. run .. "-" .. n
  return wrk.format("POST", "{path}", nil, body)
end
"""
# Tokens issued for the comment row: more than a run posts (a reused one would be refused).
COMMENT_TOKENS = 20_000
ISSUE_TOKENS = """
import time
from urllib.parse import quote
from articles.forms import issue_token
with open({path!r}, "w") as tokens:
    for _ in range({count}):
        tokens.write(quote(issue_token({pk}, issued_at=time.time() - 60)) + "\\n")
"""


# -- pieces that need no server (tests/unit/test_bench.py) -----------------------------------


def parse_duration_ms(text):
    """wrk's '1.23ms' / '850.00us' / '1.02s' → milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(out):
    """req/s, p50 and p99 (ms), and the count of responses that were not 2xx/3xx."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = parse_duration_ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1))
    p99 = parse_duration_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(errors.group(1)) if errors else 0
    # Requests that got no answer at all (refused, reset, past the timeout) count as errors too.
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return {"rate": rate, "p50": p50, "p99": p99, "errors": errors}


def bracketed(rates, statics):
    """{row: ratio} of each row to the static file measured just before and just after it.

    `rates` is [(row, req/s)] in the order run, the static file's own row first; `statics` its
    rate before the first row and after each one (the first is the static row itself), so
    len(statics) == len(rates)."""
    ratios = {}
    for position, (row, rate) in enumerate(rates):
        if position == 0:
            ratios[row] = 1.0
            continue
        around = (statics[position - 1] + statics[position]) / 2
        ratios[row] = rate / around if around else 0.0
    return ratios


def check_budgets(result):
    """[(budget, measured, PASS/MISS)] for one size's result."""
    checks = []
    for mode, row, floor in RATIO_BUDGETS:
        measured = result.get(mode, {}).get(row)
        ratio = measured["ratio"] if measured else None
        verdict = "PASS" if ratio is not None and ratio >= floor else "MISS"
        shown = f"{ratio:.3f}" if ratio is not None else "not measured"
        checks.append((f"{mode} {row} ≥ {floor} × static", shown, verdict))
    memory = max(result["memory_mb"], default=None)
    checks.append(
        (
            f"worker memory ≤ {MEMORY_BUDGET_MB} MB",
            f"{memory:.1f} MB" if memory is not None else "not measured",
            "PASS" if memory is not None and memory <= MEMORY_BUDGET_MB else "MISS",
        )
    )
    first = result["first_visit"]["total"] / 1000
    checks.append(
        (
            f"first visit ≤ {FIRST_VISIT_BUDGET_KB} KB gzip",
            f"{first:.1f} KB",
            "PASS" if first <= FIRST_VISIT_BUDGET_KB else "MISS",
        )
    )
    return checks


def check_scale(results):
    """Pages at the largest size against the smallest: [(row, mode, small, large, verdict)].

    Compared as ratios to the static file of each run, not raw req/s: the two sizes run
    minutes apart, and a shared machine's speed moves more than that in between.
    """
    if len(results) < 2:
        return []
    small, large = results[0], results[-1]
    checks = []
    for mode in ("warm", "uncached"):
        for row in SCALE_ROWS:
            a, b = small[mode].get(row), large[mode].get(row)
            if not a or not b:
                continue
            slower = a["ratio"] / b["ratio"] if b["ratio"] else float("inf")
            verdict = "PASS" if slower <= SCALE_BUDGET else "MISS"
            checks.append((row, mode, a["ratio"], b["ratio"], slower, verdict))
    return checks


KEPT_MARKER = "<!-- Below this line: written by hand, kept by make bench. -->"


def kept_notes():
    """The hand-written part of the report (figures measured in the code's own terms, which
    the comments point to), carried over from the file being replaced."""
    if not OUTPUT.exists():
        return ""
    text = OUTPUT.read_text()
    at = text.find(KEPT_MARKER)
    return "\n" + text[at:] if at >= 0 else ""


def render_markdown(results, machine):
    """The whole report: machine, then per size the wrk table, queries, memory and budgets."""
    sizes = ", ".join(f"{r['articles']:,}" for r in results)
    lines = [
        "# Benchmark",
        "",
        "Written by `make bench` (scripts/bench.py); numbers from one run on the machine below.",
        "Ratios are to the static stylesheet served by the same server in the same run.",
        "",
        f"- Date: {machine['date']}",
        f"- Commit: {machine['commit']}",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']} memory",
        f"- Database: {machine['database']}; cache: {machine['cache']}",
        f"- Server: gunicorn.conf.py, {machine['workers']} workers (as `make run`)",
        f"- wrk: {machine['connections']} connections, {machine['seconds']} s per row",
        f"- Load average (1, 5, 15 min): {machine.get('load', 'not measured')} at the start, "
        f"{machine.get('load_after', 'not measured')} at the end",
        f"- Sizes: {sizes} articles",
        "",
        *NOTES,
        "",
    ]
    for result in results:
        lines += [f"## {result['articles']:,} articles", ""]
        if result.get("note"):
            lines += [result["note"], ""]
        lines += [
            "| row | path | warm req/s | ratio | p50 ms | p99 ms "
            "| uncached req/s | ratio | p50 ms | p99 ms |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for row in ROWS:
            cells = [row, f"`{result['paths'].get(row, '')}`"]
            for mode in ("warm", "uncached"):
                m = result[mode].get(row)
                if m:
                    bad = f" ({m['errors']} failed)" if m["errors"] and row != "404" else ""
                    cells += [
                        f"{m['rate']:,.0f}{bad}",
                        f"{m['ratio']:.3f}",
                        f"{m['p50']:.1f}",
                        f"{m['p99']:.1f}",
                    ]
                else:
                    cells += ["–"] * 4
            lines.append("| " + " | ".join(cells) + " |")
        lines += edge_tables(result)
        lines += ["", "Queries per page (Django test client, second request):", ""]
        lines += ["| page | cached | cache bypassed |", "|---|--:|--:|"]
        for row, counts in result["queries"].items():
            lines.append(f"| {row} | {counts['warm']} | {counts['uncached']} |")
        memory = ", ".join(f"{mb:.1f}" for mb in result["memory_mb"]) or "not measured"
        first = result["first_visit"]
        parts = ", ".join(f"{name} {size / 1000:.1f}" for name, size in first["parts"])
        lines += [
            "",
            f"Worker resident memory after the run (MB): {memory}",
            "",
            f"First visit to an article, gzip: {first['total'] / 1000:.1f} KB ({parts})",
            "",
            "| budget | measured | |",
            "|---|--:|---|",
        ]
        for budget, measured, verdict in check_budgets(result):
            lines.append(f"| {budget} | {measured} | {verdict} |")
        lines.append("")
    scale = check_scale(results)
    if scale:
        small, large = results[0]["articles"], results[-1]["articles"]
        lines += [
            f"## {large:,} against {small:,} articles (at most {SCALE_BUDGET}× slower)",
            "",
            f"| page | mode | ratio at {small:,} | ratio at {large:,} | slower by | |",
            "|---|---|--:|--:|--:|---|",
        ]
        for row, mode, a, b, slower, verdict in scale:
            lines.append(f"| {row} | {mode} | {a:.3f} | {b:.3f} | {slower:.2f}× | {verdict} |")
        lines.append("")
    return "\n".join(lines)


def edge_tables(result):
    """Varnish's rows, and gunicorn's stock worker against ours."""
    lines = []
    varnish = result.get("varnish")
    if varnish:
        lines += [
            "",
            "Through Varnish (deploy/varnish/newsroom.vcl, each page one cached object), as "
            "ratios to the stylesheet served by the same Varnish, every request taking gzip as a "
            "browser's does (Varnish keeps one gzipped copy and unzips it only for a client that "
            "does not):",
            "",
            "| row | req/s | ratio | p50 ms | p99 ms |",
            "|---|--:|--:|--:|--:|",
        ]
        for row in VARNISH_ROWS:
            m = varnish.get(row)
            if m:
                bad = f" ({m['errors']} failed)" if m["errors"] else ""
                lines.append(
                    f"| {row} | {m['rate']:,.0f}{bad} | {m['ratio']:.3f} | {m['p50']:.1f} "
                    f"| {m['p99']:.1f} |"
                )
    stock = result.get("stock worker")
    if stock:
        lines += [
            "",
            "gunicorn's worker: ours (newsroom/gunicorn_worker.py, the warm run above) against "
            "stock gthread, each as ratios to its own static file:",
            "",
            "| row | ours req/s | ratio | gthread req/s | ratio |",
            "|---|--:|--:|--:|--:|",
        ]
        for row in WORKER_ROWS:
            ours, theirs = result.get("warm", {}).get(row), stock.get(row)
            if ours and theirs:
                lines.append(
                    f"| {row} | {ours['rate']:,.0f} | {ours['ratio']:.3f} "
                    f"| {theirs['rate']:,.0f} | {theirs['ratio']:.3f} |"
                )
    return lines


def print_summary(result):
    print(f"\n{result['articles']:,} articles")
    print("\n".join(edge_tables(result)))
    print(f"{'row':22} {'warm':>9} {'ratio':>6} {'p99':>8} {'uncached':>9} {'ratio':>6} {'p99':>8}")
    for row in ROWS:
        out = f"{row:22}"
        for mode in ("warm", "uncached"):
            m = result[mode].get(row)
            out += f" {m['rate']:9.0f} {m['ratio']:6.3f} {m['p99']:7.1f}ms" if m else " " * 26
        print(out)
    for budget, measured, verdict in check_budgets(result):
        print(f"  {verdict}  {budget}: {measured}")


# -- building and serving -------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    return done.stdout


def loader_fingerprint():
    """Archives are rebuilt when the loader or the demo texts change."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("demo/**/*.py")):  # the demo app, load_demo included
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def count_articles(env):
    code = "from articles.models import Article; print(Article.objects.count())"
    return int(manage(env, "shell", "-v0", "-c", code, capture=True).strip().splitlines()[-1])


def build(articles, base_env):
    """The pristine archive for a size: (folder, note). Reused while the loader is unchanged."""
    # PostgreSQL archives keep their photo files apart from the SQLite archive of that size.
    folder = BENCH_DIR / (f"pg-{articles}" if "DATABASE_URL" in base_env else str(articles))
    env = {**base_env, "NEWSROOM_VAR_DIR": str(folder), "DJANGO_MEDIA_ROOT": str(folder / "media")}
    if "DATABASE_URL" in base_env:
        manage(env, "migrate", "--noinput", "-v0")
        present = count_articles(env)
        if present == 0:
            manage(env, "load_demo", "--articles", str(articles))
        elif present != articles + 3:
            raise SystemExit(
                f"{base_env['DATABASE_URL']} holds {present} articles, not {articles + 3}: "
                "give an empty database."
            )
        return folder, ""
    marker = folder / "built"
    wanted = f"{articles} {loader_fingerprint()}"
    if marker.exists() and marker.read_text() == wanted:
        manage(env, "migrate", "--noinput", "-v0")  # migrations added since the build
        return folder, ""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"Building {articles:,} articles in {folder} ...", flush=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--articles", str(articles))
    # Fold the WAL into the file, so that a copy of db.sqlite3 alone is the whole database.
    checkpoint = "from django.db import connection; connection.cursor().execute('VACUUM')"
    manage(env, "shell", "-v0", "-c", checkpoint)
    marker.write_text(wanted)
    return folder, f"Built in {time.monotonic() - started:.0f} s (migrate + load_demo + VACUUM)."


def run_env(folder, base_env, work):
    env = {
        **base_env,
        **RUN_ENV,
        "NEWSROOM_VAR_DIR": str(work),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_STATIC_ROOT": str(work / "static"),
    }
    if "DATABASE_URL" not in base_env:
        shutil.copyfile(folder / "db.sqlite3", work / "db.sqlite3")
    return env


class Served:
    """A process answering HTTP at `self.base` (gunicorn, Varnish): waited for, stopped."""

    base: str
    process: subprocess.Popen

    def wait_until_up(self, name, log, *, tries):
        for _ in range(tries):
            try:
                get(self.base + "/healthz/")
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"{name} did not start; see {log.name}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Server(Served):
    """gunicorn started exactly as `make run` starts it, on a free port."""

    def __init__(self, env, log, worker_class=None):
        self.env = env
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py"]
        if worker_class:  # the command line wins over gunicorn.conf.py
            command += ["--worker-class", worker_class]
        self.process = subprocess.Popen(
            [*command, "newsroom.wsgi"],
            cwd=ROOT,
            env={**env, "PORT": str(self.port)},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        self.wait_until_up("gunicorn", log, tries=150)

    def worker_memory_mb(self):
        """Resident memory of each worker (the master's children), from /proc."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            kb = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
            sizes.append(kb / 1024)
        return sizes


SITE_VCL = """
backend app {{
    .host = "127.0.0.1";
    .port = "{app}";
}}

sub newsroom_backend {{
    set req.backend_hint = app;
}}

acl purgers {{
    "127.0.0.1";
}}

sub newsroom_host {{
    set req.http.host = "127.0.0.1:{port}";
}}
"""


class Varnish(Served):
    """Debian's varnishd with deploy/varnish/newsroom.vcl in front of one gunicorn."""

    def __init__(self, app_port, work, log):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        folder = work / "varnish"
        folder.mkdir(exist_ok=True)
        shutil.copy(ROOT / "deploy" / "varnish" / "newsroom.vcl", folder / "newsroom.vcl")
        (folder / "site.vcl").write_text(SITE_VCL.format(app=app_port, port=self.port))
        self.process = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-j",
                "none",
                "-n",
                str(folder / "state"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                "127.0.0.1:0",
                "-f",
                str(folder / "newsroom.vcl"),
                "-p",
                f"vcl_path={folder}",
                "-s",
                "malloc,256m",
            ],
            stdout=log,
            stderr=log,
        )
        self.wait_until_up("varnishd", log, tries=100)


def get(url, headers=None):
    with urlopen(Request(url, headers=headers or {}), timeout=10) as response:
        return response.read()


def discover(base):
    """The paths of each row, found the way a reader finds them: by following links."""
    home = get(base + "/").decode()
    article = re.search(r'href="(/news/\d+/)"', home).group(1)
    page = get(base + article).decode()
    section = re.search(r'href="(/section/[^"/]+/)"', home).group(1)
    tag = re.search(r'href="(/tag/[^"]+/)"', page).group(1)
    reporter = re.search(r'href="(/reporter/[^"/]+/)"', page).group(1)
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home).group(1)
    paths = {
        "static stylesheet": stylesheet,
        "healthz": "/healthz/",
        "home": "/",
        "article": article,
        "section": section,
        f"section page {SECTION_PAGE}": last_page(base, section, SECTION_PAGE),
        "tag": tag,
        "reporter": reporter,
        "search": f"/search/?q={quote(SEARCH_QUERY)}",
        "404": "/news/999999999/",
    }
    # Posts go to another article than the measured one, so that they don't change it.
    others = [a for a in re.findall(r'href="(/news/\d+/)"', home) if a != article]
    target = others[-1] if others else article
    paths["reaction POST"] = target + "react/"
    paths["comment POST"] = target + "comments/post/"
    return paths, target


def last_page(base, section, wanted):
    """?page=200, or the section's last page when a small archive has fewer pages."""
    try:
        get(f"{base}{section}?page={wanted}")
        return f"{section}?page={wanted}"
    except OSError:
        pass
    html = get(base + section).decode()
    pages = [int(n) for n in re.findall(r"\?page=(\d+)", html)] or [1]
    low, high = 1, max(pages)
    while True:  # grow until a page is missing, then bisect for the last one
        try:
            get(f"{base}{section}?page={high}")
            low, high = high, high * 2
        except OSError:
            break
        if high >= wanted:
            high = wanted
            break
    while high - low > 1:
        middle = (low + high) // 2
        try:
            get(f"{base}{section}?page={middle}")
            low = middle
        except OSError:
            high = middle
    return f"{section}?page={low}"


def comment_tokens(env, comment_path, path):
    """Fresh form tokens for the comment row, one per line in `path`, issued by the server's
    own code with its key (a token is good for one comment per address)."""
    pk = int(re.search(r"/news/(\d+)/", comment_path).group(1))
    code = ISSUE_TOKENS.format(path=str(path), count=COMMENT_TOKENS, pk=pk)
    manage(env, "shell", "-c", code, capture=True)
    return path


def wrk(url, script=None, seconds=None, headers=None):
    # A 10 s timeout (wrk's default is 2 s): a slow comment POST is measured, not dropped.
    seconds = seconds or SECONDS
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def drive(server, paths, target, work, mode, rows=ROWS, headers=None):
    """One wrk run per row against a running server (or Varnish), each request with `headers`
    besides: {row: measurement}."""
    base = server.base
    csrf = secrets.token_hex(16)  # 32 characters, the length of Django's CSRF secret
    reaction = work / f"reaction-{mode}.lua"
    reaction.write_text(REACTION_LUA.format(origin=base, csrf=csrf))
    comment = work / f"comment-{mode}.lua"
    if "comment POST" in rows:  # tokens from the origin's own code (not through Varnish)
        tokens = comment_tokens(server.env, paths["comment POST"], work / f"tokens-{mode}.txt")
        comment.write_text(
            COMMENT_LUA.format(
                origin=base,
                csrf=csrf,
                tokens=tokens,
                path=paths["comment POST"],
                nickname=quote("벤치"),
                body=quote("벤치마크 댓글입니다"),
            )
        )
    measured = {}
    static = base + paths["static stylesheet"]
    statics = []  # the static file's rate before the first row and after each row
    for row in rows:
        url = base + paths[row]
        script = {"reaction POST": reaction, "comment POST": comment}.get(row)
        if not script:
            with contextlib.suppress(OSError):  # once first, so the warm rows start warm
                get(url, headers)
        time.sleep(SETTLE_SECONDS)  # what the last run left queued is answered first
        measured[row] = wrk(url, str(script) if script else None, headers=headers)
        if row == "static stylesheet":
            statics.append(measured[row]["rate"])
        else:
            time.sleep(SETTLE_SECONDS)
            statics.append(wrk(static, seconds=BASELINE_SECONDS, headers=headers)["rate"])
        print(f"  {mode:8} {row:22} {measured[row]['rate']:9.0f} req/s", flush=True)
    for row, ratio in bracketed([(row, measured[row]["rate"]) for row in rows], statics).items():
        measured[row]["ratio"] = ratio
    return measured


QUERY_SCRIPT = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for row, path in json.loads(sys.argv[1]).items():
    client.get(path)  # fills the cache (and any first-use lookups)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    counts[row] = len(queries)
print(json.dumps(counts))
"""


def count_queries(env, paths):
    pages = {row: paths[row] for row in ROWS[ROWS.index("home") : ROWS.index("404") + 1]}
    counts = {}
    for mode, extra in (("warm", {}), ("uncached", {"PAGE_CACHE": "0"})):
        out = subprocess.run(
            [PYTHON, "-c", QUERY_SCRIPT, json.dumps(pages)],
            cwd=ROOT,
            env={**env, **extra, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        counts[mode] = json.loads(out.strip().splitlines()[-1])
    return {row: {mode: counts[mode][row] for mode in counts} for row in pages}


def first_visit(base, article):
    """gzip bytes of an article page and the CSS and JS it references (no photos, no fonts)."""
    html = get(base + article)
    parts = [("HTML", len(gzip.compress(html, 6)))]
    text = html.decode()
    links = re.findall(r'<link[^>]+href="(/static/[^"]+\.css)"', text)
    scripts = re.findall(r'<script[^>]+src="(/static/[^"]+\.js)"', text)
    for path in dict.fromkeys(links + scripts):
        parts.append((path.rsplit("/", 1)[-1], len(gzip.compress(get(base + path), 6))))
    return {"total": sum(size for _, size in parts), "parts": parts}


def measure(articles, base_env):
    folder, note = build(articles, base_env)
    result = {"articles": articles, "note": note, "memory_mb": []}
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        work = Path(tmp)
        env = run_env(folder, base_env, work)
        manage(env, "collectstatic", "--noinput", "-v0")
        log = open(work / "gunicorn.log", "w")  # noqa: SIM115 (closed below)
        try:
            for mode, extra in (("warm", {}), ("uncached", {"PAGE_CACHE": "0"})):
                server = Server({**env, **extra}, log)
                try:
                    paths, target = discover(server.base)
                    result["paths"] = paths
                    if mode == "warm":
                        result["first_visit"] = first_visit(server.base, paths["article"])
                    result[mode] = drive(server, paths, target, work, mode)
                    if mode == "warm":
                        result["memory_mb"] = server.worker_memory_mb()
                finally:
                    server.stop()
            # gunicorn's stock threaded worker, for the rows that tell the two apart.
            server = Server(env, log, worker_class="gthread")
            try:
                result["stock worker"] = drive(
                    server, result["paths"], target, work, "gthread", WORKER_ROWS
                )
            finally:
                server.stop()
            # Varnish in front of the origin as a deployment runs it: tags in xkey, the
            # reader's address from Varnish's X-Forwarded-For.
            edge_env = {
                **env,
                "CACHE_TAG_HEADER": "xkey",
                "DJANGO_TRUSTED_PROXY_HOPS": "1",
            }
            server = Server(edge_env, log)
            try:
                varnish = Varnish(server.port, work, log)
                try:
                    result["varnish"] = drive(
                        varnish,
                        result["paths"],
                        target,
                        work,
                        "varnish",
                        VARNISH_ROWS,
                        headers=VARNISH_HEADERS,
                    )
                finally:
                    varnish.stop()
            finally:
                server.stop()
            result["queries"] = count_queries(env, result["paths"])
        except BaseException:
            log.flush()
            print(Path(log.name).read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            log.close()
    return result


def machine_info(base_env):
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    database = "PostgreSQL" if "DATABASE_URL" in base_env else "SQLite"
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": f"{kb / 1024 / 1024:.1f} GB",
        "database": f"{database} ({platform.python_implementation()} {platform.python_version()})",
        "cache": "Redis" if base_env.get("REDIS_URL") else "local memory (per worker)",
        "workers": base_env.get("WEB_CONCURRENCY", "3"),
        "load": ", ".join(f"{n:.2f}" for n in os.getloadavg()),
        "connections": CONNECTIONS,
        "seconds": SECONDS,
    }


def main():
    sizes = [int(n) for n in re.split(r"[\s,]+", os.environ.get("BENCH_ARTICLES", "1000")) if n]
    base_env = {**os.environ, "DJANGO_SECRET_KEY": secrets.token_urlsafe(40)}
    base_env.pop("DJANGO_DEBUG", None)
    base_env.pop("PAGE_CACHE", None)
    machine = machine_info(base_env)
    results = []
    for articles in sorted(sizes):
        result = measure(articles, base_env)
        print_summary(result)
        results.append(result)
    machine["load_after"] = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    for row, mode, _, _, slower, verdict in check_scale(results):
        print(f"  {verdict}  {row} ({mode}) at {results[-1]['articles']:,}: {slower:.2f}× slower")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render_markdown(results, machine) + kept_notes())
    BENCH_DIR.mkdir(parents=True, exist_ok=True)  # the raw numbers, for a closer look
    (BENCH_DIR / "last-run.json").write_text(json.dumps({"machine": machine, "results": results}))
    print(f"\nWritten to {OUTPUT.relative_to(ROOT) if OUTPUT.is_relative_to(ROOT) else OUTPUT}")


if __name__ == "__main__":
    main()
