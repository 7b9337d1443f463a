"""Every kind of page: the security headers on each (served fresh and from the page cache,
error pages too), list pagination (page size, order, the last page, out of range), and every
page rendered with the real manifest storage over collected static files, as in production.
"""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Comment, Correction
from tests.factories import make_article, make_reporter, make_section, make_staff

pytestmark = pytest.mark.django_db

PER_PAGE = 20
# The headers as a browser must get them, written out: a test comparing them with the constant
# that produces them could not fail.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "frame-src 'self' https://www.youtube-nocookie.com https://tv.naver.com; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
ARTICLES = 45  # two full pages and five more


@pytest.fixture
def scene():
    section = make_section("금융", slug="finance")
    reporter = make_reporter("김도현", handle="dohyun")
    now = timezone.now()
    articles = [
        make_article(
            f"목록기사{n:03d}",
            section=section,
            reporters=[reporter],
            tags=["금리"],
            published_at=now - timedelta(minutes=n + 1),
            photos=1 if n == 0 else 0,
        )
        for n in range(ARTICLES)
    ]
    for n, article in enumerate(articles):
        Correction.objects.create(article=article, text=f"정정{n:03d}")
    Comment.objects.create(article=articles[0], nickname="독자", body="첫 댓글")
    return {"section": section, "reporter": reporter, "articles": articles}


def public_pages(scene):
    """One URL of every kind a reader can open, and the status it answers with."""
    article = scene["articles"][0]
    return {
        "home": ("/", 200),
        "article": (article.get_absolute_url(), 200),
        "section": (scene["section"].get_absolute_url(), 200),
        "section page 2": (scene["section"].get_absolute_url() + "?page=2", 200),
        "tag": (reverse("articles:tag", args=["금리"]), 200),
        "reporter": (scene["reporter"].get_absolute_url(), 200),
        "comments": (reverse("articles:comments", args=[article.pk]), 200),
        "comments fragment": (reverse("articles:comments", args=[article.pk]) + "?fragment=1", 200),
        "corrections": (reverse("articles:corrections"), 200),
        "reader state": (reverse("articles:me", args=[article.pk]), 200),
        "missing article": ("/news/999999/", 404),
        "missing page": ("/no-such-page/", 404),
        "page out of range": (scene["section"].get_absolute_url() + "?page=99", 404),
    }


def assert_security_headers(response, name, *, csp):
    assert response.get("X-Content-Type-Options") == "nosniff", name
    assert response.get("Referrer-Policy") == "same-origin", name
    assert response.get("X-Frame-Options") == "DENY", name
    assert response.get("Permissions-Policy") == PERMISSIONS_POLICY, name
    if csp == "admin":
        # The admin's own policy: scripts from this site, and the one inline import map of the
        # body editor by this response's nonce.
        policy = response.get("Content-Security-Policy", "")
        assert re.search(r"script-src 'self' 'nonce-[\w+/=-]{16,}'(;|$)", policy), name
        assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy, name
    else:
        assert response.get("Content-Security-Policy") == POLICY, name


def test_every_public_page_kind_carries_the_security_headers_fresh_and_cached(scene):
    reader = Client()
    for name, (url, status) in public_pages(scene).items():
        for attempt in ("fresh", "from the page cache"):
            response = reader.get(url)
            assert response.status_code == status, (name, attempt)
            assert_security_headers(response, f"{name} ({attempt})", csp=True)
        etag = response.get("ETag")
        if etag:
            # A 304 refreshes the browser's stored copy, whose headers it keeps (RFC 9111
            # 4.3.4): it needs none of them, but must not weaken one it sends.
            revalidated = reader.get(url, HTTP_IF_NONE_MATCH=etag)
            assert revalidated.status_code == 304, name
            assert revalidated.get("Content-Security-Policy", POLICY) == POLICY, name


def test_refusals_carry_the_security_headers(scene):
    article = scene["articles"][0]
    reader = Client()
    react = reverse("articles:react", args=[article.pk])
    refusals = {
        "unknown reaction": (
            reader.post(react, {"kind": "x"}, HTTP_SEC_FETCH_SITE="same-origin"),
            400,
        ),
        "cross-site": (reader.post(react, {"kind": "like"}, HTTP_SEC_FETCH_SITE="cross-site"), 403),
        "wrong method": (reader.get(react), 405),
    }
    for name, (response, status) in refusals.items():
        assert response.status_code == status, name
        assert_security_headers(response, name, csp=True)


def test_admin_pages_carry_the_headers_and_the_admins_own_policy(scene, client):
    client.force_login(make_staff("desk"))
    article = scene["articles"][0]
    for url in (
        "/admin/",
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_comment_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response, url, csp="admin")


CARD = re.compile(r'class="card__title"><a href="/news/(\d+)/"')


def cards(response):
    return [int(pk) for pk in CARD.findall(response.content.decode())]


@pytest.mark.parametrize("kind", ["section", "tag", "reporter"])
def test_lists_page_by_twenty_newest_first_to_the_last_page(scene, kind):
    base = {
        "section": scene["section"].get_absolute_url(),
        "tag": reverse("articles:tag", args=["금리"]),
        "reporter": scene["reporter"].get_absolute_url(),
    }[kind]
    newest_first = [article.pk for article in scene["articles"]]
    reader = Client()
    pages = [cards(reader.get(base, {"page": n})) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [PER_PAGE, PER_PAGE, ARTICLES - 2 * PER_PAGE]
    assert pages[0] + pages[1] + pages[2] == newest_first
    assert cards(reader.get(base)) == pages[0]
    assert cards(reader.get(base, {"page": "last"})) == pages[2]
    html = reader.get(base, {"page": 2}).content.decode()
    assert f'href="{base}" rel="prev"' in html and 'href="?page=3" rel="next"' in html
    assert '<span aria-current="page">2</span>' in html
    # A page past the last is not found; what is no page number at all is no parameter the
    # list takes, dropped like any made-up one (newsroom/cache/pages.py): the first page.
    assert reader.get(base, {"page": "4"}).status_code == 404
    for not_a_page in ("0", "-1", "99999999999999999999", "abc", "1.5", ""):
        response = reader.get(base, {"page": not_a_page})
        assert response.status_code == 200, not_a_page
        assert cards(response) == pages[0], not_a_page


def test_the_corrections_list_pages_by_twenty(scene):
    reader = Client()
    url = reverse("articles:corrections")
    counts = [
        len(
            re.findall(
                r'class="corrections-page__item"', reader.get(url, {"page": n}).content.decode()
            )
        )
        for n in (1, 2, 3)
    ]
    assert counts == [PER_PAGE, PER_PAGE, ARTICLES - 2 * PER_PAGE]
    assert reader.get(url, {"page": 4}).status_code == 404
    assert reader.get(url, {"page": "x"}).status_code == 200  # no page number: dropped


@pytest.fixture
def manifest_storage(settings, tmp_path):
    """The production storage (hashed names from a manifest) over a real collectstatic."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "newsroom.staticfiles.StaticFilesStorage"},
    }
    settings.DEBUG = False
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (settings.STATIC_ROOT / "staticfiles.json").is_file()


def test_every_page_kind_renders_with_the_manifest_storage(scene, manifest_storage, client):
    """A template naming a static file that does not exist passes with the plain storage the
    other tests use, and fails in production: here it raises, as it would there."""
    for _ in range(2):  # the storage really is strict, and keeps no refusal
        with pytest.raises(ValueError):
            static("css/no-such-file.css")
    hashed = static("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", hashed)
    assert static("css/site.css") == hashed  # kept, as worked out the first time
    reader = Client()
    for name, (url, status) in public_pages(scene).items():
        response = reader.get(url)
        assert response.status_code == status, name
        if response["Content-Type"].startswith("text/html") and status == 200:
            html = response.content.decode()
            linked = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
            assert linked or "<html" not in html, name  # a fragment links nothing
            for path in linked:  # every static file named is a hashed, collected one
                assert re.search(r"\.[0-9a-f]{12}\.", path), (name, path)
    client.force_login(make_staff("desk"))
    article = scene["articles"][0]
    for url in (
        "/admin/",
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_comment_changelist"),
        reverse("admin:articles_reporter_change", args=[scene["reporter"].pk]),
    ):
        assert client.get(url).status_code == 200, url
