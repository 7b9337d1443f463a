"""The 사진 자료실 picker in the article form: each photo offered with its thumbnail, its credit
and the article it is in, not its caption alone."""

import re
from html import unescape

import pytest
from django.urls import reverse

from articles.models import Photo
from tests.factories import image_file, make_article

pytestmark = pytest.mark.django_db


def test_the_library_picker_offers_thumbnail_credit_and_article(admin_client):
    article = make_article("반도체 공장 준공")
    photo = Photo.objects.create(
        article=article,
        image=image_file("fab.jpg"),
        caption="준공식에서 테이프를 자르고 있다",
        credit="사진제공=라온세미콘",
        alt="준공식",
    )
    photo.refresh_from_db()  # stored under its final name once cleaned
    form = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    select = re.search(r'<select name="photos-0-library_photo"[^>]*>', form).group(0)
    url = unescape(re.search(r'data-ajax--url="([^"]+)"', select).group(1))
    assert "data-photo-library" in select
    assert "js/photo-library-picker.js" in form

    found = admin_client.get(
        url,
        {
            "app_label": "articles",
            "model_name": "photo",
            "field_name": "library_photo",
            "term": "준공식",
        },
    ).json()
    assert found["results"] == [
        {
            "id": str(photo.pk),
            "text": "준공식에서 테이프를 자르고 있다 (사진제공=라온세미콘 · 반도체 공장 준공)",
            "caption": "준공식에서 테이프를 자르고 있다",
            "credit": "사진제공=라온세미콘",
            "article": "반도체 공장 준공",
            "thumbnail": photo.image.url,
        }
    ]
