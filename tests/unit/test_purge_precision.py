"""A change purges exactly the pages that show what changed (articles/invalidation.py), in
the server's own cache (the cache in front is told the same tags): article B's page stays kept
when article A is saved.

The side boxes and the reaction counts are refreshed by each page's script: a page follows the
articles its boxes show, never the lists they are drawn from, and nothing follows a press. So
that no box of B's page shows A or B, newer articles fill the boxes."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.actions import comments, publishing
from articles.actions.reactions import toggle_reaction
from articles.invalidation import came_due
from articles.models import Article, CuratedBox, CuratedSlot, Photo, Section
from articles.roles import DESK
from tests import tasks
from tests.factories import image_file, make_article, make_reporter, make_section, make_staff
from tests.html_forms import change_form

pytestmark = pytest.mark.django_db


def state(client, path, **extra):
    """How the server answered: "hit" (its own cache), "stored" or "drawn"."""
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response["X-Page-Cache"]


def kept(client, path):
    return state(client, path) == "hit"


@pytest.fixture
def paper():
    economy = make_section("경제", slug="economy")
    markets = make_section("증권", slug="markets")
    reporter = make_reporter("서이원", handle="iwonseo96")
    other = make_reporter("한지우", handle="jiwoo")
    earlier = timezone.now() - timedelta(hours=3)
    a = make_article(
        "금리 동결", section=economy, reporters=[reporter], tags=["금리"], published_at=earlier
    )
    b = make_article(
        "코스피 상승", section=markets, reporters=[other], tags=["증시"], published_at=earlier
    )
    # The side boxes' newest (주요뉴스 and 뉴스발전소 six each, topped up with the newest): no
    # box of A's or B's page shows the other.
    culture = make_section("문화", slug="culture")
    for number in range(13):
        make_article(f"전시 소식 {number + 1}", section=culture)
    return {"economy": economy, "markets": markets, "reporter": reporter, "a": a, "b": b}


def comes_due(scheduled):
    """Its time comes: the task queued for that moment runs, with no editor doing anything."""
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
    scheduled.refresh_from_db()
    tasks.waiting[:] = []
    came_due.enqueue(scheduled.pk, scheduled.published_at.isoformat())


def warm(client, *paths):
    for path in paths:
        state(client, path)
        assert kept(client, path), path


def test_saving_a_headline_purges_its_page_and_lists_but_not_another_article(client, paper):
    a, b = paper["a"], paper["b"]
    a_page, b_page = a.get_absolute_url(), b.get_absolute_url()
    economy, markets = paper["economy"].get_absolute_url(), paper["markets"].get_absolute_url()
    warm(client, a_page, b_page, economy, markets, "/")

    a.title = "금리 동결, 물가 더 본다"
    a.save()

    assert not kept(client, a_page)
    assert "물가 더 본다" in client.get(a_page).content.decode()
    assert not kept(client, economy)  # the card shows the headline
    assert not kept(client, "/")
    assert kept(client, b_page)
    assert kept(client, markets)


def test_publishing_purges_the_lists_it_joins_only(client, paper):
    economy, markets = paper["economy"].get_absolute_url(), paper["markets"].get_absolute_url()
    b_page = paper["b"].get_absolute_url()
    warm(client, economy, markets, b_page)

    new = make_article("새 기사", section=paper["economy"], status=Article.Status.DRAFT)
    assert kept(client, economy)  # a draft shows nowhere
    publishing.change_status(pks=[new.pk], status="published", actor=None)

    assert not kept(client, economy)
    assert "새 기사" in client.get(economy).content.decode()
    assert kept(client, markets)
    assert kept(client, b_page)  # 관련 뉴스 of b is of another section and tag


def test_a_scheduled_article_purges_its_lists_when_it_comes_due(client, paper):
    economy = paper["economy"].get_absolute_url()
    warm(client, economy)
    due = timezone.now() + timedelta(seconds=30)
    scheduled = make_article("예약 기사", section=paper["economy"], published_at=due)
    assert kept(client, economy)
    assert [t.args[0] for t in tasks.waiting_tasks("came_due")] == [scheduled.pk]

    # Its time comes: the task runs then, with no editor doing anything.
    comes_due(scheduled)
    assert not kept(client, economy)
    assert "예약 기사" in client.get(economy).content.decode()


def test_a_scheduled_article_joins_other_articles_related_lists_when_it_comes_due(client, paper):
    # Issue 17: it appeared in 관련 뉴스 and 기자의 다른 기사 274 s late. A's page shows both
    # (same tag, same reporter); B's page neither.
    a_page, b_page = paper["a"].get_absolute_url(), paper["b"].get_absolute_url()
    warm(client, a_page, b_page)
    due = timezone.now() + timedelta(seconds=30)
    scheduled = make_article(
        "예약된 금리 분석",
        section=make_section("국제", slug="world"),
        reporters=[paper["reporter"]],
        tags=["금리"],
        published_at=due,
    )
    warm(client, a_page, b_page)  # (a new section redrew the section bar)
    assert "예약된 금리 분석" not in client.get(a_page).content.decode()

    comes_due(scheduled)
    assert not kept(client, a_page)
    html = client.get(a_page).content.decode()
    related = html.split('id="related-title"', 1)[1]
    assert "예약된 금리 분석" in related
    assert kept(client, b_page)


def test_a_correction_an_unpublish_and_a_photo_purge_the_article(client, paper):
    a, b = paper["a"], paper["b"]
    a_page, b_page = a.get_absolute_url(), b.get_absolute_url()

    warm(client, a_page, b_page)
    publishing.add_correction(article=a, text="수치를 바로잡습니다.")
    assert not kept(client, a_page) and kept(client, b_page)

    warm(client, a_page)
    Photo.objects.create(
        article=a, image=image_file("new.jpg"), alt="새 사진", caption="새 사진", placement=0
    )
    assert not kept(client, a_page) and kept(client, b_page)

    warm(client, a_page, paper["economy"].get_absolute_url())
    publishing.change_status(pks=[a.pk], status="archived", actor=None)
    assert client.get(a_page).status_code == 404
    assert not kept(client, paper["economy"].get_absolute_url())
    assert kept(client, b_page)


def test_renaming_a_reporter_purges_the_pages_of_their_bylines(client, paper):
    a_page, b_page = paper["a"].get_absolute_url(), paper["b"].get_absolute_url()
    warm(client, a_page, b_page)
    reporter = paper["reporter"]
    reporter.name = "서이원A"
    reporter.save()
    assert not kept(client, a_page)
    assert "서이원A 기자" in client.get(a_page).content.decode()
    assert kept(client, b_page)


def test_renaming_a_section_purges_every_page_showing_the_menu(client, paper):
    a_page, b_page = paper["a"].get_absolute_url(), paper["b"].get_absolute_url()
    warm(client, a_page, b_page)
    section = paper["markets"]
    section.name = "증권·주식"
    section.save()
    assert not kept(client, a_page) and not kept(client, b_page)


def test_a_box_change_purges_the_side_boxes_not_the_pages(client, paper):
    b_page = paper["b"].get_absolute_url()
    b_boxes = f"{b_page}live/side/"
    warm(client, b_page, "/live/side/", b_boxes)
    box = CuratedBox.objects.create(name="주요뉴스", slug=CuratedBox.TOP_NEWS)
    CuratedSlot.objects.create(box=box, article=paper["a"], order=0)
    assert not kept(client, "/live/side/")
    assert "금리 동결" in client.get("/live/side/").content.decode()
    # B's page shows 주요뉴스 in its own column, refreshed from B's boxes by its script.
    assert not kept(client, b_boxes)
    assert "금리 동결" in client.get(b_boxes).content.decode()
    assert kept(client, b_page)


def test_a_new_article_purges_its_lists_and_the_boxes_not_every_page(client, paper):
    a_page, b_page = paper["a"].get_absolute_url(), paper["b"].get_absolute_url()
    warm(client, a_page, b_page, "/live/side/")
    # (A new section would change every page's section bar.)
    make_article("방금 나온 기사", section=Section.objects.get(slug="culture"))
    assert not kept(client, "/live/side/")  # its newest, as the pages' script asks for them
    assert kept(client, a_page) and kept(client, b_page)


def test_an_edit_to_an_article_in_the_boxes_purges_every_page_showing_it(client, paper):
    shown = Article.objects.exclude(pk__in=[paper["a"].pk, paper["b"].pk]).first()
    b_page = paper["b"].get_absolute_url()
    warm(client, b_page)
    assert shown.title in client.get(b_page).content.decode()
    shown.title = "전시 소식, 제목을 고쳤다"
    shown.save()
    assert not kept(client, b_page)  # its old headline is never left in B's boxes
    assert "제목을 고쳤다" in client.get(b_page).content.decode()


def test_a_comment_purges_its_article_page_only(client, paper):
    a, b = paper["a"], paper["b"]
    warm(client, a.get_absolute_url(), b.get_absolute_url())
    comments.post_comment(article=a, body="좋은 기사입니다.", nickname="독자", password="pw-123456")
    assert not kept(client, a.get_absolute_url())
    assert "좋은 기사입니다." in client.get(a.get_absolute_url()).content.decode()
    assert kept(client, b.get_absolute_url())


def test_a_reaction_purges_nothing(client, paper):
    a_page = paper["a"].get_absolute_url()
    warm(client, a_page)
    toggle_reaction(article_id=paper["a"].pk, visitor="someone", kind="like")
    assert kept(client, a_page)
    # The counts the page's script asks for live a second: the count shows without a purge.
    reactions = client.get(f"/news/{paper['a'].pk}/live/reactions/")
    assert reactions["Cache-Control"] == "public, max-age=0, s-maxage=1"


def test_pages_name_what_they_show_in_the_tag_header(client, paper, settings):
    settings.CACHE_TAG_HEADER = "xkey"
    a, b = paper["a"], paper["b"]
    names = set(client.get(a.get_absolute_url())["xkey"].split())
    assert {f"article:{a.pk}", f"reporter:{paper['reporter'].pk}", "sections", "site"} <= names
    assert f"article:{b.pk}" not in names  # b is not shown on a's page
    listing = set(client.get(paper["economy"].get_absolute_url())["xkey"].split())
    assert {f"section-list:{paper['economy'].pk}", f"article:{a.pk}"} <= listing


def test_without_a_cache_in_front_no_page_names_its_tags(client, paper, settings):
    settings.CACHE_TAG_HEADER = ""
    response = client.get(paper["a"].get_absolute_url())
    assert not [name for name in response.headers if name.lower() in ("xkey", "surrogate-key")]


def test_an_uploaded_photo_is_not_shown_until_its_public_file_exists(client, paper, settings):
    """Processing is a task: until it has run, the page links nothing of the upload."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    a = paper["a"]
    upload = SimpleUploadedFile("camera.jpg", image_file().read(), content_type="image/jpeg")
    photo = Photo.objects.create(article=a, image=upload, alt="사진", caption="사진", placement=0)
    assert photo.image.name.startswith("incoming/")
    html = client.get(a.get_absolute_url()).content.decode()
    assert "incoming/" not in html


def test_a_desk_save_with_tags_unchanged_purges_no_list_the_article_left_as_it_was(client, paper):
    """The change form sets the tags on every save: when they are the ones the article had,
    the lists of those tags, its section and the front page were not touched by it."""
    a = paper["a"]
    desk = Client()
    desk.force_login(make_staff("desk_purge", DESK))
    url = reverse("admin:articles_article_change", args=[a.pk])
    assert desk.post(url, change_form(a)).status_code == 302  # the form's own first save
    a.refresh_from_db()
    warm(client, a.get_absolute_url(), "/corrections/")

    assert desk.post(url, change_form(a, title="금리 동결, 물가 더 본다")).status_code == 302

    assert not kept(client, a.get_absolute_url())
    assert kept(client, "/corrections/")  # lists no correction of A's


def test_a_desk_save_after_publishing_now_moves_nothing_and_purges_no_list(client, paper):
    """지금 출고 takes its time from the clock, and the change form shows a time to the second:
    the desk's next save of the story, its time untouched, must not move it, nor purge every
    list it is in as a moved story does (the corrections page, which does not show it)."""
    desk_user = make_staff("desk_now", DESK)
    draft = make_article("환율 급등", section=paper["economy"], status=Article.Status.DRAFT)
    publishing.publish_now(pks=[draft.pk], actor=desk_user)
    draft.refresh_from_db()
    published_at = draft.published_at
    for number in range(13):  # newer stories fill the side boxes, as in `paper`
        make_article(
            f"공연 소식 {number + 1}", section=paper["markets"], published_at=timezone.now()
        )
    warm(client, "/corrections/")

    desk = Client()
    desk.force_login(desk_user)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    form = change_form(draft, tags=",".join(draft.tags.names()))
    assert desk.post(url, form).status_code == 302

    draft.refresh_from_db()
    assert draft.published_at == published_at
    assert kept(client, "/corrections/")
