"""Small factories for tests: plain functions with sensible defaults."""

import itertools
from datetime import timedelta
from io import BytesIO

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleReporter, Comment, Photo, Reporter, Section

_numbers = itertools.count(1)

# The password of every newsroom member made here (make_staff); browser tests sign in with it.
PASSWORD = "pw-for-tests-only"

# EXIF tags that jpeg_with_exif writes.
ORIENTATION, MAKE, MODEL, GPS_IFD = 0x0112, 0x010F, 0x0110, 0x8825


def image_file(name="photo.jpg", size=(1200, 800), color=(30, 90, 160), image_format="JPEG"):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}.get(image_format, "image/jpeg")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def jpeg_with_exif(name="camera.jpg", size=(1200, 800)):
    """A camera JPEG: maker, model, GPS position, and orientation 6 (shown rotated 90°)."""
    exif = Image.Exif()
    exif[MAKE] = "Canon"
    exif[MODEL] = "Canon EOS R5 SERIAL-4711"
    exif[ORIENTATION] = 6
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (37.0, 33.0, 58.0)
    gps[3] = "E"
    gps[4] = (126.0, 58.0, 40.0)
    buffer = BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(
        buffer, "JPEG", exif=exif, comment=b"shot at the source's home"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_staff(username, group=None, *, password=PASSWORD, **fields):
    """A newsroom member who signs in to the admin: in `group` (articles.roles.REPORTER or
    DESK), or a superuser when no group is given. `fields`: email, first_name..."""
    if group is None:
        return User.objects.create_superuser(username, password=password, **fields)
    user = User.objects.create_user(username, password=password, is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


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


def make_comment(article, body="먼저 남긴 댓글", *, parent=None, password="", **fields):
    """A reader's comment, visible unless told, deletable with `password` when one is given;
    the article's stored count follows its visible comments, as the site keeps it."""
    fields.setdefault("nickname", "먼저온독자")
    fields.setdefault("status", Comment.Status.VISIBLE)
    if password:
        fields["password"] = make_password(password)
    comment = Comment.objects.create(article=article, parent=parent, body=body, **fields)
    visible = Comment.objects.filter(article=article, status=Comment.Status.VISIBLE).count()
    Article.objects.filter(pk=article.pk).update(comment_count=visible)
    article.comment_count = visible
    return comment
