"""The article and what belongs to it alone: its bylines and its corrections.

`published_rule()` (with its SQL twin `published_sql()`) is the one definition of what the
public may see; every query of public articles goes through `Article.objects.published()`.
"""

import datetime
import functools
from typing import Any

import reversion
from django.conf import settings
from django.db import connection, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from articles import photos, roles, video
from articles.models.reporters import Reporter
from articles.models.sections import Section
from articles.photos import validate_photo_upload

# What the rich-text editor offers is also exactly what the sanitizer lets through on save.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "ListItem": True,
    "OrderedList": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}


def publication_moment() -> datetime.datetime:
    """Now, to the second: the time a story is published at when no one typed one. The change
    form shows and sends back seconds, so a time with microseconds would be moved by the desk's
    next save of the story (and purge every list it is in)."""
    return timezone.now().replace(microsecond=0)


def published_rule(*, now=None, through=""):
    """The one rule of what the public may see, as a condition; `through` names the relation
    when it is applied from another model (CuratedSlot: "article__")."""
    return Q(
        **{
            f"{through}status": Article.Status.PUBLISHED,
            f"{through}published_at__lte": now or timezone.now(),
        }
    )


def published_sql(
    connection: BaseDatabaseWrapper, *, now: datetime.datetime, table: str = "articles_article"
) -> tuple[str, list[Any]]:
    """The same rule as an SQL condition and its parameters, for the one hot read that cannot
    afford the ORM's query building (a search page's rows, articles.search). Kept beside
    published_rule() and held to it by tests/unit/test_search.py."""
    status = Article._meta.get_field("status").column
    published_at = Article._meta.get_field("published_at").column
    return (
        f"{table}.{status} = %s AND {table}.{published_at} <= %s",
        [Article.Status.PUBLISHED.value, connection.ops.adapt_datetimefield_value(now)],
    )


def is_public_now(pk: int, *, now: datetime.datetime | None = None) -> bool:
    """Whether article `pk` is public at this moment, by published_sql(): for the reader's
    hottest write (a reaction's press), which cannot afford the ORM's query building for a
    yes or no. Held to published_rule() by tests/unit/test_published.py."""
    rule, params = published_sql(connection, now=now or timezone.now())
    table = connection.ops.quote_name(Article._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s AND {rule}", [pk, *params])
        return cursor.fetchone() is not None


def is_published(status, published_at, *, now=None):
    """The same rule for one article's values in Python (Article.is_public), held to
    published_rule() by tests/unit/test_published.py."""
    return (
        status == Article.Status.PUBLISHED
        and published_at is not None
        and published_at <= (now or timezone.now())
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, and published_at has come."""
        return self.filter(published_rule(now=now))

    def scheduled(self, now=None):
        """출고 with a time still to come (예약): published, not yet public."""
        return self.filter(status=Article.Status.PUBLISHED).exclude(published_rule(now=now))

    def before(self, article):
        """The articles ahead of `article` in readers' order (newest first): published earlier,
        or at the same moment with a smaller id."""
        at, pk = article.published_at, article.pk
        return self.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk))

    def after(self, article):
        """The articles behind `article` in readers' order: published later, or at the same
        moment with a larger id."""
        at, pk = article.published_at, article.pk
        return self.filter(Q(published_at__gt=at) | Q(published_at=at, pk__gt=pk))

    def previewable_by(self, user):
        """What `user` may open on the site: the public articles, and for staff what the admin
        lets them edit (a 기자 their own drafts and reviews; the 데스크 everything)."""
        if not (user.is_authenticated and user.is_staff):
            return self.published()
        if roles.can_publish(user):
            return self
        own = self.filter(
            bylines__reporter__user=user,
            status__in=[Article.Status.DRAFT, Article.Status.REVIEW],
        )
        return self.filter(Q(pk__in=self.published().values("pk")) | Q(pk__in=own.values("pk")))

    def for_cards(self, *, photos=True):
        """Everything an article card shows, fetched up front; the body is left behind.

        photos=False leaves the photos to one prefetch_related_objects() over several lists."""
        cards = self.defer("body").select_related("section", "section__parent")
        return cards.prefetch_related(Article.photos_prefetch()) if photos else cards

    def in_section(self, section):
        """Articles of a section and of its sub-sections, by indexed section ids (no join)."""
        ids = getattr(section, "family_ids", None)  # articles.sections' cached tree
        if ids is None:
            ids = [section.pk, *(child.pk for child in section.children.all())]
        return self.filter(section_id__in=ids)


# Any id: an article's address is reversed once with it and the real id put in its place. The
# largest a URL's <int:pk> holds in every database, so no converter refuses it.
ADDRESS_PLACEHOLDER = 2_147_483_647


@functools.lru_cache(maxsize=8)
def _address_pattern(prefix, urlconf):
    address = reverse("articles:detail", kwargs={"pk": ADDRESS_PLACEHOLDER}, urlconf=urlconf)
    return address.replace(str(ADDRESS_PLACEHOLDER), "{}")


# A revision holds the article with its bylines, photos and tags. Corrections are left out on
# purpose: restoring an old version must never delete a correction published since.
@reversion.register(follow=["bylines", "photos", "tagged_items"])
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "작성 중"
        REVIEW = "review", "검토 요청"
        PUBLISHED = "published", "출고"
        ARCHIVED = "archived", "보관"
        # Deleted in the admin: never public, out of the lists, until brought back (as 작성 중)
        # or deleted for good from the trash (admin/articles.py).
        TRASHED = "trashed", "휴지통"

        @property
        def reporter_may_edit(self):
            """A 기자 edits a story while it is a draft or in review; then it is the desk's."""
            return self in (self.DRAFT, self.REVIEW)

    class Label(models.TextChoices):
        NONE = "", "없음"
        COMPREHENSIVE = "종합", "종합"
        EXCLUSIVE = "단독", "단독"
        BREAKING = "속보", "속보"
        INTERVIEW = "인터뷰", "인터뷰"
        ANALYSIS = "분석", "분석"
        REPORTAGE = "르포", "르포"
        COLUMN = "칼럼", "칼럼"

        @property
        def is_badge(self):
            """단독 and 속보 lead the headline as a badge; the others follow it as [종합]."""
            return self in (self.EXCLUSIVE, self.BREAKING)

    class CommentPolicy(models.TextChoices):
        OPEN = "open", "열림"
        PREMODERATED = "premoderated", "승인 후 게시"
        CLOSED = "closed", "닫힘"

    # Fields whose change after publishing is a meaningful edit, shown to readers as 수정.
    REVISION_FIELDS = ("title", "label", "deck", "body")
    # What the article held when it was read from the database, kept on the instance
    # (`_loaded`): a save compares with it (수정, and which pages to purge: invalidation.py).
    LOADED_FIELDS = (*REVISION_FIELDS, "status", "published_at", "section_id")
    # Moved by readers in SQL (F() and counting updates), never by saving an article: a save
    # writes every other field, so that an editor's form opened before a press or a comment
    # does not write back the counts it was opened with.
    COUNTER_FIELDS = (
        "view_count",
        "like_count",
        "angry_count",
        "sad_count",
        "want_more_count",
        "comment_count",
    )

    title = models.CharField("제목", max_length=200)
    label = models.CharField("말머리", max_length=10, choices=Label.choices, blank=True)
    deck = models.TextField("부제", blank=True, help_text="한 줄에 부제 하나씩 씁니다.")
    section = models.ForeignKey(
        Section, verbose_name="섹션", on_delete=models.PROTECT, related_name="articles"
    )
    reporters = models.ManyToManyField(
        Reporter,
        verbose_name="기자",
        through="ArticleReporter",
        related_name="articles",
        blank=True,
    )
    body = ProseEditorField("본문", extensions=BODY_EXTENSIONS, sanitize=True)
    tags = TaggableManager("태그", blank=True, help_text="쉼표로 구분합니다.")
    status = models.CharField("상태", max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "출고 시각",
        null=True,
        blank=True,
        help_text="미래 시각을 넣으면 그때 자동으로 공개됩니다.",
    )
    revised_at = models.DateTimeField("수정 시각", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("작성 시각", auto_now_add=True)
    updated_at = models.DateTimeField("최종 저장", auto_now=True)
    video_url = models.URLField(
        "동영상 주소",
        blank=True,
        validators=[video.validate_video_url],
        help_text="YouTube 또는 네이버TV 주소. 기사에 재생 화면이 붙고 e스튜디오에 실립니다.",
    )
    comment_policy = models.CharField(
        "댓글 정책", max_length=12, choices=CommentPolicy.choices, default=CommentPolicy.OPEN
    )
    view_count = models.PositiveIntegerField("조회수", default=0, editable=False)
    like_count = models.PositiveIntegerField("좋아요", default=0, editable=False)
    angry_count = models.PositiveIntegerField("화나요", default=0, editable=False)
    sad_count = models.PositiveIntegerField("슬퍼요", default=0, editable=False)
    want_more_count = models.PositiveIntegerField("추가취재 원해요", default=0, editable=False)
    comment_count = models.PositiveIntegerField("댓글 수", default=0, editable=False)
    # Search and sharing: each falls back to the article's own title, deck line or lead photo.
    seo_title = models.CharField(
        "검색 제목", max_length=70, blank=True, help_text="비우면 기사 제목을 씁니다."
    )
    seo_description = models.CharField(
        "검색 설명", max_length=160, blank=True, help_text="비우면 부제 첫 줄을 씁니다."
    )
    share_image = models.ImageField(
        "공유 이미지",
        upload_to=photos.share_image_path,
        blank=True,
        validators=[validate_photo_upload],
        help_text="비우면 대표 사진을 씁니다. 가로 1200픽셀 정도가 알맞습니다.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "기사"
        verbose_name_plural = "기사"
        permissions = [("publish_article", "기사를 출고·예약·보관할 수 있음")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_pub_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="출고하려면 출고 시각이 있어야 합니다.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The body is sanitized on every save, whichever path wrote it (admin, command, shell).
        self.body = self._meta.get_field("body").sanitize(self.body or "")
        self._default_publish_time()
        if self._is_meaningful_edit():
            self.revised_at = timezone.now()
        # A restore is the exception (articles/revisions.py): reversion wrote the revision's
        # old counts back with every other field, and the counts before it must go back.
        writes_counters = getattr(self, "restores_counters", False)
        if (
            not self._state.adding
            and not writes_counters
            and kwargs.get("update_fields") is None
            and not args
        ):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.COUNTER_FIELDS
            ]
        super().save(*args, **kwargs)
        self._loaded = {name: getattr(self, name) for name in self.LOADED_FIELDS}

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})

    @staticmethod
    def address_pattern():
        """get_absolute_url() with `{}` for the id: one reverse() for the pages that link many
        articles in a loop of their own (search results, sitemaps)."""
        return _address_pattern(get_script_prefix(), get_urlconf())

    def clean(self):
        # Before the constraint "published needs a time" is validated.
        self._default_publish_time()

    def _default_publish_time(self):
        """Publishing with no time means now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = publication_moment()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = {
            name: getattr(instance, name) for name in cls.LOADED_FIELDS if name in field_names
        }
        return instance

    def _is_meaningful_edit(self):
        """An edit to what readers read, made while the article was already public."""
        loaded = getattr(self, "_loaded", None)
        if not loaded or len(loaded) < len(self.LOADED_FIELDS):
            return False
        was_public = is_published(loaded["status"], loaded["published_at"])
        still_public = self.status == self.Status.PUBLISHED
        changed = any(getattr(self, name) != loaded[name] for name in self.REVISION_FIELDS)
        return was_public and still_public and changed

    @property
    def is_public(self):
        """Whether readers may see it now (the publication rule, is_published())."""
        return is_published(self.status, self.published_at)

    @property
    def is_scheduled(self):
        """출고 with a time still to come (예약)."""
        return self.status == self.Status.PUBLISHED and not self.is_public

    @property
    def accepts_comments(self):
        """Readers may comment now: the story is public and its comments are not closed."""
        return self.comment_policy != self.CommentPolicy.CLOSED and self.is_public

    @property
    def deck_lines(self):
        return [line.strip() for line in self.deck.splitlines() if line.strip()]

    @property
    def label_choice(self):
        """The label as a choice, or None (also for a value no longer among the choices)."""
        try:
            return self.Label(self.label) if self.label else None
        except ValueError:
            return None

    @classmethod
    def photos_prefetch(cls):
        photo = cls._meta.get_field("photos").related_model
        return models.Prefetch("photos", queryset=photo.objects.shown().order_by("order", "id"))

    @property
    def tagged_items(self):
        """The article's tag links, so that revisions (reversion's follow) keep its tags."""
        return TaggedItem.objects.filter(
            content_type__app_label="articles", content_type__model="article", object_id=self.pk
        )

    @property
    def video(self):
        """The playable video (YouTube, Naver TV), or None."""
        return video.parse(self.video_url)

    @property
    def public_url(self):
        """The article's address on the public site, as shared and printed (not the request's
        host, which may be an internal name)."""
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    def lead_photo(self):
        """The first photo, from the prefetched list when there is one."""
        photos = list(self.photos.all())
        return photos[0] if photos else None


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Corrections of articles readers can read."""
        return self.filter(published_rule(through="article__"))


class Correction(models.Model):
    """바로잡습니다: a note the desk adds to a published article, shown under its body."""

    article = models.ForeignKey(
        Article, verbose_name="기사", on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField("바로잡은 내용")
    created_at = models.DateTimeField("바로잡은 시각", default=timezone.now)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "바로잡습니다"
        verbose_name_plural = "바로잡습니다"
        indexes = [models.Index(fields=["-created_at"], name="correction_created_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.text[:40]}"

    def get_absolute_url(self):
        return self.article.get_absolute_url() + "#corrections"


@reversion.register()
class ArticleReporter(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    reporter = models.ForeignKey(
        Reporter, verbose_name="기자", on_delete=models.PROTECT, related_name="bylines"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "바이라인"
        verbose_name_plural = "바이라인"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reporter"], name="articlereporter_unique_reporter"
            ),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.reporter}"


# The article's tag links are part of its revisions (Article.tagged_items).
reversion.register(TaggedItem)
