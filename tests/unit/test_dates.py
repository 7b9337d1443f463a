"""One date format on every public page: 2026.11.26 14:05 (Korean time), in a <time> whose
datetime is ISO 8601 to the second, never with six digits of microseconds."""

import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from articles.actions import comments
from articles.models import Article, Comment, Correction
from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db

# 05:05:51.983652 UTC is 14:05 in Seoul; the fraction must not reach the page.
PUBLISHED = datetime(2026, 11, 26, 5, 5, 51, 983652, tzinfo=UTC)
REVISED = datetime(2026, 11, 26, 9, 30, 7, 120001, tzinfo=UTC)
COMMENTED = datetime(2026, 11, 26, 15, 44, 0, 500000, tzinfo=UTC)  # 00:44 the next day
CORRECTED = datetime(2026, 11, 27, 0, 1, 2, 3, tzinfo=UTC)

TIME = re.compile(r'<time(?: class="[^"]*")? datetime="([^"]*)">([^<]*)</time>')


@pytest.fixture
def story():
    section = make_section("경제", slug="economy")
    reporter = make_reporter("서이원", handle="iwonseo96")
    article = make_article(
        "기준금리 동결", section=section, reporters=[reporter], published_at=PUBLISHED
    )
    Article.objects.filter(pk=article.pk).update(revised_at=REVISED)
    make_article("관련 기사", section=section, published_at=PUBLISHED, tags=[])
    # An earlier story of the same reporter, listed in the reporter box (기자의 다른 기사).
    make_article(
        "지난 기사",
        section=make_section("산업", slug="industry"),
        reporters=[reporter],
        published_at=datetime(2026, 11, 20, 1, 2, 3, 456789, tzinfo=UTC),
        tags=[],
    )
    comment = comments.post_comment(article=article, body="잘 읽었습니다.", nickname="독자")
    Comment.objects.filter(pk=comment.pk).update(created_at=COMMENTED)
    Correction.objects.create(article=article, text="바로잡습니다.", created_at=CORRECTED)
    return article, section, reporter


def times(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return TIME.findall(response.content.decode())


def test_byline_comments_corrections_and_related_share_one_format(client, story):
    article, _section, _reporter = story

    found = times(client, article.get_absolute_url())

    # 입력, and the related article published at the same moment.
    assert found.count(("2026-11-26T14:05:51+09:00", "2026.11.26 14:05")) == 2
    assert ("2026-11-26T18:30:07+09:00", "2026.11.26 18:30") in found  # 수정
    assert ("2026-11-27T00:44:00+09:00", "2026.11.27 00:44") in found  # the comment
    assert ("2026-11-27T09:01:02+09:00", "2026.11.27 09:01") in found  # 바로잡습니다
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r"입력 <time[^>]*>2026\.11\.26 14:05</time>", html)
    assert re.search(r"수정 <time[^>]*>2026\.11\.26 18:30</time>", html)
    # Every other time on the page too (the reporter's other articles among them); the
    # masthead's date of today is a date.
    stamps = [(stamp, text) for stamp, text in found if "T" in stamp]
    assert len(stamps) == len(found) - 1
    assert ("2026-11-20T10:02:03+09:00", "2026.11.20 10:02") in stamps
    for _stamp, text in stamps:
        assert re.fullmatch(r"\d{4}\.\d\d\.\d\d \d\d:\d\d", text), text


@pytest.mark.parametrize("page", ["home", "section", "reporter", "comments", "corrections"])
def test_lists_show_the_same_format(client, story, page):
    article, section, reporter = story
    path = {
        "home": "/",
        "section": section.get_absolute_url(),
        "reporter": reporter.get_absolute_url(),
        "comments": f"/news/{article.pk}/comments/",
        "corrections": "/corrections/",
    }[page]
    expected = {
        "comments": ("2026-11-27T00:44:00+09:00", "2026.11.27 00:44"),
        "corrections": ("2026-11-27T09:01:02+09:00", "2026.11.27 09:01"),
    }.get(page, ("2026-11-26T14:05:51+09:00", "2026.11.26 14:05"))

    found = times(client, path)

    assert expected in found
    # Every time on the page, in the one format (the masthead's date of today is a date).
    for stamp, text in found:
        if "T" not in stamp:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", stamp), stamp
            continue
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00", stamp), stamp
        assert re.fullmatch(r"\d{4}\.\d\d\.\d\d \d\d:\d\d", text), text
        local = timezone.localtime(datetime.fromisoformat(stamp))
        assert text == f"{local:%Y.%m.%d %H:%M}"
