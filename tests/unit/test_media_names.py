"""Uploaded files are stored under random names: a draft's photo cannot be found by guessing."""

import re

import pytest
from django.utils import timezone

from articles.models import Article, Photo
from tests.factories import image_file, make_article, make_reporter

pytestmark = pytest.mark.django_db

TOKEN = r"[A-Za-z0-9_-]{22}"  # secrets.token_urlsafe(16)


def month():
    return f"{timezone.localdate():%Y/%m}"


def add_photo(article, name, **image):
    """A photo as it stands once its task has made its public file (articles/actions/photos.py)."""
    photo = Photo.objects.create(
        article=article, image=image_file(name, **image), alt="사진", caption="설명"
    )
    photo.refresh_from_db()
    return photo


@pytest.mark.renditions
def test_an_article_photo_gets_a_random_name_and_so_do_its_renditions():
    draft = make_article("엠바고 걸린 실적 발표", status=Article.Status.DRAFT)
    photo = add_photo(draft, "samsung-q3-earnings-embargo.jpg", size=(1600, 900))
    assert re.fullmatch(rf"photos/{month()}/{TOKEN}\.jpg", photo.image.name), photo.image.name
    assert "samsung" not in photo.image.name
    stem = photo.image.name.rsplit("/", 1)[1].removesuffix(".jpg")
    smaller = [r["name"] for r in photo.renditions if r["name"] != photo.image.name]
    assert smaller and all(stem in name and "samsung" not in name for name in smaller)
    assert photo.image.storage.exists(photo.image.name)


def test_the_same_upload_twice_gets_two_names():
    article = make_article()
    first = add_photo(article, "photo.jpg")
    second = add_photo(article, "photo.jpg")
    assert first.image.name != second.image.name


def test_the_suffix_follows_the_image_not_the_upload_name():
    article = make_article()
    png = add_photo(article, "chart.jpg", image_format="PNG")
    jpeg = add_photo(article, "PHOTO.JPEG")
    assert png.image.name.endswith(".png")
    assert jpeg.image.name.endswith(".jpg")


def test_reporter_photos_and_share_images_get_random_names():
    reporter = make_reporter("한지우", handle="jiwoo_han", photo=image_file("hanjiwoo-profile.jpg"))
    assert re.fullmatch(rf"reporters/{TOKEN}\.jpg", reporter.photo.name), reporter.photo.name
    article = make_article(share_image=image_file("share-card.png", image_format="PNG"))
    assert re.fullmatch(rf"share/{month()}/{TOKEN}\.png", article.share_image.name)
