"""A photo kept across a refused form is named as the editor chose it, not by its stored name."""

import re

import pytest
from django.urls import reverse

from tests.factories import image_file, make_reporter, make_section
from tests.html_forms import article_form, form_data

pytestmark = pytest.mark.django_db


def test_the_kept_upload_note_shows_the_original_file_name_across_refusals(admin_client):
    section, reporter = make_section("산업"), make_reporter("문서윤")
    add = reverse("admin:articles_article_add")
    first = admin_client.post(
        add, article_form(section, reporter, image_file("공장 라인 IMG_0412.jpg"), title="")
    )
    note = re.search(r'<p class="kept-upload">.*?</p>', first.content.decode(), re.S).group(0)
    assert "보관한 사진: 공장 라인 IMG_0412.jpg." in note

    # Refused again: the file input comes back empty, the note keeps the name it had.
    again = admin_client.post(add, form_data(first, "article_form") | {"title": ""})
    note = re.search(r'<p class="kept-upload">.*?</p>', again.content.decode(), re.S).group(0)
    assert "보관한 사진: 공장 라인 IMG_0412.jpg." in note
