"""Text normalisation and splitting that treat CJK text as first-class.

Comparisons never split on spaces, because Chinese and Japanese write none.
Normalised text keeps letters and digits only, so full-width and ASCII
punctuation compare the same, and Markdown markup never counts as content.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Han, Hiragana, Katakana, Hangul and the CJK punctuation and full-width forms.
CJK_CHAR = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
)
_CJK_RE = re.compile(f"[{CJK_CHAR}]")
_NON_CJK_RUN_RE = re.compile(f"[^{CJK_CHAR}]+")
_CJK_BREAK_RE = re.compile(f"(?<=[{CJK_CHAR}])[ \\t]*\\n[ \\t]*(?=[{CJK_CHAR}])")
_WHITESPACE_RE = re.compile(r"\s+")
# Runs of anything but letters and digits (in Python, \w is letters, digits and "_").
_NON_WORD_RE = re.compile(r"[\W_]+")
_SPACE_NEXT_TO_CJK_RE = re.compile(f"(?<=[{CJK_CHAR}]) | (?=[{CJK_CHAR}])")

# Clause separators: sentence ends and commas, in their CJK and ASCII forms.
# A colon ends a clause too, because it separates a step's label from its
# text. ASCII marks count only before whitespace or the end, so "3.5" holds.
CLAUSE_END_RE = re.compile(r"[。！？；，、：]|[.!?;,:](?=\s|$)")

_THEMATIC_BREAK_RE = re.compile(r"^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")


_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
_CHINESE_LARGE_UNITS = {"万": 10**4, "亿": 10**8}
CHINESE_NUMERAL_CHARS = "零〇" + "".join([*_CHINESE_DIGITS, *_CHINESE_UNITS, *_CHINESE_LARGE_UNITS])
"""The characters of Chinese numerals, for character classes of patterns."""


def chinese_numeral_value(numeral: str) -> int | None:
    """Return the value of a Chinese numeral, or None when it is not one.

    四 is 4, 十二 12, 二十 20, 一百零五 105 and 两万 20000. A zero only fills
    a gap, as in 一百零五. Two digits in a row (一二) and a zero alone are
    no numeral.
    """
    total = section = 0
    digit: int | None = None
    for char in numeral:
        if char in "零〇":
            continue
        if char in _CHINESE_DIGITS:
            if digit is not None:
                return None
            digit = _CHINESE_DIGITS[char]
        elif char in _CHINESE_UNITS:
            section += (1 if digit is None else digit) * _CHINESE_UNITS[char]
            digit = None
        elif char in _CHINESE_LARGE_UNITS:
            total += (section + (digit or 0) or 1) * _CHINESE_LARGE_UNITS[char]
            section, digit = 0, None
        else:
            return None
    value = total + section + (digit or 0)
    return value if value > 0 else None


_CHINESE_DIGIT_CHARS = "零一二三四五六七八九"


def chinese_numeral(value: int) -> str:
    """Write a number from 1 to 9999 as a Chinese numeral: 4 is 四, 12 十二, 20 二十, 105 一百零五.

    The inverse of ``chinese_numeral_value`` for the numbers that headings
    use. 10 to 19 drop the leading 一 (十二, not 一十二), as section
    numbers are written. Other numbers are returned in ASCII digits.
    """
    if not 1 <= value <= 9999:
        return str(value)
    pieces = []
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            pending_zero = bool(pieces)
            continue
        if pending_zero:
            pieces.append("零")
            pending_zero = False
        pieces.append(_CHINESE_DIGIT_CHARS[digit] + name)
    numeral = "".join(pieces)
    return numeral[1:] if numeral.startswith("一十") else numeral


def is_cjk(char: str) -> bool:
    return bool(_CJK_RE.match(char))


def cjk_count(text: str) -> int:
    """Return how many CJK characters a text has, as ``is_cjk`` decides for each."""
    # Deleting the runs between them is about twice as fast as listing the characters one by one.
    return len(_NON_CJK_RUN_RE.sub("", text))


def join_soft_breaks(text: str) -> str:
    """Join the lines of a paragraph as a renderer would.

    A line break between two CJK characters disappears; any other line
    break becomes one space.
    """
    text = _CJK_BREAK_RE.sub("", text)
    return _WHITESPACE_RE.sub(" ", text).strip()


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Return the comparison form of a text.

    Apply Unicode NFKC and case folding, join soft line breaks, keep
    letters, digits and single spaces between words, and drop the spaces
    that border CJK characters. Two texts that differ only in punctuation,
    emphasis markers, full-width forms or line wrapping normalise the same.
    Results are cached: generated documents repeat many of their texts.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if "\n" in text:
        text = _CJK_BREAK_RE.sub("", text)
    folded = _NON_WORD_RE.sub(" ", text).strip()
    if folded.isascii() or " " not in folded:
        # No CJK character, or no space: nothing for the last pattern to remove (it is the slowest of the three).
        return folded
    return _SPACE_NEXT_TO_CJK_RE.sub("", folded)


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str]:
    # Compiled on first use: a pattern with the CJK ranges takes about 2 ms to compile.
    return re.compile(f"[{CJK_CHAR}]|[^\\s{CJK_CHAR}]+")


def words(normalized: str) -> list[str]:
    """Split a normalised text into words: each CJK character, and each run of other letters and digits.

    Chinese has no spaces between words, so each of its characters stands
    for itself, while a Latin word or a number stays whole.
    """
    return _word_pattern().findall(normalized)


def join_normalized(clauses: list[str]) -> str:
    """Join the normalised clauses of a text into the normalised text.

    ``join_normalized([normalize(clause) for clause in split_clauses(text)])``
    equals ``normalize(text)``: every clause separator is a character that
    ``normalize`` turns into a space, and the spaces that border CJK
    characters are then dropped the same way. A property test checks this.
    """
    joined = " ".join(clause for clause in clauses if clause)
    if joined.isascii() or " " not in joined:
        return joined
    return _SPACE_NEXT_TO_CJK_RE.sub("", joined)


def normalize_by_clauses(text: str) -> str:
    """Return ``normalize(text)``, computed from the normalised clauses of the text.

    It is faster than ``normalize`` for the texts of fields and steps: the
    section forms have normalised their clauses already, and ``normalize``
    keeps recent results.
    """
    return join_normalized([normalize(clause) for clause in split_clauses(text)])


def split_clauses(text: str) -> list[str]:
    """Split a text into clauses on sentence and clause punctuation.

    Returns the non-empty pieces with surrounding whitespace removed and
    their punctuation dropped.
    """
    pieces = CLAUSE_END_RE.split(text)
    return [piece.strip() for piece in pieces if piece.strip()]


def is_thematic_break(line: str) -> bool:
    """Return whether a line is a Markdown thematic break (``---``, ``***``, ``___``)."""
    return bool(_THEMATIC_BREAK_RE.match(line.rstrip("\r\n")))
