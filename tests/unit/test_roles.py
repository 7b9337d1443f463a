from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import DESK, REPORTER
from tests.factories import make_article, make_reporter, make_section, make_staff
from tests.html_forms import article_form

pytestmark = pytest.mark.django_db


def form(section, **overrides):
    """A draft in the add form, with no byline or photo row."""
    draft = {
        "label": "",
        "title": "지역 상권 회복세",
        "deck": "",
        "body": "<p>골목 상권 매출이 늘었다.</p>",
        "tags": "",
        "status": "draft",
        "published_at_0": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%d"),
        "published_at_1": "09:00:00",
    }
    return article_form(section, **(draft | overrides))


def test_roles_exist_after_migrate_with_their_permissions():
    reporter = set(Group.objects.get(name=REPORTER).permissions.values_list("codename", flat=True))
    desk = set(Group.objects.get(name=DESK).permissions.values_list("codename", flat=True))

    assert {"add_article", "change_article", "add_photo"} <= reporter
    assert "publish_article" not in reporter and "delete_article" not in reporter
    assert {"publish_article", "delete_article", "change_comment", "change_curatedbox"} <= desk


def test_a_reporter_sees_only_their_own_articles(client):
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo_han", user=user)
    make_article("내가 쓴 초고", reporters=[mine], status=Article.Status.DRAFT)
    make_article("남이 쓴 기사", reporters=[make_reporter("문서윤", handle="seoyun")])
    client.force_login(user)

    page = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "내가 쓴 초고" in page
    assert "남이 쓴 기사" not in page


def test_a_reporter_writes_drafts_and_submits_for_review_but_cannot_publish(client):
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo_han", user=user)
    section = make_section()
    client.force_login(user)
    add = reverse("admin:articles_article_add")

    refused = client.post(add, form(section, status="published"))
    assert refused.status_code == 200
    assert "올바르게 선택해 주세요" in refused.content.decode()  # Django's Korean choice error
    assert not Article.objects.exists()

    assert client.post(add, form(section, status="review")).status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert article.published_at is None  # the desk decides when
    assert list(article.reporters.all()) == [mine]  # byline added for them


def test_a_reporter_cannot_change_a_published_article(client):
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo_han", user=user)
    article = make_article("출고된 기사", reporters=[mine])
    client.force_login(user)
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = client.post(url, form(article.section, title="몰래 고친 제목", status="draft"))

    # Refused in the form (what was typed stays on screen, with why), never saved.
    assert response.status_code == 200
    assert "기자는 더 고칠 수 없습니다" in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.status) == ("출고된 기사", Article.Status.PUBLISHED)


def test_the_desk_publishes_a_reporters_article(client):
    desk = make_staff("editor", DESK)
    article = make_article("검토 요청 기사", status=Article.Status.REVIEW)
    client.force_login(desk)
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = client.post(
        url,
        form(
            article.section,
            title=article.title,
            status="published",
            version=article.updated_at.isoformat(),
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article in Article.objects.published()


def test_a_reporters_article_always_carries_their_own_byline(client):
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo_han", user=user)
    other = make_reporter("문서윤", handle="seoyun")
    section = make_section()
    client.force_login(user)
    data = form(
        section,
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-reporter": other.pk,
            "bylines-0-order": "0",
        },
    )

    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get()
    assert list(article.reporters.order_by("bylines__order")) == [other, mine]
    listed = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "지역 상권 회복세" in listed  # still in their own list
