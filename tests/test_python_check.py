"""pyflakes on the Python blocks of a document: problems at file positions, per scope."""

from __future__ import annotations

import ast

import pytest

from doclint.parse import parse_document
from doclint.python_check import check_python
from doclint.source import Source, read_source

from conftest import SEED

TUTORIAL = """\
```python
import os
import sys
```

```pycon
>>> print(os.sep, missing)
```
"""


def parse(text: str):
    return parse_document(Source.from_text("doc.md", text))


def test_seed_problems():
    problems = check_python(parse_document(read_source(SEED)))
    assert [(p.kind, p.line, p.column, p.end_column, p.text) for p in problems] == [
        ("unused-import", 419, 8, 19, "numpy as np"),
        ("undefined-name", 422, 8, 17, "load_data"),
        ("undefined-name", 425, 15, 27, "encrypt_data"),
        ("undefined-name", 449, 25, 37, "decrypt_data"),
    ]
    assert {p.block.line for p in problems} == {416}


def test_document_scope():
    problems = check_python(parse(TUTORIAL), "document")
    assert [(p.kind, p.line, p.column, p.text) for p in problems] == [
        ("unused-import", 3, 8, "sys"),
        ("undefined-name", 7, 19, "missing"),
    ]


def test_block_scope():
    problems = check_python(parse(TUTORIAL), "block")
    assert [(p.kind, p.line, p.column, p.text) for p in problems] == [
        ("unused-import", 2, 8, "os"),
        ("unused-import", 3, 8, "sys"),
        ("undefined-name", 7, 11, "os"),
        ("undefined-name", 7, 19, "missing"),
    ]


def test_result_cached_per_document():
    document = parse(TUTORIAL)
    assert check_python(document) is check_python(document)
    assert check_python(document, "block") is not check_python(document)


def test_invalid_scope():
    with pytest.raises(ValueError, match="invalid code scope 'chapter'; use one of: document, block"):
        check_python(parse(TUTORIAL), "chapter")  # type: ignore[arg-type]


def test_syntax_error_position():
    problems = check_python(parse("- item\n\n  ```python\n  x = (1,\n  ```\n"))
    assert [(p.kind, p.line, p.column, p.text) for p in problems] == [("syntax-error", 4, 7, "'(' was never closed")]


def test_untagged_block_must_parse():
    document = parse("```\nprint(a)\n```\n\n```\n$ ls -l\n```\n")
    assert check_python(document) == []
    assert [(p.kind, p.line) for p in check_python(document, untagged=True)] == [("undefined-name", 2)]


def test_snippets_far_down_parsed_alone(monkeypatch):
    parsed = []
    parse_source = ast.parse

    def recording_parse(source, *args, **kwargs):
        parsed.append(source)
        return parse_source(source, *args, **kwargs)

    text = "text\n" * 1000 + "```python\nimport os, sys\nprint(os, missing)\n```\n\n```pycon\n>>> y = (\n```\n"
    monkeypatch.setattr(ast, "parse", recording_parse)
    problems = check_python(parse(text))
    assert "import os, sys\nprint(os, missing)\n" in parsed
    assert "y = (\n" in parsed
    assert ">>> y = (\n" not in parsed
    assert [(p.kind, p.line, p.column, p.end_column, p.text, p.removal) for p in problems] == [
        ("unused-import", 1002, 12, 15, "sys", (1002, 10, 1002, 15)),
        ("undefined-name", 1003, 11, 18, "missing", None),
        ("syntax-error", 1007, 9, None, "'(' was never closed", None),
    ]
