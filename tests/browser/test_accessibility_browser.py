"""Accessibility in a real Chromium: axe-core finds nothing on any public page kind, at a
desktop and a narrow phone width, and the keyboard focus ring stands out from the page.

axe-core is the copy shipped inside the PyPI package axe-playwright-python: nothing is fetched
while the test runs.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.page_kinds import page_kinds

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [1280, 360]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def sized_page(request, browser, live_server, offsite_requests):
    from urllib.parse import urlsplit

    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="ko-KR")
    server_host = urlsplit(live_server.url).netloc

    def watch(sent):
        parts = urlsplit(sent.url)
        if parts.scheme in ("http", "https") and parts.netloc != server_host:
            offsite_requests.append(sent.url)

    context.on("request", watch)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.width = width
    yield page
    context.close()


def violations(page):
    """axe-core's violations on the page as it is now: {rule: [(impact, selector, summary)]}."""
    found = Axe().run(page).response["violations"]
    return {
        rule["id"]: [
            (rule["impact"], " ".join(map(str, node["target"])), node.get("failureSummary", ""))
            for node in rule["nodes"]
        ]
        for rule in found
    }


def test_axe_finds_no_violation_on_any_page_kind(
    sized_page, live_server, screenshot, offsite_requests
):
    found = {}
    for name, path in page_kinds():
        response = sized_page.goto(live_server.url + path)
        assert response.status == (404 if name == "not-found" else 200), name
        sized_page.wait_for_load_state("load")
        problems = violations(sized_page)
        if problems:
            found[name] = problems
        screenshot(sized_page, f"a11y-{name}-{sized_page.width}")
    assert found == {}
    assert offsite_requests == []


def contrast(first, second):
    """WCAG contrast ratio of two "rgb(r, g, b)" colours."""

    def luminance(css):
        channels = [int(part) / 255 for part in css[css.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_focus_ring_and_the_byline_stand_out(sized_page, live_server, screenshot):
    kinds = dict(page_kinds())
    sized_page.goto(live_server.url + kinds["article"])
    sized_page.keyboard.press("Tab")  # the skip link, then into the page
    sized_page.keyboard.press("Tab")
    ring = sized_page.evaluate(
        """() => {
          const focused = document.activeElement;
          const style = getComputedStyle(focused);
          let behind = focused.parentElement;
          while (behind && getComputedStyle(behind).backgroundColor === "rgba(0, 0, 0, 0)") {
            behind = behind.parentElement;
          }
          return {
            tag: focused.tagName,
            style: style.outlineStyle,
            width: parseFloat(style.outlineWidth),
            colour: style.outlineColor,
            behind: behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)",
          };
        }"""
    )
    screenshot(sized_page, f"a11y-focus-{sized_page.width}")
    assert ring["tag"] == "A" and ring["style"] == "solid" and ring["width"] >= 2, ring
    assert contrast(ring["colour"], ring["behind"]) >= 3, ring
    assert contrast(ring["colour"], "rgb(255, 255, 255)") >= 3, ring
    # The dot between two reporters is text: 4.5:1 (axe-core leaves a lone "·" unchecked).
    separator = sized_page.locator(".byline__sep").first.evaluate(
        "(dot) => getComputedStyle(dot).color"
    )
    assert contrast(separator, "rgb(255, 255, 255)") >= 4.5, separator
