"""The admin's sign-in lockout (django-axes): the pair (username, address) is locked, an
account or address under attack is slowed and never locked, a known browser gets through; in
Korean."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import F, Sum
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


def test_failures_from_other_addresses_do_not_lock_an_account(desk):
    for number in range(5):
        fail(1, address=f"10.0.1.{number}")
    client, response = sign_in("desk", PASSWORD, address="10.0.2.1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(desk.pk)


def test_a_stranger_cannot_lock_a_colleague_out(desk):
    """Five wrong passwords for "desk" from one address lock that pair only: the desk signs in
    from its own address at once."""
    assert fail(5, address="203.0.113.66").status_code == 429
    assert sign_in("desk", PASSWORD, address="203.0.113.66")[1].status_code == 429
    client, response = sign_in("desk", PASSWORD, address="10.0.0.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(desk.pk)


def test_one_typist_does_not_lock_everyone_behind_an_office_address(desk):
    get_user_model().objects.create_user("reporter", password=PASSWORD, is_staff=True)
    for number in range(5):
        fail(1, username=f"guess{number}", address="10.0.0.9")
    fail(5, username="desk", address="10.0.0.9")  # the desk's own pair locked there...
    client, response = sign_in("reporter", PASSWORD, address="10.0.0.9")
    assert response.status_code == 302  # ...and the reporter behind the same address signs in
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


def test_tries_during_the_lock_do_not_extend_it(desk, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    fail(5)
    move_attempts_back(14)
    assert sign_in("desk", PASSWORD)[1].status_code == 429  # 14 minutes is not enough
    assert fail(3).status_code == 429  # wrong passwords meanwhile: refused, not counted
    assert AccessAttempt.objects.get().failures_since_start == 5
    move_attempts_back(2)  # 16 minutes after the fifth failure
    client, response = sign_in("desk", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(desk.pk)


def test_the_lock_page_says_how_long_is_left(desk, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    fail(5)
    move_attempts_back(11)
    response = sign_in("desk", PASSWORD)[1]
    assert response.status_code == 429
    assert "4분 뒤에 다시 시도하세요" in response.content.decode()
    assert 180 < int(response["Retry-After"]) <= 240


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


def test_the_desk_lifts_a_lock_in_one_click_and_a_reporter_cannot_see_them(desk):
    from django.contrib.auth.models import Group

    from articles.roles import DESK, REPORTER

    editor = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=DESK))
    writer = get_user_model().objects.create_user("writer", password=PASSWORD, is_staff=True)
    writer.groups.add(Group.objects.get(name=REPORTER))
    fail(5, username="desk", address="10.0.0.5")
    fail(2, username="desk", address="10.0.0.6")  # another pair, not locked
    assert sign_in("desk", PASSWORD, address="10.0.0.5")[1].status_code == 429

    reporter_client = Client()
    reporter_client.force_login(writer)
    assert reporter_client.get("/admin/axes/accessattempt/").status_code == 403
    locked = AccessAttempt.objects.get(username="desk", ip_address="10.0.0.5")
    unlock = f"/admin/axes/accessattempt/{locked.pk}/unlock/"
    assert reporter_client.post(unlock).status_code == 403
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()

    desk_client = Client()
    desk_client.force_login(editor)
    listing = desk_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "로그인 실패 기록" in page
    # One 잠금 해제 button: the locked pair's, posting the list's form (and its CSRF token).
    assert page.count(">잠금 해제</button>") == 1
    assert f'formaction="{unlock}"' in page
    assert desk_client.get(unlock).status_code == 405  # a click, never a link
    response = desk_client.post(unlock)
    assert response.status_code == 302
    assert response["Location"] == "/admin/axes/accessattempt/"
    followed = desk_client.get(response["Location"]).content.decode()
    assert "잠금을 풀었습니다: desk 계정, 10.0.0.5 주소." in followed
    # That pair only: the other address's failures stay.
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [
        ("desk", "10.0.0.6")
    ]
    assert sign_in("desk", PASSWORD, address="10.0.0.5")[1].status_code == 302


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
    fail(5, username="reporter", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    blocked = sign_in("reporter", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")[1]
    # Rotating a made-up first entry does not help the attacker...
    rotated = sign_in(
        "reporter", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
    )[1]
    # ...and another reader behind the same proxy signs in.
    other = sign_in("reporter", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")[1]
    assert (blocked.status_code, rotated.status_code, other.status_code) == (429, 429, 302)


def test_an_ipv6_pair_is_its_slash_64(desk):
    fail(5, address="2001:db8:5:1::1")
    assert sign_in("desk", PASSWORD, address="2001:db8:5:1::beef")[1].status_code == 429
    assert sign_in("desk", PASSWORD, address="2001:db8:5:2::1")[1].status_code == 302


# Slowed, never locked: an account or an address under attack


def test_an_account_tried_from_many_addresses_is_slowed_not_locked(desk, settings):
    settings.ADMIN_LOGIN_SLOWDOWN_AFTER = 10
    for number in range(11):  # one past the ceiling: the next try waits a second
        assert fail(1, address=f"203.0.113.{number}").status_code == 200
    response = sign_in("desk", PASSWORD, address="10.0.0.30")[1]
    assert response.status_code == 429
    page = response.content.decode()
    assert "로그인 시도를 잠시 늦추고 있습니다" in page
    assert "1초 뒤에 다시 시도하세요" in page
    assert "계정이 잠긴 것은 아닙니다" in page
    assert response["Retry-After"] == "1"
    assert 'name="password"' not in page
    # A refused try is not counted: waiting out the delay is enough.
    assert fail(3, address="203.0.113.99").status_code == 429
    assert AccessAttempt.objects.aggregate(total=Sum("failures_since_start"))["total"] == 11
    move_attempts_back_seconds(2)
    client, response = sign_in("desk", PASSWORD, address="10.0.0.30")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(desk.pk)


def test_the_delay_grows_with_each_failure_up_to_the_ceiling(desk, settings):
    settings.ADMIN_LOGIN_SLOWDOWN_AFTER = 3
    settings.ADMIN_LOGIN_SLOWDOWN_MAX_SECONDS = 20
    waits = []
    for number in range(9):
        assert fail(1, address=f"203.0.113.{number}").status_code == 200
        response = sign_in("desk", PASSWORD, address="10.0.0.31")[1]  # right after it
        waits.append(int(response["Retry-After"]) if response.status_code == 429 else 0)
        move_attempts_back_seconds(60)  # the wait over, the next guess comes in
    assert waits == [0, 0, 0, 1, 2, 4, 8, 16, 20]


def test_an_address_trying_many_accounts_is_slowed_not_locked(desk, settings):
    settings.ADMIN_LOGIN_SLOWDOWN_AFTER = 10
    for number in range(11):
        fail(1, username=f"guess{number}", address="10.0.0.40")
    response = sign_in("desk", PASSWORD, address="10.0.0.40")[1]
    assert response.status_code == 429
    assert "1초 뒤에 다시 시도하세요" in response.content.decode()
    assert sign_in("desk", PASSWORD, address="10.0.0.41")[1].status_code == 302
    move_attempts_back_seconds(2)
    assert sign_in("desk", PASSWORD, address="10.0.0.40")[1].status_code == 302


def move_attempts_back_seconds(seconds):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=seconds))


# A known device: a browser that signed in to the account before


def signed_in_browser(username="desk", address="10.0.0.50"):
    browser = Client(REMOTE_ADDR=address)
    response = browser.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    browser.post("/admin/logout/")
    return browser


def test_a_sign_in_hands_the_browser_a_device_cookie(desk, settings):
    settings.SESSION_COOKIE_SECURE = True
    browser = Client(REMOTE_ADDR="10.0.0.50")
    response = browser.post(LOGIN, {"username": "desk", "password": PASSWORD})
    cookie = response.cookies["nr_device"]
    assert cookie["path"] == "/admin/"
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 90 * 24 * 3600
    assert "desk" not in cookie.value.split(":")[-1]  # signed, not the name in clear


def test_a_known_device_gets_through_a_lock_and_the_slowing(desk, settings):
    settings.ADMIN_LOGIN_SLOWDOWN_AFTER = 10
    browser = signed_in_browser(address="10.0.0.50")
    # The office address is shared: a stranger there locks the pair, others slow the account.
    fail(5, address="10.0.0.50")
    for number in range(10):
        fail(1, address=f"203.0.113.{number}")
    assert sign_in("desk", PASSWORD, address="10.0.0.50")[1].status_code == 429
    assert sign_in("desk", PASSWORD, address="10.0.0.51")[1].status_code == 429
    response = browser.post(LOGIN, {"username": "desk", "password": PASSWORD})
    assert response.status_code == 302
    assert browser.session["_auth_user_id"] == str(desk.pk)
    # It still needs the password.
    browser.post("/admin/logout/")
    wrong = browser.post(LOGIN, {"username": "desk", "password": "wrong-password"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in browser.session


def test_a_device_known_for_one_account_is_unknown_for_another(desk):
    get_user_model().objects.create_user("reporter", password=PASSWORD, is_staff=True)
    browser = signed_in_browser("reporter", address="10.0.0.52")
    fail(5, username="desk", address="10.0.0.52")
    response = browser.post(LOGIN, {"username": "desk", "password": PASSWORD})
    assert response.status_code == 429


def test_a_forged_or_copied_device_cookie_is_unknown(desk):
    fail(5, address="10.0.0.53")
    forged = Client(REMOTE_ADDR="10.0.0.53")
    forged.cookies["nr_device"] = '{"d": "x", "u": ["desk"]}'
    assert forged.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 429


def test_a_known_device_makes_only_a_few_tries_past_a_lock(desk, settings):
    settings.ADMIN_KNOWN_DEVICE_RATE = "3/h"
    browser = signed_in_browser(address="10.0.0.54")
    fail(5, address="10.0.0.54")
    statuses = [
        browser.post(LOGIN, {"username": "desk", "password": "wrong-password"}).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]  # three checked, then the lock holds
    assert browser.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 429


def test_the_desk_sees_which_accounts_are_targeted(desk):
    for number in range(4):
        fail(2, username="reporter_kim", address=f"203.0.113.{number}")
    fail(4, username="typist", address="10.0.0.60")
    client = Client()
    client.force_login(desk)
    page = client.get("/admin/axes/accessattempt/").content.decode()
    note = page.split("집중적으로 로그인이 시도되는 계정", 1)[1].split("</table>", 1)[0]
    assert "<td>reporter_kim</td><td>주소 4곳</td><td>8번</td>" in note
    assert "typist" not in note  # four typos from one address are no attack
