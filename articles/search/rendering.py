"""Showing results: each found article's headline and excerpt with the query's words marked,
the count and the page links, every value escaped."""

import functools
import html
import re

from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.body import plain_text
from articles.models import Article
from articles.search.query import MAX_QUERY_LENGTH
from articles.templatetags.news_time import news_time
from articles.templatetags.paging import page_nav


def _run_pattern(run):
    # The index drops the spaces inside a run (배터리 셀 is found as 배터리셀): so may the mark.
    return r"\s*".join(re.escape(character) for character in run)


def _form_pattern(term, form):
    if len(form) == 1 and len(form[0]) == 1:  # C++: the run alone would mark every c
        return re.escape(term.typed)
    return r"[\W_]+".join(_run_pattern(run) for run in form)


def _pattern(query):
    """What the query finds, as one group (so that split() keeps the finds); the longest
    first, so that the whole word is marked rather than its stem."""
    found = {_form_pattern(term, form) for term in query.terms for form in term.forms}
    if not found:
        return None
    return re.compile(f"({'|'.join(sorted(found, key=len, reverse=True))})", re.IGNORECASE)


# Noncharacters (never text; taken out of it first) standing for <mark> and </mark> while the
# text is escaped in one piece.
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"


def _marked(text, pattern):
    """`text` escaped, with what `pattern` finds wrapped in <mark> (a plain str)."""
    if _OPEN in text or _CLOSE in text:
        text = text.replace(_OPEN, "").replace(_CLOSE, "")
    if pattern is not None:
        pieces = pattern.split(text)  # text, find, text, find, ..., text
        pieces[1::2] = [f"{_OPEN}{found}{_CLOSE}" for found in pieces[1::2]]
        text = "".join(pieces)
    return html.escape(text).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


@functools.lru_cache(maxsize=512)
def _words(deck, body):
    """The deck and body as one line of plain words. Kept for the articles searched most: it
    is the same for every query that finds them, and making it cost more than the rest of a
    result. Keyed by the texts themselves, so an edit is a new entry; 512 of them hold about
    6 MB of a real paper's articles in each worker."""
    return " ".join(f"{deck} {plain_text(body)}".split())


def _excerpt(found, pattern, *, before=40, after=90):
    """A few words of deck and body around the first place `pattern` is found, highlighted."""
    text = _words(found.deck, found.body)
    match = pattern.search(text) if pattern else None
    start = max(match.start() - before, 0) if match else 0
    stop = min(start + before + after, len(text))
    excerpt = ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else "")
    return _marked(excerpt, pattern)


@functools.lru_cache(maxsize=1024)
def _time(moment, zone):
    """{% news_time %} of a moment in the reader's `zone` (the current one, part of the key),
    kept for the articles found most."""
    return news_time(moment)


def result_items(found, query, *, tree):
    """The <li> of each result on a page, every value escaped.

    Built here rather than in a template loop, which cost most of an uncached search
    (docs/benchmark.md, "In the code"). `tree` is queries.sections.top_sections(), which names
    and links each result's section."""
    sections_by_id = {s.pk: s for top in tree for s in (top, *top.child_list)}
    pattern = _pattern(query)
    zone = timezone.get_current_timezone()
    address = Article.address_pattern()
    places = {}  # section id -> its link, made once per page
    items = []
    for article in found:
        if article.section_id not in places:
            section = sections_by_id.get(article.section_id)
            places[article.section_id] = (
                f'<a href="{html.escape(section.url)}">{html.escape(section.name)}</a>'
                if section is not None
                else ""
            )
        excerpt = _excerpt(article, pattern)
        items.append(
            '<li class="search-result">'
            f'<h2 class="search-result__title"><a href="{address.format(article.pk)}">'
            f"{_marked(article.title, pattern)}</a></h2>"
            + (f'<p class="search-result__snippet">{excerpt}</p>' if excerpt else "")
            + f'<p class="card__meta">{places[article.section_id]} '
            f"{_time(article.published_at, zone)}</p></li>"
        )
    return mark_safe("\n".join(items))  # every value escaped above


def results_block(query, *, page, results, kept_query):
    """Everything a search shows under its form: a note, or the count, the results and the
    page links; the same markup a template would draw, without a template's cost per value
    (the rest of the page is kept whole, articles/frames.py)."""
    notes = []
    if query.truncated:
        notes.append(
            f'<p class="search-note" role="status">검색어가 길어 앞의 {MAX_QUERY_LENGTH}자로 '
            "찾았습니다.</p>"
        )
    if not query.text:
        notes.append(
            '<p class="search-note">찾고 싶은 낱말을 입력하세요. 두 글자 이상이면 '
            "제목·부제·본문에서 찾습니다. 예: 금리, 환율, 증시. 둘 중 하나가 든 기사는 "
            '‘금리 OR 환율’, 붙어 있는 구절은 ‘"기준금리 동결"’처럼 따옴표로 찾습니다.</p>'
        )
        return mark_safe("\n".join(notes))
    if query.too_short:
        notes.append('<p class="search-note" role="status">두 글자 이상 입력해 주세요.</p>')
        return mark_safe("\n".join(notes))
    if query.date_error:
        notes.append(
            f'<p class="search-note search-note--error" id="search-date-error" role="alert">'
            f"{html.escape(query.date_error)}</p>"
        )
        return mark_safe("\n".join(notes))
    where = f"{html.escape(query.section.name)} · " if query.section else ""
    if query.has_dates:  # valid here: a bad date was answered above
        start = query.start.isoformat() if query.start else "처음"
        end = query.end.isoformat() if query.end else "오늘"
        where += f"{start} ~ {end} · "
    total = page.paginator.count
    items = results or (
        '<li class="search-result search-result--empty">'
        f"‘{html.escape(query.text)}’ 검색 결과가 없습니다. 다른 낱말로 찾아보세요.</li>"
    )
    notes.append(
        f'<p class="search-count" role="status">{where}검색 결과 {total}건</p>\n'
        f'<ol class="search-results">\n{items}\n</ol>'
    )
    if page.paginator.num_pages > 1:
        notes.append(
            page_nav(
                page.number,
                page.paginator.num_pages,
                lambda number: f"?{kept_query}" if number == 1 else f"?{kept_query}&page={number}",
            )
        )
    return mark_safe("\n".join(notes))  # every value escaped above
