"""Comments through the public surface: the forms, the views, the article page and the admin."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from articles.actions import comments
from articles.forms import MESSAGES, issue_token
from articles.models import Article, BannedWord, Comment, CommentVote
from articles.views.parts import comment_box
from tests.comment_forms import JSON, comment_data, comment_item, page_html
from tests.factories import make_article, make_comment, make_reporter
from tests.hard_strings import FAMILY

pytestmark = pytest.mark.django_db

Status = Comment.Status


@pytest.fixture
def article():
    return make_article("수출 회복세, 하반기에도 이어질까")


@pytest.fixture(autouse=True)
def _repeats_allowed(settings):
    """Most tests here post the same text again and again; the repeat rule has its own."""
    settings.COMMENT_REPEAT_WINDOW = 0


def post(client, article, json=False, **fields):
    url = reverse("articles:comment-post", args=[article.pk])
    return client.post(url, comment_data(article, **fields), **(JSON if json else {}))


def visible_count(article):
    return Comment.objects.filter(article=article, status=Status.VISIBLE).count()


def stored_count(article):
    return Article.objects.values_list("comment_count", flat=True).get(pk=article.pk)


def error_for(html, field):
    found = re.search(rf'data-error-for="{field}">(.*?)</', html, re.S)
    return found.group(1).strip() if found else ""


# Posting


def test_posting_without_javascript_redirects_to_the_new_comment(client, article):
    response = post(client, article, body="첫 줄입니다.")

    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == Status.VISIBLE
    assert comment.nickname == "경제독자"
    assert comment.password != "s3cret-pw" and comments.password_matches(
        "s3cret-pw", comment.password
    )
    assert stored_count(article) == 1

    html = page_html(client, article)
    assert "댓글을 등록했습니다." in html
    assert "data-comment-total>1</span>" in html
    assert "첫 줄입니다." in comment_item(html, comment.pk)


def test_posting_with_fetch_returns_the_comment_to_insert(client, article):
    response = post(client, article, json=True, body="바로 붙는 댓글")

    assert response.status_code == 201
    data = response.json()
    comment = Comment.objects.get()
    assert data["ok"] is True
    assert data["comment_id"] == comment.pk
    assert data["comment_count"] == 1
    assert data["message"] == "댓글을 등록했습니다."
    assert f'id="comment-{comment.pk}"' in data["html"]
    assert "바로 붙는 댓글" in data["html"]


def test_the_box_shows_the_counter_as_in_the_seed(client, article):
    html = page_html(client, article)
    assert re.search(r"댓글 <span[^>]*>0</span>", html)
    assert "<span data-counter>0</span> / 300" in html
    assert 'src="/static/js/comments.js"' in html


def test_exactly_300_emoji_are_accepted_and_301_refused(client, article):
    accepted = post(client, article, json=True, body=FAMILY * 300)
    refused = post(client, article, json=True, body=FAMILY * 301)

    assert accepted.status_code == 201
    assert Comment.objects.get().body == FAMILY * 300
    assert refused.status_code == 400
    assert refused.json()["errors"]["body"] == [MESSAGES["body_long"].format(limit=300, length=301)]


def test_line_breaks_are_kept(client, article):
    post(client, article, body="첫 줄\r\n둘째 줄\r\n\r\n넷째 줄")

    comment = Comment.objects.get()
    assert comment.body == "첫 줄\n둘째 줄\n\n넷째 줄"
    assert "첫 줄<br>둘째 줄<br><br>넷째 줄" in page_html(client, article)


BAD_INPUT = [
    ("empty text", {"body": ""}, "body", MESSAGES["body_missing"]),
    ("spaces and line breaks only", {"body": "  \r\n\t \u3000"}, "body", MESSAGES["body_missing"]),
    ("invisible fillers only", {"body": "\u3164\u200b\u115f"}, "body", MESSAGES["body_missing"]),
    (
        "301 syllables",
        {"body": "가" * 301},
        "body",
        MESSAGES["body_long"].format(limit=300, length=301),
    ),
    (
        "301 flags",
        {"body": "\U0001f1f0\U0001f1f7" * 301},
        "body",
        MESSAGES["body_long"].format(limit=300, length=301),
    ),
    (
        "a megabyte of text",
        {"body": "가" * 1_000_000},
        "body",
        MESSAGES["body_huge"].format(limit=300),
    ),
    ("NUL in the text", {"body": "안녕\x00하세요"}, "body", MESSAGES["control"]),
    ("bell character in the text", {"body": "알림\x07"}, "body", MESSAGES["control"]),
    ("right-to-left override", {"body": "\u202e요세하녕안"}, "body", MESSAGES["control"]),
    (
        "links only",
        {"body": "https://spam.example.com/a  www.spam.kr"},
        "body",
        MESSAGES["body_only_links"],
    ),
    ("bare domain only", {"body": "cheap-loans.co.kr !!"}, "body", MESSAGES["body_only_links"]),
    (
        "too many links",
        {"body": "참고 http://a.example.com http://b.example.com http://c.example.com"},
        "body",
        MESSAGES["body_many_links"].format(limit=2),
    ),
    ("missing nickname", {"nickname": ""}, "nickname", MESSAGES["nickname_missing"]),
    ("blank nickname", {"nickname": "\u3164 "}, "nickname", MESSAGES["nickname_missing"]),
    ("control character in nickname", {"nickname": "독\x1b자"}, "nickname", MESSAGES["control"]),
    (
        "nickname of 13 characters",
        {"nickname": "가나다라마바사아자차카타파"},
        "nickname",
        MESSAGES["nickname_long"].format(limit=12),
    ),
    (
        "nickname posing as staff",
        {"nickname": "김철수 기자"},
        "nickname",
        MESSAGES["nickname_reserved"],
    ),
    ("missing password", {"password": ""}, "password", MESSAGES["password_missing"]),
    (
        "short password",
        {"password": "12345"},
        "password",
        MESSAGES["password_short"].format(limit=6),
    ),
]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input_is_refused_beside_its_field_keeping_what_was_typed(
    client, article, fields, field, message
):
    typed = comment_data(article, **fields)
    response = client.post(reverse("articles:comment-post", args=[article.pk]), typed)

    assert response.status_code == 400
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert error_for(html, field) == escape(message)
    # Everything the reader typed is back in the form, as they typed it.
    assert f'name="nickname" type="text" value="{escape(typed["nickname"])}"' in html
    # Except the password: a page never sends it back; the reader is asked to type it again.
    assert 'name="password" type="password" autocomplete' in html
    assert typed["password"] not in html or field == "password"
    if field != "password" and typed["password"]:
        assert error_for(html, "password") == "보안을 위해 비밀번호는 다시 입력해 주세요."
    assert f"data-comment-body>\n{escape(typed['body'])}</textarea>" in html
    # The counter shows the length of the kept text, even before any script runs.
    assert "<span data-counter>" in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input_is_refused_to_fetch_with_the_same_message(
    client, article, fields, field, message
):
    response = post(client, article, json=True, **fields)

    assert response.status_code == 400
    assert response.json()["errors"][field] == [message]
    assert not Comment.objects.exists()


def test_the_counter_of_a_refused_form_is_red_and_exact(client, article):
    response = post(client, article, body=FAMILY * 301)
    assert (
        'class="comment-form__counter is-over" id="comment-counter" data-counter-box>'
        "<span data-counter>301</span> / 300" in response.content.decode()
    )


def test_the_honeypot_turns_a_bot_away(client, article):
    response = post(client, article, homepage="http://spam.example.com")

    assert response.status_code == 400
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert escape(MESSAGES["trap"]) in html
    assert "좋은 기사 잘 읽었습니다." in html


def test_a_form_sent_too_soon_is_refused_and_kept(client, article, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 3
    too_soon = post(client, article, token=issue_token(article.pk))
    in_time = post(client, article, token=issue_token(article.pk, issued_at=time.time() - 4))

    assert too_soon.status_code == 400
    assert escape(MESSAGES["too_fast"]) in too_soon.content.decode()
    assert "좋은 기사 잘 읽었습니다." in too_soon.content.decode()
    assert in_time.status_code == 303
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    ["", "forged", issue_token(999_999, issued_at=time.time() - 60)],
    ids=["missing", "forged", "another article"],
)
def test_a_form_without_a_good_token_is_refused(client, article, token):
    response = post(client, article, json=True, token=token)

    assert response.status_code == 400
    assert response.json()["errors"]["form"] == [MESSAGES["expired"]]
    assert not Comment.objects.exists()
    # A fresh token comes back, so the reader can send the kept text again.
    assert response.json()["token"]


def test_a_form_left_open_for_days_expires(client, article):
    old = issue_token(article.pk, issued_at=time.time() - 3 * 86400)
    response = post(client, article, json=True, token=old)
    assert response.json()["errors"]["form"] == [MESSAGES["expired"]]


# Rate limits


def test_rate_limit_per_visitor_answers_429_in_korean_and_keeps_the_text(client, article, settings):
    settings.COMMENT_RATE_PER_VISITOR = "2/m"
    assert post(client, article).status_code == 303
    assert post(client, article).status_code == 303
    limited = post(client, article, body="세 번째 댓글")

    assert limited.status_code == 429
    html = limited.content.decode()
    assert "댓글을 너무 자주 올렸습니다. 잠시 후 다시 등록해 주세요." in html
    assert "세 번째 댓글</textarea>" in html
    assert Comment.objects.count() == 2
    as_json = post(client, article, json=True)
    assert as_json.status_code == 429
    assert as_json.json()["message"] == "댓글을 너무 자주 올렸습니다. 잠시 후 다시 등록해 주세요."


def test_rate_limit_per_client_address_counts_every_visitor_behind_it(article, settings):
    settings.COMMENT_RATE_PER_CLIENT = "2/m"
    office = {"REMOTE_ADDR": "203.0.113.7"}
    statuses = [
        Client(**office)
        .post(reverse("articles:comment-post", args=[article.pk]), comment_data(article))
        .status_code
        for _ in range(3)
    ]
    elsewhere = Client(REMOTE_ADDR="198.51.100.2").post(
        reverse("articles:comment-post", args=[article.pk]), comment_data(article)
    )

    assert statuses == [303, 303, 429]
    assert elsewhere.status_code == 303


def test_rate_limit_per_article(article, settings):
    settings.COMMENT_RATE_PER_ARTICLE = "2/m"
    other = make_article("다른 기사")

    def from_somewhere(n, target):
        return Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            reverse("articles:comment-post", args=[target.pk]), comment_data(target), **JSON
        )

    assert [from_somewhere(n, article).status_code for n in range(3)] == [201, 201, 429]
    assert (
        from_somewhere(9, article).json()["message"]
        == "지금 이 기사에 댓글이 몰리고 있습니다. 잠시 후 다시 등록해 주세요."
    )
    assert from_somewhere(10, other).status_code == 201


def test_the_client_address_is_stored_only_as_a_keyed_hash(client, article):
    client.post(
        reverse("articles:comment-post", args=[article.pk]),
        comment_data(article),
        REMOTE_ADDR="203.0.113.99",
    )
    comment = Comment.objects.get()
    assert comment.client and "203.0.113.99" not in comment.client
    assert comment.visitor


def test_votes_reports_and_deletes_share_a_rate_limit(client, article, settings):
    settings.COMMENT_ACTION_RATE_PER_VISITOR = "2/m"
    comment = make_comment(article)
    voted = client.post(reverse("articles:comment-vote", args=[comment.pk]), {"value": "up"})
    assert voted.status_code == 303
    assert CommentVote.objects.filter(comment=comment).count() == 1
    assert client.post(reverse("articles:comment-report", args=[comment.pk]), **JSON).json()["ok"]

    limited = client.post(
        reverse("articles:comment-delete", args=[comment.pk]), {"password": "x"}, **JSON
    )
    page = client.post(reverse("articles:comment-vote", args=[comment.pk]), {"value": "up"})

    assert limited.status_code == page.status_code == 429
    assert limited.json()["message"] == "너무 자주 눌렀습니다. 잠시 후 다시 시도해 주세요."
    assert "너무 자주 눌렀습니다." in page.content.decode()
    # Refused: the vote was not taken back, the comment not deleted.
    comment.refresh_from_db()
    assert (comment.status, comment.like_count, comment.dislike_count) == (Status.VISIBLE, 1, 0)
    assert list(CommentVote.objects.filter(comment=comment).values_list("value", flat=True)) == [
        "up"
    ]


# Cross-site requests: the shared page carries no token; the browser's own headers decide

CROSS_SITE = [
    {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://news.testserver"},
    {"HTTP_ORIGIN": "https://evil.example"},  # a browser without Fetch Metadata
    {"HTTP_ORIGIN": "null"},  # a sandboxed frame or a data: page
]
SAME_ORIGIN = [
    {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
    {"HTTP_ORIGIN": "http://testserver"},
    {},  # no browser sent it, so no other site can have made a reader's browser send it
]


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_a_comment_posted_from_another_site_is_refused(client, article, headers):
    response = client.post(
        reverse("articles:comment-post", args=[article.pk]), comment_data(article), **headers
    )
    assert response.status_code == 403
    assert "다른 사이트에서 보낸 요청" in response.content.decode()
    assert not Comment.objects.exists()
    assert "nr_visitor" not in response.cookies


@pytest.mark.parametrize("headers", SAME_ORIGIN)
def test_a_comment_posted_from_our_own_page_works_without_javascript(article, headers):
    strict = Client(enforce_csrf_checks=True)  # Django's token check would refuse: none is sent
    html = page_html(strict, article)
    assert "csrfmiddlewaretoken" not in html
    response = strict.post(
        reverse("articles:comment-post", args=[article.pk]), comment_data(article), **headers
    )
    assert response.status_code == 303
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_voting_reporting_and_deleting_from_another_site_are_refused(article, headers):
    comment = make_comment(article, password="pbkdf2_sha256$x")
    strict = Client(enforce_csrf_checks=True)
    for name, data in [
        ("comment-vote", {"value": "up"}),
        ("comment-report", {}),
        ("comment-delete", {"password": "x"}),
    ]:
        url = reverse(f"articles:{name}", args=[comment.pk])
        assert strict.post(url, data, **headers).status_code == 403
    comment.refresh_from_db()
    assert (comment.like_count, comment.report_count, comment.status) == (0, 0, Status.VISIBLE)
    assert not CommentVote.objects.exists()


# Deleting


def posted(client, article, **fields):
    assert post(client, article, **fields).status_code == 303
    return Comment.objects.latest("pk")


def test_the_writer_deletes_with_the_password(client, article):
    comment = posted(client, article, password="right-one")
    response = client.post(
        reverse("articles:comment-delete", args=[comment.pk]),
        {"password": "right-one", "next": article.get_absolute_url()},
    )

    comment.refresh_from_db()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    assert comment.status == Status.DELETED
    assert stored_count(article) == 0
    html = page_html(client, article)
    assert f'id="comment-{comment.pk}"' not in html  # no replies: it disappears
    assert "삭제된 댓글입니다" not in html
    assert "댓글을 삭제했습니다." in html


def test_a_wrong_password_is_refused_and_the_comment_kept(client, article):
    comment = posted(client, article, password="right-one")
    url = reverse("articles:comment-delete", args=[comment.pk])

    page = client.post(url, {"password": "wrong-one"})
    fetched = client.post(url, {"password": ""}, **JSON)

    comment.refresh_from_db()
    assert page.status_code == 403
    assert "비밀번호가 맞지 않습니다. 댓글은 삭제되지 않았습니다." in page.content.decode()
    assert fetched.status_code == 403
    assert fetched.json()["message"] == "비밀번호가 맞지 않습니다. 댓글은 삭제되지 않았습니다."
    assert comment.status == Status.VISIBLE
    assert stored_count(article) == 1


def test_a_deleted_comment_with_replies_keeps_its_place(client, article):
    parent = posted(client, article, body="원래 댓글", password="pass12")
    reply = posted(client, article, body="그 댓글에 단 답글", parent=parent.pk)

    response = client.post(
        reverse("articles:comment-delete", args=[parent.pk]), {"password": "pass12"}, **JSON
    )

    assert response.json() == {
        "ok": True,
        "message": "댓글을 삭제했습니다.",
        "comment_count": 1,
        "keeps_place": True,
    }
    item = comment_item(page_html(client, article), parent.pk)
    assert "삭제된 댓글입니다." in item
    assert "원래 댓글" not in item
    assert "그 댓글에 단 답글" in item
    assert f'id="comment-{reply.pk}"' in item


def test_staff_post_with_a_badge_and_no_password(client, article, django_user_model):
    reporter_user = django_user_model.objects.create_user("jiwoo", is_staff=True)
    make_reporter("한지우", user=reporter_user)
    editor = django_user_model.objects.create_user("desk", is_staff=True)
    article.comment_policy = Article.CommentPolicy.PREMODERATED
    article.save()

    client.force_login(reporter_user)
    html = page_html(client, article)
    assert 'name="nickname"' not in html and 'name="password"' not in html
    post(client, article, nickname="", password="", body="취재 기자입니다. 정정합니다.")
    client.force_login(editor)
    post(client, article, nickname="", password="", body="편집국 알림입니다.")

    by_reporter, by_editor = Comment.objects.order_by("pk")
    assert (by_reporter.nickname, by_reporter.author, by_reporter.status) == (
        "한지우",
        reporter_user,
        Status.VISIBLE,  # staff skip pre-moderation
    )
    assert by_reporter.password == ""
    assert (by_editor.nickname, by_editor.author) == ("desk", editor)
    client.logout()
    html = page_html(client, article)
    assert '<span class="comment__badge">기자</span>' in comment_item(html, by_reporter.pk)
    assert '<span class="comment__badge">편집자</span>' in comment_item(html, by_editor.pk)


def test_staff_delete_their_own_comment_without_a_password(client, article, django_user_model):
    editor = django_user_model.objects.create_user("desk", is_staff=True)
    other = django_user_model.objects.create_user("other", is_staff=True)
    client.force_login(editor)
    post(client, article, nickname="", password="", body="편집국 공지")
    comment = Comment.objects.get()
    url = reverse("articles:comment-delete", args=[comment.pk])

    client.force_login(other)
    assert client.post(url, {"password": ""}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Status.VISIBLE  # another editor's comment stays
    client.force_login(editor)
    assert client.post(url, {"password": ""}).status_code == 303
    comment.refresh_from_db()
    assert comment.status == Status.DELETED


# Replies


def test_replies_are_one_level_deep(client, article):
    top = posted(client, article, body="원댓글")
    reply = posted(client, article, body="답글", parent=top.pk)
    reply_to_reply = posted(client, article, body="답글의 답글", parent=reply.pk)

    assert reply.parent == top
    assert reply_to_reply.parent == top  # attached to the top-level comment
    html = page_html(client, article)
    item = comment_item(html, top.pk)
    assert f'id="comment-{reply.pk}"' in item and f'id="comment-{reply_to_reply.pk}"' in item
    assert item.index("답글의 답글") > item.index(">답글<")  # oldest reply first
    assert stored_count(article) == 3


def test_replying_to_a_comment_elsewhere_or_removed_is_refused(client, article):
    other = make_comment(make_article("다른 기사"))
    gone = make_comment(article, status=Status.DELETED)
    held = make_comment(article, status=Status.PENDING)

    for parent, message in [
        (other, MESSAGES["parent_missing"]),
        (gone, MESSAGES["parent_closed"]),
        (held, MESSAGES["parent_closed"]),
        (999_999, MESSAGES["parent_missing"]),
    ]:
        pk = parent if isinstance(parent, int) else parent.pk
        response = post(client, article, json=True, parent=pk)
        assert response.status_code == 400
        assert response.json()["errors"]["parent"] == [message]
    assert Comment.objects.filter(body="좋은 기사 잘 읽었습니다.").count() == 0


def test_a_refused_reply_says_why_and_is_no_longer_a_reply(client, article):
    gone = make_comment(article, status=Status.DELETED)
    html = post(client, article, parent=gone.pk, body="답글로 쓰던 글").content.decode()

    assert escape(MESSAGES["parent_closed"]) in error_for(html, "form")
    assert 'name="parent" value=""' in html
    assert "답글로 쓰던 글</textarea>" in html


def test_a_hidden_comment_with_replies_keeps_its_place(client, article):
    top = make_comment(article, "숨겨질 댓글")
    make_comment(article, "남는 답글", parent=top)
    alone = make_comment(article, "답글 없이 숨겨질 댓글")
    comments.moderate(comments=Comment.objects.filter(pk__in=[top.pk, alone.pk]), action="hide")

    html = page_html(client, article)
    item = comment_item(html, top.pk)
    assert "운영 원칙에 따라 숨겨진 댓글입니다." in item
    assert "숨겨질 댓글" not in item and "남는 답글" in item
    assert f'id="comment-{alone.pk}"' not in html
    assert stored_count(article) == 1


def test_a_reply_link_opens_the_form_for_that_comment(client, article):
    top = make_comment(article, nickname="첫독자")
    html = page_html(client, article, f"?reply={top.pk}")
    assert f'name="parent" value="{top.pk}"' in html
    assert "<span data-replying-name>첫독자</span>님의 댓글에 답글을 씁니다." in html
    assert f'href="{article.get_absolute_url()}?reply={top.pk}#comment-form"' in html

    # Each reply link has its form, and the page without one has none (the shared page keeps
    # its form apart from the page).
    other = make_comment(article, nickname="둘째독자")
    html = page_html(client, article, f"?reply={other.pk}")
    assert f'name="parent" value="{other.pk}"' in html
    assert "<span data-replying-name>둘째독자</span>님의" in html
    html = page_html(client, article)
    assert 'name="parent" value=""' in html
    assert "<span data-replying-name></span>" in html


# 공감 · 비공감


def test_a_visitor_has_one_vote_per_comment_and_can_take_it_back(client, article):
    comment = make_comment(article)
    url = reverse("articles:comment-vote", args=[comment.pk])

    def press(value, who=client):
        response = who.post(url, {"value": value}, **JSON)
        assert response.status_code == 200
        return response.json()

    first = press("up")
    someone_else = press("down", Client())
    moved = press("down")
    taken_back = press("down")

    assert first == {
        "ok": True,
        "vote": "up",
        "message": "공감을 눌렀습니다.",
        "like_count": 1,
        "dislike_count": 0,
    }
    assert someone_else["dislike_count"] == 1
    assert (moved["vote"], moved["like_count"], moved["dislike_count"]) == ("down", 0, 2)
    assert taken_back == {
        "ok": True,
        "vote": None,
        "message": "비공감을 취소했습니다.",
        "like_count": 0,
        "dislike_count": 1,
    }
    comment.refresh_from_db()
    assert (comment.like_count, comment.dislike_count) == (0, 1)
    assert CommentVote.objects.count() == 1
    # The visitor sees their choice: nothing pressed once taken back, then 공감 again.
    item = comment_item(page_html(client, article), comment.pk)
    assert 'value="up" aria-pressed="false"' in item
    assert 'value="down" aria-pressed="false"' in item
    assert press("up")["like_count"] == 1
    item = comment_item(page_html(client, article), comment.pk)
    assert 'value="up" aria-pressed="true"' in item


def test_voting_without_javascript_returns_to_the_comment(client, article):
    comment = make_comment(article)
    response = client.post(
        reverse("articles:comment-vote", args=[comment.pk]),
        {"value": "down", "next": article.get_absolute_url() + "?sort=likes"},
    )
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}?sort=likes#comment-{comment.pk}"
    again = client.post(reverse("articles:comment-vote", args=[comment.pk]), {"value": "down"})
    assert again.status_code == 303
    assert "비공감을 취소했습니다." in client.get(again["Location"]).content.decode()
    comment.refresh_from_db()
    assert comment.dislike_count == 0


def test_the_next_address_never_leaves_the_site(client, article):
    comment = make_comment(article)
    response = client.post(
        reverse("articles:comment-vote", args=[comment.pk]),
        {"value": "up", "next": "https://evil.example.com/"},
    )
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"


def test_votes_on_a_hidden_comment_are_refused(client, article):
    hidden = make_comment(article, status=Status.HIDDEN)
    response = client.post(reverse("articles:comment-vote", args=[hidden.pk]), {"value": "up"})
    assert response.status_code == 400
    hidden.refresh_from_db()
    assert (hidden.like_count, hidden.dislike_count) == (0, 0)
    assert not CommentVote.objects.filter(comment=hidden).exists()


# 신고


def test_reports_fold_a_comment_past_the_threshold(client, article, settings):
    settings.COMMENT_REPORT_THRESHOLD = 2
    comment = make_comment(article, body="문제의 댓글")
    url = reverse("articles:comment-report", args=[comment.pk])

    first = client.post(url, **JSON)
    again = client.post(url, **JSON)
    assert first.json() == {
        "ok": True,
        "folded": False,
        "message": "신고가 접수되었습니다. 편집국이 검토합니다.",
    }
    assert again.status_code == 409
    assert again.json()["message"] == "이미 신고한 댓글입니다."
    comment.refresh_from_db()
    assert comment.report_count == 1  # the second report counted nothing
    assert "신고로 가려진 댓글입니다" not in page_html(client, article)

    second = Client(REMOTE_ADDR="10.0.0.2").post(url, **JSON)  # a reader elsewhere
    assert second.json()["folded"] is True
    comment.refresh_from_db()
    assert comment.report_count == 2
    assert comment.status == Status.VISIBLE  # still counted, only folded
    assert stored_count(article) == 1

    item = comment_item(page_html(Client(), article), comment.pk)
    # Folded in a <details>: the reader can still unfold it, without any script.
    assert re.search(
        r'<details class="comment__fold" data-fold>\s*<summary>신고로 가려진 댓글입니다\.', item
    )
    assert re.search(r"</summary>\s*<p class=\"comment__body\">문제의 댓글</p>\s*</details>", item)
    # The reporter sees their report.
    assert "신고함" in comment_item(page_html(client, article), comment.pk)


# Policies


def test_a_closed_article_says_so_and_takes_no_comment(client, article):
    make_comment(article, body="닫기 전에 남긴 댓글")
    article.comment_policy = Article.CommentPolicy.CLOSED
    article.save()

    html = page_html(client, article)
    assert "이 기사는 댓글을 닫았습니다." in html
    assert "data-comment-form" not in html
    assert "닫기 전에 남긴 댓글" in html
    assert ">답글" not in html
    response = post(client, article, body="닫힌 줄 모르고 쓴 <긴> 댓글")
    assert response.status_code == 403
    refused = response.content.decode()
    assert "이 기사는 댓글을 받지 않습니다." in refused
    # Closed while the reader was writing: what they wrote is handed back, not lost.
    assert "닫힌 줄 모르고 쓴 &lt;긴&gt; 댓글</textarea>" in refused
    assert post(client, article, json=True).json()["message"] == "이 기사는 댓글을 받지 않습니다."
    assert Comment.objects.count() == 1


def test_a_premoderated_article_holds_comments_and_tells_the_writer(client, article):
    article.comment_policy = Article.CommentPolicy.PREMODERATED
    article.save()

    assert "이 기사의 댓글은 편집국 검토를 거친 뒤 게시됩니다." in page_html(client, article)
    response = post(client, article, body="검토를 기다리는 댓글")
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert comment.status == Status.PENDING
    assert stored_count(article) == 0

    html = page_html(client, article)
    assert "댓글이 접수되었습니다. 편집국 검토를 거친 뒤 게시됩니다." in html
    # The writer sees it marked as waiting; nobody else sees it.
    assert "검토 후 게시됩니다" in comment_item(html, comment.pk)
    assert "검토를 기다리는 댓글" not in page_html(Client(), article)
    assert post(client, article, json=True).json()["message"] == (
        "댓글이 접수되었습니다. 편집국 검토를 거친 뒤 게시됩니다."
    )

    comments.moderate(comments=Comment.objects.filter(pk=comment.pk), action="approve")
    assert stored_count(article) == 1
    assert "검토를 기다리는 댓글" in page_html(Client(), article)


def test_banned_words_hold_a_comment_for_review(client, article):
    BannedWord.objects.create(word="바보")

    jamo = "\u1107\u1161\u1107\u1169 같다"  # 바보 spelled in conjoining jamo
    for body in ["이런 바보 같은 정책", "바 보.같은", jamo, "괜찮은 정책"]:
        post(client, article, body=body)

    held = set(Comment.objects.filter(status=Status.PENDING).values_list("body", flat=True))
    assert held == {"이런 바보 같은 정책", "바 보.같은", "\u1107\u1161\u1107\u1169 같다"}
    assert Comment.objects.get(status=Status.VISIBLE).body == "괜찮은 정책"
    assert stored_count(article) == 1


# The count, everywhere


def test_comment_count_stays_exact_through_every_path(client, article, settings, admin_client):
    settings.COMMENT_RATE_PER_VISITOR = "100/m"

    def check(expected):
        assert stored_count(article) == visible_count(article) == expected

    first = posted(client, article, password="pass12")
    check(1)
    reply = posted(client, article, parent=first.pk)
    check(2)
    third = posted(client, article)
    check(3)
    BannedWord.objects.create(word="금칙어")
    held = posted(client, article, body="금칙어 포함")
    check(3)
    client.post(reverse("articles:comment-delete", args=[first.pk]), {"password": "pass12"})
    check(2)
    client.post(reverse("articles:comment-delete", args=[first.pk]), {"password": "pass12"})
    check(2)  # deleting twice subtracts once

    changelist = reverse("admin:articles_comment_changelist")
    act = {"action": "approve", "_selected_action": [held.pk, first.pk]}
    admin_client.post(changelist, act)
    check(3)  # the held one is published; the deleted one stays deleted
    admin_client.post(changelist, {"action": "hide", "_selected_action": [reply.pk, third.pk]})
    check(1)
    admin_client.post(changelist, {"action": "hide", "_selected_action": [reply.pk]})
    check(1)
    admin_client.post(changelist, {"action": "approve", "_selected_action": [reply.pk]})
    check(2)
    admin_client.post(changelist, {"action": "soft_delete", "_selected_action": [held.pk]})
    check(1)
    change = reverse("admin:articles_comment_change", args=[third.pk])
    assert admin_client.post(change, {"status": Status.VISIBLE}).status_code == 302
    check(2)

    # The count shows on the article page and in article lists.
    assert re.search(r"댓글 <span[^>]*>2</span>", page_html(client, article))
    home = Client().get(reverse("articles:home")).content.decode()
    assert '<span class="card__comments">댓글 2</span>' in home


# Sorting and pagination


def test_sorting_latest_and_by_likes(client, article):
    old_popular = make_comment(article, "오래됐지만 공감 많은 댓글", like_count=9)
    middle = make_comment(article, "중간 댓글", like_count=3)
    newest = make_comment(article, "가장 새 댓글", like_count=0)

    def order(html):
        return [int(pk) for pk in re.findall(r'<li class="comment" id="comment-(\d+)"', html)]

    assert order(page_html(client, article)) == [newest.pk, middle.pk, old_popular.pk]
    likes = page_html(client, article, "?sort=likes")
    assert order(likes) == [old_popular.pk, middle.pk, newest.pk]
    assert f'href="/news/{article.pk}/?sort=likes#comments" aria-current="true">공감순' in likes


def test_a_long_thread_shows_a_first_page_and_more(client, article, settings):
    settings.COMMENT_PAGE_SIZE = 3
    made = [make_comment(article, f"댓글 {n}번") for n in range(7)]
    newest_first = [c.pk for c in reversed(made)]

    def ids(html):
        return [int(pk) for pk in re.findall(r'<li class="comment" id="comment-(\d+)"', html)]

    html = page_html(client, article)
    comments_url = reverse("articles:comments", args=[article.pk])
    assert ids(html) == newest_first[:3]
    assert f'href="{comments_url}?sort=latest&amp;page=2" data-more>더보기</a>' in html

    # Without JavaScript, 더보기 is a plain link to a full page with page links.
    second = client.get(comments_url, {"page": 2})
    assert second.status_code == 200
    second_html = second.content.decode()
    assert "<html" in second_html
    assert ids(second_html) == newest_first[3:6]
    assert 'rel="prev">이전</a>' in second_html and 'rel="next">다음</a>' in second_html
    # The side boxes, as on every page.
    assert re.search(rf'id="box-top-news".*?<a href="/news/{article.pk}/">', second_html, re.S)
    third = client.get(comments_url, {"page": 3}).content.decode()
    assert ids(third) == newest_first[6:]
    assert 'rel="next"' not in third

    # With JavaScript, the same address gives just the items to append.
    fragment = client.get(comments_url, {"page": 2, "fragment": 1}).content.decode()
    assert "<html" not in fragment
    assert ids(fragment) == newest_first[3:6]
    assert "page=3" in fragment and "data-more" in fragment

    assert client.get(comments_url, {"page": 9}).status_code == 404
    # What is no page number is dropped like any made-up parameter: the first page.
    assert client.get(comments_url, {"page": "9" * 30}).status_code == 200
    assert client.get(comments_url, {"page": "둘"}).status_code == 200


def test_a_reply_posted_without_javascript_returns_to_the_page_holding_it(
    client, article, settings
):
    settings.COMMENT_PAGE_SIZE = 2
    old = make_comment(article, "오래된 댓글")
    for n in range(3):
        make_comment(article, f"새 댓글 {n}")

    response = post(client, article, parent=old.pk, body="오래된 댓글에 답글")

    reply = Comment.objects.get(body="오래된 댓글에 답글")
    url = reverse("articles:comments", args=[article.pk])
    assert response["Location"] == f"{url}?page=2#comment-{reply.pk}"
    assert f'id="comment-{reply.pk}"' in client.get(response["Location"]).content.decode()


# Escaping

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "</textarea><script>alert(1)</script>",
    "{{ request }} {% csrf_token %}",
]


@pytest.mark.parametrize("payload", XSS)
def test_what_readers_write_is_plain_text_in_the_page(client, article, payload, admin_client):
    comment = posted(client, article, nickname="<b>닉</b>", body=f"{payload}\n둘째 줄")

    html = page_html(client, article)
    item = comment_item(html, comment.pk)
    markup = escape(payload) != payload  # template syntax is no markup: it must show as is
    assert not markup or payload not in html
    assert f"{escape(payload)}<br>둘째 줄" in item
    assert "&lt;b&gt;닉&lt;/b&gt;" in item
    fetched = post(client, article, json=True, body=payload).json()["html"]
    assert (not markup or payload not in fetched) and escape(payload) in fetched
    fragment = client.get(
        reverse("articles:comments", args=[article.pk]), {"fragment": 1}
    ).content.decode()
    assert escape(payload) in fragment and (not markup or payload not in fragment)

    # A refused form puts the text back into the textarea, escaped too.
    refused = post(client, article, body=payload, password="").content.decode()
    assert not markup or payload not in refused
    assert f"data-comment-body>\n{escape(payload)}</textarea>" in refused

    for url in [
        reverse("admin:articles_comment_changelist"),
        reverse("admin:articles_comment_change", args=[comment.pk]),
    ]:
        admin_html = admin_client.get(url).content.decode()
        assert not markup or payload not in admin_html
        assert escape(payload) in admin_html
        assert "<b>닉</b>" not in admin_html


# Queries


def thread_of(article, count):
    """`count` top-level comments, each with two replies, a staff one and a folded one."""
    staff = make_reporter("기자", handle=f"staff{article.pk}")
    for n in range(count):
        top = Comment.objects.create(article=article, nickname=f"독자{n}", body=f"댓글 {n}")
        Comment.objects.create(article=article, parent=top, nickname="답글러", body="답글")
        Comment.objects.create(article=article, parent=top, nickname="답글러2", body="답글2")
    Comment.objects.create(article=article, nickname="신고됨", body="가려짐", report_count=5)
    Comment.objects.create(article=article, nickname="삭제됨", body="x", status=Status.DELETED)
    return staff


def test_the_comment_part_of_the_page_takes_a_fixed_number_of_queries(
    article, rf, django_assert_num_queries, settings
):
    from django.contrib.auth.models import AnonymousUser

    thread_of(article, 25)
    CommentVote.objects.create(comment=Comment.objects.first(), visitor="v1", value="up")

    def request(visitor, is_new):
        request = rf.get(article.get_absolute_url())
        request.user, request.visitor, request.visitor_is_new = AnonymousUser(), visitor, is_new
        return request

    # A new visitor: the comments and their replies.
    with django_assert_num_queries(2):
        context = comment_box(request=request("new", True), article=article)
        assert len(context["comment_thread"]["comments"]) == settings.COMMENT_PAGE_SIZE
    # A returning visitor: and their votes and reports.
    with django_assert_num_queries(4):
        context = comment_box(request=request("v1", False), article=article)
        assert len(context["comment_thread"]["comments"]) == settings.COMMENT_PAGE_SIZE


@pytest.mark.parametrize("top_level", [1, 25])
def test_the_article_page_with_comments_takes_a_pinned_number_of_queries(
    client, article, django_assert_num_queries, top_level, settings
):
    thread_of(article, top_level)
    settings.PAGE_CACHE = False
    client.get(make_article("다른 기사").get_absolute_url())  # the site-wide fragments

    # The article page's own queries, 2 of them for comments (comments, replies), whether the
    # thread has one comment or a full page with replies, badges and folds.
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(article.get_absolute_url())
    html = response.content.decode()
    # The folded comment is the newest listed; the deleted one without replies is not listed.
    assert "신고로 가려진 댓글입니다" in html
    assert html.count('class="comment comment--reply"') == 2 * min(top_level, 19)


# article, bylines, photos, tags, related, corrections, 이전/다음 기사, comments, replies
PAGE_QUERIES = 9


# The desk


def test_the_moderation_queue_puts_pending_and_reported_first(admin_client, article, settings):
    settings.COMMENT_REPORT_THRESHOLD = 3
    fine = make_comment(article, "평범한 댓글")
    reported = make_comment(article, "신고 두 건", report_count=2)
    folded = make_comment(article, "신고 다섯 건", report_count=5)
    pending = make_comment(article, "승인 대기", status=Status.PENDING)
    make_comment(article, "숨긴 댓글", status=Status.HIDDEN, report_count=9)

    url = reverse("admin:articles_comment_changelist")
    queue = admin_client.get(url, {"review": "needed"})
    listed = [row.pk for row in queue.context["cl"].result_list]
    assert listed == [folded.pk, reported.pk, pending.pk]
    html = queue.content.decode()
    for text in ["신고 다섯 건", "수출 회복세, 하반기에도 이어질까", "검토 대기"]:
        assert text in html

    everything = [row.pk for row in admin_client.get(url).context["cl"].result_list]
    assert everything[:3] == [folded.pk, reported.pk, pending.pk]
    assert fine.pk in everything[3:]

    only_folded = admin_client.get(url, {"review": "folded"}).context["cl"].result_list
    assert [row.pk for row in only_folded] == [folded.pk]


def test_the_desk_searches_by_nickname_and_text(admin_client, article):
    by_nickname = make_comment(article, "아무 말", nickname="반도체덕후")
    by_text = make_comment(article, "금리 인하가 답입니다")
    make_comment(article, "관계없는 댓글")
    url = reverse("admin:articles_comment_changelist")

    def found(q):
        return [row.pk for row in admin_client.get(url, {"q": q}).context["cl"].result_list]

    assert found("반도체") == [by_nickname.pk]
    assert found("금리 인하") == [by_text.pk]


def test_approving_clears_reports_and_unfolds(admin_client, article, settings):
    settings.COMMENT_REPORT_THRESHOLD = 2
    comment = make_comment(article, "오해받은 댓글", report_count=4)
    assert "신고로 가려진 댓글입니다" in page_html(Client(), article)

    admin_client.post(
        reverse("admin:articles_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )

    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Status.VISIBLE, 0)
    assert "신고로 가려진 댓글입니다" not in page_html(Client(), article)


def test_the_admin_offers_soft_delete_only(admin_client, article):
    comment = make_comment(article)
    changelist = admin_client.get(reverse("admin:articles_comment_changelist"))
    actions = [name for name, _label in changelist.context["action_form"].fields["action"].choices]
    assert actions == ["", "approve", "hide", "soft_delete"]
    delete_url = reverse("admin:articles_comment_delete", args=[comment.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_banned_words_are_edited_in_the_admin(admin_client, client, article):
    response = admin_client.post(reverse("admin:articles_bannedword_add"), {"word": " 사기꾼 "})
    assert response.status_code == 302
    assert BannedWord.objects.get().word == "사기꾼"
    post(client, article, body="저 사람 사기꾼이에요")
    assert Comment.objects.get().status == Status.PENDING


# Pages that are not public


def test_comments_of_an_unpublished_article_are_not_reachable(client):
    draft = make_article("작성 중인 기사", status=Article.Status.DRAFT)
    comment = Comment.objects.create(article=draft, nickname="a", body="b")
    assert post(client, draft).status_code == 404
    assert client.get(reverse("articles:comments", args=[draft.pk])).status_code == 404
    vote_url = reverse("articles:comment-vote", args=[comment.pk])
    assert client.post(vote_url, {"value": "up"}).status_code == 404
    assert list(Comment.objects.filter(article=draft)) == [comment]
    comment.refresh_from_db()
    assert comment.like_count == 0
    assert not CommentVote.objects.exists()


def test_the_desk_group_moderates_comments(client, article, django_user_model):
    from django.contrib.auth.models import Group

    from articles import roles

    desk = django_user_model.objects.create_user("desk1", is_staff=True)
    desk.groups.add(Group.objects.get(name=roles.DESK))
    pending = make_comment(article, "기다리는 댓글", status=Status.PENDING)
    client.force_login(desk)

    response = client.post(
        reverse("admin:articles_comment_changelist"),
        {"action": "approve", "_selected_action": [pending.pk]},
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.VISIBLE
    assert stored_count(article) == 1


def test_delete_comment_says_whether_it_deleted_and_deletes_once(article):
    """delete_comment() reports True for the delete that happened and leaves the comment it was
    given marked deleted; a second delete, or one of a comment already gone, reports False and
    changes no count."""
    kept = make_comment(article, "남는 댓글")
    gone = make_comment(article, "지울 댓글")
    assert Article.objects.get(pk=article.pk).comment_count == 2

    assert comments.delete_comment(comment=gone) is True
    assert gone.status == Comment.Status.DELETED
    assert Comment.objects.get(pk=gone.pk).status == Comment.Status.DELETED
    assert Article.objects.get(pk=article.pk).comment_count == 1

    assert comments.delete_comment(comment=Comment.objects.get(pk=gone.pk)) is False
    assert Article.objects.get(pk=article.pk).comment_count == 1

    Comment.objects.filter(pk=kept.pk).delete()
    assert comments.delete_comment(comment=kept) is False
    assert kept.status == Comment.Status.VISIBLE
