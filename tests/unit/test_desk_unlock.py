"""잠금 해제: a colleague locked out of signing in is let back in with one press on their user
page, which forgets their failed sign-ins through axes' own reset."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.django_db


def test_잠금_해제_on_the_user_page_lets_a_locked_colleague_sign_in_again(admin_client, settings):
    colleague = make_staff("jiwoo", "기자")
    AccessAttempt.objects.create(
        username="jiwoo",
        ip_address="10.0.0.9",
        user_agent="Chrome",
        attempt_time=timezone.now() - timedelta(minutes=1),
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/admin/login/",
    )
    page = admin_client.get(reverse("admin:auth_user_change", args=[colleague.pk]))
    html = page.content.decode()
    unlock = reverse("admin:auth_user_unlock", args=[colleague.pk])
    assert f'action="{unlock}"' in html
    assert f"잠금 해제 (로그인 실패 {settings.AXES_FAILURE_LIMIT}회)" in html
    assert admin_client.get(unlock).status_code == 405

    done = admin_client.post(unlock, follow=True).content.decode()
    assert "‘jiwoo’의 로그인 잠금을 풀었습니다." in done
    assert not AccessAttempt.objects.filter(username="jiwoo").exists()
    assert "잠금 해제 (" not in done  # nothing left to unlock

    signing_in = Client()
    response = signing_in.post(reverse("admin:login"), {"username": "jiwoo", "password": PASSWORD})
    assert response.status_code == 302


def test_only_who_may_change_users_unlocks(client):
    colleague = make_staff("jiwoo", "기자")
    client.force_login(make_staff("desk", "데스크"))
    response = client.post(reverse("admin:auth_user_unlock", args=[colleague.pk]))
    assert response.status_code == 403
