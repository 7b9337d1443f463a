"""검색: Korean substring search from the bigram index, on SQLite and on PostgreSQL.

Runs against whichever database the suite runs on (DATABASE_URL): every test holds for both.
"""

import random
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import search
from articles.body import plain_text
from articles.models import Article, published_sql
from newsroom.cache import frames
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

URL = "/search/"
RESULT_LINK = re.compile(r'<h2 class="search-result__title"><a href="/news/(\d+)/">')


def found_ids(response):
    assert response.status_code == 200
    return [int(pk) for pk in RESULT_LINK.findall(response.content.decode())]


def all_found(client, **params):
    """Every result of a query, following the pages the way a reader does."""
    ids, page = [], 1
    while True:
        response = client.get(URL, {**params, "page": page})
        ids += found_ids(response)
        if 'rel="next"' not in response.content.decode():
            return ids
        page += 1


def total_shown(response):
    match = re.search(r"검색 결과 (\d+)건", response.content.decode())
    return int(match.group(1)) if match else None


def text_of(article):
    """The article's text as search reads it: spaces between words do not count (Korean
    spacing varies), line breaks between headline, deck lines and paragraphs do."""
    text = f"{article.title}\n{article.deck}\n{plain_text(article.body)}"
    return re.sub(r"[^\S\n]+", "", text)


SYLLABLES = "금리환율증시"


@pytest.fixture
def corpus():
    """Sixty articles of random words over six syllables, in title, deck and paragraphs."""
    rng = random.Random(8)
    section = make_section("경제", slug="economy")
    now = timezone.now()

    def words(count):
        return " ".join(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(count)
        )

    articles = []
    for number in range(60):
        paragraphs = "".join(f"<p>{words(rng.randint(1, 4))}</p>" for _ in range(3))
        articles.append(
            make_article(
                words(2),
                deck=words(2),
                body=paragraphs,
                section=section,
                published_at=now - timedelta(minutes=number * 7 + rng.randint(0, 5)),
            )
        )
    return articles


def expected(articles, query):
    """The articles whose text holds the query, newest first: the definition of the result."""
    holding = [a for a in articles if query in text_of(a)]
    return [a.pk for a in sorted(holding, key=lambda a: (a.published_at, a.pk), reverse=True)]


def test_every_two_syllable_query_finds_exactly_the_articles_containing_it(client, corpus):
    queries = [a + b for a in SYLLABLES for b in SYLLABLES]
    checked = 0
    for query in queries:
        wanted = expected(corpus, query)
        assert all_found(client, q=query) == wanted, query
        checked += bool(wanted)
    assert checked > 20  # the corpus really holds most pairs: the comparison means something


def test_longer_queries_find_the_whole_string_not_just_its_pairs(client, corpus):
    rng = random.Random(3)
    for _ in range(30):
        query = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5)))
        assert all_found(client, q=query) == expected(corpus, query), query


def test_a_match_spans_spaces_but_never_punctuation_or_two_paragraphs(client):
    spaced = make_article("기준 금리 동결", body="<p>시장은 환</p><p>율을 본다</p>")
    joined = make_article("한국은행 기준금리 동결", body="<p>환율이 올랐다</p>")
    make_article("기준, 금리", body="<p>동결</p>")
    assert found_ids(client.get(URL, {"q": "환율"})) == [joined.pk]
    assert set(found_ids(client.get(URL, {"q": "기준금리"}))) == {spaced.pk, joined.pk}


def test_every_word_of_a_query_must_be_there(client):
    both = make_article("금리와 환율이 함께 움직였다")
    make_article("금리만 나오는 기사")
    make_article("환율만 나오는 기사")
    assert found_ids(client.get(URL, {"q": "금리 환율"})) == [both.pk]


def test_case_and_width_do_not_matter(client):
    article = make_article("KOSPI 2,600선 회복", body="<p>ＥＴＦ 자금 유입</p>")
    assert found_ids(client.get(URL, {"q": "kospi"})) == [article.pk]
    assert found_ids(client.get(URL, {"q": "etf"})) == [article.pk]


def test_drafts_reviews_archived_and_scheduled_articles_are_never_found(client):
    now = timezone.now()
    public = make_article("금리 공개 기사")
    make_article("금리 작성 중", status=Article.Status.DRAFT)
    make_article("금리 검토 요청", status=Article.Status.REVIEW)
    make_article("금리 보관", status=Article.Status.ARCHIVED, published_at=now - timedelta(days=1))
    scheduled = make_article("금리 예약 기사", published_at=now + timedelta(hours=2))
    response = client.get(URL, {"q": "금리"})
    assert found_ids(response) == [public.pk]
    assert total_shown(response) == 1
    # Its time comes without any write: the index already holds it under its time.
    later = search.Results(search.Query.parse("금리"), now=now + timedelta(hours=3))
    assert later.count() == 2
    assert [a.pk for a in later[0:20]] == [scheduled.pk, public.pk]


def in_index(word):
    """How many entries the index itself holds for a word (before the publication rule)."""
    return search.Results(search.Query.parse(word), now=timezone.now() + timedelta(days=1)).count()


def test_the_index_follows_edits_unpublishing_and_deletion(client):
    article = make_article("환율 급등", deck="달러 강세")
    assert found_ids(client.get(URL, {"q": "환율"})) == [article.pk]

    article.title = "증시 반등"
    article.save()
    assert found_ids(client.get(URL, {"q": "증시"})) == [article.pk]
    # The old words are gone from the index itself, not just hidden from the page.
    assert (in_index("환율"), in_index("급등"), in_index("달러")) == (0, 0, 1)

    article.status = Article.Status.DRAFT
    article.save()
    assert found_ids(client.get(URL, {"q": "증시"})) == []
    # Every word of it, to the last of the body.
    assert (in_index("증시"), in_index("달러"), in_index("문단"), in_index("니다")) == (0, 0, 0, 0)

    article.status = Article.Status.PUBLISHED
    article.save()
    assert found_ids(client.get(URL, {"q": "증시"})) == [article.pk]

    other = make_article("증시 마감", section=article.section)
    article.delete()
    assert found_ids(client.get(URL, {"q": "증시"})) == [other.pk]
    assert (in_index("증시"), in_index("반등"), in_index("마감")) == (1, 0, 1)

    # What the migration does on a database that already has articles.
    search.rebuild(Article.objects.all())
    assert found_ids(client.get(URL, {"q": "증시"})) == [other.pk]
    assert (in_index("증시"), in_index("반등")) == (1, 0)


def test_a_save_of_some_fields_reindexes_only_when_they_are_searched(
    django_assert_num_queries,
):
    article = make_article("환율 급등")
    article.seo_title = "검색 제목"
    with django_assert_num_queries(1):  # the UPDATE, nothing for the index
        article.save(update_fields=["seo_title"])
    article.title = "증시 반등"
    article.save(update_fields=["title"])
    assert (in_index("환율"), in_index("증시")) == (0, 1)


def test_results_are_newest_first_by_publication_time_not_by_id(client):
    now = timezone.now()
    older = make_article("금리 오래된 기사", published_at=now - timedelta(days=3))
    newest = make_article("금리 가장 새 기사", published_at=now - timedelta(minutes=5))
    middle = make_article("금리 중간 기사", published_at=now - timedelta(days=1))
    assert found_ids(client.get(URL, {"q": "금리"})) == [newest.pk, middle.pk, older.pk]


def test_results_are_paginated_and_the_links_keep_the_query_and_filters(client):
    section = make_section("경제", slug="economy")
    now = timezone.now()
    articles = [
        make_article(f"금리 기사 {n}", section=section, published_at=now - timedelta(minutes=n))
        for n in range(25)
    ]
    first = client.get(URL, {"q": "금리", "section": "economy", "period": "1w"})
    assert found_ids(first) == [a.pk for a in articles[:20]]
    assert total_shown(first) == 25
    html = first.content.decode()
    assert 'href="?q=%EA%B8%88%EB%A6%AC&amp;section=economy&amp;period=1w&amp;page=2"' in html
    second = client.get(URL, {"q": "금리", "section": "economy", "period": "1w", "page": 2})
    assert found_ids(second) == [a.pk for a in articles[20:]]
    assert client.get(URL, {"q": "금리", "page": 3}).status_code == 404


def test_the_query_is_marked_and_everything_is_escaped(client):
    article = make_article(
        "금리 <script>alert(1)</script> 인상",
        deck="시장 <b>금리</b> 부제",
        body="<p>한국은행이 기준금리를 올렸다. &lt;img src=x onerror=alert(2)&gt;</p>",
    )
    response = client.get(URL, {"q": "금리 <script>"})
    html = response.content.decode()
    assert found_ids(response) == [article.pk]
    assert "<script>" not in html
    assert "<img src=x" not in html
    assert "금리 &lt;script&gt;" in html  # the query shown back, escaped
    assert "<mark>금리</mark> &lt;<mark>script</mark>&gt;alert(1)" in html
    assert "기준<mark>금리</mark>를" in html
    assert "‘금리 &lt;script&gt;’ 검색 결과" in html


def test_section_filter_takes_a_top_section_with_its_sub_sections(client):
    economy = make_section("경제", slug="economy")
    finance = make_section("금융", slug="finance", parent=economy)
    other = make_section("산업", slug="industry")
    top = make_article("금리 경제", section=economy)
    sub = make_article("금리 금융", section=finance)
    make_article("금리 산업", section=other)
    assert set(found_ids(client.get(URL, {"q": "금리", "section": "economy"}))) == {top.pk, sub.pk}
    narrow = client.get(URL, {"q": "금리", "section": "finance"})
    assert found_ids(narrow) == [sub.pk]
    assert '<option value="finance" selected>· 금융</option>' in narrow.content.decode()
    assert len(found_ids(client.get(URL, {"q": "금리", "section": "nowhere"}))) == 3


def test_period_filter(client):
    now = timezone.now()
    today = make_article("환율 오늘", published_at=now - timedelta(hours=2))
    week = make_article("환율 닷새 전", published_at=now - timedelta(days=5))
    year = make_article("환율 석 달 전", published_at=now - timedelta(days=90))
    old = make_article("환율 두 해 전", published_at=now - timedelta(days=800))
    shown = {
        period: found_ids(client.get(URL, {"q": "환율", "period": period}))
        for period in ("1d", "1w", "1m", "1y", "")
    }
    assert shown == {
        "1d": [today.pk],
        "1w": [today.pk, week.pk],
        "1m": [today.pk, week.pk],
        "1y": [today.pk, week.pk, year.pk],
        "": [today.pk, week.pk, year.pk, old.pk],
    }


def test_an_empty_query_gets_a_helpful_page(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "찾고 싶은 낱말을 입력하세요" in response.content.decode()
    assert "<title>기사 검색" in response.content.decode()


@pytest.mark.parametrize("query", ["금", " 금 ", "a", "1", "%", "금 리", "!!", "OR"])
def test_a_one_character_query_asks_for_two(client, query):
    make_article("금리 기사")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "두 글자 이상 입력해 주세요" in response.content.decode()
    assert found_ids(response) == []


def test_a_very_long_query_is_cut_with_a_message(client):
    make_article("금리 기사")
    query = "금리" + "가" * 9998
    response = client.get(URL, {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"앞의 {search.MAX_QUERY_LENGTH}자로 찾았습니다" in html
    kept = query[: search.MAX_QUERY_LENGTH]
    assert f'value="{kept}"' in html
    assert kept + "가" not in html


BAD_QUERIES = [
    '"금리"',
    "금리*",
    "NEAR(금리 환율)",
    "금리 OR 환율",
    "-금리",
    "금리 AND NOT 환율",
    "'; DROP TABLE articles_article; --",
    "금리' OR '1'='1",
    "%",
    "%%금리%",
    "\\",
    "\\금리\\",
    "금리\x00환율",
    "^금리$",
    "{금리}",
    "금리:*",
    "'금리' <-> '환율'",
    "금리 & 환율 | !증시",
    "\ue000금리\ue001s1",
    "🙂🙂",
    "ᄀᆞᆷ리",
    "x" * 10_000,
    "금" * 10_000,
    "금리 " * 3_000,
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_get_a_normal_page(client, query):
    make_article("금리 환율 증시")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    # Nothing typed becomes markup: the page's only scripts are its own static files.
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts and all(
        re.fullmatch(r'<script src="/static/[^"]+"( defer)?>', s) for s in scripts
    )


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%ff",
        "q=%ff%fe%fd",
        "q=%ed%a0%80%ed%b0%80",  # an encoded surrogate pair: not UTF-8
        "q=%c0%af",
        "q=%EA%B8",  # half a syllable
        "q=%00",
        "q=%EA%B8%88%EB%A6%AC&q=%ff",
        "q[]=x",
        "section=%ff&period=%ff&q=%EA%B8%88%EB%A6%AC",
        "q=%EA%B8%88%EB%A6%AC&section=%27%3B--&period=1x",
    ],
)
def test_invalid_utf8_and_odd_parameters_get_a_normal_page(client, query_string):
    make_article("금리 기사")
    response = client.get(f"{URL}?{query_string}")
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["last", "2", "1000"])
def test_pages_past_the_results_get_404(client, page):
    make_article("금리 기사")
    response = client.get(f"{URL}?q=%EA%B8%88%EB%A6%AC&page={page}")
    assert response.status_code == 404


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "99999999999999999999", "1e3", "%ff"])
def test_what_is_no_page_number_is_dropped_like_any_made_up_parameter(client, page):
    article = make_article("금리 기사")
    response = client.get(f"{URL}?q=%EA%B8%88%EB%A6%AC&page={page}")
    assert found_ids(response) == [article.pk]


@pytest.mark.parametrize("page", ["1", "", " 1", "１"])
def test_page_one_in_any_spelling_is_the_first_page(client, page):
    article = make_article("금리 기사")
    response = client.get(URL, {"q": "금리", "page": page})
    assert found_ids(response) == [article.pk]


def test_a_search_costs_one_to_three_queries_however_many_results(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE = False  # every request below searches
    section = make_section("경제", slug="economy")
    for n in range(30):
        make_article(f"금리 환율 기사 {n}", section=section, photos=0)
    client.get(URL, {"q": "증시"})  # the section tree and the side boxes, shared by all pages
    with django_assert_num_queries(2):  # the count in the period; the page's ids and articles
        response = client.get(URL, {"q": "금리", "section": "economy", "period": "1m"})
    assert len(found_ids(response)) == 20
    with django_assert_num_queries(3):  # the count, the matches not yet due, the page
        assert len(found_ids(client.get(URL, {"q": "환율"}))) == 20
    with django_assert_num_queries(1):  # the count is kept until the site changes
        assert len(found_ids(client.get(URL, {"q": "환율", "page": 2}))) == 10
    with django_assert_num_queries(0):  # nothing to look for, nothing asked
        client.get(URL, {"q": "금"})


def test_the_search_page_is_public_for_a_cdn_but_never_stale(client):
    make_article("증시 첫 기사")
    first = client.get(URL, {"q": "증시"})
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    assert first.cookies == {} or not first.cookies
    make_article("증시 둘째 기사")
    assert total_shown(client.get(URL, {"q": "증시"})) == 2


def test_the_server_keeps_only_so_many_new_search_pages(
    client, settings, django_assert_num_queries
):
    settings.SEARCH_PAGE_STORE_RATE = "2/m"
    make_article("금리 환율 증시")
    for query in ("금", "금리", "환율", "증시"):  # the hint is not kept and spends nothing
        client.get(URL, {"q": query})
    # 증시 is not kept, so it is searched again: its page only (its count is kept from before).
    for query, queries in (("금리", 0), ("환율", 0), ("증시", 1)):
        with django_assert_num_queries(queries):
            assert total_shown(client.get(URL, {"q": query})) == 1


def test_the_header_has_a_labelled_search_box(client):
    html = client.get("/").content.decode()
    assert '<form class="masthead__search" role="search" action="/search/" method="get">' in html
    assert '<label class="visually-hidden" for="site-search">기사 검색</label>' in html
    assert 'id="site-search"' in html and 'name="q"' in html


def test_the_title_names_the_query(client):
    make_article("환율 기사")
    html = client.get(URL, {"q": "환율"}).content.decode()
    assert "<title>‘환율’ 검색 결과" in html
    assert '<h1 class="page-title">‘환율’ 검색 결과</h1>' in html


def test_the_index_is_used(corpus):
    sql, params = search.page_sql(search.Query.parse("금리"))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "VIRTUAL TABLE INDEX" in plan and search.TABLE in plan, plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on {search.TABLE}_grams_idx" in plan, plan


def test_demo_archive_articles_are_in_the_index(client):
    call_command("load_demo", "--articles", "60", stdout=StringIO(), stderr=StringIO())
    published = list(Article.objects.published())
    assert len(published) == 60
    for query in ("금리", "환율", "수출"):
        wanted = expected(published, query)
        assert wanted, query
        response = client.get(URL, {"q": query})
        assert total_shown(response) == len(wanted)
        assert found_ids(response) == wanted[:20]


def test_the_page_statement_keeps_the_publication_rule(client):
    """The search reads its rows in SQL of its own (articles.models.published_sql): it must
    agree with Article.objects.published() on every state an article can be in."""
    now = timezone.now()
    for status in Article.Status:
        for published_at in (now - timedelta(days=1), now + timedelta(hours=1), None):
            make_article(f"금리 {status.label}", status=status, published_at=published_at)
    rule, params = published_sql(connection, now=now, table="article")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Article._meta.db_table} AS article WHERE {rule}", params)
        by_sql = {row[0] for row in cursor.fetchall()}
    assert by_sql == set(Article.objects.published(now).values_list("pk", flat=True))
    assert by_sql  # the published article of yesterday at least


def test_a_kept_search_page_is_the_page_drawn_afresh(client, settings):
    make_article("금리 오른다", deck="기준금리 부제")
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.SIDE_BOXES_CACHE_SECONDS = 300
    first = client.get(URL, {"q": "금리"}).content
    kept = client.get(URL, {"q": "금리"}).content  # set into the kept page
    other = client.get(URL, {"q": "부제"}).content.decode()
    settings.FRAGMENT_CACHE_SECONDS = 0
    afresh = client.get(URL, {"q": "금리"}).content
    assert first == kept == afresh
    assert "<title>‘부제’ 검색 결과" in other and 'value="부제"' in other
    assert "<mark>부제</mark>" in other and "<mark>금리</mark>" not in other


def test_a_query_holding_a_slot_marker_changes_nothing_else(client, settings):
    """The kept page is cut at markers before the query is set in: a reader who types one
    (here the real marker of this process) gets it back as text, in its place only."""
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.SIDE_BOXES_CACHE_SECONDS = 300
    article = make_article("금리 기사")
    client.get(URL, {"q": "환율"})  # the page is kept
    marker = frames._Slots()["results"]
    response = client.get(URL, {"q": f"금리 {marker}<b>"})
    html = response.content.decode()
    assert found_ids(response) == []  # every word must be there
    assert html.count('<ol class="search-results">') == 1
    assert html.count("<title>") == 1 and html.count('<h1 class="page-title">') == 1
    assert f"‘금리 {marker}&lt;b&gt;’ 검색 결과" in html
    assert "<b>" not in html
    assert found_ids(client.get(URL, {"q": "금리"})) == [article.pk]


def test_the_kept_page_follows_section_period_tab_and_edits(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.SIDE_BOXES_CACHE_SECONDS = 300
    economy = make_section("경제", slug="economy")
    make_article("금리 기사", section=economy)
    chosen = client.get(URL, {"q": "금리", "section": "economy", "period": "1w"})
    html = chosen.content.decode()
    assert '<option value="economy" selected>경제</option>' in html
    assert '<option value="1w" selected>1주</option>' in html
    html = client.get(URL, {"q": "금리"}).content.decode()
    assert '<option value="economy">경제</option>' in html
    assert '<option value="" selected>전체</option>' in html
    html = client.get(URL, {"q": "금리", "most": "7d"}).content.decode()
    assert '<a href="?most=7d#most-viewed" data-tab="7d" aria-current="true">' in html
    economy.name = "경제·금융"
    economy.save()  # an editorial change: every kept page is drawn again
    html = client.get(URL, {"q": "금리"}).content.decode()
    assert '<option value="economy">경제·금융</option>' in html


def test_kept_counts_follow_every_change_to_the_index(client, settings):
    """A query's count is kept between requests under the site's version; every write to the
    index, through a save or straight to it (the demo's bulk load), makes a new one."""
    settings.FRAGMENT_CACHE_SECONDS = 300

    def count():
        return total_shown(client.get(URL, {"q": "금리"}))

    first = make_article("금리 첫 기사")
    assert count() == 1
    second = make_article("금리 둘째 기사")
    assert count() == 2
    first.status = Article.Status.DRAFT
    first.save()
    assert count() == 1
    search.remove_articles([second.pk])
    assert count() == 0
    search.index_articles([second])
    assert count() == 1
    now = timezone.now()
    make_article("금리 예약 기사", published_at=now + timedelta(hours=2))
    assert count() == 1  # not yet due
    assert search.Results(search.Query.parse("금리"), now=now + timedelta(hours=3)).count() == 2
    second.delete()
    assert count() == 0
