"""Message translation with the standard library's gettext.

Every user-facing string goes through ``_`` (or ``ngettext``), and strings
that must be translated later, such as help texts declared at import time,
are marked with ``N_`` (or ``N_plural``). The language is chosen once per run by
``set_language``: from ``--lang``, else from ``LC_ALL``, ``LC_MESSAGES`` or
``LANG``. English is the fallback and needs no catalog. The catalogs are
``locale/LANG/LC_MESSAGES/doclint.po`` beside this module, compiled to
``.mo`` files that are committed with them.
"""

from __future__ import annotations

import gettext
import os
import re
import string
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

DOMAIN = "doclint"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

LANGUAGES = {"en": None, "zh-CN": "zh_CN"}
"""The languages ``--lang`` accepts, mapped to their catalog folder (None: no catalog)."""

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def detect_language(environ: Mapping[str, str] = os.environ) -> str:
    """Return the language the locale variables ask for: ``zh-CN`` for a Simplified Chinese locale, else ``en``.

    As in POSIX, the first variable that is set and not empty decides.
    ``zh_CN``, ``zh_SG`` and ``zh_Hans`` (with any encoding suffix, such as
    ``zh_CN.UTF-8``) and a bare ``zh`` select Simplified Chinese.
    """
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return _language_of(value)
    return "en"


def _language_of(locale: str) -> str:
    return language_named(locale) or "en"


def language_named(name: str) -> str | None:
    """Return the key of LANGUAGES that a language tag or locale name selects, or None for another language.

    Letter case, ``-`` or ``_`` and an encoding or modifier suffix do not
    matter, so ``zh``, ``zh_CN``, ``zh-cn``, ``zh-Hans``, ``zh_SG`` and
    ``zh_CN.UTF-8`` all select ``zh-CN``. ``en`` with any region, ``C`` and
    ``POSIX`` select ``en``.
    """
    code = name.split(".")[0].split("@")[0].replace("-", "_").lower()
    if code in ("zh", "zh_cn", "zh_sg", "zh_hans", "zh_hans_cn", "zh_hans_sg"):
        return "zh-CN"
    if code in ("c", "posix") or code == "en" or code.startswith("en_"):
        return "en"
    return None


def set_language(language: str | None) -> None:
    """Select the message catalog for ``language`` (a key of LANGUAGES); None or ``en`` means English."""
    global _translation, _language
    folder = LANGUAGES.get(language or "en")
    _language = language if folder else "en"
    if folder is None:
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[folder], fallback=True)


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate a message into the selected language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on ``count``."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a message for translation where it is declared; ``_`` translates it where it is shown."""
    return message


def join_items(items: Iterable[str]) -> str:
    """Join the items of a list with the separator of the selected language: ", " in English, "、" in Chinese."""
    joined = ""
    for index, item in enumerate(items):
        joined = item if index == 0 else _("{previous}, {item}").format(previous=joined, item=item)
    return joined


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message and its plural form where they are declared; ``ngettext`` translates them where they are shown."""
    return singular, plural


# Han, kana and Hangul, but not CJK punctuation: text after "（" or "：" needs no space.
_CJK_LETTER_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN_RE = re.compile("[A-Za-z0-9]")
# A value may also be a path that starts with one of these, such as ./a.md or /tmp/a.md.
_VALUE_START_RE = re.compile(r"[A-Za-z0-9./\\~]")
_FORMATTER = string.Formatter()


def format_message(template: str, **values: object) -> str:
    """Fill in a translated message like ``str.format``, and space CJK text from Latin text at each placeholder.

    Chinese typesetting puts a space between Chinese text and a Latin word,
    path or number. A template cannot always write that space itself: a
    location is "a.md 第 7 行" in another file but "第 7 行" in the same
    one, so "在{where}" needs a space only in the first case. The space is
    added where the template's own text meets a value, never inside a
    value, so quoted document text stays as written. A template whose
    placeholders stand next to spaces or punctuation, as the English ones
    do, comes out as ``str.format`` makes it, and is filled in by it.
    """
    if _placeholders_stand_apart(template):
        return template.format(**values)
    return _format_spaced(template, values)


def _format_spaced(template: str, values: Mapping[str, object]) -> str:
    """Fill in a template piece by piece, with a space where a CJK letter meets a Latin one (see ``format_message``)."""
    pieces: list[tuple[str, bool]] = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        if literal:
            pieces.append((literal, False))
        if name is None:
            continue
        value = _FORMATTER.convert_field(_FORMATTER.get_field(name, (), values)[0], conversion)
        pieces.append((_FORMATTER.format_field(value, _FORMATTER.vformat(spec or "", (), values)), True))

    text = ""
    previous_is_value = False
    for piece, is_value in pieces:
        if text and piece and is_value != previous_is_value and _needs_space(text[-1], piece[0], is_value):
            text += " "
        text += piece
        previous_is_value = is_value
    return text


@lru_cache(maxsize=1024)
def _placeholders_stand_apart(template: str) -> bool:
    """Return whether no letter or digit of the template's own text touches a placeholder.

    No space can then be needed where the template meets a value, so the
    template fills in as ``str.format`` fills it.
    """
    edges = []
    for index, (literal, name, _spec, _conversion) in enumerate(_FORMATTER.parse(template)):
        if literal and name is not None:
            edges.append(literal[-1])
        if literal and index > 0:
            edges.append(literal[0])
    return not any(_LATIN_RE.match(char) or _CJK_LETTER_RE.match(char) for char in edges)


def _needs_space(before: str, after: str, after_is_value: bool) -> bool:
    """Return whether a CJK letter and a Latin letter or digit meet, in either order.

    Punctuation such as quotes and brackets stays next to CJK text, except
    the first character of a path that a value starts with.
    """
    if _CJK_LETTER_RE.match(before):
        latin = _VALUE_START_RE if after_is_value else _LATIN_RE
        return bool(latin.match(after))
    return bool(_LATIN_RE.match(before)) and bool(_CJK_LETTER_RE.match(after))


# C0 and C1 control characters other than the tab, and the Unicode controls that reorder text (bidi
# overrides and isolates). A document's text is quoted in messages, and such a character written to a
# terminal as is could clear the screen, set the window title or make a line read other than it is.
_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """Return text with each control character written as an escape (``\\x1b``, ``\\u202e``), keeping it on one line."""
    return _CONTROL_RE.sub(_escape_control, text)


def _escape_control(found: re.Match[str]) -> str:
    point = ord(found.group())
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def display_width(text: str) -> int:
    """Return how many terminal columns text takes: wide and full-width characters (CJK) take two."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def pad(text: str, width: int) -> str:
    """Left-align text in ``width`` terminal columns, counting wide characters as two."""
    return text + " " * max(0, width - display_width(text))


# Chinese typesetting keeps closing punctuation off the start of a line and
# opening punctuation off its end.
_NO_BREAK_BEFORE = frozenset("，。、；：！？）》」』”’,.;:!?)]}")
_NO_BREAK_AFTER = frozenset("（《「『“‘([{")


def wrap_display(text: str, width: int) -> list[str]:
    """Wrap one paragraph into lines of at most ``width`` terminal columns.

    A line breaks at a space, or between a wide character and its neighbour,
    because Chinese puts no spaces between words. It never breaks before
    closing punctuation or after opening punctuation. A run without a break
    that is wider than ``width`` stays whole on its own line.
    """
    lines: list[str] = []
    line = ""
    for chunk, spaced in _chunks(" ".join(text.split())):
        candidate = line + (" " if spaced and line else "") + chunk
        if line and display_width(candidate) > width:
            lines.append(line)
            candidate = chunk
        line = candidate
    if line:
        lines.append(line)
    return lines


def _chunks(text: str) -> list[tuple[str, bool]]:
    """Split text into the pieces a line may break between, each with whether a space came before it."""
    chunks: list[tuple[str, bool]] = []
    spaced = False
    for unit in _units(text):
        if unit == " ":
            spaced = True
            continue
        glued = chunks and not spaced and (unit[0] in _NO_BREAK_BEFORE or chunks[-1][0][-1] in _NO_BREAK_AFTER)
        if glued:
            chunks[-1] = (chunks[-1][0] + unit, chunks[-1][1])
        else:
            chunks.append((unit, spaced))
        spaced = False
    return chunks


def _units(text: str) -> list[str]:
    """Split text into spaces, single wide characters and runs of other characters."""
    units: list[str] = []
    word = ""
    for char in text:
        if char == " " or display_width(char) == 2:
            if word:
                units.append(word)
                word = ""
            units.append(char)
        else:
            word += char
    if word:
        units.append(word)
    return units
