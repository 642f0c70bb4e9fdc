"""Numbered questions without an answer inside one paragraph, as a bank written without blank lines has them.

A bank may write its questions and answers on consecutive lines::

    1、什么是GIL？答案：全局解释器锁。
    2、什么是装饰器？
    3、什么是生成器？答案：带 yield 的函数。

Markdown reads these lines as one paragraph. The parser cuts it at each
question that an answer follows, but a question without an answer has no
label after it, so it would stay text of the answer above it. The lines
found here open pieces of their own. The paragraph then falls into the
same blocks as the bank written with blank lines, and the item rules
(``doclint.parse``) read each such question as they read it there.
"""

from __future__ import annotations

import re
from typing import Callable

from doclint.fields import LabelTable
from doclint.heading_numbers import read_heading_number
from doclint.item_questions import plain_question

# A line that opens with a letter and a separator, as an option of a multiple-choice question does: ``A. list``.
_OPTION_LINE_RE = re.compile(r"^\s*[A-Za-z]\s*[.．、:：)）]")


def open_question_lines(
    lines: list[str],
    index: int,
    previous: str,
    labels: LabelTable,
    answered: Callable[[int], bool],
    next_line: str = "",
    ends_document: bool = False,
) -> list[int]:
    """Return line ``index`` and the question lines without answers that follow it, or [] when they are text.

    ``lines`` are the source lines of a paragraph. ``lines[index]`` is a
    numbered question line without an answer, after the answer of the
    question on the line ``previous``, in this paragraph or the one
    before it. ``answered(i)`` returns whether the
    question of ``lines[i]`` has an answer, on its line or on a later
    line. Each returned line carries the number after the line before it,
    with the same numbering style and label, and only the options of a
    multiple-choice question may stand between them. They count only when
    what follows the last of them continues the bank. That is the next
    question of the paragraph, the first line of the next paragraph
    (``next_line``) when it is the next question or an answer label, or
    the end of the document (``ends_document``). A paragraph of other text
    after them makes them text, as the steps of an answer are.
    """
    found: list[int] = []
    last = previous
    for position in range(index, len(lines)):
        line = lines[position]
        if found and _OPTION_LINE_RE.match(line) is not None:
            continue
        if labels.match(line) is not None or not continues_question_line(last, line, labels):
            return []
        if answered(position):
            return found
        found.append(position)
        last = line

    next_label = labels.match(next_line)
    if ends_document or (next_label is not None and next_label.key == "answer"):
        return found
    return found if continues_question_line(last, next_line, labels) else []


def continues_question_line(previous: str, line: str, labels: LabelTable) -> bool:
    """Return whether a numbered question line carries the number after that of ``previous``, in its style and with its label."""
    question, previous_question = plain_question(line, labels), plain_question(previous, labels)
    if question is None or previous_question is None or question[2] != previous_question[2]:
        return False
    if not follows_number(previous_question[0], question[0]):
        return False
    return _number_style(line) == _number_style(previous)


def follows_number(previous: str | None, number: str | None) -> bool:
    """Return whether a question's number is the number of the question before it plus one."""
    if previous is None or number is None or not previous.isdigit() or not number.isdigit():
        return False
    return int(number) == int(previous) + 1


def _number_style(line: str) -> str | None:
    """Return the numbering style (``doclint.heading_numbers``) of a question line."""
    found = read_heading_number(line.strip())
    return found.style if found is not None else None
