"""Every kind of public page is valid HTML, as the Nu Html Checker (vnu.jar) judges it.

The checker comes from the npm package vnu-jar (package.json; `make test` installs it) and runs
on the machine's Java, once over all pages: one JVM start instead of one per page.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article
from tests.page_kinds import page_kinds

BASE_DIR = Path(__file__).resolve().parents[2]
VNU = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0


def check(files):
    """The checker's messages for the files, as (file name, line, message) per error."""
    java = shutil.which("java")
    if not java:
        pytest.fail(
            "Java is missing: the Nu Html Checker runs on it (apt-get install default-jre)."
        )
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make test`, which runs `npm ci`.")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr)
    return [
        (Path(message.get("url", "")).name, message.get("lastLine"), message["message"])
        for message in report["messages"]
        if message["type"] != "info"  # errors, and "non-document-error" (unreadable file)
    ]


@pytest.mark.renditions
def test_every_page_kind_is_valid_html(client, tmp_path):
    pages = page_kinds()
    files = []
    for name, path in pages:
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    # The article page again, with a refused comment (reasons beside the fields, text kept),
    # and the small refusal page.
    article = Article.objects.get(title__startswith="기준금리")
    refused = client.post(
        reverse("articles:comment-post", args=[article.pk]),
        {"nickname": "", "password": "pw", "body": "<b>쓰던 글</b>"},
    )
    assert refused.status_code == 400
    assert "&lt;b&gt;쓰던 글&lt;/b&gt;" in refused.content.decode()
    files.append(tmp_path / "article-refused-comment.html")
    files[-1].write_bytes(refused.content)
    closed = client.post(
        reverse("articles:comment-delete", args=[article.comments.first().pk]),
        {"password": "틀린 비밀번호"},
    )
    assert closed.status_code == 403
    files.append(tmp_path / "refusal.html")
    files[-1].write_bytes(closed.content)
    # A reader action address opened with GET, and the 400 page of a bad Host.
    opened = client.get(reverse("articles:comment-post", args=[article.pk]))
    assert opened.status_code == 405
    files.append(tmp_path / "post-only.html")
    files[-1].write_bytes(opened.content)
    bad_host = client.get("/", HTTP_HOST="evil.example")
    assert bad_host.status_code == 400
    files.append(tmp_path / "bad-request.html")
    files[-1].write_bytes(bad_host.content)

    # A page known to be invalid, in the same run: the check can fail, and the datetime and
    # heading-level errors this test guards against are among those it reports.
    known_bad = tmp_path / "known-bad.html"
    known_bad.write_text(
        '<!doctype html><html lang="ko"><head><title>시각</title></head><body><h1>제목</h1>'
        '<time datetime="2026-11-26T22:44:51.983652+09:00">2026.11.26 22:44</time>'
        "<h3>건너뛴 제목</h3></body></html>",
        encoding="utf-8",
    )

    found = check([*files, known_bad])

    assert [problem for problem in found if problem[0] != known_bad.name] == []
    bad = [message for _name, _line, message in found if _name == known_bad.name]
    assert len(bad) == 2
    assert "fraction of a second" in bad[0] and "skipping 1 heading level" in bad[1]
