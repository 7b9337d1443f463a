"""The article form in a real Chromium: the rich-text editor, in Korean, saving a story."""

import pytest

from articles.models import Article
from tests.factories import make_reporter, make_section, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_writes_and_publishes_an_article(new_page, live_server, screenshot, sign_in):
    make_staff("desk")
    make_section("산업", slug="industry")
    make_reporter("한지우", handle="jiwoo_han")
    page = new_page()
    sign_in(page)

    page.goto(live_server.url + "/admin/articles/article/add/")
    options = page.locator(".prose-menubar__option[data-name]")
    options.first.wait_for(state="attached")
    labels = options.evaluate_all("nodes => nodes.map(n => n.textContent)")
    assert labels == ["소제목", "작은 소제목", "본문"]

    page.fill("#id_title", "배터리 소재 수출, 첫 10억 달러 돌파")
    page.select_option("#id_section", label="산업")
    editor = page.locator(".tiptap.ProseMirror")
    editor.click()
    page.keyboard.type("배터리 소재 수출이 처음으로 10억 달러를 넘었다.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("업계는 반기는 분위기다.")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")

    screenshot(page, "admin-article-saved")
    page.get_by_text("추가했습니다").first.wait_for()
    article = Article.objects.get()
    assert article.title == "배터리 소재 수출, 첫 10억 달러 돌파"
    assert "<p>배터리 소재 수출이 처음으로 10억 달러를 넘었다.</p>" in article.body
    assert "<strong>업계는 반기는 분위기다.</strong>" in article.body
    assert article in Article.objects.published()
