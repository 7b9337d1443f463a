"""A read load on one article: Varnish answers it, and each edit costs the origin one render."""

import re
import shutil
import subprocess
import time

import pytest

from tests.cluster.cluster import Editor, wait_until
from tests.cluster.test_freshness import seen_after

SECONDS = 30
CONNECTIONS = 64
EDITS = 20
# Each edit must reach a reader before the next (or the renders are not one per edit). The
# bound is for a purge that never lands, not a budget: on two cores wrk, Varnish, two app
# servers and the worker share the CPU, and an edit once took 2 s to show in CI. The freshness
# budget (1 s) is test_freshness's, without the load; the figure below says what this run saw.
SEEN_WITHIN = 10.0


def test_twenty_edits_under_a_read_load_cost_at_most_twenty_origin_renders(cluster, figures):
    if not shutil.which("wrk"):
        pytest.fail("wrk is missing: run `make test-cluster`, which installs it.")
    pk = cluster.articles["load"]
    path = f"/news/{pk}/"
    cluster.reader_get(path)
    # The origin writes its access log line just after it answers: the first render is
    # counted before the mark, not among the edits'.
    wait_until(lambda: cluster.renders(path), seconds=5, message="the first render not logged")
    editor = Editor(cluster.site)
    since = cluster.origin_mark()

    # One wrk thread: on two cores, two would leave Varnish, the origin and the worker that
    # purges fighting wrk for the CPU, and measure that fight instead.
    load = subprocess.Popen(
        ["wrk", "-t", "1", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", cluster.site + path],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    started = time.monotonic()
    delays = []
    for number in range(1, EDITS + 1):
        # Spread over the load, the last a few seconds before its end.
        time.sleep(max(0.0, started + number * (SECONDS - 4) / EDITS - time.monotonic()))
        headline = f"수출 물가 석 달 만에 반등 ({number}보)"
        editor.save(pk, title=headline)
        delays.append(seen_after(cluster, path, headline, time.monotonic(), SEEN_WITHIN))
    output, _ = load.communicate(timeout=SECONDS + 30)
    assert load.returncode == 0, output

    served = int(re.search(r"(\d+) requests in", output).group(1))
    assert "Non-2xx" not in output, output
    renders = cluster.renders(path, since)
    assert 1 <= renders <= EDITS, f"{renders} origin renders for {EDITS} edits"
    figures.append(
        f"load: wrk {CONNECTIONS} connections for {SECONDS} s served {served} pages of one "
        f"article ({served / SECONDS:.0f}/s) through Varnish while it was edited {EDITS} times; "
        f"the origin rendered it {renders} times and answered "
        f"{cluster.origin_requests(path, since)} requests for it; each edit seen within "
        f"{max(delays) * 1000:.0f} ms"
    )


def test_readers_with_and_without_gzip_share_one_copy(cluster):
    """A page is kept once, gzipped, whatever the reader takes: two copies would cost the
    origin two renders after every purge."""
    path = f"/news/{cluster.articles['gzip']}/"
    plain = cluster.reader_get(path, **{"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    zipped = cluster.reader_get(path, **{"Accept-Encoding": "gzip"})
    assert zipped.headers["X-Cache"] == "HIT", zipped.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.text == plain.text
    # Said to the reader all the same, for any cache between it and Varnish.
    assert zipped.headers["Vary"] == plain.headers["Vary"] == "Accept-Encoding"
    assert "X-Newsroom-Vary-Gzip" not in zipped.headers
    # (The origin writes its access log line just after it answers.)
    wait_until(lambda: cluster.renders(path), seconds=5, message="the render not logged")
    assert cluster.renders(path) == 1
