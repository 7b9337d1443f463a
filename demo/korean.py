"""Korean writing helpers for the demo texts: particles, quotes, amounts, small HTML blocks."""

from django.utils.html import escape

# Final consonant (jongseong index) of how a digit is read: 영 일 이 삼 사 오 육 칠 팔 구.
_DIGIT_FINALS = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}


def final_consonant(word):
    """The jongseong index of the word's last sound (0 = none, 8 = ㄹ)."""
    text = word.rstrip(" ’”)]")
    if not text:
        return 0
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    return _DIGIT_FINALS.get(last, 0)


def j(word, pair):
    """Attach the right particle: j("해솔반도체", "은/는") → "해솔반도체는"."""
    with_final, without_final = pair.split("/")
    code = final_consonant(word)
    if with_final == "으로":
        return word + ("로" if code in (0, 8) else "으로")
    return word + (with_final if code else without_final)


def particle(word, pair):
    """Only the particle that j() would attach."""
    return j(word, pair)[len(word) :]


def said(quote, tail="고"):
    """A direct quote with its particle: “…늘었다”고 · “…계획”이라고 · “…기회”라며."""
    if quote.endswith("다"):
        return f"“{quote}”{tail}"
    return f"“{quote}”{'이라' if final_consonant(quote) else '라'}{tail}"


def won(eok):
    """An amount in 억 원, written the way Korean dailies do: 3450억 원, 1조2000억 원."""
    eok = int(eok) // 100 * 100 if eok >= 10000 else int(eok) // 10 * 10
    if eok >= 10000:
        jo, rest = divmod(eok, 10000)
        return f"{jo}조{rest}억 원" if rest else f"{jo}조 원"
    return f"{eok}억 원"


def h2(text):
    return f"<h2>{escape(text)}</h2>"


def ul(items):
    return "<ul>" + "".join(f"<li><p>{escape(item)}</p></li>" for item in items) + "</ul>"


def blockquote(text):
    return f"<blockquote><p>{escape(text)}</p></blockquote>"
