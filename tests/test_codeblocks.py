"""Code blocks in document order, and the file position of every code line."""

from __future__ import annotations

from doclint.codeblocks import CodeLine, code_lines, iter_code_blocks
from doclint.parse import parse_document
from doclint.source import Source


def parse(text: str):
    return parse_document(Source.from_text("doc.md", text))


def test_code_blocks_document_order():
    document = parse(
        "```json\n{}\n```\n\n# A\n\n- item\n\n  ```python\n  x = 1\n  ```\n\n> ```yaml\n> a: 1\n> ```\n\n## B\n\n    code\n"
    )
    assert [(block.line, block.language) for block in iter_code_blocks(document)] == [
        (1, "json"),
        (9, "python"),
        (13, "yaml"),
        (19, None),
    ]


def test_code_lines_prefix_width():
    document = parse("> 1. item\n>\n>    ```python\n>    x = 1\n>\n>      y = 2\n>    ```\n")
    block = next(iter_code_blocks(document))
    assert code_lines(document, block) == [
        CodeLine(4, 5, "x = 1"),
        CodeLine(5, 1, ""),
        CodeLine(6, 5, "  y = 2"),
    ]
