"""반려 with a word to the reporter: the desk writes why, the reporter reads it in the mail and
at the top of the story's form, and the history keeps it."""

import pytest
from django.core import mail
from django.urls import reverse

from articles.roles import DESK, REPORTER
from tests.factories import make_article, make_reporter, make_staff
from tests.html_forms import change_form

pytestmark = pytest.mark.django_db

NOTE = "3문단의 수출액 수치 출처를 밝혀 주세요.\n제목은 20자 안으로 줄여 주세요."


def test_the_desk_sends_a_story_back_with_a_note_the_reporter_reads(
    client, django_capture_on_commit_callbacks
):
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo", user=user)
    story = make_article("반도체 수출 호조", reporters=[mine], status="review")
    client.force_login(make_staff("desk", DESK, first_name="데스크", last_name="한"))
    url = reverse("admin:articles_article_change", args=[story.pk])
    form = client.get(url).content.decode()
    assert ">반려</button>" in form and 'name="desk_note"' in form

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, change_form(story, _send_back="1", desk_note=NOTE), follow=True)
    assert "작성 중으로 돌려보냈습니다" in done.content.decode()
    story.refresh_from_db()
    assert story.status == "draft"
    [message] = mail.outbox
    assert message.subject == "[반려] 반도체 수출 호조"
    assert "데스크가 남긴 말:\n" + NOTE in message.body

    history = client.get(reverse("admin:articles_article_history", args=[story.pk]))
    assert "반려: 3문단의 수출액 수치 출처를 밝혀 주세요." in history.content.decode()

    client.force_login(user)
    page = client.get(url).content.decode()
    assert "한데스크님이" in page and "돌려보내며 남긴 말</h2>" in page
    assert "3문단의 수출액 수치 출처를 밝혀 주세요.<br>제목은 20자 안으로 줄여 주세요." in page
    assert 'name="desk_note"' not in page  # the desk's field, not the reporter's

    # Once the reporter saves again, the note has been read: it leaves the form.
    again = client.post(url, change_form(story, title="반도체 수출 14개월째 증가"))
    assert again.status_code == 302
    assert "돌려보내며 남긴 말" not in client.get(url).content.decode()
