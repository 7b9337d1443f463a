"""Parts of the cluster fail: nothing acknowledged is lost, and readers keep getting pages.

- The task worker and one app server are SIGKILLed in the middle of a write load: every
  reaction a reader was told about is stored and counted, every queued task runs (the killed
  worker's one too, taken up again by the next worker).
- Varnish stops answering (purges too): the origin keeps serving and saving, and the purges
  queued meanwhile land once it is back; with both app servers gone, Varnish serves the copy it
  kept rather than an error.
"""

import threading
import time

import psycopg
import requests

from tests.cluster.cluster import Editor, reader_at, wait_until
from tests.cluster.test_freshness import seen_after
from tests.cluster.test_photos import camera_jpeg

WRITERS = 6


def stored_reactions(cluster, pk):
    with psycopg.connect(cluster.database_url) as connection:
        visitors = {
            visitor
            for (visitor,) in connection.execute(
                "SELECT visitor FROM articles_reaction WHERE article_id = %s AND kind = 'like'",
                [pk],
            )
        }
        (count,) = connection.execute(
            "SELECT like_count FROM articles_article WHERE id = %s", [pk]
        ).fetchone()
    return visitors, count


def test_killing_the_worker_and_an_app_server_loses_nothing_acknowledged(cluster, figures):
    pk = cluster.articles["kill"]
    editor = Editor(cluster.site)
    acknowledged, refused = [], []
    stop = threading.Event()

    def write(address):
        while not stop.is_set():
            reader = reader_at(address)
            try:
                response = reader.post(
                    f"{cluster.site}/news/{pk}/react/",
                    data={"kind": "like"},
                    headers={"Accept": "application/json", "Sec-Fetch-Site": "same-origin"},
                    timeout=30,
                )
            except requests.RequestException:
                refused.append("no answer")
                continue
            if response.status_code == 200 and response.json()["pressed"]:
                # The visitor key the reaction is stored under: the signed cookie's value
                # (value:timestamp:signature).
                acknowledged.append(reader.cookies["nr_visitor"].rsplit(":", 2)[0])
            else:
                refused.append(response.status_code)

    writers = [
        threading.Thread(target=write, args=(f"127.0.1.{number + 1}",)) for number in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    try:
        time.sleep(2)
        # Work for the worker: three photos to clean and render, and the purges of the save.
        form = editor.change_form(pk)
        row = int(form["photos-INITIAL_FORMS"])
        fields, files = {"photos-TOTAL_FORMS": str(row + 3)}, {}
        for extra in range(3):
            number = row + extra
            files[f"photos-{number}-image"] = (f"shot{number}.jpg", camera_jpeg(), "image/jpeg")
            fields |= {
                f"photos-{number}-caption": f"▲ 소재 공장 생산 라인 {extra + 1}",
                f"photos-{number}-credit": "사진제공=한빛소재",
                f"photos-{number}-alt": f"생산 라인 {extra + 1}",
                f"photos-{number}-placement": str(extra),
                f"photos-{number}-order": str(extra),
            }
        editor.save(pk, files=files, **fields)
        time.sleep(0.3)  # the worker has taken the first photo
        cluster.kill("worker")
        cluster.kill("app1")
        killed_at = time.monotonic()
        time.sleep(3)
        cluster.start_worker("worker")
        time.sleep(3)
    finally:
        stop.set()
        for writer in writers:
            writer.join()

    # Every reaction a reader was told about is stored, and the count is the rows' count.
    visitors, count = stored_reactions(cluster, pk)
    assert set(acknowledged) <= visitors
    assert count == len(visitors)
    # Every queued task ran: the one the killed worker held too, once it was found orphaned.
    cluster.wait_for_tasks(seconds=60)
    counts = cluster.task_counts()
    assert "FAILED" not in counts, counts
    settled_in = time.monotonic() - killed_at
    with psycopg.connect(cluster.database_url) as connection:
        photos = connection.execute(
            "SELECT image, renditions FROM articles_photo WHERE article_id = %s", [pk]
        ).fetchall()
    assert len(photos) == 3
    assert all(not image.startswith("incoming/") and renditions for image, renditions in photos)
    requeued = cluster.log("worker").count("queued again")

    cluster.start_app(1)  # for the tests that follow
    cluster.wait_for_apps()
    figures.append(
        f"kill: {len(acknowledged)} reactions acknowledged during the load, all stored "
        f"({len(visitors)} rows, count {count}); {len(refused)} presses refused or unanswered "
        f"while app1 died; every task done {settled_in:.1f} s after the kill "
        f"({requeued} taken up again from the killed worker), none failed"
    )


def test_with_varnish_down_the_origin_serves_and_queued_purges_land_on_its_return(cluster, figures):
    pk = cluster.articles["down"]
    path = f"/news/{pk}/"
    cluster.reader_get(path)
    assert cluster.reader_get(path).headers["X-Cache"] == "HIT"
    origin = f"http://127.0.0.1:{cluster.ports['app2']}"
    editor = Editor(origin)

    logged = len(cluster.log("worker"))
    cluster.pause("varnish")
    try:
        saved_at = time.monotonic()
        headline = "원·달러 환율 1,300원대 초반 (캐시 멈춤 중 수정)"
        editor.save(pk, title=headline)
        save_took = time.monotonic() - saved_at
        # The origin serves the new page while the cache in front is away.
        direct = requests.get(origin + path, timeout=10)
        assert direct.status_code == 200 and headline in direct.text
        # The purge is queued, tried, and tried again.
        wait_until(
            lambda: "Purge of" in cluster.log("worker")[logged:],
            seconds=30,
            message="no failed purge was logged",
        )
    finally:
        cluster.resume("varnish")
    resumed_at = time.monotonic()
    delay = seen_after(cluster, path, headline, resumed_at, within=15)

    # Both app servers gone, and the page purged (soft: Varnish keeps the old copy for when
    # the origin cannot answer): Varnish serves the copy it kept rather than an error.
    cluster.kill("app1")
    cluster.kill("app2")
    try:
        purged = requests.request(
            "PURGE", cluster.site + "/", headers={"xkey-purge": f"article:{pk}"}, timeout=10
        )
        assert purged.status_code == 200
        kept = cluster.reader_get(path)
        assert kept.status_code == 200 and headline in kept.text
        # A write has no kept copy: the reader is told, in Korean, to try again.
        refused = requests.post(
            f"{cluster.site}/news/{pk}/react/",
            data={"kind": "like"},
            headers={"Sec-Fetch-Site": "same-origin"},
            timeout=30,
        )
        assert refused.status_code == 503
        assert "잠시 후 다시 시도해 주세요" in refused.text
        assert refused.headers["Cache-Control"] == "no-store"
    finally:
        cluster.start_app(1)
        cluster.start_app(2)
        cluster.wait_for_apps()
    figures.append(
        f"varnish down: the save answered in {save_took * 1000:.0f} ms and the origin served "
        f"it; the queued purge landed {delay:.1f} s after Varnish came back; with both app "
        f"servers down Varnish served its kept copy (200)"
    )
