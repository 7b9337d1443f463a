"""Photos in the admin: credit and caption rules, metadata stripping, placement by paragraph."""

import re
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from articles.models import Article, Photo
from articles.photos import incoming_path
from tests.factories import (
    GPS_IFD,
    MAKE,
    ORIENTATION,
    image_file,
    jpeg_with_exif,
    make_article,
    make_reporter,
    make_section,
)
from tests.html_forms import article_form, change_form

pytestmark = pytest.mark.django_db


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_the_test_file_really_carries_metadata():
    with Image.open(jpeg_with_exif()) as image:
        exif = image.getexif()
        assert exif[MAKE] == "Canon" and exif[ORIENTATION] == 6
        assert exif.get_ifd(GPS_IFD)[1] == "N"
        assert "comment" in image.info


@pytest.mark.renditions
def test_every_photo_file_the_public_can_fetch_has_no_metadata(admin_client, client):
    section = make_section("산업", slug="industry")
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(section, reporter, jpeg_with_exif()),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    photo = article.photos.get()
    # Orientation 6 turns the 1200×800 sensor image upright: 800 wide, 1200 tall.
    assert (photo.width, photo.height) == (800, 1200)

    html = client.get(article.get_absolute_url()).content.decode()
    img = re.search(r'<img src="([^"]+)" srcset="([^"]+)"[^>]*width="(\d+)" height="(\d+)"', html)
    assert img, html
    assert (img[3], img[4]) == ("800", "1200")
    urls = {img[1], *(item.split()[0] for item in img[2].split(", "))}
    assert len(urls) >= 2  # the original and at least one smaller rendition
    for url in urls:
        fetched = client.get(url)
        assert fetched.status_code == 200, url
        data = body_of(fetched)
        assert b"Exif\x00\x00" not in data, url
        assert b"Canon" not in data and b"SERIAL" not in data, url
        assert b"source's home" not in data, url
        with Image.open(BytesIO(data)) as image:
            assert not image.getexif(), url
            assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info), url
            assert image.height > image.width, url  # still upright once the tag is gone


def test_photo_with_both_credits_is_refused_in_korean_and_keeps_the_form(admin_client):
    section = make_section("산업", slug="industry")
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    data = article_form(
        section,
        reporter,
        image_file(),
        **{"photos-0-credit_reporter": reporter.pk, "photos-0-credit": "사진제공=한빛에너지"},
    )

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "촬영 기자와 출처 중 하나만 적어 주세요." in html
    assert 'value="사진제공=한빛에너지"' in html
    assert "전기차 배터리 재활용 공장 첫 가동" in html
    assert not Article.objects.exists()


def test_photo_with_only_a_reporter_credit_is_shown_with_the_reporter(admin_client, client):
    section = make_section("산업", slug="industry")
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    data = article_form(
        section,
        reporter,
        image_file(),
        **{"photos-0-credit_reporter": reporter.pk, "photos-0-credit": ""},
    )
    assert admin_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    page = client.get(Article.objects.get().get_absolute_url()).content.decode()
    assert "(문서윤 기자 @seoyun_moon)" in page


def test_a_typed_caption_mark_is_removed_so_the_page_shows_one(admin_client, client):
    section = make_section("산업", slug="industry")
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    data = article_form(
        section, reporter, image_file(), **{"photos-0-caption": "▲ ▲재활용 라인을 점검하고 있다."}
    )
    assert admin_client.post(reverse("admin:articles_article_add"), data).status_code == 302

    photo = Article.objects.get().photos.get()
    assert photo.caption == "재활용 라인을 점검하고 있다."
    page = client.get(photo.article.get_absolute_url()).content.decode()
    assert "▲재활용 라인을 점검하고 있다." in page
    assert "▲▲" not in page and "▲ ▲" not in page


def test_caption_help_text_says_the_mark_is_added(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "앞에 ▲를 적으면 저장할 때 지웁니다." in html


def test_placement_is_chosen_by_the_paragraph_words_and_survives_saving_twice(admin_client, client):
    article = make_article(
        "예산안 기사",
        photos=1,
        body=(
            "<p>정부가 내년 예산안을 역대 최대 규모로 편성했다고 밝혔다.</p>"
            "<p>&lt;표&gt; 분야별 증감.</p>"
        ),
    )
    photo = article.photos.get()
    url = reverse("admin:articles_article_change", args=[article.pk])

    html = admin_client.get(url).content.decode()
    assert ">맨 위</option>" in html
    assert "1문단 뒤: 정부가 내년 예산안을 역대 최대 규모로 편성했다고…" in html
    assert "2문단 뒤: &lt;표&gt; 분야별 증감." in html

    data = change_form(article, **{"photos-0-placement": "1", "photos-0-caption": "첫 저장"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    photo.refresh_from_db()
    assert photo.placement == 1 and photo.caption == "첫 저장"

    reopened = admin_client.get(url).content.decode()
    assert re.search(r'<option value="1" selected>1문단 뒤: 정부가', reopened)
    data["photos-0-caption"] = "두 번째 저장"
    data["version"] = re.search(r'name="version" value="([^"]*)"', reopened).group(1)
    assert admin_client.post(url, data).status_code == 302
    photo.refresh_from_db()
    assert (photo.placement, photo.caption) == (1, "두 번째 저장")
    assert admin_client.get(photo.image.url).status_code == 200

    page = client.get(article.get_absolute_url()).content.decode()
    assert (
        page.index("정부가 내년 예산안을") < page.index("▲두 번째 저장") < page.index("분야별 증감")
    )


def test_a_placement_past_the_saved_body_stays_on_offer(admin_client):
    article = make_article("짧은 기사", photos=1, body="<p>한 문단.</p>")
    photo = article.photos.get()
    photo.placement = 40
    photo.save()
    url = reverse("admin:articles_article_change", args=[article.pk])

    html = admin_client.get(url).content.decode()
    assert '<option value="40" selected>40문단 뒤</option>' in html
    assert admin_client.post(url, change_form(article)).status_code == 302
    photo.refresh_from_db()
    assert photo.placement == 40


def test_the_admin_never_links_an_upload_still_being_processed(admin_client):
    # The worker has not yet stripped the upload's metadata: the file stays under incoming/,
    # which is never served, so the admin shows a note instead of a broken picture.
    article = make_article("처리 중인 사진이 있는 기사")
    photo = Photo.objects.create(article=article, image=image_file(), caption="공장 전경")
    waiting = default_storage.save(incoming_path("camera.jpg"), image_file())
    Photo.objects.filter(pk=photo.pk).update(image=waiting)

    html = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = html.content.decode()
    assert "사진을 처리하는 중입니다" in html
    assert "incoming/" not in html


def test_a_replaced_or_cleared_share_image_leaves_no_file_behind(
    admin_client, django_capture_on_commit_callbacks
):
    article = make_article("공유 이미지를 바꾸는 기사")
    change = reverse("admin:articles_article_change", args=[article.pk])

    def save(**fields):
        article.refresh_from_db()
        data = change_form(article)
        data.pop("share_image", None)
        data.update(fields)
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(change, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        article.refresh_from_db()
        return article.share_image.name

    first = save(share_image=image_file("first.jpg"))
    assert default_storage.exists(first)
    second = save(share_image=image_file("second.jpg"))
    assert second != first and default_storage.exists(second)
    assert not default_storage.exists(first)
    # Saved again unchanged: the file stays.
    assert save() == second and default_storage.exists(second)
    # Cleared.
    assert save(**{"share_image-clear": "on"}) == ""
    assert not default_storage.exists(second)
