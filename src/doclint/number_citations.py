"""Numbers that the text of a document cites by name: "见第4题", "see Q4", "Step 4", a link to ``#q4-what-is-a-dict``.

Renumbering a heading or an item changes only its own number. A sentence
elsewhere that cites the old number ("同第4题", "as in Step 4"), or a link
to the heading's anchor, then points at another item or at nothing. The
renumbering fix of heading-numbering is safe only when the document
cites none of the numbers that it changes.

A citation names the number after a word that counts items, steps or
sections, or before ``题``. That word is Chinese (``第4题``, ``第4道题``,
``第四章``, ``第4点``, ``第4项``, ``第4步``, ``题4``, ``题号4``, ``问题 4``,
``步骤4``, ``要点4``, ``4题``) or English in any case (``Q4``, ``Q.4``,
``question 4``, ``Step 4``, ``point 4``, ``item 4``, ``No. 4``).
Full-width forms (``Ｑ４``) count as their ASCII forms. A count such as
"共4题" reads as a citation too, which only makes the fix unsafe.
A link to an anchor in the same document (``](#…)``) cites each number
among the digits of the anchor. A bare number ("4") cites
nothing, because answers are full of counts and values.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from doclint.text import CHINESE_NUMERAL_CHARS, chinese_numeral_value

# A number after a word that counts items, steps or sections, or before 题. The groups ``number``, ``label_number``,
# ``count_number`` and ``word_number`` contain digits (ASCII or full-width), and ``numeral`` a Chinese numeral.
_CITATION_RE = re.compile(
    rf"第\s*(?:(?P<number>\d+)|(?P<numeral>[{CHINESE_NUMERAL_CHARS}]+))\s*道?\s*[题问章节条部课讲篇点项步]"
    r"|(?:题目|问题|习题|练习|试题|题号|题|步骤|要点)\s*(?P<label_number>\d+)"
    r"|(?<![\d第])(?P<count_number>\d+)\s*[题问](?![目型库])"
    r"|(?<![A-Za-z])(?i:step|point|part|chapter|lesson|unit|module|section|question|exercise|problem|task|item|answer|no|q)"
    r"\s*[.#]?\s*(?P<word_number>\d+)(?![0-9A-Za-z])"
)

# A link to an anchor in the same document: ``[见上文](#q4-what-is-a-dict)``.
_ANCHOR_LINK_RE = re.compile(r"\]\(\s*#(?P<anchor>[^)\s]*)")

_DIGITS_RE = re.compile(r"\d+")


def cited_numbers(lines: Iterable[str]) -> set[int]:
    """Return the whole numbers that lines of text cite by name or in an anchor link."""
    cited: set[int] = set()
    for line in lines:
        # Full-width letters and digits ("Ｑ４") cite as their ASCII forms do.
        line = unicodedata.normalize("NFKC", line)
        for found in _CITATION_RE.finditer(line):
            value = _citation_value(found)
            if value is not None:
                cited.add(value)
        for link in _ANCHOR_LINK_RE.finditer(line):
            cited.update(int(digits) for digits in _DIGITS_RE.findall(link.group("anchor")))
    return cited


def _citation_value(found: re.Match[str]) -> int | None:
    """Return the number of one citation, or None for a Chinese numeral that ``chinese_numeral_value`` cannot read."""
    numeral = found.group("numeral")
    if numeral is not None:
        return chinese_numeral_value(numeral)
    digits = found.group("number") or found.group("label_number") or found.group("count_number") or found.group("word_number")
    return int(digits)
