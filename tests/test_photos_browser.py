"""The photo inline in a real Chromium: paragraph choices and the one-credit rule, as seen."""

import pytest
from django.contrib.auth.models import User

from articles.models import Photo
from tests.factories import make_article, make_reporter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_photo_inline_offers_paragraphs_and_refuses_two_credits(
    new_page, live_server, screenshot, viewport
):
    User.objects.create_superuser("desk", password="desk-password-for-tests")
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    article = make_article(
        "예산안 기사",
        photos=1,
        body=(
            "<p>정부가 내년 예산안을 역대 최대 규모로 편성했다.</p>"
            "<p>국회 심사는 다음 달 시작된다.</p>"
        ),
    )
    page = new_page(viewport)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "desk-password-for-tests")
    page.click("input[type=submit]")

    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    placement = page.locator("#id_photos-0-placement")
    labels = placement.locator("option").all_text_contents()
    assert labels[:3] == [
        "맨 위",
        "1문단 뒤: 정부가 내년 예산안을 역대 최대 규모로 편성했다.",
        "2문단 뒤: 국회 심사는 다음 달 시작된다.",
    ]
    placement.select_option(label="2문단 뒤: 국회 심사는 다음 달 시작된다.")
    page.fill("#id_photos-0-credit", "사진제공=국회")
    page.evaluate(
        "([id, text]) => { const s = document.getElementById('id_photos-0-credit_reporter');"
        " s.add(new Option(text, id, true, true)); }",
        [str(reporter.pk), "문서윤"],
    )
    screenshot(page, f"admin-photo-inline-{viewport}")
    page.click("input[name=_continue]")

    page.get_by_text("촬영 기자와 출처 중 하나만 적어 주세요.").wait_for()
    screenshot(page, f"admin-photo-two-credits-{viewport}")
    assert page.locator("#id_photos-0-placement").input_value() == "2"

    page.fill("#id_photos-0-credit", "")
    page.click("input[name=_continue]")
    page.get_by_text("변경 내용을 저장했습니다").first.wait_for()
    photo = Photo.objects.get()
    assert (photo.placement, photo.credit_reporter_id, photo.credit) == (2, reporter.pk, "")
