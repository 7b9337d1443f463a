"""Never public, everywhere: a draft, a story in review, an archived one and a scheduled one
appear on no public surface, even where a surface that forgot the publication rule would put
them first: they are in both curated boxes, have the most views (counter and daily views), a
video, the newest time, a correction and comments, and share the section, tag and reporter
of a public story. The same setup with a published story is the control: it shows on every
surface, so each check can fail.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    Article,
    Comment,
    Correction,
    CuratedBox,
    CuratedSlot,
    DailyViews,
)
from articles.queries import boxes
from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db

Status = Article.Status
HIDDEN_STATES = {
    "draft": (Status.DRAFT, timedelta(minutes=-1)),
    "review": (Status.REVIEW, timedelta(minutes=-1)),
    "archived": (Status.ARCHIVED, timedelta(minutes=-1)),
    "scheduled": (Status.PUBLISHED, timedelta(hours=2)),
}
CONTROL = {"published": (Status.PUBLISHED, timedelta(minutes=-1))}


class Scene:
    def __init__(self, state):
        status, offset = (HIDDEN_STATES | CONTROL)[state]
        self.section = make_section("증권", slug="stocks")
        self.reporter = make_reporter("윤서진", handle="seojin")
        self.public = make_article(
            "공개된 증권 기사",
            section=self.section,
            reporters=[self.reporter],
            tags=["공매도"],
            published_at=timezone.now() - timedelta(days=1),
        )
        Correction.objects.create(article=self.public, text="공개 기사의 정정")
        self.title = f"보이면안되는기사{state}"
        self.subject = make_article(
            self.title,
            section=self.section,
            reporters=[self.reporter],
            tags=["공매도"],
            status=status,
            published_at=timezone.now() + offset,
            video_url="https://video.example/clip",
        )
        Article.objects.filter(pk=self.subject.pk).update(view_count=10**6, comment_count=1)
        DailyViews.objects.create(article=self.subject, day=timezone.localdate(), views=10**6)
        Comment.objects.create(article=self.subject, nickname="독자", body="숨은 기사 댓글")
        Correction.objects.create(article=self.subject, text=f"정정{self.title}")
        for slug, name in (
            (CuratedBox.TOP_NEWS, "주요뉴스"),
            (CuratedBox.NEWS_PLANT, "뉴스발전소"),
        ):
            box, _ = CuratedBox.objects.get_or_create(slug=slug, defaults={"name": name})
            CuratedSlot.objects.create(box=box, article=self.subject, order=0)


def page(path):
    response = Client().get(path)
    return response.status_code, response.content.decode()


def listed(path):
    def check(scene):
        status, html = page(path(scene))
        assert status == 200
        return scene.title in html

    return check


def box(key):
    def check(scene):
        _status, html = page("/")
        shown = boxes.side_boxes()[key]
        if isinstance(shown, dict):  # 많이 본 뉴스: one list per tab (24시간, 7일)
            shown = [article for tab in shown.values() for article in tab]
        in_box = any(a.pk == scene.subject.pk for a in shown)
        if in_box:  # and a box that holds it shows it on the page
            assert scene.title in html
        return in_box

    return check


def reachable(path):
    def check(scene):
        status, html = page(path(scene))
        assert status in (200, 404), status
        if status == 404:
            assert scene.title not in html
        return status == 200

    return check


def related(scene):
    _status, html = page(scene.public.get_absolute_url())
    return scene.title in html


SURFACES = {
    "home": listed(lambda s: "/"),
    "section": listed(lambda s: s.section.get_absolute_url()),
    "tag": listed(lambda s: reverse("articles:tag", args=["공매도"])),
    "reporter": listed(lambda s: s.reporter.get_absolute_url()),
    "related news": related,
    "주요뉴스": box("top_news"),
    "많이 본 뉴스": box("most_viewed"),
    "e스튜디오": box("studio"),
    "뉴스발전소": box("news_plant"),
    "corrections": listed(lambda s: reverse("articles:corrections")),
    "its page": reachable(lambda s: s.subject.get_absolute_url()),
    "its comments page": reachable(lambda s: reverse("articles:comments", args=[s.subject.pk])),
    "its reader state": reachable(lambda s: reverse("articles:me", args=[s.subject.pk])),
}


@pytest.fixture(autouse=True)
def _no_cached_boxes(settings):
    settings.SIDE_BOXES_CACHE_SECONDS = 0


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("state", list(HIDDEN_STATES))
def test_a_story_not_yet_public_is_nowhere(state, surface):
    scene = Scene(state)
    assert SURFACES[surface](scene) is False


@pytest.mark.parametrize("surface", list(SURFACES))
def test_the_same_story_published_is_everywhere(surface):
    scene = Scene("published")
    assert SURFACES[surface](scene) is True


@pytest.mark.parametrize("state", list(HIDDEN_STATES))
def test_its_reader_writes_find_nothing(state):
    scene = Scene(state)
    comment = Comment.objects.get(article=scene.subject)
    same_site = {"HTTP_SEC_FETCH_SITE": "same-origin"}
    client = Client()
    writes = [
        (reverse("articles:react", args=[scene.subject.pk]), {"kind": "like"}),
        (reverse("articles:comment-post", args=[scene.subject.pk]), {"body": "댓글"}),
        (reverse("articles:comment-vote", args=[comment.pk]), {"value": "up"}),
        (reverse("articles:comment-report", args=[comment.pk]), {}),
        (reverse("articles:comment-delete", args=[comment.pk]), {"password": "x"}),
    ]
    for url, data in writes:
        assert client.post(url, data, **same_site).status_code == 404, url
    subject = Article.objects.get(pk=scene.subject.pk)
    assert (subject.like_count, subject.comment_count) == (0, 1)
    assert Comment.objects.filter(article=subject).count() == 1
