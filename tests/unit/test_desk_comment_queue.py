"""The comment queue says which 금칙어 held a comment, in the list and on the comment's page."""

import re

import pytest
from django.urls import reverse

from articles.actions import comments
from articles.models import BannedWord, Comment
from articles.roles import DESK
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


def test_the_queue_names_the_banned_word_that_held_each_comment(client):
    BannedWord.objects.create(word="바보")
    BannedWord.objects.create(word="광고문의")
    article = make_article("금리 동결")
    held = comments.post_comment(
        article=article, body="이런 바 보 같은 정책이라니", nickname="독자", password="pw1234"
    )
    fine = comments.post_comment(
        article=article, body="좋은 기사 잘 읽었습니다", nickname="독자2", password="pw1234"
    )
    assert held.status == Comment.Status.PENDING and fine.status == Comment.Status.VISIBLE
    client.force_login(make_staff("desk", DESK))

    page = client.get(reverse("admin:articles_comment_changelist")).content.decode()
    assert "<th" in page and "걸린 금칙어" in page
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*이런 바 보 같은.*?</tr>", page, re.S).group(0)
    assert re.search(r'<td class="field-held_by">바보</td>', row)
    other = re.search(r"<tr[^>]*>(?:(?!</tr>).)*좋은 기사 잘.*?</tr>", page, re.S).group(0)
    assert '<td class="field-held_by">-</td>' in other

    detail = client.get(reverse("admin:articles_comment_change", args=[held.pk])).content
    assert re.search(r"걸린 금칙어:</label>\s*<div class=\"readonly\">바보</div>", detail.decode())
