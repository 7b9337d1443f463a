"""검색 in a real browser: a reader types a word in the header's box, on a desktop and a phone."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=[1280, 375], ids=["1280px", "375px"])
def search_page(request, browser, live_server):
    """A page at the given width, with every request to another host recorded."""
    context = browser.new_context(viewport={"width": request.param, "height": 900}, locale="ko-KR")
    offsite = []
    host = urlsplit(live_server.url).netloc

    def watch(sent):
        parts = urlsplit(sent.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            offsite.append(sent.url)

    context.on("request", watch)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.offsite = offsite
    page.width = request.param
    yield page
    context.close()


def test_typing_a_word_in_the_header_box_lists_the_articles_with_it_marked(
    search_page, live_server, screenshot
):
    page = search_page
    economy = make_section("경제", slug="economy")
    now = timezone.now()
    newest = make_article(
        "한국은행, 기준금리 연 3.25%로 동결",
        deck="물가 둔화 속 가계부채 부담",
        body="<p>한국은행 금융통화위원회가 기준금리를 동결했다. 시장 금리는 하락했다.</p>",
        section=economy,
        published_at=now - timedelta(minutes=10),
    )
    older = make_article(
        "대출 금리 석 달째 내려",
        body="<p>은행 대출 금리가 내렸다.</p>",
        section=economy,
        published_at=now - timedelta(days=2),
    )
    make_article("환율 1,350원대 마감", body="<p>달러 강세가 이어졌다.</p>", section=economy)

    page.goto(live_server.url + "/")
    box = page.get_by_role("searchbox", name="기사 검색")
    assert box.is_visible()
    box.fill("금리")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")

    assert page.title().startswith("‘금리’ 검색 결과")
    assert page.locator(".search-count").inner_text() == "검색 결과 2건"
    titles = page.locator(".search-result__title").all_inner_texts()
    assert titles == [newest.title, older.title]
    assert page.locator(".search-results mark").first.inner_text() == "금리"
    assert page.locator("#search-q").input_value() == "금리"
    # The page fits the screen: nothing sideways to scroll on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width
    # The header box is within reach on a phone too.
    header_box = page.locator("#site-search").bounding_box()
    assert header_box["x"] >= 0 and header_box["x"] + header_box["width"] <= page.width
    assert header_box["height"] >= 36
    screenshot(page, f"search-{page.width}")

    # The filters narrow the same query: nothing from the last day but the newest.
    page.locator("#search-period").select_option("1d")
    page.get_by_role("button", name="검색").last.click()
    page.wait_for_url("**period=1d*")
    assert page.locator(".search-result__title").all_inner_texts() == [newest.title]
    assert page.locator("#search-period").input_value() == "1d"

    # What a reader does next: back, open a result, back again, another word, reload.
    page.go_back()
    page.wait_for_url(lambda url: "period=1d" not in url)
    assert page.locator(".search-result__title").all_inner_texts() == [newest.title, older.title]
    page.locator(".search-result__title a").last.click()
    page.wait_for_url(f"**/news/{older.pk}/")
    assert page.locator("h1").first.inner_text() == older.title
    page.go_back()
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-count").inner_text() == "검색 결과 2건"
    page.locator("#search-q").fill("환율")
    page.locator("#search-q").press("Enter")
    page.wait_for_url("**/search/?q=%ED%99%98%EC%9C%A8*")
    page.reload()
    assert page.title().startswith("‘환율’ 검색 결과")
    assert page.locator("#search-q").input_value() == "환율"
    assert page.locator(".search-result__title").all_inner_texts() == ["환율 1,350원대 마감"]
    assert page.locator(".search-results mark").first.inner_text() == "환율"
    assert page.offsite == []


def test_a_reader_searches_with_a_particle_no_space_an_order_and_dates(
    search_page, live_server, screenshot
):
    page = search_page
    industry = make_section("산업", slug="industry")
    now = timezone.now()
    plant = make_article(
        "청람배터리, 울산에 배터리 셀 공장 짓는다",
        body="<p>청람배터리가 새 공장을 짓는다. 원통형 배터리 셀을 만든다.</p>",
        section=industry,
        published_at=now - timedelta(days=3),
    )
    mention = make_article(
        "2차전지 업계 실적 개선",
        body="<p>업계 전반이 살아났다. " + "수주가 늘었다. " * 20 + "청람배터리도 거론됐다.</p>",
        section=industry,
        published_at=now - timedelta(hours=2),
    )

    page.goto(live_server.url + "/")
    box = page.get_by_role("searchbox", name="기사 검색")
    box.fill("청람배터리의")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-count").inner_text() == "검색 결과 2건"
    assert page.locator(".search-result__title").all_inner_texts() == [mention.title, plant.title]
    assert page.locator(".search-results mark").first.inner_text() == "청람배터리"

    # 정확도순: the headline match first, though older.
    page.locator("#search-sort").select_option("relevance")
    page.get_by_role("button", name="검색").last.click()
    page.wait_for_url("**sort=relevance*")
    assert page.locator(".search-result__title").all_inner_texts() == [plant.title, mention.title]

    # Written without its space, the word still finds the spaced text.
    page.locator("#search-q").fill("배터리셀")
    page.locator("#search-q").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-result__title").all_inner_texts() == [plant.title]

    # A reversed range is explained, and the dates stay as typed.
    page.locator("#search-from").fill("2026-03-01")
    page.locator("#search-to").fill("2026-02-01")
    page.get_by_role("button", name="적용").click()
    page.wait_for_url("**from=2026-03-01*")
    alert = page.get_by_role("alert")
    assert alert.inner_text() == "시작일이 종료일보다 늦습니다. 날짜를 바꿔 입력해 주세요."
    assert page.locator("#search-from").input_value() == "2026-03-01"
    assert page.locator("#search-to").input_value() == "2026-02-01"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width
    screenshot(page, f"search-dates-{page.width}")
    assert page.offsite == []
