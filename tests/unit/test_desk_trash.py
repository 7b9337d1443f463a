"""Deleting an article puts it in the 휴지통: out of the list and off the site, with its photos
kept, until the desk brings it back (as 작성 중) or deletes it for good from there."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from articles.models import Article
from articles.roles import DESK
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def desk(client):
    client.force_login(make_staff("desk", DESK))
    return client


def _action(client, action, *articles, **extra):
    """An action from the 휴지통's list, as the desk sees it there."""
    data = {"action": action, "_selected_action": [a.pk for a in articles], **extra}
    return client.post(LIST + "?trash=yes", data, follow=True).content.decode()


def test_deleting_moves_a_story_to_the_trash_and_the_desk_brings_it_back(
    desk, django_capture_on_commit_callbacks
):
    story = make_article("실수로 지운 기사", photos=1)
    photo_file = story.photos.get().image.name
    with django_capture_on_commit_callbacks(execute=True):
        page = desk.post(
            reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"}, follow=True
        ).content.decode()
    assert "‘실수로 지운 기사’ 기사를 휴지통으로 옮겼습니다." in page
    story.refresh_from_db()
    assert story.status == Article.Status.TRASHED
    assert default_storage.exists(photo_file)  # nothing deleted
    assert Client().get(story.get_absolute_url()).status_code == 404  # off the site
    assert "실수로 지운 기사" not in desk.get(LIST).content.decode()  # out of the list

    trash = desk.get(LIST, {"trash": "yes"}).content.decode()
    assert "실수로 지운 기사" in trash
    assert f'href="{LIST}?trash=yes"' in desk.get(LIST).content.decode()

    page = _action(desk, "restore_from_trash", story)
    assert "기사 1건을 휴지통에서 되살렸습니다" in page
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert story.photos.count() == 1


def test_only_a_story_in_the_trash_is_deleted_for_good(desk, django_capture_on_commit_callbacks):
    live = make_article("공개 중인 기사")
    trashed = make_article("휴지통 기사", status=Article.Status.TRASHED, photos=1)
    photo_file = trashed.photos.get().image.name
    asked = _action(desk, "delete_forever", live, trashed)
    assert "휴지통의 기사 1건을 영구히 삭제합니다." in asked
    assert 'name="action" value="delete_forever"' in asked
    with django_capture_on_commit_callbacks(execute=True):
        page = _action(desk, "delete_forever", live, trashed, post="yes")
    assert "기사 1건을 영구히 삭제했습니다" in page
    assert Article.objects.filter(pk=live.pk, status=Article.Status.PUBLISHED).exists()
    assert not Article.objects.filter(pk=trashed.pk).exists()
    assert not default_storage.exists(photo_file)
