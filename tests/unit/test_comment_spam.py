"""Comment spam: a form token is one comment per address, a password costs milliseconds, and
nothing is hashed for a post the limits refuse. The article page stays one page for everyone."""

import time

import pytest
from django.conf import global_settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.test import Client
from django.urls import reverse

from articles.actions import comments
from articles.forms import issue_token
from articles.models import Comment
from tests.comment_forms import JSON, form_token
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

SPENT = (
    "이 양식으로는 이미 댓글을 등록했습니다. 입력한 내용은 그대로 있으니 한 번 더 등록해 주세요."
)


@pytest.fixture
def article():
    return make_article("댓글 도배 시험 기사")


def form(token, number, **fields):
    return {
        "nickname": "도배꾼",
        "password": "s3cret-pw",
        "body": f"서로 다른 광고 문구 {number}번",
        "token": token,
        **fields,
    }


def post(article, data, *, address="203.0.113.7", json=True):
    extra = {"REMOTE_ADDR": address, **(JSON if json else {})}
    return Client().post(reverse("articles:comment-post", args=[article.pk]), data, **extra)


def test_one_token_is_one_comment_per_address(article):
    token = issue_token(article.pk, issued_at=time.time() - 60)
    answers = [post(article, form(token, number)) for number in range(5)]
    assert [answer.status_code for answer in answers] == [201, 400, 400, 400, 400]
    assert Comment.objects.count() == 1
    refused = answers[1].json()
    assert refused["message"] == SPENT
    # A fresh token to send again with: the text is still in the reader's form.
    assert refused["token"] != token
    # The reader wrote the text already: sent again at once, it goes through, once.
    assert post(article, form(refused["token"], 1)).status_code == 201
    assert post(article, form(refused["token"], 2)).status_code == 400
    assert Comment.objects.count() == 2


def test_readers_behind_one_address_do_not_spend_each_others_token(article):
    # Two readers the site knows (each pressed a reaction before), behind one carrier address,
    # post with the token of the one shared page: both go through; each only once.
    token = issue_token(article.pk, issued_at=time.time() - 60)
    readers = [Client(), Client()]
    for reader in readers:
        reader.post(
            reverse("articles:react", args=[article.pk]),
            {"kind": "like"},
            REMOTE_ADDR="203.0.113.7",
            **JSON,
        )
        assert reader.cookies, "the site knows the reader by a cookie"
    url = reverse("articles:comment-post", args=[article.pk])
    answers = [
        reader.post(url, form(token, number), REMOTE_ADDR="203.0.113.7", **JSON).status_code
        for number, reader in enumerate(readers)
    ]
    assert answers == [201, 201]
    again = readers[0].post(url, form(token, 9), REMOTE_ADDR="203.0.113.7", **JSON)
    assert again.status_code == 400
    assert Comment.objects.count() == 2


def test_a_refused_form_without_javascript_keeps_what_was_typed(article):
    token = issue_token(article.pk, issued_at=time.time() - 60)
    assert post(article, form(token, 0), json=False).status_code == 303
    refused = post(article, form(token, 0, body="두 번째로 쓴 긴 의견입니다"), json=False)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert SPENT in html
    assert "두 번째로 쓴 긴 의견입니다" in html
    assert 'value="도배꾼"' in html
    assert form_token(html) != token
    assert refused["Cache-Control"] == "private, no-store"


def test_readers_at_other_addresses_post_with_the_token_of_the_shared_page(article):
    first = Client().get(article.get_absolute_url())
    second = Client().get(article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    token = form_token(first.content.decode())
    assert form_token(second.content.decode()) == token
    # The page was drawn just now: the readers take their time writing.
    token = issue_token(article.pk, issued_at=time.time() - 60)
    for number, address in enumerate(["203.0.113.7", "198.51.100.8", "192.0.2.9"]):
        assert post(article, form(token, number), address=address).status_code == 201
    assert Comment.objects.count() == 3


def test_the_next_comment_of_a_reader_goes_with_the_token_of_the_answer(article):
    token = issue_token(article.pk, issued_at=time.time() - 60)
    posted = post(article, form(token, 0))
    assert posted.status_code == 201
    fresh = posted.json()["token"]
    assert fresh != token
    assert post(article, form(fresh, 1)).status_code == 201
    assert post(article, form(fresh, 2)).status_code == 400
    assert Comment.objects.count() == 2


def test_a_comment_password_costs_milliseconds_and_still_lets_the_writer_delete(article):
    started = time.perf_counter()
    encoded = comments.hash_password("s3cret-pw")
    spent = time.perf_counter() - started
    assert encoded.startswith("pbkdf2_sha256$20000$")
    assert spent < 0.1
    comment = make_comment(article, "지울 댓글")
    Comment.objects.filter(pk=comment.pk).update(password=encoded)
    comment.refresh_from_db()
    assert comments.can_delete(comment=comment, password="s3cret-pw")
    assert not comments.can_delete(comment=comment, password="wrong-pw!")


def test_a_password_hashed_before_still_verifies(article, settings):
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    # Made as the site made them: Django's PBKDF2 at its own count (fewer here, for speed).
    old = PBKDF2PasswordHasher().encode("old-secret", "saltsaltsalt", iterations=100_000)
    comment = make_comment(article, "예전 댓글")
    Comment.objects.filter(pk=comment.pk).update(password=old)
    comment.refresh_from_db()
    assert comments.can_delete(comment=comment, password="old-secret")
    assert not comments.can_delete(comment=comment, password="old-secreT")
    settings.PASSWORD_HASHERS = [
        *global_settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    md5 = make_password("older-secret", hasher="md5")
    Comment.objects.filter(pk=comment.pk).update(password=md5)
    comment.refresh_from_db()
    assert comments.can_delete(comment=comment, password="older-secret")


def test_a_post_past_the_limit_hashes_nothing(article, settings, monkeypatch):
    settings.COMMENT_RATE_PER_CLIENT = "3/m"
    hashed = []
    real = comments.hash_password
    monkeypatch.setattr(comments, "hash_password", lambda pw: hashed.append(pw) or real(pw))
    statuses = [
        post(article, form(issue_token(article.pk, issued_at=time.time() - 60), n)).status_code
        for n in range(10)
    ]
    assert statuses == [201] * 3 + [429] * 7
    assert len(hashed) == 3
    assert Comment.objects.count() == 3
