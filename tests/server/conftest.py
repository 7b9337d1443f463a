"""Server tests: the site runs in processes of its own (the real gunicorn, or several
manage.py processes at once) on a database of its own. Every test here is marked `server`.

The gunicorn starter and the helpers that talk to it are in tests/server/gunicorn.py.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Everything in this folder is a server test, so `-m "not server"` leaves it out."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.server)


@pytest.fixture
def fresh_database_url(request, tmp_path):
    """A new, empty database for tests that start their own server processes.

    A file SQLite database by default; a fresh database on the same PostgreSQL server when
    DATABASE_URL points at one (dropped afterwards), so those tests run on both.
    """
    label = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / f'{label}.sqlite3'}"
        return

    import psycopg
    from psycopg import sql

    parts = urlsplit(configured)
    name = f"{parts.path.lstrip('/') or 'newsroom'}_{label}_{os.getpid()}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
