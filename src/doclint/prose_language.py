"""Which writing system the prose of a section is in, so that a translation is not taken for a near-duplicate.

A page and its translation often share their code blocks, tables of
option names and URLs, while their prose is in two languages. When the
code is most of a section, ``near-duplicate-section`` scores such a pair
above the threshold ("配置" with a TOML block and one Chinese sentence,
"Configure" with the same block and one English sentence). Merging them
is not possible, because each is for readers of its own language. So a
pair whose prose is mostly CJK on one side and mostly Latin letters on
the other is no near-duplicate. A translated page that kept the English
text is still reported, because both sides are then in Latin letters.
"""

from __future__ import annotations

from enum import Enum

from doclint.model import Section
from doclint.similarity import block_texts
from doclint.text import is_cjk

# A CJK character weighs as much as two Latin letters, as in the comparison floor of similarity.py.
LATIN_LETTER_WEIGHT = 0.5
# One writing system holds the prose when it weighs at least this many times the other.
DOMINANCE = 2.0
# Prose lighter than this (eight CJK characters, or about three English words) is too short to tell its
# language. A translated section whose code is most of it has a short caption, such as "Create acme.toml in
# the project folder:", so the floor is half the comparison floor of similarity.py.
MIN_PROSE_WEIGHT = 8.0


class Script(Enum):
    CJK = "cjk"
    LATIN = "latin"


def prose_script(section: Section) -> Script | None:
    """Return the writing system of a section's own prose (code blocks left out), or None when it is mixed or too short."""
    cjk = 0.0
    latin = 0.0
    for text, is_code in block_texts(section.blocks):
        if is_code:
            continue
        for character in text:
            if is_cjk(character):
                cjk += 1
            elif character.isascii() and character.isalpha():
                latin += LATIN_LETTER_WEIGHT

    if cjk + latin < MIN_PROSE_WEIGHT:
        return None
    if cjk >= DOMINANCE * latin:
        return Script.CJK
    if latin >= DOMINANCE * cjk:
        return Script.LATIN
    return None


def in_other_languages(first: Section, second: Section) -> bool:
    """Return whether the prose of two sections is in two different writing systems, as a page and its translation are."""
    first_script = prose_script(first)
    second_script = prose_script(second)
    return first_script is not None and second_script is not None and first_script is not second_script
