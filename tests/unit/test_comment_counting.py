"""Counting characters as a person sees them, on the server (articles.text.visible_length).

The table (tests/hard_strings.py) also runs through the browser's counter in
tests/browser/test_comments_browser.py, so both sides are held to the same numbers string by
string.
"""

import pytest

from articles.text import normalize_newlines, visible_length
from tests.hard_strings import FAMILY, HARD_STRINGS


@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, expected) for _label, text, expected in HARD_STRINGS],
    ids=[label for label, _text, _expected in HARD_STRINGS],
)
def test_visible_length_counts_what_a_reader_sees(text, expected):
    assert visible_length(normalize_newlines(text)) == expected


def test_utf16_length_would_be_wrong_for_these_strings():
    """Why the counter cannot use JavaScript's .length: it counts UTF-16 code units."""

    def utf16_length(text):
        return len(text.encode("utf-16-le")) // 2

    assert utf16_length(FAMILY) == 11
    assert utf16_length("\U0001f1f0\U0001f1f7") == 4
    assert utf16_length("\u1100\u1161\u11a8") == 3
    assert visible_length(FAMILY) == visible_length("\u1100\u1161\u11a8") == 1


def test_line_breaks_count_once_however_they_are_sent():
    # A browser submits a textarea's line break as CRLF, and its .value holds LF.
    assert visible_length(normalize_newlines("a\r\nb")) == visible_length("a\nb") == 3
    assert normalize_newlines("a\rb\r\nc") == "a\nb\nc"
