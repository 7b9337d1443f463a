"""A 기자's own story once the desk has it: read-only, in Korean, the body as text, and a
history they may open (to read and compare, never to restore)."""

import re

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.roles import DESK, REPORTER
from tests.factories import make_article, make_reporter, make_staff
from tests.html_forms import change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_story(client):
    """A 기자's story, edited and published by the desk through the admin."""
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo", user=user)
    story = make_article(
        "내 출고 기사",
        reporters=[mine],
        status="review",
        body="<p>첫 문단 <strong>굵게</strong>.</p><p>둘째 &lt;script&gt; 문단.</p>",
    )
    client.force_login(make_staff("desk", DESK))
    url = reverse("admin:articles_article_change", args=[story.pk])
    assert client.post(url, change_form(story)).status_code == 302
    assert client.post(url, change_form(story, status="published")).status_code == 302
    client.force_login(user)
    return story


def test_the_read_only_view_is_headed_in_korean_and_shows_the_body_as_text(client, published_story):
    url = reverse("admin:articles_article_change", args=[published_story.pk])
    html = client.get(url).content.decode()

    assert "<h1>기사 보기</h1>" in html and "뷰 기사" not in html
    assert "<title>내 출고 기사 | 기사 보기 |" in html
    body = re.search(r'<div class="form-row field-body_display">.*?</div>\s*</div>', html, re.S)
    assert body is not None
    assert "<p>첫 문단 <strong>굵게</strong>.</p>" in body.group(0)
    assert "&lt;p&gt;" not in html  # no raw tags shown as text
    assert "<script>" not in body.group(0)  # what the sanitizer removed stays removed
    assert "Version" not in html
    assert "바로잡습니다 추가" not in html  # the desk's link, not the reporter's


def test_the_history_button_of_the_read_only_view_opens_a_history_without_restoring(
    client, published_story
):
    page = client.get(reverse("admin:articles_article_change", args=[published_story.pk]))
    link = re.search(r'<a href="([^"]+)" class="historylink">', page.content.decode()).group(1)
    history = client.get(link)
    assert history.status_code == 200
    html = history.content.decode()
    assert "고른 두 판 비교" in html
    assert "/revision/" not in html  # no restore links for someone who may not restore

    old, new = Version.objects.get_for_object(published_story).order_by("pk")[:2]
    compare = client.get(
        reverse("admin:articles_article_compare", args=[published_story.pk]),
        {"old": old.pk, "new": new.pk},
    )
    assert compare.status_code == 200
    assert "되돌리기" not in compare.content.decode()
    restore = client.get(
        reverse("admin:articles_article_revision", args=[published_story.pk, old.pk])
    )
    assert restore.status_code == 403
