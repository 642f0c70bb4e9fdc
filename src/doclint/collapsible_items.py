"""Q&A items asked in the title of a collapsible block: an admonition or an HTML ``<details>`` block.

MkDocs Material FAQ pages ask each question in the title of an admonition,
most often a collapsible one, and answer in its indented content::

    ??? question "How do I reset my password?"

        Open **Settings → Account** and choose **Reset password**.

READMEs on GitHub do the same with ``<details>`` and a question in its
``<summary>``. Such a block is an item of the section that contains it.
Its title is the question field, on the title's line. Its content is the
answer field, from the content's first line, and is read as the prose
under a question heading is (``doclint.prose_answers.prose_answer``).

A block is an item only when its title ends with a question mark and the
block is meant as a question. Either its admonition type is a question
type of mkdocs-material (``question``, ``help``, ``faq``), or it is
collapsible (``???``, ``???+`` or ``<details>``) and at least one other
collapsible question is among the same blocks. So a ``!!! warning
"Why is this slow?"`` callout, a tutorial's lone ``??? example "What does
this print?"`` and a README's ``<details>`` around a build log stay blocks.
Only blocks directly under a heading or at the top of the document are
read, not those inside lists, block quotes, tabs or other admonitions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable

from doclint.heading_numbers import split_number
from doclint.model import Admonition, Block, CodeBlock, Field, HtmlBlock, Paragraph, Section
from doclint.prose_answers import asks_in_heading, prose_answer
from doclint.source import Source

QUESTION_TYPES = frozenset({"question", "help", "faq"})
"""The admonition type ``question`` and its aliases, as the admonitions reference of mkdocs-material lists them."""

_DETAILS_OPEN_RE = re.compile(r"^[ \t]*<details\b[^>]*>", re.IGNORECASE | re.MULTILINE)
_DETAILS_CLOSE_RE = re.compile(r"</details\s*>", re.IGNORECASE)
_DETAILS_TAG_RE = re.compile(r"<(?P<close>/?)details\b[^>]*>", re.IGNORECASE)
_SUMMARY_RE = re.compile(r"\s*<summary\b[^>]*>(?P<text>.*?)</summary\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")


@dataclass(eq=False)
class _Candidate:
    """A block, or a run of blocks, whose title may ask a question, with what its item would be made of."""

    start: int
    """The index of its first block among the container's blocks."""
    stop: int
    """The index after its last block."""
    next_offset: int
    """The offset in the text of block ``stop - 1`` from which the next candidate may open, or 0 when none does."""
    line: int
    end_line: int
    question: str
    question_line: int
    collapsible: bool
    typed_question: bool
    """Whether its admonition type is a question type (``QUESTION_TYPES``)."""
    blocks: list[Block]
    """Its content: the blocks of the answer."""
    answer: Field | None


def split_collapsible_items(
    blocks: list[Block], level: int, source: Source, plain_text: Callable[[str], str]
) -> tuple[list[Block], list[Section]]:
    """Take the collapsible question blocks out of ``blocks`` and return the other blocks and their items.

    The items are at ``level + 1``, one level below the section whose
    blocks they were, as the items that ``doclint.parse`` makes of bold
    questions. Each item's blocks are the block's content. ``plain_text``
    turns an admonition's title, which is inline Markdown, into the plain
    text of the question, as a heading's text is.
    """
    candidates = [candidate for candidate in _candidates(blocks, plain_text) if asks_in_heading(candidate.question)]
    collapsible = sum(candidate.collapsible for candidate in candidates)
    chosen = [
        candidate for candidate in candidates if candidate.typed_question or (candidate.collapsible and collapsible >= 2)
    ]
    if not chosen:
        return blocks, []

    # A block that closes one element and opens the next stays when the next element is no item.
    other_starts = {candidate.start for candidate in candidates if candidate not in chosen}
    item_blocks = {index for candidate in chosen for index in range(candidate.start, candidate.stop)} - other_starts
    rest = [block for index, block in enumerate(blocks) if index not in item_blocks]
    items = [_item(candidate, level + 1, source) for candidate in chosen]
    _add_code_above(blocks, chosen, items)
    return rest, items


def _add_code_above(blocks: list[Block], chosen: list[_Candidate], items: list[Section]) -> None:
    """Give each item's question field the code blocks between the item before it, or the blocks' start, and the item.

    A tutorial shows a snippet and asks ``??? question "What does this
    print?"`` under it, and its next part asks the same about another
    snippet. Like the code between a question heading and its label, that
    code is part of the question (``doclint.qa.question_content``), so the
    two items ask two questions. A block of white space alone is left out,
    as it is from any field's code.
    """
    previous_stop = 0
    for candidate, item in zip(chosen, items):
        above = blocks[previous_stop: candidate.start]
        item.fields["question"].code = [block for block in above if isinstance(block, CodeBlock) and block.text.strip()]
        previous_stop = candidate.stop


def _candidates(blocks: list[Block], plain_text: Callable[[str], str]) -> list[_Candidate]:
    """Return the admonitions and the ``<details>`` blocks among ``blocks``, each with its title."""
    found: list[_Candidate] = []
    index, offset = 0, 0
    while index < len(blocks):
        block = blocks[index]
        candidate = None
        if isinstance(block, Admonition):
            candidate = _admonition(block, index, plain_text)
        elif isinstance(block, HtmlBlock):
            candidate = _details(blocks, index, offset)
        if candidate is None:
            index, offset = index + 1, 0
            continue
        found.append(candidate)
        # "</details>" and the next "<details>" on the following line are one HTML block, which both elements share.
        index, offset = candidate.stop - 1, candidate.next_offset
        if offset == 0:
            index += 1
    return found


def _admonition(block: Admonition, index: int, plain_text: Callable[[str], str]) -> _Candidate:
    return _Candidate(
        start=index,
        stop=index + 1,
        line=block.line,
        end_line=block.end_line,
        question=plain_text(block.title).strip(),
        question_line=block.line,
        next_offset=0,
        collapsible=block.markup.startswith("???"),
        typed_question=block.tag in QUESTION_TYPES,
        blocks=block.blocks,
        answer=prose_answer(block.blocks),
    )


def _details(blocks: list[Block], index: int, offset: int) -> _Candidate | None:
    """Read the ``<details>`` element that opens in ``blocks[index]`` from ``offset`` on, or return None.

    The element must open on a line of its own and have a summary right
    after, and a ``</details>`` must close it. markdown-it ends an HTML
    block at a blank line, so the element is either one HTML block with its
    answer in HTML, or an opening HTML block with the summary, the Markdown
    blocks of the answer and an HTML block that closes it.
    """
    opening = blocks[index]
    assert isinstance(opening, HtmlBlock)
    start = _DETAILS_OPEN_RE.search(opening.text, offset)
    if start is None:
        return None
    summary = _SUMMARY_RE.match(opening.text, start.end())
    if summary is None:
        return None
    question = _html_text(summary.group("text"))
    question_line = opening.line + opening.text.count("\n", 0, summary.start("text"))
    line = opening.line + opening.text.count("\n", 0, start.start())

    after = opening.text[summary.end():]
    closing = _DETAILS_CLOSE_RE.search(after)
    if closing is not None:
        content = _one_block_content(opening, index, summary.end(), summary.end() + closing.end())
    else:
        content = _block_content(blocks, index)
    if content is None:
        return None

    return _Candidate(
        start=index,
        stop=content.stop,
        next_offset=content.next_offset,
        line=line,
        end_line=content.end_line,
        question=question,
        question_line=question_line,
        collapsible=True,
        typed_question=False,
        blocks=content.blocks,
        answer=content.answer,
    )


@dataclass
class _DetailsContent:
    """The content of a ``<details>`` element after its summary, and where the element ends."""

    stop: int
    """The index after the element's last block."""
    next_offset: int
    end_line: int
    blocks: list[Block]
    answer: Field | None


def _block_content(blocks: list[Block], index: int) -> _DetailsContent | None:
    """Read the Markdown blocks between the opening HTML block ``blocks[index]`` and the block that closes the element."""
    close = _closing_tag(blocks, index)
    if close is None:
        return None
    stop, next_offset, end_line = close
    content = blocks[index + 1: stop - 1]
    return _DetailsContent(stop, next_offset, end_line, content, prose_answer(content))


def _one_block_content(opening: HtmlBlock, index: int, inner_start: int, end: int) -> _DetailsContent:
    """Read a ``<details>`` element within one HTML block: its answer is the text of the HTML after the summary.

    The element runs to the ``</details>`` that ends at ``end`` in the
    block's text, and its content starts at ``inner_start``. That text is
    the item's one block, a paragraph without Markdown source, so that the
    duplicate rules compare it as they compare a Markdown answer.
    """
    inner = _DETAILS_CLOSE_RE.sub("", opening.text[inner_start:end])
    answer = None
    content: list[Block] = []
    text = _html_text(inner)
    if text:
        first = inner_start + len(inner) - len(inner.lstrip())
        answer_line = opening.line + opening.text.count("\n", 0, first)
        answer_end = answer_line + inner.strip().count("\n")
        answer = Field("answer", "", answer_line, answer_end, text)
        content.append(Paragraph(answer_line, answer_end, text, ""))

    next_offset = end if _DETAILS_OPEN_RE.search(opening.text, end) else 0
    end_line = opening.line + opening.text.count("\n", 0, end)
    return _DetailsContent(index + 1, next_offset, end_line, content, answer)


def _closing_tag(blocks: list[Block], index: int) -> tuple[int, int, int] | None:
    """Find the ``</details>`` that closes the element opened in ``blocks[index]``, or return None.

    Returns the index after the HTML block that holds it, the offset in
    that block's text where the next element may open (0 when none does)
    and the tag's line. A ``<details>`` nested in the answer opens
    and closes after the summary, and the element ends at the close that
    matches its own opening.
    """
    depth = 1
    for position in range(index + 1, len(blocks)):
        block = blocks[position]
        if not isinstance(block, HtmlBlock):
            continue
        for tag in _DETAILS_TAG_RE.finditer(block.text):
            depth += -1 if tag.group("close") else 1
            if depth == 0:
                end = tag.end()
                line = block.line + block.text.count("\n", 0, tag.start())
                return position + 1, end if _DETAILS_OPEN_RE.search(block.text, end) else 0, line
    return None


def _html_text(markup: str) -> str:
    """Return the text of an HTML fragment: tags removed, character references decoded and each line stripped."""
    lines = html.unescape(_TAG_RE.sub("", markup)).split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def _item(candidate: _Candidate, level: int, source: Source) -> Section:
    """Build the item section of a collapsible question: its question field, and its answer field when it has content."""
    number, title = split_number(candidate.question)
    raw_line = source.line_text(candidate.line)
    section = Section(
        level=level,
        line=candidate.line,
        end_line=candidate.end_line,
        column=len(raw_line) - len(raw_line.lstrip(" \t")) + 1,
        heading=candidate.question,
        number=number,
        title=title,
        kind="item",
        blocks=candidate.blocks,
    )
    question = Field("question", "", candidate.question_line, candidate.question_line, candidate.question)
    section.fields = {"question": question}
    if candidate.answer is not None:
        section.fields["answer"] = candidate.answer
    return section
