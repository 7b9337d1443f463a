"""What the reader asked, cleaned: the text shown back, the terms searched, the filters.

A query is words and "quoted phrases", every one of which must be found; `OR` (in capitals,
as most search engines write it) between two of them asks for either. A word is found
wherever its letters and digits are, spaces in the text aside (articles/search/text.py); a
phrase is its words together and in order. A word that ends in a common particle (청람배터리의,
금리는, 서울에서) is also searched without it, or without two where they stack
(청람배터리에서는), as long as two characters are left: 국가 or 주가 stay themselves. Since the
search finds text containing what is asked, the stripped form finds everything the whole word
does; an article holding the whole word matches both, which 정확도순 weighs.

What counts toward the two-character minimum is what the reader typed, symbols included:
"0.1%p" and "C++" are searches. Their letters and digits are found as they stand, run after
run ("0.1%p" is 0, then 1, then p…); a term that is only symbols finds nothing.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from articles.search.text import runs, second_key

MAX_QUERY_LENGTH = 100
MIN_TYPED = 2  # characters of a word or phrase as typed, spaces aside

PERIODS = {
    "1d": ("1일", timedelta(days=1)),
    "1w": ("1주", timedelta(weeks=1)),
    "1m": ("1개월", timedelta(days=31)),
    "1y": ("1년", timedelta(days=366)),
    "": ("전체", None),
}

SORTS = {"": "최신순", "relevance": "정확도순"}
RELEVANCE = "relevance"

# Longest first, so that 에서 goes before 에 and 으로 before 로.
PARTICLES = sorted(
    ("은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "로", "와", "과", "도", "만"),
    key=len,
    reverse=True,
)
# Two stacked: a case particle, then one of those that may follow it (에서는, 으로도, 과의,
# 에만). Only these pairs: 자산가의 is 자산가 with 의, never 자산 with 가 and 의.
OUTER = ("은", "는", "도", "만", "의")
INNER = ("에서", "으로", "에", "로", "와", "과", "만")

BAD_DATE = "날짜를 2026-01-31처럼 연-월-일로 입력해 주세요."
REVERSED_DATES = "시작일이 종료일보다 늦습니다. 날짜를 바꿔 입력해 주세요."
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# A quoted phrase (its closing quote may be missing), or a run of anything but spaces.
TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
OR = "OR"


def _strip(run, particles):
    """`run` without the first of `particles` it ends in, if two characters are left."""
    for particle in particles:
        if run.endswith(particle) and len(run) - len(particle) >= MIN_TYPED:
            return run[: -len(particle)]
    return None


def _without_particles(run):
    """The shorter forms of `run` once its particles are taken off: one (청람배터리의 →
    청람배터리), or two stacked (청람배터리에서는 → 청람배터리에서, 청람배터리)."""
    forms = []
    once = _strip(run, PARTICLES)
    if once is not None:
        forms.append(once)
        last = next(particle for particle in PARTICLES if run.endswith(particle))
        twice = _strip(once, INNER) if last in OUTER else None
        if twice is not None:
            forms.append(twice)
    return forms


@dataclass(frozen=True)
class Term:
    """One word or phrase: its text as typed, and the forms that find it, each a tuple of
    runs of letters and digits found one right after another (most often just one run)."""

    typed: str
    forms: tuple

    @classmethod
    def parse(cls, typed, *, phrase):
        found = runs(typed)
        if len("".join(typed.split())) < MIN_TYPED or not found:
            return None
        forms = [tuple(found)]
        if not phrase:
            *before, last = found
            forms += [(*before, shorter) for shorter in _without_particles(last)]
        return cls(typed=typed, forms=tuple(forms))


@dataclass
class Query:
    """What the reader asked, cleaned: the text shown back, the clauses searched (every clause
    must be found; a clause is found when one of its terms is), the filters."""

    text: str = ""
    clauses: list = field(default_factory=list)
    truncated: bool = False
    too_short: bool = False
    section: object = None  # a Section of the tree (articles.sections), or None
    period: str = ""
    sort: str = ""
    start: date | None = None
    end: date | None = None
    typed_start: str = ""
    typed_end: str = ""
    date_error: str = ""

    @classmethod
    def parse(cls, raw, *, section=None, period="", sort="", start="", end=""):
        raw = (raw or "").replace("\x00", "").strip()
        truncated = len(raw) > MAX_QUERY_LENGTH
        text = raw[:MAX_QUERY_LENGTH].strip()
        clauses = _clauses(text)
        query = cls(
            text=text,
            clauses=clauses,
            truncated=truncated,
            too_short=bool(text) and not clauses,
            section=section,
            period=period if period in PERIODS else "",
            sort=sort if sort in SORTS else "",
            typed_start=(start or "").strip()[:20],
            typed_end=(end or "").strip()[:20],
        )
        query._read_dates()
        return query

    def _read_dates(self):
        try:
            self.start = _date(self.typed_start)
            self.end = _date(self.typed_end)
        except ValueError:
            self.date_error = BAD_DATE
            return
        if self.start and self.end and self.start > self.end:
            self.date_error = REVERSED_DATES

    @property
    def has_dates(self):
        return bool(self.typed_start or self.typed_end)

    @property
    def searchable(self):
        return bool(self.clauses) and not self.date_error

    @property
    def terms(self):
        return [term for clause in self.clauses for term in clause]

    def signature(self):
        """What the index is asked, as a string (a cache key's part)."""
        return repr(([[term.forms for term in clause] for clause in self.clauses],))

    def key_range(self, now):
        """The lowest and highest index keys of the chosen period or dates, up to now."""
        if self.has_dates:
            zone = timezone.get_current_timezone()
            low = 0
            high = second_key(now, last=True)
            if self.start:
                low = second_key(datetime.combine(self.start, time.min, zone), last=False)
            if self.end:
                day_end = datetime.combine(self.end, time.max, zone)
                high = min(high, second_key(day_end, last=True))
            return low, high
        low = 0
        span = PERIODS[self.period][1]
        if span is not None:
            low = second_key(now - span, last=False)
        return low, second_key(now, last=True)

    def ends_now(self):
        """True when the range runs up to now (its count may come from the kept one)."""
        return self.end is None or self.end >= timezone.localdate()

    def section_ids(self):
        if self.section is None:
            return None
        return list(getattr(self.section, "family_ids", None) or [self.section.pk])


def _date(typed):
    if not typed:
        return None
    if not DATE.fullmatch(typed):
        raise ValueError(typed)
    return date.fromisoformat(typed)


def _clauses(text):
    """[[Term, ...], ...]: the terms of each clause, `OR` joining the terms on either side."""
    clauses = []
    joining = False
    tokens = list(TOKEN.finditer(text))
    for position, token in enumerate(tokens):
        phrase, word = token.group(1), token.group(2)
        if word == OR:  # an operator between two terms, and no word to look for elsewhere
            joining = bool(clauses) and position + 1 < len(tokens)
            continue
        term = Term.parse(phrase if phrase is not None else word, phrase=phrase is not None)
        if term is None:
            continue
        if joining and clauses:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        joining = False
    # The same clause twice asks nothing more.
    unique = {tuple(clause): clause for clause in clauses}
    return list(unique.values())
