"""The code blocks of a document, with the file position of every code line.

A code block inside a list item, a block quote, an admonition or a content
tab is indented or prefixed with ``>`` in the file, and markdown-it removes
that prefix from the block's text. Rules that find a problem at a line and column of the code report it
at the line and column of the file, so each code line keeps the number of
columns that precede it in its file line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from doclint.model import CONTAINERS, Block, CodeBlock, Document, ListBlock


@dataclass(frozen=True)
class CodeLine:
    """A line of code with its position in the file."""

    line: int
    """1-based line of the file."""
    shift: int
    """Code points of the file line before ``text`` starts (container prefix, removed indentation)."""
    text: str

    def column(self, index: int) -> int:
        """Return the 1-based file column of the code point at 0-based ``index`` of ``text``."""
        return self.shift + index + 1

    def end_column(self) -> int:
        """Return the file column just after the last character of ``text``."""
        return self.shift + len(self.text) + 1


def iter_code_blocks(document: Document) -> Iterator[CodeBlock]:
    """Yield every code block of a document in document order, nested ones included."""
    yield from _code_blocks_in(document.blocks)
    for section in document.walk():
        yield from _code_blocks_in(section.blocks)


def _code_blocks_in(blocks: Iterable[Block]) -> Iterator[CodeBlock]:
    for block in blocks:
        if isinstance(block, CodeBlock):
            yield block
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _code_blocks_in(item.blocks)
        elif isinstance(block, CONTAINERS):
            yield from _code_blocks_in(block.blocks)


def code_lines(document: Document, block: CodeBlock) -> list[CodeLine]:
    """Return the lines of a code block's text with their file lines and prefix widths.

    The prefix width of a line is what the file line has before the text
    markdown-it kept. When the file line does not end with that text (a
    tab that markdown-it expanded into spaces), the block's ``indent`` is
    the best estimate.
    """
    texts = block.text.split("\n")
    if texts and texts[-1] == "":
        texts.pop()

    lines: list[CodeLine] = []
    for index, text in enumerate(texts):
        line = block.code_line + index
        raw = document.source.line_text(line)
        shift = len(raw) - len(text) if raw.endswith(text) else block.indent
        lines.append(CodeLine(line, shift, text))
    return lines
