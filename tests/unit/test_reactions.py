"""Reactions: the write path, the endpoint (form and fetch), bad input, limits and the admin."""

import os
import re
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.actions.reactions import toggle_reaction, withdraw_reactions
from articles.models import Article, Reaction
from newsroom import counters
from tests.factories import make_article

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
KINDS = ["like", "angry", "sad", "want_more"]
BASE_DIR = django_settings.BASE_DIR


def counts(article):
    article.refresh_from_db()
    return {kind: getattr(article, f"{kind}_count") for kind in KINDS}


def zero(**changes):
    return {kind: 0 for kind in KINDS} | changes


def react_url(article):
    return reverse("articles:react", args=[article.pk])


def visit(client, article):
    """Load the article page, as a reader does before pressing: it sets the visitor cookie."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


def pressed_on_page(html):
    """{kind: aria-pressed} for the reaction buttons of a rendered article page."""
    buttons = re.findall(
        r'<button type="submit" class="reactions__button" name="kind" value="(\w+)" '
        r'aria-pressed="(true|false)"',
        html,
    )
    return {kind: pressed == "true" for kind, pressed in buttons}


def shown_counts(html):
    """{label: count} as the reaction bar shows them."""
    pairs = re.findall(
        r'<span class="reactions__label">([^<]+)</span>\s*'
        r'<span class="reactions__count">([\d,]+)</span>',
        html,
    )
    return {label: int(count.replace(",", "")) for label, count in pairs}


# The write path


def test_toggle_presses_then_takes_back():
    article = make_article()

    pressed, after_press = toggle_reaction(article_id=article.pk, visitor="v1", kind="like")
    assert pressed is True
    assert after_press == zero(like=1) == counts(article)
    assert Reaction.objects.filter(article=article, visitor="v1", kind="like").count() == 1

    pressed, after_back = toggle_reaction(article_id=article.pk, visitor="v1", kind="like")
    assert pressed is False
    assert after_back == zero() == counts(article)
    assert not Reaction.objects.exists()


def test_each_kind_once_per_visitor_and_visitors_count_separately():
    article = make_article()
    for kind in KINDS:
        toggle_reaction(article_id=article.pk, visitor="v1", kind=kind)
    toggle_reaction(article_id=article.pk, visitor="v2", kind="want_more")

    assert counts(article) == {"like": 1, "angry": 1, "sad": 1, "want_more": 2}
    assert Reaction.objects.filter(article=article).count() == 5

    # The same visitor pressing again takes each back; the other visitor's press stays.
    for kind in KINDS:
        toggle_reaction(article_id=article.pk, visitor="v1", kind=kind)
    assert counts(article) == zero(want_more=1)
    assert list(Reaction.objects.values_list("visitor", "kind")) == [("v2", "want_more")]


def test_unknown_kind_is_refused_by_the_write_path():
    article = make_article()
    with pytest.raises(ValueError):
        toggle_reaction(article_id=article.pk, visitor="v1", kind="love")
    assert counts(article) == zero()


def test_withdrawing_reactions_takes_them_off_the_counters_once():
    article = make_article()
    toggle_reaction(article_id=article.pk, visitor="v1", kind="like")
    toggle_reaction(article_id=article.pk, visitor="v2", kind="like")
    toggle_reaction(article_id=article.pk, visitor="v2", kind="sad")

    assert withdraw_reactions(reactions=Reaction.objects.filter(visitor="v2")) == 2
    assert counts(article) == zero(like=1)
    # Already gone: nothing more is subtracted.
    assert withdraw_reactions(reactions=Reaction.objects.filter(visitor="v2")) == 0
    assert counts(article) == zero(like=1)


def test_a_take_back_that_finds_the_press_already_gone_moves_no_counter():
    """Two take-backs of one press at once: the one whose delete removes nothing (the other
    got there first) subtracts nothing and answers the counts as they are. The other's delete
    is stood in for by the database ignoring this one's."""
    article = make_article()
    toggle_reaction(article_id=article.pk, visitor="v1", kind="like")
    toggle_reaction(article_id=article.pk, visitor="v2", kind="sad")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TEMP TRIGGER keep_reactions BEFORE DELETE ON articles_reaction "
                "BEGIN SELECT RAISE(IGNORE); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION keep_row() RETURNS trigger LANGUAGE plpgsql "
                "AS $$ BEGIN RETURN NULL; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER keep_reactions BEFORE DELETE ON articles_reaction "
                "FOR EACH ROW EXECUTE FUNCTION keep_row()"
            )

    pressed, after = toggle_reaction(article_id=article.pk, visitor="v1", kind="like")

    assert pressed is False
    assert after == zero(like=1, sad=1) == counts(article)


def test_a_story_taken_down_takes_no_press_and_keeps_its_presses():
    """Whether the article is public is read in the write itself: a press on a story taken
    down (or not out yet) writes nothing, and a take-back leaves the press and its count."""
    article = make_article()
    toggle_reaction(article_id=article.pk, visitor="v1", kind="like")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.ARCHIVED)
    later = make_article(published_at=timezone.now() + timedelta(minutes=5))

    assert toggle_reaction(article_id=article.pk, visitor="v1", kind="like") is None
    assert toggle_reaction(article_id=article.pk, visitor="v2", kind="sad") is None
    assert toggle_reaction(article_id=later.pk, visitor="v1", kind="like") is None

    assert counts(article) == zero(like=1)
    assert counts(later) == zero()
    assert list(Reaction.objects.values_list("article_id", "visitor", "kind")) == [
        (article.pk, "v1", "like")
    ]


# The endpoint without JavaScript: a form POST, then a redirect back to the reaction bar


def test_form_post_redirects_back_to_the_reaction_bar_with_new_counts(client):
    article = make_article()
    visit(client, article)

    response = client.post(react_url(article), {"kind": "like"})

    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#reactions"
    page = client.get(response["Location"]).content.decode()
    assert shown_counts(page) == {"좋아요": 1, "화나요": 0, "슬퍼요": 0, "추가취재 원해요": 0}
    assert pressed_on_page(page) == {"like": True, "angry": False, "sad": False, "want_more": False}

    again = client.post(react_url(article), {"kind": "like"})
    assert again.status_code == 303
    page = client.get(again["Location"]).content.decode()
    assert shown_counts(page)["좋아요"] == 0
    assert pressed_on_page(page)["like"] is False


def test_article_page_shows_the_form_with_four_buttons_and_the_script(client):
    article = make_article()
    html = visit(client, article).content.decode()
    start = html.index('id="reactions"')
    bar = html[start : html.index("</section>", start)]

    # Shared, the form waits for its script (it asks for the counts as they are now).
    assert (
        f'<form class="reactions__form" method="post" action="{react_url(article)}" hidden>' in bar
    )
    assert "csrfmiddlewaretoken" not in html  # the page is shared; see the cross-site tests
    assert list(shown_counts(bar)) == ["좋아요", "화나요", "슬퍼요", "추가취재 원해요"]
    assert pressed_on_page(bar) == dict.fromkeys(KINDS, False)
    assert 'role="status"' in bar
    assert '<script src="/static/js/reactions.js" defer></script>' in html


def test_visitor_choices_survive_a_reload_and_belong_to_that_visitor(client, settings):
    article = make_article()
    visit(client, article)
    client.post(react_url(article), {"kind": "sad"}, **JSON)
    client.post(react_url(article), {"kind": "want_more"}, **JSON)

    page = visit(client, article).content.decode()
    assert pressed_on_page(page) == {"like": False, "angry": False, "sad": True, "want_more": True}

    # A stranger's shared page shows nobody's presses; the counts as they are now come from
    # the live counts, at most REACTIONS_LIVE_SECONDS old (a press purges nothing).
    stranger = Client()
    assert pressed_on_page(visit(stranger, article).content.decode()) == dict.fromkeys(KINDS, False)
    time.sleep(settings.REACTIONS_LIVE_SECONDS + 0.05)
    live = stranger.get(reverse("articles:live-reactions", args=[article.pk])).json()
    assert live == {"counts": {"like": 0, "angry": 0, "sad": 1, "want_more": 1}}


def test_visitor_choices_cost_the_article_page_one_query(client):
    """A returning visitor's choices come from one query; a first visit needs none."""
    article = make_article()
    visit(client, article)  # warm up and receive the visitor cookie
    client.post(react_url(article), {"kind": "like"}, **JSON)

    with CaptureQueriesContext(connection) as returning:
        visit(client, article)
    with CaptureQueriesContext(connection) as first_time:
        visit(Client(), article)

    reaction_queries = [q for q in returning if "articles_reaction" in q["sql"]]
    assert len(reaction_queries) == 1
    assert not [q for q in first_time if "articles_reaction" in q["sql"]]


# The endpoint with JavaScript: JSON in, JSON out


def test_fetch_press_answers_json_with_the_new_counts(client):
    article = make_article()
    visit(client, article)

    pressed = client.post(react_url(article), {"kind": "angry"}, **JSON)
    assert pressed.status_code == 200
    assert pressed.json() == {"kind": "angry", "pressed": True, "counts": zero(angry=1)}

    taken_back = client.post(react_url(article), {"kind": "angry"}, **JSON)
    assert taken_back.json() == {"kind": "angry", "pressed": False, "counts": zero()}


def test_two_visitors_count_twice_and_the_visitor_cookie_decides(client):
    article = make_article()
    other = Client()
    visit(client, article)
    visit(other, article)

    client.post(react_url(article), {"kind": "like"}, **JSON)
    assert other.post(react_url(article), {"kind": "like"}, **JSON).json()["counts"]["like"] == 2
    assert Reaction.objects.filter(kind="like").values("visitor").distinct().count() == 2


def test_same_address_different_visitors_are_different_readers(client):
    """An office behind one address: the address never decides who pressed."""
    article = make_article()
    readers = [Client(REMOTE_ADDR="203.0.113.7") for _ in range(3)]
    for reader in readers:
        visit(reader, article)
        assert reader.post(react_url(article), {"kind": "like"}, **JSON).json()["pressed"]
    assert counts(article) == zero(like=3)
    # The address is stored nowhere, not even hashed.
    assert "203.0.113.7" not in str(list(Reaction.objects.values()))


def test_endpoint_query_count_is_pinned(client, django_assert_num_queries):
    article = make_article()
    visit(client, article)
    # PostgreSQL: one statement, whether it presses or takes back. Elsewhere (SQLite): the
    # article's being public, the insert, the counter update returning all four counts; the
    # test's own transaction makes atomic() a savepoint (+2); taking back adds the delete.
    one_statement = connection.vendor == "postgresql"
    with django_assert_num_queries(1 if one_statement else 5):
        response = client.post(react_url(article), {"kind": "like"}, **JSON)
    assert response.json()["pressed"] is True
    with django_assert_num_queries(1 if one_statement else 6):
        response = client.post(react_url(article), {"kind": "like"}, **JSON)
    assert response.json()["pressed"] is False
    assert counts(article) == zero()


# Bad input: none of it changes a count


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
    ],
)
def test_a_press_forged_by_another_site_is_forbidden_and_changes_nothing(headers):
    article = make_article()
    reader = Client()
    visit(reader, article)

    as_form = reader.post(react_url(article), {"kind": "like"}, **headers)
    as_json = reader.post(react_url(article), {"kind": "like"}, **JSON, **headers)

    assert as_form.status_code == as_json.status_code == 403
    assert "다른 사이트에서 보낸 요청" in as_form.content.decode()
    assert as_json.json()["ok"] is False
    assert counts(article) == zero()
    assert not Reaction.objects.exists()
    assert not as_form.cookies and not as_json.cookies


def test_a_same_origin_form_post_without_javascript_is_accepted():
    """The counterpart of the 403 test: our own page's plain form gets in, with no token."""
    article = make_article()
    strict = Client(enforce_csrf_checks=True)
    visit(strict, article)

    response = strict.post(
        react_url(article),
        {"kind": "like"},
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_ORIGIN="http://testserver",
    )

    assert response.status_code == 303
    assert counts(article) == zero(like=1)


@pytest.mark.parametrize("kind", ["love", "", "LIKE", "like_count"])
def test_unknown_kind_is_a_400_in_korean(client, kind):
    article = make_article()
    visit(client, article)

    as_json = client.post(react_url(article), {"kind": kind}, **JSON)
    as_form = client.post(react_url(article), {"kind": kind})

    assert as_json.status_code == 400
    assert as_json.json() == {"ok": False, "message": "알 수 없는 반응입니다."}
    assert as_form.status_code == 400
    assert "알 수 없는 반응입니다." in as_form.content.decode()
    assert counts(article) == zero()


def test_missing_kind_is_a_400(client):
    article = make_article()
    assert client.post(react_url(article), {}, **JSON).status_code == 400
    assert counts(article) == zero()


@pytest.mark.parametrize(
    "status, when",
    [
        (Article.Status.DRAFT, None),
        (Article.Status.REVIEW, None),
        (Article.Status.ARCHIVED, timedelta(hours=-1)),
        (Article.Status.PUBLISHED, timedelta(hours=2)),  # scheduled: not out yet
    ],
)
def test_unpublished_article_is_a_404(client, status, when):
    article = make_article(
        status=status, published_at=timezone.now() + when if when is not None else None
    )

    as_json = client.post(react_url(article), {"kind": "like"}, **JSON)
    as_form = client.post(react_url(article), {"kind": "like"})

    assert as_json.status_code == 404
    assert as_json.json() == {"message": "기사를 찾을 수 없습니다."}
    assert as_form.status_code == 404
    assert counts(article) == zero()
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("number", [987654, 2**63, 10**20])
def test_unknown_article_is_a_404(client, number):
    """Also an article number past the database's integers (the address takes any digits)."""
    url = reverse("articles:react", args=[number])
    assert client.post(url, {"kind": "like"}, **JSON).status_code == 404
    assert client.post(url, {"kind": "like"}).status_code == 404
    assert not Reaction.objects.exists()


def test_staff_preview_cannot_react_to_a_draft(admin_client):
    article = make_article(status=Article.Status.DRAFT)
    page = admin_client.get(article.get_absolute_url()).content.decode()
    # The preview shows the bar, but its buttons are off and the endpoint refuses.
    assert page.count('class="reactions__button"') == 4
    assert page.count('aria-pressed="false" disabled') == 4
    assert admin_client.post(react_url(article), {"kind": "like"}).status_code == 404
    assert counts(article) == zero()


def test_get_on_the_endpoint_is_a_405(client):
    article = make_article()
    response = client.get(react_url(article), {"kind": "like"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert counts(article) == zero()


# Rate limits


def test_visitor_limit_refuses_with_429_in_korean_and_changes_nothing(client, settings):
    settings.REACTION_RATE_PER_VISITOR = "3/m"
    article = make_article()
    visit(client, article)
    for kind in ["like", "angry", "sad"]:
        assert client.post(react_url(article), {"kind": kind}, **JSON).status_code == 200

    refused = client.post(react_url(article), {"kind": "want_more"}, **JSON)
    refused_form = client.post(react_url(article), {"kind": "want_more"})

    assert refused.status_code == 429
    assert refused.json() == {
        "ok": False,
        "message": "반응을 너무 자주 눌렀습니다. 잠시 후 다시 눌러 주세요.",
    }
    assert refused_form.status_code == 429
    form_page = refused_form.content.decode()
    assert "반응을 너무 자주 눌렀습니다" in form_page
    assert f'href="{article.get_absolute_url()}#reactions"' in form_page
    assert counts(article) == zero(like=1, angry=1, sad=1)

    # The page keeps working for this visitor, and another visitor is not held back.
    assert visit(client, article).status_code == 200
    other = Client()
    visit(other, article)
    assert other.post(react_url(article), {"kind": "want_more"}, **JSON).status_code == 200
    assert counts(article) == zero(like=1, angry=1, sad=1, want_more=1)


def test_client_address_limit_holds_across_visitors(settings):
    settings.REACTION_RATE_PER_CLIENT = "2/m"
    article = make_article()
    statuses = []
    for _ in range(3):
        reader = Client(REMOTE_ADDR="198.51.100.20")
        visit(reader, article)
        statuses.append(reader.post(react_url(article), {"kind": "like"}, **JSON).status_code)
    elsewhere = Client(REMOTE_ADDR="198.51.100.21")
    visit(elsewhere, article)

    assert statuses == [200, 200, 429]
    assert elsewhere.post(react_url(article), {"kind": "like"}, **JSON).status_code == 200
    assert counts(article) == zero(like=3)


def test_rate_limits_come_from_the_environment():
    env = os.environ | {
        "DJANGO_SECRET_KEY": "test-key",
        "REACTION_RATE_PER_VISITOR": "5000/m",
        "REACTION_RATE_PER_CLIENT": "90000/h",
    }
    code = (
        "from newsroom import settings as s;"
        "print(s.REACTION_RATE_PER_VISITOR, s.REACTION_RATE_PER_CLIENT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["5000/m", "90000/h"]


# The desk: counts in the article list, and the follow-up demand view


def test_admin_article_list_shows_the_four_counts(admin_client):
    article = make_article("반응 많은 기사")
    toggle_reaction(article_id=article.pk, visitor="v1", kind="like")
    toggle_reaction(article_id=article.pk, visitor="v1", kind="want_more")
    toggle_reaction(article_id=article.pk, visitor="v2", kind="want_more")

    html = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()

    for header in ["좋아요", "화나요", "슬퍼요", "추가취재 원해요"]:
        assert header in html
    row = html[html.index("반응 많은 기사") :]
    row = row[: row.index("</tr>")]
    assert '<td class="field-like_count">1</td>' in row
    assert '<td class="field-want_more_count">2</td>' in row
    # The changelist links to the follow-up view.
    assert reverse("admin:articles_article_follow_up") in html


def test_admin_follow_up_view_lists_recent_demand_newest_first(admin_client):
    now = timezone.now()
    old_demand = make_article("지난달 요청만 있는 기사")
    many = make_article("요청 많은 기사")
    newest = make_article("방금 요청된 기사")
    liked_only = make_article("좋아요만 받은 기사")

    def press(article, visitor, kind="want_more", ago=timedelta(0)):
        toggle_reaction(article_id=article.pk, visitor=visitor, kind=kind)
        Reaction.objects.filter(article=article, visitor=visitor, kind=kind).update(
            created_at=now - ago
        )

    press(old_demand, "a", ago=timedelta(days=8))
    for visitor in ["a", "b", "c"]:
        press(many, visitor, ago=timedelta(days=2))
    press(many, "d", ago=timedelta(days=10))  # outside the window: not counted
    press(newest, "a", ago=timedelta(minutes=5))
    press(liked_only, "a", kind="like")

    url = reverse("admin:articles_article_follow_up")
    html = admin_client.get(url).content.decode()

    assert "추가취재 요청" in html
    assert html.index("방금 요청된 기사") < html.index("요청 많은 기사")
    assert "지난달 요청만 있는 기사" not in html
    assert "좋아요만 받은 기사" not in html
    many_row = html[html.index("요청 많은 기사") :]
    assert '<td class="follow-up__recent">3</td>' in many_row[: many_row.index("</tr>")]

    by_count = admin_client.get(url, {"o": "count"}).content.decode()
    assert by_count.index("요청 많은 기사") < by_count.index("방금 요청된 기사")


def test_admin_follow_up_view_needs_staff(client):
    response = client.get(reverse("admin:articles_article_follow_up"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_reactions_are_read_only_and_deleting_one_updates_the_counter(admin_client):
    article = make_article()
    toggle_reaction(article_id=article.pk, visitor="v1", kind="sad")
    toggle_reaction(article_id=article.pk, visitor="v2", kind="sad")
    reaction = Reaction.objects.get(visitor="v1")

    assert admin_client.get(reverse("admin:articles_reaction_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:articles_reaction_delete", args=[reaction.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert counts(article) == zero(sad=1)

    response = admin_client.post(
        reverse("admin:articles_reaction_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [r.pk for r in Reaction.objects.all()],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert counts(article) == zero()
    assert not Reaction.objects.exists()


def test_admin_can_still_delete_an_article_with_reactions(admin_client):
    article = make_article()
    toggle_reaction(article_id=article.pk, visitor="v1", kind="like")
    for _ in ("to the trash", "for good"):  # deleting puts it in the 휴지통 first
        response = admin_client.post(
            reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Reaction.objects.exists()


# Literal expectations: a window's length and the cookie's flags, written out


def test_a_minute_window_lasts_sixty_seconds_and_an_hour_window_an_hour(monkeypatch, settings):
    """Windows are aligned to the clock: a limit of 2/m refuses the third press until the
    minute turns, exactly 60 s after it began, and 2/h until the hour turns."""
    article = make_article()
    reader = Client()

    def press_at(moment, kind="like"):
        monkeypatch.setattr(counters, "now", lambda: moment)
        return reader.post(react_url(article), {"kind": kind}, **JSON).status_code

    minute = 1_800_000_000.0 // 3600 * 3600  # the start of an hour, and of a minute
    settings.REACTION_RATE_PER_VISITOR = "2/m"
    assert [press_at(minute), press_at(minute + 1)] == [200, 200]
    assert press_at(minute + 30) == 429
    assert press_at(minute + 59.9) == 429
    assert press_at(minute + 60) == 200  # a new minute
    assert counts(article) == zero(like=1)  # pressed, taken back, pressed (the 429s: nothing)

    settings.REACTION_RATE_PER_VISITOR = "1000/m"
    settings.REACTION_RATE_PER_CLIENT_ARTICLE = "2/h"
    hour = minute + 3600
    assert [press_at(hour, "sad"), press_at(hour + 61, "sad")] == [200, 200]
    assert press_at(hour + 1800) == 429
    assert press_at(hour + 3599) == 429
    assert press_at(hour + 3600, "sad") == 200  # a new hour
    assert counts(article) == zero(like=1, sad=1)


def test_the_visitor_cookies_carry_their_flags(settings):
    article = make_article()
    reader = Client()
    first = reader.post(react_url(article), {"kind": "like"}, **JSON)
    assert first.status_code == 200
    visitor = first.cookies["nr_visitor"]
    assert visitor["httponly"] is True
    assert visitor["samesite"] == "Lax"
    assert visitor["max-age"] == 63072000  # two years
    assert visitor["path"] == "/"
    assert visitor["secure"] == ""  # plain HTTP in development
    fresh = first.cookies["nr_fresh"]
    assert (fresh["httponly"], fresh["samesite"], fresh["max-age"]) == (True, "Lax", 120)
    acted = first.cookies["nr_acted"]
    # Read by the page's script: not HttpOnly, and it holds no secret.
    assert (acted["httponly"], acted["samesite"], acted.value) == ("", "Lax", "1")
    # The visitor cookie is set once: a second press leaves it as it is.
    again = reader.post(react_url(article), {"kind": "sad"}, **JSON)
    assert "nr_visitor" not in again.cookies

    settings.SESSION_COOKIE_SECURE = True  # production, behind TLS
    secure = Client().post(react_url(article), {"kind": "like"}, **JSON)
    for name in ("nr_visitor", "nr_fresh", "nr_acted"):
        assert secure.cookies[name]["secure"] is True, name
