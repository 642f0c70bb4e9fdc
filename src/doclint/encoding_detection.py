"""Choosing the encoding of a document that is not UTF-8.

charset-normalizer decodes the bytes with every code page that accepts
them and scores each result by its chaos (the share of unlikely character
sequences) and its coherence (how well the letters fit a language). On
short texts its first choice is often a rare code page that maps the same
bytes to other accented letters, with a slightly higher coherence: French
Latin-1 text comes out as cp775 ("Rķsumķ"), and Portuguese as cp1250.
So when a code page that is common for the text's language decodes the
bytes about as well as the first choice, that one is read instead.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from charset_normalizer.models import CharsetMatch

MAX_DETECTION_CHAOS = 0.1
"""Above this chaos, a detected encoding is not trusted."""

CHAOS_TOLERANCE = 0.01
"""Chaos this much above the first choice's still counts as decoding as well: charset-normalizer's own margin for a tie."""

COHERENCE_TOLERANCE = 0.1
"""Coherence this much below the first choice's still counts as decoding about as well.

French Latin-1 text of a few lines scores 0.77 as cp775 and 0.73 as
cp1252 (charset-normalizer 3.5).
"""

MIN_CJK_LETTERS = 10
"""The CJK letters a multibyte East Asian decoding needs when charset-normalizer finds no coherence.

charset-normalizer measures no coherence for Big5, Shift_JIS, EUC-JP or
EUC-KR text. One or two CJK letters are also what a stray Latin-1 byte
pair decodes to ("Jörg" read as Big5), but a run of them is not.
"""

MIN_CJK_LETTER_SHARE = 0.5
"""The share of the non-ASCII characters that must be CJK letters, for the same reason.

KOI8-R Cyrillic read as Shift_JIS is mostly half-width katakana, which
real Japanese text rarely uses.
"""

# Hiragana and katakana, Han ideographs (with extension A, the compatibility
# block and the supplementary planes) and Hangul syllables.
_CJK_LETTER_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\U00020000-\U0002ffff]")

LANGUAGES_CONSIDERED = 3
"""How many of a match's most likely languages count as the text's language."""

_WESTERN = ("cp1252", "latin-1")
_CENTRAL_EUROPEAN = ("cp1250", "iso8859-2")
_BALTIC = ("cp1257", "iso8859-13")
_CYRILLIC = ("cp1251", "koi8-r", "koi8-u")

COMMON_ENCODINGS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            "English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch",
            "Danish", "Norwegian", "Swedish", "Finnish", "Indonesian",
        ),
        _WESTERN,
    ),
    **dict.fromkeys(("Czech", "Slovak", "Polish", "Hungarian", "Slovene", "Croatian", "Romanian"), _CENTRAL_EUROPEAN),
    **dict.fromkeys(("Estonian", "Lithuanian"), _BALTIC),
    **dict.fromkeys(("Russian", "Ukrainian", "Bulgarian", "Serbian"), _CYRILLIC),
    "Turkish": ("cp1254", "iso8859-9"),
    "Greek": ("cp1253", "iso8859-7"),
    "Hebrew": ("cp1255", "iso8859-8"),
    "Arabic": ("cp1256", "iso8859-6"),
    "Farsi": ("cp1256",),
    "Thai": ("cp874", "tis-620"),
    "Vietnamese": ("cp1258",),
    "Chinese": ("gb18030", "big5"),
    "Japanese": ("cp932", "shift_jis", "euc_jp"),
    "Korean": ("euc_kr", "cp949"),
}
"""The common encodings of each language that charset-normalizer names, most common first."""

_CJK_MULTIBYTE = frozenset(
    codecs.lookup(name).name
    for name in (
        "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp932", "shift_jis", "shift_jis_2004",
        "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213", "cp949", "euc_kr", "johab",
    )
)


def detect_encoding(data: bytes) -> str | None:
    """Return the encoding of ``data`` that charset-normalizer finds with confidence, preferring a common one, or None."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None

    match, name = _choose(matches)
    if not _confident(match, matches):
        return None
    return codecs.lookup(name).name


def _choose(matches: Sequence[CharsetMatch]) -> tuple[CharsetMatch, str]:
    """Return the match to read and its encoding: the first match, unless its encoding is uncommon for the text's languages.

    The languages are the first match's ``LANGUAGES_CONSIDERED`` most
    likely ones, because charset-normalizer often ranks a neighbour first
    (Slovak for a Spanish text). A first match in a common encoding of any
    of them is kept, under that encoding's name. It is not swapped for a
    tie in the encoding of a likelier language either, because that
    ranking is too often wrong (Finnish for a Hungarian text in cp1250).
    Otherwise the matches that decode the bytes about as well are tried
    language by language, the most likely first.

    NOTE: Czech ISO-8859-2 text is still read as cp1250. The two tie,
    because they differ in š and ž, which charset-normalizer's table of
    the most frequent Czech letters leaves out.
    """
    first = matches[0]
    # For East Asian multibyte text charset-normalizer measures no language, and infers one from the encoding.
    languages = [language.rstrip("—") for language in first.languages[:LANGUAGES_CONSIDERED] or [first.language]]
    common = _common_name(first, languages)
    if common is not None:
        return first, common
    candidates = [match for match in matches if _about_as_good(match, first, COHERENCE_TOLERANCE)]
    for language in languages:
        for match in candidates:
            common = _common_name(match, [language])
            if common is not None:
                return match, common
    return first, first.encoding


def _common_name(match: CharsetMatch, languages: Sequence[str]) -> str | None:
    """Return the first encoding common for one of ``languages`` that decodes the bytes as ``match`` does, or None.

    charset-normalizer lists, for each match, the encodings that decode the
    bytes to the same text (``could_be_from_charset``).
    """
    equivalents = {codecs.lookup(name).name for name in match.could_be_from_charset}
    for language in languages:
        for name in COMMON_ENCODINGS.get(language, ()):
            if codecs.lookup(name).name in equivalents:
                return name
    return None


def _about_as_good(match: CharsetMatch, first: CharsetMatch, tolerance: float) -> bool:
    """Return whether ``match`` decodes the bytes about as well as charset-normalizer's first choice."""
    return match.chaos <= first.chaos + CHAOS_TOLERANCE and match.coherence >= first.coherence - tolerance


def _confident(match: CharsetMatch, matches: Sequence[CharsetMatch]) -> bool:
    """Return whether a match is trusted: little chaos, and a language recognised or unambiguous East Asian text.

    A short text fits several encodings, and without coherence any text
    of a few non-ASCII bytes decodes in some code page. Without coherence,
    a second East Asian encoding with little chaos (Shift_JIS text that
    also decodes as Korean cp949) leaves the choice to chance.
    """
    if match.chaos > MAX_DETECTION_CHAOS:
        return False
    if match.coherence > 0:
        return True
    if not _is_cjk_multibyte(match) or not _mostly_cjk_letters(str(match)):
        return False
    rivals = [other for other in matches if other is not match and _is_cjk_multibyte(other)]
    return all(other.chaos > MAX_DETECTION_CHAOS for other in rivals)


def _is_cjk_multibyte(match: CharsetMatch) -> bool:
    return codecs.lookup(match.encoding).name in _CJK_MULTIBYTE


def _mostly_cjk_letters(text: str) -> bool:
    """Return whether ``text`` has at least MIN_CJK_LETTERS CJK letters, and they make up most of its non-ASCII characters."""
    letters = len(_CJK_LETTER_RE.findall(text))
    non_ascii = sum(1 for character in text if ord(character) > 0x7F)
    return letters >= MIN_CJK_LETTERS and letters >= MIN_CJK_LETTER_SHARE * non_ascii
