"""Error pages (404, 403, 500, 400) in Korean, each with a search box and the latest news, the
latest list kept so that a flood of 404s costs no query for it; a bad Host gets a Korean 400."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.views import pages
from tests.factories import make_article

pytestmark = pytest.mark.django_db

SEARCH_BOX = (
    '<form class="error-search" role="search" action="/search/" method="get" '
    'aria-label="기사 다시 찾기">'
)


@pytest.fixture
def latest():
    now = timezone.now()
    return [
        make_article(f"최신 기사 {n}번", published_at=now - timedelta(minutes=n + 1))
        for n in range(7)
    ]


def assert_suggests(html, latest):
    assert SEARCH_BOX in html
    assert '<label for="error-search-q">찾으시는 기사를 검색해 보세요</label>' in html
    assert "최신 기사</h2>" in html
    for article in latest[:5]:
        assert f'<a href="{article.get_absolute_url()}">{article.title}</a>' in html
    assert latest[5].title not in html


def test_a_404_suggests_a_search_and_the_latest_news(client, latest):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "페이지를 찾을 수 없습니다" in html
    assert_suggests(html, latest)


def test_a_flood_of_404s_does_not_ask_for_the_latest_news_each_time(client, latest):
    client.get("/no-such-page/")
    for n in range(3):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/other-missing-{n}/")
        assert response.status_code == 404
        assert [q for q in queries if Article._meta.db_table in q["sql"]] == []
        assert latest[0].title in response.content.decode()


def test_the_latest_list_follows_a_new_article(client, latest):
    client.get("/no-such-page/")
    newest = make_article("방금 나온 기사", published_at=timezone.now())
    assert newest.title in client.get("/no-such-page/").content.decode()


def test_a_403_suggests_a_search_and_the_latest_news(client, latest, monkeypatch):
    def refuse(self, **kwargs):
        raise PermissionDenied

    monkeypatch.setattr(pages.HomeView, "get_context_data", refuse)
    response = client.get("/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "권한이 없습니다" in html
    assert_suggests(html, latest)


def test_a_500_suggests_a_search_and_the_latest_news(latest, monkeypatch, settings):
    settings.PAGE_CACHE = False

    def fail(self, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pages.HomeView, "get_context_data", fail)
    reader = Client(raise_request_exception=False)
    response = reader.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "일시적인 오류가 발생했습니다" in html
    assert_suggests(html, latest)


def test_a_bad_host_gets_a_korean_400_page(client, latest, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bad Request" not in html
    assert '<html lang="ko">' in html
    assert "<title>잘못된 요청입니다 - 뉴스룸경제</title>" in html
    assert "주소를 확인해 주세요" in html
    assert_suggests(html, latest)
    assert "evil.example" not in html
