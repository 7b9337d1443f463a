"""Revisions, review notifications and the article list's search, bulk actions and sections."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from articles.roles import DESK, REPORTER
from tests.factories import make_article, make_reporter, make_section, make_staff
from tests.html_forms import change_form, form_data

pytestmark = pytest.mark.django_db


def save(client, article, **overrides):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, change_form(article, **overrides))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    article.refresh_from_db()
    return response


# Revisions


def test_every_admin_save_keeps_a_revision_listed_in_the_history(admin_client):
    article = make_article("금리 동결", body="<p>한국은행이 금리를 동결했다.</p>")
    save(admin_client, article)
    save(admin_client, article, title="기준금리 동결")
    save(admin_client, article, body="<p>한국은행이 기준금리를 연 3.5%로 동결했다.</p>")

    versions = Version.objects.get_for_object(article)
    assert versions.count() == 3
    assert versions[0].revision.user.username == "admin"

    page = admin_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('name="old"') == 3
    assert "고른 두 판 비교" in html


def test_compare_two_revisions_shows_the_changed_words_escaped(admin_client):
    article = make_article("금리 동결", body="<p>한국은행이 금리를 동결했다.</p>")
    save(admin_client, article)
    save(
        admin_client,
        article,
        title="기준금리 <동결>",
        body="<p>한국은행이 기준금리를 동결했다.</p><p>둘째 문단.</p>",
    )
    old, new = reversed(Version.objects.get_for_object(article))

    url = reverse("admin:articles_article_compare", args=[article.pk])
    page = admin_client.get(url, {"old": old.pk, "new": new.pk})
    html = page.content.decode()

    assert page.status_code == 200
    assert "<del>금리</del><ins>기준금리</ins> <del>동결</del><ins>&lt;동결&gt;</ins>" in html
    assert "<del>금리를</del><ins>기준금리를</ins>" in html
    assert "<ins><br>둘째 문단.</ins>" in html
    assert "<p>" not in html.split('class="revision-diff"', 1)[1].split("</section>")[0]


def test_compare_without_two_valid_versions_is_not_found(admin_client):
    article = make_article("금리 동결")
    save(admin_client, article)
    url = reverse("admin:articles_article_compare", args=[article.pk])
    assert admin_client.get(url).status_code == 404
    assert admin_client.get(url, {"old": "abc", "new": "1"}).status_code == 404
    assert admin_client.get(url, {"old": "999999", "new": "999999"}).status_code == 404


def test_restoring_a_revision_brings_the_fields_back_and_records_a_new_one(admin_client):
    article = make_article("첫 제목", body="<p>첫 본문.</p>")
    save(admin_client, article)
    save(admin_client, article, title="둘째 제목", body="<p>둘째 본문.</p>")
    first = Version.objects.get_for_object(article).last()

    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    form_page = admin_client.get(url)
    assert form_page.status_code == 200
    assert "첫 제목" in form_page.content.decode()
    article.refresh_from_db()
    assert article.title == "둘째 제목"  # looking at an old version changes nothing

    data = change_form(article, title="첫 제목", body="<p>첫 본문.</p>")
    # The version the restore form carries is the stored one, not the old revision's.
    shown = re.search(r'name="version" value="([^"]*)"', form_page.content.decode()).group(1)
    assert shown == data["version"]
    response = admin_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "첫 제목"
    assert article.body == "<p>첫 본문.</p>"
    assert Version.objects.get_for_object(article).count() == 3


def test_restoring_brings_back_the_tags_and_bylines_of_that_version(admin_client):
    first_reporter = make_reporter("한지우", handle="jiwoo")
    article = make_article("관세 협상", reporters=[first_reporter], tags=["관세"])
    save(admin_client, article, tags="관세")
    first = Version.objects.get_for_object(article).get()
    article.tags.set(["환율", "수출"])
    article.bylines.all().delete()
    save(admin_client, article, tags="환율, 수출")

    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    form_page = admin_client.get(url).content.decode()
    assert 'value="관세"' in form_page
    assert f'value="{first_reporter.pk}"' in form_page
    assert sorted(article.tags.names()) == ["수출", "환율"]  # looking changes nothing


def test_restoring_the_first_draft_of_a_live_story_keeps_it_live(admin_client):
    """The bug: restoring the 기자's first draft set the story back to 작성 중, cleared its
    출고 시각 and made its page a 404. Only the content comes back."""
    article = make_article("초고 제목", status=Article.Status.DRAFT, body="<p>초고 본문.</p>")
    save(admin_client, article)
    draft = Version.objects.get_for_object(article).get()
    published_at = timezone.now() - timedelta(hours=2)
    save(
        admin_client,
        article,
        title="출고 제목",
        body="<p>출고 본문.</p>",
        status="published",
        published_at_0=timezone.localtime(published_at).strftime("%Y-%m-%d"),
        published_at_1=timezone.localtime(published_at).strftime("%H:%M:%S"),
    )
    Article.objects.filter(pk=article.pk).update(like_count=7, view_count=120, comment_count=3)
    article.refresh_from_db()
    assert article.revised_at is None
    assert admin_client.get(article.get_absolute_url()).status_code == 200
    public_since = article.published_at

    url = reverse("admin:articles_article_revision", args=[article.pk, draft.pk])
    form_page = admin_client.get(url)
    html = form_page.content.decode()
    assert "초고 제목" in html
    assert "이전 판으로 되돌리기" in html and "Revert" not in html and "Press the save" not in html
    shown = form_data(form_page, "article_form")
    assert shown["status"] == "published"  # the form offers the story as it is now

    response = admin_client.post(url, shown, follow=True)
    article.refresh_from_db()
    assert (article.title, article.body) == ("초고 제목", "<p>초고 본문.</p>")
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == public_since
    assert (article.like_count, article.view_count, article.comment_count) == (7, 120, 3)
    assert article.revised_at is not None  # readers are told the story changed (수정)
    assert admin_client.get(article.get_absolute_url()).status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any("저장한 판의 내용으로 되돌렸습니다" in message for message in messages)
    assert "변경 내용을 저장했습니다" not in " ".join(messages)
    history = admin_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    text = history.content.decode()
    assert "저장한 판의 내용으로 되돌림" in text and "Reverted" not in text


def test_restoring_keeps_corrections_and_the_revised_time_moves_only_forward(client):
    desk = make_staff("desk", DESK)
    client.force_login(desk)
    article = make_article("정정 전 제목", body="<p>처음 본문.</p>")
    save(client, article)
    first = Version.objects.get_for_object(article).get()
    save(client, article, title="고친 제목")
    revised = article.revised_at
    article.corrections.create(text="수치를 바로잡았습니다.")

    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    assert client.post(url, form_data(client.get(url), "article_form")).status_code == 302
    article.refresh_from_db()
    assert article.title == "정정 전 제목"
    assert list(article.corrections.values_list("text", flat=True)) == ["수치를 바로잡았습니다."]
    assert article.revised_at >= revised


def test_a_reporter_typing_while_the_desk_publishes_keeps_the_text_and_learns_why(client):
    """The bug: the 기자 kept typing after 검토 요청, the desk published from the list, and
    the 기자's 저장 got a bare 403 in the public layout; the paragraph was lost."""
    from django.test import Client

    reporter_user = make_staff("jiwoo", REPORTER)
    reporter = make_reporter("한지우", handle="jiwoo", user=reporter_user)
    article = make_article("검토 중 기사", reporters=[reporter], status=Article.Status.REVIEW)
    client.force_login(reporter_user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    opened = form_data(client.get(url), "article_form")

    desk = Client()
    desk.force_login(make_staff("desk", DESK, email="desk@example.com"))
    User.objects.filter(username="desk").update(first_name="한", last_name="데스크")
    changelist = reverse("admin:articles_article_changelist")
    published = desk.post(
        changelist, {"action": "publish", "_selected_action": [article.pk]}, follow=True
    )
    assert published.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    typed = "<p>검토 요청 뒤에 덧붙인 문단.</p>"
    response = client.post(url, opened | {"body": opened["body"] + typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "기자는 더 고칠 수 없습니다" in html and "‘출고’" in html
    assert "데스크" in html.split("기자는 더 고칠 수 없습니다")[0]  # who took it
    assert "검토 요청 뒤에 덧붙인 문단." in html  # nothing typed is lost
    article.refresh_from_db()
    assert "덧붙인 문단" not in article.body and article.status == Article.Status.PUBLISHED

    # Sending it again changes nothing either: the story is the desk's now.
    again = client.post(url, form_data(response, "article_form"))
    assert again.status_code == 200 and "기자는 더 고칠 수 없습니다" in again.content.decode()
    article.refresh_from_db()
    assert "덧붙인 문단" not in article.body
    # Opening it afresh is still the read-only view, as before.
    assert 'name="body"' not in client.get(url).content.decode()


def test_a_reporter_cannot_see_or_restore_the_history_of_anothers_article(client):
    user = make_staff("jiwoo", REPORTER)
    make_reporter("한지우", handle="jiwoo", user=user)
    other = make_article(
        "남의 초고", reporters=[make_reporter("문서윤", handle="seoyun")], status="draft"
    )
    desk = make_staff("desk", DESK)
    client.force_login(desk)
    save(client, other)
    version = Version.objects.get_for_object(other).get()

    client.force_login(user)
    history = client.get(reverse("admin:articles_article_history", args=[other.pk]))
    compare = client.get(
        reverse("admin:articles_article_compare", args=[other.pk]),
        {"old": version.pk, "new": version.pk},
    )
    restore = client.get(reverse("admin:articles_article_revision", args=[other.pk, version.pk]))
    assert (history.status_code, compare.status_code, restore.status_code) == (403, 403, 403)


def test_a_reporter_reads_the_history_of_their_own_story_but_restores_only_a_draft(client):
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo", user=user)
    article = make_article("내 초고", reporters=[mine], status="draft")
    client.force_login(user)
    save(client, article, title="내 초고 고침")
    url = reverse("admin:articles_article_history", args=[article.pk])
    version = Version.objects.get_for_object(article).get()
    restore = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    assert client.get(url).status_code == 200
    assert client.get(restore).status_code == 200

    Article.objects.filter(pk=article.pk).update(status="published", published_at=timezone.now())
    assert client.get(url).status_code == 200  # read and compare, as the read-only view links
    assert client.get(restore).status_code == 403


# Notifications


def test_submitting_for_review_mails_the_desk_after_commit(
    client, django_capture_on_commit_callbacks
):
    make_staff("desk1", DESK, email="desk1@example.com")
    make_staff("desk2", DESK, email="desk2@example.com")
    user = make_staff("jiwoo", REPORTER, email="jiwoo@example.com")
    mine = make_reporter("한지우", handle="jiwoo", user=user)
    article = make_article("반도체 수출 호조", reporters=[mine], status="draft")
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        save(client, article, status="review")
        assert mail.outbox == []  # nothing leaves before the commit

    assert callbacks
    assert sorted(message.to[0] for message in mail.outbox) == [
        "desk1@example.com",
        "desk2@example.com",
    ]
    message = mail.outbox[0]
    assert message.subject == "[검토 요청] 반도체 수출 호조"
    assert f"/admin/articles/article/{article.pk}/change/" in message.body
    assert "반도체 수출 호조" in message.body


def test_publishing_and_sending_back_mail_the_reporters(client, django_capture_on_commit_callbacks):
    desk = make_staff("desk", DESK, email="desk@example.com")
    article = make_article(
        "환율 급등",
        reporters=[make_reporter("한지우", handle="jiwoo")],
        status="review",
    )
    client.force_login(desk)

    with django_capture_on_commit_callbacks(execute=True):
        save(client, article, status="draft")
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("[반려] 환율 급등", ["jiwoo@newsroom.example"])
    ]
    assert "돌려보냈습니다" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        save(client, article, status="published")
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("[출고] 환율 급등", ["jiwoo@newsroom.example"])
    ]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        save(client, article, title="환율 급등, 1400원 넘어")
    assert mail.outbox == []  # an edit that keeps the status tells nobody


def test_a_failing_mail_server_does_not_break_the_save(
    client, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    make_staff("desk1", DESK, email="desk1@example.com")
    user = make_staff("jiwoo", REPORTER)
    article = make_article(
        "무역수지 흑자",
        reporters=[make_reporter("한지우", handle="jiwoo", user=user)],
        status="draft",
    )
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        save(client, article, status="review")
    assert article.status == "review"


# Article list


def test_admin_search_finds_words_in_the_body(admin_client):
    make_article("제목에는 없음", body="<p>희토류 수입이 늘었다.</p>")
    make_article("다른 기사", body="<p>반도체 이야기.</p>")
    page = admin_client.get(reverse("admin:articles_article_changelist"), {"q": "희토류"})
    html = page.content.decode()
    assert "제목에는 없음" in html and "다른 기사" not in html


def test_desk_bulk_publishes_now_or_keeps_a_future_time(client):
    desk = make_staff("desk", DESK)
    client.force_login(desk)
    now_one = make_article("지금 출고", status="review")
    later = timezone.now() + timedelta(days=1)
    scheduled = make_article("예약 출고", status="review", published_at=later)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [now_one.pk, scheduled.pk]},
        follow=True,
    )
    assert "기사 2건을 출고했습니다." in response.content.decode()
    now_one.refresh_from_db()
    scheduled.refresh_from_db()
    assert now_one.is_public
    assert scheduled.status == "published" and scheduled.published_at == later


def test_desk_bulk_archives(client):
    client.force_login(make_staff("desk", DESK))
    articles = [make_article("하나"), make_article("둘")]
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "archive", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )
    assert "기사 2건을 보관했습니다." in response.content.decode()
    assert set(Article.objects.values_list("status", flat=True)) == {"archived"}


def test_a_reporter_bulk_requests_review_of_own_drafts_only_and_cannot_publish(client):
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo", user=user)
    draft = make_article("내 초고", reporters=[mine], status="draft")
    others = make_article("남의 초고", status="draft")
    client.force_login(user)
    changelist = reverse("admin:articles_article_changelist")

    page = client.get(changelist).content.decode()
    assert 'value="request_review"' in page
    assert 'value="publish"' not in page and 'value="archive"' not in page

    response = client.post(
        changelist,
        {"action": "request_review", "_selected_action": [draft.pk, others.pk]},
        follow=True,
    )
    assert "기사 1건을 검토 요청했습니다." in response.content.decode()
    draft.refresh_from_db()
    others.refresh_from_db()
    assert (draft.status, others.status) == ("review", "draft")

    refused = client.post(
        changelist, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    draft.refresh_from_db()
    assert draft.status == "review"
    assert refused.status_code == 200


def test_sections_are_offered_as_a_tree(admin_client):
    economy = make_section("경제", order=1)
    society = make_section("사회", order=2)
    make_section("증권", parent=economy, order=1)
    make_section("부동산", parent=economy, order=2)
    make_section("노동", parent=society, order=1)

    form = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    select = form.split('name="section"', 1)[1].split("</select>", 1)[0]
    labels = [part.split("<", 1)[0] for part in select.split(">")[1:] if part.split("<", 1)[0]]
    labels = [label.strip() for label in labels if label.strip() and label.strip() != "---------"]
    assert labels == ["경제", "— 증권", "— 부동산", "사회", "— 노동"]

    changelist = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert changelist.index("경제") < changelist.index("— 증권") < changelist.index("사회")


# Corrections


def test_desk_adds_a_correction_shown_under_the_body_and_in_the_public_list(client):
    desk = make_staff("desk", DESK)
    client.force_login(desk)
    article = make_article("수출 10% 증가")
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    correct_url = reverse("admin:articles_article_correct", args=[article.pk])
    assert correct_url in client.get(change_url).content.decode()

    empty = client.post(correct_url, {"text": "", "created_at": ""})
    assert empty.status_code == 200 and "필수 항목입니다" in empty.content.decode()

    now = timezone.localtime()
    response = client.post(
        correct_url,
        {
            "text": "수출 증가율을 10%에서 1.0%로 바로잡습니다.",
            "created_at": now.strftime("%Y-%m-%d %H:%M:%S"),
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.revised_at is not None
    assert "1.0%로 바로잡습니다" in client.get(change_url).content.decode()
    save(client, article)  # saving the article again keeps its correction
    assert article.corrections.count() == 1

    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    body_end = page.split('class="article__body"', 1)[1].split('class="reactions', 1)[0]
    assert "바로잡습니다" in body_end
    assert "1.0%로 바로잡습니다" in body_end

    listing = client.get(reverse("articles:corrections")).content.decode()
    assert "1.0%로 바로잡습니다" in listing
    assert article.get_absolute_url() in listing
    assert reverse("articles:corrections") in client.get("/").content.decode()


def test_corrections_list_is_newest_first_paginated_and_only_public():
    from articles.models import Correction

    article = make_article("공개 기사")
    hidden = make_article("보관된 기사", status="archived")
    for day in range(25):
        Correction.objects.create(
            article=article,
            text=f"정정 {day:02d}",
            created_at=timezone.now() - timedelta(days=day),
        )
    Correction.objects.create(article=hidden, text="보이면 안 되는 정정")

    from django.test import Client

    client = Client()
    first = client.get(reverse("articles:corrections")).content.decode()
    assert first.index("정정 00") < first.index("정정 01")
    assert "정정 20" not in first and "보이면 안 되는 정정" not in first
    second = client.get(reverse("articles:corrections"), {"page": 2}).content.decode()
    assert "정정 20" in second and "정정 24" in second


def test_only_the_desk_corrects_and_only_published_articles(client):
    user = make_staff("jiwoo", REPORTER)
    mine = make_reporter("한지우", handle="jiwoo", user=user)
    draft = make_article("내 초고", reporters=[mine], status="draft")
    client.force_login(user)
    url = reverse("admin:articles_article_correct", args=[draft.pk])
    assert client.post(url, {"text": "정정"}).status_code == 403

    client.force_login(make_staff("desk", DESK))
    response = client.post(url, {"text": "정정"}, follow=True)
    assert "출고된 기사만 바로잡을 수 있습니다." in response.content.decode()
    assert not draft.corrections.exists()


# Search and sharing metadata


def test_article_meta_tags_use_the_search_and_sharing_fields(client, admin_client):
    from tests.factories import image_file

    article = make_article("원래 제목", deck="부제 첫 줄\n둘째 줄", photos=1)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<title>원래 제목 - " in page
    assert '<meta name="description" content="부제 첫 줄">' in page
    assert '<meta property="og:description" content="부제 첫 줄">' in page
    assert "/media/photos/" in page.split('property="og:image"', 1)[1].split(">", 1)[0]

    data = change_form(article, seo_title="검색용 제목", seo_description="검색 설명 문장")
    data["share_image"] = image_file("share.jpg")
    response = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<title>검색용 제목 - " in page
    assert '<meta name="description" content="검색 설명 문장">' in page
    assert '<meta property="og:description" content="검색 설명 문장">' in page
    assert "/media/share/" in page.split('property="og:image"', 1)[1].split(">", 1)[0]


def test_a_share_image_that_is_not_an_image_gets_a_korean_error_and_keeps_the_input(
    admin_client,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = make_article("원래 제목")
    data = change_form(article, seo_title="검색용 제목")
    data["share_image"] = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "검색용 제목" in html
    error = response.context["adminform"].form.errors["share_image"][0]
    assert "이미지" in error and error in html


def test_a_share_image_too_large_is_refused_like_a_photo(admin_client, settings):
    from tests.factories import image_file

    settings.PHOTO_MAX_UPLOAD_BYTES = 1000
    article = make_article("원래 제목")
    data = change_form(article, seo_description="설명은 남는다")
    data["share_image"] = image_file("big.jpg")
    response = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "사진 파일이 너무 큽니다" in html and "설명은 남는다" in html


# The recover list: deleted articles are the desk's to see and bring back.


@pytest.fixture
def deleted_story(client):
    """An article saved in the admin (so it has a revision), on a 기자's byline, then deleted
    by the desk (to the 휴지통, then from it)."""
    writer = make_staff("writer", REPORTER)
    reporter = make_reporter("한지우", user=writer)
    article = make_article("비공개 인수합병 협상 결렬", reporters=[reporter])
    desk = make_staff("desk", DESK)
    client.force_login(desk)
    save(client, article)
    for _ in ("to the trash", "for good"):  # deleting puts it in the 휴지통 first
        response = client.post(
            reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    client.logout()
    version = Version.objects.get_deleted(Article).get()
    return {"writer": writer, "desk": desk, "version": version}


def test_the_desk_sees_and_recovers_deleted_articles(client, deleted_story):
    client.force_login(deleted_story["desk"])
    listing = client.get("/admin/articles/article/recover/")
    assert listing.status_code == 200
    assert "비공개 인수합병 협상 결렬" in listing.content.decode()
    form = client.get(f"/admin/articles/article/recover/{deleted_story['version'].pk}/")
    assert form.status_code == 200
    assert "비공개 인수합병 협상 결렬" in form.content.decode()


def test_a_reporter_cannot_read_deleted_titles(client, deleted_story):
    client.force_login(deleted_story["writer"])
    listing = client.get("/admin/articles/article/recover/")
    assert listing.status_code == 403
    assert "비공개 인수합병 협상 결렬" not in listing.content.decode()
    form = client.get(f"/admin/articles/article/recover/{deleted_story['version'].pk}/")
    assert form.status_code == 403
    assert "비공개 인수합병 협상 결렬" not in form.content.decode()
    sent = client.post(f"/admin/articles/article/recover/{deleted_story['version'].pk}/", {})
    assert sent.status_code == 403
    assert not Article.objects.exists()
    # Nor does the article list point there.
    assert "/recover/" not in client.get("/admin/articles/article/").content.decode()
