"""Edits reach readers through Varnish within a second, and purge nothing else."""

import statistics
import time

from tests.cluster.cluster import Editor, wait_until

SAVES = 20
FRESH_WITHIN = 1.0  # seconds from the editor's save to a new reader seeing it


def seen_after(cluster, path, text, saved_at, within=2.0):
    """Seconds from `saved_at` until a new reader gets a page through Varnish that shows
    `text`; fails past `within` seconds."""
    while True:
        response = cluster.reader_get(path)
        if response.status_code == 200 and text in response.text:
            return time.monotonic() - saved_at
        assert time.monotonic() - saved_at < within, f"{text!r} not on {path} after {within} s"
        time.sleep(0.02)


def test_headlines_and_corrections_reach_a_new_reader_within_a_second(cluster, figures):
    a, b = cluster.articles["a"], cluster.articles["b"]
    page_a, page_b = f"/news/{a}/", f"/news/{b}/"
    for path in (page_a, page_b):
        cluster.reader_get(path)
        assert cluster.reader_get(path).headers["X-Cache"] == "HIT"
    # (The origin writes its access log line just after it answers.)
    b_fetched = wait_until(
        lambda: cluster.origin_requests(page_b), seconds=5, message="B's fetch not logged"
    )
    editor = Editor(cluster.site)

    headline_delays, correction_delays = [], []
    for number in range(1, SAVES + 1):
        headline = f"기준금리 동결, 시장은 연내 인하에 무게 ({number}보)"
        editor.save(a, title=headline)
        headline_delays.append(seen_after(cluster, page_a, headline, time.monotonic()))

        note = f"{number}번째 바로잡습니다: 인하 시점 전망을 바로잡습니다."
        editor.correct(a, note)
        correction_delays.append(seen_after(cluster, page_a, note, time.monotonic()))

    assert max(headline_delays) <= FRESH_WITHIN, headline_delays
    assert max(correction_delays) <= FRESH_WITHIN, correction_delays

    # Article B was never purged: still Varnish's copy, fetched once from the origin.
    kept = cluster.reader_get(page_b)
    assert kept.headers["X-Cache"] == "HIT"
    assert int(kept.headers["Age"]) >= 1
    assert cluster.origin_requests(page_b) == b_fetched == 1
    figures.append(
        f"freshness: {SAVES} headline saves seen after median "
        f"{statistics.median(headline_delays) * 1000:.0f} ms, max "
        f"{max(headline_delays) * 1000:.0f} ms; {SAVES} corrections median "
        f"{statistics.median(correction_delays) * 1000:.0f} ms, max "
        f"{max(correction_delays) * 1000:.0f} ms; article B kept (HIT, age "
        f"{kept.headers['Age']} s, 1 origin request)"
    )
