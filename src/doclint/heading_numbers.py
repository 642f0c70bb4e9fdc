"""The leading number of a heading and the numbering style it is written in.

A heading's number may be written in many ways: ``14.``, ``14、``, ``14)``,
``14：``, ``1.2``, ``第14题``, ``第四章``, ``一、``, ``（1）``, ``（一）``, or
after a word that English tutorials and exercise sets number their parts
with (``Step 3:``, ``Part 2.``, ``Q4:``). The number is the same in all of
them, but the style separates sequences: a document that numbers its
chapters ``一、`` ``二、`` and then its questions ``第1题`` ``第2题`` has two
sequences, not one.

Full-width digits and punctuation are the same style as their ASCII forms
(``１．`` is ``1.``), because Chinese text mixes them freely. A plain
number is one style whatever separator follows it (``1.``, ``2、``,
``3)``, ``4：``), because a Chinese input method slips between ``.`` and
``、`` easily, and a sequence split at such a slip would hide a real skip.
Chinese numerals are another style than digits (``一、`` is not ``1、``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from doclint.text import chinese_numeral_value

_CJK_NUMERAL = "[零〇一二两三四五六七八九十百]+"

WORD_PREFIXES = ("step", "part", "chapter", "lesson", "unit", "module", "section", "question", "exercise", "problem", "task", "q")
"""Words before a number that English tutorials, courses and exercise sets use: ``Step 3:``, ``Q4.``; matched in any case.

A number after a word ends the heading or comes before a separator, a
dash or a bracket (``Step 5 - Verify``, ``Step 3 (optional):``). ``Q``
needs a separator (``Q4:``), because ``Q3`` alone names a quarter.
"""

_WORDS = "|".join(sorted((word for word in WORD_PREFIXES if word != "q"), key=len, reverse=True))

# "14." "14、" "14)" "14:" "1.2" "1.2." "第14题" "第14题：" "第 3 章" "第四章" "一、" "（1）" "（一）" "Step 3:" before the title.
# A full stop or a colon right before a digit is no separator: "1.5x", "09:30", "3:2".
_NUMBER_RE = re.compile(
    rf"^\s*(?:第\s*(?:(?P<ordinal>\d+)|(?P<cjk_ordinal>{_CJK_NUMERAL}))\s*(?P<counter>[题章节条问部课讲篇])(?:\s*[:：.．、](?!\d))?"
    r"|(?P<dotted>\d+(?:\.\d+)+)\.?(?=\s|$)"
    r"|(?P<plain>\d+)\s*(?:[.．:：](?!\d)|[、)）])"
    rf"|(?P<cjk_plain>{_CJK_NUMERAL})\s*(?:[、.．])"
    rf"|[(（]\s*(?:(?P<bracketed>\d+)|(?P<cjk_bracketed>{_CJK_NUMERAL}))\s*[)）]"
    rf"|(?i:(?P<word>{_WORDS}))\s*(?P<word_number>\d+)\s*(?:[.．:：)）](?!\d)|(?=[-–—(（])|$)"
    r"|(?i:(?P<q>q))\s*(?P<q_number>\d+)\s*[.．:：)）](?!\d))\s*"
)



_TITLE_DASH_RE = re.compile(r"[-–—]\s*")


@dataclass(frozen=True)
class HeadingNumber:
    """A heading's leading number as ``split_number`` reads it, with its style."""

    number: str
    """The number in digits as written (``14``, ``１４``, ``1.2``); a Chinese numeral's value in ASCII digits."""
    written: str
    """The number as the heading writes it: ``14``, ``１４``, ``四``, ``十二``."""
    style: str
    """The numbering style, such as ``1.`` (any separator), ``第1题``, ``一、``, ``(1)`` or ``step 1``. Only equality is meaningful."""
    chinese: bool
    """Whether the number is a Chinese numeral."""
    end: int
    """Offset of the title: after the number, its separator and the spaces that follow."""


@lru_cache(maxsize=4096)
def read_heading_number(heading: str) -> HeadingNumber | None:
    """Return the leading number of a heading, or None when it has none (or a Chinese numeral that is not one).

    The parser reads every heading, and the numbering rules read each one
    again for its style, so the results are cached; they are immutable.
    """
    found = _NUMBER_RE.match(heading)
    if not found:
        return None

    groups = found.groupdict()
    if groups["ordinal"] or groups["cjk_ordinal"]:
        style = f"第1{groups['counter']}"
        written = groups["ordinal"] or groups["cjk_ordinal"]
    elif groups["dotted"]:
        style, written = "1.1", groups["dotted"]
    elif groups["plain"]:
        style, written = "1.", groups["plain"]
    elif groups["cjk_plain"]:
        style, written = "1、", groups["cjk_plain"]
    elif groups["bracketed"] or groups["cjk_bracketed"]:
        style, written = "(1)", groups["bracketed"] or groups["cjk_bracketed"]
    elif groups["word"]:
        style, written = f"{groups['word'].lower()} 1", groups["word_number"]
    else:
        style, written = "q 1", groups["q_number"]

    chinese = bool(groups["cjk_ordinal"] or groups["cjk_plain"] or groups["cjk_bracketed"])
    number = written
    if chinese:
        value = chinese_numeral_value(written)
        if value is None:
            return None
        number = str(value)
        style = f"chinese {style}"
    end = found.end()
    if groups["word"]:
        # "Step 5 - Verify": the dash separates the number from the title, as a colon would.
        dash = _TITLE_DASH_RE.match(heading, end)
        end = dash.end() if dash else end
    return HeadingNumber(number, written, style, chinese, end)


def split_number(heading: str) -> tuple[str | None, str]:
    """Split a heading into its leading number and its title."""
    found = read_heading_number(heading)
    if found is None:
        return None, heading.strip()
    return found.number, heading[found.end:].strip()
