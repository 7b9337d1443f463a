"""Who has an article's form open in the admin: a soft lock, refreshed by the form's heartbeat
(static/js/article-editing.js); the form names the others (queries.desk.others_present)."""

from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article, EditingSession


def mark_present(*, article: Article, user: User) -> None:
    EditingSession.objects.update_or_create(
        article=article, user=user, defaults={"seen_at": timezone.now()}
    )


def leave(*, article: Article, user: User) -> None:
    EditingSession.objects.filter(article=article, user=user).delete()
