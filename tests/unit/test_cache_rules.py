"""Who gets the shared page, and what every public answer says about keeping it.

A made-up cookie of a private name (nr_fresh, sessionid, messages) takes nobody off the shared
page: only a valid session or a cookie the site signed does. And every answer says how long a
cache may keep it, the refusals and redirects too, with literal headers.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.comment_forms import form_token
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}
PRIVATE = "private, no-store"


@pytest.fixture
def story():
    return make_article("금리 동결 결정")


# Forged cookies


@pytest.mark.parametrize(
    "cookies",
    [
        {"nr_fresh": "1"},
        {"nr_fresh": "1:forged:signature"},
        {"sessionid": "made-up-session-key-0123456789abcdef"},
        {"messages": "made-up messages"},
        {"messages": '[["__json_message",0,20,"fake"]]:forged'},
        {"nr_fresh": "1", "sessionid": "x" * 32, "messages": "y"},
    ],
    ids=["fresh", "fresh-forged-signature", "session", "messages", "messages-json", "all"],
)
@pytest.mark.parametrize(
    "address", ["/", "/news/{pk}/", "/news/{pk}/comments/", "/news/{pk}/live/reactions/"]
)
def test_a_made_up_cookie_gets_the_shared_page_from_the_cache(story, cookies, address):
    url = address.format(pk=story.pk)
    reader = Client()
    for name, value in cookies.items():
        reader.cookies[name] = value
    first = reader.get(url)
    second = reader.get(url)
    assert first.status_code == second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    # No cookie is set or deleted: an answer that sets one could not be shared.
    assert not first.cookies and not second.cookies


def test_a_fresh_cookie_the_site_signed_takes_the_reader_off_the_shared_page(story):
    reader = Client(**BROWSER)
    reader.get(story.get_absolute_url())
    pressed = reader.post(f"/news/{story.pk}/react/", {"kind": "like"})
    assert pressed.status_code == 303
    signed = reader.cookies["nr_fresh"].value
    assert signed.startswith("1:") and len(signed) > 20
    response = reader.get(story.get_absolute_url())
    assert response["Cache-Control"] == PRIVATE
    assert "X-Page-Cache" not in response


def test_a_valid_session_takes_staff_off_the_shared_page(story):
    make_staff("desk", email="desk@example.com")
    staff = Client()
    staff.login(username="desk", password="pw-for-tests-only")
    staff.get(story.get_absolute_url())
    response = staff.get(story.get_absolute_url())
    assert response["Cache-Control"] == PRIVATE
    assert "X-Page-Cache" not in response


# Every public answer says how long it may be kept


def test_a_404_for_an_article_not_yet_public_may_be_kept_a_minute(client):
    later = make_article(
        status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1)
    )
    response = client.get(f"/news/{later.pk}/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert not response.cookies


def test_a_redirect_to_the_address_with_a_slash_may_be_kept(client, story):
    response = client.get(f"/news/{story.pk}")
    assert response.status_code == 301
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=3600"


def test_the_redirect_to_https_says_how_long_it_may_be_kept(client, story, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(story.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert response["Cache-Control"] == PRIVATE


def test_a_host_the_site_does_not_serve_is_refused_and_never_kept(client, story, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get(story.get_absolute_url(), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Cache-Control"] == PRIVATE


def test_a_cross_site_press_is_forbidden_and_never_kept(client, story):
    response = client.post(
        f"/news/{story.pk}/react/", {"kind": "like"}, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    assert response["Cache-Control"] == PRIVATE


def test_a_get_of_a_write_address_is_405_and_never_kept(client, story):
    response = client.get(f"/news/{story.pk}/react/")
    assert response.status_code == 405
    assert response["Cache-Control"] == PRIVATE


def test_a_press_past_the_limit_is_429_and_never_kept(story, settings):
    settings.REACTION_RATE_PER_VISITOR = "2/m"
    reader = Client(**BROWSER)
    answers = [reader.post(f"/news/{story.pk}/react/", {"kind": "like"}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [303, 303, 429]
    assert answers[2]["Cache-Control"] == PRIVATE


def test_a_200_that_sets_a_cookie_is_never_kept(story):
    reader = Client(**BROWSER)
    response = reader.post(
        f"/news/{story.pk}/react/", {"kind": "like"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert response.cookies
    assert response["Cache-Control"] == PRIVATE


def test_an_article_page_is_kept_no_longer_than_its_comment_forms_token_is_fresh(story, settings):
    """The form every anonymous reader shares is kept apart from the page, its token with it:
    a page is kept no longer than the form has left, so no page hands out a token older than
    a kept part (the token's time limit counts from when it was drawn)."""
    settings.FRAGMENT_CACHE_SECONDS = 100
    settings.PAGE_CACHE = False  # each request draws the page again, from its kept parts
    first, again = (Client().get(story.get_absolute_url()) for _ in range(2))
    # The kept form, drawn once.
    assert form_token(again.content.decode()) == form_token(first.content.decode())
    for response in (first, again):
        cache_control = response["Cache-Control"]
        assert cache_control.startswith("public, max-age=0, s-maxage=")
        assert 0 < int(cache_control.rsplit("=", 1)[1]) <= 100
