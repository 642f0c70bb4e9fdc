"""Syntax of newer Pythons, and the version it needs."""

from __future__ import annotations

import pytest

from doclint.python_version import NewerSyntax, newer_syntax


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("try:\n    pass\nexcept* ValueError:\n    pass\n", NewerSyntax((3, 11), "except* (exception groups)")),
        ("values[*index]\n", NewerSyntax((3, 11), "a starred expression in a subscript")),
        ("def f(*args: *Ts): pass\n", NewerSyntax((3, 11), "a starred annotation on *args")),
        ("type Point = tuple[float, float]\n", NewerSyntax((3, 12), "the type statement")),
        ("class Box[T]:\n    pass\n", NewerSyntax((3, 12), "type parameters")),
        ("class Box[T = int]:\n    pass\n", NewerSyntax((3, 13), "a type parameter default")),
        ('f"{", ".join(names)}"\n', NewerSyntax((3, 12), "quotes, backslashes, comments or line breaks inside an f-string's braces")),
        ('f"{chr(10) + \'\\n\'}"\n', NewerSyntax((3, 12), "quotes, backslashes, comments or line breaks inside an f-string's braces")),
        ('t"{name}"\n', NewerSyntax((3, 14), "a template string (t-string)")),
        ("try:\n    pass\nexcept KeyError, IndexError:\n    pass\n", NewerSyntax((3, 14), "several exception types without parentheses")),
    ],
)
def test_newer_syntax_version(source, expected):
    assert newer_syntax(source, running=(3, 10)) == expected


@pytest.mark.parametrize(
    "source",
    [
        'f"{value!r:>{width}}" + f"{\'quoted\'}"\n',
        'f"""{"inner"}"""\n',
        "match command:\n    case [x]:\n        pass\n",
        "def broken(:\n    pass\n",
        'print "python 2"\n',
    ],
    ids=["old-f-strings", "triple-quoted", "match", "broken", "python-2"],
)
def test_no_newer_syntax(source):
    assert newer_syntax(source, running=(3, 10)) is None


def test_newer_syntax_running_limit():
    source = "type Alias = int\nclass Box[T = int]: pass\n"
    assert newer_syntax(source, running=(3, 11)) == NewerSyntax((3, 13), "a type parameter default")
    assert newer_syntax(source, running=(3, 13)) is None
