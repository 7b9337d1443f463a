"""Publishing: moving stories through their statuses, and 바로잡습니다."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from articles.actions import notifications
from articles.models import Article, Correction, publication_moment

Status = Article.Status


def change_status(*, pks: Iterable[int], status: str, actor: User) -> list[Article]:
    """Move the articles `pks` to `status` (the desk's bulk 출고 and 보관, a 기자's 검토 요청);
    returns the articles that changed.

    Only a draft goes to review. Publishing sets the time to now unless a future one was set:
    that article stays scheduled. The people concerned are mailed once the change commits."""
    changed: list[Article] = []
    status = Status(status)
    with transaction.atomic():
        # Locked by id: a 기자's list is DISTINCT, which PostgreSQL cannot lock FOR UPDATE.
        locked = Article.objects.filter(pk__in=list(pks)).select_for_update()
        for article in locked.order_by("pk"):
            previous = article.status
            if status == Status.REVIEW and previous != Status.DRAFT:
                continue
            if previous == status:
                continue
            article.status = status
            if status == Status.PUBLISHED and not article.is_scheduled:
                article.published_at = publication_moment()
            article.save()
            notifications.status_changed(article=article, previous=previous, actor=actor)
            changed.append(article)
    return changed


def publish_now(*, pks: Iterable[int], actor: User) -> list[Article]:
    """지금 출고: the articles `pks` become public at once, a scheduled time set aside; returns
    those that changed (a story already public stays as it is)."""
    changed: list[Article] = []
    with transaction.atomic():
        locked = Article.objects.filter(pk__in=list(pks)).select_for_update()
        for article in locked.order_by("pk"):
            if article.is_public:
                continue
            previous, previous_time = article.status, article.published_at
            article.status = Status.PUBLISHED
            article.published_at = publication_moment()
            article.save()
            notifications.status_changed(
                article=article, previous=previous, previous_time=previous_time, actor=actor
            )
            changed.append(article)
    return changed


def add_correction(
    *, article: Article, text: str, created_at: datetime.datetime | None = None
) -> Correction:
    """A 바로잡습니다 note under a published article; it moves the article's 수정 time, since
    it changes what readers read."""
    with transaction.atomic():
        correction = Correction.objects.create(
            article=article, text=text, created_at=created_at or timezone.now()
        )
        Article.objects.filter(pk=article.pk).update(revised_at=correction.created_at)
    return correction
