"""The desk's screens: 데스크 홈, the 예약 and 내 기사 filters, and the dashboard's numbers."""

import html as html_lib
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.models import Article, Comment, DailyViews, Reaction
from tests.factories import make_article, make_reporter, make_section, make_staff
from tests.html_forms import article_form

SEOUL = ZoneInfo("Asia/Seoul")


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_scheduled_filter_lists_only_future_stories_and_the_list_says_예약(admin_client):
    live = make_article("지금 공개된 기사")
    embargo = make_article("엠바고 걸린 기사", published_at=timezone.now() + timedelta(hours=3))
    make_article("아직 초고인 기사", status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_changelist")

    scheduled = admin_client.get(url, {"schedule": "scheduled"}).content.decode()
    assert embargo.title in scheduled
    assert live.title not in scheduled and "아직 초고인 기사" not in scheduled

    everything = admin_client.get(url).content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*엠바고 걸린 기사.*?</tr>", everything, re.S).group(0)
    assert '<td class="field-status_display">예약</td>' in row
    live_row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*지금 공개된 기사.*?</tr>", everything, re.S)
    assert '<td class="field-status_display">출고</td>' in live_row.group(0)


@pytest.mark.django_db
def test_mine_filter_shows_the_articles_on_my_byline(client):
    desk = make_staff("desk", roles.DESK)
    me = make_reporter("나기자", user=desk)
    other = make_reporter("남기자")
    make_article("내가 쓴 기사", reporters=[me])
    make_article("남이 쓴 기사", reporters=[other])
    client.force_login(desk)

    page = client.get(reverse("admin:articles_article_changelist"), {"mine": "yes"})
    assert page.status_code == 200
    assert "내가 쓴 기사" in page.content.decode()
    assert "남이 쓴 기사" not in page.content.decode()


@pytest.mark.django_db
def test_desk_home_lists_review_scheduled_today_and_stale_drafts(client):
    desk = make_staff("desk", roles.DESK)
    client.force_login(desk)
    now = timezone.now()
    make_article("검토를 기다리는 기사", status=Article.Status.REVIEW)
    make_article("저녁 6시 예약 기사", published_at=now + timedelta(hours=5))
    make_article("오늘 나간 기사", published_at=now - timedelta(minutes=5))
    stale = make_article("묵은 초고", status=Article.Status.DRAFT)
    fresh = make_article("어제 쓴 초고", status=Article.Status.DRAFT)
    Article.objects.filter(pk=stale.pk).update(updated_at=now - timedelta(days=10))
    Article.objects.filter(pk=fresh.pk).update(updated_at=now - timedelta(days=1))

    home = client.get(reverse("admin:articles_article_desk"))
    assert home.status_code == 200
    sections = home.content.decode().split('<section class="module desk__list"')[1:]
    review, scheduled, today, drafts = (_text(section) for section in sections)
    assert "검토를 기다리는 기사" in review and "1건" in review
    assert "저녁 6시 예약 기사" in scheduled and "출고 예정" in scheduled
    assert "오늘 나간 기사" in today and "저녁 6시 예약 기사" not in today
    assert "묵은 초고" in drafts and "어제 쓴 초고" not in drafts

    # Each list links to the changelist filtered the same way, and the link works.
    changelist = reverse("admin:articles_article_changelist")
    for section, expected, absent in [
        (sections[1], "저녁 6시 예약 기사", "오늘 나간 기사"),
        (sections[2], "오늘 나간 기사", "저녁 6시 예약 기사"),
        (sections[3], "묵은 초고", "어제 쓴 초고"),
    ]:
        link = re.search(r'class="desk__more"><a href="([^"]+)"', section).group(1)
        assert link.startswith(changelist)
        listed = client.get(link.replace("&amp;", "&"))
        assert listed.status_code == 200
        assert expected in listed.content.decode()
        assert absent not in listed.content.decode()

    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:articles_article_desk") in index
    assert reverse("admin:articles_article_dashboard") in index


def _at(day, hour=12):
    return datetime.combine(day, time(hour), tzinfo=SEOUL)


@pytest.fixture
def dashboard_rows():
    """Known rows on known days, including one just after midnight in Seoul (UTC's yesterday)."""
    today = timezone.localdate()
    economy = make_section("경제")
    markets = make_section("증권", parent=economy)
    society = make_section("사회")
    first = make_article("금리 동결에 증시 반등", section=markets)
    second = make_article("전세 사기 피해 늘어", section=society)
    DailyViews.objects.create(article=first, day=today, views=700)
    DailyViews.objects.create(article=second, day=today, views=300)
    DailyViews.objects.create(article=first, day=today - timedelta(days=2), views=45)
    DailyViews.objects.create(article=second, day=today - timedelta(days=40), views=9999)
    for index, kind in enumerate(["like", "like", "angry", "want_more", "want_more", "sad"]):
        Reaction.objects.create(
            article=first,
            kind=kind,
            visitor=f"v{index}",
            created_at=_at(today, 0) + timedelta(minutes=5),
        )
    Reaction.objects.create(
        article=second, kind="want_more", visitor="old", created_at=_at(today - timedelta(days=3))
    )
    for status, count in [("visible", 3), ("pending", 2), ("hidden", 1), ("deleted", 1)]:
        for number in range(count):
            Comment.objects.create(
                article=first,
                nickname="독자",
                body=f"{status}{number}",
                status=status,
                created_at=_at(today - timedelta(days=1)),
            )
    return today


def _row(html, table_caption, day):
    table = html.split(f"<caption>{table_caption}</caption>")[1].split("</table>")[0]
    row = re.search(rf'<time datetime="{day:%Y-%m-%d}">.*?</tr>', table, re.S).group(0)
    return [int(cell) for cell in re.findall(r"<td>(\d+)</td>", row)]


@pytest.mark.django_db
def test_dashboard_numbers_match_the_rows(admin_client, dashboard_rows):
    today = dashboard_rows
    page = admin_client.get(reverse("admin:articles_article_dashboard"))
    assert page.status_code == 200
    html = page.content.decode()

    assert _row(html, "일별 페이지뷰 (최근 30일)", today) == [1000]
    assert _row(html, "일별 페이지뷰 (최근 30일)", today - timedelta(days=2)) == [45]
    # 좋아요, 화나요, 슬퍼요, 추가취재 원해요, 합계: the 00:05 reactions count for today in Seoul.
    assert _row(html, "일별 반응 (종류별)", today) == [2, 1, 1, 2, 6]
    assert _row(html, "일별 반응 (종류별)", today - timedelta(days=3)) == [0, 0, 0, 1, 1]
    # 게시, 검토 대기, 숨김, 삭제, 합계
    assert _row(html, "일별 댓글과 처리 결과", today - timedelta(days=1)) == [3, 2, 1, 1, 7]
    assert _row(html, "일별 ‘추가취재 원해요’", today) == [2]
    # 40 days ago is outside the window.
    assert "9999" not in html and "9,999" not in html

    most_read = _text(html.split('id="most-read"')[1].split("</table>")[0])
    assert most_read.index("금리 동결에 증시 반등") < most_read.index("전세 사기 피해 늘어")
    assert "700" in most_read and "300" in most_read
    # 증권 is under 경제: its views count for 경제. 745 of 1,045 views.
    shares = _text(html.split('id="section-share"')[1].split("</table>")[0])
    assert "경제 71.3% 745" in shares and "사회 28.7% 300" in shares
    assert "<svg" in html and "<script" not in html.split('id="content-main"')[1]


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_the_data(
    admin_client, dashboard_rows, django_assert_max_num_queries
):
    admin_client.get(reverse("admin:articles_article_dashboard"))  # warm the session
    # The charts, both rankings, the section shares (and the section tree when it changed)
    # and today's three numbers so far.
    with django_assert_max_num_queries(13):
        admin_client.get(reverse("admin:articles_article_dashboard"))
    first = Article.objects.get(title="금리 동결에 증시 반등")
    for index in range(40):
        article = make_article(f"추가 기사 {index}")
        DailyViews.objects.create(article=article, day=dashboard_rows, views=index)
        Reaction.objects.create(article=first, kind="like", visitor=f"more{index}")
        Comment.objects.create(article=article, nickname="독자", body="또")
    with django_assert_max_num_queries(13):
        page = admin_client.get(reverse("admin:articles_article_dashboard"))
    assert page.status_code == 200


@pytest.mark.django_db
def test_dashboard_is_for_the_desk_only(client):
    client.force_login(make_staff("reporter", roles.REPORTER))
    assert client.get(reverse("admin:articles_article_dashboard")).status_code == 403
    client.force_login(make_staff("desk", roles.DESK))
    assert client.get(reverse("admin:articles_article_dashboard")).status_code == 200


def _box_form(box, slots, **extra):
    data = {
        "name": box.name,
        "slug": box.slug,
        "slots-TOTAL_FORMS": str(len(slots)),
        "slots-INITIAL_FORMS": str(sum(1 for slot in slots if slot.get("id"))),
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
    }
    for index, slot in enumerate(slots):
        for key, value in slot.items():
            data[f"slots-{index}-{key}"] = value
        data[f"slots-{index}-box"] = str(box.pk)
    data.update(extra)
    return data


@pytest.fixture
def top_box():
    from articles.models import CuratedBox

    return CuratedBox.objects.get_or_create(
        slug=CuratedBox.TOP_NEWS, defaults={"name": "주요뉴스"}
    )[0]


@pytest.mark.django_db
def test_a_slot_shows_only_within_its_time_and_the_box_tops_up(top_box):
    from unittest import mock

    from articles.models import CuratedSlot
    from articles.queries import boxes

    now = timezone.now()
    pinned = make_article("18시까지 주요뉴스", published_at=now - timedelta(days=3))
    later = make_article("내일 아침에 올릴 기사", published_at=now - timedelta(days=3))
    newest = make_article("방금 나온 기사", published_at=now - timedelta(minutes=1))
    CuratedSlot.objects.create(
        box=top_box, article=pinned, order=1, ends_at=now + timedelta(hours=2)
    )
    CuratedSlot.objects.create(
        box=top_box, article=later, order=2, starts_at=now + timedelta(hours=12)
    )

    fresh = [
        make_article(f"새 기사 {number}", published_at=now - timedelta(minutes=10 + number))
        for number in range(5)
    ]

    shown = boxes.curated([top_box.slug])[top_box.slug]
    assert shown == [pinned, newest, *fresh[:3]]  # the pin first, topped up with the newest
    assert later not in shown

    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=3)):
        assert boxes.curated([top_box.slug])[top_box.slug] == [newest, *fresh[:4]]
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=13)):
        assert boxes.curated([top_box.slug])[top_box.slug] == [later, newest, *fresh[:3]]


@pytest.mark.django_db
def test_box_admin_offers_and_accepts_only_public_or_scheduled_articles(admin_client, top_box):
    live = make_article("공개된 속보 기사")
    scheduled = make_article("예약된 속보 기사", published_at=timezone.now() + timedelta(hours=2))
    for status in ["draft", "review", "archived"]:
        make_article(f"{status} 속보 기사", status=status, published_at=None)

    found = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "속보",
            "app_label": "articles",
            "model_name": "curatedslot",
            "field_name": "article",
        },
    ).json()
    titles = {item["text"] for item in found["results"]}
    assert titles == {live.title, scheduled.title}

    draft = Article.objects.get(title="draft 속보 기사")
    url = reverse("admin:articles_curatedbox_change", args=[top_box.pk])
    refused = admin_client.post(url, _box_form(top_box, [{"article": str(draft.pk), "order": "1"}]))
    assert refused.status_code == 200
    assert "올바르게 선택해 주세요" in refused.content.decode()
    assert not top_box.slots.exists()


@pytest.mark.django_db
def test_box_admin_saves_times_reorders_and_names_what_will_not_show(admin_client, top_box):
    articles = [make_article(f"주요 기사 {number}") for number in range(7)]
    url = reverse("admin:articles_curatedbox_change", args=[top_box.pk])
    slots = [
        {"article": str(article.pk), "order": str(index + 1)}
        for index, article in enumerate(articles)
    ]
    slots[0]["ends_at_0"], slots[0]["ends_at_1"] = "2099-01-01", "18:00"
    response = admin_client.post(url, _box_form(top_box, slots), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "5개까지만 보입니다" in page
    assert "주요 기사 5" in page.split("5개까지만 보입니다")[1].split("</li>")[0]
    assert "주요 기사 6" in page.split("5개까지만 보입니다")[1].split("</li>")[0]
    assert timezone.localtime(top_box.slots.get(article=articles[0]).ends_at).hour == 18

    # Open again: the form says which articles are not shown; save with the last one moved up.
    form = admin_client.get(url).content.decode()
    hidden = form.split("지금 보이지 않는 기사")[1].split("</ul>")[0]
    assert "주요 기사 5" in hidden and "주요 기사 0" not in hidden
    saved = list(top_box.slots.order_by("order", "id"))
    edit = [
        {"id": str(slot.pk), "article": str(slot.article_id), "order": str(index + 2)}
        for index, slot in enumerate(saved)
    ]
    edit[-1]["order"] = "1"
    admin_client.post(url, _box_form(top_box, edit))
    assert top_box.slots.order_by("order", "id").first().article == articles[6]

    bad = admin_client.post(
        url,
        _box_form(
            top_box,
            [
                {
                    **edit[0],
                    "starts_at_0": "2099-01-02",
                    "starts_at_1": "10:00",
                    "ends_at_0": "2099-01-01",
                    "ends_at_1": "10:00",
                }
            ],
        ),
    )
    assert bad.status_code == 200
    assert "게시 종료는 게시 시작보다 뒤여야 합니다." in bad.content.decode()


def _article_data(article, reporter, **overrides):
    """The form with the article's text, a new byline for `reporter`, no photo row."""
    typed = {
        "label": "",
        "title": article.title,
        "deck": article.deck,
        "body": article.body,
        "tags": "",
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
    }
    return article_form(article.section, reporter, **(typed | overrides))


@pytest.mark.django_db
def test_preview_shows_the_unsaved_form_at_two_widths_and_saves_nothing(admin_client):
    reporter = make_reporter("문서윤")
    article = make_article(
        "저장된 제목", status=Article.Status.DRAFT, published_at=None, reporters=[reporter]
    )
    change = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(change).content.decode()
    preview_url = reverse("admin:articles_article_preview", args=[article.pk])
    assert f'formaction="{preview_url}"' in form and "미리 보기" in form

    data = _article_data(
        article,
        reporter,
        title="아직 저장하지 않은 새 제목",
        body="<p>방금 고친 첫 문단입니다.</p>",
        tags="반도체, 수출",
    )
    response = admin_client.post(preview_url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<iframe") == 2
    assert 'width="390"' in page and 'width="1280"' in page
    frame = html_lib.unescape(page.split('srcdoc="')[1].split('"')[0])
    assert "아직 저장하지 않은 새 제목" in frame
    assert "방금 고친 첫 문단입니다." in frame
    assert "문서윤" in frame and "#반도체" in frame
    assert "저장된 제목" not in frame
    article.refresh_from_db()
    assert article.title == "저장된 제목"
    assert "첫 문단입니다." in article.body and "방금 고친" not in article.body
    assert not article.tags.exists()


@pytest.mark.django_db
def test_preview_of_a_new_article_saves_nothing_and_reports_missing_fields(admin_client):
    section = make_section("산업")
    reporter = make_reporter("한지우")
    blank = Article(title="", section=section, body="", status="draft")
    data = _article_data(blank, reporter, title="처음 쓰는 기사", body="<p>초고 본문</p>")
    data["section"] = ""
    response = admin_client.post(reverse("admin:articles_article_preview_new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "처음 쓰는 기사" in page and "초고 본문" in page
    assert "고쳐야 할 항목" in page
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_reporter_cannot_preview_another_reporters_article(client):
    user = make_staff("jiwoo", roles.REPORTER)
    make_reporter("한지우", user=user)
    other = make_reporter("남기자")
    article = make_article(
        "남의 초고", status=Article.Status.DRAFT, published_at=None, reporters=[other]
    )
    client.force_login(user)
    response = client.post(
        reverse("admin:articles_article_preview", args=[article.pk]),
        _article_data(article, other, title="바꿔치기"),
    )
    assert response.status_code == 403
    assert "바꿔치기" not in response.content.decode()


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_preview_never_meets_the_public_pages_cached_parts(admin_client, settings, page_cache):
    """The preview renders the public template: it must show the unsaved edit even when the
    public page's fragments are cached, and must never leave the edit in them for readers."""
    settings.PAGE_CACHE = page_cache
    reporter = make_reporter("문서윤")
    article = make_article("공개된 제목", reporters=[reporter], body="<p>공개된 본문.</p>")
    reader = Client()
    assert "공개된 본문." in reader.get(article.get_absolute_url()).content.decode()

    data = _article_data(
        article, reporter, title="저장 전 제목", body="<p>저장 전 본문, 아직 비밀.</p>"
    )
    preview = admin_client.post(
        reverse("admin:articles_article_preview", args=[article.pk]), data
    ).content.decode()
    frame = html_lib.unescape(preview.split('srcdoc="')[1].split('"')[0])
    assert "저장 전 본문, 아직 비밀." in frame and "공개된 본문." not in frame

    public = Client().get(article.get_absolute_url()).content.decode()
    assert "공개된 본문." in public
    assert "아직 비밀" not in public and "저장 전 제목" not in public
