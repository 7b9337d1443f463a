"""카카오톡 share in Chromium, without a Kakao key: the phone's share sheet where the browser
has one, no button where it has none; never KakaoStory, never a request to Kakao."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

# A share sheet as a phone's browser offers it (desktop Chromium on Linux has none): records
# what the page asked to share.
SHARE_SHEET = "navigator.share = (data) => { window.sharedWith = data; return Promise.resolve(); };"


def test_kakaotalk_opens_the_share_sheet_or_is_left_out(page, live_server, offsite_requests):
    article = make_article("공유 시트로 보낼 기사")
    url = live_server.url + article.get_absolute_url()

    page.goto(url)
    kakao = page.locator('[data-action="share-kakao"]')
    assert page.evaluate("typeof navigator.share") == "undefined"
    assert not kakao.is_visible()  # nothing it could open
    assert page.get_by_role("button", name="링크 복사").is_visible()

    page.add_init_script(SHARE_SHEET)
    page.goto(url)
    kakao.click()
    shared = page.evaluate("window.sharedWith")
    assert shared["url"].endswith(article.get_absolute_url())
    assert shared["title"] == "공유 시트로 보낼 기사"
    assert offsite_requests == []
