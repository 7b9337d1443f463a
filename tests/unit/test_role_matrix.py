"""Who may do what: 기자, 데스크 and 관리자 against every admin page and action, and the preview.

Each row names a request and the status each role gets. A 기자 works on articles on their own
byline while they are drafts or in review; the 데스크 edits, publishes and moderates; the
관리자 (a superuser) may do everything. The public preview of an unpublished article follows
the admin's rule.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, BannedWord, Comment, CuratedBox, Reaction, Section
from articles.roles import DESK, REPORTER
from tests.factories import make_article, make_reporter, make_section, make_staff

pytestmark = pytest.mark.django_db

ROLES = ("reporter", "desk", "admin")


@pytest.fixture
def world():
    users = {
        "reporter": make_staff("jiwoo", REPORTER),
        "desk": make_staff("editor", DESK),
        "admin": make_staff("chief", email="chief@example.com"),
    }
    mine = make_reporter("한지우", handle="jiwoo_han", user=users["reporter"])
    theirs = make_reporter("문서윤", handle="seoyun_moon")
    section = make_section("경제", slug="economy")
    soon = timezone.now() + timedelta(hours=3)
    articles = {
        "own draft": make_article(
            "내 초고", section=section, reporters=[mine], status=Article.Status.DRAFT
        ),
        "own review": make_article(
            "내 검토 요청", section=section, reporters=[mine], status=Article.Status.REVIEW
        ),
        "own published": make_article("내 출고 기사", section=section, reporters=[mine]),
        "own scheduled": make_article(
            "내 예약 기사", section=section, reporters=[mine], published_at=soon
        ),
        "other draft": make_article(
            "남의 초고", section=section, reporters=[theirs], status=Article.Status.DRAFT
        ),
        "other scheduled": make_article(
            "남의 예약 기사", section=section, reporters=[theirs], published_at=soon
        ),
        "other published": make_article("남의 출고 기사", section=section, reporters=[theirs]),
    }
    comment = Comment.objects.create(
        article=articles["other published"], nickname="독자", body="댓글입니다"
    )
    reaction = Reaction.objects.create(
        article=articles["other published"], visitor="v1", kind="like"
    )
    box = CuratedBox.objects.create(name="주요뉴스", slug=CuratedBox.TOP_NEWS)
    word = BannedWord.objects.create(word="금칙어")
    return {
        "users": users,
        "articles": articles,
        "comment": comment,
        "reaction": reaction,
        "box": box,
        "word": word,
        "section": section,
        "theirs": theirs,
    }


def client_for(world, role):
    client = Client()
    client.force_login(world["users"][role])
    return client


def admin_url(name, *args):
    return reverse(f"admin:{name}", args=args)


# (what, how to get the url from the world, expected status for reporter, desk, admin)
PAGES = [
    ("admin index", lambda w: admin_url("index"), 200, 200, 200),
    ("article list", lambda w: admin_url("articles_article_changelist"), 200, 200, 200),
    ("article add", lambda w: admin_url("articles_article_add"), 200, 200, 200),
    *(
        (
            f"change {kind}",
            lambda w, kind=kind: admin_url("articles_article_change", w["articles"][kind].pk),
            *codes,
        )
        for kind, codes in [
            ("own draft", (200, 200, 200)),
            ("own review", (200, 200, 200)),
            ("own published", (200, 200, 200)),  # a 기자 sees it read-only
            ("other draft", (403, 200, 200)),
            ("other published", (403, 200, 200)),
        ]
    ),
    *(
        (
            f"history {kind}",
            lambda w, kind=kind: admin_url("articles_article_history", w["articles"][kind].pk),
            *codes,
        )
        for kind, codes in [("own draft", (200, 200, 200)), ("other draft", (403, 200, 200))]
    ),
    *(
        (
            f"delete {kind}",
            lambda w, kind=kind: admin_url("articles_article_delete", w["articles"][kind].pk),
            *codes,
        )
        for kind, codes in [("own draft", (403, 200, 200)), ("other draft", (403, 200, 200))]
    ),
    ("follow-up demand", lambda w: admin_url("articles_article_follow_up"), 200, 200, 200),
    ("comment list", lambda w: admin_url("articles_comment_changelist"), 403, 200, 200),
    (
        "comment change",
        lambda w: admin_url("articles_comment_change", w["comment"].pk),
        403,
        200,
        200,
    ),
    ("section list", lambda w: admin_url("articles_section_changelist"), 200, 200, 200),
    ("section add", lambda w: admin_url("articles_section_add"), 403, 200, 200),
    (
        "section change",
        lambda w: admin_url("articles_section_change", w["section"].pk),
        200,  # view only
        200,
        200,
    ),
    (
        "section delete",
        lambda w: admin_url("articles_section_delete", w["section"].pk),
        403,
        200,
        200,
    ),
    ("box list", lambda w: admin_url("articles_curatedbox_changelist"), 403, 200, 200),
    ("box change", lambda w: admin_url("articles_curatedbox_change", w["box"].pk), 403, 200, 200),
    ("banned words", lambda w: admin_url("articles_bannedword_changelist"), 403, 200, 200),
    (
        "banned word delete",
        lambda w: admin_url("articles_bannedword_delete", w["word"].pk),
        403,
        200,
        200,
    ),
    ("reporter list", lambda w: admin_url("articles_reporter_changelist"), 200, 200, 200),
    ("reporter add", lambda w: admin_url("articles_reporter_add"), 403, 200, 200),
    (
        "reporter delete",
        lambda w: admin_url("articles_reporter_delete", w["theirs"].pk),
        403,
        200,
        200,
    ),
    ("reaction list", lambda w: admin_url("articles_reaction_changelist"), 403, 200, 200),
    (
        "reaction delete",
        lambda w: admin_url("articles_reaction_delete", w["reaction"].pk),
        403,
        200,
        200,
    ),
    ("users", lambda w: admin_url("auth_user_changelist"), 403, 403, 200),
    ("groups", lambda w: admin_url("auth_group_changelist"), 403, 403, 200),
]


@pytest.mark.parametrize(
    ("what", "url", "reporter", "desk", "admin"), PAGES, ids=[row[0] for row in PAGES]
)
def test_each_role_gets_each_admin_page(world, what, url, reporter, desk, admin):
    expected = dict(zip(ROLES, (reporter, desk, admin), strict=True))
    target = url(world)
    got = {role: client_for(world, role).get(target).status_code for role in ROLES}
    assert got == expected, what


PREVIEW = [
    ("own draft", 200, 200, 200),
    ("own review", 200, 200, 200),
    ("own published", 200, 200, 200),
    ("own scheduled", 404, 200, 200),  # the desk's now: not editable by the reporter
    ("other draft", 404, 200, 200),
    ("other scheduled", 404, 200, 200),
    ("other published", 200, 200, 200),
]


@pytest.mark.parametrize(
    ("kind", "reporter", "desk", "admin"), PREVIEW, ids=[row[0] for row in PREVIEW]
)
def test_the_preview_follows_the_admins_rule(world, kind, reporter, desk, admin):
    article = world["articles"][kind]
    expected = dict(zip(ROLES, (reporter, desk, admin), strict=True))
    got = {
        role: client_for(world, role).get(article.get_absolute_url()).status_code for role in ROLES
    }
    assert got == expected
    anonymous = Client().get(article.get_absolute_url()).status_code
    assert anonymous == (200 if article.is_public else 404)


def test_a_reporter_refused_another_reporters_article_is_told_why(world):
    article = world["articles"]["other draft"]
    response = client_for(world, "reporter").get(admin_url("articles_article_change", article.pk))
    html = response.content.decode()
    assert response.status_code == 403
    assert "이 기사를 열 권한이 없습니다" in html
    assert "삭제되었을 수" not in html and "존재하지" not in html


def changelist_action(client, model, action, ids):
    return client.post(
        admin_url(f"articles_{model}_changelist"),
        {"action": action, "_selected_action": ids, "post": "yes"},
    )


def test_moderation_actions_are_for_the_desk(world):
    comment = world["comment"]
    refused = changelist_action(client_for(world, "reporter"), "comment", "hide", [comment.pk])
    assert refused.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE

    done = changelist_action(client_for(world, "desk"), "comment", "hide", [comment.pk])
    assert done.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN


def test_only_the_desk_deletes_articles(world):
    draft = world["articles"]["own draft"]
    refused = changelist_action(
        client_for(world, "reporter"), "article", "delete_selected", [draft.pk]
    )
    assert refused.status_code in (200, 302, 403)  # the action is not even offered
    assert Article.objects.filter(pk=draft.pk).exists()

    done = changelist_action(client_for(world, "desk"), "article", "delete_selected", [draft.pk])
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.TRASHED  # in the 휴지통, until deleted from there


def test_a_reporter_cannot_delete_sections_or_words_by_posting(world):
    client = client_for(world, "reporter")
    assert (
        client.post(
            admin_url("articles_section_delete", world["section"].pk), {"post": "yes"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            admin_url("articles_bannedword_delete", world["word"].pk), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Section.objects.filter(pk=world["section"].pk).exists()
    assert BannedWord.objects.filter(pk=world["word"].pk).exists()
