"""The writing system of a section's prose, so that a translation is not taken for a near-duplicate.

A page and its translation often share their code blocks, tables of
option names and URLs, while their prose is in two languages. When the
code is most of a section, ``near-duplicate-section`` scores such a pair
above the threshold ("配置" with a TOML block and one Chinese sentence,
"Configure" with the same block and one English sentence). Merging them
is not possible, because each is for readers of its own language. So a
pair whose prose is mostly CJK on one side and mostly Latin letters on
the other is no near-duplicate. A translated page that kept the English
text is still reported, because both sides are then in Latin letters.

The heading counts as prose. Many translated sections are only a heading
and a code block ("## 示例" and "## Example"), so the writing system of a
short text is also decided when all its letters are in one system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from weakref import WeakKeyDictionary

from doclint.model import Document, Section
from doclint.similarity import block_texts
from doclint.text import cjk_count

# A CJK character weighs as much as two Latin letters, as in the comparison floor of similarity.py.
LATIN_LETTER_WEIGHT = 0.5
# The prose is in one writing system when that system weighs at least this many times the other.
DOMINANCE = 2.0
# Prose lighter than this (eight CJK characters, or about three English words) is too short to tell its
# language. A translated section whose code is most of it has a short caption, such as "Create acme.toml in
# the project folder:", so the floor is half the comparison floor of similarity.py.
MIN_PROSE_WEIGHT = 8.0
# Shorter prose has a writing system only when all its letters are in one system and weigh at least
# this much: two CJK characters ("示例") or four Latin letters ("Note").
MIN_SINGLE_SCRIPT_WEIGHT = 2.0
# Against prose in Latin letters, mixed prose is Chinese when CJK characters and marks are at least this share
# of its weight and weigh at least MIN_MIXED_CJK_WEIGHT. "tidepool 需要 Python 3.9 或更高版本。" under "## 安装"
# has 10 of them against 14 Latin letters (weight 7), a share of 0.59. "示例：" under "## Configure" has 3, and an
# English sentence that names one Chinese term has a far smaller share.
MIN_CJK_SHARE = 0.5
MIN_MIXED_CJK_WEIGHT = MIN_PROSE_WEIGHT / 2


_NON_LATIN_LETTER_RUN_RE = re.compile("[^A-Za-z]+")


class Script(Enum):
    CJK = "cjk"
    LATIN = "latin"


def prose_script(section: Section) -> Script | None:
    """Return the writing system of a section's heading and own prose (code blocks left out), or None when it is mixed or too short."""
    cjk, latin = _prose_weights(section)
    if cjk + latin < MIN_PROSE_WEIGHT:
        return _single_script(cjk, latin)
    if cjk >= DOMINANCE * latin:
        return Script.CJK
    if latin >= DOMINANCE * cjk:
        return Script.LATIN
    return None


def _single_script(cjk: float, latin: float) -> Script | None:
    """Return the writing system of short prose whose letters are all in it, or None."""
    if cjk + latin < MIN_SINGLE_SCRIPT_WEIGHT:
        return None
    if not latin:
        return Script.CJK
    if not cjk:
        return Script.LATIN
    return None


def in_other_languages(first: Section, second: Section) -> bool:
    """Return whether the prose of two sections is in two different writing systems, as a page and its translation are.

    Chinese prose names products and commands in Latin letters
    ("tidepool 需要 Python 3.9 或更高版本。"), so it may have no dominant
    system. Against prose in Latin letters, it still counts as Chinese
    when CJK characters are at least ``MIN_CJK_SHARE`` of its weight and
    weigh at least ``MIN_MIXED_CJK_WEIGHT``.
    """
    first_script = prose_script(first)
    second_script = prose_script(second)
    if first_script is not None and second_script is not None:
        return first_script is not second_script
    if first_script is Script.LATIN:
        return _mostly_cjk_with_names(second)
    if second_script is Script.LATIN:
        return _mostly_cjk_with_names(first)
    return False


def _mostly_cjk_with_names(section: Section) -> bool:
    """Return whether a section's prose has CJK characters for at least ``MIN_CJK_SHARE`` of its weight, and enough of them."""
    cjk, latin = _prose_weights(section)
    return cjk >= MIN_MIXED_CJK_WEIGHT and cjk >= MIN_CJK_SHARE * (cjk + latin)


def _prose_weights(section: Section) -> tuple[float, float]:
    """Return the weights of the CJK characters and of the Latin letters of a section's heading and own prose."""
    return _text_weights(_prose_text(section))


def _prose_text(section: Section) -> str:
    """Return a section's heading and own prose, code blocks left out, one text a line."""
    return "\n".join([section.title, *(text for text, is_code in block_texts(section.blocks) if not is_code)])


def _text_weights(prose: str) -> tuple[float, float]:
    """Return the weights of the CJK characters and of the Latin letters of a text."""
    # Compiled patterns count in C, because a Python loop over the characters took about 0.2 s on 1,000 pages.
    cjk = float(cjk_count(prose))
    latin = LATIN_LETTER_WEIGHT * len(_NON_LATIN_LETTER_RUN_RE.sub("", prose))
    return cjk, latin


def left_untranslated(section: Section, document: Document, other: Section, other_document: Document) -> bool:
    """Return whether a section repeats a section of another page in that page's writing system, while the rest of its own page is in another.

    A translated page that kept one section of its original, such as an
    English paragraph on a Chinese page, needs that section translated,
    not merged with the original or rewritten.
    """
    if document is other_document:
        return False
    script, other_script = prose_script(section), prose_script(other)
    if script is None or script is not other_script:
        return False
    page = _page_script(document, section)
    return page is not None and page is not script


def _page_script(document: Document, left_out: Section) -> Script | None:
    """Return the writing system of the prose of a page's sections other than ``left_out``, or None when it is mixed or too short."""
    weights = _page_weights(document)
    cjk, latin = weights.cjk, weights.latin
    if id(left_out) in weights.sections:
        # The weights are whole numbers and halves, so the subtraction is exact.
        own_cjk, own_latin = _prose_weights(left_out)
        cjk, latin = cjk - own_cjk, latin - own_latin
    if cjk + latin < MIN_PROSE_WEIGHT:
        return None
    # A Chinese page names functions and products in Latin letters, so half its weight in CJK makes it Chinese.
    if cjk >= MIN_CJK_SHARE * (cjk + latin):
        return Script.CJK
    if latin >= DOMINANCE * cjk:
        return Script.LATIN
    return None


@dataclass
class _PageWeights:
    """The prose weights of all the sections of a page, and the ``id`` of each of its sections."""

    cjk: float
    latin: float
    sections: frozenset[int]


# The weights of each page, kept while the page lives: a page with many near-duplicate sections would
# otherwise weigh all its sections again for each of them, which took 0.3 s on 1,000 generated pages.
_PAGE_WEIGHTS: WeakKeyDictionary[Document, _PageWeights] = WeakKeyDictionary()


def _page_weights(document: Document) -> _PageWeights:
    """Return the prose weights of a page, computed once per page over the prose of all its sections."""
    found = _PAGE_WEIGHTS.get(document)
    if found is None:
        sections = list(document.walk())
        # One line break between two sections adds no weight, so the sums equal the sums of the sections' weights.
        cjk, latin = _text_weights("\n".join(_prose_text(section) for section in sections))
        found = _PAGE_WEIGHTS[document] = _PageWeights(cjk, latin, frozenset(id(section) for section in sections))
    return found
