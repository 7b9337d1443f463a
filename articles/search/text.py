"""Text as the index sees it: normalized runs of letters and digits, cut into bigrams, and the
key that orders articles the way readers see them."""

import re
import unicodedata

from articles.body import plain_text

MIN_RUN = 2
ID_BITS = 31
ID_MASK = (1 << ID_BITS) - 1
LAST_KEY = (1 << 63) - 1  # above every key: the index's end
TABLE = "articles_search"  # the index's table, on every database

# Letters and digits (Python's \w without the underscore): the same characters SQLite's
# unicode61 tokenizer keeps in a token by default (categories L*, N*). Korean spacing varies
# (배터리 셀, 배터리셀; 기준 금리, 기준금리), so words that only spaces keep apart are one run,
# their spaces dropped: either spelling finds the other. Punctuation and line breaks (between
# paragraphs, deck lines, headline and deck) still end a run.
RUN = re.compile(r"[^\W_]+(?:[^\S\n]+[^\W_]+)*")
SPACES = re.compile(r"[^\S\n]+")


def runs(text):
    """Normalized runs of letters and digits, spaces inside a run taken out."""
    return [SPACES.sub("", run) for run in RUN.findall(unicodedata.normalize("NFKC", text).lower())]


def grams_of(run):
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def article_runs(*, title, deck, body):
    """The runs of the headline, and those of the deck and body: the index weighs a match in
    the headline more (정확도순)."""
    return runs(title), runs(f"{deck}\n{plain_text(body)}")


def key_of(published_at, pk):
    """The index key: the publication second, then the id, so that it sorts newest first."""
    if pk > ID_MASK:  # two billion articles: the key would need more bits for the id
        raise ValueError(f"article id {pk} does not fit the search key")
    return (max(int(published_at.timestamp()), 0) << ID_BITS) | (pk & ID_MASK)


def second_key(moment, *, last):
    """The first (or last) key of the second `moment` falls in."""
    return (max(int(moment.timestamp()), 0) << ID_BITS) | (ID_MASK if last else 0)
