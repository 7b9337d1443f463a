"""What a reader without an account cannot do to the comments, whatever they try."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.actions import comments
from articles.forms import MESSAGES
from articles.models import BannedWord, Comment
from articles.queries.comments import is_folded
from tests.comment_forms import JSON, comment_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("댓글 방어 시험 기사")


def send(article, client=None, **fields):
    data = comment_data(article, **{"nickname": "독자", "body": "평범한 의견입니다.", **fields})
    client = client or Client()  # a new visitor each time: no cookie kept
    return client.post(reverse("articles:comment-post", args=[article.pk]), data, **JSON)


def test_the_same_text_from_one_address_is_refused_however_many_cookies(article):
    first = send(article, body="광고 문구 http://spam.example 지금 바로")
    assert first.status_code == 201
    for _ in range(5):
        again = send(article, body="광고  문구 http://spam.example 지금 바로!")  # a space more
        assert again.status_code == 400
        assert again.json()["errors"]["body"] == [MESSAGES["duplicate"]]
    other = make_article("다른 기사")
    assert send(other, body="광고 문구 http://spam.example 지금 바로").status_code == 400
    assert Comment.objects.count() == 1
    assert send(article, body="전혀 다른 의견입니다.").status_code == 201


@pytest.fixture
def deletable(article):
    comment = comments.post_comment(
        article=article, body="지울 수 있는 댓글", nickname="독자", password="right-password"
    )
    return comment, reverse("articles:comment-delete", args=[comment.pk])


def try_delete(url, password, address="198.51.100.7"):
    return Client(REMOTE_ADDR=address).post(url, {"password": password}, **JSON)


def test_guessing_a_delete_password_stops_after_a_few_tries_from_one_address(deletable):
    comment, url = deletable
    statuses = [try_delete(url, f"guess-{n}").status_code for n in range(8)]
    assert statuses == [403] * 5 + [429] * 3
    # From the guessing address even the right password waits: the limit comes before any
    # hashing.
    late = try_delete(url, "right-password")
    assert late.status_code == 429
    assert late.json()["message"] == (
        "이 곳에서 비밀번호를 너무 여러 번 틀렸습니다. 한 시간 뒤에 다시 시도할 수 있습니다."
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_strangers_guessing_do_not_stop_the_writer_deleting(deletable):
    comment, url = deletable
    for number in range(10):  # ten strangers, five wrong guesses each
        for guess in range(5):
            assert try_delete(url, f"guess-{guess}", f"203.0.113.{number}").status_code == 403
    writer = try_delete(url, "right-password", "198.51.100.200")
    assert writer.status_code == 200
    assert writer.json()["message"] == "댓글을 삭제했습니다."
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED


def test_guesses_from_one_ipv6_network_are_counted_together(deletable):
    comment, url = deletable
    statuses = [
        try_delete(url, f"guess-{n}", f"2001:db8:77:1::{n + 1:x}").status_code for n in range(7)
    ]
    assert statuses == [403] * 5 + [429] * 2
    assert try_delete(url, "right-password", "2001:db8:77:2::1").status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED


def test_one_address_cannot_spread_its_guesses_over_many_comments(article, settings):
    settings.COMMENT_DELETE_RATE_PER_CLIENT = "6/h"
    targets = [
        comments.post_comment(
            article=article, body=f"댓글 {n}", nickname="독자", password="pw-123456"
        )
        for n in range(4)
    ]
    statuses = [
        Client()
        .post(reverse("articles:comment-delete", args=[target.pk]), {"password": "x"}, **JSON)
        .status_code
        for target in targets
        for _ in range(2)
    ]
    assert statuses == [403] * 6 + [429] * 2


@pytest.mark.parametrize("hidden", ["\u034f", "\u2061", "\ufe0f", "\u00ad", "\u180e", "\u200b"])
def test_invisible_characters_do_not_slip_a_banned_word_through(article, hidden):
    BannedWord.objects.create(word="바보")
    response = send(article, body=f"정말 바{hidden}보 같은 정책이다")
    assert response.status_code == 201
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize("nickname", ["관\u034f리자", "편집\u2061자", "운영\u180e자", "독\u200b자"])
def test_nicknames_with_invisible_characters_are_refused(article, nickname):
    response = send(article, nickname=nickname)
    assert response.status_code == 400
    assert response.json()["errors"]["nickname"] == [MESSAGES["nickname_invisible"]]
    assert not Comment.objects.exists()


def test_a_column_of_combining_marks_is_refused_but_real_writing_passes(article):
    zalgo = "가" + "\u0301" * 280
    refused = send(article, body=zalgo * 3)
    assert refused.status_code == 400
    assert refused.json()["errors"]["body"] == [MESSAGES["marks"].format(limit=4)]
    for text in (
        "Tiếng Việt có dấu: ệ ậ ổ",
        "e\u0301 cafe\u0301",
        "👨🏻‍👩🏻‍👧🏻‍👦🏻 가족",
        "1\ufe0f\u20e3 키캡",
    ):
        assert send(article, body=text).status_code == 201, text


def test_a_refused_form_never_sends_the_password_back(article):
    response = Client().post(
        reverse("articles:comment-post", args=[article.pk]),
        {"nickname": "", "password": "my-secret-pw", "body": "내용", "token": "x"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "my-secret-pw" not in html
    assert "보안을 위해 비밀번호는 다시 입력해 주세요." in html


SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def test_reports_from_one_address_fold_nothing_however_many_cookies(article, settings):
    settings.COMMENT_REPORT_THRESHOLD = 3
    target = comments.post_comment(
        article=article, body="멀쩡한 의견", nickname="독자", password="pw-123456"
    )
    url = reverse("articles:comment-report", args=[target.pk])
    for _ in range(5):
        Client().post(url, **SAME_ORIGIN, **JSON)  # a new cookie each time, the same address
    target.refresh_from_db()
    assert target.report_count == 1
    assert not is_folded(target)

    # Readers at three different addresses do fold it.
    for address in ("10.0.0.2", "10.0.0.3"):
        Client(REMOTE_ADDR=address).post(url, **SAME_ORIGIN, **JSON)
    target.refresh_from_db()
    assert target.report_count == 3
    assert is_folded(target)


def test_votes_from_one_address_on_one_comment_are_bounded(article, settings):
    settings.COMMENT_VOTE_RATE_PER_CLIENT_COMMENT = "5/h"
    target = comments.post_comment(
        article=article, body="비공감 표적", nickname="독자", password="pw-123456"
    )
    url = reverse("articles:comment-vote", args=[target.pk])
    statuses = [
        Client().post(url, {"value": "down"}, **SAME_ORIGIN, **JSON).status_code for _ in range(12)
    ]
    assert statuses == [200] * 5 + [429] * 7
    target.refresh_from_db()
    assert target.dislike_count == 5


def test_presses_from_one_address_on_one_article_are_bounded(article, settings):
    settings.REACTION_RATE_PER_CLIENT_ARTICLE = "10/h"
    url = reverse("articles:react", args=[article.pk])
    statuses = [
        Client().post(url, {"kind": "angry"}, **SAME_ORIGIN, **JSON).status_code for _ in range(15)
    ]
    assert statuses == [200] * 10 + [429] * 5
    article.refresh_from_db()
    assert article.angry_count == 10
    # Another article, or another address, is not held back.
    assert (
        Client()
        .post(
            reverse("articles:react", args=[make_article().pk]),
            {"kind": "angry"},
            **SAME_ORIGIN,
            **JSON,
        )
        .status_code
        == 200
    )
    assert (
        Client(REMOTE_ADDR="10.0.0.9")
        .post(url, {"kind": "angry"}, **SAME_ORIGIN, **JSON)
        .status_code
        == 200
    )
