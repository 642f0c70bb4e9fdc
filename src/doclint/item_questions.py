"""The paragraph that opens a Q&A item without a heading: a bold question, or a numbered question in plain text.

A question bank without headings writes each question as a paragraph of
its own, followed by an answer field. Some authors make the question bold
(``**问题 3：如何排序？**``), others number it in plain text (``第1题：…``,
``问题1：…``, ``Q1: …``, ``1、…``). The parser opens an item at such a
paragraph only when an answer field follows it, because a numbered line
alone is as often a step, a sub-heading or a point of an argument.
"""

from __future__ import annotations

import re

from doclint.fields import LabelTable
from doclint.heading_numbers import read_heading_number, split_number
from doclint.model import Block, ListBlock, Paragraph
from doclint.text import CHINESE_NUMERAL_CHARS

ItemQuestion = tuple[str | None, str, str]
"""(number or None, question text, question label as written or "")."""

_BOLD_PARAGRAPH_RE = re.compile(r"^\s*(\*\*|__)(?P<inner>[^\n]+?)\1\s*$")
_ITEM_NUMBER_RE = re.compile(r"^\s*(?P<number>\d+)\s*[.．、:：)）]?\s*")

# A number, in digits or Chinese numerals, that a question's first line needs near its start. The parser tests
# every paragraph, and this search rejects most prose before the label table and the numbering styles.
_NUMBER_NEAR_START_RE = re.compile(f"[0-9０-９{CHINESE_NUMERAL_CHARS}]")
NUMBER_SEARCH_CHARS = 32
"""How far into the first line the number of a question may start: after a label and spaces, or ``第``."""

# The number after a question label in plain text (``问题1：``, ``Question 2.``) needs a separator, because
# without bold a label word and a number also open prose ("Q3 revenue grew", "问题 2 更难").
_LABEL_NUMBER_RE = re.compile(r"^\s*(?P<number>\d+)\s*(?:[.．:：](?!\d)|[、)）])\s*")

PLAIN_QUESTION_STYLES = frozenset(
    {
        "1.",
        "第1题",
        "第1问",
        "chinese 第1题",
        "chinese 第1问",
        "question 1",
        "exercise 1",
        "problem 1",
        "task 1",
        "q 1",
    }
)
"""The numbering styles (``doclint.heading_numbers``) that open a question in plain text.

A plain number (``1、``, ``1.``, ``1）``, ``1：``), ``第1题`` or ``第一题``, and
an English question word (``Q1:``, ``Question 1:``, ``Exercise 2.``). The
other styles number chapters, parts and steps: ``一、``, ``（1）``,
``1.2``, ``第三章``, ``Step 3:``.
"""


def bold_question(markdown: str, labels: LabelTable, *, numbered_task: bool = False) -> ItemQuestion | None:
    """Recognise a paragraph that is one bold question: ``**问题 3：如何排序？**``, ``**Q: Why?**``.

    Returns (number, question text, label as written) or None. The bold
    text must open with a question label (with an optional number) or end
    with a question mark, ASCII or full-width. With ``numbered_task``, a
    bold text that opens with an item number is a question too, such as
    the task ``**5. 写一个线性回归的训练代码**``. The item splitter passes
    it and opens an item there only when an answer field follows, because
    a numbered bold line alone is as often a step or a sub-heading.
    """
    found = _BOLD_PARAGRAPH_RE.match(markdown)
    if not found:
        return None
    inner = found.group("inner").strip()

    label = ""
    labelled = labels.match_prefix(inner, "question")
    if labelled is not None:
        label, inner = labelled
        numbered = _ITEM_NUMBER_RE.match(inner)
        number = numbered.group("number") if numbered else None
        text = inner[numbered.end():] if numbered else inner
        text = text.lstrip(":： ")
    else:
        number, text = split_number(inner)
        if not text.endswith(("?", "？")) and not (numbered_task and number is not None):
            return None
    if not text:
        return None
    return number, text.strip(), label


def plain_question(text: str, labels: LabelTable) -> ItemQuestion | None:
    """Recognise a paragraph that opens with a numbered question without bold: ``第1题：…``, ``问题1：…``, ``Q1: …``, ``1、…``.

    Returns (number, question text, label as written) or None. The first
    line opens with a question label and a number with a separator after
    it (``题目1：``, ``问题 2.``, ``Question 3:``), or with a number in one
    of ``PLAIN_QUESTION_STYLES``. The question text is the rest of the
    paragraph, later lines included, so that the options of a
    multiple-choice question are part of it. An empty question text
    opens no question. A bold first line is left to ``bold_question``.
    """
    first, _newline, later = text.partition("\n")
    first = first.strip()
    if first.startswith(("**", "__")) or _NUMBER_NEAR_START_RE.search(first, 0, NUMBER_SEARCH_CHARS) is None:
        return None

    # A label opens with a word, so a line that opens with a digit, as each step of an answer does, needs no label lookup.
    found = None if first[0].isdigit() else _numbered_label(first, labels)
    if found is None:
        found = _numbered_start(first)
    if found is None:
        return None

    number, label, rest = found
    question = "\n".join(line for line in (rest.strip(), later.strip()) if line)
    if not question:
        return None
    return number, question, label


def _numbered_label(line: str, labels: LabelTable) -> tuple[str, str, str] | None:
    """Split ``问题1：如何排序？`` into (number, label as written, rest), or return None."""
    labelled = labels.match_prefix(line, "question")
    if labelled is None:
        return None
    label, after = labelled
    numbered = _LABEL_NUMBER_RE.match(after)
    if numbered is None:
        return None
    return numbered.group("number"), label, after[numbered.end():]


def _numbered_start(line: str) -> tuple[str, str, str] | None:
    """Split ``第1题：…``, ``1、…`` or ``Q1: …`` into (number, "", rest), or return None for another numbering style."""
    found = read_heading_number(line)
    if found is None or found.style not in PLAIN_QUESTION_STYLES:
        return None
    return found.number, "", line[found.end:]


# The letter and separator that open an option of a multiple-choice question: ``A.``, ``B、``, ``C)``, ``D：``.
_OPTION_RE = re.compile(r"^\s*(?P<letter>[A-Za-z])\s*[.．、:：)）]")


def is_options(block: Block) -> bool:
    """Return whether a block lists the options of a multiple-choice question, ``A.`` first and one letter after another.

    The options are the lines of a paragraph (``A. list`` over ``B. tuple``)
    or the items of a bullet list (``- A. list``). Options written on one
    line (``A. list  B. tuple``) are a paragraph of one line that opens
    with ``A``.
    """
    if isinstance(block, Paragraph):
        lines = block.markdown.split("\n")
    elif isinstance(block, ListBlock) and not block.ordered:
        lines = [item.text.partition("\n")[0] for item in block.items]
    else:
        return False

    letters = []
    for line in lines:
        found = _OPTION_RE.match(line)
        if found is None:
            return False
        letters.append(found.group("letter").upper())
    return letters == [chr(ord("A") + offset) for offset in range(len(letters))]


# A question that closes a FAQ by asking the reader whether anything is left, and nothing else: "Still have
# questions?", "Need more help?", "Any other questions?", "还有其他问题吗？", "还有疑问？". A question about something
# ("Are there any known problems with Safari?", "升级后还有哪些已知问题？") is a question of the bank.
_CLOSING_QUESTION_RE = re.compile(
    r"^\W*(?:(?:do\s+you\s+)?(?:still\s+)?(?:have|got|need)\s+|still\s+|any\s+|more\s+)?"
    r"(?:(?:any|more|other|further|additional)\s+){0,2}(?:questions?|help|problems?)\s*\??\W*$"
    r"|^\W*(?:still\s+stuck|anything\s+else|did\s+we\s+miss\s+anything|can'?t\s+find\s+(?:your|an)\s+answer)\W*$"
    r"|^\W*(?:还有|有)?(?:其他|别的|更多|什么)?(?:问题|疑问|疑惑)(?:吗|么|呢)?\W*$"
    r"|^\W*还有(?:其他|别的|更多|什么)?(?:问题|疑问|疑惑)?(?:吗|么|呢)\W*$"
    r"|^\W*(?:还)?需要(?:更多|其他)?帮助(?:吗|么|呢)?\W*$|^\W*没有找到答案\W*$",
    re.IGNORECASE,
)


def is_closing_question(question: str) -> bool:
    """Return whether a question asks the reader whether anything is left, as the last line of a FAQ does."""
    return _CLOSING_QUESTION_RE.search(question.strip()) is not None
