"""A story's day in a real Chromium: a 기자 writes a draft with two photos and sends it for
review, the 데스크 schedules it, it comes out at its time, and the 데스크 corrects it."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from articles.models import Article
from articles.roles import DESK, REPORTER
from tests.factories import make_reporter, make_section, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def jpeg(path, color):
    buffer = BytesIO()
    Image.new("RGB", (1200, 800), color).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_a_story_from_draft_to_schedule_to_correction(
    new_page, live_server, screenshot, tmp_path, sign_in, server_quiet
):
    make_section("경제", slug="economy")
    writer = make_staff("jiwoo", REPORTER)
    make_reporter("한지우", handle="jiwoo_han", user=writer)
    make_staff("desk", DESK)

    # The 기자 writes a draft with two photos and asks for review.
    page = sign_in(new_page(), "jiwoo")
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("#id_title", "항만 물동량, 석 달 연속 늘어")
    page.select_option("#id_section", label="경제")
    editor_box = page.locator(".tiptap.ProseMirror")
    editor_box.click()
    page.keyboard.type("부산항 물동량이 석 달 연속 늘었다.")
    page.keyboard.press("Enter")
    page.keyboard.type("수출 컨테이너가 늘어난 덕분이다.")
    page.set_input_files("#id_photos-0-image", jpeg(tmp_path / "one.jpg", (20, 60, 140)))
    page.fill("#id_photos-0-caption", "부산항 신항 부두에 컨테이너가 쌓여 있다.")
    page.fill("#id_photos-0-alt", "컨테이너가 쌓인 부두")
    page.fill("#id_photos-0-credit", "사진제공=부산항만공사")
    page.click("#photos-group .add-row a")
    page.set_input_files("#id_photos-1-image", jpeg(tmp_path / "two.jpg", (140, 60, 20)))
    page.fill("#id_photos-1-caption", "선적을 기다리는 수출 화물.")
    page.fill("#id_photos-1-alt", "수출 화물")
    page.fill("#id_photos-1-credit", "사진제공=부산항만공사")
    page.select_option("#id_status", "review")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert article.photos.count() == 2
    assert list(article.reporters.values_list("name", flat=True)) == ["한지우"]
    assert Client().get(article.get_absolute_url()).status_code == 404

    # The 데스크 schedules it for later today.
    desk = sign_in(new_page())
    desk.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    soon = timezone.localtime() + timedelta(hours=2)
    desk.select_option("#id_status", "published")
    desk.fill("#id_published_at_0", soon.strftime("%Y-%m-%d"))
    desk.fill("#id_published_at_1", soon.strftime("%H:%M:%S"))
    desk.click("input[name=_save]")
    desk.wait_for_url("**/admin/articles/article/")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and not article.is_public
    assert article.photos.count() == 2  # saving again kept both photos
    listed = desk.locator("#result_list tr", has_text="항만 물동량")
    assert "예약" in listed.inner_text()
    assert Client().get(article.get_absolute_url()).status_code == 404
    screenshot(desk, "walk-scheduled-list")

    # Its time comes (no job runs): it is public, photos and all.
    server_quiet()  # the desk's own requests (its list, its heartbeat) are answered
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    reader = new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.locator("figure.photo").count() == 2
    assert (
        "▲부산항 신항 부두에 컨테이너가 쌓여 있다." in reader.locator(".article__body").inner_text()
    )

    # The 데스크 corrects it: the note shows under the body and 수정 appears.
    desk.goto(f"{live_server.url}/admin/articles/article/{article.pk}/correct/")
    desk.fill("#id_text", "첫 문단의 ‘석 달’을 ‘넉 달’로 바로잡습니다.")
    desk.click("input[type=submit]")
    desk.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    reader.reload()
    corrections = reader.locator("#corrections")
    assert "‘넉 달’로 바로잡습니다" in corrections.inner_text()
    assert "수정" in reader.locator(".article__times").inner_text()
    reader.locator("#corrections").scroll_into_view_if_needed()
    screenshot(reader, "walk-corrected-article")
