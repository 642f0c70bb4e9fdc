"""A question bank whose last item stops in the middle: the document was cut off, not written short.

Generated documents end where the generator hit its output limit, so the
last item loses its later steps and its explanation, often mid-sentence.
Reported as a short answer and a missing field, such an item asks the
writer to add steps, when the real problem is that the rest of the
document is missing.

The last item of a document is cut off when all of these hold:

- it is a Q&A item (question and answer fields) without subsections, at
  least two other items come before it, and nothing but blank lines,
  thematic breaks and HTML comments follows it (``doclint.end_marks``);
- the document ends mid-sentence: inside a fenced code block that is never
  closed, or in text whose last character is not sentence-final
  punctuation (``SENTENCE_END``), such as an answer label with nothing
  after it or a step that stops after a comma;
- the item has less than the items before it: fewer answer steps than
  their median, a field that more than half of them have, or an ending
  without the final punctuation that at least four in five of their
  same fields end with.

A document that stops right after the question of its last item, before
any answer label, is cut off too, when at least two items come before it
and every one of them has both a question and an answer. Such a last item
has only its question field (a numbered question paragraph such as
``第3题：…`` or an unnumbered bold question such as ``**最后一个问题是什么？**``
that the parser reads as an item at the end of a document, a
``**题目：**`` under a heading, or the last ``**Q:**`` of a flat FAQ). A
question without an answer earlier in the document shows that its author
leaves questions open, so then the last one is left alone as well.

A document that stops at the heading of its next item (``### 第30题`` or
``## 30.``, a number without a title and with nothing under it) is cut
off too, when at least two items come before it, every question is
answered, and the heading has the level and numbering style of the item
heading right before it. An unnumbered
heading with nothing under it, such as ``## 参考资料``, ends a document on
purpose.

An answer that is only a placeholder ("待补充", "TODO") was left open on
purpose, so it ends complete, and ``missing-answer`` reports it. The last
condition keeps a short answer that ends with a full stop, or a
document whose steps never end with punctuation and whose last item is as
complete as the others, from being called cut off.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Sequence

from doclint.end_marks import without_end_marks
from doclint.heading_numbers import read_heading_number
from doclint.model import (
    CONTAINERS,
    Block,
    CodeBlock,
    Document,
    Field,
    ListBlock,
    Paragraph,
    Section,
    is_item,
)
from doclint.placeholders import is_placeholder

SENTENCE_END = frozenset("。！？.!?…")
"""Characters that end a sentence, full-width and ASCII; a text that ends with one of them is complete."""

CLOSING_MARKS = "\"'”’)）]】」』*_`"
"""Quotes, brackets and emphasis that may follow the sentence-final character (``他说：“好。”``)."""

MIN_EARLIER_ITEMS = 2
"""Items before the last one needed to compare it with: one item alone gives no typical shape."""

PUNCTUATED_SHARE = 0.8
"""Share of the earlier items' same fields that must end with sentence-final punctuation for a missing one to count."""

_CLOSING_FENCE = re.compile(r"[ \t>]*(?P<fence>`{3,}|~{3,})[ \t]*")


@dataclass(frozen=True)
class CutOff:
    """The last item of a document that seems cut off, where it stops and what it lacks."""

    item: Section
    line: int
    """The last line of content of the document, where the text stops."""
    field: Field | None
    """The field that the text stops in, or None before the first field."""
    ending: str
    """The place where the text stops: ``fence`` (inside a code block never closed), ``label`` (an empty field
    label) or ``sentence``. Before any answer it is ``question`` (after the question), ``before-answer`` (in a
    field such as the explanation) or ``heading`` (at a numbered heading with nothing under it)."""
    step_count: int
    typical_step_count: int | None
    """The median number of answer steps of the earlier items, when the last item has fewer, else None."""
    missing_fields: tuple[tuple[str, str], ...]
    """The (key, label as written) of each field that more than half of the earlier items have and the last item lacks."""
    unpunctuated: bool
    """Whether the same field of the earlier items ends with sentence-final punctuation, where this one does not."""


def find_cut_off(document: Document) -> CutOff | None:
    """Return the document's last item when it seems cut off, else None."""
    questions = [section for section in document.walk() if "question" in section.fields]
    if questions and "answer" not in questions[-1].fields:
        return _cut_after_question(document, questions[-1], questions[:-1])

    items = [section for section in document.walk() if is_item(section)]
    heading = _empty_item_heading(document, items)
    if heading is not None:
        return CutOff(heading, _last_content_line(document), None, "heading", 0, None, _missing_fields(heading, items), False)
    if len(items) <= MIN_EARLIER_ITEMS:
        return None

    last, earlier = items[-1], items[:-1]
    last_line = _last_content_line(document)
    if last.end_line < last_line or last.children:
        # NOTE: an item whose subsections end the document is left alone, because its fields end before them.
        return None

    tail = _last_block(without_end_marks(last.blocks))
    ending = _ending(document, tail)
    if ending is None:
        return None

    field = _field_at(last, last_line)
    if field is not None and field.text.strip() and not field.steps and is_placeholder(field.text):
        return None
    if field is not None and _is_bare_label(field, tail):
        ending = "label"

    steps = len(last.fields["answer"].steps)
    typical = _typical_step_count(earlier)
    missing = _missing_fields(last, earlier)
    unpunctuated = ending != "fence" and field is not None and _others_punctuated(document, field.key, earlier)
    fewer_steps = typical if typical is not None and steps < typical else None
    if fewer_steps is None and not missing and not unpunctuated:
        return None
    return CutOff(last, last_line, field, ending, steps, fewer_steps, missing, unpunctuated)


def _cut_after_question(document: Document, last: Section, earlier: Sequence[Section]) -> CutOff | None:
    """Return the cut when the document ends with a question that has no answer and every earlier item has an answer.

    A bank that explains each question before it answers it may stop in
    the explanation of its last question. Then the cut is in the last
    field of the item, before its answer (``before-answer``).
    """
    if len(earlier) < MIN_EARLIER_ITEMS or not all(is_item(section) for section in earlier):
        return None
    last_line = _last_content_line(document)
    if last.end_line < last_line or last.children:
        return None
    missing = _missing_fields(last, earlier)
    if set(last.fields) == {"question"}:
        return CutOff(last, last_line, last.fields["question"], "question", 0, None, missing, False)
    field = max(last.fields.values(), key=lambda field: field.line)
    return CutOff(last, last_line, field, "before-answer", 0, None, missing, False)


def _empty_item_heading(document: Document, items: Sequence[Section]) -> Section | None:
    """Return the numbered heading that ends the document with nothing under it, after complete items of its form, else None.

    ``### 第30题`` after ``### 第29题`` and its answer is the start of the
    next item. The heading is its number alone, without a title, because a
    worksheet may write each task as a heading with nothing under it
    (``### 4、一本书 96 页，几天看完？``). It must follow an item heading
    right away, with that heading's level and numbering style and, when
    both numbers are whole numbers, the next number. At least ``MIN_EARLIER_ITEMS`` items come before it, and
    the question of each is answered (``find_cut_off`` checks that first).
    An unnumbered heading, such as ``## 参考资料`` or ``## See also``,
    closes a document on purpose and is left alone.
    """
    sections = list(document.walk())
    if not sections:
        return None
    last = sections[-1]
    if last.kind != "heading" or last.number is None or last.title or last.blocks or last.children or last.fields:
        return None
    if len(items) < MIN_EARLIER_ITEMS or _last_content_line(document) != last.end_line:
        return None

    previous = items[-1]
    if previous is not sections[-2] or previous.kind != "heading" or previous.level != last.level:
        return None
    if _numbering_style(previous.heading) != _numbering_style(last.heading):
        return None
    if previous.number is not None and previous.number.isdigit() and last.number.isdigit() and int(last.number) != int(previous.number) + 1:
        return None
    return last


def _numbering_style(heading: str) -> str | None:
    """Return the numbering style of a heading's text (``doclint.heading_numbers``), or None when it has no number."""
    found = read_heading_number(heading)
    return found.style if found is not None else None


def _last_content_line(document: Document) -> int:
    """Return the last line of the document that is not blank and not in the thematic breaks and HTML comments that end it.

    A ``---`` line or a comment such as ``<!-- generated -->`` after the
    cut (``doclint.end_marks``) leaves the text stopped where it was.
    """
    end_marks = _end_marks_by_last_line(document)
    line = document.source.line_count
    while line > 1:
        if line in end_marks:
            line = end_marks[line].line - 1
        elif not document.source.line_text(line).strip():
            line -= 1
        else:
            break
    return line


def _end_marks_by_last_line(document: Document) -> dict[int, Block]:
    """Return the thematic breaks and HTML comments that end a list of blocks of the document, by their last line."""
    block_lists = [document.blocks, *(section.blocks for section in document.walk())]
    found: dict[int, Block] = {}
    for blocks in block_lists:
        kept = len(without_end_marks(blocks))
        found.update((block.end_line, block) for block in blocks[kept:])
    return found


def _last_block(blocks: Sequence[Block]) -> Block | None:
    """Return the innermost last block: the last block of the last list item or container, down to a leaf."""
    if not blocks:
        return None
    block = blocks[-1]
    if isinstance(block, ListBlock) and block.items:
        item = block.items[-1]
        return _last_block(item.blocks) or block
    if isinstance(block, CONTAINERS):
        return _last_block(block.blocks) or block
    return block


def _ending(document: Document, block: Block | None) -> str | None:
    """Return how a text that ends with this block stops mid-sentence (``fence`` or ``sentence``), or None when it ends complete."""
    if isinstance(block, CodeBlock):
        return "fence" if block.fenced and not _is_closed(document, block) else None
    if not isinstance(block, Paragraph):
        return None
    text = block.text.rstrip().rstrip(CLOSING_MARKS).rstrip()
    if not text or text[-1] not in SENTENCE_END:
        return "sentence"
    return None


def _is_bare_label(field: Field, tail: Block | None) -> bool:
    """Return whether the text stops at a field's label: the labelled paragraph is the last block and has nothing after the label."""
    return isinstance(tail, Paragraph) and tail.line == field.line and not field.text.strip() and not field.steps


def _is_closed(document: Document, block: CodeBlock) -> bool:
    """Return whether a fenced block ends with a closing fence, rather than at the end of the document."""
    if block.end_line == block.line:
        return False
    opening = _CLOSING_FENCE.match(document.source.line_text(block.line))
    closing = _CLOSING_FENCE.fullmatch(document.source.line_text(block.end_line))
    if opening is None or closing is None:
        return False
    return closing.group("fence")[0] == opening.group("fence")[0] and len(closing.group("fence")) >= len(opening.group("fence"))


def _field_at(section: Section, line: int) -> Field | None:
    """Return the field of a section that contains a line, or None.

    Of two fields on one line, such as a question and the answer written
    after it (``1、什么是GIL？答案：``), the line ends in the later one.
    """
    found = None
    for field in section.fields.values():
        if field.line <= line <= field.end_line and (found is None or field.line >= found.line):
            found = field
    return found


def _typical_step_count(items: Sequence[Section]) -> int | None:
    """Return the median number of answer steps of items, or None when they mostly have fewer than two."""
    median = int(statistics.median(len(item.fields["answer"].steps) for item in items))
    return median if median >= 2 else None


def _missing_fields(last: Section, earlier: Sequence[Section]) -> tuple[tuple[str, str], ...]:
    """Return the (key, label as written) of the fields that more than half of the earlier items have and the last item lacks."""
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}
    for item in earlier:
        for key, field in item.fields.items():
            counts[key] = counts.get(key, 0) + 1
            labels.setdefault(key, field.label)
    return tuple((key, labels[key]) for key, count in counts.items() if count * 2 > len(earlier) and key not in last.fields)


def _others_punctuated(document: Document, key: str, earlier: Sequence[Section]) -> bool:
    """Return whether at least ``PUNCTUATED_SHARE`` of the earlier items' ``key`` fields end with sentence-final punctuation."""
    endings = [_ending(document, _last_block(_field_blocks(item, item.fields[key]))) for item in earlier if key in item.fields]
    if len(endings) < MIN_EARLIER_ITEMS:
        return False
    complete = sum(1 for ending in endings if ending is None)
    return complete >= PUNCTUATED_SHARE * len(endings)


def _field_blocks(section: Section, field: Field) -> list[Block]:
    """Return a section's blocks that lie within a field's lines."""
    return [block for block in section.blocks if field.line <= block.line <= field.end_line]
