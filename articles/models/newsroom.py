"""The newsroom's own records: the publisher's details, the footer's pages, who has a form
open, daily views."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models.articles import Article


class Publisher(models.Model):
    """발행 정보: the publisher's details in every page's footer (one row, edited by the desk)."""

    registration = models.CharField(
        "등록번호", max_length=60, blank=True, help_text="예: 서울 아00000 (등록일 2026.01.01)"
    )
    publisher = models.CharField("발행인", max_length=40, blank=True)
    editor = models.CharField("편집인", max_length=40, blank=True)
    youth_officer = models.CharField("청소년보호책임자", max_length=40, blank=True)
    address = models.CharField("주소", max_length=200, blank=True)
    contact = models.CharField(
        "연락처", max_length=120, blank=True, help_text="예: 02-000-0000 · desk@example.com"
    )
    show_view_count = models.BooleanField(
        "기사에 조회수 표시",
        default=False,
        help_text="켜면 기사 페이지의 입력·수정 시각 옆에 조회수를 보여 줍니다.",
    )

    class Meta:
        verbose_name = "발행 정보"
        verbose_name_plural = "발행 정보"
        constraints = [
            models.CheckConstraint(
                condition=Q(pk=1),
                name="publisher_single_row",
                violation_error_message="발행 정보는 하나만 둡니다.",
            ),
        ]

    def __str__(self):
        return "발행 정보"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The one row, or an empty one (nothing shown) before the desk has filled it in."""
        return cls.objects.filter(pk=1).first() or cls()

    def lines(self):
        """(label, value) of the filled-in fields, in the footer's order."""
        names = ("registration", "publisher", "editor", "youth_officer", "address", "contact")
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in names
            if getattr(self, name).strip()
        ]


class SitePage(models.Model):
    """A page the footer links to (개인정보처리방침, 이용약관 ...), written by the desk."""

    slug = models.SlugField("주소 이름", max_length=40, unique=True)
    title = models.CharField("제목", max_length=60)
    body = models.TextField(
        "본문",
        help_text="빈 줄로 문단을 나눕니다. 줄 맨 앞의 '## '는 소제목이 됩니다.",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    updated_at = models.DateTimeField("최종 수정", auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "안내 페이지"
        verbose_name_plural = "안내 페이지"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:site-page", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        page = super().from_db(db, field_names, values)
        # What the footer shows of it, as loaded: a save that changes it purges every footer.
        page._loaded = (page.slug, page.title, page.order)
        return page

    def blocks(self):
        """[("heading" | "paragraph", text)]: the body's paragraphs, split at blank lines."""
        found = []
        for block in self.body.replace("\r\n", "\n").split("\n\n"):
            text = block.strip()
            if text.startswith("## "):
                # A subheading is its line alone; what follows it is a paragraph.
                heading, _, text = text.partition("\n")
                found.append(("heading", heading[3:].strip()))
                text = text.strip()
            if text:
                found.append(("paragraph", text))
        return found


class EditingSession(models.Model):
    """Who has an article's form open in the admin now: a soft lock, refreshed by a heartbeat."""

    article = models.ForeignKey(
        Article, verbose_name="기사", on_delete=models.CASCADE, related_name="editing_sessions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="편집자", on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField("마지막 확인", default=timezone.now)

    class Meta:
        verbose_name = "편집 중"
        verbose_name_plural = "편집 중"
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="editingsession_once"),
        ]

    def __str__(self):
        return f"{self.user} · {self.article_id}"


class DailyViews(models.Model):
    """Views of one article on one day (Asia/Seoul), written in batches by articles.pageviews."""

    article = models.ForeignKey(
        Article, verbose_name="기사", on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField("날짜")
    views = models.PositiveIntegerField("조회수", default=0)

    class Meta:
        ordering = ["-day", "article"]
        verbose_name = "일별 조회수"
        verbose_name_plural = "일별 조회수"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="dailyviews_unique_day"),
        ]
        indexes = [models.Index(fields=["day"], name="dailyviews_day_idx")]

    def __str__(self):
        return f"{self.day} · {self.article_id}: {self.views}"


class AppliedViewBatch(models.Model):
    """A batch of buffered views written to the database (actions/pageviews.py): recorded in
    the same transaction, so that a batch is never written twice."""

    batch_id = models.CharField("묶음", max_length=64, unique=True)
    applied_at = models.DateTimeField("기록 시각", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "조회수 묶음"
        verbose_name_plural = "조회수 묶음"

    def __str__(self):
        return self.batch_id


class TaskWorker(models.Model):
    """A task worker that is alive (newsroom/worker.py): it says so every few seconds, and
    the tasks left running by one that stopped saying so are run again."""

    worker_id = models.CharField("작업자", max_length=64, unique=True)
    seen_at = models.DateTimeField("마지막 신호", default=timezone.now)

    class Meta:
        verbose_name = "작업자"
        verbose_name_plural = "작업자"

    def __str__(self):
        return self.worker_id
