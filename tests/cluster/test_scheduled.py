"""An article scheduled a few seconds ahead in the admin appears through Varnish on time:
never before its 출고 시각, and on the front page within 5 s of it, with no editor action."""

import datetime
import math
import time
from zoneinfo import ZoneInfo

from tests.cluster.cluster import Editor
from tests.html_forms import form_data

SEOUL = ZoneInfo("Asia/Seoul")
AHEAD = 5  # seconds
ON_TIME_WITHIN = 5.0


def test_a_scheduled_article_appears_on_the_front_page_on_time(cluster, figures):
    editor = Editor(cluster.site)
    cluster.reader_get("/")
    assert cluster.reader_get("/").headers["X-Cache"] == "HIT"

    title = "반도체 장비 수주 사상 최대, 예약 출고 기사"
    due = math.ceil(time.time()) + AHEAD
    local = datetime.datetime.fromtimestamp(due, SEOUL)
    add = editor.session.get(f"{cluster.site}/admin/articles/article/add/", timeout=30)
    data = form_data(add, "article_form") | {
        "title": title,
        "section": str(cluster.sections["economy"]),
        "body": "<p>예약한 시각에 독자에게 보이는지 확인하는 기사입니다.</p>",
        "status": "published",
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }
    saved = editor.session.post(
        f"{cluster.site}/admin/articles/article/add/", data=data, allow_redirects=False, timeout=60
    )
    assert saved.status_code == 302, saved.text[:3000]
    assert time.time() < due - 1, "the save took too long to see the article before its time"

    seen_at = None
    while seen_at is None:
        shown = title in cluster.reader_get("/").text
        answered_at = time.time()  # a page answered before `due` was drawn before it too
        if shown:
            seen_at = answered_at
        else:
            assert answered_at < due + ON_TIME_WITHIN, "not on the front page 5 s after its time"
            time.sleep(0.05)
    assert seen_at >= due, f"on the front page {due - seen_at:.2f} s before its time"
    figures.append(
        f"scheduled: an article due {AHEAD} s after its save was on the front page through "
        f"Varnish {seen_at - due:.2f} s after its time (never before)"
    )
