"""Korean names as Koreans write them, family name first and no space (한데스크), wherever
the admin names a colleague: history, compare, a refused save and who else has the form open."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.roles import DESK
from tests.factories import make_article, make_staff
from tests.html_forms import change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_desks():
    clients = []
    for username, first, last in (("desk_han", "데스크", "한"), ("iwon", "이원", "서")):
        client = Client()
        client.force_login(make_staff(username, DESK, first_name=first, last_name=last))
        clients.append(client)
    return clients


def test_history_compare_conflict_and_presence_name_colleagues_family_name_first(two_desks):
    han, seo = two_desks
    article = make_article("이름 순서")
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert han.post(url, change_form(article)).status_code == 302

    opened = change_form(article)
    seo.get(url)  # 서이원 has the form open
    presence = han.get(url).content.decode()
    assert "지금 <strong data-presence-names>서이원</strong>님도" in presence

    assert han.post(url, change_form(article, title="한데스크가 고침")).status_code == 302
    refused = seo.post(url, opened | {"deck": "늦은 부제"}).content.decode()
    assert "한데스크님이" in refused and "데스크 한" not in refused

    history = han.get(reverse("admin:articles_article_history", args=[article.pk]))
    names = re.findall(r"<td>(한데스크|데스크 한|desk_han)</td>", history.content.decode())
    assert names and set(names) == {"한데스크"}

    old, new = Version.objects.get_for_object(article).order_by("pk")
    compare = han.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"old": old.pk, "new": new.pk},
    ).content.decode()
    assert "(한데스크)" in compare and "desk_han" not in compare
