"""Public pages a shared cache can keep, the server's own copy, and what makes it change.

The rules (articles/pagecache.py): an anonymous GET of a public page is the same bytes for
every reader, says `public` with an s-maxage and an ETag, and sets no cookie; staff pages,
previews, the admin and a reader's own state are `private, no-store`. Every change a reader
could see on a page shows on the next request.
"""

import gzip
import logging
import re
import time

import pytest
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.actions import comments, reactions
from articles.models import (
    Article,
    ArticleReporter,
    Comment,
    CuratedBox,
    CuratedSlot,
    Photo,
    Section,
)
from newsroom.cache import redis as resilient
from newsroom.cache.pages import is_shared_request, page_number, positive_int, seconds_to_midnight
from tests import tasks
from tests.comment_forms import form_token
from tests.factories import make_article, make_reporter, make_section, make_staff
from tests.isolation import clear_own_keys

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def story():
    section = make_section("경제", slug="economy")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    return make_article(
        "금리 동결 결정", section=section, reporters=[reporter], photos=1, tags=["금리"]
    )


def page_urls(story):
    return {
        "home": "/",
        "article": story.get_absolute_url(),
        "comments": reverse("articles:comments", args=[story.pk]),
        "section": "/section/economy/",
        "section page 1": "/section/economy/?page=1",
        "tag": "/tag/%EA%B8%88%EB%A6%AC/",
        "reporter": "/reporter/jiwoo-han/",
    }


def html_of(response):
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


# Headers of each kind of page


@pytest.mark.parametrize(
    "kind", ["home", "article", "comments", "section", "section page 1", "tag", "reporter"]
)
def test_anonymous_pages_are_shareable_the_first_time_and_from_the_cache(
    client, settings, story, kind
):
    # Parts that change without a write (reaction counts, 많이 본 뉴스) do not shorten a page:
    # it shows them as drawn and its script asks for them as they are (views/live.py).
    settings.SIDE_BOXES_CACHE_SECONDS = 15
    settings.REACTIONS_LIVE_SECONDS = 15
    url = page_urls(story)[kind]
    first = client.get(url)
    again = client.get(url)

    for response in (first, again):
        assert response.status_code == 200
        kept_for = re.fullmatch(r"public, max-age=0, s-maxage=(\d+)", response["Cache-Control"])
        # An hour, or until midnight (Asia/Seoul) if that comes first: pages show the day.
        assert kept_for, response["Cache-Control"]
        assert min(3600, seconds_to_midnight()) - 5 <= int(kept_for[1]) <= 3600
        assert response["ETag"].startswith('W/"')
        assert not response.cookies  # no Set-Cookie: the visitor cookie waits for an action
        assert "Cookie" not in response.get("Vary", "")
        assert "Accept-Encoding" in response["Vary"]
    assert first["ETag"] == again["ETag"]
    assert html_of(first) == html_of(again)
    assert "csrfmiddlewaretoken" not in html_of(first)


@pytest.mark.parametrize(
    ("name", "seconds"),
    [("articles:live-reactions", 1), ("articles:reactions-frame", 1), ("articles:live-side", 60)],
)
def test_what_changes_without_a_write_is_kept_a_moment(client, story, name, seconds):
    url = reverse(name) if name == "articles:live-side" else reverse(name, args=[story.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age=0, s-maxage={seconds}"
    assert response["X-Robots-Tag"] == "noindex"


def test_gzip_is_sent_only_to_clients_that_take_it(client, story):
    refused = client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip;q=0, br")
    assert "Content-Encoding" not in refused
    anything = client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="*")
    assert anything["Content-Encoding"] == "gzip"
    gzip.decompress(anything.content)


def test_pages_are_gzip_compressed_for_clients_that_take_it(client, story):
    plain = client.get(story.get_absolute_url())
    compressed = client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert int(plain["Content-Length"]) == len(plain.content)
    assert plain["ETag"] == compressed["ETag"]


def test_every_reader_gets_the_same_bytes(story):
    first, second = Client(), Client()
    assert html_of(first.get(story.get_absolute_url())) == html_of(
        second.get(story.get_absolute_url())
    )


@pytest.mark.parametrize("kind", ["home", "article", "comments", "section", "tag", "reporter"])
def test_staff_get_private_pages(admin_client, story, kind):
    response = admin_client.get(page_urls(story)[kind])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_a_staff_preview_of_a_draft_is_private(admin_client):
    draft = make_article("엠바고 기사", status=Article.Status.DRAFT)
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    # And nobody else gets it, from the cache or otherwise.
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_the_admin_and_a_readers_own_state_are_never_shared(admin_client, client, story):
    admin = admin_client.get(reverse("admin:articles_article_changelist"))
    assert "no-store" in admin["Cache-Control"] and "private" in admin["Cache-Control"]
    me = client.get(reverse("articles:me", args=[story.pk]))
    assert me.status_code == 200
    assert "no-store" in me["Cache-Control"] and "private" in me["Cache-Control"]


def test_a_page_not_found_sets_no_cookie(client):
    response = client.get("/news/999999/")
    assert response.status_code == 404
    assert not response.cookies


# Conditional GETs


def test_a_revalidation_with_the_etag_gets_304(client, story):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]

    for sent in (etag, etag.removeprefix("W/"), f'"nope", {etag}', "*"):
        response = client.get(url, HTTP_IF_NONE_MATCH=sent)
        assert response.status_code == 304, sent
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"].startswith("public")


@pytest.mark.parametrize(
    "sent",
    [
        '"forged"',
        'W/"forged"',
        "garbage without quotes",
        'W/"',
        '"' * 5000,
        ", , ,",
        "W/" * 2000,
        '"\x00\x01"',
    ],
)
def test_forged_or_malformed_conditional_headers_get_the_page(client, story, sent):
    url = story.get_absolute_url()
    client.get(url)
    response = client.get(
        url, HTTP_IF_NONE_MATCH=sent, HTTP_IF_MODIFIED_SINCE=sent, HTTP_CACHE_CONTROL="no-cache"
    )
    assert response.status_code == 200
    assert "금리 동결 결정" in html_of(response)


def test_an_etag_goes_stale_when_the_page_changes(client, story):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    story.title = "금리 인하 결정"
    story.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


# Hosts


def test_a_host_the_site_does_not_serve_is_refused_and_never_cached(client, story, settings):
    settings.ALLOWED_HOSTS = ["testserver", "news.example"]
    url = story.get_absolute_url()
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400

    settings.SITE_URL = "https://www.newsroom.example"
    ours = html_of(client.get(url, HTTP_HOST="news.example"))
    # Absolute addresses name the one canonical origin, never the request's host, so a copy
    # kept for one host could not point readers at another.
    assert "https://www.newsroom.example/news/" in ours and "news.example/news" not in ours.replace(
        "www.newsroom.example/news", ""
    )
    other = html_of(client.get(url))
    assert "//testserver" not in other
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400


# What changes a page: each change shows on the next request


def test_publishing_shows_on_the_lists_at_once(client, story):
    client.get("/")
    client.get("/section/economy/")
    make_article("새로 출고한 기사", section=story.section)
    assert "새로 출고한 기사" in html_of(client.get("/"))
    assert "새로 출고한 기사" in html_of(client.get("/section/economy/"))


def test_an_edited_headline_shows_everywhere(client, story):
    urls = page_urls(story).values()
    for url in urls:
        client.get(url)
    story.title = "금리 전격 인하"
    story.save()
    for url in urls:
        assert "금리 전격 인하" in html_of(client.get(url)), url


def test_an_edited_body_caption_byline_and_tags_show(client, story):
    url = story.get_absolute_url()
    client.get(url)

    story.body = "<p>새로 쓴 본문입니다.</p>"
    story.save()
    assert "새로 쓴 본문입니다." in html_of(client.get(url))

    photo = story.photos.get()
    photo.caption = "바뀐 사진 설명"
    photo.save()
    assert "▲바뀐 사진 설명" in html_of(client.get(url))

    ArticleReporter.objects.create(article=story, reporter=make_reporter("문서윤"), order=1)
    assert "문서윤 기자" in html_of(client.get(url))

    story.tags.add("환율")
    assert "#환율" in html_of(client.get(url))

    Photo.objects.filter(pk=photo.pk).first().delete()
    assert "▲바뀐 사진 설명" not in html_of(client.get(url))


def test_unpublishing_takes_the_article_off_at_once(client, story):
    client.get("/")
    assert client.get(story.get_absolute_url()).status_code == 200
    story.status = Article.Status.ARCHIVED
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "금리 동결 결정" not in html_of(client.get("/section/economy/"))


def test_a_scheduled_article_shows_when_its_time_comes(client, story, monkeypatch):
    due = timezone.now() + timezone.timedelta(hours=1)
    make_article("예약 기사", section=story.section, published_at=due)
    assert "예약 기사" not in html_of(client.get("/section/economy/"))
    assert "예약 기사" not in html_of(client.get("/"))
    # Its time comes, with no editor doing anything: the task queued for it runs then.
    monkeypatch.setattr(timezone, "now", lambda: due + timezone.timedelta(seconds=1))
    assert tasks.run_due(due) == 1
    assert "예약 기사" in html_of(client.get("/section/economy/"))
    assert "예약 기사" in html_of(client.get("/"))


def test_a_comment_shown_or_hidden_shows_to_everyone(client, story):
    url = story.get_absolute_url()
    client.get(url)
    comment = comments.post_comment(
        article=story, body="다른 독자의 첫 댓글", nickname="독자", password="secret-1"
    )
    assert "다른 독자의 첫 댓글" in html_of(client.get(url))
    assert "다른 독자의 첫 댓글" in html_of(
        client.get(reverse("articles:comments", args=[story.pk]))
    )

    comments.moderate(comments=Comment.objects.filter(pk=comment.pk), action="hide")
    assert "다른 독자의 첫 댓글" not in html_of(client.get(url))


def test_a_press_purges_no_page_and_its_count_is_asked_for_live(client, story, settings):
    """A press purges nothing: the page keeps the counts it was drawn with, and the counts the
    page's script (or the frame, without JavaScript) asks for are at most
    REACTIONS_LIVE_SECONDS old."""
    url = story.get_absolute_url()
    live = reverse("articles:live-reactions", args=[story.pk])
    frame = reverse("articles:reactions-frame", args=[story.pk])
    before = client.get(url)
    assert client.get(live).json() == {"counts": {"like": 0, "angry": 0, "sad": 0, "want_more": 0}}
    client.get(frame)

    reactions.toggle_reaction(article_id=story.pk, visitor="someone", kind="want_more")

    after = client.get(url)
    assert after["X-Page-Cache"] == "hit" and after["ETag"] == before["ETag"]
    time.sleep(settings.REACTIONS_LIVE_SECONDS + 0.05)
    assert client.get(live).json()["counts"]["want_more"] == 1
    shown = html_of(client.get(frame))
    assert 'value="want_more" aria-pressed="false"' in shown
    assert '<span class="reactions__count">1</span>' in shown


def test_the_shared_page_leaves_its_bar_to_the_script_and_frames_it_without_javascript(
    client, story
):
    html = html_of(client.get(story.get_absolute_url()))
    bar = html[
        html.index('<section class="reactions"') : html.index(
            "</section>", html.index('<section class="reactions"')
        )
    ]
    assert f'data-live-url="/news/{story.pk}/live/reactions/"' in bar
    assert '<form class="reactions__form" method="post"' in bar and " hidden>" in bar
    assert (
        f'<noscript><iframe class="reactions__frame" src="/news/{story.pk}/live/reactions/frame/"'
        in bar
    )
    framed = client.get(reverse("articles:reactions-frame", args=[story.pk]))
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert 'target="_top"' in framed.content.decode()
    # The page itself may be framed by nobody, and frames nothing but its own pages (and the
    # video players a reader asks for).
    page = client.get(story.get_absolute_url())
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert "frame-src 'self' https://www.youtube-nocookie.com" in page["Content-Security-Policy"]


def test_a_curated_box_and_a_renamed_section_show(client, story):
    client.get("/")
    box = CuratedBox.objects.create(name="주요뉴스", slug=CuratedBox.TOP_NEWS)
    pinned = make_article(
        "데스크가 고른 기사", published_at=timezone.now() - timezone.timedelta(days=3)
    )
    CuratedSlot.objects.create(box=box, article=pinned, order=0)
    html = html_of(client.get("/"))
    top_news = html[html.index('id="box-top-news"') :]
    assert "데스크가 고른 기사" in top_news[: top_news.index("</section>")]

    section = Section.objects.get(pk=story.section_id)
    section.name = "경제·금융"
    section.save()
    assert "경제·금융" in html_of(client.get(story.get_absolute_url()))


def test_a_renamed_section_shows_in_the_breadcrumb_and_data_of_a_page_drawn_before(client, story):
    """The article's own parts (its breadcrumb, its structured data) are kept apart from the
    page: renaming its section redraws them, not only the menu."""
    url = story.get_absolute_url()
    assert ">경제</a></li>" in breadcrumb(html_of(client.get(url)))
    section = Section.objects.get(pk=story.section_id)
    section.name = "경제·금융"
    section.save()
    html = html_of(client.get(url))
    assert ">경제·금융</a></li>" in breadcrumb(html)
    assert '"articleSection":"경제·금융"' in html


def breadcrumb(html):
    return html[html.index('<nav class="breadcrumb"') :].split("</nav>")[0]


# A reader's own actions, after a reload


def test_a_reader_sees_their_comment_on_the_page_they_land_on_without_javascript(story, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0
    reader = Client()
    url = story.get_absolute_url()
    html = html_of(reader.get(url))
    token = form_token(html)
    clear_own_keys(cache)  # any page the reader could land on was cached before they posted
    reader.get(url)
    response = reader.post(
        reverse("articles:comment-post", args=[story.pk]),
        {"nickname": "첫독자", "password": "secret-1", "body": "방금 쓴 댓글", "token": token},
        **SAME_ORIGIN,
    )
    assert response.status_code == 303
    landed = reader.get(response["Location"])
    assert "방금 쓴 댓글" in html_of(landed)
    assert "댓글을 등록했습니다." in html_of(landed)
    assert landed["Cache-Control"] == "private, no-store"
    # Everyone else sees it too (it is published), with its count, from a fresh shared page.
    shared = html_of(Client().get(url))
    assert "방금 쓴 댓글" in shared
    assert "data-comment-total>1</span>" in shared


def test_a_writer_sees_their_comment_waiting_for_review_and_others_do_not(story, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0
    Article.objects.filter(pk=story.pk).update(comment_policy=Article.CommentPolicy.PREMODERATED)
    reader = Client()
    url = story.get_absolute_url()
    token = form_token(html_of(reader.get(url)))
    response = reader.post(
        reverse("articles:comment-post", args=[story.pk]),
        {"nickname": "첫독자", "password": "secret-1", "body": "검토 받을 댓글", "token": token},
        **SAME_ORIGIN,
    )
    landed = html_of(reader.get(response["Location"]))
    assert "검토 받을 댓글" in landed and "검토 후 게시됩니다" in landed
    assert "검토 받을 댓글" not in html_of(Client().get(url))


def test_a_readers_reaction_shows_pressed_and_counted_after_reload_with_and_without_js(
    story, settings
):
    reader = Client()
    url = story.get_absolute_url()
    reader.get(url)
    first = reader.post(reverse("articles:react", args=[story.pk]), {"kind": "like"}, **SAME_ORIGIN)
    assert first.status_code == 303
    assert first.cookies["nr_visitor"].value
    assert first.cookies["nr_fresh"]["max-age"]
    assert first.cookies["nr_acted"].value == "1"

    html = html_of(reader.get(url))  # without JavaScript: rendered for this reader
    assert 'value="like" aria-pressed="true"' in html
    assert '<span class="reactions__count">1</span>' in html

    # Later (the fresh cookie gone), the page is the shared one, with nobody's presses and
    # the counts of when it was drawn; the script asks for the rest (me: never kept).
    del reader.cookies["nr_fresh"]
    shared = reader.get(url)
    assert shared["Cache-Control"].startswith("public")
    assert 'value="like" aria-pressed="true"' not in html_of(shared)
    me = reader.get(reverse("articles:me", args=[story.pk])).json()
    assert me["reactions"]["pressed"] == ["like"]
    assert me["reactions"]["counts"]["like"] == 1
    assert (
        Client().get(reverse("articles:me", args=[story.pk])).json()["reactions"]["pressed"] == []
    )


def test_the_readers_own_votes_and_reports_come_from_me(story):
    comment = comments.post_comment(
        article=story, body="공감할 댓글", nickname="독자", password="pw-1234"
    )
    reader = Client()
    reader.post(
        reverse("articles:comment-vote", args=[comment.pk]), {"value": "up"}, **SAME_ORIGIN, **JSON
    )
    reader.post(reverse("articles:comment-report", args=[comment.pk]), **SAME_ORIGIN, **JSON)
    del reader.cookies["nr_fresh"]
    me = reader.get(reverse("articles:me", args=[story.pk])).json()
    assert me["votes"] == {str(comment.pk): "up"}
    assert me["reported"] == [comment.pk]
    shared = html_of(reader.get(story.get_absolute_url()))
    # Nobody's own state in the shared page.
    assert 'name="value" value="up" aria-pressed="true"' not in shared
    assert "신고함" not in shared
    assert '<span data-count="up">1</span>' in shared


def test_a_page_view_never_sets_the_visitor_cookie(client, story):
    for url in page_urls(story).values():
        response = client.get(url)
        assert not response.cookies, url
    assert "nr_visitor" not in client.cookies


# Failure: Redis unreachable


def test_with_redis_unreachable_pages_render_writes_land_and_the_log_says_so_once(
    settings, story, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.redis.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    resilient._last_logged = 0.0
    reader = Client()
    with caplog.at_level(logging.ERROR, logger="newsroom.cache.redis"):
        for _ in range(3):
            page = reader.get(story.get_absolute_url())
            assert page.status_code == 200
            assert "금리 동결 결정" in html_of(page)
        pressed = reader.post(
            reverse("articles:react", args=[story.pk]), {"kind": "sad"}, **SAME_ORIGIN, **JSON
        )
    assert pressed.status_code == 200
    story.refresh_from_db()
    assert story.sad_count == 1
    said = [record for record in caplog.records if "Redis unreachable" in record.getMessage()]
    assert len(said) == 1


def test_staff_with_a_session_cookie_never_get_the_shared_copy(story):
    make_staff("desk", email="desk@example.com")
    anonymous = Client()
    anonymous.get(story.get_absolute_url())
    staff = Client()
    staff.login(username="desk", password="pw-for-tests-only")
    response = staff.get(story.get_absolute_url())
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("1", "1"),
        ("007", "7"),
        ("1000000", "1000000"),
        ("0", None),
        ("1000001", None),
        ("-1", None),
        ("1.0", None),
        ("\u0663", None),  # an Arabic-Indic 3: a digit, not ASCII
    ],
)
def test_a_page_or_an_id_in_a_shared_address_is_a_number_from_one_to_a_million(value, canonical):
    assert positive_int(value) == canonical
    assert page_number(value) == canonical


def test_the_last_page_keeps_its_name_in_a_shared_address():
    assert page_number("last") == "last"
    assert page_number("LAST") is None
    assert page_number("lastx") is None


def test_only_a_cookie_the_site_made_takes_a_reader_off_the_shared_page(rf, settings):
    """A real session, a message the site signed, or its signed fresh-action mark make the page
    a reader's own; the same cookie names with made-up values, or empty, do not."""

    def shared(method="get", **cookies):
        request = getattr(rf, method)("/")
        request.COOKIES.update(cookies)
        return is_shared_request(request)

    session = SessionStore()
    session["seen"] = True
    session.create()
    signed_message = CookieStorage(rf.get("/"))._encode([Message(20, "저장했습니다")])

    assert shared() is True
    assert shared("post") is False
    assert shared(sessionid="") is True
    assert shared(sessionid="made-up") is True
    assert shared(sessionid=session.session_key) is False
    assert shared(messages="") is True
    assert shared(messages="made-up:signature") is True
    assert shared(messages=signed_message) is False
    assert shared("head") is True


def test_a_fresh_action_mark_takes_a_reader_off_the_shared_page_for_two_minutes(rf, monkeypatch):
    """nr_fresh, signed by the site when a reader acts, keeps their own page for 120 s
    (FRESH_COOKIE_MAX_AGE); older, forged or empty, it is nobody's."""

    def shared_with(mark):
        request = rf.get("/")
        request.COOKIES["nr_fresh"] = mark
        return is_shared_request(request)

    def signed(seconds_ago):
        now = time.time()
        monkeypatch.setattr(signing.time, "time", lambda: now - seconds_ago)
        response = HttpResponse()
        response.set_signed_cookie("nr_fresh", "1", salt="articles.visitor.fresh")
        monkeypatch.setattr(signing.time, "time", lambda: now)
        return response.cookies["nr_fresh"].value

    assert shared_with(signed(0)) is False
    assert shared_with(signed(100)) is False
    assert shared_with(signed(130)) is True
    assert shared_with("1") is True
    assert shared_with("") is True
