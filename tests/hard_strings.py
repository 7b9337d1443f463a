"""Strings whose length a reader sees differently from what code units say: the one table that
the server's count (tests/unit/test_comment_counting.py) and the browser's counter
(tests/browser/test_comments_browser.py) are both held to."""

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
KISS = "\U0001f9d1\U0001f3fb\u200d\u2764\ufe0f\u200d\U0001f48b\u200d\U0001f9d1\U0001f3fc"

# (what it is, the string, how many characters a reader sees)
HARD_STRINGS = [
    ("empty", "", 0),
    ("Korean sentence", "댓글을 남깁니다", 8),
    ("conjoining jamo 각 (L+V+T)", "\u1100\u1161\u11a8", 1),
    ("conjoining jamo word 한글", "\u1112\u1161\u11ab\u1100\u1173\u11af", 2),
    ("old Hangul with arae-a", "\u1100\u119e", 1),
    ("compatibility jamo ㅋㅋㅋ", "ㅋㅋㅋ", 3),
    ("halfwidth jamo", "\uffa1\uffa4", 2),
    ("syllable plus combining grave", "한\u0300", 1),
    ("e + combining acute", "e\u0301", 1),
    ("thumbs up, medium skin tone", "\U0001f44d\U0001f3fd", 1),
    ("family, four people joined by ZWJ", FAMILY, 1),
    ("kiss, two skin tones, ZWJ and VS16", KISS, 1),
    ("handshake, two skin tones", "\U0001faf1\U0001f3fb\u200d\U0001faf2\U0001f3ff", 1),
    ("technologist, skin tone", "\U0001f469\U0001f3fd\u200d\U0001f4bb", 1),
    ("black cat (ZWJ)", "\U0001f408\u200d\u2b1b", 1),
    ("flag of Korea", "\U0001f1f0\U0001f1f7", 1),
    ("two flags in a row", "\U0001f1f0\U0001f1f7\U0001f1ef\U0001f1f5", 2),
    ("three regional indicators", "\U0001f1f0\U0001f1f7\U0001f1ef", 2),
    ("flag of Scotland (tag sequence)", SCOTLAND, 1),
    ("keycap 1", "1\ufe0f\u20e3", 1),
    ("heart with VS16", "\u2764\ufe0f", 1),
    ("ideographic variation sequence", "葛\U000e0100", 1),
    ("ZWJ between letters", "a\u200db", 2),
    ("Devanagari conjunct", "\u0915\u094d\u0937\u093f", 1),
    ("Thai sara am", "\u0e01\u0e33", 1),
    ("letter with twenty combining marks", "Z" + "\u0336" * 20, 1),
    ("Hangul filler", "\u3164", 1),
    ("CRLF between syllables", "가\r\n나", 3),
    ("tab and newline", "\t\n", 2),
    ("Korean, emoji, flag, spaces", "좋아요\U0001f44d\U0001f3fb!! \U0001f1f0\U0001f1f7 최고", 11),
    ("300 families (3,300 UTF-16 units)", FAMILY * 300, 300),
    ("301 syllables", "가" * 301, 301),
]
