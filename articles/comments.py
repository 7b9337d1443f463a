"""Comments: posting, deleting, 공감/비공감, 신고, moderation, and reading a thread.

Every write that can change what readers see runs under transaction.atomic with the article's
row locked first, and ends by recounting the article's visible comments: Article.comment_count
is always exactly the number of VISIBLE comments (top-level and replies), whichever process
wrote, since the lock makes concurrent writers on one article take turns and the recount then
sees every committed comment.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles import pagecache, ratelimit, text
from articles.forms import CommentForm
from articles.models import Article, BannedWord, Comment, CommentReport, CommentVote
from articles.visitors import reader_key

Status = Comment.Status


class Sort(models.TextChoices):
    LATEST = "latest", "최신순"
    LIKES = "likes", "공감순"

    @property
    def ordering(self):
        if self is Sort.LIKES:
            return ["-like_count", "-created_at", "-id"]
        return ["-created_at", "-id"]


class Moderation(models.TextChoices):
    APPROVE = "approve", "승인"
    HIDE = "hide", "숨김"
    DELETE = "delete", "삭제"

    @property
    def status(self):
        return {
            Moderation.APPROVE: Status.VISIBLE,
            Moderation.HIDE: Status.HIDDEN,
            Moderation.DELETE: Status.DELETED,
        }[self]


class CommentsClosed(Exception):
    """The article takes no comments (closed, or not public)."""


class CannotReply(Exception):
    """The comment replied to was deleted, hidden or held meanwhile."""


# Writing


def _recount(article_ids):
    """Recount visible comments of each article; call inside the transaction that wrote."""
    for article_id in sorted(set(article_ids)):
        visible = Comment.objects.filter(article_id=article_id, status=Status.VISIBLE).count()
        Article.objects.filter(pk=article_id).update(comment_count=visible)
        pagecache.bump_article_on_commit(article_id, pagecache.COMMENTS)


def _lock_articles(article_ids):
    """Lock the articles' rows in a fixed order (no deadlock between two moderators)."""
    ids = sorted(set(article_ids))
    list(Article.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def has_banned_word(body):
    folded = text.folded_for_matching(body)
    return any(
        word and word in folded
        for word in (
            text.folded_for_matching(word)
            for word in BannedWord.objects.values_list("word", flat=True)
        )
    )


def staff_identity(user):
    """(nickname, badge) under which a staff member posts: 기자 with a reporter profile."""
    reporter = getattr(user, "reporter", None)
    if reporter is not None:
        return reporter.name, "기자"
    return (user.get_full_name() or user.get_username())[:20], "편집자"


def post_comment(
    *, article, body, nickname="", password="", parent=None, user=None, visitor="", client=""
):
    """Save a comment: VISIBLE, or PENDING when the article is pre-moderated or a banned word
    appears. Staff post under their own name with a badge and skip the review."""
    staff = bool(user and user.is_authenticated and user.is_staff)
    if staff:
        nickname, _badge = staff_identity(user)
        password_hash = ""
    else:
        # Hashing is slow on purpose: do it before taking the article's lock.
        password_hash = make_password(password)
    held = not staff and has_banned_word(body)
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.comment_policy == Article.CommentPolicy.CLOSED or not locked.is_public:
            raise CommentsClosed
        if parent is not None:
            parent = Comment.objects.get(pk=parent.pk)
            if parent.parent_id:  # one level of replies, whatever the caller passed
                parent = Comment.objects.get(pk=parent.parent_id)
            if parent.status != Status.VISIBLE or parent.article_id != article.pk:
                raise CannotReply
        premoderated = locked.comment_policy == Article.CommentPolicy.PREMODERATED
        comment = Comment.objects.create(
            article_id=article.pk,
            parent=parent,
            nickname=nickname,
            password=password_hash,
            author=user if staff else None,
            body=body,
            status=Status.PENDING if (held or (premoderated and not staff)) else Status.VISIBLE,
            visitor=visitor,
            client=client,
        )
        if comment.status == Status.VISIBLE:
            _recount([article.pk])
    article.comment_count = Article.objects.values_list("comment_count", flat=True).get(
        pk=article.pk
    )
    return comment


def is_repeated(*, body, client):
    """True when this address sent the same text (as matching folds it) within
    COMMENT_REPEAT_WINDOW seconds, on any article: the spam bot's copy and paste."""
    if settings.COMMENT_REPEAT_WINDOW <= 0:
        return False
    digest = hashlib.blake2b(
        f"{client}|{text.folded_for_matching(body)}".encode(), digest_size=16
    ).hexdigest()
    return not ratelimit.first_time(f"comment-text:{digest}", settings.COMMENT_REPEAT_WINDOW)


def can_delete(*, comment, password="", user=None):
    """The writer's password, or the staff member who wrote it."""
    if user is not None and user.is_authenticated and comment.author_id == user.pk:
        return True
    return bool(comment.password and password) and check_password(password, comment.password)


def delete_comment(*, comment):
    """Soft-delete: the comment stays as 삭제된 댓글입니다 while it has visible replies."""
    with transaction.atomic():
        _lock_articles([comment.article_id])
        was = Comment.objects.filter(pk=comment.pk).values_list("status", flat=True).first()
        if was is None or was == Status.DELETED:
            return False
        Comment.objects.filter(pk=comment.pk).update(status=Status.DELETED)
        if was == Status.VISIBLE:
            _recount([comment.article_id])
    comment.status = Status.DELETED
    return True


def vote(*, comment, visitor, value):
    """Press 공감 (up) or 비공감 (down): (vote, like, dislike), `vote` being the visitor's vote
    now (None once taken back).

    A visitor has at most one vote per comment (the unique constraint): pressing it again takes
    it back, pressing the other one moves it. As in reactions.toggle_reaction, the statement
    that really changed the visitor's row decides how the counters move, so concurrent presses
    from any number of processes never count a vote twice or lose one."""
    value = CommentVote.Value(value)
    other = CommentVote.Value.DOWN if value == CommentVote.Value.UP else CommentVote.Value.UP
    votes = connection.ops.quote_name(CommentVote._meta.db_table)
    comment_table = connection.ops.quote_name(Comment._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    delta = {CommentVote.Value.UP: 0, CommentVote.Value.DOWN: 0}
    mine = "comment_id = %s AND visitor = %s AND value = %s"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {votes} (comment_id, visitor, value, created_at) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [comment.pk, visitor, value.value, now],
        )
        if cursor.rowcount == 1:
            current, delta[value] = value, 1
        else:
            cursor.execute(f"DELETE FROM {votes} WHERE {mine}", [comment.pk, visitor, value.value])
            if cursor.rowcount == 1:
                current, delta[value] = None, -1
            else:
                cursor.execute(
                    f"UPDATE {votes} SET value = %s, created_at = %s WHERE {mine}",
                    [value.value, now, comment.pk, visitor, other.value],
                )
                if cursor.rowcount == 1:
                    current, delta[value], delta[other] = value, 1, -1
                else:
                    # Another press of this visitor changed the row meanwhile and counted it.
                    cursor.execute(
                        f"SELECT value FROM {votes} WHERE comment_id = %s AND visitor = %s",
                        [comment.pk, visitor],
                    )
                    row = cursor.fetchone()
                    current = CommentVote.Value(row[0]) if row else None
        if any(delta.values()):
            cursor.execute(
                f"UPDATE {comment_table} SET like_count = like_count + %s, "
                "dislike_count = dislike_count + %s WHERE id = %s "
                "RETURNING like_count, dislike_count",
                [delta[CommentVote.Value.UP], delta[CommentVote.Value.DOWN], comment.pk],
            )
            pagecache.bump_article_on_commit(comment.article_id, pagecache.COMMENTS)
        else:
            cursor.execute(
                f"SELECT like_count, dislike_count FROM {comment_table} WHERE id = %s", [comment.pk]
            )
        likes, dislikes = cursor.fetchone()
    comment.like_count, comment.dislike_count = likes, dislikes
    return current, likes, dislikes


def report(*, comment, visitor, client=""):
    """신고, once per visitor and comment: (recorded, folded). Past the threshold the comment is
    folded for readers and waits in the desk's queue until approved (which clears its reports),
    hidden or deleted. The count is of distinct addresses: one address throwing its cookies
    away reports once, however many times it asks."""
    with transaction.atomic():
        _lock_articles([comment.article_id])  # two reports from one address count once
        new_address = not (
            client and CommentReport.objects.filter(comment=comment, client=client).exists()
        )
        try:
            with transaction.atomic():
                CommentReport.objects.create(comment=comment, visitor=visitor, client=client)
        except IntegrityError:
            recorded = False
        else:
            recorded = True
            if new_address:
                Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
                pagecache.bump_article_on_commit(comment.article_id, pagecache.COMMENTS)
        comment.report_count = (
            Comment.objects.filter(pk=comment.pk).values_list("report_count", flat=True).get()
        )
    return recorded, is_folded(comment)


def is_folded(comment):
    return (
        comment.status == Status.VISIBLE
        and comment.report_count >= settings.COMMENT_REPORT_THRESHOLD
    )


def needs_review():
    """The desk's queue: waiting for approval, or reported and not yet dealt with."""
    return Q(status=Status.PENDING) | Q(status=Status.VISIBLE, report_count__gt=0)


def moderate(*, comments, action):
    """The desk's bulk actions 승인 · 숨김 · 삭제; returns how many comments changed."""
    return set_status(comments=comments, status=Moderation(action).status)


def set_status(*, comments, status):
    """Move comments to `status`, keeping every article's comment_count exact.

    Publishing (VISIBLE) also clears the reports, which unfolds the comment and takes it out
    of the queue; the readers' CommentReport rows stay, so the same visitors cannot report it
    again. A deleted comment stays deleted (its writer may have deleted it): 숨김 is the
    action the desk can take back."""
    status = Status(status)
    with transaction.atomic():
        rows = list(comments.values_list("pk", "article_id"))
        article_ids = [article_id for _pk, article_id in rows]
        _lock_articles(article_ids)
        chosen = Comment.objects.filter(pk__in=[pk for pk, _article_id in rows]).exclude(
            status=Status.DELETED
        )
        if status == Status.VISIBLE:
            changed = chosen.filter(~Q(status=Status.VISIBLE) | Q(report_count__gt=0)).update(
                status=status, report_count=0
            )
        else:
            changed = chosen.exclude(status=status).update(status=status)
        _recount(article_ids)
    return changed


# Reading


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


def page_context(*, request, article, form=None):
    """Everything _comments.html needs on the article page (page 1 of the thread)."""
    sort = parse_sort(request.GET.get("sort"))
    reply_to = None
    if form is None:
        reply_to = reply_target(article=article, pk=request.GET.get("reply"))
        form = CommentForm(
            article=article,
            user=request.user,
            initial={"parent": reply_to.pk if reply_to else None},
        )
    elif form.is_bound and form.parent_comment is not None:
        reply_to = form.parent_comment
    user = request.user
    staff_name, staff_badge = (
        staff_identity(user) if user.is_authenticated and user.is_staff else (None, None)
    )
    return {
        "comment_form": form,
        # Read only when the thread is rendered: a shared page keeps it in a fragment.
        "comment_thread": SimpleLazyObject(
            lambda: thread(
                article=article,
                visitor=reader_key(request),
                visitor_is_new=request.visitor_is_new,
                sort=sort,
            )
        ),
        "comment_sort": sort,
        "comments_version": SimpleLazyObject(lambda: pagecache.comments_version(article.pk)),
        "comments_open": article.comment_policy != Article.CommentPolicy.CLOSED
        and article.is_public,
        "comments_premoderated": article.comment_policy == Article.CommentPolicy.PREMODERATED,
        "comment_reply_to": reply_to,
        "comment_staff_name": staff_name,
        "comment_staff_badge": staff_badge,
        "comment_max_length": settings.COMMENT_MAX_LENGTH,
        "comment_return_url": article.get_absolute_url(),
    }
