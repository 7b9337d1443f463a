"""RSS 2.0 feeds, read as a feed reader reads them: parsed XML, through the test client."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_reporter, make_section
from tests.html_head import read_head

pytestmark = pytest.mark.django_db

SITE = "https://news.example"
DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def channel_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def items_of(channel):
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "guid": item.findtext("guid"),
            "permalink": item.find("guid").get("isPermaLink"),
            "description": item.findtext("description"),
            "pubdate": parsedate_to_datetime(item.findtext("pubDate")),
            "creator": item.findtext(f"{DC}creator"),
            "categories": [category.text for category in item.findall("category")],
        }
        for item in channel.findall("item")
    ]


def titles(client, url):
    return [item["title"] for item in items_of(channel_of(client, url))]


def test_the_site_feed_lists_public_articles_newest_first_with_every_field(client):
    economy = make_section("경제", slug="economy")
    reporters = [make_reporter("한지우", handle="jiwoo_han"), make_reporter("서이원")]
    now = timezone.now()
    older = make_article(
        "금리 동결", section=economy, reporters=reporters, published_at=now - timedelta(hours=5)
    )
    newer = make_article(
        "반도체 수출 증가",
        section=economy,
        reporters=reporters[:1],
        deck="석 달 연속 늘었다\n중국 수출도 반등",
        published_at=now - timedelta(hours=1),
    )
    Article.objects.filter(pk=older.pk).update(seo_description="한국은행이 금리를 묶었다")

    channel = channel_of(client, "/rss/")
    assert channel.findtext("title") == "뉴스룸경제 전체 기사"
    assert channel.findtext("link") == f"{SITE}/"
    assert channel.findtext("language") == "ko"
    assert channel.find(f"{ATOM}link").get("href") == f"{SITE}/rss/"

    first, second = items_of(channel)
    assert first == {
        "title": "반도체 수출 증가",
        "link": f"{SITE}/news/{newer.pk}/",
        "guid": f"{SITE}/news/{newer.pk}/",
        "permalink": "true",
        "description": "석 달 연속 늘었다\n중국 수출도 반등",
        "pubdate": newer.published_at.replace(microsecond=0),
        "creator": "한지우 기자",
        "categories": ["경제"],
    }
    # No deck: the article's search description.
    assert second["title"] == "금리 동결"
    assert second["description"] == "한국은행이 금리를 묶었다"
    assert second["creator"] == "한지우 기자, 서이원 기자"
    assert second["pubdate"] == older.published_at.replace(microsecond=0)
    # Nothing changed since: the feed was last built when the newest article came out.
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == first["pubdate"]

    # /feed/ is the same feed under the name some readers try first.
    assert titles(client, "/feed/") == ["반도체 수출 증가", "금리 동결"]


def test_drafts_reviews_archived_and_scheduled_stay_out_until_their_time(
    client, settings, monkeypatch
):
    settings.PAGE_CACHE = False  # the page cache keeps a feed up to PAGE_CACHE_SECONDS
    section = make_section("산업", slug="industry")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    make_article("공개 기사", section=section, reporters=[reporter])
    for status in (Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.ARCHIVED):
        make_article(f"{status} 기사", section=section, reporters=[reporter], status=status)
    due = timezone.now() + timedelta(hours=2)
    make_article("예약 기사", section=section, reporters=[reporter], published_at=due)

    feeds = ["/rss/", "/section/industry/rss/", "/reporter/jiwoo-han/rss/"]
    for url in feeds:
        assert titles(client, url) == ["공개 기사"], url

    later = due + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    for url in feeds:
        assert titles(client, url) == ["예약 기사", "공개 기사"], url


def test_a_section_feed_holds_its_sub_sections_and_a_reporter_feed_their_bylines(client):
    economy = make_section("경제", slug="economy")
    finance = make_section("금융", slug="finance", parent=economy)
    sports = make_section("스포츠", slug="sports")
    jiwoo, iwon = make_reporter("한지우", handle="jiwoo_han"), make_reporter("서이원")
    make_article("경제 기사", section=economy, reporters=[jiwoo])
    make_article("금융 기사", section=finance, reporters=[iwon])
    make_article("스포츠 기사", section=sports, reporters=[jiwoo, iwon])

    assert sorted(titles(client, "/section/economy/rss/")) == ["경제 기사", "금융 기사"]
    assert titles(client, "/section/finance/rss/") == ["금융 기사"]
    assert sorted(titles(client, "/reporter/jiwoo-han/rss/")) == ["경제 기사", "스포츠 기사"]
    channel = channel_of(client, "/section/finance/rss/")
    assert channel.findtext("link") == f"{SITE}/section/finance/"
    assert [item["categories"] for item in items_of(channel)] == [["금융"]]

    for url in ("/section/nothing/rss/", "/reporter/nobody/rss/"):
        assert client.get(url).status_code == 404, url


def test_a_correction_moves_the_feeds_last_build_date(client, admin_client):
    article = make_article("바로잡을 기사")
    before = parsedate_to_datetime(channel_of(client, "/rss/").findtext("lastBuildDate"))
    assert before == article.published_at.replace(microsecond=0)

    corrected_at = timezone.localtime().replace(microsecond=0)
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/correct/",
        {
            "text": "숫자를 바로잡습니다.",
            "created_at": corrected_at.strftime("%Y-%m-%d %H:%M:%S"),
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.revised_at == corrected_at

    # The shared feed was kept before; the correction's save made it stale at once.
    after = parsedate_to_datetime(channel_of(client, "/rss/").findtext("lastBuildDate"))
    assert after == corrected_at
    # The item keeps its publication date.
    assert items_of(channel_of(client, "/rss/"))[0]["pubdate"] == before


def test_a_feed_is_a_shared_page_that_an_editorial_save_refreshes(client):
    make_article("첫 기사")
    response = client.get("/rss/")
    assert response["Cache-Control"].startswith("public")
    assert titles(client, "/rss/") == ["첫 기사"]  # from the page cache

    make_article("둘째 기사")
    assert titles(client, "/rss/") == ["둘째 기사", "첫 기사"]


def test_a_feed_costs_the_same_queries_however_many_items(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE = False
    section = make_section("경제", slug="economy")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    make_article("하나", section=section, reporters=[reporter])
    client.get("/section/economy/rss/")  # the section tree, shared by every page
    # the articles with their sections, their bylines with reporters
    with django_assert_num_queries(2):
        client.get("/section/economy/rss/")
    for n in range(8):
        make_article(f"기사 {n}", section=section, reporters=[reporter, make_reporter()])
    client.get("/section/economy/rss/")
    with django_assert_num_queries(2):
        assert len(titles(client, "/section/economy/rss/")) == 9


def test_pages_name_their_feeds(client):
    section = make_section("경제", slug="economy")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    article = make_article("기사", section=section, reporters=[reporter])

    def feeds_of(url):
        head = read_head(client.get(url).content.decode())
        return [
            (link["title"], link["href"])
            for link in head.link("alternate")
            if link.get("type") == "application/rss+xml"
        ]

    site_feed = ("뉴스룸경제 전체 기사", f"{SITE}/rss/")
    assert feeds_of("/") == [site_feed]
    assert feeds_of(article.get_absolute_url()) == [site_feed]
    assert feeds_of("/section/economy/") == [
        site_feed,
        ("뉴스룸경제 경제", f"{SITE}/section/economy/rss/"),
    ]
    assert feeds_of("/reporter/jiwoo-han/") == [
        site_feed,
        ("뉴스룸경제 한지우 기자", f"{SITE}/reporter/jiwoo-han/rss/"),
    ]
    # Each named feed is there.
    for url in ("/rss/", "/section/economy/rss/", "/reporter/jiwoo-han/rss/"):
        assert titles(client, url) == ["기사"]
    assert reporter.get_absolute_url() == "/reporter/jiwoo-han/"


def test_a_sitemap_served_from_the_page_cache_keeps_its_crawler_headers(client):
    make_article("첫 기사")
    fresh = client.get("/sitemap-articles.xml")
    assert fresh.status_code == 200
    assert fresh["X-Robots-Tag"] and fresh["Last-Modified"]

    stored = client.get("/sitemap-articles.xml")

    assert stored.content == fresh.content
    assert stored["X-Robots-Tag"] == fresh["X-Robots-Tag"]
    assert stored["Last-Modified"] == fresh["Last-Modified"]
