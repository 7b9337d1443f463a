"""Every kind of page, public and admin, in a real Chromium with the policies enforced: the
browser reports no Content-Security-Policy violation, and the body editor still works."""

import pytest
from reversion.models import Version

from articles.models import Correction
from tests.factories import (
    PASSWORD,
    make_article,
    make_comment,
    make_reporter,
    make_section,
    make_staff,
)

pytestmark = pytest.mark.django_db(transaction=True)

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    [event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber,
     event.sample].join(" | ")
  );
});
"""


class Watched:
    """A page that keeps the CSP errors of its console and the policy of each document."""

    def __init__(self, page):
        self.page = page
        self.console = []
        self.policies = {}
        self.permissions = {}
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message):
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "CSP" in text):
            self.console.append(text)

    def _response(self, response):
        if response.request.resource_type == "document":
            self.policies[response.url] = response.headers.get("content-security-policy", "")
            self.permissions[response.url] = response.headers.get("permissions-policy", "")

    def visit(self, url, *, status=200):
        response = self.page.goto(url)
        assert response.status == status, url
        self.page.wait_for_load_state("load")
        self.check(url)

    def check(self, label):
        assert self.policies.get(self.page.url), f"{label}: no Content-Security-Policy"
        assert "script-src 'self'" in self.policies[self.page.url]
        assert "camera=()" in self.permissions[self.page.url], f"{label}: no Permissions-Policy"
        violations = self.page.evaluate("window.__violations")
        assert violations == [], f"{label}: {violations}"
        assert self.console == [], f"{label}: {self.console}"


def story():
    section = make_section("경제", slug="economy")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    article = make_article(
        "반도체 수출, 석 달 연속 늘었다",
        section=section,
        reporters=[reporter],
        photos=2,
        tags=["반도체"],
    )
    make_comment(article, "좋은 기사입니다", nickname="독자")
    Correction.objects.create(article=article, text="둘째 문단의 수치를 바로잡습니다.")
    return article, reporter


def test_public_pages_raise_no_policy_violation(new_page, live_server, screenshot):
    article, reporter = story()
    watched = Watched(new_page())
    base = live_server.url
    for path in [
        "/",
        article.get_absolute_url(),
        "/section/economy/",
        "/tag/반도체/",
        reporter.get_absolute_url(),
        f"/news/{article.pk}/comments/",
        "/corrections/",
    ]:
        watched.visit(base + path)
    # The article page's scripts at work: a reaction pressed and a comment posted.
    watched.visit(base + article.get_absolute_url())
    watched.page.locator(".reactions button").first.click()
    watched.page.wait_for_timeout(300)
    watched.check("reaction")
    screenshot(watched.page, "csp-article")
    watched.visit(base + "/news/999999/", status=404)


def test_admin_pages_and_the_editor_raise_no_policy_violation(new_page, live_server, screenshot):
    article, _ = story()
    make_staff("desk")
    watched = Watched(new_page())
    base = live_server.url
    watched.visit(base + "/admin/login/")
    watched.page.fill("#id_username", "desk")
    watched.page.fill("#id_password", PASSWORD)
    watched.page.click("input[type=submit]")
    watched.page.wait_for_url("**/admin/")
    watched.check("index")

    for path in [
        "/admin/articles/article/",
        "/admin/articles/comment/",
        "/admin/articles/article/desk/",
        "/admin/articles/article/dashboard/",
    ]:
        watched.visit(base + path)

    # The editor runs under the policy: its menu is drawn and typing reaches the body.
    watched.visit(base + "/admin/articles/article/add/")
    watched.page.locator(".prose-menubar__option[data-name]").first.wait_for(state="attached")
    watched.page.locator(".tiptap.ProseMirror").click()
    watched.page.keyboard.type("정책 아래에서도 편집기가 움직인다.")
    watched.check("article add form")

    change = f"{base}/admin/articles/article/{article.pk}/change/"
    for words in ("첫째 고침.", "둘째 고침."):
        watched.visit(change)
        editor = watched.page.locator(".tiptap.ProseMirror")
        editor.click()
        watched.page.keyboard.press("Control+End")
        watched.page.keyboard.press("Enter")
        watched.page.keyboard.type(words)
        watched.page.keyboard.press("Control+b")
        watched.page.keyboard.type("굵게")
        watched.check("article change form")
        screenshot(watched.page, "csp-admin-editor")
        watched.page.click("input[name=_continue]")
        watched.page.wait_for_load_state("load")
        watched.check("article saved")
    article.refresh_from_db()
    assert "둘째 고침." in article.body and "<strong>굵게</strong>" in article.body

    new, old = Version.objects.get_for_object(article)[:2]
    watched.visit(
        f"{base}/admin/articles/article/{article.pk}/history/compare/?old={old.pk}&new={new.pk}"
    )
    watched.visit(f"{base}/admin/articles/article/{article.pk}/history/")
    screenshot(watched.page, "csp-admin-history")


def test_the_lockout_page_and_the_attempts_list(new_page, live_server, screenshot):
    make_staff("desk")
    watched = Watched(new_page())
    for _ in range(5):
        watched.visit(live_server.url + "/admin/login/")
        watched.page.fill("#id_username", "desk")
        watched.page.fill("#id_password", "wrong-password")
        with watched.page.expect_navigation():
            watched.page.click("input[type=submit]")
    assert "로그인이 잠시 잠겼습니다" in watched.page.locator("h1").inner_text()
    assert "15분 뒤에 다시 시도하세요" in watched.page.inner_text("body")
    watched.check("lockout page")
    screenshot(watched.page, "lockout-page")

    # The desk, signing in from elsewhere, sees the attempt in Korean. (The live server sees
    # one address for every browser, so the lock is lifted first, as the desk would.)
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(username="intruder")
    AccessAttempt.objects.update(ip_address="10.0.0.99")
    desk = Watched(new_page())
    desk.visit(live_server.url + "/admin/login/")
    desk.page.fill("#id_username", "desk")
    desk.page.fill("#id_password", PASSWORD)
    desk.page.click("input[type=submit]")
    desk.page.wait_for_url("**/admin/")
    assert "로그인 잠금" in desk.page.inner_text("#content-main")
    desk.visit(live_server.url + "/admin/axes/accessattempt/")
    assert "intruder" in desk.page.inner_text("#result_list")
    assert "로그인 실패 기록" in desk.page.inner_text("h1")
    screenshot(desk.page, "lockout-attempts-admin")
    # 잠금 해제 in one click: the list's own form (its CSRF token) posted to the pair's unlock.
    with desk.page.expect_navigation():
        desk.page.click("text=잠금 해제")
    shown = desk.page.inner_text(".messagelist")
    assert "잠금을 풀었습니다: intruder 계정, 10.0.0.99 주소." in shown
    assert not AccessAttempt.objects.exists()
