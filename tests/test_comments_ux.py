"""Comment UX from the issue: a refusal without JavaScript lands at the form, 공감/비공감 can be
taken back, success is not said in the error colour, and 답글 N follows replies in place."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from articles.actions import comments
from articles.models import Comment, CommentVote
from tests.conftest import SCREENSHOTS
from tests.factories import make_article
from tests.test_comments import JSON, comment_item, form_data, page_html

ERROR_COLOUR = "rgb(164, 22, 26)"


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


def first_comment(article, body="먼저 남긴 댓글", **fields):
    return comments.post_comment(
        article=article,
        body=body,
        nickname=fields.pop("nickname", "먼저온독자"),
        password="first-pw-1",
        **fields,
    )


# Without JavaScript


@pytest.mark.django_db
def test_a_refused_post_comes_back_at_the_form_with_the_reason_and_the_text(client, article):
    url = reverse("articles:comment-post", args=[article.pk])
    page = client.get(article.get_absolute_url()).content.decode()
    # The form posts to its own anchor: the browser shows the answer scrolled to the form.
    assert f'action="{url}#comment-form"' in page

    refused = client.post(url, form_data(article, nickname="", body="<b>그대로</b> 남아야 할 글"))

    assert refused.status_code == 400
    html = refused.content.decode()
    start = html.index('id="comment-form"')
    form = html[start : html.index("</form>", start)]
    assert f'action="{url}#comment-form"' in html
    assert "닉네임을 입력해 주세요." in form
    assert "&lt;b&gt;그대로&lt;/b&gt; 남아야 할 글" in form
    # The password is never sent back; the reader is told to type it again.
    assert "s3cret-pw" not in html
    assert "보안을 위해 비밀번호는 다시 입력해 주세요." in form


@pytest.mark.django_db
def test_a_vote_without_javascript_is_confirmed_as_a_success(client, article):
    comment = first_comment(article)
    vote_url = reverse("articles:comment-vote", args=[comment.pk])
    comments_page = reverse("articles:comments", args=[article.pk])

    on_article = client.post(vote_url, {"value": "up"})
    article_html = client.get(on_article["Location"]).content.decode()
    on_comments_page = client.post(vote_url, {"value": "up", "next": comments_page})
    comments_html = client.get(on_comments_page["Location"]).content.decode()

    assert '<p class="comments__message">공감을 눌렀습니다.</p>' in article_html
    assert on_comments_page["Location"] == f"{comments_page}#comment-{comment.pk}"
    assert '<p class="comments__message">공감을 취소했습니다.</p>' in comments_html
    assert 'value="up" aria-pressed="false"' in comment_item(comments_html, comment.pk)


# Taking a vote back


@pytest.mark.django_db
def test_a_vote_is_taken_back_or_moved_and_the_counts_follow(article):
    comment = first_comment(article)

    assert comments.vote(comment=comment, visitor="a", value="up") == ("up", 1, 0)
    assert comments.vote(comment=comment, visitor="b", value="up") == ("up", 2, 0)
    assert comments.vote(comment=comment, visitor="a", value="up") == (None, 1, 0)
    assert comments.vote(comment=comment, visitor="a", value="down") == ("down", 1, 1)
    assert comments.vote(comment=comment, visitor="a", value="up") == ("up", 2, 0)
    assert comments.vote(comment=comment, visitor="b", value="up") == (None, 1, 0)

    comment.refresh_from_db()
    assert (comment.like_count, comment.dislike_count) == (1, 0)
    assert list(CommentVote.objects.values_list("visitor", "value")) == [("a", "up")]


@pytest.mark.django_db
def test_taking_a_vote_back_refreshes_the_shared_page(client, article):
    comment = first_comment(article)
    url = reverse("articles:comment-vote", args=[comment.pk])
    reader = Client()
    reader.post(url, {"value": "down"}, **JSON)
    assert 'data-count="down">1<' in comment_item(page_html(Client(), article), comment.pk)

    taken_back = reader.post(url, {"value": "down"}, **JSON).json()

    assert taken_back["vote"] is None and taken_back["dislike_count"] == 0
    # Another anonymous reader gets the shared (cached) page: it shows the count taken back.
    assert 'data-count="down">0<' in comment_item(page_html(Client(), article), comment.pk)


# In Chromium


def viewport_shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_a_refusal_lands_at_the_form(browser, live_server, article):
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
        viewport_shot(page, "comments-ux-nojs-refusal")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_replies_update_the_reply_count_in_place(new_page, live_server, article, screenshot):
    top = first_comment(article)
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_vote_is_taken_back_in_place_and_success_is_not_red(new_page, live_server, article):
    comment = first_comment(article)
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
    viewport_shot(page, "comments-ux-vote-taken-back")

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
