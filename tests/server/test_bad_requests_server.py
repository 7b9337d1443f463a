"""Malformed requests against the real gunicorn: a clear 400, never a 500."""

import pytest

from tests.server.gunicorn import request, serving_article


@pytest.fixture
def server(tmp_path, fresh_database_url):
    title = "잘못된 요청 시험 기사"
    with serving_article(tmp_path, fresh_database_url, title, workers=1) as server:
        yield server


CHARSETS = [
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=no-such-charset",
    "application/x-www-form-urlencoded; charset=",
    "multipart/form-data; boundary=x; charset=latin-1",
]


def test_a_form_in_another_charset_is_a_400_not_a_500(server):
    for content_type in CHARSETS:
        for path in ("/news/{pk}/react/", "/admin/login/", "/news/{pk}/view/"):
            status, _, text = request(
                server["port"],
                "POST",
                path.format(pk=server["pk"]),
                body="kind=like&username=a&password=b&k=reader-key-0001".encode("latin-1"),
                headers={
                    "Content-Type": content_type,
                    "Origin": f"http://127.0.0.1:{server['port']}",
                },
            )
            assert status == 400, (content_type, path, text[:500])
            assert "UTF-8" in text
    assert "Traceback" not in server["log"].read_text()


def test_every_response_carries_a_permissions_policy(server):
    for path in ("/", f"/news/{server['pk']}/", "/admin/login/", "/no-such-page/"):
        _, headers, _ = request(server["port"], "GET", path)
        assert "geolocation=()" in headers["Permissions-Policy"], path
