"""The admin's sign-in lockout (django-axes): by account and by client address, in Korean."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import F
from django.test import Client

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/admin/login/?next=/admin/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return get_user_model().objects.create_user(
        "desk", password=PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(username, password, address="10.0.0.1", **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN, {"username": username, "password": password})
    return client, response


def fail(times, username="desk", address="10.0.0.1", **headers):
    for _ in range(times):
        _, response = sign_in(username, "wrong-password", address, **headers)
    return response


def test_five_failures_lock_the_account_even_with_the_right_password(desk):
    response = fail(4)
    assert response.status_code == 200  # the form again, with Django's error
    response = fail(1)
    assert response.status_code == 429
    page = response.content.decode()
    assert "로그인이 잠시 잠겼습니다" in page
    assert "15분 뒤에 다시 시도하세요" in page
    assert "뉴스룸경제 편집국" in page
    assert 'name="password"' not in page

    client, response = sign_in("desk", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the sign-in form


def test_an_account_is_locked_from_every_address(desk):
    for number in range(5):
        fail(1, address=f"10.0.1.{number}")
    _, response = sign_in("desk", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429


def test_an_address_is_locked_for_every_account(desk):
    get_user_model().objects.create_user("reporter", password=PASSWORD, is_staff=True)
    for number in range(5):
        fail(1, username=f"guess{number}", address="10.0.0.9")
    _, response = sign_in("reporter", PASSWORD, address="10.0.0.9")
    assert response.status_code == 429
    # Another address signs in to the same account.
    client, response = sign_in("reporter", PASSWORD, address="10.0.0.10")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_other_accounts_and_addresses_stay_open(desk):
    get_user_model().objects.create_user("reporter", password=PASSWORD, is_staff=True)
    fail(5, username="desk", address="10.0.0.1")
    _, response = sign_in("reporter", PASSWORD, address="10.0.0.2")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_forwarded_headers_cannot_rotate_the_address(desk):
    for number in range(5):
        fail(
            1,
            username=f"guess{number}",
            address="10.0.0.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
            HTTP_X_REAL_IP=f"198.51.100.{number}",
        )
    _, response = sign_in("desk", PASSWORD, address="10.0.0.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.7"}


def move_attempts_back(minutes):
    """As if the failures were made that long ago: axes compares attempt_time with the
    cool-off."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_the_lock_ends_after_the_cool_off(desk, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    fail(5)
    move_attempts_back(16)
    client, response = sign_in("desk", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(desk.pk)


def test_a_try_during_the_lock_restarts_the_cool_off(desk, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    fail(5)
    move_attempts_back(14)
    assert sign_in("desk", PASSWORD)[1].status_code == 429  # 14 minutes is not enough
    move_attempts_back(2)  # 16 after the fifth failure, 2 after the last try
    assert sign_in("desk", PASSWORD)[1].status_code == 429
    move_attempts_back(16)
    assert sign_in("desk", PASSWORD)[1].status_code == 302


def test_a_success_clears_earlier_failures(desk):
    fail(4)
    assert sign_in("desk", PASSWORD)[1].status_code == 302
    assert not AccessAttempt.objects.exists()
    fail(4)  # four more are again below the limit
    assert sign_in("desk", PASSWORD)[1].status_code == 302


def test_the_desk_sees_attempts_in_the_admin(desk):
    fail(5, username="intruder", address="10.0.0.3")
    client = Client(REMOTE_ADDR="10.0.0.4")
    client.force_login(desk)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200
    assert "intruder" in page.content.decode()
    assert "10.0.0.3" in page.content.decode()


def test_staff_passwords_follow_the_validators(desk):
    with pytest.raises(ValidationError):
        validate_password("12345678901")
    with pytest.raises(ValidationError):
        validate_password("short1!")
    client = Client()
    client.force_login(desk)
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "newbie",
            "password1": "password",
            "password2": "password",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="newbie").exists()
    page = response.content.decode()
    assert "최소 10자 이상이어야 합니다" in page
    assert "너무 흔히 사용되는 비밀번호입니다" in page
    response = client.post(
        f"/admin/auth/user/{desk.pk}/password/",
        {"password1": "desk", "password2": "desk"},
    )
    assert response.status_code == 200
    assert "최소 10자 이상이어야 합니다" in response.content.decode()
    desk.refresh_from_db()
    assert desk.check_password(PASSWORD)


def test_ensure_admin_makes_a_password_the_validators_accept(capsys):
    call_command("ensure_admin", username="boss")
    out = capsys.readouterr().out
    password = out.split("boss / ")[1].split()[0]
    validate_password(password, get_user_model().objects.get(username="boss"))


def test_the_desk_lifts_a_lock_and_a_reporter_cannot_see_them(desk):
    from django.contrib.auth.models import Group

    from articles.roles import DESK, REPORTER

    editor = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=DESK))
    writer = get_user_model().objects.create_user("writer", password=PASSWORD, is_staff=True)
    writer.groups.add(Group.objects.get(name=REPORTER))
    fail(5, username="desk", address="10.0.0.5")
    assert sign_in("desk", PASSWORD, address="10.0.0.6")[1].status_code == 429

    reporter_client = Client()
    reporter_client.force_login(writer)
    assert reporter_client.get("/admin/axes/accessattempt/").status_code == 403

    desk_client = Client()
    desk_client.force_login(editor)
    listing = desk_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "로그인 실패 기록" in listing.content.decode()
    # The account's rows (one per address it was tried from), selected and deleted.
    rows = list(AccessAttempt.objects.filter(username="desk").values_list("pk", flat=True))
    assert len(rows) == 2
    response = desk_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": rows, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in("desk", PASSWORD, address="10.0.0.6")[1].status_code == 302


@pytest.mark.parametrize(
    ("hops", "forwarded", "counted"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        # A forged entry before the proxy's own is ignored.
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
        # Fewer entries than proxies, or garbage: only the connection is known.
        (2, "203.0.113.9", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_behind_trusted_proxies_the_forwarded_address_counts(
    desk, settings, hops, forwarded, counted
):
    settings.TRUSTED_PROXY_HOPS = hops
    fail(1, address="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [counted]


def test_behind_a_proxy_one_reader_cannot_lock_out_the_others(desk, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    get_user_model().objects.create_user("reporter", password=PASSWORD, is_staff=True)
    for number in range(5):
        fail(1, username=f"guess{number}", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    blocked = sign_in("reporter", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")[1]
    # Rotating a made-up first entry does not help the attacker...
    rotated = sign_in(
        "reporter", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
    )[1]
    # ...and another reader behind the same proxy signs in.
    other = sign_in("reporter", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")[1]
    assert (blocked.status_code, rotated.status_code, other.status_code) == (429, 429, 302)
