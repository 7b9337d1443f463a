"""The desk's screens in a real Chromium: they must read as a newsroom's, at both widths."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Comment, DailyViews, Reaction
from tests.factories import make_article, make_section, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def _a_month_of_traffic():
    rng = random.Random(9)
    today = timezone.localdate()
    economy = make_section("경제", slug="economy")
    sections = [economy, make_section("증권", slug="stock", parent=economy)]
    sections += [
        make_section(name, slug=slug) for name, slug in [("사회", "society"), ("IT", "it")]
    ]
    titles = [
        "기준금리 3.25% 동결…한은 “물가 경로 더 지켜봐야”",
        "코스피 2,600선 회복, 외국인 8거래일 만에 순매수",
        "반도체 수출, 석 달 연속 늘었다",
        "서울 아파트 전셋값 12주째 상승",
        "생성형 AI 도입한 중소기업 1년 새 두 배",
        "청년 고용률 넉 달 만에 반등",
    ]
    articles = [
        make_article(title, section=sections[index % len(sections)])
        for index, title in enumerate(titles)
    ]
    now = timezone.now()
    for back in range(30):
        day = today - timedelta(days=back)
        for article in articles:
            DailyViews.objects.create(article=article, day=day, views=rng.randint(50, 900))
        for number in range(rng.randint(3, 12)):
            Reaction.objects.create(
                article=rng.choice(articles),
                kind=rng.choice(Reaction.Kind.values),
                visitor=f"{back}-{number}",
                created_at=now - timedelta(days=back, minutes=number),
            )
        for number in range(rng.randint(1, 8)):
            Comment.objects.create(
                article=rng.choice(articles),
                nickname="독자",
                body="좋은 기사",
                status=rng.choice(Comment.Status.values),
                created_at=now - timedelta(days=back, minutes=number),
            )
    make_article("검토 부탁드립니다: 수출 동향", status=Article.Status.REVIEW)
    make_article("18시 엠바고 실적 발표", published_at=now + timedelta(hours=4))


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_desk_home_and_dashboard_look_right(new_page, live_server, screenshot, width, sign_in):
    make_staff("desk")
    _a_month_of_traffic()
    page = new_page(width)
    sign_in(page)

    page.click("text=데스크 홈")
    assert page.locator("h1").inner_text() == "데스크 홈"
    assert page.locator("text=18시 엠바고 실적 발표").is_visible()
    screenshot(page, f"desk-home-{width}")

    page.click("text=뉴스룸 대시보드")
    assert page.locator("svg.chart__svg").count() == 4
    # Charts must fit their card: no horizontal scrolling on either screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.locator("details.chart__data summary").first.click()
    assert page.locator("details.chart__data table").first.is_visible()
    screenshot(page, f"dashboard-{width}")


def test_box_slots_are_reordered_with_the_arrows(new_page, live_server, screenshot, sign_in):
    from articles.models import CuratedBox, CuratedSlot

    make_staff("desk")
    box = CuratedBox.objects.create(name="주요뉴스", slug="top-news")
    first, second, third = (
        make_article(title) for title in ["첫째 기사", "둘째 기사", "셋째 기사"]
    )
    for order, article in enumerate([first, second, third], start=1):
        CuratedSlot.objects.create(box=box, article=article, order=order)
    page = new_page()
    sign_in(page)

    page.goto(live_server.url + f"/admin/articles/curatedbox/{box.pk}/change/")
    # The number is left for the form; the desk moves rows with the arrows.
    assert page.locator('input[name="slots-0-order"]').bounding_box()["width"] <= 1
    page.locator("#slots-group tr.form-row").nth(0).get_by_role(
        "button", name="아래로 옮기기"
    ).click()
    page.locator("#slots-group tr.form-row").nth(2).get_by_role(
        "button", name="위로 옮기기"
    ).click()
    screenshot(page, "box-order-desktop")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert [slot.article for slot in box.slots.order_by("order", "id")] == [second, third, first]


def test_preview_shows_unsaved_edits_at_phone_and_desktop_width(
    new_page, live_server, screenshot, sign_in
):
    from tests.factories import make_reporter

    make_staff("desk")
    reporter = make_reporter("문서윤", handle="seoyun")
    article = make_article(
        "저장된 제목", status=Article.Status.DRAFT, published_at=None, reporters=[reporter]
    )
    page = new_page()
    sign_in(page)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    page.fill("#id_title", "고친 제목: 반도체 수출 14개월 연속 증가")

    with page.expect_popup() as popup:
        page.get_by_role("button", name="미리 보기 (휴대전화·PC)").click()
    preview = popup.value
    preview.wait_for_load_state()
    frames = preview.locator("iframe.preview__frame")
    assert frames.count() == 2
    for index in range(2):
        title = frames.nth(index).content_frame.locator("h1.article__title")
        assert "고친 제목: 반도체 수출 14개월 연속 증가" in title.inner_text()
    screenshot(preview, "article-preview-desktop")
    article.refresh_from_db()
    assert article.title == "저장된 제목"
