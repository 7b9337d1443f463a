"""E-mail the people a story's status change concerns: the desk on review, reporters after.

The mails are sent by a task (off the editor's request), queued once the change commits: a
rolled-back save tells nobody. A story scheduled for later tells its reporters at once that it
is scheduled, and that it is out when its time comes (not before), unless it was moved or taken
back meanwhile. A mail server that is down never turns into an error for the editor: the log
says which mail was not sent."""

import datetime
import logging
from typing import Literal, TypeAlias

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from articles import roles
from articles.models import Article

Status = Article.Status
logger = logging.getLogger(__name__)

# Who is told: the desk of a request for review, the reporters of a publication (or of its
# schedule) or a return.
Kind: TypeAlias = Literal["review", "published", "scheduled", "returned"]


def status_changed(
    *,
    article: Article,
    previous: str | None,
    actor: User | None = None,
    previous_time: datetime.datetime | None = None,
    note: str = "",
) -> None:
    """Queue the e-mails for article's move from previous to its current status.

    `previous_time`, the 출고 시각 before the change, when the caller knows it: a story that
    stays 출고 but whose time moves is scheduled anew (to a later time) or comes out now
    (지금 출고), and its reporters are told so. `note`, the desk's word when it sends a story
    back, goes into that mail."""
    current = article.status
    if previous == current and not _time_moved_out_of_schedule(
        article, previous=previous, previous_time=previous_time
    ):
        return
    kind: Kind
    if current == Status.REVIEW:
        kind = "review"
    elif current == Status.PUBLISHED and article.is_scheduled:
        kind = "scheduled"
        due = article.published_at
        assert due is not None  # scheduled means a time to come
        transaction.on_commit(
            lambda: send_notification.using(run_after=due).enqueue(
                "published", article.pk, due.isoformat()
            )
        )
    elif current == Status.PUBLISHED:
        kind = "published"
    elif previous == Status.REVIEW and current == Status.DRAFT and actor is not None:
        if not roles.can_publish(actor):
            return  # a reporter taking back their own request tells nobody
        kind = "returned"
    else:
        return
    transaction.on_commit(lambda: send_notification.enqueue(kind, article.pk, "", note))


def _time_moved_out_of_schedule(
    article: Article, *, previous: str | None, previous_time: datetime.datetime | None
) -> bool:
    """A story that was and stays 출고 whose time moved while it was, or now is, scheduled."""
    if article.status != Status.PUBLISHED or previous_time is None:
        return False
    if previous_time == article.published_at:
        return False
    # The publication rule (Article.is_public) applied to the values before the change.
    was_public = bool(Article(status=previous or "", published_at=previous_time).is_public)
    return not (was_public and article.is_public)


def _desk_addresses() -> list[str]:
    users = get_user_model().objects.filter(groups__name=roles.DESK, is_active=True)
    return sorted({email for email in users.values_list("email", flat=True) if email})


def _reporter_addresses(article: Article) -> list[str]:
    addresses: set[str] = set()
    for byline in article.bylines.select_related("reporter__user"):
        reporter = byline.reporter
        email = reporter.email or (reporter.user.email if reporter.user else "")
        if email:
            addresses.add(email)
    return sorted(addresses)


@task()
def send_notification(kind: Kind, article_pk: int, due: str, note: str = "") -> None:
    """Mail the people `kind` concerns; `due`, for a publication that was scheduled, is the
    time it was for: no mail if the story has moved or left since. `note`: the desk's word
    to the reporters, for a story sent back."""
    article = Article.objects.filter(pk=article_pk).first()
    if article is None:
        return
    if due and (
        article.published_at != datetime.datetime.fromisoformat(due) or not article.is_public
    ):
        return
    link = settings.SITE_URL.rstrip("/") + reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    if kind == "review":
        recipients = _desk_addresses()
        subject = f"[검토 요청] {article.title}"
        lead = "기사가 검토 요청되었습니다. 검토해 주세요."
    elif kind == "published":
        recipients = _reporter_addresses(article)
        subject = f"[출고] {article.title}"
        lead = "기사가 출고되었습니다."
    elif kind == "scheduled":
        recipients = _reporter_addresses(article)
        subject = f"[출고 예약] {article.title}"
        when = timezone.localtime(article.published_at).strftime("%Y.%m.%d %H:%M")
        lead = f"기사가 {when}에 출고되도록 예약되었습니다. 그 시각에 다시 알려 드립니다."
    else:
        recipients = _reporter_addresses(article)
        subject = f"[반려] {article.title}"
        lead = "데스크가 기사를 작성 중으로 돌려보냈습니다. 고쳐서 다시 검토 요청해 주세요."
    if not recipients:
        return
    body = f"{lead}\n\n제목: {article.title}\n편집 화면: {link}\n"
    if note:
        body += f"\n데스크가 남긴 말:\n{note}\n"
    # One message per person, so nobody sees the others' addresses.
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        # The story is already saved; a mail server being down must not turn that into a 500.
        logger.exception("Could not send the %s notification for article %s", kind, article_pk)
