"""Each page costs a fixed number of queries, however many articles it lists."""

import pytest
from django.core.cache import cache

from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 1),  # sections (nav); the lists come from the cached front-page fragment
        ("/section/economy/", 6),  # section, its sub-sections, count, page + photos, nav
        ("/tag/%EA%B8%88%EB%A6%AC/", 5),  # tag, count, page + photos, nav
        ("/reporter/jiwoo-han/", 5),  # reporter, count, page + photos, nav
    ],
)
def test_list_pages_query_count(client, django_assert_num_queries, newsroom_data, url, queries):
    client.get(url)  # fills the shared side-box cache
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_front_page_and_side_boxes_cost_a_fixed_number_of_queries_when_computed(
    client, django_assert_num_queries, newsroom_data
):
    cache.clear()
    # nav, latest + photos, top sections + their sub-sections, one section's latest + photos;
    # then the four boxes
    with django_assert_num_queries(7 + 7):
        client.get("/")


def test_front_page_shows_new_articles_once_its_cache_expires(client, newsroom_data):
    client.get("/")
    make_article("방금 출고된 속보")
    assert "방금 출고된 속보" not in client.get("/").content.decode()  # still the cached page

    cache.clear()  # what FRONT_PAGE_CACHE_SECONDS does by itself
    assert "방금 출고된 속보" in client.get("/").content.decode()
