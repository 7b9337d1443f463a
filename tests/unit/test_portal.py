"""What a reader of a Korean portal expects (issue 18): the current section marked, the
sub-sections, 전체기사, 이전/다음 기사, photo enlargement, 조회수, 댓글 많은 뉴스, the
footer's pages and an article's change history; each through the public pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def section_bar(html):
    return re.search(r'<nav class="masthead__nav".*?</nav>', html, re.S).group(0)


@pytest.fixture
def sections():
    economy = make_section("경제", slug="economy", order=1)
    stocks = make_section("증권", slug="stocks", parent=economy)
    banks = make_section("은행·카드", slug="banks", parent=economy)
    industry = make_section("산업", slug="industry", order=2)
    return economy, stocks, banks, industry


def test_the_section_bar_marks_the_section_page_it_is_on(client, sections):
    _economy, _stocks, _banks, _industry = sections
    bar = section_bar(html_of(client, "/section/economy/"))
    assert (
        '<a href="/section/economy/" class="masthead__current" aria-current="page">경제</a>' in bar
    )
    assert bar.count("aria-current") == 1
    bar = section_bar(html_of(client, "/section/industry/"))
    assert (
        '<a href="/section/industry/" class="masthead__current" aria-current="page">산업</a>' in bar
    )
    assert bar.count("aria-current") == 1
    # A sub-section's page: its top section is the one marked, as where the reader is.
    bar = section_bar(html_of(client, "/section/stocks/"))
    assert (
        '<a href="/section/economy/" class="masthead__current" aria-current="true">경제</a>' in bar
    )
    # The front page marks none.
    assert "aria-current" not in section_bar(html_of(client, "/"))


def test_an_article_page_marks_its_section_in_the_bar(client, sections):
    _economy, stocks, _banks, industry = sections
    article = make_article("증권 기사", section=stocks)
    bar = section_bar(html_of(client, article.get_absolute_url()))
    assert (
        '<a href="/section/economy/" class="masthead__current" aria-current="true">경제</a>' in bar
    )
    assert bar.count("aria-current") == 1
    other = make_article("산업 기사", section=industry)
    bar = section_bar(html_of(client, other.get_absolute_url()))
    assert 'aria-current="true">산업</a>' in bar


def test_sub_sections_are_reachable_from_the_section_page(client, sections):
    html = html_of(client, "/section/economy/")
    row = re.search(r'<nav class="subsections".*?</nav>', html, re.S).group(0)
    assert 'aria-label="경제 하위 섹션"' in row
    assert (
        '<a class="subsections__link" href="/section/economy/" aria-current="page">경제 전체</a>'
        in row
    )
    assert '<a class="subsections__link" href="/section/stocks/">증권</a>' in row
    assert '<a class="subsections__link" href="/section/banks/">은행·카드</a>' in row
    row = re.search(r'<nav class="subsections".*?</nav>', html_of(client, "/section/stocks/"), re.S)
    assert (
        '<a class="subsections__link" href="/section/stocks/" aria-current="page">증권</a>'
        in row.group(0)
    )
    # A section without sub-sections has no row.
    assert 'class="subsections"' not in html_of(client, "/section/industry/")


def test_latest_lists_every_section_newest_first_and_pages(client, sections, settings):
    economy, stocks, _banks, industry = sections
    now = timezone.now()
    make_article("오래된 산업 기사", section=industry, published_at=now - timedelta(hours=5))
    make_article("새 증권 기사", section=stocks, published_at=now - timedelta(hours=1))
    make_article("경제 기사", section=economy, published_at=now - timedelta(hours=3))
    html = html_of(client, "/news/")
    assert "<title>전체기사 - " in html
    order = [html.index(t) for t in ("새 증권 기사", "경제 기사", "오래된 산업 기사")]
    assert order == sorted(order)
    assert '<a href="/news/" class="masthead__current" aria-current="page">전체기사</a>' in html
    # Linked from the bar on every page.
    assert '<a href="/news/">전체기사</a>' in html_of(client, "/")


def test_latest_pages_by_twenty(client, sections):
    industry = sections[3]
    for n in range(23):
        make_article(f"산업 기사 {n}", section=industry)
    assert html_of(client, "/news/").count('<article class="card') == 20
    second = html_of(client, "/news/?page=2")
    assert second.count('<article class="card') == 3
    html_of(client, "/news/?page=3", status=404)


def test_a_new_publication_reaches_latest(client, sections):
    industry = sections[3]
    make_article("먼저 나온 기사", section=industry)
    assert "먼저 나온 기사" in html_of(client, "/news/")
    make_article("방금 나온 기사", section=industry)
    assert "방금 나온 기사" in html_of(client, "/news/")


def test_a_video_article_shows_its_poster_picture_once(client):
    article = make_article(
        "영상으로 보는 공장", video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", photos=2
    )
    first, second = article.photos.order_by("order")
    html = html_of(client, article.get_absolute_url())
    body = html[html.index('<div class="article__body">') : html.index('class="reactions"')]
    assert 'class="video__image" src="' + first.image.url in body
    assert body.count(f'src="{first.image.url}"') == 1
    assert body.count(f'src="{second.image.url}"') == 1
    # Without a video the first photo is a photo like any other.
    plain = make_article("영상 없는 기사", photos=1)
    photo = plain.photos.get()
    assert html_of(client, plain.get_absolute_url()).count(f'src="{photo.image.url}"') == 1


@pytest.mark.renditions
def test_each_photo_links_to_its_large_rendition(client):
    article = make_article("사진 기사", photos=2)
    html = html_of(client, article.get_absolute_url())
    for photo in article.photos.order_by("order"):
        assert photo.renditions, "renditions made"
        widest = max(photo.renditions, key=lambda item: item["width"])
        large = f"/media/{widest['name']}"
        link = re.search(rf'<a class="photo__link" href="{re.escape(large)}">(.*?)</a>', html, re.S)
        assert link, large
        assert f'alt="{photo.alt}"' in link.group(1)
        assert '<span class="photo__zoom">사진 크게 보기</span>' in link.group(1)


def neighbours_of(html):
    found = re.search(r'<nav class="neighbours".*?</nav>', html, re.S)
    return found.group(0) if found else ""


def test_the_article_page_links_the_previous_and_next_article_of_its_section(client):
    industry = make_section("산업", slug="industry")
    other = make_section("증권", slug="stocks")
    now = timezone.now()
    oldest = make_article(
        "가장 먼저 나온 기사", section=industry, published_at=now - timedelta(hours=5)
    )
    make_article("다른 섹션의 기사", section=other, published_at=now - timedelta(hours=4))
    middle = make_article("가운데 기사", section=industry, published_at=now - timedelta(hours=3))
    newest = make_article("가장 새 기사", section=industry, published_at=now - timedelta(hours=1))
    make_article("아직 출고 전인 기사", section=industry, published_at=now + timedelta(hours=1))
    nav = neighbours_of(html_of(client, middle.get_absolute_url()))
    assert (
        f'<span class="neighbours__label">이전 기사</span> <a href="/news/{oldest.pk}/" '
        'rel="prev">가장 먼저 나온 기사</a>'
    ) in nav
    assert (
        f'<span class="neighbours__label">다음 기사</span> <a href="/news/{newest.pk}/" '
        'rel="next">가장 새 기사</a>'
    ) in nav
    # The newest has no next one (the scheduled article is not public); the oldest no previous.
    nav = neighbours_of(html_of(client, newest.get_absolute_url()))
    assert "다음 기사</span>" not in nav and "가운데 기사" in nav
    nav = neighbours_of(html_of(client, oldest.get_absolute_url()))
    assert "이전 기사</span>" not in nav and "가운데 기사" in nav


def test_publishing_a_neighbour_reaches_the_kept_article_page(client):
    industry = make_section("산업", slug="industry")
    now = timezone.now()
    article = make_article("먼저 본 기사", section=industry, published_at=now - timedelta(hours=2))
    assert neighbours_of(html_of(client, article.get_absolute_url())) == ""
    newer = make_article("새로 나온 옆 기사", section=industry, published_at=now)
    assert f'href="/news/{newer.pk}/" rel="next">새로 나온 옆 기사' in neighbours_of(
        html_of(client, article.get_absolute_url())
    )
    newer.title = "제목을 고친 옆 기사"
    newer.save()
    assert "제목을 고친 옆 기사" in neighbours_of(html_of(client, article.get_absolute_url()))


def test_the_view_count_shows_only_when_the_desk_turns_it_on(client):
    from articles.models import Article, Publisher

    article = make_article("조회수를 볼 기사")
    Article.objects.filter(pk=article.pk).update(view_count=12345)
    url = article.get_absolute_url()
    live = f"/news/{article.pk}/live/reactions/"
    assert "article__views" not in html_of(client, url)
    assert "views" not in client.get(live).json()

    Publisher.objects.create(show_view_count=True)  # the desk's option: purges every page
    assert (
        '<span class="article__views">조회 <span data-view-count>12,345</span></span>'
        in html_of(client, url)
    )
    # A view purges nothing: the page keeps the count it was drawn with, and its script
    # asks for the count as it is now with the reaction counts.
    Article.objects.filter(pk=article.pk).update(view_count=12346)
    assert "<span data-view-count>12,345</span>" in html_of(client, url)
    assert client.get(live).json()["views"] == 12346


FOOTER_PAGES = {
    "개인정보처리방침": "/pages/privacy/",
    "이용약관": "/pages/terms/",
    "청소년보호정책": "/pages/youth/",
    "기사제보": "/pages/tips/",
    "회사소개": "/pages/about/",
}


def test_the_footer_links_the_desks_pages_with_their_default_content(client):
    footer = html_of(client, "/").split('<footer class="site-footer">')[1]
    for title, url in FOOTER_PAGES.items():
        assert f'<a href="{url}">{title}</a></li>' in footer
        page = html_of(client, url)
        assert f'<h1 class="page-title">{title}</h1>' in page
        assert f"<title>{title} - " in page
    assert '<li class="site-footer__privacy"><a href="/pages/privacy/">' in footer
    privacy = html_of(client, "/pages/privacy/")
    # A subheading line, and the paragraph under it apart from it.
    assert '<h2 class="site-page__heading">1. 받는 정보와 목적</h2>' in privacy
    assert '<p class="site-page__text">댓글을 쓸 때 닉네임과 비밀번호를 받습니다.' in privacy
    assert "닉네임과 비밀번호" in privacy
    assert "해시" in privacy
    html_of(client, "/pages/no-such-page/", status=404)


def test_the_desk_edits_a_footer_page_and_readers_see_it(client):
    from django.contrib.auth.models import Permission

    from articles.roles import DESK, REPORTER
    from tests.factories import make_staff

    reader = client.__class__()
    assert "새로 쓴 약관 문단" not in html_of(reader, "/pages/terms/")
    html_of(reader, "/")  # a page with the footer, kept

    desk = make_staff("desk", DESK)
    assert desk.has_perm("articles.change_sitepage")
    client.force_login(desk)
    from articles.models import SitePage

    terms = SitePage.objects.get(slug="terms")
    url = f"/admin/articles/sitepage/{terms.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "이용 약관",
            "slug": "terms",
            "order": 2,
            "body": "## 새 조항\n\n새로 쓴 약관 문단",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    page = html_of(reader, "/pages/terms/")
    assert '<h2 class="site-page__heading">새 조항</h2>' in page
    assert '<p class="site-page__text">새로 쓴 약관 문단</p>' in page
    # The title changed: every footer shows the new one.
    assert '<li><a href="/pages/terms/">이용 약관</a></li>' in html_of(reader, "/")

    # A 기자 only reads them (never edits).
    reporter = make_staff("reporter", REPORTER)
    assert not reporter.has_perm("articles.change_sitepage")
    assert Permission.objects.filter(codename="change_sitepage").exists()


def test_a_footer_pages_body_edit_purges_that_page_alone(client):
    from articles.models import SitePage

    def kept(path):
        return client.get(path)["X-Page-Cache"] == "hit"

    for path in ("/", "/pages/youth/", "/pages/terms/"):
        client.get(path)
        assert kept(path), path
    page = SitePage.objects.get(slug="youth")
    page.body = "고친 본문"
    page.save()
    assert not kept("/pages/youth/")
    assert kept("/") and kept("/pages/terms/")
    # Its title is in every footer: a new title purges them.
    page.title = "청소년 보호 정책"
    page.save()
    assert not kept("/") and not kept("/pages/terms/")


def saved_version(article, when, user=None, **fields):
    """The article saved with `fields` in a revision dated `when`, as the admin saves it."""
    import reversion

    for name, value in fields.items():
        setattr(article, name, value)
    with reversion.create_revision():
        article.save()
        reversion.set_date_created(when)
        if user is not None:
            reversion.set_user(user)
    return article


def test_the_public_change_history_lists_what_changed_since_publication(client):
    from articles.models import Article
    from tests.factories import make_staff

    editor = make_staff("deskkim", first_name="편집", last_name="김데스크")
    now = timezone.now()
    article = make_article(
        "초안 제목",
        deck="초안 부제",
        body="<p>한국은행이 금리를 동결했다.</p>",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    saved_version(article, now - timedelta(hours=5), editor)
    saved_version(
        article,
        now - timedelta(hours=4),
        editor,
        title="금리 동결",
        status=Article.Status.PUBLISHED,
        published_at=now - timedelta(hours=4),
    )
    url = article.get_absolute_url()
    assert "수정 이력" not in html_of(client, url)  # not edited since publication
    assert "출고 뒤 고친 내용이 없습니다." in html_of(client, f"/news/{article.pk}/history/")

    saved_version(article, now - timedelta(hours=2), editor, title="기준금리 동결")
    saved_version(
        article,
        now - timedelta(hours=1),
        editor,
        body="<p>한국은행이 기준금리를 연 3.5%로 동결했다.</p>",
    )
    saved_version(article, now - timedelta(minutes=30), editor, comment_policy="closed")

    page = html_of(client, url)
    assert f'<a href="/news/{article.pk}/history/">수정 이력</a>' in page
    history = html_of(client, f"/news/{article.pk}/history/")
    entries = re.findall(r'<section class="history__entry".*?</section>', history, re.S)
    assert len(entries) == 2  # the headline, then the body; the comment setting is no change
    newest, oldest = entries
    assert "<dt>본문</dt>" in newest and "<dt>제목</dt>" not in newest
    assert "한국은행이 <del>금리를</del><ins>기준금리를 연 3.5%로</ins> 동결했다." in newest
    assert "<dt>제목</dt>" in oldest and "<ins>기준금리</ins>" in oldest
    assert "초안" not in history  # before publication: not part of the public history
    assert "deskkim" not in history and "김데스크" not in history  # no editor named


def test_a_new_edit_reaches_the_kept_history_page(client):
    from articles.models import Article

    now = timezone.now()
    article = make_article("금리 동결", published_at=now - timedelta(hours=3))
    saved_version(article, now - timedelta(hours=3, minutes=1))
    path = f"/news/{article.pk}/history/"
    assert "출고 뒤 고친 내용이 없습니다." in html_of(client, path)
    saved_version(article, now, title="금리 동결 결정")
    assert "금리 동결<ins> 결정</ins>" in html_of(client, path)
    # Not public: no history.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    article.refresh_from_db()
    article.save()
    html_of(client, path, status=404)


def test_the_most_commented_box_ranks_by_comments_in_the_period(client):
    from tests.factories import make_comment

    industry = make_section("산업", slug="industry")
    now = timezone.now()
    busy = make_article("오늘 댓글이 많은 기사", section=industry)
    week = make_article("지난주에 댓글이 많았던 기사", section=industry)
    quiet = make_article("댓글 하나인 기사", section=industry)
    for _ in range(3):
        make_comment(busy)
    for _ in range(5):
        make_comment(week, created_at=now - timedelta(days=3))
    make_comment(quiet)
    make_comment(quiet, status="hidden")
    html = html_of(client, "/")
    box = re.search(r'<section class="box" id="most-commented".*?</section>', html, re.S).group(0)
    day = re.search(r'data-tab-panel="24h".*?</ol>', box, re.S).group(0)
    seven = re.search(r'data-tab-panel="7d".*?</ol>', box, re.S).group(0)
    assert '<h2 class="box__title" id="box-most-commented">댓글 많은 뉴스</h2>' in box
    assert day.index("오늘 댓글이 많은 기사") < day.index("댓글 하나인 기사")
    assert "지난주에" not in day
    assert '<span class="box__count">댓글 3</span>' in day
    assert '<span class="box__count">댓글 1</span>' in day  # hidden comments do not count
    assert seven.index("지난주에 댓글이 많았던 기사") < seven.index("오늘 댓글이 많은 기사")
    assert 'href="?most=7d#most-commented"' in box


def test_a_section_page_shows_its_own_most_viewed(client):
    from articles.models import DailyViews

    economy = make_section("경제", slug="economy")
    stocks = make_section("증권", slug="stocks", parent=economy)
    industry = make_section("산업", slug="industry")
    today = timezone.localdate()
    for title, section, views in (
        ("증권 인기 기사", stocks, 900),
        ("경제 보통 기사", economy, 100),
        ("산업 최고 인기 기사", industry, 5000),
    ):
        article = make_article(title, section=section)
        DailyViews.objects.create(article=article, day=today, views=views)
    html = html_of(client, "/section/economy/")
    box = re.search(
        r'<section class="box" aria-labelledby="box-section-most">.*?</section>', html, re.S
    ).group(0)
    assert "경제 많이 본 뉴스" in box
    # Its script asks for the boxes as they are from the section's own side page.
    assert 'data-live-url="/section/economy/live/side/"' in html
    live = html_of(client, "/section/economy/live/side/")
    assert (
        "증권 인기 기사" in live
        and "산업 최고 인기 기사" not in live.split("box-section-most")[1].split("</section>")[0]
    )
    assert box.index("증권 인기 기사") < box.index("경제 보통 기사")
    assert "산업 최고 인기 기사" not in box
    box = re.search(
        r'<section class="box" aria-labelledby="box-section-most">.*?</section>',
        html_of(client, "/section/industry/"),
        re.S,
    ).group(0)
    assert "산업 최고 인기 기사" in box and "증권" not in box


def test_a_section_page_stays_kept_however_its_most_viewed_moves(client, settings):
    """The section's 많이 본 뉴스 is refreshed by the page's script: the page is not kept for
    the box's minute only."""
    industry = make_section("산업", slug="industry")
    make_article("산업 기사", section=industry)
    response = client.get("/section/industry/")
    assert f"s-maxage={settings.SIDE_BOXES_CACHE_SECONDS}" not in response["Cache-Control"]


def test_an_edit_without_a_kept_version_says_so_in_the_history(client):
    from articles.models import Article

    article = make_article("기록 없이 고친 기사")
    Article.objects.filter(pk=article.pk).update(revised_at=timezone.now())
    history = html_of(client, f"/news/{article.pk}/history/")
    assert "고친 내용의 기록은 남아 있지 않습니다." in history
    assert "출고 뒤 고친 내용이 없습니다." not in history
