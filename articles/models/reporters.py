from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from articles import photos
from articles.photos import validate_photo_upload


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
