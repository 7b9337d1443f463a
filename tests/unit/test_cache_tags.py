"""The server's tagged cache (newsroom/cache/tags.py): entries live until one of their tags is
invalidated, nothing is stored for a tag until then, and nothing computed while a tag changed
is kept."""

import threading

import pytest
from django.core.cache import cache

from newsroom import counters
from newsroom.cache import tags


def test_an_entry_lives_until_one_of_its_tags_is_invalidated():
    drawn = []

    def compute():
        drawn.append(1)
        tags.add("article:1", "front")
        return "page"

    assert tags.cached("k", compute, 60) == "page"
    assert tags.cached("k", compute, 60) == "page"
    assert len(drawn) == 1
    tags.invalidate_now(["article:2"])  # another article: this entry does not show it
    assert tags.cached("k", compute, 60) == "page"
    assert len(drawn) == 1
    tags.invalidate_now(["front"])
    assert tags.cached("k", compute, 60) == "page"
    assert len(drawn) == 2


def test_invalidating_everything_empties_every_entry():
    tags.cached("a", lambda: tags.add("article:1") or "a", 60)
    tags.cached("b", lambda: "b-without-tags", 60)
    tags.invalidate_now([tags.EVERYTHING])
    assert tags.get("a") is None and tags.get("b") is None


def test_what_was_computed_while_a_tag_changed_is_not_kept():
    def compute():
        tags.add("article:7")
        tags.invalidate_now(["article:7"])  # an editor saves while the page is being drawn
        return "stale"

    assert tags.cached("k", compute, 60) == "stale"  # the request gets it ...
    assert cache.get("k") is None  # ... but nobody after it


def test_an_entry_passes_its_tags_and_remaining_time_to_what_contains_it():
    def part():
        tags.add("box:top-news")
        tags.lasts_at_most(30)
        return "box"

    tags.cached("part", part, 60)
    with tags.collecting() as page:
        tags.cached("part", part, 60)  # a hit: still counts for the page
    assert page.tags == {"box:top-news", tags.EVERYTHING}
    assert page.seconds is not None and 0 < page.seconds <= 30


def test_reading_the_tags_of_made_up_pages_stores_nothing(settings):
    """A flood of requests for articles that do not exist must not grow any store."""
    settings.REDIS_URL = ""
    before = counters.shared_file.tag_versions(["x"])
    for number in range(500):
        assert tags.versions([f"article:{900_000 + number}"]) == {f"article:{900_000 + number}": 0}
    connection = counters.shared_file._connection()
    (rows,) = connection.execute("SELECT count(*) FROM tag_versions").fetchone()
    assert rows == 0 and before == {"x": 0}


def test_tag_versions_expire_after_their_lifetime(settings, monkeypatch):
    settings.REDIS_URL = ""
    settings.TAG_VERSION_SECONDS = 100
    start = 1_800_000_000.0
    monkeypatch.setattr(counters, "now", lambda: start)
    tags.invalidate_now(["article:1"])
    assert tags.versions(["article:1"])["article:1"] > 0
    monkeypatch.setattr(counters, "now", lambda: start + 101)
    assert tags.versions(["article:1"]) == {"article:1": 0}


@pytest.mark.parametrize("header", ["xkey", "Surrogate-Key"])
def test_the_tag_header_lists_tags_by_space(settings, header):
    from newsroom.cache.pages import tag_header_value

    settings.CACHE_TAG_HEADER = header
    assert tag_header_value(["b", "a"]) == "a b"


def test_cloudflare_lists_tags_by_comma(settings):
    from newsroom.cache.pages import tag_header_value

    settings.CACHE_TAG_HEADER = "Cache-Tag"
    assert tag_header_value(["b", "a"]) == "a,b"


def test_a_change_made_elsewhere_while_a_page_is_drawn_is_noticed():
    """A request reads each tag's version once (its first hit check), but whether a tag
    changed while its page was drawn is asked of the store, not of what it read at its start:
    an editor's save in another process during the drawing means the page may show the rows
    from before the save, and must not be kept (a cache in front would keep it for an hour)."""
    tags.cached("page", lambda: tags.add("article:7") or "page", 60)

    def editor_saves_elsewhere():
        # A thread of its own starts with no versions read: as another process would.
        saving = threading.Thread(target=tags.invalidate_now, args=(["article:7"],))
        saving.start()
        saving.join()

    with tags.reading():
        assert tags.get("page") is not None  # reads article:7's version before the save
        with tags.collecting() as drawing:
            tags.add("article:7")
            editor_saves_elsewhere()
        assert tags.changed_since(drawing.tags, drawing.started_ns)
        assert not tags.put("drawn", "stale", drawing, 60)
    assert cache.get("drawn") is None


def test_a_purge_waits_for_the_writers_invalidation_and_makes_none_of_its_own(settings):
    """The writer invalidates again once its transaction commits (on_commit); a purge queued
    in that transaction waits for it rather than invalidating again, which would make every
    page drawn meanwhile count as drawn during a change."""
    moment = tags.now_ns()
    tags.invalidate_now(["article:1"])  # the writer's, after its commit
    (written,) = tags.versions_now(["article:1"]).values()
    tags.settled_after(["article:1"], moment, seconds=5)
    assert tags.versions_now(["article:1"]) == {"article:1": written}
    assert tags.now_ns() >= written + settings.CACHE_CLOCK_MARGIN_MS * 1_000_000


def test_a_purge_invalidates_itself_what_a_writer_that_stopped_did_not():
    tags.invalidate_now(["article:1"])  # before the commit
    moment = tags.now_ns()  # the writer stopped before its invalidation after the commit
    tags.settled_after(["article:1"], moment, seconds=0.1)
    assert tags.versions_now(["article:1"])["article:1"] >= moment
