from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, is_public_now, published_rule, published_sql
from articles.models.articles import is_published
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_published_shows_only_published_articles_whose_time_has_come():
    now = timezone.now()
    live = make_article("공개 기사", published_at=now - timedelta(minutes=1))
    make_article("작성 중 기사", status=Article.Status.DRAFT)
    make_article("검토 중 기사", status=Article.Status.REVIEW)
    make_article("보관 기사", status=Article.Status.ARCHIVED, published_at=now - timedelta(days=3))
    make_article("예약 기사", published_at=now + timedelta(hours=2))

    assert list(Article.objects.published()) == [live]


def test_scheduled_article_becomes_public_at_its_time_without_any_job():
    at = timezone.now() + timedelta(hours=2)
    scheduled = make_article("예약 기사", published_at=at)

    assert not Article.objects.published().exists()
    assert list(Article.objects.published(now=at)) == [scheduled]


def test_publishing_without_a_time_stamps_now():
    article = make_article("바로 출고", status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    article.save()

    assert article.published_at is not None
    assert article.published_at <= timezone.now()


def test_revised_time_moves_only_for_edits_after_publishing():
    draft = make_article("초고", status=Article.Status.DRAFT)
    draft.title = "고친 초고"
    draft.save()
    assert draft.revised_at is None

    live = Article.objects.get(pk=make_article("공개 기사").pk)
    live.view_count = 10  # not a reader-visible edit
    live.save()
    assert live.revised_at is None

    live.title = "공개 기사, 제목 수정"
    live.save()
    assert live.revised_at is not None


def test_body_is_sanitized_on_save():
    article = make_article(
        body='<p onclick="x()">본문<script>alert(1)</script></p>'
        '<p><a href="javascript:alert(1)">링크</a> <img src=x onerror=alert(1)></p>'
    )
    article.refresh_from_db()

    assert "<script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "<img" not in article.body
    assert "본문" in article.body


def test_a_label_no_longer_among_the_choices_does_not_break_the_page(client):
    article = make_article("옛 말머리 기사")
    Article.objects.filter(pk=article.pk).update(label="포토")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "옛 말머리 기사" in response.content.decode()


def test_the_rule_in_python_and_the_scheduled_list_agree_with_published():
    """Article.is_public (the rule's Python twin), is_public_now() (its SQL for one article) and
    Article.objects.scheduled() answer as published() does, for articles of every status
    dated in the past, the future and never."""
    now = timezone.now()
    made = [
        make_article("과거 출고", published_at=now - timedelta(minutes=1)),
        make_article("미래 출고", published_at=now + timedelta(minutes=1)),
        make_article("작성 중", status=Article.Status.DRAFT),
        make_article("작성 중, 과거 시각", status=Article.Status.DRAFT, published_at=now),
        make_article("검토", status=Article.Status.REVIEW, published_at=now - timedelta(days=1)),
        make_article("보관", status=Article.Status.ARCHIVED, published_at=now - timedelta(days=1)),
        make_article("미래 보관", status=Article.Status.ARCHIVED, published_at=now + timedelta(1)),
    ]
    public = set(Article.objects.published().values_list("pk", flat=True))
    scheduled = set(Article.objects.scheduled().values_list("pk", flat=True))
    for article in Article.objects.filter(pk__in=[a.pk for a in made]):
        assert article.is_public == (article.pk in public), article.title
        assert is_public_now(article.pk) == (article.pk in public), article.title
        assert article.is_scheduled == (article.pk in scheduled), article.title
    assert {a.title for a in made if a.pk in public} == {"과거 출고"}
    assert {a.title for a in made if a.pk in scheduled} == {"미래 출고"}


def test_an_article_is_public_from_the_very_moment_of_its_time():
    """The boundary, in all four forms of the rule: at its published_at an article is public
    (not scheduled), a microsecond before it is scheduled (not public)."""
    at = timezone.now() + timedelta(hours=2)
    article = make_article("정각 출고", published_at=at)
    just_before = at - timedelta(microseconds=1)

    assert list(Article.objects.published(now=at)) == [article]
    assert list(Article.objects.scheduled(now=at)) == []
    assert list(Article.objects.published(now=just_before)) == []
    assert list(Article.objects.scheduled(now=just_before)) == [article]
    assert is_published(Article.Status.PUBLISHED, at, now=at) is True
    assert is_published(Article.Status.PUBLISHED, at, now=just_before) is False

    def by_sql(now):
        rule, params = published_sql(connection, now=now)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM articles_article WHERE {rule}", params)
            return [row[0] for row in cursor.fetchall()]

    assert by_sql(at) == [article.pk]
    assert by_sql(just_before) == []


def test_the_rule_without_a_moment_is_now():
    """now=None means the present: yesterday's article is public, tomorrow's is scheduled."""
    now = timezone.now()
    past = make_article("어제 출고", published_at=now - timedelta(days=1))
    future = make_article("내일 출고", published_at=now + timedelta(days=1))

    assert list(Article.objects.published()) == [past]
    assert list(Article.objects.scheduled()) == [future]
    assert is_published(Article.Status.PUBLISHED, past.published_at) is True
    assert is_published(Article.Status.PUBLISHED, future.published_at) is False
    assert is_published(Article.Status.PUBLISHED, None) is False
    assert is_published(Article.Status.DRAFT, past.published_at) is False


def test_the_rule_through_a_relation():
    """published_rule(through=...) applies the rule from a model that points at articles."""
    now = timezone.now()
    public = make_article("공개", published_at=now - timedelta(minutes=1))
    make_article("예약", published_at=now + timedelta(minutes=1))
    make_article("초안", status=Article.Status.DRAFT, published_at=now - timedelta(minutes=1))

    rule = published_rule(now=now, through="article__")
    assert sorted(rule.children) == [
        ("article__published_at__lte", now),
        ("article__status", "published"),
    ]
    assert list(Article.objects.filter(published_rule(now=now))) == [public]
