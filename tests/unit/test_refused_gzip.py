"""`Accept-Encoding: gzip;q=0` means "never gzip": neither a page nor a static file comes
compressed to such a client, whoever compresses it (the page cache or whitenoise)."""

import gzip

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import make_article

pytestmark = pytest.mark.django_db

REFUSING = ["gzip;q=0", "gzip; q=0, br;q=0", "GZIP;Q=0.0, identity", "br;q=0, gzip;q=0, *;q=0"]


@pytest.mark.parametrize("accept", REFUSING)
def test_a_page_is_not_gzipped_for_a_client_that_refuses_gzip(accept):
    story = make_article("금리 동결 결정")
    url = story.get_absolute_url()
    for attempt in ("drawn", "kept"):  # the first request draws the page, the second is kept
        response = Client().get(url, HTTP_ACCEPT_ENCODING=accept)
        assert response.status_code == 200, attempt
        assert "Content-Encoding" not in response, attempt
        assert "금리 동결 결정" in response.content.decode(), attempt
    taken = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert taken["Content-Encoding"] == "gzip"
    assert "금리 동결 결정" in gzip.decompress(taken.content).decode()


@pytest.fixture
def collected(settings, tmp_path):
    """Static files as production serves them: collected, with their .gz and .br copies."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "newsroom.staticfiles.StaticFilesStorage"},
    }
    settings.DEBUG = False
    call_command("collectstatic", "--noinput", verbosity=0)
    return "/static/css/site.css"


@pytest.mark.parametrize("accept", REFUSING)
def test_a_static_file_is_not_compressed_for_a_client_that_refuses_it(collected, accept):
    response = Client().get(collected, HTTP_ACCEPT_ENCODING=accept)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    body = b"".join(response.streaming_content)
    assert b"--" in body and b"{" in body  # plain CSS


def test_a_static_file_is_compressed_for_a_client_that_takes_it(collected):
    response = Client().get(collected, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"{" in gzip.decompress(b"".join(response.streaming_content))
    # gzip refused, brotli taken: brotli if the copy exists, never gzip.
    response = Client().get(collected, HTTP_ACCEPT_ENCODING="gzip;q=0, br")
    assert response.get("Content-Encoding") in (None, "br")
