"""Every kind of public page, filled with the parts that have markup of their own.

The HTML checker and the accessibility test go through the same list, so a new kind of page
is checked by both once it is added to page_kinds().
"""

from datetime import timedelta

import reversion
from django.utils import timezone

from articles.actions import comments
from articles.models import Article, Comment, Correction, SitePage
from articles.site_pages import add_default_pages
from tests.factories import image_file, make_article, make_reporter, make_section

TAG = "금리"
# Search results for the tag's word: the story carries it in its headline and tags.
EXTRA_PAGES = [
    ("search", f"/search/?q={TAG}"),
    # 정확도순 with a date range that runs backwards: the message beside the kept dates.
    ("search-dates", f"/search/?q={TAG}&sort=relevance&from=2026-03-01&to=2026-02-01"),
]


def page_kinds():
    """Builds the content and returns [(name, path)] for every public page kind."""
    # The footer's pages come with the migrations; a test that empties the tables drops them.
    add_default_pages(SitePage)
    economy = make_section("경제", slug="economy")
    markets = make_section("금융시장", slug="markets", parent=economy)
    first = make_reporter(
        "서이원", handle="iwonseo96", desk="경제부", bio="금융과 통화정책을 씁니다."
    )
    first.photo = image_file("face.jpg", size=(200, 200))
    first.save()
    second = make_reporter("한지우", handle="jiwoo")
    now = timezone.now()
    article = make_article(
        "기준금리 동결…“물가 흐름 더 지켜본다”",
        section=markets,
        reporters=[first, second],
        photos=2,
        tags=[TAG, "한국은행"],
        label=Article.Label.EXCLUSIVE,
        deck="한은, 석 달째 연 3.00% 유지\n가계부채 증가세에 경계",
        published_at=now - timedelta(hours=3),
    )
    # An edit after publishing, so the page shows 수정 beside 입력 (and 수정 이력 its diff).
    with reversion.create_revision():
        article.save()
        reversion.set_date_created(now - timedelta(hours=3, minutes=5))
    article.deck += "\n물가 전망치는 그대로"
    article.body = article.body.replace("첫 문단", "고친 첫 문단")
    with reversion.create_revision():
        article.save()
    for hours in (4, 5, 6):
        make_article(
            f"원·달러 환율 {hours}일 만에 하락",
            section=markets,
            reporters=[second],
            tags=[TAG],
            published_at=now - timedelta(hours=hours),
        )
    # Enough for a second page of the section and the tag: their numbered page links.
    for minutes in range(17):
        make_article(
            f"채권 금리 {minutes + 1}분 전 소폭 상승",
            section=markets,
            tags=[TAG],
            published_at=now - timedelta(hours=7, minutes=minutes),
        )
    Correction.objects.create(article=article, text="기사 본문의 인상 폭을 바로잡습니다.")
    top = comments.post_comment(
        article=article, body="금리 동결은 예상대로네요.", nickname="경제독자", password="pw-1"
    )
    comments.post_comment(
        article=article,
        body="저도 그렇게 봅니다.",
        nickname="답글독자",
        password="pw-2",
        parent=top,
    )
    gone = comments.post_comment(
        article=article, body="지워질 댓글", nickname="지운독자", password="pw-3"
    )
    comments.post_comment(
        article=article,
        body="지워진 댓글에 단 답글",
        nickname="남은독자",
        password="pw-4",
        parent=gone,
    )
    comments.delete_comment(comment=gone)
    comments.vote(comment=top, visitor="someone", value="up")
    assert Comment.objects.filter(article=article).count() == 4
    return [
        ("home", "/"),
        ("article", article.get_absolute_url()),
        ("section", markets.get_absolute_url()),
        ("tag", f"/tag/{TAG}/"),
        ("tag-page-2", f"/tag/{TAG}/?page=2"),
        ("reporter", first.get_absolute_url()),
        ("comments", f"/news/{article.pk}/comments/"),
        ("corrections", "/corrections/"),
        ("latest", "/news/"),
        ("history", f"/news/{article.pk}/history/"),
        ("site-page", "/pages/privacy/"),
        ("not-found", "/no-such-page/"),
        *EXTRA_PAGES,
    ]
