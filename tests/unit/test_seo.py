"""What search engines and link previews read: sitemaps, robots.txt, canonical links, Open Graph
and Twitter cards, NewsArticle JSON-LD; every absolute address under SITE_URL."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from articles.models import Article, Correction
from articles.views import sitemaps
from tests.factories import image_file, make_article, make_reporter, make_section
from tests.html_head import read_head

pytestmark = pytest.mark.django_db

SITE = "https://news.example"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def path_of(url):
    """The path a crawler would request for an absolute URL of ours."""
    assert url.startswith(f"{SITE}/"), url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def assert_image_served(client, url):
    """An image address of ours leads to an image: a static file (served by whitenoise in
    production, found by the finders here) or an uploaded one (served by the site)."""
    path = path_of(url)
    if path.startswith("/static/"):
        found = finders.find(path.removeprefix("/static/"))
        assert found, url
        with Image.open(found) as image:
            return image.format, image.size
    response = client.get(path)
    assert response.status_code == 200, url
    with Image.open(BytesIO(b"".join(response.streaming_content))) as image:
        return image.format, image.size


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def locations(client, url):
    return [loc.text for loc in xml_of(client, url).iter(f"{SM}loc")]


def sitemap_urls(client):
    """Every page address of every sitemap the index names, in order."""
    found = []
    for child in locations(client, "/sitemap.xml"):
        found += locations(client, path_of(child))
    return found


# Sitemaps


def test_the_sitemap_index_names_articles_and_listing_pages_and_only_public_ones(client):
    economy = make_section("경제", slug="economy")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    idle = make_reporter("서이원", handle="iwon")  # no public article: no page worth listing
    public = make_article("공개", section=economy, reporters=[reporter], tags=["금리"])
    hidden = [
        make_article("작성 중", status=Article.Status.DRAFT, reporters=[idle], tags=["비밀"]),
        make_article("예약", published_at=timezone.now() + timedelta(hours=1), reporters=[idle]),
    ]

    index = xml_of(client, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    children = [loc.text for loc in index.iter(f"{SM}loc")]
    assert children == [
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-sections.xml",
        f"{SITE}/sitemap-reporters.xml",
        f"{SITE}/sitemap-tags.xml",
    ]
    urls = sitemap_urls(client)
    assert f"{SITE}/news/{public.pk}/" in urls
    for article in hidden:
        assert f"{SITE}/news/{article.pk}/" not in urls
    assert f"{SITE}/section/economy/" in urls
    assert f"{SITE}/reporter/jiwoo-han/" in urls
    assert f"{SITE}/reporter/{idle.slug}/" not in urls
    assert f"{SITE}/tag/%EA%B8%88%EB%A6%AC/" in urls  # 금리, as a URI
    assert not [url for url in urls if "/tag/" in url and url.endswith("%EB%B0%80/")]  # 비밀
    # Every listed address answers.
    for url in urls:
        assert client.get(path_of(url)).status_code == 200, url


def test_article_sitemap_pages_are_paged_by_the_framework_with_lastmod(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    now = timezone.now()
    articles = [make_article(f"기사 {n}", published_at=now - timedelta(days=n)) for n in range(5)]
    make_article("작성 중", status=Article.Status.DRAFT)
    corrected = articles[3]
    Article.objects.filter(pk=corrected.pk).update(revised_at=now - timedelta(hours=1))

    index = xml_of(client, "/sitemap.xml")
    article_pages = [
        sitemap.findtext(f"{SM}loc")
        for sitemap in index.findall(f"{SM}sitemap")
        if "sitemap-articles" in sitemap.findtext(f"{SM}loc")
    ]
    assert article_pages == [
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-articles.xml?p=2",
        f"{SITE}/sitemap-articles.xml?p=3",
    ]
    lastmods = {
        sitemap.findtext(f"{SM}loc"): sitemap.findtext(f"{SM}lastmod")
        for sitemap in index.findall(f"{SM}sitemap")
    }
    newest = datetime.fromisoformat(lastmods[f"{SITE}/sitemap-articles.xml"])
    assert newest == articles[0].published_at

    listed = {}
    for page in article_pages:
        urlset = xml_of(client, path_of(page))
        entries = urlset.findall(f"{SM}url")
        assert len(entries) <= 2
        for entry in entries:
            listed[entry.findtext(f"{SM}loc")] = entry.findtext(f"{SM}lastmod")
    assert sorted(listed) == sorted(f"{SITE}/news/{a.pk}/" for a in articles)
    # lastmod is the 수정 time when there is one.
    assert listed[f"{SITE}/news/{corrected.pk}/"] == timezone.localtime(
        now - timedelta(hours=1)
    ).strftime("%Y-%m-%d")
    assert listed[f"{SITE}/news/{articles[4].pk}/"] == timezone.localtime(
        articles[4].published_at
    ).strftime("%Y-%m-%d")

    # Past the last page: not found. What is no page number is dropped: the first page.
    assert client.get("/sitemap-articles.xml?p=0").status_code == 200
    for bad in ("?p=4",):
        assert client.get(f"/sitemap-articles.xml{bad}").status_code == 404, bad
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_page_of_the_article_sitemap_fetches_only_its_own_rows(client, settings, monkeypatch):
    """At 100,000 articles a page must not load them all: a count, then one LIMITed query of
    three columns, whatever the number of articles."""
    settings.PAGE_CACHE = False
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 3)
    for n in range(7):
        make_article(f"기사 {n}")
    for url in ("/sitemap-articles.xml?p=2", "/sitemap.xml"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        selects = [q["sql"] for q in captured.captured_queries if "articles_article" in q["sql"]]
        for sql in selects:
            assert "body" not in sql.lower().split(" from ")[0], sql  # no article's text
        rows = [sql for sql in selects if "COUNT(" not in sql and "MAX(" not in sql]
        assert all("LIMIT" in sql for sql in rows), rows
    assert len(locations(client, "/sitemap-articles.xml?p=2")) == 3


def test_the_news_sitemap_holds_the_last_two_days_only(client):
    now = timezone.now()
    fresh = make_article("오늘 기사 <속보> & 정정", published_at=now - timedelta(hours=3))
    yesterday = make_article("어제 기사", published_at=now - timedelta(days=1, hours=2))
    make_article("사흘 전 기사", published_at=now - timedelta(days=3))
    make_article("예약 기사", published_at=now + timedelta(minutes=30))
    make_article("작성 중 기사", status=Article.Status.DRAFT)

    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    assert b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in response.content
    urlset = ET.fromstring(response.content)
    entries = urlset.findall(f"{SM}url")
    assert [entry.findtext(f"{SM}loc") for entry in entries] == [
        f"{SITE}/news/{fresh.pk}/",
        f"{SITE}/news/{yesterday.pk}/",
    ]
    news = entries[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "뉴스룸경제"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "ko"
    assert news.findtext(f"{NEWS}title") == "오늘 기사 <속보> & 정정"
    published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == fresh.published_at.replace(microsecond=0)
    assert published.utcoffset() == timedelta(hours=9)  # Korean time, stated


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_off_the_desk_and_actions(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-news.xml" in lines
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow:")]
    assert "/admin/" in disallowed

    def blocked(path):
        rules = [re.escape(rule).replace(r"\*", ".*") for rule in disallowed]
        return any(re.match(rule, path) for rule in rules)

    article = make_article("기사")
    for action in ("react/", "view/", "me/", "comments/post/"):
        assert blocked(f"/news/{article.pk}/{action}"), action
    assert blocked("/comments/1/vote/") and blocked("/comments/1/report/")
    # What readers read stays open.
    for page in ("/", f"/news/{article.pk}/", f"/news/{article.pk}/comments/", "/rss/"):
        assert not blocked(page), page


def test_machine_responses_are_shared_pages(client):
    make_article("기사")
    for url in ("/robots.txt", "/sitemap.xml", "/sitemap-articles.xml", "/sitemap-news.xml"):
        response = client.get(url)
        assert response["Cache-Control"].startswith("public"), url
        assert not response.cookies, url


def test_a_newly_published_article_reaches_the_cached_sitemaps_at_once(client):
    make_article("첫 기사")
    assert len(locations(client, "/sitemap-articles.xml")) == 1
    assert len(locations(client, "/sitemap-news.xml")) == 1
    draft = make_article("나중 기사", status=Article.Status.DRAFT)
    assert len(locations(client, "/sitemap-articles.xml")) == 1  # the cached page

    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert f"{SITE}/news/{draft.pk}/" in locations(client, "/sitemap-articles.xml")
    assert f"{SITE}/news/{draft.pk}/" in locations(client, "/sitemap-news.xml")


# JSON-LD


def json_ld_of(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    scripts = read_head(html).json_ld
    assert len(scripts) == 1
    return json.loads(scripts[0]), html


def test_article_pages_carry_news_article_json_ld(client):
    section = make_section("증권", slug="stocks")
    reporters = [
        make_reporter("한지우", handle="jiwoo_han"),
        make_reporter("서이원", handle="iwon"),
    ]
    article = make_article(
        "코스피 2,600 회복",
        section=section,
        reporters=reporters,
        photos=2,
        deck="외국인 순매수 사흘째\n반도체 강세",
    )
    data, _html = json_ld_of(client, article)
    url = f"{SITE}/news/{article.pk}/"
    photos = list(article.photos.order_by("order"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "코스피 2,600 회복"
    assert data["description"] == "외국인 순매수 사흘째"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert datetime.fromisoformat(data["datePublished"]) == article.published_at.replace(
        microsecond=0
    )
    assert data["dateModified"] == data["datePublished"]
    assert data["author"] == [
        {"@type": "Person", "name": "한지우", "url": f"{SITE}/reporter/jiwoo-han/"},
        {"@type": "Person", "name": "서이원", "url": f"{SITE}/reporter/iwon/"},
    ]
    assert data["image"] == [f"{SITE}{photo.image.url}" for photo in photos]
    assert data["articleSection"] == "증권"
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "뉴스룸경제"
    assert publisher["logo"]["@type"] == "ImageObject"
    logo = publisher["logo"]
    assert assert_image_served(client, logo["url"]) == ("PNG", (logo["width"], logo["height"]))
    assert logo["width"] <= 600 and logo["height"] <= 60  # Google's publisher logo box


def test_json_ld_follows_the_seo_fields_and_a_correction(client):
    article = make_article("원래 제목이 긴 기사", deck="부제", photos=1)
    Article.objects.filter(pk=article.pk).update(
        seo_title="검색용 제목", seo_description="검색용 설명"
    )
    corrected_at = timezone.now().replace(microsecond=0)
    Correction.objects.create(article=article, text="바로잡음", created_at=corrected_at)
    Article.objects.filter(pk=article.pk).update(revised_at=corrected_at)
    article.refresh_from_db()

    data, _html = json_ld_of(client, article)
    assert data["headline"] == "검색용 제목"
    assert data["description"] == "검색용 설명"
    assert datetime.fromisoformat(data["dateModified"]) == corrected_at
    assert datetime.fromisoformat(data["datePublished"]) < corrected_at


def test_json_ld_cannot_be_closed_by_a_headline(client):
    title = "</script><script>alert(1)</script> & <!-- 주석"
    article = make_article(title, reporters=[make_reporter("</script>기자")])
    data, html = json_ld_of(client, article)
    assert data["headline"] == title
    assert data["author"][0]["name"] == "</script>기자"
    head = html[: html.index("</head>")]
    block = head[head.index('<script type="application/ld+json">') :]
    block = block[: block.index("</script>")]
    assert "<" not in block[1:] and ">" not in block.split(">", 1)[1] and "&" not in block
    assert "\\u003C/script\\u003E" in block


def test_json_ld_costs_no_query_of_its_own(client, settings, django_assert_num_queries):
    """The page's bylines and photos are fetched once, for the head and the body together."""
    settings.PAGE_CACHE = False
    article = make_article("기사", reporters=[make_reporter()], photos=2)
    client.get(make_article("다른 기사").get_absolute_url())  # the site-wide fragments
    # article, bylines, photos, tags, related, corrections, comments, 이전/다음 기사 and the
    # reporters' other articles: the article page's own queries
    # (tests/unit/test_query_counts.py), none for JSON-LD
    with django_assert_num_queries(9):
        data, _html = json_ld_of(client, article)
    assert len(data["author"]) == 1 and len(data["image"]) == 2


# Open Graph and Twitter cards on every page


@pytest.fixture
def every_page():
    section = make_section("경제", slug="economy")
    reporter = make_reporter("한지우", handle="jiwoo_han", bio="금융 담당")
    article = make_article(
        "환율 1,400원 돌파", section=section, reporters=[reporter], tags=["환율"], photos=1
    )
    Correction.objects.create(article=article, text="바로잡음")
    return {
        "home": "/",
        "section": "/section/economy/",
        "tag": "/tag/%ED%99%98%EC%9C%A8/",
        "reporter": "/reporter/jiwoo-han/",
        "article": article.get_absolute_url(),
        "corrections": "/corrections/",
        "comments": f"/news/{article.pk}/comments/",
    }, article


OG = ["og:type", "og:title", "og:description", "og:url", "og:image", "og:site_name", "og:locale"]
TWITTER = ["twitter:card", "twitter:title", "twitter:description", "twitter:image"]


def test_every_page_kind_has_open_graph_twitter_and_a_canonical_link(client, every_page):
    pages, article = every_page
    for kind, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, kind
        head = read_head(response.content.decode())
        for key in OG + TWITTER:
            assert head.meta.get(key), (kind, key)
            assert head.meta_count[key] == 1, (kind, key)
        assert head.meta["og:site_name"] == "뉴스룸경제"
        assert head.meta["og:locale"] == "ko_KR"
        canonical = head.link("canonical")
        assert len(canonical) == 1, kind
        assert canonical[0]["href"] == head.meta["og:url"] == f"{SITE}{url}", kind
        assert assert_image_served(client, head.meta["og:image"]), kind

    article_head = read_head(client.get(pages["article"]).content.decode())
    assert article_head.meta["og:type"] == "article"
    assert article_head.meta["og:title"] == "환율 1,400원 돌파"
    assert article_head.meta["twitter:card"] == "summary_large_image"
    assert article_head.meta["og:image"] == f"{SITE}{article.photos.get().image.url}"
    home = read_head(client.get("/").content.decode())
    assert home.meta["og:type"] == "website"
    assert home.meta["twitter:card"] == "summary"  # the logo is no large picture
    section = read_head(client.get("/section/economy/").content.decode())
    assert "경제" in section.meta["og:title"]
    reporter = read_head(client.get("/reporter/jiwoo-han/").content.decode())
    assert reporter.meta["og:description"] == "금융 담당"


def test_a_list_pages_canonical_keeps_its_page_number_and_drops_other_queries(client):
    section = make_section("경제", slug="economy")
    for n in range(25):
        make_article(f"기사 {n}", section=section)
    head = read_head(client.get("/section/economy/?page=2&utm_source=x").content.decode())
    assert head.link("canonical")[0]["href"] == f"{SITE}/section/economy/?page=2"
    head = read_head(client.get("/section/economy/?page=1&utm_source=x").content.decode())
    assert head.link("canonical")[0]["href"] == f"{SITE}/section/economy/"


def test_article_cards_use_the_seo_fields_then_fall_back(client):
    plain = make_article("사진 없는 기사", deck="첫 줄\n둘째 줄")
    head = read_head(client.get(plain.get_absolute_url()).content.decode())
    assert head.meta["og:title"] == "사진 없는 기사"
    assert head.meta["og:description"] == head.meta["description"] == "첫 줄"
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["og:image"] == f"{SITE}/static/img/logo.png"

    chosen = make_article("원래 제목", photos=1)
    chosen.seo_title = "공유 제목"
    chosen.seo_description = "공유 설명"
    chosen.share_image = image_file("share.jpg")
    chosen.save()
    head = read_head(client.get(chosen.get_absolute_url()).content.decode())
    assert head.meta["og:title"] == head.meta["twitter:title"] == "공유 제목"
    assert head.meta["og:description"] == "공유 설명"
    assert head.meta["og:image"] == f"{SITE}{chosen.share_image.url}"
    assert head.meta["twitter:card"] == "summary_large_image"


# One origin, whatever the Host header says


ABSOLUTE = re.compile(r"""https?://[^\s"'<>]+""")
NAMESPACES = (
    "http://www.sitemaps.org/",
    "http://www.google.com/schemas/",
    "http://www.w3.org/",
    "http://purl.org/dc/",
    "https://schema.org",
)


def test_every_absolute_url_uses_site_url_under_a_foreign_host(client, settings, every_page):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    pages, _article = every_page
    machine = [
        "/rss/",
        "/feed/",
        "/section/economy/rss/",
        "/reporter/jiwoo-han/rss/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-reporters.xml",
        "/sitemap-tags.xml",
        "/sitemap-news.xml",
        "/robots.txt",
    ]
    for url in [*pages.values(), *machine]:
        response = client.get(url, HTTP_HOST="evil.example")
        assert response.status_code == 200, url
        text = response.content.decode()
        if "<head>" in text:
            # What machines read of a page: its head (canonical, Open Graph, feeds, JSON-LD).
            text = text[: text.index("</head>")]
        found = [u for u in ABSOLUTE.findall(text) if not u.startswith(NAMESPACES)]
        assert found, url
        assert all(u.startswith(f"{SITE}/") for u in found), (url, found)
        assert "evil.example" not in text, url
