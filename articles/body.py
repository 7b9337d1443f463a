"""An article body (sanitized HTML): its top-level blocks with the photos placed among them,
and its plain text."""

import re
from html import unescape
from html.parser import HTMLParser

from django.utils.text import Truncator

VOID_TAGS = {"br", "hr", "img", "wbr"}
# Tags that start or end a block of text: the words on either side are different words. The
# body is sanitized HTML (no comments, scripts or attributes holding ">"), so a tag is "<...>".
BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|blockquote|br|hr|div|figure|figcaption|table|tr)\b[^>]*>",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]*>")


def plain_text(html):
    """The words of a body, one block (paragraph, heading, list item, quote) a line: tags
    dropped, entities decoded. The one HTML-to-text of the project: search indexes it, the
    revision diff compares it, the photo rows quote it."""
    text = unescape(TAG.sub("", BLOCK_TAG.sub("\n", html or "")))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


class _BlockSplitter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.cuts = []

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if self.depth == 0:
                self.cuts.append(self._offset() + len(self.get_starttag_text()))
            return
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0:
            self.cuts.append(self._offset() + len(f"</{tag}>"))


def split_blocks(html):
    """Top-level elements of `html`, in order; text between them sticks to the next block."""
    splitter = _BlockSplitter()
    # HTMLParser numbers lines by "\n" alone; str.splitlines() would also break at U+2028,
    # U+2029, form feeds and others, and the offsets would then cut through tags.
    splitter.line_starts = [0]
    for line in html.split("\n")[:-1]:
        splitter.line_starts.append(splitter.line_starts[-1] + len(line) + 1)
    splitter.feed(html)
    splitter.close()
    blocks, start = [], 0
    for cut in splitter.cuts:
        block = html[start:cut].strip()
        if block:
            blocks.append(block)
        start = cut
    if html[start:].strip():
        blocks.append(html[start:].strip())
    return blocks


def layout(body, photos):
    """[("photo", photo) | ("html", block)]: each photo after paragraph N (0 = top).

    A photo placed past the last paragraph goes at the end rather than disappearing.
    """
    blocks = split_blocks(body)
    by_place = {}
    for photo in photos:
        by_place.setdefault(min(photo.placement, len(blocks)), []).append(photo)
    items = [("photo", photo) for photo in by_place.get(0, [])]
    for number, block in enumerate(blocks, start=1):
        items.append(("html", block))
        items.extend(("photo", photo) for photo in by_place.get(number, []))
    return items


def placement_choices(body, *, at_least=30, keep=()):
    """Choices for a photo's place: "맨 위", then "N문단 뒤: first words" for each paragraph.

    Numbers past the saved body stay on offer (without words) so that a photo can go after
    a paragraph written in the same sitting, and so that a stored placement is never refused.
    """
    blocks = split_blocks(body or "")
    choices = [(0, "맨 위")]
    for number, block in enumerate(blocks, start=1):
        words = " ".join(plain_text(block).split())
        label = f"{number}문단 뒤"
        choices.append((number, f"{label}: {Truncator(words).chars(28)}" if words else label))
    last = max(at_least, len(blocks), *keep) if keep else max(at_least, len(blocks))
    choices.extend((number, f"{number}문단 뒤") for number in range(len(blocks) + 1, last + 1))
    return choices
