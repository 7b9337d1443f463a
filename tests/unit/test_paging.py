"""Numbered page links on every list (sections, tags, reporters, 바로잡습니다, search), and a
title and canonical address of its own for page 2 and beyond."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from articles.templatetags.paging import page_window
from articles.views import pages, search
from tests.factories import make_article, make_reporter, make_section
from tests.html_head import read_head

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("number", "count", "window"),
    [
        (1, 1, []),
        (1, 2, [1, 2]),
        (1, 10, [1, 2, 3, None, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),
        (10, 10, [1, None, 8, 9, 10]),
        (3, 5, [1, 2, 3, 4, 5]),
    ],
)
def test_the_window_of_pages(number, count, window):
    assert page_window(number, count) == window


@pytest.fixture
def economy(monkeypatch):
    """A section of 22 articles, two a page: eleven pages."""
    monkeypatch.setattr(pages.ArticleListView, "paginate_by", 2)
    monkeypatch.setattr(search.SearchView, "paginate_by", 2)
    section = make_section("경제", slug="economy")
    reporter = make_reporter("한지우", handle="jiwoo")
    now = timezone.now()
    for n in range(22):
        make_article(
            f"금리 기사 {n}",
            section=section,
            reporters=[reporter],
            tags=["금리"],
            published_at=now - timedelta(minutes=n + 1),
        )
    return section


def nav(html):
    return re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)


@pytest.mark.parametrize("path", ["/section/economy/", "/tag/금리/", "/reporter/jiwoo/"])
def test_a_list_links_its_pages_by_number_around_this_one(client, economy, path):
    html = nav(client.get(path, {"page": 6}).content.decode())
    assert '<a class="pagination__step" href="?page=5" rel="prev">이전</a>' in html
    assert '<a class="pagination__step" href="?page=7" rel="next">다음</a>' in html
    assert f'<li><a href="{iri_to_uri(path)}" aria-label="1페이지">1</a></li>' in html
    assert '<li><span aria-current="page">6</span></li>' in html
    assert '<li><a href="?page=11" aria-label="11페이지">11</a></li>' in html
    shown = re.findall(r"<li>(?:<a [^>]*>|<span [^>]*>)(\d+)<", html)
    assert shown == ["1", "4", "5", "6", "7", "8", "11"]
    assert html.count('class="pagination__gap"') == 2
    assert " / " not in html


def test_the_first_page_leads_back_to_the_lists_own_address(client, economy):
    html = nav(client.get("/section/economy/", {"page": 2}).content.decode())
    assert '<a class="pagination__step" href="/section/economy/" rel="prev">이전</a>' in html


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/section/economy/", "경제 - 2페이지 - 뉴스룸경제"),
        ("/tag/금리/", "#금리 - 2페이지 - 뉴스룸경제"),
        ("/reporter/jiwoo/", "한지우 기자 - 2페이지 - 뉴스룸경제"),
    ],
)
def test_page_two_has_a_title_and_canonical_of_its_own(client, economy, path, title, settings):
    settings.SITE_URL = SITE
    html = client.get(path, {"page": 2}).content.decode()
    head = read_head(html)
    assert f"<title>{title}</title>" in html
    assert head.meta["og:title"] == title
    assert head.link("canonical")[0]["href"].endswith("?page=2")
    first = client.get(path).content.decode()
    assert "페이지 - " not in re.search(r"<title>(.*?)</title>", first).group(1)


def test_search_links_its_pages_by_number_and_names_the_page_in_its_title(client, economy):
    html = client.get("/search/", {"q": "금리", "page": 3}).content.decode()
    assert "<title>‘금리’ 검색 결과 - 3페이지 - 뉴스룸경제</title>" in html
    links = nav(html)
    assert '<li><span aria-current="page">3</span></li>' in links
    assert '<a href="?q=%EA%B8%88%EB%A6%AC" aria-label="1페이지">1</a>' in links
    assert '<a href="?q=%EA%B8%88%EB%A6%AC&amp;page=11" aria-label="11페이지">11</a>' in links
