"""What the reader asked, cleaned: the text shown back, the runs searched, the filters."""

from dataclasses import dataclass, field
from datetime import timedelta

from articles.search.text import MIN_RUN, runs, second_key

MAX_QUERY_LENGTH = 100

PERIODS = {
    "1d": ("1일", timedelta(days=1)),
    "1w": ("1주", timedelta(weeks=1)),
    "1m": ("1개월", timedelta(days=31)),
    "1y": ("1년", timedelta(days=366)),
    "": ("전체", None),
}


@dataclass
class Query:
    """What the reader asked, cleaned: the text shown back, the runs searched, the filters."""

    text: str = ""
    runs: list = field(default_factory=list)
    truncated: bool = False
    too_short: bool = False
    section: object = None  # a Section of the tree (articles.sections), or None
    period: str = ""

    @classmethod
    def parse(cls, raw, *, section=None, period=""):
        raw = (raw or "").replace("\x00", "").strip()
        truncated = len(raw) > MAX_QUERY_LENGTH
        text = raw[:MAX_QUERY_LENGTH].strip()
        found = [run for run in runs(text) if len(run) >= MIN_RUN]
        # The same run twice asks nothing more; longer runs first, so highlighting prefers them.
        found = sorted(dict.fromkeys(found), key=len, reverse=True)
        return cls(
            text=text,
            runs=found,
            truncated=truncated,
            too_short=bool(text) and not found,
            section=section,
            period=period if period in PERIODS else "",
        )

    @property
    def searchable(self):
        return bool(self.runs)

    def key_range(self, now):
        low = 0
        span = PERIODS[self.period][1]
        if span is not None:
            low = second_key(now - span, last=False)
        return low, second_key(now, last=True)

    def section_ids(self):
        if self.section is None:
            return None
        return list(getattr(self.section, "family_ids", None) or [self.section.pk])
