"""Hundreds of XSS payloads (tests/data/xss.txt) through every field readers and editors fill in,
opened in a real Chromium with the Content-Security-Policy switched off, so that escaping and
sanitizing alone must hold: no dialog, no injected element or marker, no inline handler, no
script URL, no navigation away, no request to another host; on the public pages and in the
admin (change lists, change forms, comment moderation).

The rows are made in bulk: articles, photos and reporters through the admin's own forms (so
that the body goes through the editor field's sanitizer as an editor's would), comments in
the database as the comment form would store them (the form validates, it does not escape).
"""

import html
import itertools
import re
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Comment, Reporter
from tests.factories import make_section, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "xss.txt"
ARTICLES = 40
REPORTERS = 8


def payloads():
    # Not splitlines(): U+2028 and U+2029 inside a payload are part of it.
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("# ")]


def small_jpeg(name):
    buffer = BytesIO()
    Image.new("RGB", (320, 200), (40, 80, 120)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def chunks(items, count):
    return [items[n::count] for n in range(count)]


def tag_text(payload):
    """A payload as one tag: taggit splits on commas and quotes, so those go."""
    return re.sub(r"[,\"]", " ", payload)[:90].strip() or "태그"


def admin_errors(response):
    errors = [response.context["adminform"].form.errors] if response.context else []
    errors += [
        inline.formset.errors
        for inline in (response.context or {}).get("inline_admin_formsets", [])
    ]
    return errors or response.content.decode()[:2000]


def create_reporters(desk, corpus):
    """Reporters through the admin form: name, desk and a bio of many payloads."""
    cycle = itertools.cycle(corpus[::-1])
    for number, bio in enumerate(chunks(corpus, REPORTERS)):
        response = desk.post(
            reverse("admin:articles_reporter_add"),
            {
                "name": next(cycle)[:40],
                "slug": f"xss-{number}",
                "email": f"xss{number}@newsroom.example",
                "bio": "\n".join(bio),
                "desk": next(cycle)[:40],
            },
        )
        assert response.status_code == 302, admin_errors(response)
    return list(Reporter.objects.order_by("pk"))


def create_articles(desk, corpus, section, reporters):
    """Articles through the admin form: every short field takes a different payload in turn,
    the deck and the body take them all (the body both as typed text and as raw HTML)."""
    short = itertools.cycle(corpus)
    today = timezone.localtime().strftime("%Y-%m-%d")
    for number, part in enumerate(chunks(corpus, ARTICLES)):
        raw = "".join(f"<p>{payload}</p>" for payload in part)
        typed = "".join(f"<p>{html.escape(payload)}</p>" for payload in part)
        links = "".join(
            f'<p><a href="{html.escape(payload, quote=True)}">링크 {n}</a></p>'
            for n, payload in enumerate(part)
        )
        data = {
            "title": next(short)[:200],
            "deck": "\n".join(part),
            "section": section.pk,
            # Raw HTML last: an unclosed <style> or <math> in it swallows what follows.
            "body": typed + links + raw,
            "tags": ", ".join(f'"{tag_text(next(short))}"' for _ in range(2)),
            "status": "published",
            "published_at_0": today,
            "published_at_1": "00:00:00",
            "comment_policy": "open",
            "video_url": "",
            "seo_title": next(short)[:70],
            "seo_description": next(short)[:160],
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
            "bylines-0-reporter": reporters[number % len(reporters)].pk,
            "bylines-0-order": "0",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "photos-0-image": small_jpeg(f"xss{number}.jpg"),
            "photos-0-caption": next(short)[:300],
            "photos-0-credit": next(short)[:100],
            "photos-0-alt": next(short)[:200],
            "photos-0-placement": "0",
            "photos-0-order": "0",
        }
        response = desk.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 302, admin_errors(response)
    return list(Article.objects.order_by("pk"))


def create_comments(corpus, articles):
    """Every payload as a comment's text and (cut to the field) as a nickname, some of them
    replies, some held for moderation."""
    rows = []
    for number, payload in enumerate(corpus):
        rows.append(
            Comment(
                article=articles[number % len(articles)],
                nickname=payload[:20],
                body=payload,
                status=Comment.Status.PENDING if number % 7 == 0 else Comment.Status.VISIBLE,
                report_count=number % 3,
            )
        )
    Comment.objects.bulk_create(rows)
    for article in articles:
        first = article.comments.filter(status=Comment.Status.VISIBLE).first()
        Comment.objects.create(
            article=article, parent=first, nickname="답글", body=corpus[article.pk % len(corpus)]
        )
        visible = article.comments.filter(status=Comment.Status.VISIBLE).count()
        Article.objects.filter(pk=article.pk).update(comment_count=visible)


# What a page must not hold, whatever it shows. `strict` adds what only the public pages
# promise (no inline script, no inline handler: they are CSP-ready; the admin is Django's).
INSPECT = """(strict) => {
  const found = [];
  if (typeof window.__xss !== "undefined") found.push("window.__xss set");
  for (const el of document.querySelectorAll("[data-xss], #xss")) {
    found.push("marker element: " + el.outerHTML.slice(0, 120));
  }
  for (const el of document.querySelectorAll("iframe, object, embed, frame, frameset, base")) {
    found.push("embedding element: " + el.outerHTML.slice(0, 120));
  }
  for (const el of document.querySelectorAll("meta[http-equiv]")) {
    if (el.httpEquiv.toLowerCase() === "refresh") found.push("meta refresh");
  }
  const badUrl = /^\\s*(javascript|vbscript|data:text\\/html|data:image\\/svg)/i;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (strict && name.startsWith("on")) {
        found.push("inline handler: " + el.outerHTML.slice(0, 120));
      }
      if (["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc",
           "background", "poster"].includes(name) && badUrl.test(attr.value)) {
        found.push("script URL: " + el.outerHTML.slice(0, 120));
      }
    }
  }
  if (strict) {
    for (const el of document.querySelectorAll("script")) {
      const type = (el.type || "text/javascript").toLowerCase();
      if (!el.src && type.includes("javascript")) found.push("inline script: " + el.text);
    }
  }
  return found;
}"""


class Watch:
    """Dialogs, navigations and what each page held, gathered over a walk of many pages."""

    def __init__(self, page):
        self.page = page
        self.dialogs, self.navigations, self.problems = [], [], []
        self.expected = None
        page.on("dialog", self._dialog)
        page.on("framenavigated", self._navigated)
        page.on("popup", lambda popup: self.problems.append(f"popup {popup.url}"))

    def _dialog(self, dialog):
        self.dialogs.append((self.page.url, dialog.message))
        dialog.dismiss()

    def _navigated(self, frame):
        if self.expected is None:  # the test's own steps (logging in)
            return
        if frame == self.page.main_frame and frame.url.split("#")[0] != self.expected:
            self.navigations.append((self.expected, frame.url))

    def visit(self, url, *, strict):
        self.expected = url.split("#")[0]
        response = self.page.goto(url, wait_until="load")
        assert response.status == 200, (url, response.status)
        for problem in self.page.evaluate(INSPECT, strict):
            self.problems.append((url, problem))

    def assert_clean(self):
        assert self.dialogs == []
        assert self.navigations == []
        assert self.problems == []


@pytest.fixture
def _no_csp(settings):
    """Escaping alone must hold: the policy that would block an inline script is off."""
    settings.CSP_ENABLED = False


def test_no_payload_runs_anywhere(
    _no_csp, new_page, live_server, offsite_requests, screenshot, sign_in
):
    corpus = payloads()
    assert len(corpus) >= 300
    user = make_staff("desk")
    desk = Client()
    desk.force_login(user)
    section = make_section("경제", slug="economy")
    reporters = create_reporters(desk, corpus)
    articles = create_articles(desk, corpus, section, reporters)
    create_comments(corpus, articles)
    # The payloads are stored as sent (the body sanitized): the test is of the output.
    assert Comment.objects.filter(body=corpus[0]).exists()
    assert all(article.photos.count() == 1 for article in articles)

    page = new_page()
    page.set_default_timeout(30_000)
    # The view beacon writes while the next page reads: on the live server's shared in-memory
    # SQLite that is "table is locked". Views are not this test's subject.
    page.route("**/news/*/view/", lambda route: route.abort())
    watch = Watch(page)
    base = live_server.url

    public = ["/", "/corrections/", section.get_absolute_url()]
    public += [f"{section.get_absolute_url()}?page={n}" for n in (2,)]
    public += [reporter.get_absolute_url() for reporter in reporters]
    tags = {tag for article in articles for tag in article.tags.all()}
    public += [reverse("articles:tag", args=[tag.slug]) for tag in list(tags)[:10]]
    public += [article.get_absolute_url() for article in articles]
    public += [reverse("articles:comments", args=[article.pk]) for article in articles[:5]]
    for url in public:
        watch.visit(base + url, strict=True)
    screenshot(page, "xss-public-article")

    watch.expected = None
    sign_in(page)

    comment_pages = -(-Comment.objects.count() // 50)
    admin = [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/reporter/",
        "/admin/taggit/tag/",
        "/admin/articles/photo/" if _registered("photo") else None,
    ]
    admin += [f"/admin/articles/comment/?p={n}" for n in range(1, comment_pages + 1)]
    admin += ["/admin/articles/comment/?status__exact=pending"]
    admin += [reverse("admin:articles_article_change", args=[a.pk]) for a in articles]
    admin += [reverse("admin:articles_reporter_change", args=[r.pk]) for r in reporters]
    admin += [
        reverse("admin:articles_comment_change", args=[pk])
        for pk in Comment.objects.values_list("pk", flat=True)[:15]
    ]
    for url in filter(None, admin):
        watch.visit(base + url, strict=False)
    screenshot(page, "xss-admin-comment")
    # The body editor loads the stored HTML into ProseMirror: the payloads pass through it.
    watch.visit(
        base + reverse("admin:articles_article_change", args=[articles[0].pk]), strict=False
    )
    page.locator(".tiptap.ProseMirror").first.wait_for()
    page.wait_for_timeout(500)
    screenshot(page, "xss-admin-article-form")
    watch.visit(base + "/admin/", strict=False)

    watch.assert_clean()
    assert offsite_requests == []


def _registered(model_name):
    from django.contrib import admin

    return any(model._meta.model_name == model_name for model in admin.site._registry)


def test_the_watch_sees_payloads_that_run(_no_csp, new_page, live_server):
    """The control: the same corpus written into a page unescaped is caught by every check."""
    page = new_page()
    watch = Watch(page)
    watch.visit(live_server.url + "/corrections/", strict=True)
    assert watch.dialogs == [] and watch.problems == []
    page.evaluate(
        """(all) => { for (const html of all) {
          const box = document.createElement("div");
          document.body.append(box);
          box.innerHTML = html;
        } }""",
        # Without the ones that navigate away: the checks read this page.
        [p for p in payloads()[:200] if "http-equiv" not in p and "<base" not in p],
    )
    page.wait_for_timeout(500)
    watch.problems += [(page.url, p) for p in page.evaluate(INSPECT, True)]
    assert watch.dialogs, "no payload opened a dialog"
    kinds = {problem.split(":")[0] for _url, problem in watch.problems}
    assert {"marker element", "embedding element", "inline handler", "script URL"} <= kinds
    assert watch.navigations == []
