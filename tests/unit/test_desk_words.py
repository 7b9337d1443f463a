"""The admin in Korean, as the 데스크 and a 기자 walk it: none of the English or stock-phrased
strings Django and its apps bring, and one way of writing a moment (2026-12-08 12:54)."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.models import Article, Reporter
from articles.roles import DESK, REPORTER

pytestmark = pytest.mark.django_db

# Seen by the editors on the admin's pages (issue 18), and their likes.
NOT_WANTED = [
    "Recover deleted",
    "Choose a date from the list",
    "There are no deleted objects",
    "tagged with",
    "STATUS",
    "Status",
    "Merge selected tags",
    "Attempted Access",
    "Access Log for",
    "보기위한",
    "1사진",
    "를(을)",
    "을/를",
    "사용자 이름 와",
    "(으)로",
    "Version",
    " 오전",
    " 오후",
]
# Django's count before the noun ("1 기사"); not a time's last digit ("14:01 기사 잘 읽었습니다").
COUNT_FIRST = re.compile(r"(?<![\d:])\d+ 기사\b")
# A moment as the admin writes it, and as it must not.
ADMIN_MOMENT = re.compile(r"\b20\d\d-\d\d-\d\d \d\d:\d\d\b")
OTHER_MOMENT = re.compile(r"20\d\d년 \d+월 \d+일 \d+:\d\d")


def visible(html):
    """The page's text and the attributes people read (titles, labels, alt texts)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    attributes = re.findall(r'(?:title|aria-label|placeholder|alt)="([^"]*)"', html)
    text = re.sub(r"<[^>]+>", " ", html)
    return unescape(re.sub(r"\s+", " ", " ".join([text, *attributes])))


def pages_of(user):
    """Every admin page of every model `user` may open: list, add form, an object's form and
    its history, and the desk's own screens."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        obj = model_admin.get_queryset(request).order_by("-pk").first()
        if obj is not None:
            urls += [
                reverse(f"{name}_change", args=[obj.pk]),
                reverse(f"{name}_history", args=[obj.pk]),
            ]
    urls += [
        reverse("admin:articles_article_desk"),
        reverse("admin:articles_article_dashboard"),
        reverse("admin:articles_article_follow_up"),
        reverse("admin:articles_article_changelist") + "?status__exact=draft",
        reverse("admin:articles_article_changelist") + "recover/",
        reverse("admin:articles_photo_changelist") + "?_to_field=id&_popup=1",
        reverse("admin:taggit_tag_changelist") + "merge-tags/",
        reverse("admin:articles_reporter_new_account"),
    ]
    return urls


def test_the_desk_and_a_reporter_walk_the_admin_and_meet_only_korean():
    call_command("load_demo", verbosity=0)
    desk = User.objects.create_user("desk", is_staff=True, first_name="데스크", last_name="한")
    desk.groups.add(Group.objects.get(name=DESK))
    writer = User.objects.create_user("writer", is_staff=True)
    writer.groups.add(Group.objects.get(name=REPORTER))
    draft = Article.objects.filter(status=Article.Status.DRAFT, bylines__isnull=False).first()
    Reporter.objects.filter(pk=draft.bylines.first().reporter_id).update(user=writer)
    at = datetime(2026, 12, 8, 12, 54, tzinfo=ZoneInfo("Asia/Seoul"))
    AccessAttempt.objects.create(
        username="writer",
        ip_address="10.0.0.9",
        user_agent="Chrome",
        attempt_time=at,
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/admin/login/",
    )
    AccessLog.objects.create(
        username="desk",
        ip_address="10.0.0.8",
        user_agent="Chrome",
        attempt_time=at,
        http_accept="",
        path_info="/admin/login/",
    )
    boss = User.objects.create_superuser("boss", "boss@newsroom.example", None)

    found, walked, moments = [], 0, 0
    for role, user, urls in (
        ("데스크", desk, pages_of(desk)),
        ("기자", writer, pages_of(writer)),
        ("관리자", boss, [reverse("admin:auth_user_add")]),
    ):
        client = Client()
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                continue
            walked += 1
            text = visible(response.content.decode())
            found += [(role, url, words) for words in NOT_WANTED if words in text]
            found += [(role, url, m) for m in OTHER_MOMENT.findall(text)]
            found += [(role, url, m) for m in COUNT_FIRST.findall(text)]
            moments += len(ADMIN_MOMENT.findall(text))
    assert walked > 60
    assert moments > 50  # lists and forms do show times, all in the one format
    assert found == []


def test_a_superuser_meets_the_task_queue_in_korean():
    """The task queue (django-tasks' database backend) is shown to superusers only, and it
    ships no Korean: its menu, list, columns, statuses and a task's page are in Korean here."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    result = DBTaskResult.objects.create(
        task_path="articles.tasks.purge",
        args_kwargs={"args": [["article-1"]], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        status="FAILED",
        exception_class_path="builtins.ConnectionError",
        traceback="ConnectionError: edge unreachable",
    )
    boss = User.objects.create_superuser("boss", "boss@newsroom.example", None)
    client = Client()
    client.force_login(boss)
    index = visible(client.get(reverse("admin:index")).content.decode())
    listing = visible(
        client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).content.decode()
    )
    page = visible(
        client.get(
            reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.pk])
        ).content.decode()
    )
    assert "작업 대기열" in index
    assert "식별자 작업 상태 넣은 시각 시작 시각" in listing and "실패" in listing
    assert "오류 추적" in page and "실행 예정" in page and "예외 종류" in page
    for english in ("Tasks Database Backend", "Task Result", "Task name", "Enqueued", "Failed"):
        for text in (index, listing, page):
            assert english not in text
    for english in ("traceback", "run after", "Status", "Priority", "Queue name"):
        assert english not in page
