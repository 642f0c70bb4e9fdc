"""Syntax checks of JSON, TOML and YAML code blocks, at file positions.

JSON and TOML are read with the standard library (``json``, ``tomllib``;
``tomli``, the library ``tomllib`` came from, on Python 3.10). YAML is read
with PyYAML's safe loader, and only composed into its node graph: no tag is
constructed into an object, so ``!!python/object`` and the custom tags of
CloudFormation or Home Assistant files are fine, and aliases are not
expanded. None of these parsers runs anything.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from doclint.codeblocks import CodeLine
from doclint.i18n import N_, _

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - depends on the Python that runs the tests
    import tomli as tomllib


# Language tag -> the language's name in messages.
DATA_LANGUAGES = {"json": "JSON", "toml": "TOML", "yaml": "YAML", "yml": "YAML"}

# The messages without parameters of Python's json module and of tomllib, as Python 3.11 writes them,
# and the two trailing-comma messages that json writes from Python 3.13 on. They are marked for the
# catalogs, so that ``translated_problem`` gives them in the user's language.
PARSER_MESSAGES = frozenset(
    {
        N_("Expecting value"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Expecting ':' delimiter"),
        N_("Expecting ',' delimiter"),
        N_("Extra data"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Invalid \\uXXXX escape"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
        N_("Unexpected UTF-8 BOM (decode using utf-8-sig)"),
        N_("Cannot overwrite a value"),
        N_("Escaped character is not a Unicode scalar value"),
        N_("Expected '=' after a key in a key/value pair"),
        N_("Expected newline or end of document after a statement"),
        N_("Expected ']' at the end of a table declaration"),
        N_("Expected ']]' at the end of an array declaration"),
        N_("Invalid date or datetime"),
        N_("Invalid hex value"),
        N_("Invalid initial character for a key part"),
        N_("Invalid statement"),
        N_("Invalid value"),
        N_("Unclosed array"),
        N_("Unclosed inline table"),
        N_("Unescaped '\\' in a string"),
        N_("Unterminated string"),
    }
)


def translated_problem(problem: str) -> str:
    """Return a JSON or TOML parser's message in the user's language when the catalogs have it, else as it is."""
    return _(problem) if problem in PARSER_MESSAGES else problem


def toml_problem(text: str) -> str | None:
    """Return where and why a TOML text does not parse, in the user's language, or None when it parses.

    The configuration loader uses it, so that a broken configuration file
    is described as a TOML block of a document is.
    """
    failure = _toml_failure(text)
    if failure is None:
        return None
    problem = translated_problem(failure.problem)
    if failure.index is None:
        return _("{problem} at the end of the file").format(problem=problem)
    return _("{problem} at line {line}, column {column}").format(problem=problem, line=failure.index + 1, column=failure.column + 1)

def toml_failure(text: str) -> tuple[int | None, str]:
    """Return the 0-based index of the line where an invalid TOML text stops parsing, or None at its end, and why.

    The reason is in the user's language when the catalogs have it. The
    caller knows that the text is invalid, so it always fails here.
    """
    failure = _toml_failure(text)
    assert failure is not None
    return failure.index, translated_problem(failure.problem)


_TOML_POSITION_RE = re.compile(r"\s*\((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)$")


@dataclass(frozen=True)
class DataSyntaxError:
    """Position in the file where a data block stops parsing, and the parser's message."""

    line: int
    column: int
    problem: str
    context: str = ""
    """Construct the parser was reading, such as ``while parsing a flow sequence`` (YAML only)."""
    context_line: int | None = None
    """The file line where that started."""
    unsupported: str | None = None
    """``comment``, ``ellipsis`` or ``trailing-comma`` when a JSON block stops at a comment, at ``...`` for a left-out part, or at a comma after the last item.

    Documentation often writes JSON in those ways, which the JSON grammar
    does not have, so the message names the cause.
    """


@dataclass(frozen=True)
class _Failure:
    """Parse failure at a 0-based line index and column of the block's text. Index None means the end."""

    index: int | None
    column: int
    problem: str
    context: str = ""
    context_index: int | None = None


def is_data_language(language: str | None) -> bool:
    return language in DATA_LANGUAGES


@dataclass(frozen=True)
class DataTooDeep:
    """A data block nested too deeply for its parser, which therefore could not check it."""

    line: int
    """The file line where the block's text starts."""
    column: int


def data_syntax_error(lines: list[CodeLine], language: str) -> DataSyntaxError | DataTooDeep | None:
    """Parse a JSON, TOML or YAML block and return its syntax error, DataTooDeep when the parser gives up, or None.

    A block with nothing but whitespace is a placeholder, not data, so it is
    not checked. ``code-syntax-error`` and ``code-not-checked`` both ask, so
    the parse of a text is cached.
    """
    text = "".join(line.text + "\n" for line in lines)
    if not text.strip():
        return None
    failure = _parse(DATA_LANGUAGES[language], text)
    if failure is _TOO_DEEP:
        return DataTooDeep(lines[0].line, lines[0].column(0))
    if failure is None:
        return None
    line, column = _place(lines, failure.index, failure.column)
    # PyYAML places the context of an error at the end of the text after its last line ("a: [").
    context_line = _place(lines, failure.context_index, 0)[0] if failure.context_index is not None else None
    unsupported = _unsupported_json(lines, failure) if language == "json" else None
    if unsupported == "trailing-comma":
        line, column = _trailing_comma(lines, failure)
    return DataSyntaxError(line, column, failure.problem, failure.context, context_line, unsupported)


def _trailing_comma(lines: list[CodeLine], failure: _Failure) -> tuple[int, int]:
    """Return the file line and column of the comma before the closing bracket where a JSON block stopped.

    The parser stops at the bracket, or at the comma itself on Python 3.13,
    so the comma is the last one at or before that place.
    """
    assert failure.index is not None
    index, end = failure.index, failure.column + 1
    while index >= 0:
        found = lines[index].text.rfind(",", 0, end)
        if found >= 0:
            return _place(lines, index, found)
        index -= 1
        end = len(lines[index].text) if index >= 0 else 0
    return _place(lines, failure.index, failure.column)


def _unsupported_json(lines: list[CodeLine], failure: _Failure) -> str | None:
    """Return ``comment``, ``ellipsis`` or ``trailing-comma`` when a JSON block stops at one of them, else None.

    Python's json module before 3.13 reports a comma before ``}`` or ``]``
    as "Expecting property name enclosed in double quotes" or "Expecting
    value", at the closing bracket.
    """
    if failure.index is None or failure.index >= len(lines):
        return None
    line = lines[failure.index].text
    rest = line[failure.column:].lstrip()
    if rest.startswith(("//", "/*")):
        return "comment"
    if rest.startswith(("...", "…")):
        return "ellipsis"
    before = "".join(text.text for text in lines[:failure.index]) + line[:failure.column]
    if rest[:1] in ("}", "]") and before.rstrip().endswith(","):
        return "trailing-comma"
    if rest.startswith(",") and rest[1:].lstrip()[:1] in ("}", "]"):
        return "trailing-comma"
    return None


def _place(lines: list[CodeLine], index: int | None, column: int) -> tuple[int, int]:
    """Return the file line and column of a position. Past the end means the end of the last non-blank line."""
    if index is None or index >= len(lines):
        last = next((line for line in reversed(lines) if line.text.strip()), lines[-1])
        return last.line, last.end_column()
    line = lines[index]
    return line.line, line.column(min(column, len(line.text)))


def _json_failure(text: str) -> _Failure | None:
    """Parse JSON, or an excerpt of an object's members when the text starts with a key (``_member_excerpt_failure``)."""
    # Numbers stay strings because Python's int() rejects more than 4,300 digits, which JSON allows.
    try:
        json.loads(text, parse_int=str, parse_float=str)
    except json.JSONDecodeError as error:
        if text.lstrip().startswith('"'):
            return _member_excerpt_failure(text)
        return _Failure(error.lineno - 1, error.colno - 1, error.msg)
    return None


def _member_excerpt_failure(text: str) -> _Failure | None:
    """Parse a text that starts with a key as the members of a JSON object, such as ``"dependencies": {...}``.

    Documentation often shows a member of a larger file, such as a
    package.json, and may end it with the comma that the next member needs.
    Such a text parses once it is put between braces without its trailing
    comma. When it still fails, the failure is placed in the text as written.
    """
    wrapped = "{" + text.rstrip().removesuffix(",") + "}"
    try:
        json.loads(wrapped, parse_int=str, parse_float=str)
    except json.JSONDecodeError as error:
        position = error.pos
        if error.msg == "Extra data":
            # A brace of the text closed the object early: the mistake is that brace, not the one added after it.
            position -= 1
            while position > 0 and wrapped[position].isspace():
                position -= 1
        line = wrapped.count("\n", 0, position)
        column = position - (wrapped.rfind("\n", 0, position) + 1)
        # The opening brace shifts the first line by one column.
        return _Failure(line, max(column - 1, 0) if line == 0 else column, error.msg)
    return None


def _toml_failure(text: str) -> _Failure | None:
    """Parse TOML, reading the position from the error's attributes or, before they existed, its message.

    tomli 2.1 and Python 3.14 set ``msg``, ``lineno`` and ``colno``. Older
    versions of ``tomllib`` end the message with "(at line 3, column 5)" or
    "(at end of document)".
    """
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        if isinstance(getattr(error, "lineno", None), int) and isinstance(getattr(error, "msg", None), str):
            at_end = getattr(error, "pos", 0) >= len(text)
            return _Failure(None if at_end else error.lineno - 1, error.colno - 1, error.msg)

        message = str(error)
        found = _TOML_POSITION_RE.search(message)
        problem = message[: found.start()] if found else message
        if found is None or found.group("line") is None:
            return _Failure(None, 0, problem)
        return _Failure(int(found.group("line")) - 1, int(found.group("column")) - 1, problem)
    return None


def _yaml_failure(text: str) -> _Failure | None:
    # PyYAML is imported only when a document has a YAML block.
    import yaml

    try:
        for _node in yaml.compose_all(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        problem = error.problem or str(error)
        context_index = error.context_mark.line if error.context and error.context_mark else None
        if mark is None:
            return _Failure(0, 0, problem, error.context or "", context_index)
        return _Failure(mark.line, mark.column, problem, error.context or "", context_index)
    except yaml.reader.ReaderError as error:
        index = text.count("\n", 0, error.position)
        column = error.position - (text.rfind("\n", 0, error.position) + 1)
        return _Failure(index, column, f"unacceptable character #x{error.character:04x}")
    except yaml.YAMLError as error:
        return _Failure(0, 0, str(error))
    return None


_PARSERS: dict[str, Callable[[str], _Failure | None]] = {
    "JSON": _json_failure,
    "TOML": _toml_failure,
    "YAML": _yaml_failure,
}

# The failure that ``_parse`` returns when the parser runs out of stack.
_TOO_DEEP = _Failure(None, 0, "too deep")


@lru_cache(maxsize=256)
def _parse(name: str, text: str) -> _Failure | None:
    """Parse a text in the named language; return its failure, ``_TOO_DEEP`` when the parser recursed too deep, or None."""
    try:
        return _PARSERS[name](text)
    except RecursionError:
        return _TOO_DEEP
