"""`make bench`'s pieces that need no server: wrk parsing, budgets, the report; and /healthz/."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
spec = importlib.util.spec_from_file_location("bench", SCRIPT)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.12ms    3.01ms  40.00ms   80.00%
  Latency Distribution
     50%    9.50ms
     75%   11.00ms
     90%   14.00ms
     99%    1.20s
  8000 requests in 5.00s, 80.00MB read
  Non-2xx or 3xx responses: 12
Requests/sec:   1600.25
Transfer/sec:     16.00MB
"""


def test_wrk_output_is_parsed_into_rate_and_percentiles_in_ms():
    measured = bench.parse_wrk(WRK_OUTPUT)
    assert measured == {"rate": 1600.25, "p50": 9.5, "p99": 1200.0, "errors": 12}
    assert bench.parse_duration_ms("850.00us") == pytest.approx(0.85)
    assert (
        bench.parse_wrk(WRK_OUTPUT.replace("  Non-2xx or 3xx responses: 12\n", ""))["errors"] == 0
    )
    unanswered = WRK_OUTPUT.replace(
        "  8000 requests", "  Socket errors: connect 0, read 1, write 0, timeout 3\n  8000 requests"
    )
    assert bench.parse_wrk(unanswered)["errors"] == 16


def row(rate, static=2000.0):
    return {"rate": rate, "ratio": rate / static, "p50": 5.0, "p99": 20.0, "errors": 0}


def result(
    articles=1000,
    *,
    warm=1200.0,
    uncached=300.0,
    search=600.0,
    reaction=700.0,
    edge=3800.0,
    memory=(80.0, 90.0),
):
    pages = ("home", "article", "section", "section page 200", "tag", "reporter")
    return {
        "articles": articles,
        "note": "",
        "paths": {name: f"/{name}/" for name in bench.ROWS},
        "warm": {
            "static stylesheet": row(2000.0),
            **{page: row(warm) for page in pages},
            "search": row(search),
            "reaction POST": row(reaction),
        },
        "uncached": {
            "static stylesheet": row(2000.0),
            **{page: row(uncached) for page in pages},
            "search": row(search),
        },
        "varnish": {
            "static stylesheet": row(4000.0, static=4000.0),
            **{page: row(edge, static=4000.0) for page in ("home", "article", "section")},
            "reaction POST": row(700.0, static=4000.0),
        },
        "queries": {"article": {"warm": 0, "uncached": 8}},
        "memory_mb": list(memory),
        "first_visit": {"total": 16_000, "parts": [("HTML", 5_000), ("site.css", 11_000)]},
    }


def verdicts(checks):
    return {budget: verdict for budget, _, verdict in checks}


def test_budgets_pass_at_the_issue_thresholds():
    # Warm pages at 0.6, uncached article at 0.15, search at 0.3, reactions at 0.35, pages
    # through Varnish at 0.95 of its static file, memory and bytes low.
    checks = verdicts(bench.check_budgets(result()))
    assert set(checks.values()) == {"PASS"}
    assert len(checks) == 13


def test_each_budget_misses_below_its_threshold():
    checks = verdicts(
        bench.check_budgets(
            result(
                warm=900.0,
                uncached=290.0,
                search=490.0,
                reaction=590.0,
                edge=3590.0,
                memory=(60.0, 121.0),
            )
        )
    )
    assert checks["warm article ≥ 0.5 × static"] == "MISS"  # 0.45
    assert checks["uncached article ≥ 0.15 × static"] == "MISS"  # 0.145
    assert checks["varnish article ≥ 0.9 × static"] == "MISS"  # 0.8975
    assert checks["uncached search ≥ 0.25 × static"] == "MISS"  # 0.245
    assert checks["warm reaction POST ≥ 0.3 × static"] == "MISS"  # 0.295
    assert checks["worker memory ≤ 120 MB"] == "MISS"  # the largest worker counts
    assert checks["first visit ≤ 60 KB gzip"] == "PASS"
    heavy = result()
    heavy["first_visit"]["total"] = 60_001
    assert verdicts(bench.check_budgets(heavy))["first visit ≤ 60 KB gzip"] == "MISS"


def test_a_row_that_was_not_measured_is_a_miss_not_a_crash():
    missing = result()
    del missing["warm"]["reaction POST"]
    missing["memory_mb"] = []
    checks = bench.check_budgets(missing)
    measured = {budget: (shown, verdict) for budget, shown, verdict in checks}
    assert measured["warm reaction POST ≥ 0.3 × static"] == ("not measured", "MISS")
    assert measured["worker memory ≤ 120 MB"] == ("not measured", "MISS")


def test_scale_check_compares_the_largest_size_with_the_smallest():
    small, large = result(1000), result(100_000, warm=1000.0, uncached=200.0)
    checks = {
        (name, mode): verdict for name, mode, *_, verdict in bench.check_scale([small, large])
    }
    assert checks[("article", "warm")] == "PASS"  # 1.2× slower
    assert checks[("article", "uncached")] == "MISS"  # 1.5× slower
    assert bench.check_scale([small]) == []


def test_scale_check_discounts_a_machine_that_got_slower_between_the_sizes():
    # The whole machine at half speed for the second size: every ratio unchanged, no miss.
    small = result(1000)
    large = result(100_000, warm=600.0, uncached=150.0)
    for mode in ("warm", "uncached"):
        for name, measured in large[mode].items():
            large[mode][name] = row(
                measured["rate"] / (2 if name == "static stylesheet" else 1), static=1000.0
            )
    verdicts = {verdict for *_, verdict in bench.check_scale([small, large])}
    assert verdicts == {"PASS"}


def test_report_holds_the_machine_the_table_and_the_verdicts():
    machine = {
        "date": "2026-11-26 21:00 UTC",
        "commit": "abc1234",
        "cpu": "Test CPU",
        "cores": 2,
        "memory": "8.0 GB",
        "database": "SQLite",
        "cache": "local memory",
        "workers": "3",
        "connections": 16,
        "seconds": 5,
    }
    text = bench.render_markdown([result(1000), result(100_000, warm=900.0)], machine)
    for expected in (
        "2026-11-26 21:00 UTC",
        "abc1234",
        "Test CPU, 2 cores, 8.0 GB",
        "## 1,000 articles",
        "## 100,000 articles",
        "| article | `/article/` | 1,200 | 0.600 | 5.0 | 20.0 | 300 | 0.150 |",
        "| warm article ≥ 0.5 × static | 0.450 | MISS |",
        "| article | 0 | 8 |",
        "First visit to an article, gzip: 16.0 KB (HTML 5.0, site.css 11.0)",
        "| article | warm | 0.600 | 0.450 | 1.33× | MISS |",
        "| article | 3,800 | 0.950 | 5.0 | 20.0 |",
        "| varnish article ≥ 0.9 × static | 0.950 | PASS |",
    ):
        assert expected in text, expected
    # Every table row has as many cells as its header.
    for line in text.splitlines():
        if line.startswith("| row |"):
            width = line.count("|")
        elif line.startswith("| static stylesheet"):
            assert line.count("|") == width


def test_healthz_is_plain_ok_never_stored_and_sets_no_cookie(client):
    # No django_db mark: any database access would fail this test.
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_each_row_is_compared_with_the_static_file_measured_around_it():
    rates = [("static stylesheet", 4000.0), ("home", 1000.0), ("search", 900.0)]
    # the static file: the first row itself, then after home, then after search
    statics = [4000.0, 2000.0, 3000.0]
    ratios = bench.bracketed(rates, statics)
    assert ratios["static stylesheet"] == 1.0
    assert ratios["home"] == 1000.0 / 3000.0  # between 4000 before and 2000 after
    assert ratios["search"] == 900.0 / 2500.0
    assert bench.bracketed([("static stylesheet", 0.0), ("home", 5.0)], [0.0, 0.0])["home"] == 0.0
