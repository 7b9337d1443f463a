from django.core.exceptions import ValidationError
from django.db import models

from articles.models.articles import Article


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
