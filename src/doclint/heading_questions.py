"""The question of an item whose heading is its number alone: the paragraph under ``### 第3题``.

A bank may give each question a heading that is only its number, and
write the question as a plain paragraph under it, over a labelled
answer:

    ### 第1题

    数据库索引有什么作用？

    **答案：** 索引按键排序。

Such a section has no question field of its own, because the paragraph
has no label and the heading has no title. Once the document has at
least ``MIN_BANK_ITEMS`` of them, each paragraph that opens such a
section becomes its question field. A section of the bank that has its
question paragraph and nothing else, as a document cut off after its
last question ends, gets its question field too, so that
``truncated-document`` and ``missing-answer`` can report it.
"""

from __future__ import annotations

from doclint.end_marks import without_end_marks
from doclint.fields import LabelTable
from doclint.item_questions import is_options
from doclint.model import Block, CodeBlock, Field, ListBlock, Paragraph, Section

MIN_BANK_ITEMS = 2
"""Sections of a number and a question paragraph over an answer needed before the paragraphs count as questions."""


def ask_under_numbers(roots: list[Section], labels: LabelTable) -> None:
    """Give each section of a bank whose heading is a number alone the paragraph under it as its question field.

    A single numbered heading over a paragraph and an answer is as often a
    step of a tutorial, so the document must have ``MIN_BANK_ITEMS`` of
    them with an answer. A section without an answer counts only with a
    question paragraph alone (besides its code and options), at the level
    of the answered ones, because a paragraph followed by more text may
    be a question with its answer in prose. Thematic breaks and HTML
    comments may follow it (``doclint.end_marks``).
    """
    sections = [section for root in roots for section in root.walk() if _is_bare_number(section)]
    answered = [(section, blocks) for section in sections if (blocks := _question_blocks(section, labels))]
    if len(answered) < MIN_BANK_ITEMS:
        return

    for section, blocks in answered:
        _set_question(section, blocks)
    levels = {section.level for section, _blocks in answered}
    for section in sections:
        if section.fields or section.level not in levels:
            continue
        content = without_end_marks(section.blocks)
        blocks = _leading_question_blocks(content, labels)
        if blocks and len(blocks) == len(content) and sum(isinstance(block, Paragraph) for block in blocks) == 1:
            _set_question(section, blocks)


def _is_bare_number(section: Section) -> bool:
    """Return whether a section is a heading of a number without a title and without subsections or a question field."""
    return (
        section.kind == "heading"
        and section.number is not None
        and not section.title
        and not section.children
        and "question" not in section.fields
    )


def _question_blocks(section: Section, labels: LabelTable) -> list[Block]:
    """Return the blocks of a section's question when its answer field follows them right away, else no blocks."""
    answer = section.fields.get("answer")
    if answer is None:
        return []
    blocks = _leading_question_blocks(section.blocks, labels)
    if not blocks or len(blocks) == len(section.blocks) or section.blocks[len(blocks)].line != answer.line:
        return []
    return blocks


def _leading_question_blocks(blocks: list[Block], labels: LabelTable) -> list[Block]:
    """Return the blocks that open a section and may be a question: an unlabelled paragraph first, then paragraphs, code and options."""
    found: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and labels.match(block.markdown) is None and not is_options(block):
            found.append(block)
        elif found and (isinstance(block, CodeBlock) or is_options(block)):
            found.append(block)
        else:
            break
    return found


def _set_question(section: Section, blocks: list[Block]) -> None:
    """Make ``blocks`` the section's question field, first among its fields."""
    texts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, ListBlock):
            texts.append("\n".join(item.text for item in block.items))
    question = Field("question", "", blocks[0].line, blocks[-1].end_line, "\n\n".join(texts))
    section.fields = {"question": question, **section.fields}
