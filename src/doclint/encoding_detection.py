"""Choosing the encoding of a document that is not UTF-8.

charset-normalizer decodes the bytes with every code page that accepts
them and scores each result by its chaos (the share of unlikely character
sequences) and its coherence (how well the letters fit a language). On
short texts its first choice is often a rare code page that maps the same
bytes to other accented letters, with a slightly higher coherence: French
Latin-1 text comes out as cp775 ("Rķsumķ"), and Portuguese as cp1250.
So when a code page that is common for the text's language decodes the
bytes about as well as the first choice, that one is read instead.

Chaos and coherence often tie between code pages that map the same bytes
to different accented letters: French Latin-1 text scores the same as
cp1250 ("problčme"), cp1257 and iso8859-10. The letters tell them apart.
Of the matches that decode the bytes about as well, only those are kept
whose accented letters best fit the alphabet of one language that
charset-normalizer proposes for them. "problème, où êtes" in French uses
only French letters, whereas "problčme, oů ętes" mixes Czech and Polish
letters. Czech ISO-8859-2 text read as cp1250 gets "ą" for "š", which
Czech does not write.

This rule was measured with charset-normalizer 3.5.3 on 80 sample texts
of one line to 2 KB. They were French, Italian, Portuguese, Swedish,
Catalan, German and Spanish in Latin-1 and cp1252, Czech, Polish and
Hungarian in cp1250 and ISO-8859-2, and the Lithuanian, Russian,
Turkish, Greek and CJK texts of the tests. The rule raised the texts
read as the right encoding from 63 to 71 and cut the ones read with
wrong letters from 12 to 4. It fixed 4 French, 2 Portuguese and 2
Czech ISO-8859-2 texts, and changed no other result. Still wrong are a
one-line Catalan text, in both encodings, because Catalan is not one of
charset-normalizer's languages and "Valčncia, música" fits Czech, and a
Swedish text that charset-normalizer reads as hp-roman8 with less chaos
than any other code page.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from charset_normalizer.models import CharsetMatch

logger = logging.getLogger(__name__)

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

LATIN_ALPHABETS: dict[str, str] = {
    "French": "àâæçèéêëîïôœùûüÿ",
    "German": "äöüß",
    "Spanish": "áéíñóúü",
    "Portuguese": "àáâãçéêíóôõú",
    "Italian": "àèéìíîòóùú",
    "Dutch": "éèëïóöü",
    "Danish": "åæéø",
    "Norwegian": "åæéèòóôø",
    "Swedish": "åäéö",
    "Finnish": "åäöšž",
    "Czech": "áčďéěíňóřšťúůýž",
    "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Polish": "ąćęłńóśźż",
    "Hungarian": "áéíóöőúüű",
    "Slovene": "čšž",
    "Croatian": "čćđšž",
    "Romanian": "âîăşșţț",
    "Estonian": "äõöüšž",
    "Lithuanian": "ąčėęįšūųž",
    "Turkish": "âçğîıöşûü",
}
"""The lower-case letters beyond ASCII that each Latin-script language named by charset-normalizer writes."""

_CJK_MULTIBYTE = frozenset(
    codecs.lookup(name).name
    for name in (
        "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp932", "shift_jis", "shift_jis_2004",
        "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213", "cp949", "euc_kr", "johab",
    )
)


SUGGESTED_LATIN_ENCODINGS = ("cp1252", "cp1250")
"""The code pages suggested for undetected bytes that decode to the letters of one language, the most common first."""

SUGGESTED_OTHER_ENCODING = "gb18030"
"""The encoding suggested for other undetected bytes: the common legacy encoding of Chinese documents."""


def _suggest_legacy_encoding(data: bytes) -> str:
    """Return the code page whose accented letters in ``data`` all belong to one language, else gb18030."""
    for name in SUGGESTED_LATIN_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _letter_share(text, LATIN_ALPHABETS.values()) == 1:
            return name
    return SUGGESTED_OTHER_ENCODING


def suggest_encoding(data: bytes) -> str:
    """Return an encoding to suggest for ``data`` when its encoding is not detected with confidence, or was named wrongly.

    Bytes that are valid UTF-8 get utf-8: a file named with ``--encoding
    ascii`` that has one UTF-8 letter is simply UTF-8. Otherwise
    charset-normalizer's first guess is often far off (Big5 for "Jörg" in
    Latin-1, cp1256 for "problème"). So a Western or Central European code
    page is suggested when its accented letters all belong to one
    language, and gb18030 otherwise.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    return _suggest_legacy_encoding(data)


# A UTF-8 file with up to this many invalid sequences has stray bytes rather than another encoding.
MAX_STRAY_BYTES = 3
# Valid non-ASCII characters that show the rest of such a file to be UTF-8 text.
MIN_UTF8_CHARACTERS = 8


def stray_utf8_byte(data: bytes) -> int | None:
    """Return the offset of the first invalid byte when ``data`` is UTF-8 text with a few stray bytes, else None.

    A UTF-8 file with one damaged byte fails to decode, and no other
    encoding reads it either: GB18030, the usual suggestion for Chinese
    text, fails on its UTF-8 characters. Such a file has at most
    ``MAX_STRAY_BYTES`` invalid sequences and at least
    ``MIN_UTF8_CHARACTERS`` valid non-ASCII characters. A Latin-1 file
    with a few accented letters has none of the latter, so it keeps the
    advice to name its encoding.
    """
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.count("\ufffd".encode())
    if not 0 < stray <= MAX_STRAY_BYTES:
        return None
    if sum(1 for character in text if ord(character) > 127 and character != "\ufffd") < MIN_UTF8_CHARACTERS:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return None


def utf16_byte_order(data: bytes, probe_size: int) -> str | None:
    """Return utf-16-le or utf-16-be when the first ``probe_size`` bytes of ``data`` read as UTF-16 text without a BOM, else None.

    Every ASCII character of such text has a NUL byte, always at odd
    offsets in little-endian order and at even ones in big-endian, while
    the NUL bytes of a binary file fall on both. CJK text has fewer ASCII
    characters, and a few of its letters (U+4E00) put a NUL on the other
    side. So four in five NUL bytes on one side are enough, when the bytes
    then decode to text with a line break. That text must have no
    unassigned code point and no control character other than whitespace.
    """
    sample = data[: min(len(data), probe_size) // 2 * 2]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd + even == 0 or max(odd, even) < 4 * min(odd, even):
        return None
    name = "utf-16-le" if odd > even else "utf-16-be"
    try:
        # Incremental, so that a character cut in two at the end of the sample is no error.
        text = codecs.getincrementaldecoder(name)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    if not ("\n" in text or "\r" in text) or any(_is_binary_character(character) for character in text):
        return None
    return name


def _is_binary_character(character: str) -> bool:
    """Return whether a character does not occur in text: a control character other than whitespace, or an unassigned one."""
    category = unicodedata.category(character)
    return (category == "Cc" and character not in "\t\n\r\f\v") or category == "Cn"


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

    The first match is the first of those whose letters fit a language
    best (``_best_alphabet_fit``). The languages are the first match's ``LANGUAGES_CONSIDERED`` most
    likely ones, because charset-normalizer often ranks a neighbour first
    (Slovak for a Spanish text). A first match in a common encoding of any
    of them is kept, under that encoding's name. It is not swapped for a
    tie in the encoding of a likelier language either, because that
    ranking is too often wrong (Finnish for a Hungarian text in cp1250).
    Otherwise the matches that decode the bytes about as well are tried
    language by language, the most likely first.

    NOTE: Hungarian ISO-8859-2 text is still named cp1250. The two decode
    every Hungarian letter alike, so the text and the bytes that --fix
    writes are the same.
    """
    matches = _best_alphabet_fit(matches)
    first = matches[0]
    languages = _likely_languages(first)
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


def _best_alphabet_fit(matches: Sequence[CharsetMatch]) -> Sequence[CharsetMatch]:
    """Return the matches about as good as the first whose accented letters best fit one language, in their order.

    The chaos and coherence of code pages that map the same bytes to other
    accented letters often tie, but only the right one writes letters of a
    single language that charset-normalizer proposes for the text. The
    matches are returned unchanged when the first one writes no accented
    Latin letter or none of its languages has a known alphabet (Cyrillic
    or East Asian text).
    """
    first_fit = _alphabet_fit(matches[0])
    if first_fit is None:
        return matches

    candidates = [match for match in matches if _about_as_good(match, matches[0], COHERENCE_TOLERANCE)]
    fits = [_alphabet_fit(match) for match in candidates]
    best = max(fit for fit in fits if fit is not None)
    if best == first_fit:
        return matches
    logger.debug("reading %s rather than %s, whose letters fit its languages worse", candidates[fits.index(best)].encoding, matches[0].encoding)
    return [match for match, fit in zip(candidates, fits) if fit == best]


def _alphabet_fit(match: CharsetMatch) -> float | None:
    """Return the largest share of the match's accented Latin letters that one of its likely languages writes, or None.

    Combining marks count as letters that no language writes, because
    cp1258 decodes some Latin-1 letters ("ò") to them. None means that
    the decoded text has no such letter, or that none of the match's
    ``LANGUAGES_CONSIDERED`` most likely languages has an entry in
    ``LATIN_ALPHABETS``.
    """
    alphabets = [LATIN_ALPHABETS[language] for language in _likely_languages(match) if language in LATIN_ALPHABETS]
    return _letter_share(str(match), alphabets)


def _letter_share(text: str, alphabets: Iterable[str]) -> float | None:
    """Return the largest share of the accented Latin letters of ``text`` that one of ``alphabets`` contains.

    None means that the text has no such letter or that no alphabet is given.
    """
    letters = [character.lower() for character in text if _is_accented_latin_letter(character)]
    shares = [sum(letter in alphabet for letter in letters) / len(letters) for alphabet in alphabets if letters]
    return max(shares, default=None)


def _is_accented_latin_letter(character: str) -> bool:
    """Return whether ``character`` is a Latin letter beyond ASCII or a combining mark."""
    if ord(character) < 0x80:
        return False
    if unicodedata.category(character) == "Mn":
        return True
    return character.isalpha() and unicodedata.name(character, "").startswith("LATIN")


def _likely_languages(match: CharsetMatch) -> list[str]:
    """Return the match's ``LANGUAGES_CONSIDERED`` most likely languages.

    For East Asian multibyte text charset-normalizer measures no language
    and infers one from the encoding. It marks such a language, and one
    guessed from too few letters, with trailing dashes ("English—").
    """
    return [language.rstrip("—") for language in match.languages[:LANGUAGES_CONSIDERED] or [match.language]]


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
