"""Reading comments: a thread page, where a comment is read, and the desk's queue.

What a reader sees is the visible comments and their own ones waiting for review; a removed
comment keeps its place (삭제된 댓글입니다) while replies hang under it.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse

from articles import invalidation, roles
from articles.models import Comment, CommentReport, CommentVote
from newsroom.cache import tags as cache_tags

Status = Comment.Status


class Sort(models.TextChoices):
    LATEST = "latest", "최신순"
    LIKES = "likes", "공감순"

    @property
    def ordering(self):
        if self is Sort.LIKES:
            return ["-like_count", "-created_at", "-id"]
        return ["-created_at", "-id"]


def staff_identity(user: User) -> tuple[str, str]:
    """(nickname, badge) under which a staff member posts: 기자 with a reporter profile."""
    reporter = getattr(user, "reporter", None)
    if reporter is not None:
        return reporter.name, "기자"
    return roles.display_name(user)[:20], "편집자"


def is_folded(comment: Comment) -> bool:
    return (
        comment.status == Status.VISIBLE
        and comment.report_count >= settings.COMMENT_REPORT_THRESHOLD
    )


def needs_review():
    """The desk's queue: waiting for approval, or reported and not yet dealt with."""
    return Q(status=Status.PENDING) | Q(status=Status.VISIBLE, report_count__gt=0)


def _shown(visitor):
    """What a reader sees: visible comments, and their own ones waiting for review."""
    shown = Q(status=Status.VISIBLE)
    if visitor:
        shown |= Q(status=Status.PENDING, visitor=visitor)
    return shown


def _listed(visitor):
    """Top-level comments in the list: those shown, and removed ones that keep their place
    (삭제된 댓글입니다) because replies hang under them."""
    with_visible_replies = Exists(
        Comment.objects.filter(parent=OuterRef("pk"), status=Status.VISIBLE)
    )
    removed = Q(status__in=[Status.DELETED, Status.HIDDEN]) & with_visible_replies
    return Q(parent__isnull=True) & (_shown(visitor) | removed)


def has_visible_replies(comment):
    return Comment.objects.filter(parent=comment, status=Status.VISIBLE).exists()


def comment_url(comment, *, visitor=""):
    """Where a comment is read: the article page when its thread is on the first page (latest
    first), else the comments page that holds it."""
    top = comment.parent or comment
    newer = (
        Comment.objects.filter(article_id=comment.article_id)
        .filter(_listed(visitor))
        .filter(Q(created_at__gt=top.created_at) | Q(created_at=top.created_at, pk__gt=top.pk))
        .count()
    )
    page = newer // settings.COMMENT_PAGE_SIZE + 1
    anchor = f"#comment-{comment.pk}"
    if page == 1:
        return reverse("articles:detail", kwargs={"pk": comment.article_id}) + anchor
    url = reverse("articles:comments", kwargs={"pk": comment.article_id})
    return f"{url}?page={page}{anchor}"


def thread(*, article, visitor="", visitor_is_new=False, sort=Sort.LATEST, page=1):
    """One page of top-level comments with their replies, in a fixed number of queries:
    the comments, their replies, and (for a returning visitor) their votes and reports."""
    cache_tags.add(invalidation.comments(article.pk))
    sort = Sort(sort)
    size = settings.COMMENT_PAGE_SIZE
    page = max(1, page)
    replies = (
        Comment.objects.filter(_shown(visitor))
        .select_related("author__reporter")
        .order_by("created_at", "id")
    )
    top = (
        Comment.objects.filter(article=article)
        .filter(_listed(visitor))
        .select_related("author__reporter")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="shown_replies"))
        .order_by(*sort.ordering)
    )
    rows = list(top[(page - 1) * size : page * size + 1])
    has_next = len(rows) > size
    comments = rows[:size]
    everyone = [c for comment in comments for c in (comment, *comment.shown_replies)]
    votes, reports = {}, set()
    if visitor and not visitor_is_new and everyone:
        ids = [c.pk for c in everyone]
        votes = dict(
            CommentVote.objects.filter(visitor=visitor, comment_id__in=ids).values_list(
                "comment_id", "value"
            )
        )
        reports = set(
            CommentReport.objects.filter(visitor=visitor, comment_id__in=ids).values_list(
                "comment_id", flat=True
            )
        )
    for comment in everyone:
        decorate(comment, vote=votes.get(comment.pk), reported=comment.pk in reports)
    return {
        "comments": comments,
        "sort": sort,
        "page": page,
        "has_next": has_next,
        "has_previous": page > 1,
    }


def decorate(comment, *, vote=None, reported=False):
    """What the template needs to know about one comment, worked out once."""
    comment.badge = None
    if comment.author_id:
        comment.badge = "기자" if getattr(comment.author, "reporter", None) else "편집자"
    comment.is_removed = comment.status in (Status.DELETED, Status.HIDDEN)
    comment.is_pending = comment.status == Status.PENDING
    comment.is_folded = is_folded(comment)
    comment.my_vote = vote
    comment.reported = reported
    if not hasattr(comment, "shown_replies"):
        comment.shown_replies = []
    return comment


def reply_target(*, article, pk):
    """The top-level comment a ?reply= link points at, if it can take a reply."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Comment.objects.filter(
        pk=pk, article=article, parent__isnull=True, status=Status.VISIBLE
    ).first()


def parse_sort(value):
    return value if value in Sort.values else Sort.LATEST
