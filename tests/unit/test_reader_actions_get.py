"""A reader action address opened with GET (a reload after a refused form, a bookmark, a pasted
link) answers a Korean page that leads back to the article, never an empty 405."""

import pytest
from django.urls import reverse

from articles.models import Comment
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("금리 동결 기사")


@pytest.fixture
def comment(article):
    return make_comment(article, password="secret-pass")


def addresses(article, comment):
    return {
        "comment-post": reverse("articles:comment-post", args=[article.pk]),
        "react": reverse("articles:react", args=[article.pk]),
        "view": reverse("articles:view", args=[article.pk]),
        "comment-vote": reverse("articles:comment-vote", args=[comment.pk]),
        "comment-report": reverse("articles:comment-report", args=[comment.pk]),
        "comment-delete": reverse("articles:comment-delete", args=[comment.pk]),
    }


def test_every_reader_action_answers_a_get_with_a_page_back_to_the_article(
    client, article, comment
):
    for name, url in addresses(article, comment).items():
        response = client.get(url)
        assert response.status_code == 405, name
        assert response["Allow"] == "POST", name
        html = response.content.decode()
        assert '<html lang="ko">' in html, name
        assert "기사 페이지에서 버튼이나 입력란으로 보내는 주소입니다" in html, name
        assert f'href="{article.get_absolute_url()}' in html, name
        assert "기사로 돌아가기" in html, name
    assert Comment.objects.count() == 1
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_the_comment_form_address_leads_back_to_the_form(client, article):
    html = client.get(reverse("articles:comment-post", args=[article.pk])).content.decode()
    assert f'href="{article.get_absolute_url()}#comment-form"' in html


def test_an_unknown_article_or_comment_leads_to_the_front_page(client):
    for url in (
        reverse("articles:comment-post", args=[999999]),
        reverse("articles:comment-delete", args=[999999]),
    ):
        response = client.get(url)
        assert response.status_code == 405
        assert 'href="/"' in response.content.decode()


def test_a_script_asking_for_json_gets_json(client, article):
    response = client.get(
        reverse("articles:react", args=[article.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 405
    assert response.json()["ok"] is False
