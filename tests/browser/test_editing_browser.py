"""Two editors in two browsers: each sees the other, and leaving unsaved work asks first."""

import pytest

from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_editors_see_each_other_and_unsaved_changes_are_not_lost_by_leaving(
    new_page, live_server, screenshot, sign_in
):
    article = make_article("둘이 함께 여는 기사")
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    make_staff("kim", email="kim@example.com", first_name="김데스크")
    make_staff("lee", email="lee@example.com", first_name="이편집")
    first = sign_in(new_page(), "kim")
    second = sign_in(new_page(), "lee")

    first.goto(url)
    assert first.locator(".editing-presence").is_hidden()
    second.goto(url)
    notice = second.locator(".editing-presence")
    assert notice.is_visible()
    assert "김데스크" in notice.inner_text()
    # The first editor learns of the second (at the next heartbeat, or on reloading).
    first.reload()
    assert "이편집" in first.locator(".editing-presence").inner_text()
    screenshot(second, "admin-article-presence")

    # Leaving with unsaved changes asks first; saving does not.
    second.fill("#id_title", "아직 저장하지 않은 제목")
    asked = []
    second.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    second.close(run_before_unload=True)
    second.wait_for_timeout(500)
    assert asked == ["beforeunload"]

    first.fill("#id_title", "저장하는 제목")
    first.on("dialog", lambda dialog: (asked.append("on save"), dialog.dismiss()))
    first.click("input[name=_save]")
    first.wait_for_url("**/admin/articles/article/")
    assert "on save" not in asked
