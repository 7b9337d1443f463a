"""The desk opens a new 기자's account in one form: sign-in, 기자 group and reporter page."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from articles.models import Reporter
from articles.roles import DESK, REPORTER
from tests.factories import make_reporter, make_staff

pytestmark = pytest.mark.django_db

NEW = reverse("admin:articles_reporter_new_account")
FORM = {
    "name": "한지우",
    "email": "jiwoo.han@newsroom.example",
    "username": "",
    "desk": "산업부",
    "password": "첫-비밀번호-2026!",
}


def test_the_desk_opens_a_reporters_account_in_one_form(client):
    client.force_login(make_staff("desk", DESK))
    listing = client.get(reverse("admin:articles_reporter_changelist")).content.decode()
    assert f'href="{NEW}"' in listing and "기자 계정 만들기" in listing

    done = client.post(NEW, FORM, follow=True)
    assert "한지우 기자의 계정(아이디 jiwoo.han)을 만들었습니다." in done.content.decode()
    user = User.objects.get(username="jiwoo.han")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [REPORTER]
    assert (user.last_name, user.first_name) == ("한", "지우")
    reporter = Reporter.objects.get(user=user)
    assert (reporter.name, reporter.slug, reporter.desk) == ("한지우", "jiwoo-han", "산업부")

    # The new 기자 signs in and may write.
    newcomer = Client()
    assert newcomer.login(username="jiwoo.han", password=FORM["password"])
    assert newcomer.get(reverse("admin:articles_article_add")).status_code == 200


def test_a_taken_name_or_weak_password_is_refused_in_korean_keeping_what_was_typed(client):
    client.force_login(make_staff("desk", DESK))
    make_reporter("문서윤", handle="seoyun")
    refused = client.post(
        NEW, FORM | {"email": "seoyun@newsroom.example", "username": "desk", "password": "1234"}
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "‘desk’은(는) 이미 쓰는 로그인 아이디입니다." in html
    assert "같은 이메일을 쓰는 기자가 이미 있습니다." in html
    assert "이 비밀번호는 너무 짧습니다." in html
    assert 'value="한지우"' in html
    assert not User.objects.filter(username="seoyun").exists()


def test_only_the_desk_opens_accounts(client):
    user = make_staff("jiwoo", REPORTER)
    client.force_login(user)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, FORM).status_code == 403
    assert not User.objects.filter(username="jiwoo.han").exists()
