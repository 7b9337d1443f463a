"""검색 as a Korean reader types: spacing, particles, symbols, OR, phrases, 정확도순 and dates.

Runs against whichever database the suite runs on (DATABASE_URL): every test holds for both.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article

pytestmark = pytest.mark.django_db

URL = "/search/"
RESULT_LINK = re.compile(r'<h2 class="search-result__title"><a href="/news/(\d+)/">')


def found(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [int(pk) for pk in RESULT_LINK.findall(response.content.decode())]


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_word_typed_without_its_space_finds_the_spaced_text_and_back(client):
    spaced = make_article("청람 배터리 셀 공급 늘린다")
    joined = make_article("배터리셀 수출 첫 달")
    make_article("배터리 공장과 셀 공장은 따로 짓는다", body="<p>셀</p>")
    assert set(found(client, q="배터리셀")) == {spaced.pk, joined.pk}
    assert spaced.pk in found(client, q="배터리 셀")
    assert joined.pk in found(client, q="배터리 셀")
    # The mark takes in the space, as the match did.
    assert "청람 <mark>배터리 셀</mark> 공급" in page(client, q="배터리셀")


def test_a_match_still_stops_at_punctuation_and_paragraphs(client):
    make_article("금리, 환율", body="<p>시장은 배터리</p><p>셀을 본다</p>")
    assert found(client, q="금리환율") == []
    assert found(client, q="배터리셀") == []


@pytest.mark.parametrize(
    "query", ["청람배터리의", "청람배터리는", "청람배터리가", "청람배터리에서", "청람배터리와"]
)
def test_a_particle_at_the_end_of_a_word_is_looked_past(client, query):
    article = make_article("청람배터리 3분기 실적 발표")
    assert found(client, q=query) == [article.pk]


def test_particles_stacked_two_deep_are_looked_past(client):
    article = make_article("청람배터리 3분기 실적 발표")
    assert found(client, q="청람배터리에서는") == [article.pk]
    assert found(client, q="청람배터리로도") == [article.pk]
    assert found(client, q="청람배터리와의") == [article.pk]


def test_only_particles_that_stack_are_taken_off_two_deep(client):
    wealthy = make_article("자산가 늘어")
    make_article("가계 자산 늘어")
    assert found(client, q="자산가의") == [wealthy.pk]


def test_a_word_that_merely_ends_in_a_particle_syllable_keeps_its_meaning(client):
    nation = make_article("국가 경제 회의")
    make_article("국민 경제 회의")
    price = make_article("주가 급등")
    make_article("주식 시장")
    assert found(client, q="국가") == [nation.pk]
    assert found(client, q="주가") == [price.pk]
    # The whole word and its stripped form are both searched: nothing with the word is lost.
    wealthy = make_article("자산가 늘어")
    assets = make_article("가계 자산 늘어")
    assert set(found(client, q="자산가")) == {wealthy.pk, assets.pk}


@pytest.mark.parametrize("query", ["0.1%p", "C++", "3.5%", "S&P"])
def test_symbols_count_toward_the_length_of_what_was_typed(client, query):
    html = page(client, q=query)
    assert "두 글자 이상 입력해 주세요" not in html
    assert "검색 결과" in html


def test_a_figure_with_its_symbols_is_found(client):
    cut = make_article("기준금리 0.1%p 인하")
    make_article("기준금리 0.2%p 인하")
    assert found(client, q="0.1%p") == [cut.pk]


def test_a_language_name_with_symbols_is_found(client):
    language = make_article("C++ 개발자 모집 늘어")
    make_article("자바 개발자 모집 늘어")
    assert found(client, q="C++") == [language.pk]


def test_or_finds_either_word(client):
    rate = make_article("금리 동결")
    exchange = make_article("환율 급등")
    make_article("증시 하락", body="<p>OR 게이트</p>")
    assert set(found(client, q="금리 OR 환율")) == {rate.pk, exchange.pk}
    assert set(found(client, q="금리 or 환율")) == set()  # only OR in capitals is the operator


def test_or_binds_tighter_than_the_space(client):
    both = make_article("반도체 금리 영향")
    make_article("반도체 수출 늘어")
    other = make_article("반도체 환율 영향")
    make_article("금리 동결")
    assert set(found(client, q="반도체 금리 OR 환율")) == {both.pk, other.pk}


def test_quotes_ask_for_the_words_together_in_that_order(client):
    exact = make_article("정확한 구절이 들어간 기사")
    make_article("구절이 정확한 기사")
    make_article("정확한 기사의 다른 구절")
    assert found(client, q='"정확한 구절"') == [exact.pk]
    assert len(found(client, q="정확한 구절")) == 3


def test_relevance_order_puts_a_headline_match_before_a_newer_passing_mention(client):
    now = timezone.now()
    headline = make_article("환율 급등에 수입 물가 비상", published_at=now - timedelta(days=2))
    passing = make_article(
        "수출 기업 실적 개선",
        body="<p>" + "반도체 수출이 늘었다. " * 30 + "환율도 거론됐다.</p>",
        published_at=now - timedelta(hours=1),
    )
    assert found(client, q="환율") == [passing.pk, headline.pk]
    assert found(client, q="환율", sort="relevance") == [headline.pk, passing.pk]
    html = page(client, q="환율", sort="relevance")
    assert '<option value="relevance" selected>정확도순</option>' in html
    assert '<option value="">최신순</option>' in html


def test_a_custom_date_range(client):
    now = timezone.localtime()
    inside = make_article("환율 열흘 전", published_at=now - timedelta(days=10))
    make_article("환율 사흘 전", published_at=now - timedelta(days=3))
    make_article("환율 한 달 전", published_at=now - timedelta(days=30))
    start = (now - timedelta(days=12)).date().isoformat()
    end = (now - timedelta(days=8)).date().isoformat()
    assert found(client, q="환율", **{"from": start, "to": end}) == [inside.pk]
    html = page(client, q="환율", **{"from": start, "to": end})
    assert f'value="{start}"' in html and f'value="{end}"' in html
    assert f"{start} ~ {end} · 검색 결과 1건" in html
    # A range that ends today takes in the whole of today.
    today = make_article("환율 방금", published_at=now - timedelta(minutes=1))
    assert today.pk in found(client, q="환율", **{"from": now.date().isoformat()})


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-13-40", ""), ("어제", ""), ("", "2026-02-30"), ("2026/01/01", "")],
)
def test_a_bad_date_gets_a_korean_message_and_keeps_what_was_typed(client, start, end):
    make_article("환율 기사")
    response = client.get(URL, {"q": "환율", "from": start, "to": end})
    assert response.status_code == 200
    html = response.content.decode()
    assert "날짜를 2026-01-31처럼 연-월-일로 입력해 주세요." in html
    typed = start or end
    assert f'value="{typed}"' in html
    assert RESULT_LINK.findall(html) == []


def test_a_reversed_range_gets_a_korean_message(client):
    make_article("환율 기사")
    html = page(client, q="환율", **{"from": "2026-03-01", "to": "2026-02-01"})
    assert "시작일이 종료일보다 늦습니다. 날짜를 바꿔 입력해 주세요." in html
    assert 'value="2026-03-01"' in html and 'value="2026-02-01"' in html
    assert RESULT_LINK.findall(html) == []
