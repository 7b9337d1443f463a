"""Issue 8's page in a real Chromium: layout at 1280 and 375 px, the header's 전체메뉴 and its
scrolling section bar at 360 px, click-to-play video, print, and the page without JavaScript.

Every request to another host is refused (page.route) and recorded: the page makes none
until the reader presses play."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles.models import Article, CuratedBox, CuratedSlot, DailyViews, Photo, Publisher
from tests.factories import image_file, make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db(transaction=True)

SITE_URL = "https://www.newsroom.example"
PLAYER = "https://www.youtube-nocookie.com/embed/"


@pytest.fixture
def open_page(browser, live_server):
    """open_page(width) → (page, offsite): a fresh reader; requests to other hosts are
    refused and listed in `offsite`."""
    contexts = []
    server = urlsplit(live_server.url).netloc

    def open_at(width, height=900, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="ko-KR",
            java_script_enabled=javascript,
        )
        contexts.append(context)
        offsite = []

        def guard(route):
            parts = urlsplit(route.request.url)
            if parts.scheme in ("http", "https") and parts.netloc != server:
                offsite.append(route.request.url)
                if route.request.url.startswith(PLAYER):
                    # A stand-in player: shows that the page's policy lets the frame load.
                    route.fulfill(content_type="text/html", body="<p>stand-in player</p>")
                else:
                    route.abort()
            else:
                route.continue_()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page, offsite

    yield open_at
    for context in contexts:
        context.close()


@pytest.fixture
def story(settings):
    settings.SITE_URL = SITE_URL
    finance = make_section("금융", slug="finance", order=1)
    stocks = make_section("증권", parent=finance, slug="stocks")
    make_section("은행·카드", parent=finance, slug="banks")
    for order, (name, slug) in enumerate(
        [
            ("산업", "industry"),
            ("글로벌경제", "global"),
            ("부동산", "realty"),
            ("IT·바이오", "it"),
            ("오피니언", "opinion"),
            ("정책", "policy"),
        ],
        start=2,
    ):
        make_section(name, slug=slug, order=order)
    reporter = make_reporter("한지우", handle="jiwoo_han")
    body = "".join(
        f"<p>{n}번째 문단. 외국인 투자자가 사흘 연속 순매수에 나서며 지수를 끌어올렸다.</p>"
        for n in range(1, 6)
    )
    article = make_article(
        "코스피, 외국인 매수에 2,700선 회복",
        section=stocks,
        reporters=[reporter],
        label=Article.Label.COMPREHENSIVE,
        deck="반도체 대형주 강세\n원·달러 환율 1,380원대로 내려",
        body=body,
        tags=["증시", "외국인"],
        video_url="https://www.youtube.com/watch?v=aBcDeFgHiJk",
    )
    Photo.objects.create(
        article=article,
        image=image_file("market.jpg", color=(24, 64, 120)),
        caption="서울 여의도 한 증권사 객장에서 직원이 시세판을 보고 있다.",
        credit_reporter=reporter,
        alt="증권사 시세판",
        placement=0,
    )
    for n in range(4):
        make_article(
            f"한지우 기자의 지난 기사 {n + 1}",
            section=stocks,
            reporters=[reporter],
            published_at=timezone.now() - timedelta(days=n + 1),
        )
    top = CuratedBox.objects.create(name="주요뉴스", slug=CuratedBox.TOP_NEWS)
    for order, (title, photos) in enumerate(
        [("주요 기사: 반도체 수출 최대", 1), ("주요 기사: 기준금리 동결", 0)]
    ):
        CuratedSlot.objects.create(
            box=top, article=make_article(title, section=finance, photos=photos), order=order
        )
    today = timezone.localdate()
    hot_today = make_article("오늘 가장 많이 본 기사", section=finance)
    hot_week = make_article("이번 주 가장 많이 본 기사", section=finance)
    DailyViews.objects.create(article=hot_today, day=today, views=300)
    DailyViews.objects.create(article=hot_week, day=today - timedelta(days=3), views=3000)
    make_article(
        "영상: 외국인 수급 점검", section=stocks, photos=1, video_url="https://youtu.be/zYxWvUtSrQp"
    )
    Publisher.objects.create(
        registration="서울 아00000 (등록일 2024.01.02)",
        publisher="김발행",
        editor="이편집",
        youth_officer="박보호",
        address="서울특별시 중구 세종대로 1",
        contact="02-000-0000 · desk@newsroom.example",
    )
    return article


def tops(page, *selectors):
    """Where each element starts, from the top of the document (whatever the scroll), read in
    one go: side-boxes.js replaces the boxes when their fresh copy arrives, and an element
    looked up before that and measured after is no longer in the page (its top reads 0)."""
    return page.evaluate(
        "selectors => selectors.map(s =>"
        " document.querySelector(s).getBoundingClientRect().top + window.scrollY)",
        list(selectors),
    )


@pytest.mark.renditions
@pytest.mark.parametrize("width", [1280, 375])
def test_the_article_page_reads_in_the_seeds_order(
    open_page, live_server, story, width, screenshot
):
    page, offsite = open_page(width)
    page.goto(live_server.url + story.get_absolute_url())
    # side-boxes.js has replaced the boxes with their fresh copy: what is measured and
    # scrolled to below stays in the page.
    page.wait_for_load_state("networkidle")

    # Reactions, 주요뉴스 (with a thumbnail), 댓글, 관련 뉴스 down the article column.
    order = tops(page, "#reactions", ".top-news", "#comments", ".related")
    assert order == sorted(order)
    page.locator(".top-news__thumb").first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('.top-news__thumb');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    items = page.locator(".top-news__item")
    assert items.nth(0).locator("img").count() == 1
    assert "기준금리 동결" in items.nth(1).inner_text()
    assert items.nth(1).locator("img").count() == 0  # no photo, no thumbnail
    screenshot(page, f"page-article-{width}")
    side = tops(page, *(f"#box-{box}" for box in ("studio", "most-viewed", "news-plant")))
    assert side == sorted(side)
    if width == 1280:
        aside = page.locator(".page__aside").bounding_box()
        main = page.locator(".page__main").bounding_box()
        assert aside["x"] >= main["x"] + main["width"]  # the side column
    else:
        assert side[0] > order[-1]  # on a phone the side boxes come after the article
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The tools that need a script show once it ran; the footer has the publisher's details.
    assert page.get_by_role("button", name="크게").is_visible()
    assert page.get_by_role("button", name="인쇄").is_visible()
    assert page.get_by_role("link", name="페이스북").is_visible()
    footer = page.locator(".site-footer")
    for text in ("등록번호", "김발행", "청소년보호책임자", "박보호", "02-000-0000"):
        assert text in footer.inner_text()
    assert "기자의 다른 기사" in page.locator(".reporters").inner_text()
    assert "jiwoo_han@newsroom.example" in page.locator(".reporters").inner_text()

    assert offsite == []


@pytest.mark.parametrize("width", [1280, 375])
def test_the_full_menu_opens_by_mouse_and_keyboard(
    open_page, live_server, story, width, screenshot
):
    page, offsite = open_page(width)
    page.goto(live_server.url + story.get_absolute_url())
    date = page.locator(".masthead__date")
    assert date.is_visible() and "년" in date.inner_text() and "요일" in date.inner_text()

    panel = page.locator(".allmenu__panel")
    assert not panel.is_visible()
    page.locator(".allmenu__toggle").click()
    for name in ("증권", "은행·카드", "정책"):
        assert panel.get_by_role("link", name=name, exact=True).is_visible(), name
    screenshot(page, f"page-menu-open-{width}", full_page=False)
    page.keyboard.press("Escape")
    assert not panel.is_visible()

    # By keyboard: the toggle is focusable and opens with Enter.
    page.locator(".allmenu__toggle").focus()
    page.keyboard.press("Enter")
    assert panel.get_by_role("link", name="은행·카드").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "금융"
    assert offsite == []


def test_the_section_bar_scrolls_visibly_at_360_px(open_page, live_server, story, screenshot):
    page, offsite = open_page(360, 640)
    page.goto(live_server.url + "/")

    bar = page.locator(".masthead__nav ul")
    assert bar.evaluate("ul => ul.scrollWidth > ul.clientWidth")
    # A fading edge shows there is more to the right.
    assert "gradient" in bar.evaluate(
        "ul => getComputedStyle(ul).maskImage || getComputedStyle(ul).webkitMaskImage"
    )
    policy = page.locator(".masthead__nav").get_by_role("link", name="정책")
    box, area = policy.bounding_box(), bar.bounding_box()
    assert box["x"] + box["width"] > area["x"] + area["width"]  # cut off at first
    screenshot(page.locator(".masthead"), "page-nav-360-start", full_page=False)
    bar.evaluate("ul => ul.scrollTo({left: ul.scrollWidth})")
    page.wait_for_function(
        "() => { const ul = document.querySelector('.masthead__nav ul');"
        " return ul.scrollLeft + ul.clientWidth >= ul.scrollWidth - 1; }"
    )
    box = policy.bounding_box()
    assert box["x"] + box["width"] <= area["x"] + area["width"]  # reachable by scrolling
    screenshot(page.locator(".masthead"), "page-nav-360-end", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert offsite == []


@pytest.mark.parametrize("width", [1280, 375])
def test_the_video_player_loads_only_when_the_reader_presses_play(
    open_page, live_server, story, width, screenshot
):
    page, offsite = open_page(width)
    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_load_state("networkidle")

    poster = page.locator(".video__poster")
    assert poster.is_visible()
    assert page.locator("iframe").count() == 0
    assert offsite == []  # nothing from the video host before the click
    screenshot(poster, f"page-video-poster-{width}", full_page=False)

    poster.click()
    frame = page.locator("iframe.video__frame")
    frame.wait_for()
    assert frame.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"
    )
    assert frame.get_attribute("title") == "동영상: 코스피, 외국인 매수에 2,700선 회복"
    assert page.url == live_server.url + story.get_absolute_url()  # stayed on the page
    page.frame_locator("iframe.video__frame").get_by_text("stand-in player").wait_for()
    screenshot(frame, f"page-video-playing-{width}", full_page=False)
    frame_box = frame.bounding_box()
    assert frame_box["width"] / frame_box["height"] == pytest.approx(16 / 9, rel=0.02)
    # The only other host asked for is the privacy-enhanced player.
    assert offsite and all(url.startswith(PLAYER) for url in offsite)


def test_print_shows_the_outlet_and_the_articles_address(open_page, live_server, story, screenshot):
    page, offsite = open_page(1280)
    page.goto(live_server.url + story.get_absolute_url())
    source = page.locator(".print-source")
    assert not source.is_visible()

    page.emulate_media(media="print")
    assert source.is_visible()
    assert source.inner_text() == f"뉴스룸경제 · {SITE_URL}/news/{story.pk}/"
    for hidden in (".masthead", ".page__aside", ".tools", ".top-news", ".video", ".comments"):
        assert not page.locator(hidden).first.is_visible(), hidden
    screenshot(page, "page-print")
    assert offsite == []


def test_without_javascript_the_links_do_the_work(open_page, live_server, story):
    page, offsite = open_page(375, javascript=False)
    page.goto(live_server.url + story.get_absolute_url())

    # No button that would do nothing; the share links and the video's own page are links.
    assert not page.get_by_role("button", name="크게").is_visible()
    assert not page.get_by_role("button", name="인쇄").is_visible()
    assert not page.get_by_role("button", name="링크 복사").is_visible()
    assert page.get_by_role("link", name="X", exact=True).is_visible()
    assert page.locator(".video__poster").get_attribute("href") == (
        "https://www.youtube.com/watch?v=aBcDeFgHiJk"
    )

    # 많이 본 뉴스: 24시간 first; the 7일 link shows the week's list.
    box = page.locator("#most-viewed")
    first = box.locator("ol:visible li a").first
    assert first.inner_text() == "오늘 가장 많이 본 기사"
    box.get_by_role("link", name="7일").click()
    page.wait_for_url("**?most=7d#most-viewed")
    assert box.locator("ol:visible li a").first.inner_text() == "이번 주 가장 많이 본 기사"

    # 전체메뉴 opens without a script.
    page.locator(".allmenu__toggle").click()
    assert page.locator(".allmenu__panel").get_by_role("link", name="증권").is_visible()
    assert offsite == []


def test_the_most_viewed_tabs_switch_in_place_with_javascript(open_page, live_server, story):
    page, offsite = open_page(1280)
    page.goto(live_server.url + story.get_absolute_url())
    box = page.locator("#most-viewed")

    box.get_by_role("link", name="7일").click()
    assert box.locator("ol:visible li a").first.inner_text() == "이번 주 가장 많이 본 기사"
    assert box.get_by_role("link", name="7일").get_attribute("aria-current") == "true"
    assert page.url == live_server.url + story.get_absolute_url()  # no reload
    box.get_by_role("link", name="24시간").click()
    assert box.locator("ol:visible li a").first.inner_text() == "오늘 가장 많이 본 기사"
    assert offsite == []


@pytest.mark.parametrize("width", [1280, 375])
def test_the_article_page_and_its_open_menu_pass_axe(open_page, live_server, story, width):
    from axe_playwright_python.sync_playwright import Axe

    page, offsite = open_page(width)
    page.goto(live_server.url + story.get_absolute_url())
    page.locator(".allmenu__toggle").click()

    results = Axe().run(page)
    serious = [
        (v["id"], [node["target"] for node in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert offsite == []
