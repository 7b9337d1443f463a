"""The photo inline in a real Chromium: paragraph choices and the one-credit rule, as seen."""

import pytest

from articles.models import Photo
from tests.factories import make_article, make_reporter, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_photo_inline_offers_paragraphs_and_refuses_two_credits(
    new_page, live_server, screenshot, viewport, sign_in
):
    make_staff("desk")
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
    sign_in(page)

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
    # The form's presence heartbeat posts as the page opens: let it land before the database
    # is emptied for the next test.
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_chosen_photo_survives_an_error_and_placement_follows_the_typed_body(
    new_page, live_server, screenshot, viewport, tmp_path, sign_in
):
    from PIL import Image

    make_staff("desk")
    make_reporter("문서윤", handle="seoyun_moon")
    article = make_article(
        "반도체 수출 기사", body="<p>반도체 수출이 석 달째 늘었다.</p>", status="draft"
    )
    picture = tmp_path / "line.jpg"
    Image.new("RGB", (900, 600), (40, 120, 200)).save(picture, "JPEG")
    page = new_page(viewport)
    sign_in(page)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")

    # A new paragraph typed in the editor is offered by its words before any save.
    editor = page.locator(".tiptap.ProseMirror")
    editor.click()
    page.wait_for_function("() => document.activeElement?.classList.contains('ProseMirror')")
    # The end of the document, not of the visual line (the paragraph wraps on a phone).
    editor.press("Control+End")
    editor.press("Enter")
    page.keyboard.insert_text("설비 투자도 함께 늘고 있다.")
    # Now and then (seen at phone width, under load) the editor repeats the last syllable of
    # this synthetic input; what matters here is that the choice names what the new
    # paragraph says, whatever it says.
    typed = editor.locator("p").last.inner_text()
    assert typed.startswith("설비 투자도 함께 늘고 있다.")
    label = f"2문단 뒤: {typed}"
    placement = page.locator("#id_photos-0-placement")
    page.wait_for_function(
        "label => [...document.querySelectorAll('#id_photos-0-placement option')]"
        ".some(o => o.textContent === label)",
        arg=label,
    )
    placement.select_option(label=label)

    # A photo is chosen, then the page is refused for another field (the title is empty).
    page.set_input_files("#id_photos-0-image", str(picture))
    page.fill("#id_photos-0-caption", "반도체 생산 라인")
    page.fill("#id_photos-0-alt", "반도체 공장 내부")
    page.fill("#id_title", "")
    page.click("input[name=_continue]")
    page.locator(".errornote").wait_for()
    notice = page.locator(".kept-upload")
    notice.wait_for()
    # The page came back from the server with the typed body: its paragraphs are named.
    page.wait_for_function(
        "label => document.querySelector('#id_photos-0-placement option:checked')"
        "?.textContent === label",
        arg=label,
    )
    assert "다시 고르지 않아도 저장하면 들어갑니다." in notice.inner_text()
    screenshot(page, f"admin-photo-kept-after-error-{viewport}")

    page.fill("#id_title", "반도체 수출 석 달째 증가")
    page.click("input[name=_continue]")
    page.get_by_text("변경 내용을 저장했습니다").first.wait_for()
    photo = Photo.objects.get(article=article)
    assert (photo.caption, photo.placement, photo.width) == ("반도체 생산 라인", 2, 900)
    # Saved again with no change: the stored photo stays as it is.
    page.click("input[name=_continue]")
    page.get_by_text("변경 내용을 저장했습니다").first.wait_for()
    assert Photo.objects.get(article=article).image.name == photo.image.name
    page.wait_for_load_state("networkidle")  # the presence heartbeat, as above
