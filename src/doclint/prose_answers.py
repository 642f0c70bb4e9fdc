"""Answers written as prose under a heading that asks the question, as most FAQ pages of documentation sites do.

An MkDocs or Sphinx FAQ writes ``### How do I clear the cache?`` and
answers in the paragraphs, lists and code blocks under it, with no
``**Answer:**`` label. Such a section is a Q&A item like a labelled one:
its heading is the question and its body the answer field, so that the
rules that compare answers find a question asked twice with two answers.

A question heading is such an item only among sibling headings that are
mostly questions, as on a FAQ page. A tutorial that ends each part with
"## What's next?" uses the question as a section title, and each part
answers it with its own next step.
"""

from __future__ import annotations

from doclint.line_steps import list_item_steps
from doclint.model import Admonition, Block, ContentTab, Field, ListBlock, Paragraph, Section, Step, ThematicBreak

QUESTION_MARKS = ("?", "？")


def continues_numbering(block: ListBlock, steps: list[Step]) -> bool:
    """Return whether an ordered list goes on with the numbering of the steps before it."""
    last = steps[-1].number
    return block.ordered and block.start is not None and last is not None and block.start == last + 1


def asks_in_heading(title: str) -> bool:
    """Return whether a heading's title is a question: it ends with a question mark, ASCII or full-width."""
    return title.rstrip().endswith(QUESTION_MARKS)


def answer_in_prose(siblings: list[Section]) -> None:
    """Give each question heading among ``siblings`` that answers in prose its question and answer fields.

    It applies when at least two of the siblings ask questions (headings
    that end with a question mark, or bold-question items) and they are
    more than half of the siblings. A section applies when it is a
    heading with no fields and no subsections and with blocks under it.
    """
    questions = [section for section in siblings if section.kind == "item" or asks_in_heading(section.title)]
    if len(questions) < 2 or 2 * len(questions) <= len(siblings):
        return

    for section in questions:
        if section.kind != "heading" or section.fields or section.children:
            continue
        answer = prose_answer(section.blocks)
        if answer is not None:
            question = Field("question", "", section.line, section.line, section.title)
            section.fields = {"question": question, "answer": answer}


def prose_answer(blocks: list[Block]) -> Field | None:
    """Read the blocks under a question heading as its answer field, or return None when there are none.

    The field is built as a labelled answer's field is, without a label.
    The items of the first list are its steps, and a later ordered list
    that goes on with their numbering adds its items. The paragraphs and
    the items of other lists are its text, and so is the text inside its
    admonitions and content tabs (``container_texts``), because two
    answers that differ only in a tab or a note are different answers. A
    thematic break ends the answer, as it ends a labelled field. Code
    blocks stay blocks of the section, and the field's lines cover them.
    """
    body: list[Block] = []
    for block in blocks:
        if isinstance(block, ThematicBreak):
            break
        body.append(block)
    if not body:
        return None

    answer = Field("answer", "", body[0].line, body[-1].end_line, "")
    # NOTE: a labelled answer (``**Answer:**``) still leaves the text inside its admonitions and
    # content tabs out, so two labelled answers that differ only there count as the same answer.
    texts: list[str] = []
    for block in body:
        if isinstance(block, ListBlock) and (not answer.steps or continues_numbering(block, answer.steps)):
            for item in block.items:
                answer.steps += list_item_steps(item)
        elif isinstance(block, ListBlock):
            texts.extend(item.text for item in block.items)
        elif isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, (Admonition, ContentTab)):
            texts.extend(container_texts(block))

    answer.text = "\n\n".join(text for text in texts if text)
    return answer


def own_text(blocks: list[Block]) -> str:
    """Return the text of the paragraphs among ``blocks``, without that of their admonitions, tabs and lists.

    A placeholder such as "TBD." over a ``!!! note`` is still no answer,
    though the note's text makes the answer's text more than the placeholder.
    """
    return "\n\n".join(block.text for block in blocks if isinstance(block, Paragraph) and block.text)


def container_texts(block: Admonition | ContentTab) -> list[str]:
    """Return the texts inside an admonition or a content tab, nested ones included, in document order.

    They are the paragraphs and the first paragraph of each list item. A
    tab's title comes first, because tabs of the same content under other
    titles ("pip" and "conda") say different things. So does an
    admonition's own title (``!!! warning "Linux only"``), but not the
    title that its type gives it when it has none (``Note``).
    """
    texts: list[str] = []
    if isinstance(block, ContentTab) or block.title.lower() != block.tag.lower():
        texts.append(block.title)
    for inner in block.blocks:
        if isinstance(inner, Paragraph):
            texts.append(inner.text)
        elif isinstance(inner, ListBlock):
            texts.extend(item.text for item in inner.items)
        elif isinstance(inner, (Admonition, ContentTab)):
            texts.extend(container_texts(inner))
    return [text for text in texts if text]
