"""The desk's new and changed admin pages are valid HTML (the Nu Html Checker) and axe-core
finds nothing in them outside the admin's own chrome (NOT_OURS) at 1280 and 360 px: the
article form with its action bar and a refused conflicting save, a reporter's read-only story
and its history, 기자 계정 만들기, the dashboard for a chosen period and taggit's merge page."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.roles import DESK, REPORTER
from tests.browser.test_html_valid import check
from tests.factories import make_article, make_reporter, make_staff
from tests.html_forms import change_form

pytestmark = pytest.mark.django_db(transaction=True)


# Django's admin and its vendors fail axe on parts these pages share with every admin page and
# that this work did not draw: the breadcrumbs' link colour, select2's comboboxes, the body
# editor's contenteditable, the tabular inlines' header cells and the split date/time inputs.
NOT_OURS = {
    "exclude": [
        [".breadcrumbs"],
        [".select2-container"],
        [".tiptap"],
        [".inline-group"],
        [".field-published_at"],
    ]
}


# Django's admin and its vendors fail axe on parts these pages share with every admin page and
# that this work did not draw: the breadcrumbs' link colour, select2's comboboxes, the body
# editor's contenteditable, the tabular inlines' header cells and the split date/time inputs.
NOT_OURS = ".breadcrumbs, .select2-container, .tiptap, .inline-group, .field-published_at"


def _ours(page, node):
    """Whether an axe finding is in this work's markup rather than in NOT_OURS."""
    return page.evaluate(
        "([target, theirs]) => !document.querySelector(target)?.closest(theirs)",
        [node["target"][0], NOT_OURS],
    )


def _newsroom():
    desk = make_staff("desk", DESK, first_name="데스크", last_name="한")
    writer = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo", user=writer)
    review = make_article("검토 기다리는 기사", reporters=[mine], status="review", tags=["반도체"])
    live = make_article("출고된 내 기사", reporters=[mine], tags=["금리"])
    return desk, writer, review, live


def _pages(desk, writer, review, live):
    """(name, user, url) of each page to check."""
    today = timezone.localdate()
    return [
        ("article-form", desk, reverse("admin:articles_article_change", args=[review.pk])),
        ("article-add", writer, reverse("admin:articles_article_add")),
        ("read-only", writer, reverse("admin:articles_article_change", args=[live.pk])),
        ("history", writer, reverse("admin:articles_article_history", args=[live.pk])),
        ("new-account", desk, reverse("admin:articles_reporter_new_account")),
        (
            "dashboard",
            desk,
            reverse("admin:articles_article_dashboard")
            + f"?start={today - timedelta(days=6):%Y-%m-%d}&end={today:%Y-%m-%d}",
        ),
        ("tag-merge", desk, reverse("admin:taggit_tag_changelist") + "merge-tags/"),
    ]


def test_the_desks_pages_are_valid_html(tmp_path):
    desk, writer, review, live = _newsroom()
    files = []
    for name, user, url in _pages(desk, writer, review, live):
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    # A refused conflicting save: the other editor's changes above the form.
    one, two = Client(), Client()
    one.force_login(desk)
    two.force_login(make_staff("other", DESK))
    url = reverse("admin:articles_article_change", args=[review.pk])
    opened = change_form(review)
    assert one.post(url, change_form(review, deck="먼저 고친 부제")).status_code == 302
    refused = two.post(url, opened | {"title": "늦게 고친 제목"})
    assert "내 내용으로 덮어쓰기" in refused.content.decode()
    files.append(tmp_path / "conflict.html")
    files[-1].write_bytes(refused.content)

    # Django's own autocomplete pickers (bylines, photo credits) draw an empty <option>
    # without a label; the checker's one complaint about the admin's markup, not ours.
    problems = [
        problem
        for problem in check(files)
        if problem[2] != "Element “option” without attribute “label” must not be empty."
    ]
    assert problems == []


@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_nothing_on_the_desks_pages(browser, live_server, sign_in, screenshot, width):
    desk, writer, review, live = _newsroom()
    found = {}
    for user in (desk, writer):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="ko-KR")
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, user.username)
        for name, owner, url in _pages(desk, writer, review, live):
            if owner != user:
                continue
            page.goto(live_server.url + url)
            page.wait_for_load_state("load")
            problems = {
                rule["id"]: targets
                for rule in Axe().run(page).response["violations"]
                if (targets := [n["target"] for n in rule["nodes"] if _ours(page, n)])
            }
            if problems:
                found[name] = problems
                screenshot(page, f"axe-{name}-{width}")
        context.close()
    assert found == {}
