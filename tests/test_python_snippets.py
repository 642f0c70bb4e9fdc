"""Python blocks split into snippets: plain code, doctest, IPython cells and sessions."""

from __future__ import annotations

import pytest

from doclint.codeblocks import CodeLine
from doclint.python_snippets import python_pieces


def lines_of(text: str, first_line: int = 1, shift: int = 0) -> list[CodeLine]:
    return [CodeLine(first_line + index, shift, line) for index, line in enumerate(text.split("\n"))]


def test_plain_block_dedent():
    pieces = python_pieces(lines_of("    if x:\n        y()\n\n    z()", 10, 3), "python")
    assert [snippet.lines for snippet in pieces.snippets] == [
        (CodeLine(10, 7, "if x:"), CodeLine(11, 7, "    y()"), CodeLine(12, 7, ""), CodeLine(13, 7, "z()"))
    ]


def test_doctest_examples_become_snippets():
    pieces = python_pieces(lines_of("  >>> def f():\n  ...     return 1\n  >>> f()\n  1", 5), "pycon")
    assert [snippet.lines for snippet in pieces.snippets] == [
        (CodeLine(5, 6, "def f():"), CodeLine(6, 6, "    return 1")),
        (CodeLine(7, 6, "f()"),),
    ]
    assert pieces.builtins == frozenset({"_"})


@pytest.mark.parametrize(
    ("text", "line", "kind"),
    [
        ("  >>> if x:\n ...     y\n", 2, "inconsistent-indent"),
        ("  >>> x = 1\n  >>> x\n 1\n", 3, "inconsistent-indent"),
        (">>> a = 1\n>>> b = 2\n>>>c = 3\n>>> d = 4\n", 3, "missing-space"),
        (">>> if a:\n...b\n", 2, "missing-space"),
    ],
)
def test_doctest_prompt_mistakes(text, line, kind):
    pieces = python_pieces(lines_of(text), "pycon")
    assert pieces.snippets == []
    assert pieces.prompt_error is not None
    assert pieces.prompt_error.line.line == line
    assert pieces.prompt_error.kind == kind


def test_pycon_without_prompts():
    pieces = python_pieces(lines_of("$ python3\nTraceback (most recent call last):\nNameError: name 'x' is not defined"), "pycon")
    assert pieces.snippets == []
    assert pieces.prompt_error is None


def test_ipython_magics_become_python():
    text = "%load_ext autoreload\nfor x in y:\n    !echo {x}\n    !ls\n%timeit f(x)\nfiles = !ls\nos?\nprint(x)"
    pieces = python_pieces(lines_of(text), "ipython")
    assert [line.text for line in pieces.snippets[0].lines] == [
        "pass",
        "for x in y:",
        "    (      x,)",
        "    pass",
        "pass;   f(x)",
        "files = None",
        "os",
        "print(x)",
    ]


def test_python_block_keeps_magics():
    pieces = python_pieces(lines_of("%matplotlib inline"), "python")
    assert [line.text for line in pieces.snippets[0].lines] == ["%matplotlib inline"]


def test_foreign_cell_magic_skipped():
    pieces = python_pieces(lines_of("%%writefile app.py\nprint(x)"), "ipython")
    assert pieces.snippets == []
    assert pieces.cell_magic == "writefile"


def test_ipython_session_inputs():
    pieces = python_pieces(lines_of("In [1]: a = 1\n\nIn [2]: if a:\n   ...:     print(a)\n   ...:\nOut[2]: 1"), "ipython")
    assert [snippet.lines for snippet in pieces.snippets] == [
        (CodeLine(1, 8, "a = 1"),),
        (CodeLine(3, 8, "if a:"), CodeLine(4, 8, "    print(a)")),
    ]
