"""Every public image file loses its metadata: reporter portraits, share images, and the
article photos uploaded before uploads were cleaned (rewritten by a data migration)."""

import importlib
from io import BytesIO

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Photo, Reporter
from tests.factories import MAKE, image_file, jpeg_with_exif, make_article, make_reporter

pytestmark = pytest.mark.django_db

migration = importlib.import_module("articles.migrations.0012_strip_stored_metadata")


def metadata_of(name):
    with default_storage.open(name) as stored:
        data = stored.read()
    with Image.open(BytesIO(data)) as image:
        return dict(image.getexif()), set(image.info), image.size, data


def test_a_reporters_portrait_and_a_share_image_lose_their_metadata():
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    reporter.photo = jpeg_with_exif("portrait.jpg")
    reporter.save()
    article = make_article("공유 이미지 기사")
    article.share_image = jpeg_with_exif("share.jpg")
    article.save()

    for name in (Reporter.objects.get().photo.name, type(article).objects.get().share_image.name):
        exif, info, size, data = metadata_of(name)
        assert exif == {} and not {"exif", "comment"} & info, name
        assert b"Canon" not in data
        assert size == (800, 1200), name  # turned upright before the tag went


@pytest.mark.renditions
def test_the_migration_cleans_files_stored_before_and_renews_their_renditions():
    article = make_article("예전 사진 기사", photos=0)
    other = make_article("같은 파일을 쓰는 기사", photos=0)
    raw = jpeg_with_exif("old-camera.jpg").read()
    name = default_storage.save("photos/2025/01/old-camera.jpg", ContentFile(raw))
    stale = [{"name": name, "width": 1200}]
    for owner in (article, other):
        photo = Photo.objects.create(article=owner, image=image_file(), alt="사진")
        Photo.objects.filter(pk=photo.pk).update(
            image=name, width=1200, height=800, renditions=stale
        )
    portrait = default_storage.save("reporters/old.jpg", ContentFile(raw))
    reporter = make_reporter("한지우", handle="jiwoo_han")
    Reporter.objects.filter(pk=reporter.pk).update(photo=portrait)
    assert metadata_of(name)[0][MAKE] == "Canon"  # really dirty before

    migration.strip_stored_metadata(apps, None)

    exif, info, size, data = metadata_of(name)
    assert exif == {} and not {"exif", "comment"} & info and b"Canon" not in data
    assert size == (800, 1200)
    rows = list(Photo.objects.filter(image=name))
    assert len(rows) == 2
    for row in rows:
        assert (row.width, row.height) == (800, 1200)
        assert len(row.renditions) >= 2
        for item in row.renditions:
            assert metadata_of(item["name"])[0] == {}
    assert metadata_of(portrait)[0] == {}

    # Run again (a re-applied migration): clean files are left exactly as they are.
    before = metadata_of(name)[3]
    migration.strip_stored_metadata(apps, None)
    assert metadata_of(name)[3] == before
