"""Issue 18's reader parts in a real Chromium: the video box keeps its size when play is
pressed, and the new pages as a reader sees them."""

import time

import pytest

from articles.models import Article, Photo, Publisher
from tests.factories import image_file, make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_video_box_keeps_its_height_when_play_is_pressed(
    page, live_server, viewport, screenshot
):
    # The player's host is never reached from a test: its frame stays empty.
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.abort())
    article = make_article(
        "영상으로 보는 공장",
        section=make_section("산업", slug="industry"),
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        photos=1,
    )
    # A portrait photo as the poster: the box is the player's shape all the same.
    article.photos.update(order=1, placement=2)
    Photo.objects.create(
        article=article, image=image_file("tall.jpg", size=(600, 900)), alt="세로 사진", order=0
    )
    page.goto(live_server.url + article.get_absolute_url())
    video = page.locator("figure.video")
    poster = page.locator(".video__poster")
    before = poster.bounding_box()
    figure_before = video.bounding_box()
    # The poster keeps the player's proportions (16:9), whatever the photo's.
    assert before["height"] == pytest.approx(before["width"] * 9 / 16, abs=1.5)
    # One picture: the poster is the first photo, not repeated below it.
    assert page.locator(".article__body img").count() == 2
    screenshot(page, f"portal-video-{viewport}", full_page=False)
    poster.click()
    frame = page.locator("iframe.video__frame")
    frame.wait_for()
    after = frame.bounding_box()
    assert after["height"] == pytest.approx(before["height"], abs=1.5)
    assert video.bounding_box()["height"] == pytest.approx(figure_before["height"], abs=1.5)


def test_the_view_count_shown_is_the_count_now_not_as_drawn(
    page, live_server, viewport, server_quiet
):
    Publisher.objects.create(show_view_count=True)
    article = make_article("조회수 기사", section=make_section("산업", slug="industry"))
    Article.objects.filter(pk=article.pk).update(view_count=1500)
    url = live_server.url + article.get_absolute_url()
    page.goto(url)
    count = page.locator("[data-view-count]")
    assert count.inner_text() == "1,500"
    # Views purge nothing: the kept page says 1,500; its script asks for the count now.
    server_quiet()  # the page's own requests (its view, its counts) are answered
    Article.objects.filter(pk=article.pk).update(view_count=2500)
    time.sleep(1.2)  # the live counts are kept a second
    page.goto(url)
    page.wait_for_function(
        "() => document.querySelector('[data-view-count]').textContent === '2,500'"
    )
