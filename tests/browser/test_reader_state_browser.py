"""A reader's own state on the shared page, in a real browser: the page is the one every reader
gets (from the cache), and the reader's script fills in what is theirs."""

import pytest

from articles.actions import comments, pageviews
from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_own_reactions_and_votes_show_pressed_on_the_shared_page_after_the_fresh_window(
    page, live_server, screenshot, viewport
):
    article = make_article("내 반응이 남아 있는 기사", photos=1)
    comment = comments.post_comment(
        article=article, body="공감을 누를 댓글", nickname="독자", password="pw-1234"
    )
    url = live_server.url + article.get_absolute_url()
    page.goto(url)
    page.locator('.reactions__button[value="sad"]').click()
    page.wait_for_selector('.reactions__button[value="sad"][aria-pressed="true"]')
    votes = page.locator(f"#comment-{comment.pk} .comment__votes")
    votes.locator('button[value="up"]').click()
    page.wait_for_selector(f'#comment-{comment.pk} button[value="up"][aria-pressed="true"]')

    # The fresh window ends: from now on the reader gets the shared page like everyone else.
    page.context.clear_cookies(name="nr_fresh")
    response = page.reload()
    assert response.headers["cache-control"].startswith("public")
    page.wait_for_selector('.reactions__button[value="sad"][aria-pressed="true"]')
    page.wait_for_selector(f'#comment-{comment.pk} button[value="up"][aria-pressed="true"]')
    assert page.locator('.reactions__button[value="like"]').get_attribute("aria-pressed") == "false"
    page.locator("#reactions").scroll_into_view_if_needed()
    screenshot(page, f"reader-state-{viewport}")


def test_a_new_reader_sends_no_state_request_and_gets_no_cookie(page, live_server):
    article = make_article("처음 온 독자")
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert not [url for url in asked if url.endswith("/me/")]
    assert page.context.cookies() == []


def test_the_page_counts_one_view_per_reader_per_hour(page, live_server, new_page, settings):
    settings.VIEW_FLUSH_EVERY = 1  # write every view at once, to read it back here
    article = make_article("조회수를 세는 기사")
    url = live_server.url + article.get_absolute_url()
    with page.expect_request(lambda request: request.url.endswith("/view/")):
        page.goto(url)
    page.wait_for_load_state("networkidle")
    page.reload()
    page.wait_for_load_state("networkidle")
    other = new_page()
    with other.expect_request(lambda request: request.url.endswith("/view/")):
        other.goto(url)
    other.wait_for_load_state("networkidle")
    pageviews.flush()
    article.refresh_from_db()
    assert article.view_count == 2  # two readers; the reload is the same reader within the hour
    assert Article.objects.get(pk=article.pk).daily_views.get().views == 2
