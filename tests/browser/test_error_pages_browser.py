"""Error and refusal pages in Chromium: the footer reaches the bottom of the window, with no
white band under it, however short the page (1280×900 and a phone)."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

# How far the footer's bottom edge may be from the window's, in CSS pixels (rounding).
SLACK = 1


def footer_gap(page):
    """Pixels of window under the footer: 0 when it reaches the bottom or the page scrolls."""
    return page.evaluate(
        """() => {
            const footer = document.querySelector('footer');
            const bottom = footer.getBoundingClientRect().bottom + window.scrollY;
            return Math.max(0, window.innerHeight - bottom);
        }"""
    )


@pytest.mark.parametrize(
    "address",
    ["/no-such-page/", "comment-post"],
    ids=["404", "405"],
)
def test_a_short_page_leaves_no_white_band_under_the_footer(
    page, live_server, viewport, screenshot, address
):
    article = make_article("금리 동결 기사")
    if address == "comment-post":
        address = f"/news/{article.pk}/comments/post/"
    page.goto(live_server.url + address)
    assert footer_gap(page) <= SLACK
    name = "404" if "no-such" in address else "405"
    screenshot(page, f"error-page-{name}-{viewport}", full_page=False)
