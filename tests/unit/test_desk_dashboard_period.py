"""The dashboard for a chosen period, its most read stories linked to their forms, and
today's numbers so far."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Comment, DailyViews, Reaction
from articles.roles import DESK
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

BOARD = reverse("admin:articles_article_dashboard")


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def desk(client):
    client.force_login(make_staff("desk", DESK))
    return client


def test_a_chosen_period_shows_its_days_and_its_most_read_stories_linked(desk):
    today = timezone.localdate()
    early = make_article("두 달 전 화제 기사")
    recent = make_article("이번 주 기사")
    DailyViews.objects.create(article=early, day=today - timedelta(days=60), views=900)
    DailyViews.objects.create(article=early, day=today - timedelta(days=59), views=100)
    DailyViews.objects.create(article=recent, day=today, views=40)
    first, last = today - timedelta(days=61), today - timedelta(days=55)

    html = desk.get(BOARD, {"start": f"{first:%Y-%m-%d}", "end": f"{last:%Y-%m-%d}"}).content
    html = html.decode()
    assert f"<caption>일별 페이지뷰 ({first:%Y-%m-%d} ~ {last:%Y-%m-%d})</caption>" in html
    assert html.count('<time datetime="') == 7 * 4  # seven days in each of the four tables
    ranking = html.split('id="period-most-read"')[1].split("</table>")[0]
    change = reverse("admin:articles_article_change", args=[early.pk])
    assert f'<a href="{change}">두 달 전 화제 기사</a>' in ranking
    assert "1,000" in ranking and "이번 주 기사" not in ranking

    week = desk.get(BOARD, {"days": "7"}).content.decode()
    assert f"{today - timedelta(days=6):%Y-%m-%d} ~ {today:%Y-%m-%d}" in week
    assert "이번 주 기사" in week.split('id="period-most-read"')[1].split("</table>")[0]


def test_a_period_backwards_is_refused_in_korean_and_the_last_30_days_are_shown(desk):
    today = timezone.localdate()
    html = desk.get(
        BOARD, {"start": f"{today:%Y-%m-%d}", "end": f"{today - timedelta(days=3):%Y-%m-%d}"}
    ).content.decode()
    assert "시작일이 마지막 날보다 늦습니다." in html
    assert "<caption>일별 페이지뷰 (최근 30일)</caption>" in html


def test_today_so_far_counts_views_reactions_and_comments_of_today(desk):
    story = make_article("오늘 기사")
    DailyViews.objects.create(article=story, day=timezone.localdate(), views=1234)
    DailyViews.objects.create(article=story, day=timezone.localdate() - timedelta(days=1), views=99)
    Reaction.objects.create(article=story, kind="like", visitor="a")
    Reaction.objects.create(article=story, kind="sad", visitor="b")
    Comment.objects.create(article=story, nickname="독자", body="오늘 댓글")
    today = _text(desk.get(BOARD).content.decode().split('id="today-so-far"')[1])
    assert "조회수 1,234 반응 2 댓글 1" in today
