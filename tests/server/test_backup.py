"""manage.py backup while the site keeps writing, and manage.py restore."""

import os
import sqlite3
import threading
import time

import pytest

from tests.commands import run_manage


@pytest.fixture
def site(tmp_path, fresh_database_url):
    """A migrated database of its own and a media folder with one photo in it."""
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment.update(
        DJANGO_SECRET_KEY="test-only",
        DATABASE_URL=fresh_database_url,
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    result = run_manage(environment, "migrate", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    (tmp_path / "media" / "photos").mkdir(parents=True)
    (tmp_path / "media" / "photos" / "first.jpg").write_bytes(b"first photo")
    return {"env": environment, "url": fresh_database_url, "media": tmp_path / "media"}


class Database:
    """A plain connection to the site's database, SQLite or PostgreSQL, for the writer."""

    def __init__(self, url):
        self.postgres = url.startswith("postgres")
        if self.postgres:
            import psycopg

            self.connection = psycopg.connect(url, autocommit=True)
        else:
            self.connection = sqlite3.connect(
                url.removeprefix("sqlite:///"), timeout=30, isolation_level=None
            )
            self.connection.execute("PRAGMA journal_mode=WAL")

    def execute(self, sql, *params):
        if self.postgres:
            sql = sql.replace("?", "%s")
        return self.connection.execute(sql, params)

    def count(self):
        return self.execute("SELECT count(*) FROM articles_section").fetchone()[0]

    def add_section(self, number):
        self.execute(
            'INSERT INTO articles_section (name, slug, parent_id, "order") VALUES (?, ?, NULL, 0)',
            f"섹션{number}",
            f"section-{number}",
        )


def write_until(stop, url, written):
    database = Database(url)
    number = 0
    while not stop.is_set():
        database.add_section(number)
        written.append(number)
        number += 1
    database.connection.close()


def test_a_backup_taken_during_writes_is_whole_and_restores(site, tmp_path):
    stop = threading.Event()
    written = []
    writer = threading.Thread(target=write_until, args=(stop, site["url"], written))
    writer.start()
    try:
        while len(written) < 50:
            time.sleep(0.01)
        result = run_manage(site["env"], "backup", str(tmp_path / "backup"))
        during = len(written)
        time.sleep(0.2)  # the writer keeps going after the backup too
    finally:
        stop.set()
        writer.join()
    assert result.returncode == 0, result.stderr
    assert "백업했습니다" in result.stdout
    assert len(written) > during  # it really wrote while and after the backup ran

    live = Database(site["url"])
    total = live.count()
    assert total == len(written)
    folder = tmp_path / "backup"
    assert (folder / "media" / "photos" / "first.jpg").read_bytes() == b"first photo"
    if live.postgres:
        assert (folder / "db.dump").stat().st_size > 0
    else:
        with sqlite3.connect(f"file:{folder / 'db.sqlite3'}?mode=ro", uri=True) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            in_copy = copy.execute("SELECT count(*) FROM articles_section").fetchone()[0]
        assert 50 <= in_copy <= during < total

    # After the backup: more rows, a new photo, a deleted one. Restore brings the backup back.
    live.add_section("after-backup")  # a slug the writer never makes, however fast it ran
    live.connection.close()
    (site["media"] / "photos" / "first.jpg").unlink()
    (site["media"] / "photos" / "later.jpg").write_bytes(b"later")

    refused = run_manage(site["env"], "restore", str(folder))
    assert refused.returncode != 0
    assert "--yes를 붙여 다시 실행하세요" in refused.stderr
    assert Database(site["url"]).count() == total + 1  # nothing was touched

    result = run_manage(site["env"], "restore", str(folder), "--yes")
    assert result.returncode == 0, result.stderr
    restored = Database(site["url"])
    names = {row[0] for row in restored.execute("SELECT slug FROM articles_section").fetchall()}
    assert "section-after-backup" not in names
    assert "section-0" in names and "section-49" in names
    assert 50 <= restored.count() <= during
    assert (site["media"] / "photos" / "first.jpg").read_bytes() == b"first photo"
    assert not (site["media"] / "photos" / "later.jpg").exists()
    if not restored.postgres:
        assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_never_overwrites_a_folder(site, tmp_path):
    (tmp_path / "taken").mkdir()
    result = run_manage(site["env"], "backup", str(tmp_path / "taken"))
    assert result.returncode != 0
    assert "이미 있습니다" in result.stderr


def test_restore_refuses_a_folder_that_is_no_backup(site, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_manage(site["env"], "restore", str(tmp_path / "empty"), "--yes")
    assert result.returncode != 0
    assert "백업 폴더가 맞는지 확인하세요" in result.stderr
