"""A read load on one article: Varnish answers it, and each edit costs the origin one render."""

import re
import shutil
import subprocess
import time

import pytest

from tests.cluster.cluster import Editor
from tests.cluster.test_freshness import seen_after

SECONDS = 30
CONNECTIONS = 64
EDITS = 20


def test_twenty_edits_under_a_read_load_cost_at_most_twenty_origin_renders(cluster, figures):
    if not shutil.which("wrk"):
        pytest.fail("wrk is missing: run `make test-cluster`, which installs it.")
    pk = cluster.articles["load"]
    path = f"/news/{pk}/"
    cluster.reader_get(path)
    editor = Editor(cluster.site)
    since = len(cluster.origin_lines())

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
        delays.append(seen_after(cluster, path, headline, time.monotonic()))
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
