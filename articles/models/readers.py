"""What readers leave on an article: reactions, comments, their votes and reports, and the
desk's banned words that hold a comment for review."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.articles import Article


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", "좋아요"
        ANGRY = "angry", "화나요"
        SAD = "sad", "슬퍼요"
        WANT_MORE = "want_more", "추가취재 원해요"

        @property
        def counter_field(self) -> str:
            return f"{self.value}_count"

    article = models.ForeignKey(
        Article, verbose_name="기사", on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField("종류", max_length=10, choices=Kind.choices)
    visitor = models.CharField("방문자 키", max_length=64)
    created_at = models.DateTimeField("시각", default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "반응"
        verbose_name_plural = "반응"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "visitor", "kind"], name="reaction_once_per_visitor"
            ),
        ]
        indexes = [models.Index(fields=["kind", "-created_at"], name="reaction_kind_time_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.article_id}"


class Comment(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", "게시"
        PENDING = "pending", "검토 대기"
        HIDDEN = "hidden", "숨김"
        DELETED = "deleted", "삭제"

    article = models.ForeignKey(
        Article, verbose_name="기사", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="원댓글",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    nickname = models.CharField("닉네임", max_length=20)
    password = models.CharField("비밀번호", max_length=128, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="직원 계정",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField("내용")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.VISIBLE)
    like_count = models.PositiveIntegerField("공감", default=0)
    dislike_count = models.PositiveIntegerField("비공감", default=0)
    report_count = models.PositiveIntegerField("신고", default=0)
    visitor = models.CharField("방문자 키", max_length=64, blank=True)
    client = models.CharField("접속 주소 해시", max_length=64, blank=True)
    created_at = models.DateTimeField("작성 시각", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "댓글"
        verbose_name_plural = "댓글"
        indexes = [
            models.Index(
                fields=["article", "parent", "status", "-created_at"], name="comment_thread_idx"
            ),
            models.Index(fields=["status", "-report_count"], name="comment_moderation_idx"),
            # The dashboard counts the last 30 days of comments by day and status.
            models.Index(fields=["-created_at"], name="comment_created_idx"),
        ]

    def __str__(self):
        return f"{self.nickname}: {self.body[:30]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"


class CommentVote(models.Model):
    class Value(models.TextChoices):
        UP = "up", "공감"
        DOWN = "down", "비공감"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    visitor = models.CharField(max_length=64)
    value = models.CharField(max_length=4, choices=Value.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "댓글 공감"
        verbose_name_plural = "댓글 공감"
        constraints = [
            models.UniqueConstraint(fields=["comment", "visitor"], name="commentvote_once"),
        ]

    def __str__(self):
        return f"{self.get_value_display()} · {self.comment_id}"


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    visitor = models.CharField(max_length=64)
    # The keyed hash of the reporter's address: folding counts addresses, not cookies.
    client = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "댓글 신고"
        verbose_name_plural = "댓글 신고"
        constraints = [
            models.UniqueConstraint(fields=["comment", "visitor"], name="commentreport_once"),
        ]

    def __str__(self):
        return f"신고 · {self.comment_id}"


class BannedWord(models.Model):
    word = models.CharField("금칙어", max_length=50, unique=True)
    created_at = models.DateTimeField("등록 시각", auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = "금칙어"
        verbose_name_plural = "금칙어"

    def __str__(self):
        return self.word
