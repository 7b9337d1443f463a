"""미리 보기 before the first save: the photos chosen in the form and the byline the save
would give are on the page, as after saving."""

import html as html_lib

import pytest
from django.urls import reverse

from articles.models import Article, Photo
from articles.roles import REPORTER
from tests.factories import image_file, make_article, make_reporter, make_section, make_staff
from tests.html_forms import article_form

pytestmark = pytest.mark.django_db


def _frame(response):
    page = response.content.decode()
    return html_lib.unescape(page.split('srcdoc="')[1].split('"')[0])


def test_a_new_articles_preview_shows_the_uploaded_and_library_photos(admin_client):
    section = make_section("산업")
    reporter = make_reporter("문서윤")
    archived = make_article("자료 사진이 있는 기사", photos=1)
    library = archived.photos.get()
    data = article_form(section, reporter, image_file("line.jpg"), status="draft")
    data |= {
        "photos-TOTAL_FORMS": "2",
        "photos-1-library_photo": library.pk,
        "photos-1-caption": "",
        "photos-1-credit": "",
        "photos-1-alt": "",
        "photos-1-placement": "1",
        "photos-1-order": "1",
    }
    frame = _frame(admin_client.post(reverse("admin:articles_article_preview_new"), data))

    assert "▲재활용 공장 생산 라인을 점검하고 있다." in frame  # the upload's caption
    assert 'alt="공장 생산 라인"' in frame
    assert "▲사진 설명 1" in frame and library.image.url in frame  # the library photo
    assert "문서윤 기자" in frame
    assert not Article.objects.filter(title=data["title"]).exists()
    assert Photo.objects.count() == 1  # nothing saved


def test_a_reporters_new_article_previews_with_their_own_byline(client):
    user = make_staff("jiwoo", REPORTER)
    make_reporter("한지우", handle="jiwoo", user=user)
    client.force_login(user)
    data = article_form(make_section("산업"), None, None, status="draft")
    frame = _frame(client.post(reverse("admin:articles_article_preview_new"), data))
    assert "한지우 기자" in frame
