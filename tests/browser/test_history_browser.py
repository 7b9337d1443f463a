"""History and corrections in a real Chromium: comparing two versions, reading corrections."""

import pytest

from articles.models import Correction
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_desk_compares_two_versions_from_the_history(
    new_page, live_server, screenshot, sign_in
):
    make_staff("desk")
    article = make_article("금리 동결", deck="한은, 기준금리 연 3.5% 유지")
    page = new_page()
    sign_in(page)

    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page.goto(change)
    page.click("input[name=_continue]")
    page.get_by_text("변경 내용을 저장했습니다").first.wait_for()
    page.fill("#id_title", "기준금리 동결, 석 달째")
    page.click("input[name=_continue]")
    page.get_by_text("변경 내용을 저장했습니다").first.wait_for()

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    screenshot(page, "admin-article-history")
    page.click("text=고른 두 판 비교")
    page.locator(".revision-diff ins").first.wait_for()
    screenshot(page, "admin-article-compare")
    assert page.locator(".revision-diff del").first.inner_text() == "금리"
    assert "기준금리" in page.locator(".revision-diff ins").first.inner_text()


def test_a_reader_sees_corrections_under_the_article_and_in_the_list(
    page, live_server, viewport, screenshot
):
    article = make_article("수출 10% 증가", deck="반도체가 이끌었다")
    Correction.objects.create(article=article, text="수출 증가율은 10%가 아니라 1.0%입니다.")
    page.goto(live_server.url + article.get_absolute_url())
    box = page.locator("#corrections")
    box.scroll_into_view_if_needed()
    assert "1.0%입니다" in box.inner_text()
    screenshot(page, f"article-corrections-{viewport}")

    page.click(".site-footer >> text=바로잡습니다")
    page.locator(".corrections-page__item").first.wait_for()
    screenshot(page, f"corrections-list-{viewport}")
    page.click("text=수출 10% 증가")
    page.wait_for_url(f"**{article.get_absolute_url()}#corrections")


def test_the_article_form_offers_sections_as_a_tree_and_the_sharing_fields(
    new_page, live_server, screenshot, sign_in
):
    from tests.factories import make_section

    make_staff("desk")
    economy = make_section("경제", order=1)
    make_section("증권", parent=economy)
    article = make_article("금리 동결", section=economy)
    Correction.objects.create(article=article, text="기준금리는 3.5%입니다.")
    page = new_page()
    sign_in(page)

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    options = page.locator("#id_section option").all_inner_texts()
    assert options[1:3] == ["경제", "— 증권"]
    assert not page.locator("#id_seo_title").is_visible()  # collapsed until asked for
    page.locator("summary", has_text="검색·공유").click()
    page.locator("#id_seo_title").wait_for(state="visible")
    assert "기준금리는 3.5%입니다." in page.locator(".correction-list").inner_text()
    screenshot(page, "admin-article-sharing-and-corrections")
