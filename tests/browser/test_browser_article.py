"""The article page in a real Chromium, at desktop and phone widths."""

import pytest

from articles.models import Article, CuratedBox, CuratedSlot, Photo
from tests.factories import image_file, make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story():
    section = make_section("산업", slug="industry")
    sub = make_section("반도체", parent=section, slug="chips")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    body = "".join(
        f"<p>{n}번째 문단입니다. 반도체 장비 수출이 늘었다는 소식을 전합니다.</p>"
        for n in range(1, 6)
    )
    article = make_article(
        "“장비 국산화 속도”…반도체 소부장 기업 수출 최대",
        section=sub,
        reporters=[reporter],
        label=Article.Label.COMPREHENSIVE,
        deck="올해 누적 수출 40억 달러 돌파\n중소 장비사 12곳 해외 법인 설립",
        body=body,
        tags=["반도체", "소부장"],
        video_url="https://video.newsroom.example/v/9",
    )
    Photo.objects.create(
        article=article,
        image=image_file("a.jpg", color=(20, 60, 120)),
        caption="장비 제조 라인에서 직원이 부품을 조립하고 있다.",
        credit_reporter=reporter,
        alt="장비 조립 라인",
        placement=0,
    )
    Photo.objects.create(
        article=article,
        image=image_file("b.jpg", color=(120, 60, 20)),
        caption="수출용 장비가 선적을 기다리고 있다.",
        credit="사진제공=반도체장비협회",
        alt="선적 대기 중인 장비",
        placement=3,
        order=1,
    )
    for n in range(6):
        make_article(f"관련 산업 기사 {n}", section=sub, tags=["반도체"], photos=1 if n < 2 else 0)
    box = CuratedBox.objects.create(name="뉴스발전소", slug=CuratedBox.NEWS_PLANT)
    CuratedSlot.objects.create(box=box, article=Article.objects.get(title="관련 산업 기사 5"))
    return article


@pytest.mark.renditions
def test_article_page_in_chromium(page, live_server, story, viewport, offsite_requests, screenshot):
    page.goto(live_server.url + story.get_absolute_url())

    article = page.locator("#article")
    for text in (
        "반도체",
        "“장비 국산화 속도”…반도체 소부장 기업 수출 최대",
        "[종합]",
        "올해 누적 수출 40억 달러 돌파",
        "한지우 기자",
        "@jiwoo_han",
        "입력",
        "▲장비 제조 라인에서 직원이 부품을 조립하고 있다.",
        "(사진제공=반도체장비협회)",
        "#소부장",
        "좋아요",
        "화나요",
        "슬퍼요",
        "추가취재 원해요",
        "0 / 300",
        "관련 뉴스",
    ):
        assert article.get_by_text(text, exact=False).first.is_visible(), text
    for box in ("주요뉴스", "많이 본 뉴스", "e스튜디오", "뉴스발전소"):
        assert page.get_by_role("heading", name=box).is_visible(), box

    # Photos actually loaded from our own server.
    loaded = page.eval_on_selector_all(
        ".article__body img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)"
    )
    assert loaded == [True, True]

    main = page.locator(".page__main").bounding_box()
    aside = page.locator(".page__aside").bounding_box()
    if viewport == "desktop":
        assert aside["x"] > main["x"] + main["width"] - 1  # two columns
    else:
        assert aside["y"] >= main["y"] + main["height"] - 1  # one column
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing overflows

    screenshot(page, f"article-{viewport}")
    assert offsite_requests == []


def test_font_size_tools_and_copy_link(page, live_server, story, viewport):
    page.goto(live_server.url + story.get_absolute_url())
    paragraph = page.locator(".article__body p").first
    base = float(paragraph.evaluate("p => parseFloat(getComputedStyle(p).fontSize)"))

    page.get_by_role("button", name="크게").click()
    large = float(paragraph.evaluate("p => parseFloat(getComputedStyle(p).fontSize)"))
    assert large > base
    assert page.get_by_role("button", name="크게").get_attribute("aria-pressed") == "true"

    page.reload()  # the choice is remembered
    assert page.get_by_role("button", name="크게").get_attribute("aria-pressed") == "true"

    page.get_by_role("button", name="작게").click()
    small = float(paragraph.evaluate("p => parseFloat(getComputedStyle(p).fontSize)"))
    assert small < base

    page.get_by_role("button", name="링크 복사").click()
    status = page.locator(".tools__status")
    status.filter(has_text="주소").wait_for()
    assert story.get_absolute_url() in page.locator("[data-action=copy-link]").get_attribute(
        "data-url"
    )


@pytest.mark.renditions
def test_home_page_in_chromium(page, live_server, story, viewport, offsite_requests, screenshot):
    page.goto(live_server.url + "/")

    assert page.get_by_role(
        "link", name="“장비 국산화 속도”…반도체 소부장 기업 수출 최대"
    ).first.is_visible()
    lead_images = page.eval_on_selector_all(
        ".card__photo img", "imgs => imgs.filter(i => i.complete && i.naturalWidth > 0).length"
    )
    assert lead_images >= 1
    screenshot(page, f"home-{viewport}")
    assert offsite_requests == []


def test_unknown_article_shows_the_korean_404_page(page, live_server, viewport):
    response = page.goto(live_server.url + "/news/424242/")

    assert response.status == 404
    assert page.get_by_role("heading", name="페이지를 찾을 수 없습니다").is_visible()
