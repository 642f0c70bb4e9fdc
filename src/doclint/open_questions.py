"""Questions of a bank that have no answer field: the bank lost their answers.

``missing-answer`` reports them, and ``schema-violation`` leaves their
missing answer to it. ``heading-numbering`` counts them in its runs like
any other item, so their numbers run on.
"""

from __future__ import annotations

from doclint.model import Document, Section, is_item

MIN_ANSWERED_ITEMS = 2
"""Answered items a document needs before its open questions count as missing answers: one pair is no bank."""


def unanswered_questions(document: Document) -> list[Section]:
    """Return the sections of a bank that ask a question and have no answer field, when most questions of the document have one.

    A bank that answers its questions and leaves one open, in its middle
    or anywhere else, has lost that answer. A worksheet that answers two
    examples and leaves its exercises open has more open questions than
    answered ones, and none of them is reported. A section with
    subsections is left alone, because its answer may stand in them.
    """
    answered = 0
    open_questions = []
    for section in document.walk():
        if is_item(section):
            answered += 1
        elif "question" in section.fields and "answer" not in section.fields and not section.children:
            open_questions.append(section)
    if answered < MIN_ANSWERED_ITEMS or answered <= len(open_questions):
        return []
    return open_questions
