"""Views: counted by the page's beacon, once per reader per article per hour, written to the
database in batches by a task (articles/actions/pageviews.py), never a write per page view."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.actions import pageviews
from articles.models import Article, DailyViews
from newsroom import counters
from tests.factories import make_article
from tests.tasks import run_due, waiting_tasks

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}


@pytest.fixture
def story(settings):
    # The tests decide when the buffer is written: the last write was just now.
    settings.VIEW_FLUSH_SECONDS = 3600
    settings.VIEW_FLUSH_EVERY = 1000
    cache.set(pageviews.FLUSH_DUE_KEY, 1, 3600)
    return make_article("조회수 측정용 기사")


def beacon(article, key="reader-key-0001", client=None, **headers):
    client = client or Client()
    return client.post(
        reverse("articles:view", args=[article.pk]), {"k": key}, **(BROWSER | headers)
    )


def views_of(article):
    article.refresh_from_db()
    daily = DailyViews.objects.filter(article=article, day=timezone.localdate()).first()
    return article.view_count, daily.views if daily else 0


def test_the_page_asks_for_the_beacon_and_a_page_view_writes_nothing(
    client, story, django_assert_num_queries
):
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'data-view-url="/news/{story.pk}/view/"' in html
    assert '<script src="/static/js/view-beacon.js" defer></script>' in html
    with django_assert_num_queries(0):  # the cached page: no count, no write
        client.get(story.get_absolute_url())
    assert views_of(story) == (0, 0)


def test_views_wait_in_the_buffer_and_reach_the_database_in_one_batch(story):
    for number in range(5):
        assert beacon(story, key=f"reader-key-{number:04}").status_code == 204
    assert views_of(story) == (0, 0)  # buffered, no write per view

    assert pageviews.flush() == 5

    assert views_of(story) == (5, 5)
    assert pageviews.flush() == 0  # nothing is written twice


def test_a_reader_counts_once_per_window_and_again_after_it(story, settings, monkeypatch):
    settings.VIEW_COUNT_WINDOW = 3600
    start = 1_800_000_000.0 // 3600 * 3600  # the start of an hour
    monkeypatch.setattr(counters, "now", lambda: start)
    for _ in range(3):
        beacon(story, key="same-reader-key")
    monkeypatch.setattr(counters, "now", lambda: start + 3599)
    beacon(story, key="same-reader-key")
    pageviews.flush()
    assert views_of(story) == (1, 1)

    monkeypatch.setattr(counters, "now", lambda: start + 3600)  # the window has passed
    beacon(story, key="same-reader-key")
    pageviews.flush()
    assert views_of(story) == (2, 2)


def test_the_batch_is_written_when_it_is_full(story, settings):
    settings.VIEW_FLUSH_EVERY = 3
    beacon(story, key="reader-key-a")
    beacon(story, key="reader-key-b")
    assert views_of(story) == (0, 0)
    beacon(story, key="reader-key-c")
    assert views_of(story) == (3, 3)


def test_the_first_view_after_a_write_schedules_the_next_one(story):
    cache.delete(pageviews.FLUSH_DUE_KEY)  # the last write was VIEW_FLUSH_SECONDS ago
    beacon(story, key="reader-key-a")
    beacon(story, key="reader-key-b")
    assert views_of(story) == (0, 0)
    (flush,) = waiting_tasks("flush_views")  # one write, however many views come meanwhile
    waits = flush.task.run_after - timezone.now()
    assert timedelta(seconds=3570) < waits <= timedelta(seconds=3600)

    assert run_due(timezone.now() + timedelta(seconds=3600)) == 1
    assert views_of(story) == (2, 2)


@pytest.mark.parametrize(
    ("headers", "key"),
    [
        ({"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"}, "reader-key-1"),
        ({"HTTP_USER_AGENT": ""}, "reader-key-2"),
        ({}, "short"),
        ({}, "<script>alert(1)</script>"),
        ({}, "x" * 65),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, "reader-key-3"),
    ],
)
def test_bots_bad_keys_and_other_sites_are_not_counted(story, headers, key):
    response = beacon(story, key=key, **headers)
    assert response.status_code in (204, 403)
    pageviews.flush()
    assert views_of(story) == (0, 0)


def test_unpublished_articles_are_not_counted(story):
    draft = make_article("초고", status=Article.Status.DRAFT)
    assert beacon(draft).status_code == 204
    pageviews.flush()
    assert views_of(draft) == (0, 0)


def test_one_address_cannot_push_an_article_up_by_throwing_keys_away(story, settings):
    settings.VIEW_RATE_PER_CLIENT_ARTICLE = "10/h"
    for number in range(25):
        beacon(story, key=f"thrown-away-{number:04}")
    pageviews.flush()
    assert views_of(story) == (10, 10)


def test_a_beacon_sets_no_cookie(story):
    response = beacon(story)
    assert not response.cookies


def test_views_of_an_earlier_day_stay_on_that_day(story):
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    DailyViews.objects.create(article=story, day=yesterday, views=7)
    Article.objects.filter(pk=story.pk).update(view_count=7)
    beacon(story)
    pageviews.flush()
    assert views_of(story) == (8, 1)
    assert DailyViews.objects.get(article=story, day=yesterday).views == 7


def test_a_batch_left_aside_by_a_killed_worker_is_written_once_by_the_next_flush(story):
    """The worker moved the views aside and died before writing them: the next flush writes
    them; killed after writing, before dropping them: the next flush writes nothing twice."""
    for number in range(3):
        beacon(story, key=f"reader-key-{number:04}")
    buffer = pageviews.buffers()[0]
    buffer.move_pending()  # ... and the worker is killed here
    assert views_of(story) == (0, 0)
    assert pageviews.flush() == 3
    assert views_of(story) == (3, 3)

    beacon(story, key="reader-key-late")
    buffer.move_pending()
    (batch,) = buffer.batches()
    pageviews._write(batch, buffer.read(batch))  # written, and killed before the drop
    assert views_of(story) == (4, 4)
    assert pageviews.flush() == 0
    assert views_of(story) == (4, 4)
    assert buffer.batches() == []
