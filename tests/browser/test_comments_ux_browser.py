"""Comment UX from the issue, in Chromium: without JavaScript a refusal lands at the form,
답글 N follows replies in place, and a vote taken back is not said in the error colour."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Comment, CommentVote
from tests.factories import make_article, make_comment

ERROR_COLOUR = "rgb(164, 22, 26)"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _quick(settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0


@pytest.fixture
def article():
    # A long body: the comment form is well below the first screen.
    return make_article(
        "반도체 수출, 석 달 연속 늘었다",
        body="".join(f"<p>{n}번째 문단입니다. 수출 통계를 풀어 씁니다.</p>" for n in range(1, 40)),
    )


def test_without_javascript_a_refusal_lands_at_the_form(browser, live_server, article, screenshot):
    context = browser.new_context(
        java_script_enabled=False, locale="ko-KR", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + article.get_absolute_url())
        page.fill("#comment-nickname", "경제독자")
        page.fill("#comment-body", "비밀번호를 빠뜨린 글")
        page.click(".comment-form__submit")

        assert page.url.endswith("/comments/post/#comment-form")
        error = page.locator('[data-error-for="password"]')
        expect(error).to_have_text("삭제할 때 쓸 비밀번호를 입력해 주세요.")
        expect(error).to_be_in_viewport()
        expect(page.locator(".comment-form__submit")).to_be_in_viewport()
        assert page.evaluate("window.scrollY") > 1000  # not left at the top of the article
        assert page.input_value("#comment-body") == "비밀번호를 빠뜨린 글"
        assert page.input_value("#comment-nickname") == "경제독자"
        screenshot(page, "comments-ux-nojs-refusal", full_page=False)
    finally:
        context.close()


@pytest.mark.parametrize("scripts", [True, False], ids=["javascript", "no-javascript"])
def test_the_password_rule_is_shown_before_any_failure(
    browser, live_server, article, screenshot, scripts
):
    context = browser.new_context(
        java_script_enabled=scripts, locale="ko-KR", viewport={"width": 360, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + article.get_absolute_url())
        password = page.locator("#comment-password")
        password.scroll_into_view_if_needed()
        hint = page.locator("#comment-password-hint")
        expect(hint).to_have_text("6자 이상, 삭제할 때 필요")
        expect(hint).to_be_visible()
        expect(password).to_have_accessible_description(re.compile("6자 이상"))
        screenshot(page, f"comments-password-rule-{'js' if scripts else 'nojs'}", full_page=False)
    finally:
        context.close()


def test_replies_update_the_reply_count_in_place(new_page, live_server, article, screenshot):
    top = make_comment(article, password="first-pw-1")
    page = new_page("phone")
    page.goto(live_server.url + article.get_absolute_url() + "#comments")
    item = page.locator(f"#comment-{top.pk}")
    reply_link = item.locator(":scope > .comment__actions [data-reply-to]")
    expect(reply_link).to_have_text("답글")
    address = page.url

    for n, text in enumerate(["첫 답글입니다.", "둘째 답글입니다."], start=1):
        reply_link.click()
        page.fill("#comment-nickname", f"답글독자{n}")
        page.fill("#comment-password", "reply-pw-2")
        page.fill("#comment-body", text)
        page.click(".comment-form__submit")
        expect(item.locator(".comment--reply")).to_have_count(n)
        expect(reply_link).to_have_text(f"답글 {n}")
    assert page.url == address  # no page load

    # Deleting a reply in place counts down again.
    first_reply = Comment.objects.get(body="첫 답글입니다.")
    reply = page.locator(f"#comment-{first_reply.pk}")
    reply.locator(".comment__delete summary").click()
    page.fill(f"#delete-password-{first_reply.pk}", "reply-pw-2")
    reply.locator(".comment__delete button").click()
    expect(reply).to_have_count(0)
    expect(reply_link).to_have_text("답글 1")
    item.scroll_into_view_if_needed()
    screenshot(page, "comments-ux-reply-count")
    # The server agrees after a reload.
    page.reload()
    expect(reply_link).to_have_text("답글 1")


def test_a_vote_is_taken_back_in_place_and_success_is_not_red(
    new_page, live_server, article, screenshot
):
    comment = make_comment(article, password="first-pw-1")
    page = new_page()
    page.goto(live_server.url + article.get_absolute_url() + "#comments")
    item = page.locator(f"#comment-{comment.pk}")
    up = item.locator(':scope > .comment__actions button[value="up"]')
    message = item.locator(":scope > [data-comment-message]")

    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_text("공감 1")
    up.click()
    expect(message).to_have_text("공감을 취소했습니다.")
    expect(up).to_have_attribute("aria-pressed", "false")
    expect(up).to_have_text("공감 0")
    comment.refresh_from_db()
    assert comment.like_count == 0 and not CommentVote.objects.exists()
    colour = message.evaluate("(line) => getComputedStyle(line).color")
    assert colour != ERROR_COLOUR
    screenshot(page, "comments-ux-vote-taken-back", full_page=False)

    # A refusal, by contrast, is said in the error colour.
    item.locator(".comment__delete summary").click()
    page.fill(f"#delete-password-{comment.pk}", "틀린 비밀번호")
    item.locator(".comment__delete button").click()
    expect(message).to_have_text("비밀번호가 맞지 않습니다. 댓글은 삭제되지 않았습니다.")
    expect(message).to_have_css("color", ERROR_COLOUR)

    page.reload()
    expect(up).to_have_attribute("aria-pressed", "false")
    expect(up).to_have_text("공감 0")
    assert re.fullmatch(r"rgb\(\d+, \d+, \d+\)", colour)
