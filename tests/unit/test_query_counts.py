"""Each page costs a fixed number of queries, however much it shows.

"Uncached" here means the page cache is bypassed (settings.PAGE_CACHE off): the page is
rendered from the database. The side boxes and the section tree are fragments shared by every
page and computed at most once a minute for the whole site; they are counted separately.
"""

import pytest
from django.core.cache import cache

from articles.models import Comment
from articles.queries import sections
from tests.factories import make_article, make_reporter, make_section
from tests.isolation import clear_own_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE = False


@pytest.fixture
def newsroom_data():
    section = make_section("경제", slug="economy")
    reporter = make_reporter("한지우", handle="jiwoo_han")
    articles = [
        make_article(
            f"경제 기사 {n}",
            section=section,
            reporters=[reporter],
            photos=1,
            tags=["금리", "환율"],
            video_url="https://video.newsroom.example/v/1",
        )
        for n in range(12)
    ]
    return section, reporter, articles


def many_sections(count):
    """`count` top sections, each with two sub-sections and articles in all of them."""
    for number in range(count):
        top = make_section(f"섹션{number}", slug=f"top-{number}", order=number)
        children = [
            make_section(f"하위{number}-{child}", slug=f"sub-{number}-{child}", parent=top)
            for child in range(2)
        ]
        for home in (top, *children):
            for _ in range(2):
                make_article(
                    section=home,
                    photos=1,
                    tags=["증시"],
                    video_url="https://video.newsroom.example/v/2",
                )


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The list's ids are kept (articles/listing.py): the page's rows and their photos.
        ("/section/economy/", 2),
        ("/section/economy/?page=1", 2),
        ("/tag/%EA%B8%88%EB%A6%AC/", 3),  # and the tag
        ("/reporter/jiwoo-han/", 3),  # and the reporter
    ],
)
def test_list_pages_query_count(
    client, django_assert_num_queries, newsroom_data, uncached, url, queries
):
    client.get(url)  # fills the shared fragments
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("sections", [1, 6])
def test_the_home_page_costs_a_fixed_number_of_queries_whatever_the_number_of_sections(
    client, django_assert_max_num_queries, uncached, sections
):
    many_sections(sections)
    clear_own_keys(cache)  # nothing shared computed yet: the lists, the boxes and the section tree
    with django_assert_max_num_queries(HOME_QUERIES) as captured:
        html = client.get("/").content.decode()
    assert html.count('class="home-section"') == sections
    # The same number with 1 or 6 sections: nothing runs per section.
    assert len(captured) == HOME_QUERIES


# sections, latest, by section, their photos; curated slots + top-up, 주요뉴스's photos (for an
# article's own column, fetched once with the boxes), most viewed (24시간, 7일, their shared
# top-up), most commented (24시간, 7일), studio + photos; the footer's publisher details and
# its pages' links (both kept site-wide until the desk changes them)
HOME_QUERIES = 16


def rich_article():
    section = make_section("증권", slug="stocks")
    reporters = [make_reporter(f"기자{n}", handle=f"reporter_rich_{n}") for n in range(3)]
    article = make_article(
        "바이라인 셋, 사진 넷, 태그 다섯",
        section=section,
        reporters=reporters,
        photos=4,
        tags=["증시", "금리", "환율", "반도체", "수출"],
    )
    for n in range(30):
        parent = Comment.objects.create(article=article, nickname=f"독자{n}", body=f"의견 {n}")
        for m in range(2):
            Comment.objects.create(
                article=article, parent=parent, nickname=f"답글{m}", body=f"답 {n}-{m}"
            )
    make_article("관련 기사", section=section, tags=["증시"])
    return article


def test_an_uncached_article_page_costs_the_same_queries_however_much_it_shows(
    client, django_assert_num_queries, uncached
):
    plain = make_article("사진도 태그도 없는 기사", reporters=[make_reporter("한 명")])
    rich = rich_article()
    client.get(make_article("다른 기사").get_absolute_url())  # fills the site-wide fragments

    # Rendered from the database: article, bylines, photos, tags, related, corrections,
    # the reporters' other articles, 이전/다음 기사 (one query for both), comments (and
    # replies, when there are any), however many of each.
    with django_assert_num_queries(9):
        assert client.get(plain.get_absolute_url()).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(rich.get_absolute_url()).status_code == 200

    # Rendered again (the page cache bypassed, or a reaction changed its counters): the
    # article and its fragments, kept until the next editorial or comment change, spare all.
    with django_assert_num_queries(0):
        html = client.get(rich.get_absolute_url()).content.decode()
    assert html.count('class="comment comment--reply"') == 2 * 20
    assert "#반도체" in html


def test_a_cached_page_costs_no_query(client, django_assert_num_queries, newsroom_data):
    articles = newsroom_data[2]
    urls = ["/", articles[0].get_absolute_url(), "/section/economy/", "/reporter/jiwoo-han/"]
    for url in urls:
        client.get(url)
    for url in urls:
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200


def test_the_side_boxes_cost_a_fixed_number_of_queries_when_computed(
    client, django_assert_num_queries, newsroom_data, uncached
):
    client.get("/section/economy/")
    clear_own_keys(cache)
    # The section tree is this process's own copy until the site changes; with Redis the
    # clearing above took the site's version with it, so the tree is read here, as the first
    # page after any change reads it.
    sections.top_sections()
    # the section page's 3; then the boxes: curated slots, the top-up of both curated
    # boxes, 주요뉴스's photos, most viewed (two tabs and their top-up), the section's most
    # viewed, most commented (two tabs), studio + photos; and the footer's publisher details
    # and its pages' links
    with django_assert_num_queries(3 + 11 + 2):
        client.get("/section/economy/")


def test_every_page_of_a_list_costs_the_same_and_shows_the_right_articles(
    client, django_assert_num_queries, uncached, settings
):
    section = make_section("증권", slug="stocks")
    made = [make_article(f"증권 기사 {n:02}", section=section, photos=1) for n in range(45)]
    newest_first = [article.title for article in reversed(made)]

    def listed(html):  # the list itself, not the side boxes
        cards = html[html.index('class="card-list"') : html.index('class="page__aside"')]
        return [title for title in newest_first if f">{title}<" in cards]

    client.get("/section/stocks/")
    shown = []
    for page in (1, 2, 3):
        with django_assert_num_queries(2):
            html = client.get(f"/section/stocks/?page={page}").content.decode()
        shown += listed(html)
    assert shown == newest_first
    assert '<span aria-current="page">1</span>' in client.get("/section/stocks/").content.decode()
    assert client.get("/section/stocks/?page=4").status_code == 404
    assert client.get("/section/stocks/?page=last").status_code == 200

    # Past the kept ids, pages come straight from the database, and are the same.
    settings.LISTING_IDS_CAP = 20
    clear_own_keys(cache)
    deep = client.get("/section/stocks/?page=3").content.decode()
    assert listed(deep) == newest_first[40:]
    assert '<span aria-current="page">3</span>' in deep


@pytest.mark.django_db(transaction=True)
def test_the_side_boxes_are_drawn_once_however_many_threads_need_them(monkeypatch):
    """When the boxes expire, the threads of a process rendering pages at that moment wait
    for one of them to draw the boxes instead of each drawing them."""
    import threading
    import time

    from django.db import connection

    from articles.queries import boxes

    make_article("금리 기사")
    drawn = []

    def slowly(draw):
        def slow_draw():  # the real drawing, made slow enough for the threads to meet
            drawn.append(draw.__name__)
            time.sleep(0.3)
            return draw()

        return slow_draw

    monkeypatch.setattr(boxes, "_compute_curated", slowly(boxes._compute_curated))
    monkeypatch.setattr(boxes, "_compute_ranked", slowly(boxes._compute_ranked))
    clear_own_keys(cache)
    shown, start = [], threading.Barrier(4)

    def render():
        start.wait()
        try:
            found = boxes.side_boxes()
            # Each box is read when shown: read those the two drawings make.
            shown.append(
                {
                    "top_news": list(found["top_news"]),
                    "news_plant": list(found["news_plant"]),
                    "most_viewed": dict(found["most_viewed"]),
                }
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=render) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(shown) == 4
    assert sorted(drawn) == ["_compute_curated", "_compute_ranked"]
    assert all(box["most_viewed"] == shown[0]["most_viewed"] for box in shown)
