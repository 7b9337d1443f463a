"""Settings read from the environment: safe local defaults, loud failures in production."""

import os
import stat

import pytest
from django.db import connection

from tests.commands import run_manage


def manage_check(tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_DEBUG"}
    }
    environment.update(NEWSROOM_VAR_DIR=str(tmp_path / "var"), **env)
    return run_manage(environment, "check")


def test_the_embedded_setup_generates_its_secret_key_once(tmp_path):
    first = manage_check(tmp_path)
    key_file = tmp_path / "var" / "secret-key"
    key = key_file.read_text()
    second = manage_check(tmp_path)

    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert len(key.strip()) >= 50
    assert key_file.read_text() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_deployment_without_a_secret_key_refuses_to_start(tmp_path):
    result = manage_check(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
    assert not (tmp_path / "var" / "secret-key").exists()


def test_a_malformed_rate_limit_is_refused_at_startup(tmp_path):
    result = manage_check(tmp_path, REACTION_RATE_PER_VISITOR="lots")

    assert result.returncode != 0
    assert "REACTION_RATE_PER_VISITOR='lots' is not a rate" in result.stderr


def test_the_embedded_var_folder_belongs_to_the_service_alone(tmp_path):
    (tmp_path / "var").mkdir(mode=0o755)
    (tmp_path / "var").chmod(0o755)
    result = manage_check(tmp_path)

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "var").stat().st_mode) == 0o700


def test_the_site_address_follows_the_port_it_is_served_on(tmp_path):
    code = "from django.conf import settings; print(settings.SITE_URL)"
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    environment.update(NEWSROOM_VAR_DIR=str(tmp_path / "var"), PORT="8080")
    moved = run_manage(environment, "shell", "-c", code)
    environment["SITE_URL"] = "https://www.newsroom.example"
    chosen = run_manage(environment, "shell", "-c", code)

    assert moved.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8080", moved.stderr
    assert chosen.stdout.strip().splitlines()[-1] == "https://www.newsroom.example", chosen.stderr


def test_a_new_database_migrates_with_a_cache_in_front_configured(tmp_path):
    # The search index's migration fills the index: it must not queue a purge of the cache in
    # front, whose task table does not exist yet at that point of a first migrate.
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DJANGO_DEBUG", "REDIS_URL"}
    }
    environment.update(
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'new.sqlite3'}",
        DJANGO_SECRET_KEY="migrate-test-secret-key",
        EDGE_PURGE="varnish",
        EDGE_PURGE_URLS="http://127.0.0.1:9/",
        CACHE_TAG_HEADER="xkey",
    )
    result = run_manage(environment, "migrate", "--noinput", "-v0")

    assert result.returncode == 0, result.stderr


def test_a_pool_smaller_than_its_least_size_is_refused_at_startup(tmp_path):
    result = manage_check(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        DJANGO_SECRET_KEY="pool-test-secret-key",
        DB_POOL_MIN_SIZE="4",
        DB_POOL_MAX_SIZE="2",
    )

    assert result.returncode != 0
    assert (
        "DB_POOL_MIN_SIZE (4) must be at least 0 and at most DB_POOL_MAX_SIZE (2" in result.stderr
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the connection pool is PostgreSQL's alone"
)
def test_a_server_with_one_thread_per_process_reaches_postgresql(tmp_path):
    # One thread keeps at most one connection: the pool's least size follows it down.
    database = connection.settings_dict
    environment = {key: value for key, value in os.environ.items() if key != "DB_POOL_MIN_SIZE"}
    environment.update(
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/postgres",
        DJANGO_SECRET_KEY="pool-test-secret-key",
        WEB_THREADS="1",
    )
    code = (
        "from django.db import connection; "
        "print(connection.cursor().execute('SELECT 41 + 1').fetchone()[0])"
    )
    result = run_manage(environment, "shell", "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "42"
