"""Small factories for tests: plain functions with sensible defaults."""

import itertools
from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleReporter, Photo, Reporter, Section

_numbers = itertools.count(1)


def image_file(name="photo.jpg", size=(1200, 800), color=(30, 90, 160), image_format="JPEG"):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}.get(image_format, "image/jpeg")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def make_section(name=None, *, parent=None, **fields):
    number = next(_numbers)
    return Section.objects.create(
        name=name or f"섹션{number}",
        slug=fields.pop("slug", f"section-{number}"),
        parent=parent,
        **fields,
    )


def make_reporter(name="한지우", *, handle=None, **fields):
    number = next(_numbers)
    handle = handle or f"reporter{number}"
    return Reporter.objects.create(
        name=name,
        slug=fields.pop("slug", handle.replace("_", "-")),
        email=f"{handle}@newsroom.example",
        **fields,
    )


def make_article(
    title="반도체 수출, 석 달 연속 늘었다",
    *,
    section=None,
    reporters=(),
    photos=0,
    tags=(),
    status=Article.Status.PUBLISHED,
    published_at=None,
    **fields,
):
    if status == Article.Status.PUBLISHED and published_at is None:
        published_at = timezone.now() - timedelta(hours=1)
    article = Article.objects.create(
        title=title,
        section=section or make_section(),
        status=status,
        published_at=published_at,
        body=fields.pop(
            "body", "<p>첫 문단입니다.</p><p>둘째 문단입니다.</p><p>셋째 문단입니다.</p>"
        ),
        **fields,
    )
    for order, reporter in enumerate(reporters):
        ArticleReporter.objects.create(article=article, reporter=reporter, order=order)
    if tags:
        article.tags.add(*tags)
    for order in range(photos):
        Photo.objects.create(
            article=article,
            image=image_file(f"photo{order}.jpg"),
            caption=f"사진 설명 {order + 1}",
            credit="사진제공=뉴스룸",
            alt=f"대체 텍스트 {order + 1}",
            placement=order,
            order=order,
        )
    return article
