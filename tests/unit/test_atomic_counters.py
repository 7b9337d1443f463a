"""Counters are moved in SQL, never written back from a value read earlier.

SQLite's BEGIN IMMEDIATE serializes writers, so a read-then-write counter (read 7, write 8)
passes the 200-visitor bursts there and only PostgreSQL loses updates. These tests read the
SQL each reader write sends and fail on any backend when a counter column is set to a value
instead of moved by an expression of itself (`like_count = like_count + 1`). The one counter
set to a value, comment_count, is a recount of the rows taken under the article's row lock
(FOR UPDATE, where the database has it), and that is checked too.
"""

import re
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.db.models.signals import pre_save
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.actions.reactions import toggle_reaction
from articles.forms import issue_token
from articles.models import Article, Comment, Reaction
from tests.factories import make_article, make_comment, make_staff
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

COUNTERS = {
    "articles_article": {
        "view_count",
        "like_count",
        "angry_count",
        "sad_count",
        "want_more_count",
        "comment_count",
    },
    "articles_comment": {"like_count", "dislike_count", "report_count"},
    "articles_dailyviews": {"views"},
}
# Set to a value on purpose: a recount of rows, under the article's lock.
RECOUNTED = {("articles_article", "comment_count")}
# The statement's own UPDATE, also after the WITH of a data-modifying statement (a reaction on
# PostgreSQL inserts or deletes its row and moves the counter in one statement).
UPDATE = re.compile(
    r'^\s*(?:WITH\s.*?\)\s*)?UPDATE\s+"?(\w+)"?\s+SET\s+(.*?)(?:\s+WHERE\s|\s+RETURNING\s|$)',
    re.S | re.I,
)


def assignments(set_clause):
    """column -> right-hand side, splitting at the commas between assignments only."""
    parts, depth, current = [], 0, ""
    for char in set_clause:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    found = {}
    for part in parts:
        column, _, value = part.partition("=")
        found[column.strip().strip('"')] = value.strip()
    return found


def counter_writes(queries):
    """(index, table, column, right-hand side) of every counter set in these queries."""
    for index, query in enumerate(queries):
        match = UPDATE.match(query["sql"])
        if not match:
            continue
        table, clause = match.groups()
        for column, value in assignments(clause).items():
            if column in COUNTERS.get(table, ()):
                yield index, table, column, value


def violations(queries):
    """Every counter write that is not an expression of the counter itself; recounts only
    after a COUNT of the rows and, on databases with row locks, after locking the row."""
    found = []
    for index, table, column, value in counter_writes(queries):
        moves_itself = re.search(rf'(^|[\s(."]){column}"?\s*[+-]', value)
        if moves_itself:
            continue
        if (table, column) in RECOUNTED:
            before = [q["sql"].upper() for q in queries[:index]]
            counted = any("COUNT(" in sql and "ARTICLES_COMMENT" in sql for sql in before)
            locked = not connection.features.has_select_for_update or any(
                "FOR UPDATE" in sql and "ARTICLES_ARTICLE" in sql for sql in before
            )
            if counted and locked:
                continue
        found.append(f"{table}.{column} = {value}")
    return found


def capture(action):
    with CaptureQueriesContext(connection) as captured:
        action()
    return captured.captured_queries


SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ACCEPT": "application/json"}


@pytest.fixture
def article(settings):
    settings.VIEW_FLUSH_EVERY = 1
    return make_article("카운터 기사")


@pytest.fixture
def comment(article):
    return make_comment(article, "첫 댓글", nickname="독자")


def post(client, url, data=None):
    response = client.post(url, data or {}, **SAME_SITE)
    assert response.status_code < 300, (url, response.status_code, response.content[:300])
    return response


def reader_writes(article, comment):
    """Each reader write that moves a counter, as (name, action)."""
    client = Client()
    react = reverse("articles:react", args=[article.pk])
    token = issue_token(article.pk, issued_at=time.time() - 60)
    comment_form = {"nickname": "독자", "password": "s3cret-pw", "body": "댓글", "token": token}
    return [
        ("press a reaction", lambda: post(client, react, {"kind": "like"})),
        ("take it back", lambda: post(client, react, {"kind": "like"})),
        (
            "vote",
            lambda: post(
                client, reverse("articles:comment-vote", args=[comment.pk]), {"value": "up"}
            ),
        ),
        ("report", lambda: post(client, reverse("articles:comment-report", args=[comment.pk]))),
        (
            "post a comment",
            lambda: post(client, reverse("articles:comment-post", args=[article.pk]), comment_form),
        ),
        (
            "delete a comment",
            lambda: post(
                client,
                reverse("articles:comment-delete", args=[Comment.objects.latest("pk").pk]),
                {"password": "s3cret-pw"},
            ),
        ),
        (
            "count a view",
            lambda: client.post(
                reverse("articles:view", args=[article.pk]),
                {"k": "abcdefgh12345678"},
                HTTP_USER_AGENT="Mozilla/5.0",
                **SAME_SITE,
            ),
        ),
    ]


def test_every_counter_a_reader_moves_is_moved_in_sql(article, comment):
    seen = set()
    for name, action in reader_writes(article, comment):
        queries = capture(action)
        writes = list(counter_writes(queries))
        assert writes, f"{name}: no counter written (the check would see nothing)"
        seen.update((table, column) for _i, table, column, _v in writes)
        assert violations(queries) == [], name
    # Every counter readers move was seen moving.
    assert {
        ("articles_article", "like_count"),
        ("articles_article", "comment_count"),
        ("articles_article", "view_count"),
        ("articles_comment", "like_count"),
        ("articles_comment", "report_count"),
        ("articles_dailyviews", "views"),
    } <= seen


def test_a_read_then_write_counter_is_caught_on_every_database(article):
    """The control: the lost-update pattern, which SQLite's serialized writers never lose,
    is refused by the same check on SQLite as on PostgreSQL."""

    def read_then_write():
        count = Article.objects.get(pk=article.pk).like_count
        Article.objects.filter(pk=article.pk).update(like_count=count + 1)

    def read_then_save():
        fresh = Article.objects.get(pk=article.pk)
        fresh.like_count += 1
        fresh.save(update_fields=["like_count"])

    assert violations(capture(read_then_write)) != []
    assert violations(capture(read_then_save)) != []


def test_an_editor_saving_while_readers_press_keeps_their_counts(article):
    """The admin reads the article when the save starts; a save that takes a while (photos
    to check) must not write back the counts it read then."""
    editor = Client()
    editor.force_login(make_staff("counter-desk"))
    change = reverse("admin:articles_article_change", args=[article.pk])
    opened = form_data(editor.get(change), "article_form")

    def readers_press_meanwhile(sender, instance, **kwargs):
        if instance.pk == article.pk:
            toggle_reaction(article_id=instance.pk, visitor="reader-during-save", kind="like")
            toggle_reaction(article_id=instance.pk, visitor="another-reader", kind="sad")

    pre_save.connect(readers_press_meanwhile, sender=Article, dispatch_uid="test-meanwhile")
    try:
        saved = editor.post(change, opened | {"title": "카운터 기사 (수정)"})
    finally:
        pre_save.disconnect(sender=Article, dispatch_uid="test-meanwhile")

    assert saved.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.like_count, article.sad_count) == ("카운터 기사 (수정)", 1, 1)


def waiting_on_locks(count):
    """Wait until `count` statements of this database are waiting for a row lock."""
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= count:
                return
            time.sleep(0.02)
    raise AssertionError(f"{count} statements never waited for a lock")


def in_threads(*actions):
    """Start each action in a thread of its own (its own connection): (threads, results)."""
    results = []

    def run(action):
        try:
            results.append(action())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    return threads, results


def holding(hold, *, then):
    """A thread holding `hold()`'s locks in an open transaction until `then` is set."""
    held = threading.Event()

    def action():
        with transaction.atomic():
            result = hold()
            held.set()
            then.wait(timeout=20)
        return result

    threads, results = in_threads(action)
    assert held.wait(timeout=10)
    return threads[0], results


needs_concurrent_writers = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the overlap needs a database whose writers run at once (SQLite's BEGIN IMMEDIATE "
    "makes them take turns)",
)


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_a_press_taken_back_twice_at_once_by_one_visitor_counts_once():
    """One visitor's two tabs take the same press back at the same moment: both find it there
    (the insert does nothing), both delete, and only the delete that removed the row moves the
    count. A transaction holding the press's row makes the two really overlap: both wait at
    their delete, and the second removes nothing once the first has."""
    article = make_article("동시에 취소하는 기사")
    toggle_reaction(article_id=article.pk, visitor="seed-a", kind="like")
    toggle_reaction(article_id=article.pk, visitor="seed-b", kind="like")
    toggle_reaction(article_id=article.pk, visitor="two-tabs", kind="like")
    release = threading.Event()
    press = Reaction.objects.filter(article=article, visitor="two-tabs", kind="like")
    blocker, _ = holding(lambda: list(press.select_for_update()), then=release)

    tabs, results = in_threads(
        *[lambda: toggle_reaction(article_id=article.pk, visitor="two-tabs", kind="like")] * 2
    )
    waiting_on_locks(2)
    release.set()
    for thread in [blocker, *tabs]:
        thread.join(timeout=30)

    assert sorted(pressed for pressed, _ in results) == [False, False]
    assert sorted(counts["like"] for _, counts in results) == [2, 2]
    article.refresh_from_db()
    assert article.like_count == 2
    assert Reaction.objects.filter(article=article, kind="like").count() == 2


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_a_press_made_twice_at_once_by_one_visitor_counts_once():
    """One visitor's two tabs press at the same moment: the second's insert waits for the
    first's and finds the press there, so it deletes nothing. The count moves once and both
    tabs say "pressed", as it is."""
    article = make_article("동시에 누르는 기사")
    toggle_reaction(article_id=article.pk, visitor="seed-a", kind="like")
    release = threading.Event()
    first, first_result = holding(
        lambda: toggle_reaction(article_id=article.pk, visitor="two-tabs", kind="like"),
        then=release,
    )

    tabs, second_result = in_threads(
        lambda: toggle_reaction(article_id=article.pk, visitor="two-tabs", kind="like")
    )
    waiting_on_locks(1)
    release.set()
    for thread in [first, *tabs]:
        thread.join(timeout=30)

    assert [(pressed, counts["like"]) for pressed, counts in first_result + second_result] == [
        (True, 2),
        (True, 2),
    ]
    article.refresh_from_db()
    assert article.like_count == 2
    assert Reaction.objects.filter(article=article, kind="like").count() == 2
