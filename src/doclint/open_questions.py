"""Questions of a bank that have no answer field: the bank lost their answers.

``missing-answer`` reports them, ``schema-violation`` leaves their missing
answer to it, and ``heading-numbering`` leaves those between two items
out of its runs (``open_items_between``).
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


def open_items_between(document: Document) -> set[int]:
    """Return the ``id`` of each item without an answer that a later sibling follows, in a bank where ``unanswered_questions`` finds it.

    Such an item stands between two items of its bank (``2、…`` without an
    answer, between ``1、…`` and ``3、…``). ``heading-numbering`` leaves
    it out of the run, so the run skips from 1 to 3, and the fix that
    would write 2 over the 3 is unsafe, because a line numbered 2 is
    already there. ``missing-answer`` reports the question itself.

    NOTE: the skip is then reported next to the missing answer, although
    the numbers themselves run on.
    """
    open_ids = {id(section) for section in unanswered_questions(document) if section.kind == "item"}
    if not open_ids:
        return set()
    found = set()
    for siblings in _sibling_lists(document):
        found.update(id(section) for section in siblings[:-1] if id(section) in open_ids)
    return found


def _sibling_lists(document: Document) -> list[list[Section]]:
    """Return the top-level sections of a document and the subsections of each section."""
    return [document.sections, *(section.children for section in document.walk() if section.children)]
