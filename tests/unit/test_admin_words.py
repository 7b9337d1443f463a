"""The admin's Korean: right particles wherever a name is inserted, and the right reason."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import Reporter
from tests.factories import make_article, make_reporter
from tests.html_forms import article_form

pytestmark = pytest.mark.django_db

# A particle written for one kind of word, glued to a word of the other kind.
WRONG_PARTICLES = re.compile(r"(본문|제목|시각|섹션|태그|부제|바이라인)(가|를|는|와)\b")


def test_the_history_and_the_message_after_saving_read_as_korean(admin_client):
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    article = make_article("고치기 전 제목", reporters=[reporter], photos=0)
    byline = article.bylines.get()
    data = article_form(
        article.section,
        reporter,
        "",
        title="고친 제목",
        body="<p>고친 본문.</p>",
        version=article.updated_at.isoformat(),
        **{
            "photos-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "1",
            "bylines-0-id": byline.pk,
            "bylines-0-article": article.pk,
        },
    )
    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), data, follow=True
    )
    page = response.content.decode()
    assert re.search(r"기사 “<a [^>]+>고친 제목</a>”: 변경 내용을 저장했습니다.", page)

    history = admin_client.get(
        reverse("admin:articles_article_history", args=[article.pk])
    ).content.decode()
    change = LogEntry.objects.get(object_id=str(article.pk)).get_change_message()
    assert change.startswith("변경한 항목: ")
    assert "제목" in change and "본문" in change and " 및 " in change
    for text in (page, history, change):
        assert not WRONG_PARTICLES.search(text), WRONG_PARTICLES.search(text)
        assert "또한" not in text


def test_a_new_reporters_address_name_defaults_to_the_e_mail_handle(admin_client):
    add = reverse("admin:articles_reporter_add")
    form = admin_client.get(add).content.decode()
    assert "비워 두면 이메일 아이디로 정합니다" in form

    data = {
        "name": "서이원",
        "slug": "",
        "email": "iwon_seo96@newsroom.example",
        "bio": "",
        "desk": "",
    }
    assert admin_client.post(add, data).status_code == 302
    assert Reporter.objects.get(name="서이원").slug == "iwon-seo96"

    again = admin_client.post(add, data | {"name": "서이원2", "email": "iwon.seo96@other.example"})
    assert again.status_code == 200
    assert "같은 주소 이름(‘iwon-seo96’)을 쓰는 기자가 이미 있습니다" in again.content.decode()
    assert "서이원2" in again.content.decode()  # what was typed stays
