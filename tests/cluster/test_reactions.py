"""Two hundred readers press at once, through Varnish to both app servers: every press counts
once, each reader sees their own press at once, and every reader the new count within 2 s
(the counts a page's script asks for, or the frame a reader without JavaScript sees)."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.cluster.cluster import reader_at

READERS = 200
VISIBLE_WITHIN = 2.0


def like_count(html):
    """The 좋아요 count the page shows (the reaction bar's first button)."""
    found = re.search(
        r'value="like"[^>]*aria-pressed="(true|false)".*?reactions__count[^>]*>(\d+)<', html, re.S
    )
    assert found, html[:500]
    return found.group(1) == "true", int(found.group(2))


def test_two_hundred_simultaneous_reactions_are_exact_and_seen_within_two_seconds(cluster, figures):
    pk = cluster.articles["react"]
    path = f"/news/{pk}/"
    assert like_count(cluster.reader_get(path).text) == (False, 0)
    # Varnish keeps the counts as they are before the presses.
    live, frame = f"/news/{pk}/live/reactions/", f"/news/{pk}/live/reactions/frame/"
    assert cluster.reader_get(live).json()["counts"]["like"] == 0
    assert like_count(cluster.reader_get(frame).text) == (False, 0)
    start = threading.Barrier(READERS)

    def press(number):
        """A reader with JavaScript (fetch, JSON) or without (a form, then the page)."""
        reader = reader_at(f"127.0.2.{number + 1}")  # readers come from their own addresses
        with_script = number % 2 == 0
        headers = {"Sec-Fetch-Site": "same-origin"}
        if with_script:
            headers["Accept"] = "application/json"
        start.wait()
        response = reader.post(
            f"{cluster.site}/news/{pk}/react/",
            data={"kind": "like"},
            headers=headers,
            timeout=60,
        )
        assert response.status_code == 200, response.text[:500]
        if with_script:
            answer = response.json()
            return answer["pressed"], answer["counts"]["like"], time.monotonic()
        # Without JavaScript the form's answer sends the reader back to the article, drawn
        # for them (their fresh cookie) with their press in it.
        assert response.history and response.history[0].status_code == 303
        pressed, count = like_count(response.text)
        return pressed, count, time.monotonic()

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        answers = list(pool.map(press, range(READERS)))
    last_answer = max(at for _, _, at in answers)

    # Each reader saw their own press in the answer, with a count that includes it.
    assert all(pressed for pressed, _, _ in answers)
    assert all(1 <= count <= READERS for _, count, _ in answers)

    # A new reader, through Varnish, sees all of them within 2 s of the last press: the counts
    # the page's script asks for, and the frame a reader without JavaScript sees, at the first
    # asking once the copies kept before the presses are past their second (never served
    # stale while the origin answers). The page itself is kept, not purged.
    time.sleep(max(0.0, last_answer + 1.1 - time.monotonic()))
    asked_at = time.monotonic()
    assert cluster.reader_get(live).json()["counts"]["like"] == READERS
    assert like_count(cluster.reader_get(frame).text) == (False, READERS)
    shown_after = time.monotonic() - last_answer
    assert shown_after < VISIBLE_WITHIN
    # Every press stored once.
    stored = cluster.shell(
        "import json\n"
        "from articles.models import Article, Reaction\n"
        f"article = Article.objects.get(pk={pk})\n"
        "print(json.dumps([article.like_count,"
        f" Reaction.objects.filter(article_id={pk}, kind='like').count()]))"
    )
    assert stored == [READERS, READERS]
    figures.append(
        f"reactions: {READERS} simultaneous presses (half with JavaScript) counted exactly "
        f"({READERS} stored); a new reader asking {(asked_at - last_answer) * 1000:.0f} ms "
        f"after the last answer saw {READERS} at once (script's counts and the no-JavaScript "
        f"frame, both answered {shown_after * 1000:.0f} ms after it)"
    )
