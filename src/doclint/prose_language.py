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
from enum import Enum

from doclint.model import Section
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


_LATIN_LETTER_RE = re.compile("[A-Za-z]")


class Script(Enum):
    CJK = "cjk"
    LATIN = "latin"


def prose_script(section: Section) -> Script | None:
    """Return the writing system of a section's heading and own prose (code blocks left out), or None when it is mixed or too short."""
    texts = [section.title, *(text for text, is_code in block_texts(section.blocks) if not is_code)]
    prose = "\n".join(texts)
    # A compiled pattern counts in C, because a Python loop over the characters took about 0.2 s on 1,000 pages.
    cjk = float(cjk_count(prose))
    latin = LATIN_LETTER_WEIGHT * len(_LATIN_LETTER_RE.findall(prose))

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
    """Return whether the prose of two sections is in two different writing systems, as a page and its translation are."""
    first_script = prose_script(first)
    second_script = prose_script(second)
    return first_script is not None and second_script is not None and first_script is not second_script

