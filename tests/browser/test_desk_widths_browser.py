"""The desk's lists and forms at the widths editors use: a 1280 px desktop and a 360 px phone.

Every column the desk sorts by is on screen at 1280 px; on a phone the article list still
says each story's status, the dashboard opens on the latest days and the byline table fits.
The screenshots land in screenshots/ to be looked at."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Comment, DailyViews
from tests.factories import make_article, make_reporter, make_section, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 780}


def _newsroom():
    make_staff("desk", "데스크", first_name="데스크", last_name="한")
    economy = make_section("경제", slug="economy")
    reporter = make_reporter("문서윤", handle="seoyun")
    titles = [
        "기준금리 3.25% 동결…한은 “물가 경로 더 지켜봐야” 금통위 만장일치 결정",
        "코스피 2,600선 회복, 외국인 8거래일 만에 순매수로 돌아서며 반도체 강세",
        "서울 아파트 전셋값 12주째 상승…신규 입주 물량 줄어 내년에도 오를 듯",
    ]
    articles = [make_article(t, section=economy, reporters=[reporter]) for t in titles]
    make_article("검토 부탁드립니다: 수출 동향", section=economy, status=Article.Status.REVIEW)
    today = timezone.localdate()
    for back in range(3):
        DailyViews.objects.create(article=articles[0], day=today - timedelta(days=back), views=40)
    for number in range(3):
        Comment.objects.create(
            article=articles[number],
            nickname="경제를 꼼꼼히 읽는 독자",
            body="이번 결정이 가계대출에 어떤 영향을 줄지 후속 기사를 부탁드립니다. " * 2,
            status=Comment.Status.PENDING,
        )
    return articles


def _all_columns_shown(page):
    """The list's table fits its box: nothing to scroll sideways to, nothing cut off."""
    return page.evaluate(
        """() => {
            const box = document.querySelector("#changelist .results");
            const table = document.querySelector("#result_list");
            return box.scrollWidth <= box.clientWidth + 1
                && table.getBoundingClientRect().right <= window.innerWidth;
        }"""
    )


def _right_edge(page, selector):
    return page.evaluate(
        "s => Math.max(...[...document.querySelectorAll(s)]"
        ".map(e => e.getBoundingClientRect().right))",
        selector,
    )


def test_at_1280_px_every_column_of_the_article_list_and_comment_queue_is_on_screen(
    new_page, live_server, screenshot, sign_in
):
    _newsroom()
    page = new_page("desktop")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page)

    page.goto(live_server.url + "/admin/articles/article/")
    assert page.locator("#result_list thead th.column-comment_count").is_visible()
    assert _all_columns_shown(page)
    screenshot(page, "desk-article-list-1280", full_page=False)

    page.goto(live_server.url + "/admin/articles/comment/")
    assert page.locator("#result_list thead th.column-created_at").is_visible()
    assert _all_columns_shown(page)
    screenshot(page, "desk-comment-queue-1280", full_page=False)


def test_on_a_phone_the_list_says_status_the_dashboard_shows_today_and_bylines_fit(
    new_page, live_server, screenshot, sign_in
):
    articles = _newsroom()
    page = new_page("phone")
    page.set_viewport_size(PHONE)
    sign_in(page)

    page.goto(live_server.url + "/admin/articles/article/")
    status = page.locator("#result_list tbody td.field-status_display").first
    assert status.is_visible()
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "desk-article-list-360", full_page=False)

    page.goto(live_server.url + "/admin/articles/article/dashboard/")
    scrollers = page.locator(".chart__scroll")
    assert scrollers.count() >= 1
    for index in range(scrollers.count()):
        # Each chart opens on its right end: the latest day's label is in view.
        assert scrollers.nth(index).evaluate(
            """e => {
                const ticks = e.querySelectorAll(".chart__tick");
                const last = ticks[ticks.length - 1].getBoundingClientRect();
                const view = e.getBoundingClientRect();
                return last.left >= view.left && last.right <= view.right + 1;
            }"""
        )
    screenshot(page, "desk-dashboard-360", full_page=False)

    page.goto(live_server.url + f"/admin/articles/article/{articles[0].pk}/change/")
    bylines = page.locator("#bylines-group")
    bylines.scroll_into_view_if_needed()
    screenshot(bylines, "desk-bylines-360", full_page=False)
    edge = _right_edge(
        page, "#bylines-group table, #bylines-group td, #bylines-group .select2-container"
    )
    assert edge <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
