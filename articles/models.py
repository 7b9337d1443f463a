import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from articles import photos, video
from articles.photos import make_renditions, strip_metadata, validate_photo_upload

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


class Section(models.Model):
    name = models.CharField("이름", max_length=40)
    slug = models.SlugField("주소 이름", max_length=40, unique=True)
    order = models.PositiveSmallIntegerField("순서", default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 섹션",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "섹션"
        verbose_name_plural = "섹션"

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def clean(self):
        # Sections have one level of sub-sections, as breadcrumbs and section pages show them.
        if self.parent_id and (self.parent.parent_id or self.parent_id == self.pk):
            raise ValidationError({"parent": "상위 섹션으로는 최상위 섹션만 고를 수 있습니다."})
        if self.parent_id and self.pk and self.children.exists():
            raise ValidationError(
                {"parent": "하위 섹션이 있는 섹션은 다른 섹션 아래로 옮길 수 없습니다."}
            )

    def trail(self):
        """The breadcrumb from the top section down to this one."""
        return [self.parent, self] if self.parent_id else [self]


class Reporter(models.Model):
    name = models.CharField("이름", max_length=40)
    slug = models.SlugField("주소 이름", max_length=60, unique=True)
    email = models.EmailField("이메일", unique=True)
    photo = models.ImageField(
        "프로필 사진",
        upload_to=photos.reporter_photo_path,
        blank=True,
        validators=[validate_photo_upload],
    )
    bio = models.TextField("소개", blank=True)
    desk = models.CharField("소속 부서", max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="로그인 계정",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporter",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "기자"
        verbose_name_plural = "기자"
        constraints = [
            # The handle shown on bylines is the e-mail's local part: one per reporter.
            models.UniqueConstraint(
                Lower("email"),
                name="reporter_email_ci_unique",
                violation_error_message="같은 이메일(핸들)을 쓰는 기자가 이미 있습니다.",
            ),
        ]

    def __str__(self):
        return f"{self.name} 기자"

    def get_absolute_url(self):
        return reverse("articles:reporter", kwargs={"slug": self.slug})

    @property
    def handle(self):
        """The byline handle: the local part of the e-mail address (iwonseo96 → @iwonseo96)."""
        return self.email.split("@", 1)[0]


def published_rule(*, now=None, through=""):
    """The one rule of what the public may see, as a condition; `through` names the relation
    when it is applied from another model (CuratedSlot: "article__")."""
    return Q(
        **{
            f"{through}status": Article.Status.PUBLISHED,
            f"{through}published_at__lte": now or timezone.now(),
        }
    )


def published_sql(connection, *, now, table="articles_article"):
    """The same rule as an SQL condition and its parameters, for the one hot read that cannot
    afford the ORM's query building (a search page's rows, articles.search). Kept beside
    published_rule() and held to it by tests/test_search.py."""
    status = Article._meta.get_field("status").column
    published_at = Article._meta.get_field("published_at").column
    return (
        f"{table}.{status} = %s AND {table}.{published_at} <= %s",
        [Article.Status.PUBLISHED.value, connection.ops.adapt_datetimefield_value(now)],
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, and published_at has come."""
        return self.filter(published_rule(now=now))

    def previewable_by(self, user):
        """What `user` may open on the site: the public articles, and for staff what the admin
        lets them edit (a 기자 their own drafts and reviews; the 데스크 everything)."""
        from articles import roles

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


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "작성 중"
        REVIEW = "review", "검토 요청"
        PUBLISHED = "published", "출고"
        ARCHIVED = "archived", "보관"

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
        super().save(*args, **kwargs)
        self._loaded = {
            name: getattr(self, name) for name in (*self.REVISION_FIELDS, "status", "published_at")
        }

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})

    def clean(self):
        # Before the constraint "published needs a time" is validated.
        self._default_publish_time()

    def _default_publish_time(self):
        """Publishing with no time means now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = {
            name: getattr(instance, name)
            for name in (*cls.REVISION_FIELDS, "status", "published_at")
            if name in field_names
        }
        return instance

    def _is_meaningful_edit(self):
        """An edit to what readers read, made while the article was already public."""
        loaded = getattr(self, "_loaded", None)
        if not loaded or len(loaded) < len(self.REVISION_FIELDS) + 2:
            return False
        was_public = loaded["status"] == self.Status.PUBLISHED and (
            loaded["published_at"] is not None and loaded["published_at"] <= timezone.now()
        )
        still_public = self.status == self.Status.PUBLISHED
        changed = any(getattr(self, name) != loaded[name] for name in self.REVISION_FIELDS)
        return was_public and still_public and changed

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

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

    @staticmethod
    def photos_prefetch():
        return models.Prefetch("photos", queryset=Photo.objects.order_by("order", "id"))

    @property
    def tagged_items(self):
        """The article's tag links, so that revisions (reversion's follow) keep its tags."""
        from taggit.models import TaggedItem

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
        return self.filter(
            article__status=Article.Status.PUBLISHED, article__published_at__lte=timezone.now()
        )


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


CAPTION_MARKS = re.compile(r"^[\s▲]+")


class Photo(models.Model):
    article = models.ForeignKey(
        Article, verbose_name="기사", on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        "사진",
        upload_to=photos.article_photo_path,
        width_field="width",
        height_field="height",
        validators=[validate_photo_upload],
    )
    width = models.PositiveIntegerField("가로", editable=False, default=0)
    height = models.PositiveIntegerField("세로", editable=False, default=0)
    renditions = models.JSONField("크기별 사본", default=list, editable=False, blank=True)
    caption = models.CharField(
        "설명",
        max_length=300,
        blank=True,
        help_text="기사에는 ▲ 뒤에 이어서 보입니다. 앞에 ▲를 적으면 저장할 때 지웁니다.",
    )
    credit_reporter = models.ForeignKey(
        Reporter,
        verbose_name="촬영 기자",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    credit = models.CharField(
        "출처",
        max_length=100,
        blank=True,
        help_text="예: 사진제공=중소기업중앙회. 촬영 기자와 함께 적을 수 없습니다.",
    )
    alt = models.CharField(
        "대체 텍스트", max_length=200, help_text="사진을 볼 수 없는 독자에게 읽어 줄 설명"
    )
    placement = models.PositiveSmallIntegerField(
        "위치", default=0, help_text="사진을 넣을 자리: 본문 맨 위 또는 고른 문단 바로 뒤"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    library_photo = models.ForeignKey(
        "self",
        verbose_name="사진 자료실에서 고르기",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="이미 실린 사진을 다시 씁니다. 파일을 고르지 않으면 설명·출처·대체 텍스트도 "
        "비어 있는 칸에 가져옵니다.",
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "사진"
        verbose_name_plural = "사진"

    def __str__(self):
        return self.caption or self.alt

    def save(self, *args, **kwargs):
        # The template prints the ▲; one typed by the reporter would show twice.
        self.caption = CAPTION_MARKS.sub("", self.caption)
        if self.image and not getattr(self.image, "_committed", True):
            self.image = strip_metadata(self.image)
            self.renditions = []
        super().save(*args, **kwargs)
        if self.image and not self.renditions:
            self.renditions = make_renditions(self.image)
            super().save(update_fields=["renditions"])
        image, renditions = getattr(self, "_stored_files", (None, None))
        if image and image != self.image.name:
            transaction.on_commit(lambda: delete_unused_files(image, renditions))
        self._stored_files = (self.image.name, self.renditions)

    @classmethod
    def from_db(cls, db, field_names, values):
        photo = super().from_db(db, field_names, values)
        # The files as stored: a save that points elsewhere frees them (if nothing else shows them).
        if "image" in field_names and "renditions" in field_names:
            photo._stored_files = (photo.image.name, photo.renditions)
        return photo

    def clean(self):
        super().clean()
        if self.credit_reporter_id and self.credit.strip():
            # The page shows one credit; keeping both would silently drop 출처.
            raise ValidationError(
                {
                    "credit": "촬영 기자와 출처 중 하나만 적어 주세요. "
                    "기자가 찍은 사진이면 출처를 비우고, 제공 사진이면 촬영 기자를 비워 주세요."
                },
                code="photo_two_credits",
            )

    @property
    def credit_text(self):
        if self.credit_reporter_id:
            reporter = self.credit_reporter
            return f"{reporter.name} 기자 @{reporter.handle}"
        return self.credit

    def srcset(self):
        from django.core.files.storage import default_storage

        return ", ".join(
            f"{default_storage.url(item['name'])} {item['width']}w" for item in self.renditions
        )


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


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", "좋아요"
        ANGRY = "angry", "화나요"
        SAD = "sad", "슬퍼요"
        WANT_MORE = "want_more", "추가취재 원해요"

        @property
        def counter_field(self):
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


class CuratedBox(models.Model):
    """A desk-edited list of articles, such as 주요뉴스 or 뉴스발전소."""

    TOP_NEWS = "top-news"
    NEWS_PLANT = "news-plant"

    name = models.CharField("이름", max_length=40)
    slug = models.SlugField("주소 이름", unique=True)
    articles = models.ManyToManyField(
        Article, through="CuratedSlot", related_name="+", verbose_name="기사"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "편집 박스"
        verbose_name_plural = "편집 박스"

    def __str__(self):
        return self.name


class CuratedSlot(models.Model):
    box = models.ForeignKey(CuratedBox, on_delete=models.CASCADE, related_name="slots")
    article = models.ForeignKey(
        Article,
        verbose_name="기사",
        on_delete=models.CASCADE,
        related_name="+",
        # Only stories that are public or scheduled to be: the autocomplete offers no others,
        # and the form refuses a draft, a story in review or an archived one.
        limit_choices_to={"status": "published"},
        help_text="출고했거나 출고 예약된 기사만 고를 수 있습니다. 제목으로 찾습니다.",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    starts_at = models.DateTimeField(
        "게시 시작", null=True, blank=True, help_text="비워 두면 바로 보입니다."
    )
    ends_at = models.DateTimeField(
        "게시 종료", null=True, blank=True, help_text="이 시각부터 빠지고 최신 기사로 채워집니다."
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "배치"
        verbose_name_plural = "배치"
        constraints = [
            models.UniqueConstraint(fields=["box", "article"], name="curatedslot_unique_article"),
        ]

    def __str__(self):
        return f"{self.box} #{self.order}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "게시 종료는 게시 시작보다 뒤여야 합니다."})


@receiver(pre_save, sender=Reporter)
@receiver(pre_save, sender=Article)
def _strip_new_upload_metadata(sender, instance, **kwargs):
    """A reporter's portrait and an article's share image are public files too: a new upload
    loses its EXIF (camera, GPS) before it is written, as article photos do."""
    for name in ("photo", "share_image"):
        file = getattr(instance, name, None)
        if file and not getattr(file, "_committed", True):
            setattr(instance, name, strip_metadata(file))


def delete_unused_files(image, renditions):
    """Remove a photo's files from storage unless another photo still shows them."""
    from django.core.files.storage import default_storage

    if not image or Photo.objects.filter(image=image).exists():
        return  # shared with another photo, renditions included (the demo's bulk articles)
    for name in {image, *(item["name"] for item in renditions or ())}:
        default_storage.delete(name)


@receiver(post_delete, sender=Photo)
def _delete_photo_files(sender, instance, **kwargs):
    image, renditions = instance.image.name, instance.renditions
    transaction.on_commit(lambda: delete_unused_files(image, renditions))
