"""Comments: posting, deleting, 공감/비공감, 신고 and moderation.

Every write that can change what readers see runs under transaction.atomic with the article's
row locked first, and ends by recounting the article's visible comments: Article.comment_count
is always exactly the number of VISIBLE comments (top-level and replies), whichever process
wrote, since the lock makes concurrent writers on one article take turns and the recount then
sees every committed comment.
"""

import hashlib
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from articles import invalidation, text
from articles.forms import TOKEN_MAX_AGE
from articles.models import Article, BannedWord, Comment, CommentReport, CommentVote
from articles.queries.comments import is_folded, staff_identity
from newsroom import ratelimit

Status = Comment.Status

# A comment's password only lets its writer delete it, tried at a few times an hour: PBKDF2 at
# a cost that fits an anonymous form (a few milliseconds), not the admin's 0.5 s, which let
# each post from anyone spend half a second of a core. Hashes made at any count still verify.
PASSWORD_ITERATIONS = 20_000
_pbkdf2 = PBKDF2PasswordHasher()


def hash_password(password: str) -> str:
    return _pbkdf2.encode(password, _pbkdf2.salt(), iterations=PASSWORD_ITERATIONS)


def password_matches(password: str, encoded: str) -> bool:
    """The password against a comment's hash, whichever the settings' hashers are: PBKDF2 at
    the count it was made with, any other (older) hash by Django's hashers."""
    if encoded.startswith(f"{_pbkdf2.algorithm}$"):
        return _pbkdf2.verify(password, encoded)
    return check_password(password, encoded)


def spend_token(*, nonce: str, client: str) -> bool:
    """True the first time a comment form's token is used from this address, within the
    token's life. The page and its token are shared by every reader, so a token is one
    comment per address (another reader elsewhere may use the same page), not a spam
    script's pass for 24 hours; a refused form comes back with a token of its own."""
    return ratelimit.once(f"comment-token:{nonce}:{client}", TOKEN_MAX_AGE)


class Moderation(models.TextChoices):
    APPROVE = "approve", "승인"
    HIDE = "hide", "숨김"
    DELETE = "delete", "삭제"

    @property
    def status(self) -> Comment.Status:
        return {
            Moderation.APPROVE: Status.VISIBLE,
            Moderation.HIDE: Status.HIDDEN,
            Moderation.DELETE: Status.DELETED,
        }[self]


class CommentsClosed(Exception):
    """The article takes no comments (closed, or not public)."""


class CannotReply(Exception):
    """The comment replied to was deleted, hidden or held meanwhile."""


class Votes(NamedTuple):
    """A comment's counters after a press, and what the visitor's own vote is now."""

    current: CommentVote.Value | None  # None once taken back
    likes: int
    dislikes: int


class Report(NamedTuple):
    recorded: bool  # False when this visitor had reported the comment already
    folded: bool  # readers now see it folded


def _recount(article_ids: Iterable[int]) -> None:
    """Recount visible comments of each article; call inside the transaction that wrote."""
    for article_id in sorted(set(article_ids)):
        visible = Comment.objects.filter(article_id=article_id, status=Status.VISIBLE).count()
        Article.objects.filter(pk=article_id).update(comment_count=visible)
        invalidation.thread_changed(article_id)


def _lock_articles(article_ids: Iterable[int]) -> None:
    """Lock the articles' rows in a fixed order (no deadlock between two moderators)."""
    ids = sorted(set(article_ids))
    list(Article.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def has_banned_word(body: str) -> bool:
    return bool(banned_words_in(body))


def banned_words_in(body: str, words: Iterable[str] | None = None) -> list[str]:
    """The banned words (as the desk wrote them) that `body` holds, as matching sees them;
    `words` saves reading the list again when checking many comments."""
    folded = text.folded_for_matching(body)
    if words is None:
        words = BannedWord.objects.values_list("word", flat=True)
    return [
        word for word in words if (matched := text.folded_for_matching(word)) and matched in folded
    ]


def post_comment(
    *,
    article: Article,
    body: str,
    nickname: str = "",
    password: str = "",
    parent: Comment | None = None,
    user: User | AnonymousUser | None = None,
    visitor: str = "",
    client: str = "",
) -> Comment:
    """Save a comment: VISIBLE, or PENDING when the article is pre-moderated or a banned word
    appears. Staff post under their own name with a badge and skip the review."""
    staff = user if user is not None and user.is_authenticated and user.is_staff else None
    if staff is not None:
        nickname, _badge = staff_identity(staff)
        password_hash = ""
    else:
        # Hashing takes a few milliseconds: done before taking the article's lock.
        password_hash = hash_password(password)
    held = staff is None and has_banned_word(body)
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if not locked.accepts_comments:
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
            author=staff,
            body=body,
            status=Status.PENDING if (held or (premoderated and staff is None)) else Status.VISIBLE,
            visitor=visitor,
            client=client,
        )
        if comment.status == Status.VISIBLE:
            _recount([article.pk])
    article.comment_count = Article.objects.values_list("comment_count", flat=True).get(
        pk=article.pk
    )
    return comment


def is_repeated(*, body: str, client: str) -> bool:
    """True when this address sent the same text (as matching folds it) within
    COMMENT_REPEAT_WINDOW seconds, on any article: the spam bot's copy and paste."""
    if settings.COMMENT_REPEAT_WINDOW <= 0:
        return False
    digest = hashlib.blake2b(
        f"{client}|{text.folded_for_matching(body)}".encode(), digest_size=16
    ).hexdigest()
    return not ratelimit.first_time(f"comment-text:{digest}", settings.COMMENT_REPEAT_WINDOW)


def can_delete(
    *, comment: Comment, password: str = "", user: User | AnonymousUser | None = None
) -> bool:
    """The writer's password, or the staff member who wrote it."""
    if user is not None and user.is_authenticated and comment.author_id == user.pk:
        return True
    return bool(comment.password and password) and password_matches(password, comment.password)


def delete_comment(*, comment: Comment) -> bool:
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


def vote(*, comment: Comment, visitor: str, value: str) -> Votes:
    """Press 공감 (up) or 비공감 (down): Votes(current, likes, dislikes), `current` being the
    visitor's vote now (None once taken back).

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
            invalidation.thread_changed(comment.article_id)
        else:
            cursor.execute(
                f"SELECT like_count, dislike_count FROM {comment_table} WHERE id = %s", [comment.pk]
            )
        likes, dislikes = cursor.fetchone()
    comment.like_count, comment.dislike_count = likes, dislikes
    return Votes(current, likes, dislikes)


def report(*, comment: Comment, visitor: str, client: str = "") -> Report:
    """신고, once per visitor and comment: Report(recorded, folded). Past the threshold the
    comment is folded for readers and waits in the desk's queue until approved (which clears
    its reports), hidden or deleted. The count is of distinct addresses: one address throwing
    its cookies away reports once, however many times it asks."""
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
                invalidation.thread_changed(comment.article_id)
        comment.report_count = (
            Comment.objects.filter(pk=comment.pk).values_list("report_count", flat=True).get()
        )
    return Report(recorded, is_folded(comment))


def moderate(*, comments: QuerySet[Comment], action: str) -> int:
    """The desk's bulk actions 승인 · 숨김 · 삭제; returns how many comments changed."""
    return set_status(comments=comments, status=Moderation(action).status)


def set_status(*, comments: QuerySet[Comment], status: str) -> int:
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
