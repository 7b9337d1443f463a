"""A var/ folder the service cannot write (mounted read-only, full, its counters file damaged)
or whose mode differs from what startup expects: pages keep serving, and the site starts."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import make_article

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}
ROOT = Path(__file__).resolve().parents[2]


def _no_folder(tmp_path):
    """A var/ that cannot hold the file: its place is taken by a plain file."""
    blocker = tmp_path / "var"
    blocker.write_text("not a folder")
    return blocker / "counters.sqlite3"


def _a_folder_in_its_place(tmp_path):
    """The counters file cannot be opened: a folder stands at its path."""
    path = tmp_path / "var" / "counters.sqlite3"
    path.mkdir(parents=True)
    return path


def _damaged(tmp_path):
    (tmp_path / "var").mkdir()
    path = tmp_path / "var" / "counters.sqlite3"
    path.write_bytes(b"this is not an SQLite database" * 100)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("unusable", [_no_folder, _a_folder_in_its_place, _damaged])
def test_pages_serve_whatever_the_counters_file_does(settings, tmp_path, caplog, unusable):
    article = make_article("금리 동결 결정")
    settings.RATE_LIMIT_FILE = unusable(tmp_path)
    reader = Client(**BROWSER)
    with caplog.at_level(logging.WARNING, logger="newsroom.counters"):
        for _ in range(2):
            for address in ["/", article.get_absolute_url(), f"/news/{article.pk}/comments/"]:
                assert reader.get(address).status_code == 200, address
        assert reader.get("/news/999999/").status_code == 404
        assert reader.post(f"/news/{article.pk}/view/", {"k": "reader-key-01"}).status_code == 204
        pressed = reader.post(f"/news/{article.pk}/react/", {"kind": "like"})
        assert pressed.status_code == 303
    article.refresh_from_db()
    assert article.like_count == 1
    said = [r for r in caplog.records if "Counters file" in r.getMessage()]
    # Once per file and process, not per request; with Redis the file is not asked at all.
    assert len(said) == (0 if settings.REDIS_URL else 1)
    # Limits still hold within the process meanwhile.
    settings.REACTION_RATE_PER_VISITOR = "3/m"
    statuses = [
        reader.post(f"/news/{article.pk}/react/", {"kind": "sad"}).status_code for _ in range(4)
    ]
    assert statuses == [303, 303, 429, 429]  # the first press above spent one of the three


def test_the_site_starts_when_var_cannot_take_its_mode(tmp_path):
    """Startup sets var/ to 0700; on a read-only mount (or for a folder the deployment moded)
    the chmod fails, and the site must start all the same."""
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    script = (
        "import errno, pathlib\n"
        "def refuse(self, mode, **kwargs):\n"
        "    raise OSError(errno.EROFS, 'Read-only file system', str(self))\n"
        "pathlib.Path.chmod = refuse\n"
        "import django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "print('started', settings.VAR_DIR)\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_VAR_DIR": str(var),
        "DJANGO_SECRET_KEY": "test-only-secret-key-not-for-production",
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"started {var}" in done.stdout
    assert "mode left as it is" in done.stderr
    assert oct(var.stat().st_mode & 0o777) == "0o755"
