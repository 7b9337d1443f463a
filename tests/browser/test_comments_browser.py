"""Comments in a real Chromium: the counter, Korean IME input, posting in place, and the rest."""

import pytest
from playwright.sync_api import expect

from articles.models import Comment
from articles.text import normalize_newlines, visible_length
from tests.factories import make_article
from tests.hard_strings import FAMILY, HARD_STRINGS

pytestmark = pytest.mark.django_db(transaction=True)

XSS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', '"><svg onload=alert(1)>']


@pytest.fixture(autouse=True)
def _quick(settings):
    """No minimum fill time: a test types faster than a person."""
    settings.COMMENT_MIN_FILL_SECONDS = 0


@pytest.fixture
def article():
    return make_article(
        "반도체 수출, 석 달 연속 늘었다",
        body="".join(f"<p>{n}번째 문단입니다.</p>" for n in range(1, 4)),
    )


def open_article(page, live_server, article):
    page.goto(live_server.url + article.get_absolute_url() + "#comments")
    expect(page.locator("[data-counter]")).to_have_text("0")


def write(page, body, nickname="경제독자", password="s3cret"):
    page.fill("#comment-nickname", nickname)
    page.fill("#comment-password", password)
    page.fill("#comment-body", body)


def test_the_counter_counts_every_hard_string_as_the_server_does(
    page, live_server, article, offsite_requests
):
    open_article(page, live_server, article)
    counter = page.locator("[data-counter]")
    box = page.locator("[data-counter-box]")

    seen, expected = [], []
    for label, text, _count in HARD_STRINGS:
        page.fill("#comment-body", text)
        # What the browser holds is what it will send (a textarea keeps line breaks as LF).
        value = page.input_value("#comment-body")
        assert value == normalize_newlines(text), label
        seen.append((label, int(counter.inner_text())))
        expected.append((label, visible_length(value)))
        assert ("is-over" in box.get_attribute("class")) == (visible_length(value) > 300), label
    assert seen == expected
    assert offsite_requests == []


def test_the_counter_follows_korean_ime_composition(new_page, live_server, article):
    page = new_page()
    open_article(page, live_server, article)
    counter = page.locator("[data-counter]")
    page.evaluate(
        """() => {
          const body = document.querySelector("#comment-body");
          window.compositionLog = [];
          for (const type of ["compositionstart", "compositionupdate", "compositionend"]) {
            body.addEventListener(type, (event) => window.compositionLog.push(type));
          }
        }"""
    )
    page.focus("#comment-body")
    ime = page.context.new_cdp_session(page)

    def compose(text):
        ime.send(
            "Input.imeSetComposition",
            {"text": text, "selectionStart": len(text), "selectionEnd": len(text)},
        )

    # 한: ㅎ → 하 → 한, the counter shows the syllable being composed.
    for step in ["ㅎ", "하", "한"]:
        compose(step)
        expect(counter).to_have_text("1")
    ime.send("Input.insertText", {"text": "한"})
    expect(counter).to_have_text("1")
    # 글, then a third syllable still in composition: 한글ㅇ → 한글이 → 한글입.
    for step in ["ㄱ", "그", "글"]:
        compose(step)
        expect(counter).to_have_text("2")
    ime.send("Input.insertText", {"text": "글"})
    page.evaluate("window.compositionLog = []")
    for step in ["ㅇ", "이", "입"]:
        compose(step)
        expect(counter).to_have_text("3")
    assert page.input_value("#comment-body") == "한글입"
    # The counter moved while the syllable was still being composed: no compositionend yet.
    assert (
        page.evaluate("window.compositionLog") == ["compositionstart"] + ["compositionupdate"] * 3
    )
    ime.send("Input.insertText", {"text": "입"})
    expect(counter).to_have_text("3")
    assert page.evaluate("window.compositionLog")[-1] == "compositionend"


def test_the_counter_follows_composition_events_alone(new_page, live_server, article):
    """Browsers that send no input event while composing still move the counter."""
    page = new_page()
    open_article(page, live_server, article)
    counts = page.evaluate(
        """async () => {
          const body = document.querySelector("#comment-body");
          const counter = document.querySelector("[data-counter]");
          const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
          const seen = [];
          body.dispatchEvent(new CompositionEvent("compositionstart", { data: "" }));
          for (const text of ["ㄷ", "대", "댓", "댓ㄱ", "댓그", "댓글"]) {
            body.value = text;  // no input event
            body.dispatchEvent(new CompositionEvent("compositionupdate", { data: text }));
            await tick();
            seen.push(counter.textContent);
          }
          body.value = "댓글👍🏽";
          body.dispatchEvent(new CompositionEvent("compositionend", { data: "👍🏽" }));
          await tick();
          seen.push(counter.textContent);
          return seen;
        }"""
    )
    assert counts == ["1", "1", "1", "2", "2", "2", "3"]


def test_posting_replying_and_voting_in_place(
    page, live_server, article, viewport, offsite_requests, screenshot
):
    open_article(page, live_server, article)
    address = page.url

    text = "수출이 늘었다니 반갑습니다 👍🏽\n다음 달도 지켜보겠습니다."
    write(page, text)
    expect(page.locator("[data-counter]")).to_have_text("31")
    assert visible_length(text) == 31
    page.click(".comment-form__submit")

    item = page.locator(".comments__list > .comment").first
    expect(item).to_contain_text("수출이 늘었다니 반갑습니다 👍🏽")
    comment = Comment.objects.get()
    assert page.url == address  # no page load: posted in place
    expect(item).to_have_attribute("id", f"comment-{comment.pk}")
    expect(item.locator(".comment__body br")).to_have_count(1)  # the line break is kept
    expect(page.locator("#comments-title")).to_have_text("댓글 1")
    expect(page.locator("#comment-body")).to_have_value("")
    expect(page.locator("[data-counter]")).to_have_text("0")
    expect(page.locator("[data-comment-status]")).to_have_text("댓글을 등록했습니다.")

    # 답글: the form moves under the comment, and the reply lands in its thread.
    item.locator("[data-reply-to]").click()
    expect(item.locator("[data-reply-slot] #comment-form")).to_be_visible()
    expect(page.locator("[data-replying]")).to_contain_text("경제독자님의 댓글에 답글을 씁니다.")
    page.fill("#comment-body", "저도 같은 생각입니다.")
    page.click(".comment-form__submit")
    reply = item.locator(".comment--reply")
    expect(reply).to_contain_text("저도 같은 생각입니다.")
    expect(page.locator("#comments-title")).to_have_text("댓글 2")
    assert Comment.objects.get(body="저도 같은 생각입니다.").parent_id == comment.pk
    # The form is back at the top once the reply is posted.
    expect(page.locator("#comments > #comment-form")).to_be_visible()

    # 공감, then 비공감: one vote per reader, and it moves.
    up = item.locator(':scope > .comment__actions button[value="up"]')
    down = item.locator(':scope > .comment__actions button[value="down"]')
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(up).to_contain_text("공감 1")
    down.click()
    expect(item.locator(":scope > [data-comment-message]")).to_have_text("비공감을 눌렀습니다.")
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_attribute("aria-pressed", "false")
    expect(up).to_contain_text("공감 0")
    comment.refresh_from_db()
    assert (comment.like_count, comment.dislike_count) == (0, 1)
    assert page.url == address

    # A refused form in view for the screenshot: the text stays, the counter is red.
    write(page, "가" * 301, nickname="", password="1234")
    page.click(".comment-form__submit")
    expect(page.locator('[data-error-for="nickname"]')).to_have_text("닉네임을 입력해 주세요.")
    expect(page.locator('[data-error-for="body"]')).to_have_text(
        "댓글은 300자까지 쓸 수 있습니다. 지금 301자입니다."
    )
    # The delete form opened on the narrowest spot, a reply, to see it fits.
    reply.locator(".comment__delete summary").click()
    expect(reply.locator('.comment__delete input[name="password"]')).to_be_visible()
    page.locator("#comments").scroll_into_view_if_needed()
    path = screenshot(page, f"comments-{viewport}")
    assert path.exists()
    # Nothing in the comment box runs past the phone's screen.
    width = page.evaluate("document.documentElement.clientWidth")
    overflow = page.evaluate(
        """(width) => [...document.querySelectorAll('#comments *')]
              .filter((el) => el.getBoundingClientRect().right > width + 1)
              .filter((el) => !el.closest('.comment-form__trap'))
              .filter((el) => el.checkVisibility())
              .map((el) => el.className || el.tagName)""",
        width,
    )
    assert overflow == []
    assert offsite_requests == []


def test_more_than_300_is_refused_and_the_text_kept(new_page, live_server, article):
    page = new_page("phone")
    open_article(page, live_server, article)
    text = FAMILY * 301

    write(page, text)
    counter_box = page.locator("[data-counter-box]")
    expect(page.locator("[data-counter]")).to_have_text("301")
    expect(counter_box).to_have_class("comment-form__counter is-over")
    assert counter_box.evaluate("el => getComputedStyle(el).color") == "rgb(214, 38, 31)"
    page.click(".comment-form__submit")

    expect(page.locator('[data-error-for="body"]')).to_have_text(
        "댓글은 300자까지 쓸 수 있습니다. 지금 301자입니다."
    )
    expect(page.locator("#comment-body")).to_have_attribute("aria-invalid", "true")
    assert page.input_value("#comment-body") == text
    assert page.input_value("#comment-nickname") == "경제독자"
    assert page.input_value("#comment-password") == "s3cret"
    assert not Comment.objects.exists()

    # Trimmed to 300, the same text goes through.
    page.fill("#comment-body", FAMILY * 300)
    page.click(".comment-form__submit")
    expect(page.locator(".comments__list > .comment")).to_have_count(1)
    assert Comment.objects.get().body == FAMILY * 300


def test_script_in_a_comment_stays_text(new_page, live_server, article, offsite_requests):
    page = new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_article(page, live_server, article)

    for payload in XSS:
        write(page, payload, nickname="<b>닉</b>")
        page.click(".comment-form__submit")
        expect(page.locator(".comments__list > .comment").first).to_contain_text(payload)
    page.reload()
    bodies = page.locator(".comment__body").all_inner_texts()
    assert sorted(bodies) == sorted(XSS)
    expect(page.locator(".comment__nickname").first).to_have_text("<b>닉</b>")
    assert page.locator(".comments__list img, .comments__list svg, .comments__list b").count() == 0
    assert dialogs == []
    assert offsite_requests == []


def test_more_loads_the_next_page_in_place(new_page, live_server, article, settings):
    settings.COMMENT_PAGE_SIZE = 3
    for n in range(7):
        Comment.objects.create(article=article, nickname=f"독자{n}", body=f"댓글 {n}번")
    page = new_page()
    page.goto(live_server.url + article.get_absolute_url())
    items = page.locator(".comments__list > .comment")
    expect(items).to_have_count(3)

    page.click("[data-more]")
    expect(items).to_have_count(6)
    page.click("[data-more]")
    expect(items).to_have_count(7)
    expect(page.locator("[data-more]")).to_have_count(0)
    assert items.all_inner_texts()[-1].count("댓글 0번") == 1
    assert page.url == live_server.url + article.get_absolute_url()


def test_report_folds_and_the_reader_unfolds(new_page, live_server, article, settings):
    settings.COMMENT_REPORT_THRESHOLD = 1
    Comment.objects.create(article=article, nickname="독자", body="문제가 된 댓글")
    page = new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + article.get_absolute_url())

    page.click(".comment__report button")
    fold = page.locator(".comment__fold")
    expect(fold.locator("summary")).to_contain_text("신고로 가려진 댓글입니다.")
    expect(page.locator(".comment__report button")).to_have_text("신고함")
    expect(fold.locator(".comment__body")).to_be_hidden()
    fold.locator("summary").click()
    expect(fold.locator(".comment__body")).to_be_visible()
    expect(fold.locator(".comment__body")).to_have_text("문제가 된 댓글")

    # Another reader, after a reload, gets it folded from the server.
    other = new_page("phone")
    other.goto(live_server.url + article.get_absolute_url())
    expect(other.locator(".comment__fold summary")).to_contain_text("신고로 가려진 댓글입니다.")


def test_deleting_needs_the_password(new_page, live_server, article):
    page = new_page()
    open_article(page, live_server, article)
    write(page, "곧 지울 댓글", password="pass-1")
    page.click(".comment-form__submit")
    item = page.locator(".comments__list > .comment").first
    expect(item).to_contain_text("곧 지울 댓글")

    item.locator(".comment__delete summary").click()
    item.locator('.comment__delete input[name="password"]').fill("wrong")
    item.locator(".comment__delete button").click()
    expect(item.locator(":scope > [data-comment-message]")).to_have_text(
        "비밀번호가 맞지 않습니다. 댓글은 삭제되지 않았습니다."
    )
    assert Comment.objects.get().status == Comment.Status.VISIBLE

    item.locator('.comment__delete input[name="password"]').fill("pass-1")
    item.locator(".comment__delete button").click()
    expect(page.locator(".comments__list > .comment")).to_have_count(0)
    expect(page.locator("#comments-title")).to_have_text("댓글 0")
    assert Comment.objects.get().status == Comment.Status.DELETED


def test_everything_works_without_javascript(browser, live_server, article):
    from urllib.parse import urlsplit

    context = browser.new_context(java_script_enabled=False, locale="ko-KR")
    offsite = []
    host = urlsplit(live_server.url).netloc
    context.on(
        "request",
        lambda request: urlsplit(request.url).netloc == host or offsite.append(request.url),
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + article.get_absolute_url())
        # A refusal renders the page again, with the reason and the text kept.
        write(page, "자바스크립트 없이\n두 줄로 씁니다.", password="")
        page.click(".comment-form__submit")
        expect(page.locator('[data-error-for="password"]')).to_have_text(
            "삭제할 때 쓸 비밀번호를 입력해 주세요."
        )
        assert page.input_value("#comment-body") == "자바스크립트 없이\n두 줄로 씁니다."
        assert page.input_value("#comment-nickname") == "경제독자"

        page.fill("#comment-password", "pass-2")
        page.click(".comment-form__submit")
        comment = Comment.objects.get()
        assert comment.body == "자바스크립트 없이\n두 줄로 씁니다."
        assert page.url.endswith(f"{article.get_absolute_url()}#comment-{comment.pk}")
        expect(page.locator("[data-comment-status]")).to_have_text("댓글을 등록했습니다.")
        item = page.locator(f"#comment-{comment.pk}")
        expect(item.locator(".comment__body br")).to_have_count(1)

        item.locator('button[value="up"]').click()
        expect(page.locator(f"#comment-{comment.pk} button[value='up']")).to_contain_text("공감 1")

        page.locator(f"#comment-{comment.pk} .comment__delete summary").click()
        page.fill(f"#delete-password-{comment.pk}", "pass-2")
        page.locator(f"#comment-{comment.pk} .comment__delete button").click()
        expect(page.locator("#comments-title")).to_have_text("댓글 0")
        expect(page.locator("[data-comment-status]")).to_have_text("댓글을 삭제했습니다.")
        assert offsite == []
    finally:
        context.close()
