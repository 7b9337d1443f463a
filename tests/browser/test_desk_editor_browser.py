"""The article form's desk tools in a real Chromium: the action bar that stays in reach, the
body editor's counts, spellcheck and Korean tooltips, and the 사진 자료실 picker's thumbnails."""

import pytest

from articles.models import Photo
from tests.factories import image_file, make_article, make_reporter, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_body_editor_counts_checks_spelling_and_speaks_korean(
    new_page, live_server, screenshot, sign_in
):
    make_staff("desk", "데스크")
    story = make_article(
        "반도체 수출 호조",
        status="draft",
        reporters=[make_reporter("문서윤")],
        body="<p>반도체 수출이 늘었다.</p>",
    )
    page = new_page()
    sign_in(page)
    page.goto(live_server.url + f"/admin/articles/article/{story.pk}/change/")

    editor = page.locator(".tiptap.ProseMirror")
    editor.wait_for()
    counts = page.locator(".body-counts")
    # "반도체 수출이 늘었다." : 12 characters, 10 without spaces, 3 words, one 200-character sheet.
    assert counts.inner_text() == "글자 수 12자 (공백 제외 10자) · 단어 3개 · 200자 원고지 1매"
    assert editor.get_attribute("spellcheck") == "true"

    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" 석 달째다.")
    page.wait_for_function(
        "document.querySelector('.body-counts').textContent.includes('단어 5개')"
    )
    assert "글자 수 19자" in counts.inner_text()

    titles = page.locator(".prose-menubar [title]").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('title'))"
    )
    assert "굵게" in titles and "기울임" in titles and "되돌리기" in titles
    assert not {"bold", "italic", "undo", "redo", "blockquote"} & set(titles)

    # The action bar stays at the top of the screen at the bottom of the long form.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    bar = page.locator(".desk-actions")
    assert bar.get_by_role("button", name="검토 요청").is_visible()
    assert bar.get_by_role("button", name="출고").is_visible()
    assert abs(bar.bounding_box()["y"]) <= 2
    screenshot(page, "desk-editor-bottom", full_page=False)


def test_the_library_picker_shows_thumbnails_credits_and_articles(
    new_page, live_server, screenshot, sign_in
):
    make_staff("desk", "데스크")
    source = make_article("라온세미콘 청주 공장 준공")
    Photo.objects.create(
        article=source,
        image=image_file("fab.jpg", color=(200, 60, 40)),
        caption="준공식에서 테이프를 자르고 있다",
        credit="사진제공=라온세미콘",
        alt="준공식",
    )
    page = new_page()
    sign_in(page)
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.locator("#photos-0 .field-library_photo .select2-selection").click()
    page.keyboard.type("준공식")
    choice = page.locator(".select2-results .library-choice").first
    choice.wait_for()
    loaded = choice.locator("img").evaluate(
        """img => img.complete ? img.naturalWidth
            : new Promise(done => { img.onload = () => done(img.naturalWidth);
                                    img.onerror = () => done(0); })"""
    )
    assert loaded > 0
    text = choice.inner_text()
    assert "준공식에서 테이프를 자르고 있다" in text
    assert "사진제공=라온세미콘" in text and "기사: 라온세미콘 청주 공장 준공" in text
    screenshot(page, "desk-library-picker", full_page=False)


def test_the_tag_field_offers_tags_in_use_as_one_types(new_page, live_server, sign_in):
    make_staff("desk", "데스크")
    make_article("하나", tags=["반도체", "반도체 장비"])
    make_article("둘", tags=["반도체", "금리"])
    page = new_page()
    sign_in(page)
    page.goto(live_server.url + "/admin/articles/article/add/")

    field = page.locator("#id_tags")
    field.fill("수출, 반도")
    offered = page.locator(".tag-suggestions__tag")
    assert offered.all_inner_texts() == ["반도체", "반도체 장비"]
    offered.first.click()
    assert field.input_value() == "수출, 반도체, "
    assert "반도체" not in page.locator(".tag-suggestions__tag").all_inner_texts()
