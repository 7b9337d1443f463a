"""The page's parts from issue 8: video, header, footer, share links, 많이 본 뉴스 tabs."""

import re
from datetime import datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import video
from articles.models import Article, DailyViews, Publisher
from articles.roles import DESK, REPORTER
from tests.factories import make_article, make_reporter, make_section, make_staff

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


# Video


@pytest.mark.parametrize(
    ("url", "host", "video_id"),
    [
        ("https://www.youtube.com/watch?v=aBcDeFgHiJk", "youtube", "aBcDeFgHiJk"),
        ("https://m.youtube.com/watch?feature=share&v=aBcDeFgHiJk", "youtube", "aBcDeFgHiJk"),
        ("https://youtu.be/aBcDeFgHiJk?t=30", "youtube", "aBcDeFgHiJk"),
        ("https://www.youtube.com/shorts/aBc-eFg_iJk", "youtube", "aBc-eFg_iJk"),
        ("https://www.youtube.com/embed/aBcDeFgHiJk", "youtube", "aBcDeFgHiJk"),
        ("https://www.youtube-nocookie.com/embed/aBcDeFgHiJk", "youtube", "aBcDeFgHiJk"),
        ("https://tv.naver.com/v/84512345", "naver", "84512345"),
        ("https://tv.naver.com/embed/84512345", "naver", "84512345"),
        ("https://m.tv.naver.com/v/84512345", "naver", "84512345"),
    ],
)
def test_youtube_and_naver_tv_addresses_give_their_video_id(url, host, video_id):
    assert video.parse(url) == video.Video(host, video_id)
    Article._meta.get_field("video_url").clean(url, None)


@pytest.mark.parametrize(
    "url",
    [
        "https://video.newsroom.example/v/1",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UCabcdefghijk",
        "https://youtube.com.evil.example/watch?v=aBcDeFgHiJk",
        "https://tv.naver.com/l/12345",
        "https://tv.naver.com/h/12345",
        "javascript:alert(1)//youtu.be/aBcDeFgHiJk",
        "ftp://youtu.be/aBcDeFgHiJk",
    ],
)
def test_other_addresses_are_refused_with_a_korean_message(url):
    assert video.parse(url) is None
    with pytest.raises(ValidationError) as refused:
        Article._meta.get_field("video_url").clean(url, None)
    assert any("YouTube 또는 네이버TV" in message for message in refused.value.messages)


def test_the_admin_refuses_a_video_address_it_cannot_play(admin_client):
    from tests.html_forms import article_form

    section, reporter = make_section(), make_reporter()
    from tests.factories import image_file

    form = article_form(section, reporter, image_file(), video_url="https://vimeo.com/12345")
    response = admin_client.post(reverse("admin:articles_article_add"), form)

    assert response.status_code == 200
    assert "YouTube 또는 네이버TV 영상 주소를 넣어 주세요" in response.content.decode()
    assert not Article.objects.exists()


def test_a_video_shows_as_our_poster_and_a_link_until_the_reader_plays_it(client):
    article = make_article(
        "영상으로 본 반도체 공장",
        photos=1,
        video_url="https://www.youtube.com/watch?v=aBcDeFgHiJk",
    )
    html = html_of(client.get(article.get_absolute_url()))
    figure = html[html.index('<figure class="video">') :]
    figure = figure[: figure.index("</figure>")]

    # No player frame until the reader asks for one (only our own reaction bar, without
    # JavaScript, comes in a frame).
    frames = re.findall(r'<iframe[^>]+src="([^"]+)"', html)
    assert frames == [f"/news/{article.pk}/live/reactions/frame/"]
    # The only addresses of the video host are links to the video's page, not the player's.
    addresses = re.findall(r"(?:https?:)?//[^\s\"'<>]+", html)
    hosts = ("youtube", "youtu.be", "naver")
    assert [url for url in addresses if any(host in url for host in hosts)] == [
        "https://www.youtube.com/watch?v=aBcDeFgHiJk"
    ] * 2
    assert re.findall(r'<a[^>]+href="https://www\.youtube\.com/watch\?v=aBcDeFgHiJk"', figure)
    # Our poster: the article's own first photo, and a play button.
    photo = article.photos.get()
    assert f'src="{photo.image.url}"' in figure
    assert 'data-video-host="youtube" data-video-id="aBcDeFgHiJk"' in figure
    assert "동영상 재생" in figure


def test_an_article_without_a_photo_gets_a_drawn_poster(client):
    article = make_article("네이버TV 영상 기사", video_url="https://tv.naver.com/v/84512345")
    html = html_of(client.get(article.get_absolute_url()))

    figure = html[html.index('<figure class="video">') :]
    figure = figure[: figure.index("</figure>")]
    assert 'class="video__placeholder"' in figure and "<img" not in figure
    assert 'href="https://tv.naver.com/v/84512345"' in figure
    assert "네이버TV에서 보기" in figure


def test_the_policy_lets_frames_come_from_us_and_the_video_players_only(client):
    article = make_article("영상 기사", video_url="https://youtu.be/aBcDeFgHiJk")
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]

    directives = dict([*part.strip().split(" ", 1), ""][:2] for part in policy.split(";"))
    assert directives["frame-src"].split() == [
        "'self'",
        "https://www.youtube-nocookie.com",
        "https://tv.naver.com",
    ]
    # Scripts and images still come from our own host only.
    assert directives["script-src"] == "'self'" and directives["img-src"] == "'self' data:"
    assert "frame-ancestors 'none'" in policy


# Header


def test_the_header_shows_the_day_in_seoul_and_turns_at_midnight(client, settings, monkeypatch):
    before = datetime(2026, 11, 26, 23, 59, 50, tzinfo=KST)
    article = make_article("자정 넘어 읽는 기사", published_at=before - timedelta(days=1))
    monkeypatch.setattr(timezone, "now", lambda: before)
    html = html_of(client.get(article.get_absolute_url()))
    assert '<time datetime="2026-11-26">2026년 11월 26일 목요일</time>' in html

    monkeypatch.setattr(timezone, "now", lambda: before + timedelta(seconds=20))
    html = html_of(client.get(article.get_absolute_url()))
    assert '<time datetime="2026-11-27">2026년 11월 27일 금요일</time>' in html


def test_the_full_menu_reaches_every_sub_section_without_javascript(client):
    finance = make_section("금융", slug="finance")
    make_section("증권", parent=finance, slug="stocks")
    make_section("은행·카드", parent=finance, slug="banks")
    make_section("정책", slug="policy")

    html = html_of(client.get("/"))
    menu = html[html.index('<details class="allmenu"') : html.index("</details>")]

    assert "<summary" in menu and "전체메뉴" in menu
    for name, slug in (("금융", "finance"), ("증권", "stocks"), ("은행·카드", "banks")):
        assert f'href="/section/{slug}/">{name}</a>' in menu
    assert menu.index("금융") < menu.index("증권") < menu.index("정책")
    # The bar itself holds the top sections only.
    bar = html[html.index('class="masthead__nav"') :]
    bar = bar[: bar.index("</nav>")]
    assert "정책" in bar and "증권" not in bar


# Footer


PUBLISHER = {
    "registration": "서울 아12345 (등록일 2024.03.02)",
    "publisher": "김발행",
    "editor": "이편집",
    "youth_officer": "박보호",
    "address": "서울특별시 중구 세종대로 1",
    "contact": "02-123-4567 · desk@newsroom.example",
}


def test_the_desk_edits_the_publishers_details_and_the_next_page_shows_them(client):
    article = make_article("발행 정보 확인용 기사")
    reader = client.__class__()
    before = html_of(reader.get(article.get_absolute_url()))
    assert "김발행" not in before

    client.force_login(make_staff("desk", DESK))
    changelist = client.get(reverse("admin:articles_publisher_changelist"))
    assert changelist.status_code == 302
    form = client.get(changelist["Location"]).content.decode()
    assert "청소년보호책임자" in form
    response = client.post(changelist["Location"], PUBLISHER)
    assert response.status_code == 302, response.content.decode()[:2000]

    footer = html_of(reader.get(article.get_absolute_url())).split('<footer class="site-footer">')[
        1
    ]
    for label, value in (
        ("등록번호", "서울 아12345 (등록일 2024.03.02)"),
        ("발행인", "김발행"),
        ("편집인", "이편집"),
        ("청소년보호책임자", "박보호"),
        ("주소", "서울특별시 중구 세종대로 1"),
        ("연락처", "02-123-4567 · desk@newsroom.example"),
    ):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in footer

    # Changed again: the next page shows the change (the cached pages are passed over).
    client.post(
        reverse("admin:articles_publisher_change", args=[1]), {**PUBLISHER, "editor": "최편집"}
    )
    assert "<dd>최편집</dd>" in html_of(reader.get(article.get_absolute_url()))
    assert Publisher.objects.count() == 1


def test_a_reporter_cannot_edit_the_publishers_details(client):
    Publisher.objects.create(**PUBLISHER)
    client.force_login(make_staff("reporter", REPORTER))
    url = reverse("admin:articles_publisher_change", args=[1])

    assert client.post(url, {**PUBLISHER, "publisher": "누군가"}).status_code == 403
    assert Publisher.objects.get().publisher == "김발행"


def test_the_footer_escapes_what_the_desk_typed(client):
    Publisher.objects.create(address="<script>alert(1)</script>")
    html = html_of(client.get("/"))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


# Article: reporter, sharing, print


def test_share_links_and_print_carry_the_sites_address_not_the_requests(client, settings):
    settings.SITE_URL = "https://www.newsroom.example"
    settings.ALLOWED_HOSTS = ["*"]
    article = make_article("공유할 기사 & 제목")
    html = html_of(client.get(article.get_absolute_url(), HTTP_HOST="internal-node:8000"))

    public = f"https://www.newsroom.example/news/{article.pk}/"
    encoded = quote(public, safe="")
    assert f'href="https://story.kakao.com/share?url={encoded}"' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    title = quote("공유할 기사 & 제목", safe="")
    assert f'href="https://twitter.com/intent/tweet?url={encoded}&amp;text={title}"' in html
    assert f'data-url="{public}"' in html
    assert re.search(r'class="print-only print-source">뉴스룸경제 · ' + re.escape(public), html)
    assert "internal-node" not in html.split("</head>", 1)[1]


def test_the_reporter_box_gives_the_email_and_their_other_articles(client):
    reporter = make_reporter("한지우", handle="jiwoo_han")
    other = make_reporter("서다온", handle="daon96")
    now = timezone.now()
    older = [
        make_article(f"지난 기사 {n}", reporters=[reporter], published_at=now - timedelta(days=n))
        for n in range(1, 7)
    ]
    make_article("다른 기자의 기사", reporters=[other])
    make_article(
        "아직 안 나간 기사",
        reporters=[reporter],
        status=Article.Status.PUBLISHED,
        published_at=now + timedelta(hours=2),
    )
    article = make_article("오늘 기사", reporters=[reporter, other])

    html = html_of(client.get(article.get_absolute_url()))
    box = html[html.index('class="reporters"') :]
    box = box[: box.index("</section>")]

    assert 'href="mailto:jiwoo_han@newsroom.example"' in box
    assert 'href="mailto:daon96@newsroom.example"' in box
    mine = box[box.index("한지우 기자의 다른 기사") : box.index("서다온 기자")]
    titles = re.findall(r'<a href="/news/\d+/">([^<]+)</a>', mine)
    assert titles == [a.title for a in older[:4]]
    assert "다른 기자의 기사" in box[box.index("서다온 기자의 다른 기사") :]
    assert "아직 안 나간 기사" not in box and "오늘 기사</a>" not in box


# 많이 본 뉴스


def test_most_viewed_has_24_hour_and_7_day_tabs_as_links(client):
    today = timezone.localdate()
    hot_today = make_article("오늘 많이 본 기사")
    hot_week = make_article("이번 주 많이 본 기사", published_at=timezone.now() - timedelta(days=5))
    DailyViews.objects.create(article=hot_today, day=today, views=120)
    DailyViews.objects.create(article=hot_week, day=today - timedelta(days=4), views=900)
    DailyViews.objects.create(article=hot_week, day=today, views=10)

    def ranked(html, tab):
        box = html[html.index('id="most-viewed"') :]
        panel = box[box.index(f'data-tab-panel="{tab}"') :]
        panel = panel[: panel.index("</ol>")]
        hidden = panel[: panel.index(">")].endswith("hidden")
        return re.findall(r'<a href="/news/\d+/">([^<]+)</a>', panel), hidden

    html = html_of(client.get("/"))
    day, day_hidden = ranked(html, "24h")
    week, week_hidden = ranked(html, "7d")
    assert day[:2] == ["오늘 많이 본 기사", "이번 주 많이 본 기사"]
    assert week[:2] == ["이번 주 많이 본 기사", "오늘 많이 본 기사"]
    assert not day_hidden and week_hidden
    assert 'href="?most=7d#most-viewed" data-tab="7d">7일</a>' in html

    # Without JavaScript, the link shows the 7-day list; a bad value is the default tab.
    html = html_of(client.get("/", {"most": "7d"}))
    assert ranked(html, "7d")[1] is False and ranked(html, "24h")[1] is True
    assert 'data-tab="7d" aria-current="true">7일</a>' in html
    html = html_of(client.get("/", {"most": "<script>"}))
    assert ranked(html, "24h")[1] is False and '<script>"' not in html


def test_views_older_than_a_week_do_not_count(client):
    today = timezone.localdate()
    fresh = make_article("이번 주 기사")
    stale = make_article("지난달 인기 기사")
    DailyViews.objects.create(article=fresh, day=today - timedelta(days=6), views=5)
    DailyViews.objects.create(article=stale, day=today - timedelta(days=7), views=5000)

    html = html_of(client.get("/", {"most": "7d"}))
    panel = html[html.index('data-tab-panel="7d"') :]
    titles = re.findall(r'<a href="/news/\d+/">([^<]+)</a>', panel[: panel.index("</ol>")])
    assert titles[0] == "이번 주 기사"
