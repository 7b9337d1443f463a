from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Photo
from tests.factories import image_file, make_article, make_reporter, make_section
from tests.html_forms import article_form

pytestmark = pytest.mark.django_db


def test_admin_creates_an_article_with_a_photo_upload(admin_client):
    section = make_section("산업", slug="industry")
    reporter = make_reporter("문서윤", handle="seoyun_moon")

    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form(section, reporter, image_file())
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.label == "단독"
    assert list(article.reporters.all()) == [reporter]
    assert sorted(article.tags.names()) == ["배터리", "재활용"]
    photo = article.photos.get()
    assert (photo.width, photo.height) == (1200, 800)
    assert photo.caption == "재활용 공장 생산 라인을 점검하고 있다."
    assert admin_client.get(photo.image.url).status_code == 200

    page = admin_client.get(article.get_absolute_url()).content.decode()
    assert "▲재활용 공장 생산 라인을 점검하고 있다." in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("fake.jpg", b"this is not an image", content_type="image/jpeg"),
            "이미지",
        ),
        (
            SimpleUploadedFile(
                "script.jpg", b"<script>alert(1)</script>", content_type="image/jpeg"
            ),
            "이미지",
        ),
    ],
)
def test_admin_refuses_a_file_that_is_not_an_image_and_keeps_the_form(
    admin_client, upload, message
):
    section = make_section("산업", slug="industry")
    reporter = make_reporter("문서윤", handle="seoyun_moon")

    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form(section, reporter, upload)
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert not Article.objects.exists()
    # Everything else the editor typed is still in the form.
    assert "전기차 배터리 재활용 공장 첫 가동" in html
    assert "니켈·코발트 회수율 95%" in html
    assert "재활용 공장 생산 라인을 점검하고 있다." in html


def test_admin_refuses_a_photo_that_is_too_large(admin_client, settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 50_000
    section = make_section("산업", slug="industry")
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    buffer = BytesIO(image_file(size=(2000, 2000)).read())
    big = SimpleUploadedFile(
        "big.png", buffer.getvalue() + b"\0" * 60_000, content_type="image/png"
    )

    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form(section, reporter, big)
    )

    html = response.content.decode()
    assert response.status_code == 200
    photos = next(
        i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "photos"
    )
    refused = photos.formset.forms[0].errors.as_data()["image"]
    assert [error.code for error in refused] == ["photo_too_large"]
    assert "사진 파일이 너무 큽니다" in html
    assert "전기차 배터리 재활용 공장 첫 가동" in html
    assert not Article.objects.exists()


def test_admin_list_searches_filters_and_shows_counts(admin_client):
    section = make_section("금융", slug="finance")
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    make_article("기준금리 동결", section=section, reporters=[reporter])
    make_article("환율 급등", status=Article.Status.DRAFT, reporters=[make_reporter(handle="fx")])
    url = reverse("admin:articles_article_changelist")

    everything = admin_client.get(url)
    searched = admin_client.get(url, {"q": "금리"}).content.decode()
    drafts = admin_client.get(url, {"status__exact": "draft"}).content.decode()
    by_reporter = admin_client.get(
        url, {"bylines__reporter__id__exact": reporter.pk}
    ).content.decode()

    assert everything.status_code == 200
    assert "추가취재 원해요" in everything.content.decode()
    assert "기준금리 동결" in searched and "환율 급등" not in searched
    assert "환율 급등" in drafts and "기준금리 동결" not in drafts
    assert "기준금리 동결" in by_reporter and "환율 급등" not in by_reporter


def test_admin_pages_for_every_model_open(admin_client):
    article = make_article("관리 화면 점검", photos=1)
    for model in (
        "section",
        "reporter",
        "article",
        "reaction",
        "comment",
        "bannedword",
        "curatedbox",
    ):
        changelist = admin_client.get(reverse(f"admin:articles_{model}_changelist"))
        assert changelist.status_code == 200, model
    assert (
        admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).status_code
        == 200
    )


def test_admin_speaks_korean_whatever_the_browser_asks_for(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()

    assert "사이트 관리" in html or "기사 관리" in html
    assert "Site administration" not in html
    assert ">태그<" in html  # django-taggit's app and model, translated by us
    assert "Taggit" not in html


def test_favicon_is_served_from_our_own_static_files(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_sections_nest_one_level_deep(admin_client):
    top = make_section("경제", slug="economy")
    sub = make_section("금융", parent=top, slug="finance")

    response = admin_client.post(
        reverse("admin:articles_section_add"),
        {"name": "은행", "slug": "banks", "order": "0", "parent": sub.pk},
    )

    assert response.status_code == 200
    assert "상위 섹션으로는 최상위 섹션만 고를 수 있습니다." in response.content.decode()


def test_two_reporters_cannot_share_a_handle(admin_client):
    make_reporter("한지우", handle="jiwoo")

    response = admin_client.post(
        reverse("admin:articles_reporter_add"),
        {
            "name": "한지우",
            "slug": "jiwoo-2",
            "email": "JIWOO@newsroom.example",
            "bio": "",
            "desk": "",
        },
    )

    assert response.status_code == 200
    assert "같은 이메일(핸들)을 쓰는 기자가 이미 있습니다." in response.content.decode()


@pytest.mark.renditions
@pytest.mark.django_db(transaction=True)
def test_replacing_or_deleting_a_photo_removes_its_old_files(settings):
    from django.core.files.storage import default_storage

    article = make_article("사진 교체 기사", photos=1)
    photo = article.photos.get()
    old_files = [item["name"] for item in photo.renditions]
    assert len(old_files) == 3 and all(default_storage.exists(name) for name in old_files)

    photo.image = image_file("replacement.jpg", color=(200, 30, 30))
    photo.save()

    assert not any(default_storage.exists(name) for name in old_files)
    new_files = [item["name"] for item in photo.renditions]
    assert all(default_storage.exists(name) for name in new_files)

    article.delete()  # cascades to the photo
    assert not any(default_storage.exists(name) for name in new_files)


@pytest.mark.renditions
@pytest.mark.django_db(transaction=True)
def test_files_shared_by_two_photos_stay_until_the_last_one_goes():
    from django.core.files.storage import default_storage

    first = make_article("원본 기사", photos=1).photos.get()
    second_article = make_article("같은 사진을 쓰는 기사")
    second = Photo.objects.create(
        article=second_article,
        image=first.image.name,
        renditions=first.renditions,
        alt="같은 사진",
    )
    files = [item["name"] for item in first.renditions]

    first.article.delete()
    assert all(default_storage.exists(name) for name in files)

    second.delete()
    assert not any(default_storage.exists(name) for name in files)


def test_the_body_editor_speaks_korean(admin_client):
    page = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    catalog = admin_client.get("/jsi18n/").content.decode()

    assert page.index('src="/jsi18n/"') < page.index('src="/static/django_prose_editor/editor.js"')
    assert '"Edit Link": "\\ub9c1\\ud06c \\ud3b8\\uc9d1"' in catalog  # 링크 편집


@pytest.mark.parametrize("new_title", ["", "배터리 재활용 공장 첫 가동, 연 2만 톤"])
def test_saving_again_an_article_that_has_a_photo_keeps_the_photo(admin_client, new_title):
    """Regression: the stored photo went through the upload validator on every later save
    and closed-file I/O made it a 500."""
    section = make_section("산업", slug="industry")
    reporter = make_reporter("문서윤", handle="seoyun_moon")
    add = reverse("admin:articles_article_add")
    assert admin_client.post(add, article_form(section, reporter, image_file())).status_code == 302
    article = Article.objects.get()
    photo = article.photos.get()
    byline = article.bylines.get()
    data = article_form(
        section,
        reporter,
        "",
        **{
            "bylines-INITIAL_FORMS": "1",
            "bylines-0-id": byline.pk,
            "bylines-0-article": article.pk,
            "photos-INITIAL_FORMS": "1",
            "photos-0-id": photo.pk,
            "photos-0-article": article.pk,
        },
    )
    del data["photos-0-image"]  # an unchanged file input sends nothing
    data["version"] = article.updated_at.isoformat()  # as the opened form carries it
    if new_title:
        data["title"] = new_title

    response = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.title == (new_title or "전기차 배터리 재활용 공장 첫 가동")
    kept = article.photos.get()
    assert (kept.pk, kept.image.name, kept.width) == (photo.pk, photo.image.name, 1200)
    assert Photo.objects.count() == 1
