import re

import reversion
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from articles import photos
from articles.models.articles import Article
from articles.models.reporters import Reporter
from articles.photos import strip_metadata, validate_photo_upload

CAPTION_MARKS = re.compile(r"^[\s▲]+")


class PhotoQuerySet(models.QuerySet):
    def shown(self):
        """Photos readers may be shown: their public file exists (not an upload still being
        processed, articles/actions/photos.py)."""
        return self.exclude(image__startswith=f"{photos.INCOMING}/")


@reversion.register()
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

    objects = PhotoQuerySet.as_manager()

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
            # Kept as it came where no page links it; the task makes the public file.
            upload = self.image
            self.image = default_storage.save(photos.incoming_path(upload.name), upload)
            self.renditions = []
        # Its metadata stripped and its renditions made by a task queued with this save
        # (articles/actions/photos.py), off the editor's request.
        super().save(*args, **kwargs)
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
    def needs_processing(self):
        return bool(self.image) and (photos.is_incoming(self.image.name) or not self.renditions)

    @property
    def is_ready(self):
        """Its public file exists (metadata stripped): readers may be shown it."""
        return bool(self.image) and not photos.is_incoming(self.image.name)

    @property
    def credit_text(self):
        if self.credit_reporter_id:
            reporter = self.credit_reporter
            return f"{reporter.name} 기자 @{reporter.handle}"
        return self.credit

    @property
    def large_url(self):
        """Its largest rendition (the public file itself until the renditions exist): what
        사진 크게 보기 opens."""
        if self.renditions:
            widest = max(self.renditions, key=lambda item: item["width"])
            return default_storage.url(widest["name"])
        return self.image.url

    def srcset(self):
        return ", ".join(
            f"{default_storage.url(item['name'])} {item['width']}w" for item in self.renditions
        )


@receiver(pre_save, sender=Reporter)
@receiver(pre_save, sender=Article)
def _strip_new_upload_metadata(sender, instance, **kwargs):
    """A reporter's portrait and an article's share image are public files too: a new upload
    loses its EXIF (camera, GPS) before it is written, as article photos do."""
    for name in ("photo", "share_image"):
        file = getattr(instance, name, None)
        if file and not getattr(file, "_committed", True):
            setattr(instance, name, strip_metadata(file))


# An article's share image and a reporter's portrait: a file of the row's own.
_OWN_FILES = {"articles.article": "share_image", "articles.reporter": "photo"}


@receiver(pre_save, sender=Reporter)
@receiver(pre_save, sender=Article)
def _delete_replaced_file(sender, instance, update_fields=None, raw=False, **kwargs):
    """A share image or portrait replaced or cleared: the old file goes once the save is
    committed, unless another row still shows it. Only a new upload or an empty field can
    differ from what is stored, so only then is the stored name read."""
    field = _OWN_FILES[sender._meta.label_lower]
    if raw or instance._state.adding or (update_fields is not None and field not in update_fields):
        return
    file = getattr(instance, field)
    if file and getattr(file, "_committed", True):
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list(field, flat=True).first()
    if old:
        transaction.on_commit(lambda: _delete_unless_shown(old))


def _delete_unless_shown(name: str) -> None:
    if (
        Article.objects.filter(share_image=name).exists()
        or Reporter.objects.filter(photo=name).exists()
    ):
        return
    default_storage.delete(name)


def delete_unused_files(image: str, renditions: list[dict[str, object]] | None) -> None:
    """Remove a photo's files from storage unless another photo still shows them."""
    if not image or Photo.objects.filter(image=image).exists():
        return  # shared with another photo, renditions included (the demo's bulk articles)
    for name in {image, *(item["name"] for item in renditions or ())}:
        default_storage.delete(name)


@receiver(post_delete, sender=Photo)
def _delete_photo_files(sender, instance, **kwargs):
    image, renditions = instance.image.name, instance.renditions
    transaction.on_commit(lambda: delete_unused_files(image, renditions))
