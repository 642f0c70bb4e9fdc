"""An answer written on the line of its question: ``1、什么是GIL？答案：…``, ``Q1: What is X? A: It is …``, ``问：…？答：…``.

Some banks put a question and its answer on one line. The parser cuts a
paragraph that opens with a question after the first question mark
(``?`` or ``？``) that an answer label follows on the same line. The
answer then becomes a field of its own, as if it stood on the next
line. A later question mark, such as one in the answer, cuts nothing.
"""

from __future__ import annotations

import re

from doclint.fields import LabelTable

# A question mark and the spaces after it, before the label that may follow on the same line.
_QUESTION_MARK_RE = re.compile(r"[?？][ \t]*")

# The option after ``A`` on the same line, as in ``A: list  B: tuple``: a ``B`` with a separator after white space.
_NEXT_OPTION_RE = re.compile(r"\sB\s*[:：.．)）、]")


# A sentence end inside a question's text: full-width or ASCII, a full stop only before white space (``os.path``).
_SENTENCE_END_RE = re.compile(r"[。！!；;]|\.\s")


def is_one_sentence(question: str) -> bool:
    """Return whether the text of a question, before its question mark, is one sentence.

    A numbered step that states a task and then asks about it ("1.
    Install the package. Why? A: …") is a step of a tutorial rather than
    a question with its answer, so such a line is not cut.
    """
    return _SENTENCE_END_RE.search(question) is None


def may_answer_inline(markdown: str) -> bool:
    """Return whether a paragraph has a question mark with text after it on its line, which an answer on the line of its question needs.

    Most questions end their line with the mark, so this quick test spares
    them the search for an answer label.
    """
    if "?" not in markdown and "？" not in markdown:
        return False
    return _TEXT_AFTER_MARK_RE.search(markdown) is not None


# A question mark with more text after it on its line.
_TEXT_AFTER_MARK_RE = re.compile(r"[?？][ \t]*[^\s]")


def inline_answer(markdown: str, labels: LabelTable) -> tuple[int, int] | None:
    """Find the first question mark that an answer label follows on the same line.

    Returns (the end of the question, just after its question mark; the
    start of the answer label) as offsets into ``markdown``, or None. The
    label is one of ``labels`` for the ``answer`` key, such as ``答案：``,
    ``答：`` or ``A:``. A one-letter label that opens a list of options
    (``A: list  B: tuple``, or ``B:`` on the next line) is no answer.
    """
    for mark in _QUESTION_MARK_RE.finditer(markdown):
        rest = markdown[mark.end():]
        if rest.startswith(("\n", "\r")):
            continue
        found = labels.match(rest)
        if found is None or found.key != "answer":
            continue
        if len(found.label) == 1 and _NEXT_OPTION_RE.search(found.rest.partition("\n")[0]):
            continue
        return mark.start() + 1, mark.end()
    return None
