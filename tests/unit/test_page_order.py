"""The article page reads in the seed's order: what a screen reader and a phone follow."""

import re

import pytest

from articles.models import Article, CuratedBox, CuratedSlot
from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db


def headings(html):
    """The page's headings in document order, as text."""
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip() for _level, text in found]


def part(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


@pytest.fixture
def story():
    section = make_section("증권", slug="stocks")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    article = make_article(
        "코스피, 외국인 매수에 2,700선 회복",
        section=section,
        reporters=[reporter],
        label=Article.Label.COMPREHENSIVE,
        photos=1,
        tags=["증시"],
    )
    make_article("같은 기자의 지난 기사", section=section, reporters=[reporter])
    make_article("영상 기사", section=section, video_url="https://youtu.be/aBcDeFgHiJk")
    return article


def test_the_article_pages_headings_follow_the_seed(client, story):
    html = client.get(story.get_absolute_url()).content.decode()

    found = headings(html)
    expected = [
        "코스피, 외국인 매수에 2,700선 회복 [종합]",
        "한지우 기자의 다른 기사",
        "이 기사에 대한 반응",
        "주요뉴스",
        "댓글 0",
        "관련 뉴스",
        "e스튜디오",
        "많이 본 뉴스",
        "뉴스발전소",
    ]
    assert [h for h in found if h in expected] == expected, found
    # 주요뉴스 is in the article column, once: not in the side column as well.
    assert found.count("주요뉴스") == 1
    main, aside = html.split('<aside class="page__aside"', 1)
    assert 'id="box-top-news"' in main and 'id="box-top-news"' not in aside


def test_top_news_sits_between_the_reactions_and_the_comments_with_thumbnails(client, story):
    box = CuratedBox.objects.create(name="주요뉴스", slug=CuratedBox.TOP_NEWS)
    pictured = make_article("사진 있는 주요 기사", photos=1)
    plain = make_article("사진 없는 주요 기사")
    CuratedSlot.objects.create(box=box, article=pictured, order=0)
    CuratedSlot.objects.create(box=box, article=plain, order=1)

    html = client.get(story.get_absolute_url()).content.decode()

    reactions = html.index('id="reactions"')
    top_news = html.index('id="box-top-news"')
    comments = html.index('id="comments"')
    assert reactions < top_news < comments
    items = re.findall(
        r'<li class="top-news__item">(.*?)</li>',
        part(html, 'id="box-top-news"', "</section>"),
        re.S,
    )
    assert "사진 있는 주요 기사" in items[0] and "사진 없는 주요 기사" in items[1]
    photo = pictured.photos.get()
    assert f'<img class="top-news__thumb" src="{photo.image.url}"' in items[0]
    assert "<img" not in items[1]


def test_other_pages_lead_the_side_column_with_top_news(client, story):
    for url in ("/", story.section.get_absolute_url()):
        html = client.get(url).content.decode()
        aside = html.split('<aside class="page__aside"', 1)[1]
        order = [aside.index(f'id="box-{box}"') for box in ("top-news", "studio", "most-viewed")]
        order.append(aside.index('id="box-news-plant"'))
        assert order == sorted(order), url


def test_the_side_column_of_the_article_page_is_in_the_seeds_order(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    aside = html.split('<aside class="page__aside"', 1)[1]

    studio = aside.index('id="box-studio"')
    most_viewed = aside.index('id="box-most-viewed"')
    news_plant = aside.index('id="box-news-plant"')
    assert studio < most_viewed < news_plant
    assert "영상 기사" in part(aside, 'id="box-studio"', "</section>")


def test_buttons_that_need_javascript_are_hidden_until_it_runs(client, story):
    html = client.get(story.get_absolute_url()).content.decode()

    for label in ("작게", "인쇄", "카카오톡", "링크 복사"):
        button = html.index(f">{label}</button>")
        holder = html.rindex("data-needs-script", 0, button)
        assert html[holder : html.index(">", holder)].endswith("hidden"), label
    # The share links work without it and are not hidden; 카카오톡 and 링크 복사 are.
    share = part(html, '<ul class="share"', "</ul>")
    assert "페이스북" in share and share.count("data-needs-script hidden") == 2
