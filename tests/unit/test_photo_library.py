"""Photo uploads that survive a refused form, and photos reused from the library.

A browser never sends a chosen file twice: a page refused for any reason must keep the photo
already chosen. A photo already in the archive can go into another article, sharing its file;
deleting one article never takes a file another article still shows.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Photo
from articles.roles import REPORTER
from tests.factories import (
    image_file,
    jpeg_with_exif,
    make_article,
    make_reporter,
    make_section,
    make_staff,
)
from tests.html_forms import article_form, form_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def not_an_image(name="memo.jpg"):
    return SimpleUploadedFile(name, b"just some text, not a picture", content_type="image/jpeg")


@pytest.fixture
def desk_setup():
    return make_section("산업", slug="industry"), make_reporter("문서윤", handle="seoyun_moon")


@pytest.mark.renditions
def test_a_chosen_photo_survives_a_refused_form_and_is_saved_once(
    admin_client, desk_setup, settings
):
    section, reporter = desk_setup
    refused = admin_client.post(ADD, article_form(section, reporter, jpeg_with_exif(), title=""))

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "이 필드는 필수 항목입니다" in html or "필수 항목" in html
    assert "보관한 사진: " in html and "다시 고르지 않아도 저장하면 들어갑니다." in html
    kept = stored_files(settings)
    # The upload only, as it came, where no page links it: nothing made public before the save.
    assert len(kept) == 1 and kept[0].startswith("incoming/")

    # The reporter fixes the title and saves; the file input comes back empty, as in a browser.
    again = form_data(refused, "article_form")
    assert again["photos-0-kept_upload"]
    again["title"] = "전기차 배터리 재활용 공장 첫 가동"
    again["_save"] = "저장"
    saved = admin_client.post(ADD, again)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    photo = Article.objects.get().photos.get()
    # The kept upload became the photo's public file (cleaned), and is gone itself.
    assert photo.image.name.startswith("photos/")
    assert not default_storage.exists(kept[0])
    assert photo.caption == "재활용 공장 생산 라인을 점검하고 있다."
    assert (photo.width, photo.height) == (800, 1200)  # upright, as the first upload
    assert len(photo.renditions) >= 2
    with default_storage.open(photo.image.name) as stored, Image.open(stored) as image:
        assert not image.getexif()
    # One original and its renditions: the kept file was used, not stored twice.
    assert sorted(stored_files(settings)) == sorted({item["name"] for item in photo.renditions})


def test_a_valid_photo_is_kept_while_its_neighbour_is_refused(admin_client, desk_setup):
    section, reporter = desk_setup
    data = article_form(
        section,
        reporter,
        image_file("first.jpg"),
        **{
            "photos-TOTAL_FORMS": "2",
            "photos-1-image": not_an_image(),
            "photos-1-caption": "두 번째 사진",
            "photos-1-alt": "두 번째",
            "photos-1-placement": "0",
            "photos-1-order": "1",
        },
    )
    refused = admin_client.post(ADD, data)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "사진 파일을 읽을 수 없습니다" in html or "올바른 이미지" in html
    again = form_data(refused, "article_form")
    assert again["photos-0-kept_upload"] and not again.get("photos-1-kept_upload")

    again["photos-1-image"] = image_file("second.png", image_format="PNG")
    again["_save"] = "저장"
    saved = admin_client.post(ADD, again)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    photos = list(Article.objects.get().photos.order_by("order"))
    assert [p.caption for p in photos] == ["재활용 공장 생산 라인을 점검하고 있다.", "두 번째 사진"]
    assert all(default_storage.exists(p.image.name) for p in photos)


def test_a_forged_or_foreign_reference_attaches_nothing(admin_client, desk_setup, settings):
    section, reporter = desk_setup
    other = make_article("다른 기사", section=section, reporters=[reporter])
    Photo.objects.create(article=other, image=image_file("secret.jpg"), alt="비밀")
    foreign = Photo.objects.get().image.name
    data = article_form(section, reporter, "", **{"photos-0-kept_upload": f"{foreign}:forged"})
    data.pop("photos-0-image")

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    assert "사진 파일을 고르거나 사진 자료실에서 사진을 골라 주세요." in response.content.decode()
    assert Article.objects.count() == 1


@pytest.mark.renditions
def test_a_photo_picked_from_the_library_shares_its_file_caption_and_credit(
    admin_client, desk_setup, settings, django_capture_on_commit_callbacks
):
    section, reporter = desk_setup
    first = make_article("첫 기사", section=section, reporters=[reporter])
    original = Photo.objects.create(
        article=first,
        image=image_file("plant.jpg"),
        caption="공장 전경",
        credit_reporter=reporter,
        alt="공장 전경 사진",
    )
    original.refresh_from_db()  # as its task left it: cleaned, with renditions
    files_before = stored_files(settings)
    data = article_form(
        section,
        reporter,
        "",
        **{
            "photos-0-library_photo": original.pk,
            "photos-0-caption": "",
            "photos-0-credit": "",
            "photos-0-alt": "",
        },
    )
    data.pop("photos-0-image")

    response = admin_client.post(ADD, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    reused = Article.objects.exclude(pk=first.pk).get().photos.get()
    assert reused.image.name == original.image.name
    assert reused.renditions == original.renditions
    assert (reused.caption, reused.alt) == ("공장 전경", "공장 전경 사진")
    assert reused.credit_reporter == reporter
    assert stored_files(settings) == files_before  # shared, not copied

    # Opened again and saved with no change, as an editor does: the shared file stays.
    change = reverse("admin:articles_article_change", args=[reused.article_id])
    again = form_data(admin_client.get(change), "article_form")
    again["_continue"] = "저장"
    resaved = admin_client.post(change, again)
    assert resaved.status_code == 302, resaved.content.decode()[:3000]
    kept = Photo.objects.get(pk=reused.pk)
    assert (kept.image.name, kept.renditions) == (original.image.name, original.renditions)
    assert (kept.caption, kept.library_photo_id) == ("공장 전경", original.pk)
    assert stored_files(settings) == files_before

    # Deleting the first article (to the 휴지통, then from it) leaves the file the second one
    # still shows.
    with django_capture_on_commit_callbacks(execute=True):
        for _ in ("to the trash", "for good"):
            admin_client.post(
                reverse("admin:articles_article_delete", args=[first.pk]), {"post": "yes"}
            )
    assert not Article.objects.filter(pk=first.pk).exists()
    assert stored_files(settings) == files_before

    # Once no article shows it, it is gone.
    with django_capture_on_commit_callbacks(execute=True):
        reused.article.delete()
    assert stored_files(settings) == []


@pytest.mark.renditions
def test_replacing_a_photo_frees_the_old_files_once_saved(
    desk_setup, settings, django_capture_on_commit_callbacks
):
    section, reporter = desk_setup
    article = make_article("사진 교체", section=section, reporters=[reporter])
    Photo.objects.create(article=article, image=image_file("old.jpg"), alt="옛 사진")
    photo = Photo.objects.get()
    old = set(stored_files(settings))

    photo.image = image_file("new.jpg", color=(10, 200, 10))
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()

    photo.refresh_from_db()
    now = set(stored_files(settings))
    assert not old & now
    assert photo.image.name in now


def test_a_reporter_cannot_reuse_another_reporters_embargoed_photo(desk_setup):
    section, theirs = desk_setup
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo_han", user=user)
    embargoed = make_article(
        "남의 예약 기사",
        section=section,
        reporters=[theirs],
        published_at=timezone.now() + timedelta(hours=3),
    )
    public = make_article("공개 기사", section=section, reporters=[theirs])
    hidden = Photo.objects.create(article=embargoed, image=image_file("a.jpg"), alt="엠바고 사진")
    shown = Photo.objects.create(article=public, image=image_file("b.jpg"), alt="공개 사진")
    client = Client()
    client.force_login(user)

    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "photo",
            "field_name": "library_photo",
            "term": "사진",
        },
    ).json()
    assert [int(item["id"]) for item in found["results"]] == [shown.pk]

    data = article_form(section, mine, "", status="draft", **{"photos-0-library_photo": hidden.pk})
    data.pop("photos-0-image")
    refused = client.post(ADD, data)
    assert refused.status_code == 200
    assert "올바르게 선택해 주세요" in refused.content.decode()
    assert Article.objects.filter(title=data["title"]).count() == 0


def test_the_library_lists_photos_for_the_desk_and_adds_none(admin_client, desk_setup):
    section, reporter = desk_setup
    article = make_article("자료실 기사", section=section, reporters=[reporter])
    Photo.objects.create(article=article, image=image_file(), caption="자료실 사진", alt="사진")

    listing = admin_client.get(reverse("admin:articles_photo_changelist"), {"q": "자료실"})

    assert listing.status_code == 200
    assert "자료실 사진" in listing.content.decode()
    assert admin_client.get(reverse("admin:articles_photo_add")).status_code == 403
