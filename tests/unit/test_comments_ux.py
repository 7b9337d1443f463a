"""Comment UX from the issue: a refusal without JavaScript lands at the form, 공감/비공감 can be
taken back, and the shared page follows. In Chromium: tests/browser/test_comments_ux_browser.py."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.actions import comments
from articles.models import CommentVote
from tests.comment_forms import JSON, comment_data, comment_item, page_html
from tests.factories import make_article, make_comment


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


# Without JavaScript


@pytest.mark.django_db
def test_a_refused_post_comes_back_at_the_form_with_the_reason_and_the_text(client, article):
    url = reverse("articles:comment-post", args=[article.pk])
    page = client.get(article.get_absolute_url()).content.decode()
    # The form posts to its own anchor: the browser shows the answer scrolled to the form.
    assert f'action="{url}#comment-form"' in page

    refused = client.post(
        url, comment_data(article, nickname="", body="<b>그대로</b> 남아야 할 글")
    )

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
    comment = make_comment(article, password="first-pw-1")
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
    comment = make_comment(article, password="first-pw-1")

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
    comment = make_comment(article, password="first-pw-1")
    url = reverse("articles:comment-vote", args=[comment.pk])
    reader = Client()
    reader.post(url, {"value": "down"}, **JSON)
    assert 'data-count="down">1<' in comment_item(page_html(Client(), article), comment.pk)

    taken_back = reader.post(url, {"value": "down"}, **JSON).json()

    assert taken_back["vote"] is None and taken_back["dislike_count"] == 0
    # Another anonymous reader gets the shared (cached) page: it shows the count taken back.
    assert 'data-count="down">0<' in comment_item(page_html(Client(), article), comment.pk)


# The password rule is said before any failure


@pytest.mark.django_db
def test_the_password_rule_is_shown_beside_the_field_before_any_failure(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    hint = (
        '<span class="field__hint field__hint--below" id="comment-password-hint">'
        "6자 이상, 삭제할 때 필요</span>"
    )
    assert hint in page
    assert 'aria-describedby="comment-password-hint comment-password-error"' in page
