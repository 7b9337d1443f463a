from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse


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
