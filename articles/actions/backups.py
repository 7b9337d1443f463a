"""Backups taken while the site runs, and their restore (manage.py backup / restore).

A backup is a folder: the database (db.sqlite3 for the embedded SQLite, db.dump from pg_dump for
PostgreSQL) and a copy of the media folder. The database is copied first: uploads are only ever
added, so the media copied after it holds every file the copied database names.

SQLite is copied with its online backup API in one step: one read transaction, so the copy is
the database at one moment even while workers keep writing (WAL lets them). pg_dump also reads
one snapshot.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any, cast

from dj_database_url import DBConfig
from django.conf import settings
from django.db import connections

from articles import invalidation

SQLITE_FILE = "db.sqlite3"
POSTGRES_FILE = "db.dump"
MEDIA_FOLDER = "media"
REMOTE_MEDIA_NOTE = "MEDIA-NOT-INCLUDED.txt"


class BackupError(Exception):
    pass


def _database() -> DBConfig:
    return settings.DATABASES["default"]


def _is_sqlite() -> bool:
    return _database()["ENGINE"] == "django.db.backends.sqlite3"


def _postgres_env() -> dict[str, str]:
    db = _database()
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if value := db.get(key):
            env[variable] = str(value)
    return env


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, env=_postgres_env(), capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]}을(를) 찾을 수 없습니다. PostgreSQL 클라이언트를 설치하세요."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 실패: {result.stderr.strip()}")


def integrity(path: Path) -> str:
    """SQLite's own check of a database file: "ok" or the problems it found."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as check:
        rows = check.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(row[0] for row in rows)


def backup(folder: str | Path) -> Path:
    """Copies the database and the media into folder (created; it must not exist yet)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=False)
    if _is_sqlite():
        target = folder / SQLITE_FILE
        source = sqlite3.connect(_database()["NAME"], timeout=30)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # all pages in one step: one consistent moment
        finally:
            copy.close()
            source.close()
        if (result := integrity(target)) != "ok":
            raise BackupError(f"백업한 데이터베이스가 손상되었습니다: {result}")
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={folder / POSTGRES_FILE}"])
    if media_is_remote():
        # The bucket keeps the photos; a backup of the database is all there is to copy here.
        (folder / REMOTE_MEDIA_NOTE).write_text(remote_media_note() + "\n")
        return folder
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, folder / MEDIA_FOLDER)
    else:
        (folder / MEDIA_FOLDER).mkdir()
    return folder


def media_is_remote() -> bool:
    return settings.MEDIA_STORAGE != "filesystem"


def remote_media_note() -> str:
    """What a backup leaves out when media is in object storage, in Korean for the operator."""
    backend = cast(dict[str, Any], settings.STORAGES["default"])
    bucket = backend.get("OPTIONS", {}).get("bucket_name", "")
    return (
        f"사진과 파일은 객체 저장소(버킷 {bucket})에 있어 이 백업에 들어가지 않았습니다. "
        "버킷의 버전 관리나 다른 곳으로의 복제로 지키세요. 이 백업은 데이터베이스만 담습니다."
    )


def restore(folder: str | Path) -> None:
    """Puts the database and media of a backup folder back in place of the current ones."""
    folder = Path(folder)
    if _is_sqlite():
        source_path = folder / SQLITE_FILE
        if not source_path.is_file():
            raise BackupError(
                f"{source_path}이(가) 없습니다. SQLite 백업 폴더가 맞는지 확인하세요."
            )
        if (result := integrity(source_path)) != "ok":
            raise BackupError(f"백업 파일이 손상되었습니다: {result}")
        connections.close_all()
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
        live = sqlite3.connect(_database()["NAME"], timeout=30)
        try:
            # Page by page into the live file, under its write lock: other connections see
            # the old database or the restored one, never a mix.
            source.backup(live)
        finally:
            live.close()
            source.close()
    else:
        dump = folder / POSTGRES_FILE
        if not dump.is_file():
            raise BackupError(f"{dump}이(가) 없습니다. PostgreSQL 백업 폴더가 맞는지 확인하세요.")
        connections.close_all()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_database()['NAME']}",
                str(dump),
            ]
        )
    _restore_media(folder / MEDIA_FOLDER)
    # No page or fragment drawn from the replaced database is served again.
    invalidation.purge_everything()


def _restore_media(copy: Path) -> None:
    if not copy.is_dir():
        return
    media = Path(settings.MEDIA_ROOT)
    incoming = media.with_name(media.name + ".restoring")
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(copy, incoming)
    outgoing = media.with_name(media.name + ".replaced")
    shutil.rmtree(outgoing, ignore_errors=True)
    if media.exists():
        media.rename(outgoing)
    incoming.rename(media)
    shutil.rmtree(outgoing, ignore_errors=True)
