"""Two editors, one article: the later save of an older form is refused, nothing is lost."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, EditingSession
from tests.factories import make_article, make_reporter, make_staff
from tests.html_forms import change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors():
    first = make_staff("kim", email="kim@example.com", first_name="김데스크")
    second = make_staff("lee", email="lee@example.com", first_name="이편집")
    tabs = []
    for user in (first, second):
        client = Client()
        client.force_login(user)
        tabs.append(client)
    return tabs


def opened_form(client, article):
    """What the change form holds when opened: its fields as the browser would send them."""
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    version = re.search(r'name="version" value="([^"]*)"', html).group(1)
    return html, change_form(article, version=version)


def test_a_save_over_a_newer_version_is_refused_and_keeps_what_was_typed(editors):
    tab_one, tab_two = editors
    article = make_article("원래 제목", reporters=[make_reporter("문서윤")], deck="원래 부제")
    url = reverse("admin:articles_article_change", args=[article.pk])
    _, first = opened_form(tab_one, article)
    _, second = opened_form(tab_two, article)  # opened before the first tab saves

    assert tab_one.post(url, first | {"deck": "첫째 탭이 고친 부제"}).status_code == 302
    refused = tab_two.post(url, second | {"title": "둘째 탭이 고친 제목"})

    html = refused.content.decode()
    assert refused.status_code == 200
    assert "김데스크님이" in html and "이 기사를 먼저 저장했습니다" in html
    assert "둘째 탭이 고친 제목" in html  # nothing the second editor typed is lost
    article.refresh_from_db()
    assert (article.title, article.deck) == ("원래 제목", "첫째 탭이 고친 부제")

    # Saving the refused form again is a deliberate overwrite, and goes through.
    version = re.search(r'name="version" value="([^"]*)"', html).group(1)
    again = tab_two.post(url, second | {"title": "둘째 탭이 고친 제목", "version": version})
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.title == "둘째 탭이 고친 제목"


def test_saving_twice_from_the_same_tab_works(editors):
    tab, _ = editors
    article = make_article("연속 저장", reporters=[make_reporter("문서윤")])
    url = reverse("admin:articles_article_change", args=[article.pk])
    _, data = opened_form(tab, article)
    response = tab.post(url, data | {"title": "한 번 저장", "_continue": "1"}, follow=True)
    version = re.search(r'name="version" value="([^"]*)"', response.content.decode()).group(1)
    assert tab.post(url, data | {"title": "두 번 저장", "version": version}).status_code == 302
    article.refresh_from_db()
    assert article.title == "두 번 저장"


def test_the_form_names_who_else_has_it_open(editors):
    tab_one, tab_two = editors
    article = make_article("함께 여는 기사")
    url = reverse("admin:articles_article_change", args=[article.pk])
    alone = tab_one.get(url).content.decode()
    assert re.search(r'class="editing-presence"[^>]* hidden', alone)

    together = tab_two.get(url).content.decode()
    assert "지금 <strong data-presence-names>김데스크</strong>님도" in together

    presence = reverse("admin:articles_article_presence", args=[article.pk])
    assert tab_one.post(presence).json() == {"others": ["이편집"]}
    assert tab_two.post(presence, {"leave": "1"}).json() == {"others": []}
    assert tab_one.post(presence).json() == {"others": []}
    assert EditingSession.objects.filter(article=article).count() == 1


def test_a_reporter_cannot_probe_presence_on_another_reporters_article(client):
    from articles.roles import REPORTER

    user = make_staff("jiwoo", REPORTER)
    article = make_article("남의 기사", status=Article.Status.DRAFT)
    client.force_login(user)
    response = client.post(reverse("admin:articles_article_presence", args=[article.pk]))
    assert response.status_code == 403


def test_a_save_that_carries_no_version_at_all_is_refused(editors):
    """A form without the version (a script, an old tab's form, a hand-made POST) cannot
    overwrite what is stored: it is the same refusal as an older version."""
    tab, _ = editors
    article = make_article("저장된 제목", reporters=[make_reporter("문서윤")])
    url = reverse("admin:articles_article_change", args=[article.pk])
    _, data = opened_form(tab, article)
    before = Article.objects.values_list("title", "updated_at").get(pk=article.pk)
    for sent in ({k: v for k, v in data.items() if k != "version"}, data | {"version": ""}):
        refused = tab.post(url, sent | {"title": "버전 없이 보낸 제목"})
        assert refused.status_code == 200
        html = refused.content.decode()
        assert "이 기사를 먼저 저장했습니다" in html
        assert "버전 없이 보낸 제목" in html  # what was typed stays in the form
        assert Article.objects.values_list("title", "updated_at").get(pk=article.pk) == before
