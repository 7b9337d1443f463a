"""The article form offers the paper's tags in use, most used first, so that each tag keeps
one spelling (js/tag-suggestions.js draws them; tests/browser/test_desk_editor_browser.py)."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_the_tag_field_offers_the_tags_in_use_most_used_first(admin_client):
    make_article("하나", tags=["반도체", "수출"])
    make_article("둘", tags=["반도체", "금리"])
    make_article("셋", tags=["반도체", "수출"])
    form = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    field = re.search(r'<input[^>]+name="tags"[^>]*>', form).group(0)
    offered = json.loads(unescape(re.search(r'data-tag-suggestions="([^"]*)"', field).group(1)))
    assert offered == ["반도체", "수출", "금리"]
    assert "js/tag-suggestions.js" in form
