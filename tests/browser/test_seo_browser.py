"""The head's machine-readable parts in a real browser: the JSON-LD is data that the page's
Content-Security-Policy has no reason to block and that no headline can turn into a script."""

import pytest

from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE = "</script><script>window.__pwned = 1</script> 반도체 <수출> & 환율"


def test_json_ld_is_read_as_data_and_never_runs_and_nothing_is_fetched_from_site_url(
    page, live_server, settings, offsite_requests, screenshot, viewport
):
    settings.SITE_URL = "https://news.example"  # another origin than the live server's
    article = make_article(
        HOSTILE,
        section=make_section("산업", slug="industry"),
        reporters=[make_reporter("한지우", handle="jiwoo_han")],
        photos=1,
        deck="석 달 연속 늘었다",
    )
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(live_server.url + article.get_absolute_url())
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")

    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == HOSTILE
    assert data["author"][0]["url"] == "https://news.example/reporter/jiwoo-han/"
    assert page.evaluate("window.__pwned") is None
    assert page.locator("h1").inner_text().strip().endswith(HOSTILE.strip())
    # The canonical, feed and Open Graph addresses are under SITE_URL; the browser fetches
    # none of them, and nothing was refused by the policy.
    assert offsite_requests == []
    assert problems == []
    screenshot(page, f"seo-article-{viewport}")
