"""A database that refuses writes: pages keep serving, writes get a Korean 503 with
Retry-After, and nothing 500s. The refusal is the database engine's own: SQLite's query_only
pragma, PostgreSQL's default_transaction_read_only."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.actions import pageviews
from articles.forms import issue_token
from articles.models import Article, Comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

JSON = {"HTTP_ACCEPT": "application/json"}
MESSAGE = "지금은 점검 중이라 새 글과 반응을 저장할 수 없습니다"


def reader(**headers):
    """A client that gets the response a browser would get, also for an error."""
    return Client(raise_request_exception=False, **headers)


def set_read_only(on):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")
        else:
            cursor.execute(f"SET default_transaction_read_only = {'on' if on else 'off'}")


@pytest.fixture
def article(settings):
    settings.PAGE_CACHE = False  # every page below is rendered from the database
    article = make_article("수출 회복세, 하반기에도 이어질까", tags=["수출"])
    Comment.objects.create(article=article, nickname="독자", body="먼저 남긴 댓글")
    return article


@pytest.fixture
def read_only(article):
    set_read_only(True)
    yield
    set_read_only(False)


def test_the_refusal_is_real():
    """The simulation itself: the database engine refuses a write."""
    article = make_article()
    set_read_only(True)
    try:
        with pytest.raises(Exception, match=r"(?i)read.?only"):
            Article.objects.filter(pk=article.pk).update(title="바뀐 제목")
    finally:
        set_read_only(False)


def test_pages_are_served(article, read_only):
    client = Client()
    for url in [
        "/",
        article.get_absolute_url(),
        reverse("articles:comments", args=[article.pk]),
        article.section.get_absolute_url(),
        "/tag/수출/",
        "/corrections/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert (
        "먼저 남긴 댓글"
        in client.get(reverse("articles:comments", args=[article.pk])).content.decode()
    )


def test_a_reaction_is_refused_with_503_and_retry_after(article, read_only):
    response = reader().post(reverse("articles:react", args=[article.pk]), {"kind": "like"}, **JSON)
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert response.json()["ok"] is False
    assert MESSAGE in response.json()["message"]

    page = reader().post(reverse("articles:react", args=[article.pk]), {"kind": "like"})
    assert page.status_code == 503
    assert MESSAGE in page.content.decode()
    assert page["Cache-Control"] == "no-store"


def test_a_comment_is_refused_and_its_text_kept(article, read_only):
    typed = "읽기 전용일 때 쓴 <댓글>"
    response = reader().post(
        reverse("articles:comment-post", args=[article.pk]),
        {
            "nickname": "경제독자",
            "password": "s3cret-pw",
            "body": typed,
            "token": issue_token(article.pk, issued_at=time.time() - 60),
        },
    )
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert MESSAGE in html
    assert "읽기 전용일 때 쓴 &lt;댓글&gt;" in html  # kept, escaped, for the reader to copy


def test_a_vote_is_refused(article, read_only):
    comment = Comment.objects.get()
    response = reader().post(
        reverse("articles:comment-vote", args=[comment.pk]), {"value": "up"}, **JSON
    )
    assert response.status_code == 503
    assert MESSAGE in response.json()["message"]


def test_the_view_beacon_keeps_answering_and_the_view_is_kept(article, settings):
    settings.VIEW_FLUSH_EVERY = 1  # try to write at once
    set_read_only(True)
    try:
        response = reader(HTTP_USER_AGENT="Mozilla/5.0").post(
            reverse("articles:view", args=[article.pk]), {"k": "A" * 22}
        )
    finally:
        set_read_only(False)
    assert response.status_code == 204
    article.refresh_from_db()
    assert article.view_count == 0
    # Kept in the buffer, written once the database takes writes again.
    assert pageviews.flush() == 1
    article.refresh_from_db()
    assert article.view_count == 1


def test_an_admin_sign_in_is_refused_with_503(article, read_only):
    set_read_only(False)
    get_user_model().objects.create_user("desk", password="pw-for-tests-only", is_staff=True)
    set_read_only(True)
    response = reader().post(
        "/admin/login/?next=/admin/", {"username": "desk", "password": "pw-for-tests-only"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert MESSAGE in response.content.decode()


def test_writes_work_again_when_the_database_does(article):
    set_read_only(True)
    try:
        refused = reader().post(
            reverse("articles:react", args=[article.pk]), {"kind": "like"}, **JSON
        )
    finally:
        set_read_only(False)
    accepted = reader().post(reverse("articles:react", args=[article.pk]), {"kind": "like"}, **JSON)
    assert refused.status_code == 503
    assert accepted.status_code == 200
    article.refresh_from_db()
    assert article.like_count == 1
