"""Ordered lists whose items are the numbered questions of a bank: ``1. 什么是列表？`` over ``答案：…``.

Markdown reads ``1. 什么是列表？`` as an ordered list, not as a paragraph.
An answer label on the next line (``答案：…``) is a lazy continuation line
of that list item, so a bank written without blank lines is one list
whose items hold their answers. With a blank line and no indentation
before the answer, each question is a list of one item and the answer
follows the list. Unfolding such a list turns each item into its
question paragraph, its fields and the rest of its blocks, as if the
author had numbered the questions ``1、``, so that the item splitter
reads them as it reads numbered questions in plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from doclint.inline_answers import may_answer_inline
from doclint.model import Block, ListBlock, ListItem, Paragraph
from doclint.source import Source

# The marker of an ordered list item at the start of its source line: its digits as written and its delimiter.
_MARKER_RE = re.compile(r"^[ \t]*(?P<digits>\d{1,9})(?P<delimiter>[.)])")


@dataclass
class UnfoldedLists:
    """The blocks of a section with its lists of questions unfolded."""

    blocks: list[Block]
    questions: set[int] = field(default_factory=set)
    """The ``id`` of each question paragraph made from a list item."""
    members: set[int] = field(default_factory=set)
    """The ``id`` of each block that stood inside an unfolded list item, its question included."""


def unfold_question_lists(
    blocks: list[Block],
    source: Source,
    split_paragraph: Callable[[Paragraph], list[Paragraph]],
    is_question: Callable[[Paragraph], bool],
    answer_follows: Callable[[list[Block]], bool],
    is_field_steps: Callable[[int], bool] = lambda index: False,
) -> UnfoldedLists:
    """Replace the items of each ordered list that are questions with answers by their blocks.

    ``split_paragraph`` cuts a paragraph at the lines that open fields,
    ``is_question`` tests whether a paragraph is a numbered question, and
    ``answer_follows`` whether the blocks after a question open with its
    answer, after the question's code and options. An item's answer
    follows its question inside the item. The answer of the last item may
    follow the list instead. Markdown joins a question numbered ``3.``
    right after the steps ``1.`` and ``2.`` of the answer above into one
    list with them, and so it does with the steps of that question's own
    answer after it. So the items before the first question stay a list,
    and the other items that are no questions stay a list in the blocks
    of the question above them. ``is_field_steps`` decides, by a list's
    index in ``blocks``, whether the list is the content of a field, such
    as the numbered steps of an explanation written before the answer. The
    answer follows its last step as it would follow a question, so such a
    list stays a list.
    """
    result = UnfoldedLists([])
    for index, block in enumerate(blocks):
        unfolded = None
        if isinstance(block, ListBlock) and block.ordered:
            unfolded = _unfold(block, blocks[index + 1:], source, split_paragraph, is_question, answer_follows)
            # Asked last: few lists have a question in them, and the test reads the blocks before the list.
            if unfolded is not None and is_field_steps(index):
                unfolded = None
        if unfolded is None:
            result.blocks.append(block)
            continue
        leading, questions = unfolded
        if leading is not None:
            result.blocks.append(leading)
        for item_blocks in questions:
            result.questions.add(id(item_blocks[0]))
            result.members.update(id(member) for member in item_blocks)
            result.blocks.extend(item_blocks)
    return result


def _unfold(
    block: ListBlock,
    after: list[Block],
    source: Source,
    split_paragraph: Callable[[Paragraph], list[Paragraph]],
    is_question: Callable[[Paragraph], bool],
    answer_follows: Callable[[list[Block]], bool],
) -> tuple[ListBlock | None, list[list[Block]]] | None:
    """Split a list into the items before its first question, which stay a list, and the blocks of each question.

    Each question's blocks start with its question paragraph. The items
    between two questions, or after the last one, are the steps of the
    answer above them, and stay a list in that question's blocks. Returns
    None when no item is a question with an answer.
    """
    leading_items: list[ListItem] = []
    questions: list[list[Block]] = []
    steps: list[ListItem] = []
    for position, item in enumerate(block.items):
        last = position == len(block.items) - 1
        # A one-line item has no answer of its own, unless it writes the answer after its question mark, so it opens
        # one only when it is last and an answer follows the list. Most items are such steps, and this test spares
        # them the paragraph splitting and the question test.
        if _is_one_line(item) and not may_answer_inline(item.text) and not (last and answer_follows(after)):
            item_blocks = []
        else:
            item_blocks = _question_blocks(item, source, split_paragraph, is_question)
        following = item_blocks[1:]
        if last:
            following += after
        if item_blocks and answer_follows(following):
            if steps:
                questions[-1].append(_part(block, steps))
            steps = []
            questions.append(item_blocks)
        elif questions:
            steps.append(item)
        else:
            leading_items.append(item)

    if not questions:
        return None
    if steps:
        questions[-1].append(_part(block, steps))
    return (_part(block, leading_items) if leading_items else None), questions


def _is_one_line(item: ListItem) -> bool:
    """Return whether a list item is one paragraph of one line."""
    return len(item.blocks) == 1 and isinstance(item.blocks[0], Paragraph) and item.blocks[0].line == item.blocks[0].end_line


def _part(block: ListBlock, items: list[ListItem]) -> ListBlock:
    """Return a list of some items of ``block``, numbered from the first of them."""
    start = items[0].number if block.ordered else None
    return ListBlock(items[0].line, items[-1].end_line, block.ordered, start, items)


def _question_blocks(
    item: ListItem, source: Source, split_paragraph: Callable[[Paragraph], list[Paragraph]], is_question: Callable[[Paragraph], bool]
) -> list[Block]:
    """Return the blocks of a list item that opens with a numbered question, its question paragraph first, or none."""
    question = question_paragraph(item, source)
    if question is None:
        return []
    item_blocks: list[Block] = [*split_paragraph(question), *item.blocks[1:]]
    if not isinstance(item_blocks[0], Paragraph) or not is_question(item_blocks[0]):
        return []
    return item_blocks


def question_paragraph(item: ListItem, source: Source) -> Paragraph | None:
    """Return the first paragraph of a list item with its marker in front, as the paragraph ``3. 什么是列表？``."""
    if not item.blocks or not isinstance(item.blocks[0], Paragraph) or item.blocks[0].line != item.line:
        return None
    marker = _MARKER_RE.match(source.line_text(item.line))
    if marker is None:
        return None
    first = item.blocks[0]
    prefix = f"{marker.group('digits')}{marker.group('delimiter')} "
    return Paragraph(first.line, first.end_line, prefix + first.text, prefix + first.markdown)

