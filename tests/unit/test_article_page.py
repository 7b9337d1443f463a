import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, CuratedBox, CuratedSlot, Photo
from tests.factories import image_file, make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    economy = make_section("글로벌경제", slug="global")
    markets = make_section("국제시황", parent=economy, slug="markets")
    han = make_reporter("한지우", handle="jiwoo_han")
    seo = make_reporter("서다온", handle="daon96")
    article = make_article(
        "“공급망 다변화가 답”…한일 부품업계 공동 포럼",
        section=markets,
        reporters=[han, seo],
        label=Article.Label.COMPREHENSIVE,
        deck="양국 부품업계 대표 200여 명 참석\n공동 연구개발 기금 조성 합의",
        body="<p>첫째 문단.</p><p>둘째 문단.</p><p>셋째 문단.</p>",
        tags=["공급망", "부품"],
        video_url="https://video.newsroom.example/v/1",
    )
    Photo.objects.create(
        article=article,
        image=image_file("top.jpg"),
        caption="포럼 참석자들이 기념 촬영을 하고 있다.",
        credit_reporter=han,
        alt="포럼 참석자 단체 사진",
        placement=0,
        order=0,
    )
    Photo.objects.create(
        article=article,
        image=image_file("mid.jpg"),
        caption="전시장 모습.",
        credit="사진제공=부품산업협회",
        alt="전시장 전경",
        placement=2,
        order=1,
    )
    return article


def get_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_article_page_shows_every_part_in_the_seed_order(client, story):
    html = get_page(client, story)
    html = html[html.index("<main") :]
    text = text_of(html)

    breadcrumb = html.index('class="breadcrumb"')
    headline = html.index('class="article__title"')
    deck = html.index("양국 부품업계 대표 200여 명 참석")
    byline = html.index('class="byline"')
    tools = html.index('class="tools"')
    top_photo = html.index("포럼 참석자들이 기념 촬영을")
    first_paragraph = html.index("첫째 문단.")
    mid_photo = html.index("전시장 모습.")
    third_paragraph = html.index("셋째 문단.")
    tags = html.index('class="tags"')
    reactions = html.index('id="reactions"')
    comments = html.index('id="comments"')
    related = html.index("관련 뉴스")
    assert (
        breadcrumb
        < headline
        < deck
        < byline
        < tools
        < top_photo
        < first_paragraph
        < mid_photo
        < third_paragraph
        < tags
        < reactions
        < comments
        < related
    )

    assert "글로벌경제" in text and "국제시황" in text
    assert "“공급망 다변화가 답”…한일 부품업계 공동 포럼 [종합]" in text
    assert "공동 연구개발 기금 조성 합의" in text
    assert "한지우 기자 @jiwoo_han" in text
    assert "서다온 기자 @daon96" in text
    assert "입력" in text
    assert "수정" not in text.split("입력", 1)[1].split("작게", 1)[0]
    for tool in ("작게", "기본", "크게", "인쇄", "링크 복사"):
        assert tool in text
    assert "▲포럼 참석자들이 기념 촬영을 하고 있다. (한지우 기자 @jiwoo_han)" in text
    assert "▲전시장 모습. (사진제공=부품산업협회)" in text
    assert 'alt="포럼 참석자 단체 사진"' in html
    assert 'href="/tag/%EA%B3%B5%EA%B8%89%EB%A7%9D/"' in html and "#공급망" in text
    for label in ("좋아요", "화나요", "슬퍼요", "추가취재 원해요"):
        assert re.search(label + r" ?0", text), label
    assert "댓글" in text and "0 / 300" in text
    for box in ("주요뉴스", "많이 본 뉴스", "e스튜디오", "뉴스발전소"):
        assert box in text


@pytest.mark.renditions
def test_photos_carry_their_size_and_responsive_renditions(client, story):
    html = get_page(client, story)
    photo = story.photos.first()

    assert photo.width == 1200 and photo.height == 800
    assert 'width="1200" height="800"' in html
    assert "480w" in html and "960w" in html and "1200w" in html


def test_revised_time_shows_after_an_edit_to_a_published_article(client, story):
    story = Article.objects.get(pk=story.pk)
    story.deck += "\n정정: 참석 인원 수정"
    story.save()

    text = text_of(get_page(client, story))
    assert re.search(r"수정 \d{4}\.\d{2}\.\d{2} \d{2}:\d{2}", text)


def test_badge_labels_lead_the_headline(client):
    article = make_article("반도체 수출 사상 최대", label=Article.Label.EXCLUSIVE)
    html = get_page(client, article)

    assert re.search(r'label--badge">단독</span>\s*반도체 수출 사상 최대', html)


def test_side_boxes_and_related_news_are_filled_from_real_data(client, story):
    other = make_article("부품 수출 석 달째 증가", tags=["부품"], section=make_section())
    video = make_article("영상으로 보는 공급망", video_url="https://video.newsroom.example/v/2")
    Article.objects.filter(pk=other.pk).update(view_count=500)
    box = CuratedBox.objects.create(name="주요뉴스", slug=CuratedBox.TOP_NEWS)
    CuratedSlot.objects.create(box=box, article=video, order=0)

    html = get_page(client, story)
    top_news = html.split('id="box-top-news"', 1)[1].split("</section>", 1)[0]
    most_viewed = html.split('id="box-most-viewed"', 1)[1].split("</section>", 1)[0]
    studio = html.split('id="box-studio"', 1)[1].split("</section>", 1)[0]
    related = html.split('id="related-title"', 1)[1].split("</section>", 1)[0]

    assert top_news.index("영상으로 보는 공급망") < top_news.index("부품 수출 석 달째 증가")
    assert "부품 수출 석 달째 증가" in most_viewed
    # The article never recommends itself, in its own 주요뉴스 or 많이 본 뉴스.
    assert "공급망 다변화가 답" not in top_news
    assert "공급망 다변화가 답" not in most_viewed
    assert "영상으로 보는 공급망" in studio
    assert "부품 수출 석 달째 증가" in related
    assert "공급망 다변화가 답" not in related


@pytest.mark.parametrize(
    ("status", "offset"),
    [
        (Article.Status.DRAFT, None),
        (Article.Status.REVIEW, None),
        (Article.Status.ARCHIVED, -timedelta(days=1)),
        (Article.Status.PUBLISHED, timedelta(hours=3)),
    ],
)
def test_unpublished_articles_answer_404_in_korean(client, status, offset):
    published_at = timezone.now() + offset if offset is not None else None
    article = make_article("아직 비공개", status=status, published_at=published_at)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()
    assert "아직 비공개" not in response.content.decode()


def test_unknown_article_answers_404_in_korean(client):
    response = client.get("/news/999999/")

    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


def test_staff_can_preview_a_draft(admin_client):
    article = make_article("데스크 검토용 초고", status=Article.Status.DRAFT)

    response = admin_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "미리 보기" in response.content.decode()


def test_home_lists_latest_articles_with_lead_photos(client, story):
    make_article("작성 중인 기사", status=Article.Status.DRAFT)
    response = client.get(reverse("articles:home"))
    html = response.content.decode()

    assert response.status_code == 200
    assert "공급망 다변화가 답" in html
    assert "작성 중인 기사" not in html
    assert story.photos.first().image.url in html


def test_section_tag_and_reporter_pages_list_their_articles(client, story):
    hidden = make_article(
        "예약된 부품 기사",
        tags=["부품"],
        section=story.section,
        published_at=timezone.now() + timedelta(days=1),
    )
    reporter = story.reporters.get(slug="jiwoo-han")
    pages = [
        reverse("articles:section", kwargs={"slug": "global"}),  # parent includes sub-section
        reverse("articles:section", kwargs={"slug": "markets"}),
        reverse("articles:tag", kwargs={"slug": "부품"}),
        reporter.get_absolute_url(),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "공급망 다변화가 답" in response.content.decode(), url
        assert hidden.title not in response.content.decode(), url

    profile = client.get(reporter.get_absolute_url()).content.decode()
    assert "@jiwoo_han" in profile
    assert client.get("/section/nothing-here/").status_code == 404


SHARE_LINKS = (
    "https://www.facebook.com/sharer/sharer.php?",
    "https://twitter.com/intent/tweet?",
)


def test_page_references_no_other_host(client, story, settings):
    html = get_page(client, story)
    # Nothing the page loads comes from another host. The canonical and feed links name the
    # site's one origin (SITE_URL), which is ours.
    ours = ("http://testserver/", settings.SITE_URL.rstrip("/") + "/")
    loaded = re.findall(r'(?:src|srcset|action)="([^"]+)"', html)
    loaded += re.findall(r'<link[^>]*href="([^"]+)"', html)
    offsite = [
        url
        for url in loaded
        if url.startswith(("http://", "https://", "//")) and not url.startswith(ours)
    ]
    assert offsite == []
    # Links to other hosts are only the share links a reader may follow.
    links = re.findall(r'<a[^>]*href="([^"]+)"', html)
    offsite_links = [
        url
        for url in links
        if url.startswith(("http://", "https://", "//")) and not url.startswith(ours)
    ]
    assert offsite_links and all(url.startswith(SHARE_LINKS) for url in offsite_links)


def test_public_pages_forbid_inline_and_offsite_scripts(client, story):
    policy = client.get(story.get_absolute_url())["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
