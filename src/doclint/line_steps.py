"""Steps written as numbered lines that Markdown reads as text: ``1、``, ``１.``, ``（1）``, ``①``.

CommonMark makes a list item only of ``1.`` or ``1)`` with ASCII digits and
a space after them, and only an item numbered 1 may interrupt a paragraph.
Chinese answers number their steps in other ways: ``1、``, ``1．``, ``１.``
(full-width digits), ``1.`` without a space, ``（1）`` or ``(1)``, and circled
numbers ``①`` to ``⑳``. Markdown reads those lines as paragraph text, and
this module reads them as steps.

A marker counts only at the start of a line, so ``(1)`` inside a sentence
is text. A number before a full stop and a Latin letter names a file or a
version (``1.txt``, ``2.x``), and a circled number before a word that
counts places names a place (``①号线``), so neither is a marker. The lines of a field count as steps when at least two of them
carry a marker of the same family, the first of them numbered 1. The
families are: a number with a separator (``1、``, ``1.``, ``1．``, ``1)``,
``1）``), a number in brackets (``(1)``, ``（1）``) and a circled number.
Numbers after the first may repeat or skip (``1、2、2、``), because a
mistyped number is still a step. A line that opens with two markers of one
family (``②④错误``) lists numbers rather than starting a step, so it has no
marker. A line with no marker, or with a marker of another family (``（1）``
under ``1、``), continues the step above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from doclint.fields import match_step_label, strip_label
from doclint.model import ListItem, Paragraph, Step

_DIGITS = "[0-9０-９]{1,3}"

# A separator right before a digit is no step marker: "1.5 倍", "2024.10". Nor is a full stop right before a Latin
# letter, which names a file or a version ("1.txt", "2.x"), or a circled number before a word that counts places
# ("①号线", "②号楼").
_MARKER_RE = re.compile(
    r"[ \t]*(?:"
    rf"(?P<number>{_DIGITS})[ \t]*(?:[、)）]|[.．](?![A-Za-z]))(?![0-9０-９])"
    rf"|[(（][ \t]*(?P<bracketed>{_DIGITS})[ \t]*[)）]"
    r"|(?P<circled>[\u2460-\u2473])(?![号楼层栋线期届班室区路站])"
    r")[ \t]*"
)

# The first characters a marker can open with, to skip most paragraphs with one search.
_MARKER_START_RE = re.compile(r"^[ \t]*[0-9０-９(（\u2460-\u2473]", re.MULTILINE)
_MARKER_CHAR_RE = re.compile(r"[0-9０-９(（\u2460-\u2473]")

CIRCLED_ONE = 0x2460


@dataclass(frozen=True)
class StepMarker:
    """A step number at the start of a line."""

    family: str
    """``number`` for ``1、`` and the like, ``bracketed`` for ``（1）``, ``circled`` for ``①``."""
    number: int
    end: int
    """Offset of the step text: after the marker and the spaces that follow it."""


@dataclass
class LineParagraph:
    """A paragraph's lines as the step reader sees them.

    ``markdown`` gives the markers and bold step labels, ``text`` the plain
    text of each step, so the two lists have one entry per source line. A
    labelled paragraph's first line comes without its label.
    """

    line: int
    markdown: list[str]
    text: list[str]


@dataclass
class LineSteps:
    """What a field's numbered lines make: the steps, and the text of each paragraph that holds some of them."""

    steps: list[Step]
    text_before: dict[int, str]
    """By paragraph index: the text of the lines before its first step."""


def has_marker(markdown: str) -> bool:
    """Return whether a line of the Markdown may open with a step marker: a quick test before ``read_line_steps``."""
    return _MARKER_START_RE.search(markdown) is not None


def may_mark(line: str) -> bool:
    """Return whether a line holds a character that can open a step marker anywhere, such as after a field label."""
    return _MARKER_CHAR_RE.search(line) is not None


def step_marker(line: str) -> StepMarker | None:
    """Return the step marker at the start of a line, or None.

    A line that opens with two markers of one family (``②④错误：``,
    ``1、2、均可``) names several numbers, such as the statements of a
    question, so it has no step marker.
    """
    marker = _read_marker(line, 0)
    if marker is None:
        return None
    following = _read_marker(line, marker.end)
    if following is not None and following.family == marker.family:
        return None
    return marker


def _read_marker(line: str, start: int) -> StepMarker | None:
    """Return the marker that opens ``line`` at offset ``start``, or None."""
    found = _MARKER_RE.match(line, start)
    if found is None:
        return None
    if found.group("circled"):
        return StepMarker("circled", ord(found.group("circled")) - CIRCLED_ONE + 1, found.end())
    family = "number" if found.group("number") else "bracketed"
    # int() reads full-width digits as well: int("１２") == 12.
    return StepMarker(family, int(found.group(family)), found.end())


def read_line_steps(paragraphs: list[LineParagraph]) -> LineSteps | None:
    """Read the numbered lines of a field's paragraphs as its steps, or return None when they make none.

    The first marked line sets the family, and it must be numbered 1. Its
    paragraph's earlier lines stay text. A later paragraph adds steps
    only when its first line has a marker of that family; any other
    paragraph stays text. At least two lines must carry a marker of the family.
    """
    start = _first_step(paragraphs)
    if start is None:
        return None
    first_paragraph, first_line, family = start

    steps: list[Step] = []
    text_before = {first_paragraph: "\n".join(paragraphs[first_paragraph].text[:first_line])}
    _add_steps(paragraphs[first_paragraph], first_line, family, steps)
    for index in range(first_paragraph + 1, len(paragraphs)):
        paragraph = paragraphs[index]
        marker = step_marker(paragraph.markdown[0])
        if marker is not None and marker.family == family:
            text_before[index] = ""
            _add_steps(paragraph, 0, family, steps)
    if len(steps) < 2:
        return None
    return LineSteps(steps, text_before)


def _first_step(paragraphs: list[LineParagraph]) -> tuple[int, int, str] | None:
    """Return the paragraph index, line index and family of the first marked line, if it is numbered 1."""
    for index, paragraph in enumerate(paragraphs):
        for line_index, line in enumerate(paragraph.markdown):
            marker = step_marker(line)
            if marker is not None:
                return (index, line_index, marker.family) if marker.number == 1 else None
    return None


def _add_steps(paragraph: LineParagraph, first_line: int, family: str, steps: list[Step]) -> None:
    """Append the steps of a paragraph's lines from ``first_line`` on, which opens with a marker of ``family``."""
    for index in range(first_line, len(paragraph.markdown)):
        line = paragraph.line + index
        markdown, text = paragraph.markdown[index], paragraph.text[index]
        marker = step_marker(markdown)
        if marker is None or marker.family != family:
            steps[-1].text = f"{steps[-1].text}\n{text.strip()}"
            steps[-1].end_line = line
            continue
        steps.append(_marked_step(line, line, marker, markdown, text))


def list_item_steps(item: ListItem) -> list[Step]:
    """Return the steps of an ordered list item: the item, cut before each line of its first paragraph that goes on counting.

    CommonMark lets only a list marker with ASCII digits and a space
    (``2.``) start an item, so ``1. 下载`` followed by ``2、运行`` makes one
    item whose paragraph holds both lines, a lazy continuation line. A
    line of that paragraph that opens with a marker of the ``number``
    family (``2、``, ``２.``, ``2.`` without a space) numbered one more than
    the step before it is a step of its own. Any other line stays part of
    the step above it.
    """
    whole = Step(item.line, item.end_line, item.number, item.label, item.text)
    if item.number is None or "\n" not in item.text or not item.blocks or not isinstance(item.blocks[0], Paragraph):
        return [whole]
    paragraph = item.blocks[0]
    if not has_marker(paragraph.markdown.partition("\n")[2]):
        return [whole]
    markdown_lines, text_lines = paragraph.markdown.split("\n"), item.text.split("\n")
    if len(markdown_lines) != len(text_lines):
        return [whole]

    steps = [Step(item.line, item.end_line, item.number, item.label, text_lines[0])]
    for index in range(1, len(markdown_lines)):
        marker = step_marker(markdown_lines[index])
        current = steps[-1]
        if marker is None or marker.family != "number" or marker.number != (current.number or 0) + 1:
            current.text = f"{current.text}\n{text_lines[index]}"
            continue
        line = paragraph.line + index
        current.end_line = line - 1
        steps.append(_marked_step(line, item.end_line, marker, markdown_lines[index], text_lines[index]))
    return steps


def _marked_step(line: int, end_line: int, marker: StepMarker, markdown: str, text: str) -> Step:
    """Build the step that a marked line opens, without its marker and its bold label."""
    text_marker = step_marker(text)
    step_text = text[text_marker.end:] if text_marker is not None else text.strip()
    split = match_step_label(markdown[marker.end:])
    label = split[0] if split is not None else None
    if label is not None:
        step_text = strip_label(step_text, label)
    return Step(line, end_line, marker.number, label, step_text.strip())


def split_at_markers(text: str) -> list[str]:
    """Cut plain text before each line that opens with a step marker, and remove the markers.

    The duplicate rules compare blocks. Steps written ``1、``, ``１.`` or
    ``（1）`` are one paragraph, while the same steps written ``1.`` are
    list items, so this gives the paragraph one text per step, as the list
    gives, and both forms of the same answer compare equal.
    """
    if not has_marker(text):
        return [text]
    pieces: list[str] = []
    for line in text.split("\n"):
        marker = step_marker(line)
        if marker is not None:
            pieces.append(line[marker.end:])
        elif pieces:
            pieces[-1] = f"{pieces[-1]}\n{line}"
        else:
            pieces.append(line)
    return pieces
