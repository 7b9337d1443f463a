"""What anonymous requests leave behind: nothing that outlives its purpose.

An attacker sends made-up addresses and view beacons with fresh keys by the thousand. The
counters file (the embedded default), Redis (under the site's prefix) and the database must be
the size they were afterwards, except for a bounded number of entries that expire: the rate
limits' own windows. Run on SQLite and on PostgreSQL + Redis (DATABASE_URL, REDIS_URL).
"""

import sqlite3

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client

from articles.actions import pageviews
from tests.factories import make_article

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}
REQUESTS = 2000
# Entries the rate limits may keep for the attacker's address while their windows last.
BOUNDED = 20

pytestmark = pytest.mark.django_db(transaction=True)


def counters_file_rows():
    path = settings.RATE_LIMIT_FILE
    if not path.exists():
        return {}
    with sqlite3.connect(path) as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in names}


def counters_file_without_expiry():
    """Rows of the counters file that never expire (tag versions and hits carry `expires`)."""
    path = settings.RATE_LIMIT_FILE
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        (buffered,) = db.execute("SELECT count(*) FROM buffered").fetchone()
        return buffered


def redis_keys():
    """{key: seconds to live} of every key under this site's prefix (-1: no expiry)."""
    if not settings.REDIS_URL:
        return {}
    client = cache._cache.get_client(write=True)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    return {key: client.ttl(key) for key in client.scan_iter(match=f"{prefix}:*", count=1000)}


def database_rows():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts


def stores():
    return counters_file_rows(), redis_keys(), database_rows()


def assert_bounded(before, after, *, new_rows=None):
    file_before, redis_before, rows_before = before
    file_after, redis_after, rows_after = after
    grown_rows = {
        table: rows_after[table] - rows_before.get(table, 0)
        for table in rows_after
        if rows_after[table] != rows_before.get(table, 0)
    }
    assert grown_rows == (new_rows or {})
    grown = sum(file_after.values()) - sum(file_before.values())
    assert grown <= BOUNDED, (file_before, file_after)
    assert counters_file_without_expiry() == file_before.get("buffered", 0)
    new_keys = {key: ttl for key, ttl in redis_after.items() if key not in redis_before}
    assert len(new_keys) <= BOUNDED, sorted(new_keys)[:30]
    assert all(ttl > 0 for ttl in new_keys.values()), new_keys


@pytest.fixture
def story():
    return make_article()


def made_up_addresses(story):
    kinds = [
        "/news/{}/",
        "/news/{}/live/reactions/",
        "/news/{}/live/reactions/frame/",
        "/news/{}/live/side/",
        "/news/{}/comments/",
        "/news/{}/me/",
    ]
    for number in range(REQUESTS):
        made_up = story.pk + 1000 + number
        yield kinds[number % len(kinds)].format(made_up)


def test_gets_of_made_up_addresses_leave_the_stores_as_they_were(story):
    reader = Client()
    reader.get(story.get_absolute_url())  # the site's own first entries: not the attack's
    before = stores()
    statuses = {reader.get(address).status_code for address in made_up_addresses(story)}
    assert statuses == {404}
    assert_bounded(before, stores())


def test_view_beacons_with_fresh_keys_leave_the_stores_bounded(story, settings):
    # Ten views an hour from one address on one article: the ten counted readers' marks are
    # kept for their window; past the limit a fresh key stores nothing.
    settings.VIEW_RATE_PER_CLIENT_ARTICLE = "10/h"
    reader = Client(**BROWSER)
    reader.post(story.get_absolute_url() + "view/", {"k": "first-reader-key"})
    before = stores()
    for number in range(REQUESTS):
        # Half for the real article, half for made-up ones: a fresh key each time.
        pk = story.pk if number % 2 else story.pk + 5000 + number
        response = reader.post(f"/news/{pk}/view/", {"k": f"fresh-key-{number:06d}"})
        assert response.status_code == 204
    assert_bounded(before, stores())
    pageviews.flush()
    story.refresh_from_db()
    assert story.view_count == 1 + 9  # the first reader and nine fresh keys: ten an hour


def test_presses_without_cookies_past_the_address_limit_store_nothing(story, settings):
    """A script that throws its cookies away is a new visitor at every press: each press
    would leave a visitor's counter behind. Past its address's limit on the article (5 an
    hour here) nothing is counted or stored: five presses, five reactions, a few counters."""
    settings.REACTION_RATE_PER_CLIENT_ARTICLE = "5/h"
    Client().get(story.get_absolute_url())
    before = stores()
    statuses = [
        Client()
        .post(f"/news/{story.pk}/react/", {"kind": "like"}, HTTP_ACCEPT="application/json")
        .status_code
        for _ in range(REQUESTS)
    ]
    assert statuses == [200] * 5 + [429] * (REQUESTS - 5)
    assert_bounded(before, stores(), new_rows={"articles_reaction": 5})
    story.refresh_from_db()
    assert story.like_count == 5
