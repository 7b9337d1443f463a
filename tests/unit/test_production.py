"""DJANGO_PRODUCTION=1: refuses to start without its own key and hosts, and passes
`manage.py check --deploy` with no warning."""

import os
import secrets
from pathlib import Path

import pytest

from tests.commands import run_manage

ROOT = Path(__file__).resolve().parents[2]
HOSTS = "news.example.com"


def manage(tmp_path, *args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_")) and key != "DATABASE_URL"
    }
    environment.update({"NEWSROOM_VAR_DIR": str(tmp_path / "var"), "DJANGO_PRODUCTION": "1", **env})
    return run_manage(environment, *args)


def test_production_passes_the_deployment_check(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOSTS,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_the_check_fails_without_production(tmp_path):
    """The same check without the switch warns: the test above measures the switch."""
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_PRODUCTION="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOSTS,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no HTTPS redirect


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DJANGO_ALLOWED_HOSTS": HOSTS}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}, "DJANGO_ALLOWED_HOSTS"),
        (
            {"DJANGO_SECRET_KEY": " ", "DJANGO_ALLOWED_HOSTS": ""},
            "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS",
        ),
    ],
)
def test_production_refuses_to_start_without_its_key_or_hosts(tmp_path, env, missing):
    result = manage(tmp_path, "check", **env)
    assert result.returncode != 0
    assert f"DJANGO_PRODUCTION=1 requires {missing} in the environment" in result.stderr
    assert "운영 모드(DJANGO_PRODUCTION=1)에서는 환경 변수" in result.stderr
    # It never falls back to the embedded setup's generated key.
    assert not (tmp_path / "var" / "secret-key").exists()


def test_production_refuses_debug(tmp_path):
    result = manage(
        tmp_path,
        "check",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOSTS,
        DJANGO_DEBUG="1",
    )
    assert result.returncode != 0
    assert "운영 모드에서는 DJANGO_DEBUG를 켤 수 없습니다" in result.stderr


def test_the_health_probe_is_not_redirected_to_https(tmp_path):
    code = (
        "from django.test import Client; "
        "c = Client(HTTP_HOST='news.example.com'); "
        "print(c.get('/healthz/').status_code, c.get('/').status_code)"
    )
    result = manage(
        tmp_path,
        "shell",
        "-c",
        code,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOSTS,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["200", "301"]
