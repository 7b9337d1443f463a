"""A request id on every response and every log line of its request; no secrets in the log."""

import logging

import pytest
from django.http import HttpResponseBadRequest
from django.test import Client
from django.urls import path

from newsroom.requestid import RequestContextFilter

logger = logging.getLogger("articles.test")


def explode(request):
    raise RuntimeError("the database said no")


def warn(request):
    logger.warning("suspicious form seen")
    return HttpResponseBadRequest("no")


# This module is also the URLconf of the tests below (@pytest.mark.urls).
urlpatterns = [path("explode/", explode), path("warn/", warn)]

SECRET_PASSWORD = "hunter2-very-secret"
SESSION = "s3ss10nvalue0123456789abcdef"
TOKEN = "tok-6f1c2d9e8a"


@pytest.fixture
def console_log(caplog):
    """caplog, filtered and formatted as the configured console handler does it."""
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    caplog.handler.setFormatter(console.formatter)
    for configured in console.filters:
        caplog.handler.addFilter(configured)
    caplog.set_level(logging.INFO)
    return caplog


def test_every_response_carries_a_fresh_request_id(db):
    first = Client().get("/healthz/")
    second = Client().get("/healthz/")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_an_offered_id_is_ignored_unless_the_proxy_is_trusted(db, settings):
    settings.TRUST_REQUEST_ID_HEADER = False
    response = Client().get("/healthz/", HTTP_X_REQUEST_ID="proxy-id-0001")
    assert response["X-Request-ID"] != "proxy-id-0001"

    settings.TRUST_REQUEST_ID_HEADER = True
    response = Client().get("/healthz/", HTTP_X_REQUEST_ID="proxy-id-0001")
    assert response["X-Request-ID"] == "proxy-id-0001"
    for bad in ["a\nFORGED log line", "x" * 200, "short", "<script>"]:
        response = Client().get("/healthz/", HTTP_X_REQUEST_ID=bad)
        assert response["X-Request-ID"] != bad
        assert len(response["X-Request-ID"]) == 32


@pytest.mark.urls(__name__)
def test_a_server_error_is_logged_with_its_request_and_without_secrets(db, console_log):
    client = Client(raise_request_exception=False, REMOTE_ADDR="198.51.100.77")
    client.cookies["sessionid"] = SESSION
    response = client.post(
        f"/explode/?token={TOKEN}",
        {"username": "desk", "password": SECRET_PASSWORD},
        HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
    )
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    text = console_log.text
    assert f"ERROR django.request [{request_id} POST /explode/] Internal Server Error" in text
    assert "RuntimeError: the database said no" in text  # the traceback is kept
    for secret in (SECRET_PASSWORD, SESSION, TOKEN, "198.51.100.77"):
        assert secret not in text
    for record in console_log.records:
        assert getattr(record, "request", None) is None


@pytest.mark.urls(__name__)
def test_every_line_of_a_request_carries_its_id(db, console_log):
    client = Client(REMOTE_ADDR="198.51.100.78")
    client.cookies["sessionid"] = SESSION
    response = client.post("/warn/", {"password": SECRET_PASSWORD})
    assert response.status_code == 400
    request_id = response["X-Request-ID"]
    lines = [line for line in console_log.text.splitlines() if line.strip()]
    assert f"WARNING articles.test [{request_id} POST /warn/] suspicious form seen" in lines
    assert f"WARNING django.request [{request_id} POST /warn/] Bad Request: /warn/" in lines
    assert SECRET_PASSWORD not in console_log.text and SESSION not in console_log.text
    assert "198.51.100.78" not in console_log.text


def test_a_line_outside_a_request_has_dashes(console_log):
    logger.warning("startup note")
    assert "WARNING articles.test [- - -] startup note" in console_log.text


def test_the_filter_is_the_configured_one():
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    assert any(isinstance(f, RequestContextFilter) for f in console.filters)
