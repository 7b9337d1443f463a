"""What an editor types or uploads never breaks a page or leaves files behind."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from taggit.models import Tag

from articles.models import Article
from tests.factories import make_article, make_reporter, make_section
from tests.html_forms import article_form

pytestmark = pytest.mark.django_db


def png(size):
    buffer = BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(size=(1200, 800)):
    buffer = BytesIO()
    # Noise, so that the file is long enough for a cut to fall inside the picture data.
    Image.effect_noise(size, 80).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def stored_files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def people():
    return make_section("산업", slug="industry"), make_reporter("문서윤", handle="seoyun_moon")


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sliver.png", png((2000, 1)), "사진 크기가 2000×1라 기사에 실을 수 없습니다"),
        ("tall.png", png((40, 1000)), "사진 크기가 40×1000라 기사에 실을 수 없습니다"),
        # A cut PNG fails the structure check (its chunks carry checksums); a cut JPEG passes
        # it and is caught only by decoding.
        ("cut.png", png((1200, 800))[:-300], "사진 파일을 읽을 수 없습니다"),
        ("cut.jpg", jpeg()[:20_000], "사진 파일이 손상되었거나 끝부분이 잘렸습니다"),
    ],
)
def test_the_admin_refuses_a_photo_it_could_not_print_and_writes_no_file(
    admin_client, people, settings, name, content, message
):
    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form(*people, upload(name, content))
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "전기차 배터리 재활용 공장 첫 가동" in html  # the rest of the form is kept
    assert not Article.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_a_reporter_photo_that_is_cut_off_is_refused(admin_client, settings):
    response = admin_client.post(
        reverse("admin:articles_reporter_add"),
        {
            "name": "한지우",
            "handle": "jiwoo_han",
            "photo": upload("face.jpg", jpeg()[:20_000], "image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert "사진 파일이 손상되었거나 끝부분이 잘렸습니다" in response.content.decode()
    assert stored_files(settings.MEDIA_ROOT) == []


@pytest.mark.renditions
def test_a_sound_photo_still_goes_through(admin_client, people, settings):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(*people, upload("ok.png", png((1200, 800)))),
    )
    assert response.status_code == 302
    assert Article.objects.get().photos.count() == 1
    assert len(stored_files(settings.MEDIA_ROOT)) >= 2  # the original and its renditions


@pytest.mark.parametrize("typed", ["!!!", "!!!, ???", "배터리, ..."])
def test_the_admin_refuses_a_tag_without_letters_or_digits(admin_client, people, typed):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(*people, upload("ok.png", png((1200, 800))), tags=typed),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "에는 글자나 숫자가 없어 태그 페이지를 만들 수 없습니다" in html
    assert "‘!!!’" in html or "‘...’" in html
    assert not Article.objects.exists()
    assert not Tag.objects.exists()


def test_korean_and_mixed_tags_keep_their_letters(admin_client, people):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(*people, upload("ok.png", png((1200, 800))), tags="반도체!, AI?"),
    )
    assert response.status_code == 302
    assert set(Tag.objects.values_list("slug", flat=True)) == {"반도체", "ai"}


def test_a_tag_made_elsewhere_without_letters_still_has_a_page():
    """A tag from the shell or an import, not the admin form: it gets a generated address."""
    article = make_article("태그가 이상한 기사", tags=["!!!", "???"])
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(slugs) == 2 and all(slug.startswith("tag-") for slug in slugs)
    client = Client()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    for tag in Tag.objects.all():
        assert f'href="/tag/{tag.slug}/"' in page.content.decode()
        listing = client.get(f"/tag/{tag.slug}/")
        assert listing.status_code == 200
        assert "태그가 이상한 기사" in listing.content.decode()
