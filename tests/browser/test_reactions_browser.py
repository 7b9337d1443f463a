"""Reactions in a real browser: fetch updates in place; without JavaScript the form still works."""

import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Reaction
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def button(page, label):
    return page.locator(".reactions__button", has=page.locator(".reactions__label", has_text=label))


def count_of(page, label):
    return button(page, label).locator(".reactions__count")


def test_press_updates_in_place_and_survives_reload(
    page, live_server, offsite_requests, screenshot, viewport
):
    article = make_article("반응 버튼을 눌러 보는 기사", photos=1)
    page.goto(live_server.url + article.get_absolute_url())
    like = button(page, "좋아요")
    like.scroll_into_view_if_needed()
    assert like.get_attribute("aria-pressed") == "false"
    assert count_of(page, "좋아요").inner_text() == "0"

    # A marker on window disappears if the press navigates instead of updating in place.
    page.evaluate("window.__stayed = true")
    like.click()
    page.wait_for_selector('.reactions__button[value="like"][aria-pressed="true"]')
    assert count_of(page, "좋아요").inner_text() == "1"
    assert page.evaluate("window.__stayed") is True
    assert page.url == live_server.url + article.get_absolute_url()

    button(page, "추가취재 원해요").click()
    page.wait_for_selector('.reactions__button[value="want_more"][aria-pressed="true"]')
    assert count_of(page, "추가취재 원해요").inner_text() == "1"
    assert page.locator(".reactions__message").inner_text() == ""
    page.locator("#reactions").scroll_into_view_if_needed()
    screenshot(page, f"reactions-{viewport}")

    page.reload()
    assert like.get_attribute("aria-pressed") == "true"
    assert count_of(page, "좋아요").inner_text() == "1"
    assert button(page, "화나요").get_attribute("aria-pressed") == "false"

    like.click()
    page.wait_for_selector('.reactions__button[value="like"][aria-pressed="false"]')
    assert count_of(page, "좋아요").inner_text() == "0"
    assert count_of(page, "추가취재 원해요").inner_text() == "1"
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["want_more"]

    # The four buttons sit side by side and are big enough to tap.
    boxes = [
        button(page, label).bounding_box()
        for label in ["좋아요", "화나요", "슬퍼요", "추가취재 원해요"]
    ]
    assert len({round(box["y"]) for box in boxes}) == 1
    assert all(box["height"] >= 44 and box["width"] >= 44 for box in boxes)
    assert offsite_requests == []


def test_counter_shows_other_readers_presses(page, new_page, live_server, offsite_requests):
    article = make_article()
    url = live_server.url + article.get_absolute_url()
    other = new_page()
    other.goto(url)
    button(other, "슬퍼요").click()
    other.wait_for_selector('.reactions__button[value="sad"][aria-pressed="true"]')

    # The shared page shows other readers' presses within REACTIONS_LIVE_SECONDS (1 s): a
    # reader arriving meanwhile may see the count of a moment ago, never one older than 2 s.
    # Staleness is measured from when the page asked, so a slow page load cannot fail it.
    pressed_at = time.monotonic()
    live_path = reverse("articles:live-reactions", args=[article.pk])
    while True:
        asked_at = time.monotonic()
        with page.expect_response(lambda response: response.url.endswith(live_path)) as live:
            page.goto(url)
        sad = live.value.json()["counts"]["sad"]
        expect(count_of(page, "슬퍼요")).to_have_text(str(sad))
        if sad == 1:
            break
        assert asked_at - pressed_at < 2
        page.wait_for_timeout(200)
    assert button(page, "슬퍼요").get_attribute("aria-pressed") == "false"
    button(page, "슬퍼요").click()
    page.wait_for_selector('.reactions__button[value="sad"][aria-pressed="true"]')
    assert count_of(page, "슬퍼요").inner_text() == "2"
    assert offsite_requests == []


def test_refused_press_shows_a_korean_message_and_the_page_keeps_working(
    page, live_server, settings, offsite_requests, screenshot, viewport
):
    settings.REACTION_RATE_PER_VISITOR = "1/m"
    article = make_article()
    page.goto(live_server.url + article.get_absolute_url())
    page.evaluate("window.__stayed = true")

    button(page, "좋아요").click()
    page.wait_for_selector('.reactions__button[value="like"][aria-pressed="true"]')
    button(page, "화나요").click()

    message = page.locator(".reactions__message")
    message.filter(has_text="너무 자주").wait_for()
    assert message.get_attribute("role") == "status"
    assert message.inner_text() == "반응을 너무 자주 눌렀습니다. 잠시 후 다시 눌러 주세요."
    assert button(page, "화나요").get_attribute("aria-pressed") == "false"
    assert count_of(page, "화나요").inner_text() == "0"
    assert page.evaluate("window.__stayed") is True
    page.locator("#reactions").scroll_into_view_if_needed()
    screenshot(page, f"reactions-refused-{viewport}")

    # Once the limit allows again, the same page works without a reload.
    settings.REACTION_RATE_PER_VISITOR = "60/m"
    button(page, "화나요").click()
    page.wait_for_selector('.reactions__button[value="angry"][aria-pressed="true"]')
    assert count_of(page, "화나요").inner_text() == "1"
    assert message.inner_text() == ""
    assert offsite_requests == []


def test_without_javascript_the_form_posts_and_comes_back(browser, live_server, screenshot):
    article = make_article()
    context = browser.new_context(java_script_enabled=False, locale="ko-KR")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(live_server.url + article.get_absolute_url())
        # The shared page shows the bar in a frame with the counts as they are now.
        frame = page.frame_locator(".reactions__frame")
        assert count_of(frame, "슬퍼요").inner_text() == "0"
        screenshot(page, "reactions-no-js-frame")

        with page.expect_navigation():
            button(frame, "슬퍼요").click()
        # The press comes back to the whole page, drawn for this reader with the bar itself.
        assert page.url == live_server.url + article.get_absolute_url() + "#reactions"
        assert page.locator(".reactions__frame").count() == 0
        assert button(page, "슬퍼요").get_attribute("aria-pressed") == "true"
        assert count_of(page, "슬퍼요").inner_text() == "1"
        screenshot(page, "reactions-no-js")

        with page.expect_navigation():
            button(page, "슬퍼요").click()
        assert button(page, "슬퍼요").get_attribute("aria-pressed") == "false"
        assert count_of(page, "슬퍼요").inner_text() == "0"
    finally:
        context.close()
