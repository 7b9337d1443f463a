"""Scheduled stories in the admin: 출고 says why a scheduled story did not move, 지금 출고
brings it out at once, and the reporters hear "출고" only when readers can read it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.roles import DESK, REPORTER
from tests import tasks
from tests.factories import make_article, make_reporter, make_staff
from tests.html_forms import change_form

pytestmark = pytest.mark.django_db

PUBLISHED_LEAD = "기사가 출고되었습니다."


@pytest.fixture
def desk(client):
    client.force_login(make_staff("desk", DESK, email="desk@example.com"))
    return client


def _bulk(client, action, *articles):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles]},
        follow=True,
    ).content.decode()


def test_publishing_a_scheduled_story_says_why_nothing_moved_and_offers_지금_출고(desk):
    due = timezone.now() + timedelta(days=1)
    scheduled = make_article("엠바고 실적 기사", published_at=due)
    when = timezone.localtime(due).strftime("%Y-%m-%d %H:%M")

    page = _bulk(desk, "publish", scheduled)

    assert "기사 0건을 출고했습니다" not in page
    assert f"‘엠바고 실적 기사’은(는) {when}에 출고되도록 예약되어 있어 그대로 두었습니다." in page
    assert "지금 내보내려면 ‘선택한 기사 지금 출고’를 고르세요." in page
    assert '<option value="publish_now">선택한 기사 지금 출고 (예약 시각 무시)</option>' in page
    scheduled.refresh_from_db()
    assert scheduled.published_at == due


def test_지금_출고_makes_a_scheduled_story_public_now_and_only_then_mails_출고(
    desk, django_capture_on_commit_callbacks
):
    reporter = make_reporter("한지우", handle="jiwoo")
    story = make_article("반도체 실적 발표", reporters=[reporter], status="review")
    due = timezone.localtime() + timedelta(days=1)

    # Scheduled from the form: the reporter hears of the schedule, not of a publication.
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(
            reverse("admin:articles_article_change", args=[story.pk]),
            change_form(
                story,
                status="published",
                published_at_0=due.strftime("%Y-%m-%d"),
                published_at_1="18:00:00",
            ),
        )
    story.refresh_from_db()
    assert story.is_scheduled
    assert [m.subject for m in mail.outbox] == ["[출고 예약] 반도체 실적 발표"]
    assert all(PUBLISHED_LEAD not in m.body for m in mail.outbox)
    assert tasks.run_due(timezone.now()) == 0  # nothing is due before its time
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page = _bulk(desk, "publish_now", story)
    assert "기사 1건을 지금 출고했습니다." in page
    story.refresh_from_db()
    assert story.is_public and story.published_at <= timezone.now()
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("[출고] 반도체 실적 발표", ["jiwoo@newsroom.example"])
    ]
    assert PUBLISHED_LEAD in mail.outbox[0].body
    mail.outbox.clear()

    # The time it was scheduled for comes: it is out already, nobody is told twice.
    tasks.run_due(timezone.now() + timedelta(days=2))
    assert mail.outbox == []


def test_moving_a_scheduled_story_to_a_later_time_tells_the_reporters_then_and_only_then(
    desk, django_capture_on_commit_callbacks, monkeypatch
):
    reporter = make_reporter("한지우", handle="jiwoo")
    first = timezone.localtime() + timedelta(days=1)
    story = make_article("연기된 발표", reporters=[reporter], published_at=first)
    later = first + timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        desk.post(
            reverse("admin:articles_article_change", args=[story.pk]),
            change_form(
                story,
                published_at_0=later.strftime("%Y-%m-%d"),
                published_at_1=later.strftime("%H:%M:%S"),
            ),
        )
    assert [m.subject for m in mail.outbox] == ["[출고 예약] 연기된 발표"]
    mail.outbox.clear()

    def run_at(moment):
        # The worker runs what has come due, in a world where it is `moment`.
        monkeypatch.setattr(timezone, "now", lambda: moment)
        tasks.run_due(moment)

    run_at(first + timedelta(minutes=1))  # the old time: still not public
    assert mail.outbox == []
    run_at(later + timedelta(minutes=1))
    assert [m.subject for m in mail.outbox] == ["[출고] 연기된 발표"]


def test_the_change_form_of_a_scheduled_story_offers_지금_출고(desk):
    due = timezone.now() + timedelta(hours=5)
    story = make_article("오후 6시 엠바고", published_at=due)
    page = desk.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert "출고 예약: " + timezone.localtime(due).strftime("%Y-%m-%d %H:%M") in page
    assert 'name="_publish_now"' in page and ">지금 출고</button>" in page

    desk.post(
        reverse("admin:articles_article_change", args=[story.pk]),
        change_form(story, _publish_now="1"),
    )
    story.refresh_from_db()
    assert story.is_public


def test_the_action_bar_schedules_only_a_time_to_come_and_a_reporter_asks_for_review(desk, client):
    story = make_article("예약할 기사", status="draft")
    url = reverse("admin:articles_article_change", args=[story.pk])
    page = desk.get(url).content.decode()
    for button in (
        '<button type="submit" name="_continue" class="default">저장</button>',
        '<button type="submit" name="_request_review" value="1">검토 요청</button>',
        '<button type="submit" name="_publish_now" value="1">출고</button>',
    ):
        assert button in page

    past = timezone.localtime() - timedelta(hours=1)
    refused = desk.post(
        url,
        change_form(
            story,
            _schedule="1",
            published_at_0=past.strftime("%Y-%m-%d"),
            published_at_1=past.strftime("%H:%M:%S"),
        ),
    )
    assert refused.status_code == 200
    assert (
        "예약하려면 출고 시각에 지금보다 뒤의 날짜와 시각을 넣어 주세요."
        in refused.content.decode()
    )
    story.refresh_from_db()
    assert story.status == "draft"

    later = timezone.localtime() + timedelta(days=1)
    done = desk.post(
        url,
        change_form(
            story,
            _schedule="1",
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1="09:30:00",
        ),
        follow=True,
    ).content.decode()
    assert (
        f"‘예약할 기사’ 기사를 {later.strftime('%Y-%m-%d')} 09:30에 출고되도록 예약했습니다."
        in done
    )
    story.refresh_from_db()
    assert story.is_scheduled

    user = make_staff("jiwoo", REPORTER)
    draft = make_article("내 초고", reporters=[make_reporter(user=user)], status="draft")
    client.force_login(user)
    mine = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert "검토 요청</button>" in mine and 'name="_publish_now"' not in mine
    client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        change_form(draft, _request_review="1"),
    )
    draft.refresh_from_db()
    assert draft.status == "review"
