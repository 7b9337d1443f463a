"""Rules for the plain text readers write (comments): how long it is, and what it may contain.

Length is counted as a person sees it, in extended grapheme clusters (Unicode UAX #29): a
Korean syllable is one, whether precomposed (한) or spelled in conjoining jamo (ᄒ+ᅡ+ᆫ),
and so is an emoji made of several code points (a family, a skin tone, a flag). The stdlib
cannot segment graphemes; the `regex` package's \\X follows the current Unicode rules, the
same as the browser's Intl.Segmenter that static/js/comments.js counts with, so the live
counter and the server agree.
"""

import unicodedata

import regex

GRAPHEME = regex.compile(r"\X")

# Characters that show nothing but are not whitespace to str.strip(): zero-width spaces and
# joiners, the word joiner, the BOM, the Hangul fillers (a favourite for "blank" Korean text)
# and the braille blank.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u115f\u1160\u3164\uffa0\u2800"
BLANK = regex.compile(rf"[\s{INVISIBLE}]+")

# Bidirectional embeddings, overrides and isolates can turn the rest of a line around
# (a nickname that reads as something else); nobody needs them in a comment.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# What counts as a link: anything with a scheme or www., and bare host names on the top-level
# domains spammers use in Korea. Deliberately loose: it only limits, never rewrites.
LINK = regex.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|kr|co\.kr|io|me|ly|gl|xyz|top|site|info|biz)"
    r"\b(?:/\S*)?",
    regex.IGNORECASE,
)
# What is left of a text once links are taken out, to tell whether anything was said.
NOT_WORDS = regex.compile(r"[\p{P}\p{S}\p{Z}\s" + INVISIBLE + r"]+")


def normalize_newlines(text: str) -> str:
    """CRLF and CR become LF: a browser submits a textarea's line breaks as CRLF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def visible_length(text: str) -> int:
    """The number of characters a person sees: extended grapheme clusters."""
    return len(GRAPHEME.findall(text))


def is_blank(text: str) -> bool:
    """True when the text shows nothing: whitespace, zero-width and filler characters only."""
    return not BLANK.sub("", text)


def forbidden_characters(text: str) -> list[str]:
    """Control characters (except line feed and tab) and bidi overrides found in the text."""
    return sorted(
        {
            char
            for char in text
            if char in BIDI_CONTROLS or (unicodedata.category(char) == "Cc" and char not in "\n\t")
        }
    )


def links_in(text: str) -> list[str]:
    return LINK.findall(text)


def is_only_links(text: str) -> bool:
    """True when the text has links and nothing else worth reading besides them."""
    if not links_in(text):
        return False
    return not NOT_WORDS.sub("", LINK.sub("", text))


# Code points that render as nothing by definition (Unicode's Default_Ignorable_Code_Point):
# the combining grapheme joiner U+034F, invisible operators U+2061-2064, variation selectors,
# the soft hyphen, the Mongolian vowel separator, zero-width joiners and the like.
IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
# A person writes a letter with a mark or two (Vietnamese stacks two); a column of dozens is
# an attack on the page's layout.
MAX_MARKS_PER_CHARACTER = 4
MARK = regex.compile(r"\p{M}")


def invisible_characters(text: str) -> bool:
    """True when the text holds code points that render as nothing (a nickname has none)."""
    return bool(IGNORABLE.search(text)) or any(char in INVISIBLE for char in text)


def most_marks_on_one_character(text: str) -> int:
    """The largest number of combining marks in one character (grapheme) of the text."""
    return max((len(MARK.findall(cluster)) for cluster in GRAPHEME.findall(text)), default=0)


def folded_for_matching(text: str) -> str:
    """The text as banned-word and reserved-name matching sees it: NFKC, without the code
    points that render as nothing, case-folded, without spaces, punctuation or marks.

    So 바 보, 바.보, 바\u034f보 and a jamo-spelled 바보 all match 바보; an innocent word that
    merely contains a banned one is held for review too, which the desk then approves.
    """
    text = IGNORABLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    return NOT_WORDS.sub("", text)
