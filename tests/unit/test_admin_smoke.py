"""Open and save, unchanged, every kind of demo object in the admin, as each role.

The POST is built from the rendered form (inputs, selects, textareas, formset management forms
and inline rows; file inputs send nothing), as a browser submits it when the editor presses
저장 without touching anything. A save must redirect; a page coming back means the form
refused its own content, and a 500 is a crash.
"""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db.models import Count
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.models import Article, BannedWord, Reporter
from articles.roles import DESK, REPORTER
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

PER_MODEL = 3


def users():
    boss = User.objects.create_superuser("boss", "boss@newsroom.example", None)
    desk = User.objects.create_user("desk", is_staff=True)
    desk.groups.add(Group.objects.get(name=DESK))
    writer = User.objects.create_user("writer", is_staff=True)
    writer.groups.add(Group.objects.get(name=REPORTER))
    # The 기자 is the demo reporter who has a draft, working on their own draft.
    draft = Article.objects.filter(status=Article.Status.DRAFT, bylines__isnull=False).first()
    reporter = Reporter.objects.get(pk=draft.bylines.first().reporter_id)
    reporter.user = writer
    reporter.save()
    return {"관리자": boss, "데스크": desk, "기자": writer}


def sample(model_admin, request):
    """A few objects of the model the role may see, preferring ones with inline rows."""
    queryset = model_admin.get_queryset(request).order_by("pk")
    if model_admin.model is Article:
        drafts = list(queryset.filter(status=Article.Status.DRAFT).values_list("pk", flat=True)[:2])
        with_photos = list(
            queryset.annotate(n=Count("photos")).filter(n__gte=2).exclude(pk__in=drafts)[:2]
        )
        scheduled = list(queryset.exclude(pk__in=drafts).order_by("-published_at")[:1])
        return list(queryset.filter(pk__in=drafts)) + with_photos + scheduled
    return list(queryset[:PER_MODEL])


def errors_of(response):
    found = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    return [unescape(re.sub(r"<[^>]+>", " ", error)).strip() for error in found]


def test_every_demo_object_opens_and_saves_unchanged_for_every_role():
    call_command("load_demo", verbosity=0)
    BannedWord.objects.create(word="바보")
    factory = RequestFactory()
    problems, saved, viewed = [], {}, {}

    for role, user in users().items():
        client = Client()
        client.force_login(user)
        request = factory.get("/admin/")
        request.user = user
        for model, model_admin in admin.site._registry.items():
            opts = model._meta
            for obj in sample(model_admin, request):
                if not model_admin.has_view_or_change_permission(request, obj):
                    continue
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                label = f"{role} {opts.model_name} #{obj.pk}"
                page = client.get(url)
                if page.status_code != 200:
                    problems.append(f"{label}: GET {page.status_code}")
                    continue
                if not model_admin.has_change_permission(request, obj):
                    viewed[opts.model_name] = viewed.get(opts.model_name, 0) + 1
                    continue
                data = form_data(page, f"{opts.model_name}_form")
                response = client.post(url, data)
                if response.status_code != 302:
                    problems.append(f"{label}: POST {response.status_code} {errors_of(response)}")
                saved.setdefault(role, set()).add(opts.model_name)

    assert problems == []
    # Every kind of object was really saved by someone, inlines included.
    assert {"article", "section", "reporter", "comment", "curatedbox", "bannedword"} <= saved[
        "데스크"
    ]
    assert {"article", "user", "group", "tag"} <= saved["관리자"]
    assert saved["기자"] == {"article"}
    assert viewed.get("reaction")
