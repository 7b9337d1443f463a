"""Two editors, one article: the later save of an older form is refused, nothing is lost."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, EditingSession
from tests.factories import make_article, make_reporter, make_staff
from tests.html_forms import change_form, form_data

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


def test_after_a_refused_save_the_other_change_is_shown_and_overwriting_is_a_choice(editors):
    """The bug: pressing 저장 again after the refusal silently threw the other editor's
    change away. Now the refusal shows what they changed, and saving again without ticking
    내 내용으로 덮어쓰기 is refused again."""
    tab_one, tab_two = editors
    article = make_article("원래 제목", reporters=[make_reporter("문서윤")], deck="원래 부제")
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert tab_one.post(url, change_form(article)).status_code == 302  # saved in the admin
    _, first = opened_form(tab_one, article)
    _, second = opened_form(tab_two, article)
    assert tab_one.post(url, first | {"deck": "첫째 탭이 고친 부제"}).status_code == 302

    refused = tab_two.post(url, second | {"title": "둘째 탭이 고친 제목"}).content.decode()
    panel = re.search(r'<section class="edit-conflict".*?</section>', refused, re.S).group(0)
    assert "김데스크님이" in panel and "에 바꾼 내용</h2>" in panel
    assert "<h3>부제</h3>" in panel
    assert "<del>원래</del><ins>첫째 탭이 고친</ins> 부제" in panel
    assert "<h3>제목</h3>" not in panel  # the other editor left the title alone
    assert "내 내용으로 덮어쓰기" in panel

    # 저장 again, the box left empty: refused again, the other change kept.
    again = tab_two.post(url, form_data_of(refused))
    assert again.status_code == 200
    assert "이 기사를 먼저 저장했습니다" in again.content.decode()
    article.refresh_from_db()
    assert (article.title, article.deck) == ("원래 제목", "첫째 탭이 고친 부제")

    # Ticked: a deliberate overwrite.
    overwrite = re.search(r'name="overwrite" value="([^"]+)"', refused).group(1)
    done = tab_two.post(url, form_data_of(refused) | {"overwrite": overwrite})
    assert done.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.deck) == ("둘째 탭이 고친 제목", "원래 부제")


def test_without_the_opened_revision_the_panel_compares_the_stored_article_with_the_form(
    editors,
):
    tab_one, tab_two = editors
    article = make_article("원래 제목", deck="원래 부제")  # never saved in the admin
    url = reverse("admin:articles_article_change", args=[article.pk])
    _, first = opened_form(tab_one, article)
    _, second = opened_form(tab_two, article)
    assert tab_one.post(url, first | {"deck": "첫째 탭이 고친 부제"}).status_code == 302
    refused = tab_two.post(url, second).content.decode()
    assert "저장된 기사와 이 양식이 다른 곳</h2>" in refused
    assert "<del>원래</del><ins>첫째 탭이 고친</ins> 부제" in refused


def test_an_article_never_saved_in_the_admin_shows_the_other_change_from_the_opened_form(
    editors,
):
    """No revision holds the version of a demo article: the form carries what it showed."""
    tab_one, tab_two = editors
    article = make_article("원래 제목", deck="원래 부제")
    url = reverse("admin:articles_article_change", args=[article.pk])
    _, first = opened_form(tab_one, article)
    page, second = opened_form(tab_two, article)
    snapshot = unescape(re.search(r'name="opened" value="([^"]*)"', page).group(1))
    assert tab_one.post(url, first | {"deck": "첫째 탭이 고친 부제"}).status_code == 302

    refused = tab_two.post(url, second | {"opened": snapshot, "title": "둘째 탭이 고친 제목"})
    panel = re.search(
        r'<section class="edit-conflict".*?</section>', refused.content.decode(), re.S
    )
    assert "김데스크님이" in panel.group(0) and "에 바꾼 내용</h2>" in panel.group(0)
    assert "<del>원래</del><ins>첫째 탭이 고친</ins> 부제" in panel.group(0)
    assert "<h3>제목</h3>" not in panel.group(0)  # the second tab's own edit is not theirs


def form_data_of(html):
    """The refused page's form as the browser sends it back (checkboxes as they are)."""

    class Page:
        content = html.encode()

    return form_data(Page, "article_form")


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
