"""Static checks of a document's Python code blocks with pyflakes, at file positions.

The code is parsed with ``ast.parse`` and checked by pyflakes. It is never
run, and no import in it is resolved by importing it. Each snippet (see
``python_snippets``) is parsed on its own, and its tree is moved to the file
lines of its code.

With the ``document`` scope, the trees of all Python blocks of a document
are checked as one module in document order. A name defined in an earlier
block then counts as defined in a later one, as it does for a reader who
works through a tutorial. With the ``block`` scope each block is its own
module.

A block that lists call signatures, as an API reference shows them
(``doclint.python_signatures``), is not checked at all.

A snippet that does not parse cannot show which names it defines or uses.
So that one broken block does not cause findings in every later one, a name
that occurs anywhere in an unparsed snippet of the same module is reported
neither as undefined nor as an unused import.
"""

from __future__ import annotations

import ast
import logging
import re
import warnings
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Literal
from weakref import WeakKeyDictionary

from pyflakes import checker, messages

from doclint.codeblocks import CodeLine, code_lines, iter_code_blocks
from doclint.i18n import N_, _
from doclint.model import CodeBlock, Document
from doclint.python_signatures import is_signature_listing
from doclint.python_snippets import (
    IPYTHON_LANGUAGES,
    PythonPieces,
    Snippet,
    is_python_language,
    notebook_cell_pieces,
    python_pieces,
)
from doclint.settings import CODE_SCOPES, CodeScope

logger = logging.getLogger(__name__)

ProblemKind = Literal["undefined-name", "unused-import", "syntax-error", "prompt-error", "newer-python", "too-deep"]

_IDENTIFIER_RE = re.compile(r"[^\W\d]\w*")


@dataclass(frozen=True)
class PythonProblem:
    """One problem in a Python block, at a file line and column."""

    kind: ProblemKind
    line: int
    column: int
    end_column: int | None
    """Exclusive end column on ``line``, or None for the end of the line."""
    block: CodeBlock
    text: str = ""
    """The undefined name, the unused import, the parser's message or the kind of prompt mistake."""
    required: str = ""
    """For ``newer-python``: the Python version the code needs, such as ``3.12``."""
    feature: str = ""
    """For ``newer-python``: the newer syntax the code uses."""
    removal: tuple[int, int, int, int] | None = None
    """For ``unused-import``: the file span (line, column, end line, end column) whose
    removal drops the import and leaves valid code, or None when doclint cannot tell."""


@dataclass
class _BlockResult:
    """The parse of one Python block: trees of the snippets that parse, and problems."""

    block: CodeBlock
    pieces: PythonPieces
    parsed: list[tuple[Snippet, ast.Module]] = field(default_factory=list)
    failed: list[Snippet] = field(default_factory=list)
    problems: list[PythonProblem] = field(default_factory=list)


@dataclass
class _Module:
    """The trees that pyflakes checks together, and the names found in unparsed code."""

    trees: list[ast.Module] = field(default_factory=list)
    unparsed_names: set[str] = field(default_factory=set)
    builtins: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Position:
    """A parsed code line and its block."""

    line: CodeLine
    block: CodeBlock


_CACHE: WeakKeyDictionary[Document, dict[tuple[CodeScope, bool, tuple[str, ...]], list[PythonProblem]]] = WeakKeyDictionary()


def check_python(
    document: Document, scope: CodeScope = "document", untagged: bool = False, builtins: tuple[str, ...] = ()
) -> list[PythonProblem]:
    """Return the problems of a document's Python blocks, sorted by position.

    With ``untagged``, blocks without a language tag are checked too, but
    only those that parse as Python. The others are taken to be another
    language. ``builtins`` are names that the code may use without
    defining them, as pyflakes's own builtins. The result is cached per
    document because four rules read it.
    """
    if scope not in CODE_SCOPES:
        raise ValueError(f"invalid code scope {scope!r}; use one of: {', '.join(CODE_SCOPES)}")

    by_settings = _CACHE.setdefault(document, {})
    key = (scope, untagged, builtins)
    if key not in by_settings:
        by_settings[key] = _check(document, scope, untagged, builtins)
    return by_settings[key]


def _check(document: Document, scope: CodeScope, untagged: bool, builtins: tuple[str, ...]) -> list[PythonProblem]:
    results = list(_parse_blocks(document, untagged))
    problems = [problem for result in results for problem in result.problems]

    positions = {
        line.line: _Position(line, result.block)
        for result in results
        for snippet, _tree in result.parsed
        for line in snippet.lines
    }
    needed = {id(result.block): _needed_names(result) for result in results}
    for module in _modules(results, scope, builtins):
        problems.extend(_pyflakes_problems(module, positions, needed))

    return sorted(problems, key=lambda problem: (problem.line, problem.column, problem.kind))


def _parse_blocks(document: Document, untagged: bool) -> Iterator[_BlockResult]:
    """Parse the snippets of every Python block. An untagged block counts only if all of it parses."""
    for block in iter_code_blocks(document):
        tagged = is_python_language(block.language)
        if not tagged and not (untagged and block.language is None):
            continue
        if is_signature_listing(block.text):
            logger.debug("%s:%d: the code block lists call signatures, so it is not checked", document.path, block.line)
            continue

        lines = code_lines(document, block)
        result = _BlockResult(block, python_pieces(lines, block.language))
        _parse_snippets(result)
        if tagged and result.failed:
            result = _as_notebook_cell(result, lines)
        if tagged:
            yield result
        elif not result.failed and result.pieces.prompt_error is None and result.parsed:
            logger.debug("%s:%d: the untagged code block parses as Python", document.path, block.line)
            yield result


def _as_notebook_cell(result: _BlockResult, lines: list[CodeLine]) -> _BlockResult:
    """Return the block read as an IPython cell when it has IPython lines, else ``result`` as it is.

    The block did not parse as Python. When it contains magics, shell
    escapes or help requests, as an exported notebook's ``python`` cells
    do, their lines are read as in an ``ipython`` block. That reading's
    syntax error, if any, is then in the Python of the cell, which is
    the error to correct, not the magic line.
    """
    if result.block.language in IPYTHON_LANGUAGES:
        return result
    pieces = notebook_cell_pieces(lines)
    if pieces is None:
        return result
    logger.debug("line %d: the python block is read as an IPython cell", result.block.line)
    cell = _BlockResult(result.block, pieces)
    _parse_snippets(cell)
    return cell


def _parse_snippets(result: _BlockResult) -> None:
    pieces = result.pieces
    if pieces.prompt_error is not None:
        line = pieces.prompt_error.line
        start = len(line.text) - len(line.text.lstrip())
        result.problems.append(
            PythonProblem("prompt-error", line.line, line.column(start), None, result.block, pieces.prompt_error.kind)
        )
        return
    if pieces.cell_magic is not None:
        logger.debug("line %d: the cell magic %%%%%s makes the cell another language", result.block.line, pieces.cell_magic)
        return

    for snippet in pieces.snippets:
        try:
            result.parsed.append((snippet, _parse(snippet)))
        except SyntaxError as error:
            result.failed.append(snippet)
            result.problems.append(_syntax_problem(snippet, error, result.block))


def _parse(snippet: Snippet) -> ast.Module:
    """Parse a snippet into a tree whose line numbers are the snippet's file lines.

    The snippet is parsed alone and its tree moved down to its file lines
    afterwards, so the work grows with the snippet, not with its place in
    the file. Parsing it after one empty line per file line above it would
    make a document of many blocks take time quadratic in its length. A
    SyntaxError keeps the snippet's own line numbers. Parser warnings (an
    invalid escape sequence, say) concern the document's code, not
    doclint, so they are silenced instead of printed.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(snippet.source)
        except (RecursionError, MemoryError) as error:
            raise _TooDeepError(_(_TOO_DEEP_MESSAGE)) from error
        except ValueError as error:
            raise SyntaxError(str(error) or type(error).__name__) from None
    return ast.increment_lineno(tree, snippet.first_line - 1)


class _TooDeepError(SyntaxError):
    """Python's parser ran out of stack or memory on deeply nested code, such as 3,000 chained ``+1``."""


# Python's own message for more than 200 nested brackets, which is a real syntax error.
_NESTED_BRACKETS_MESSAGE = "too many nested parentheses"
# "on line N" in a message of Python's compiler, such as "expected an indented block after 'if' statement on line 1".
_LINE_REFERENCE_RE = re.compile(r"\bon line (\d+)")
_TOO_DEEP_MESSAGE = N_("the code is nested too deeply for Python's parser")


def _is_too_deep(error: SyntaxError) -> bool:
    """Return whether a parse failed on the depth of the code rather than on a construct that a newer Python has."""
    return isinstance(error, _TooDeepError) or error.msg == _NESTED_BRACKETS_MESSAGE


def _syntax_problem(snippet: Snippet, error: SyntaxError, block: CodeBlock) -> PythonProblem:
    """Locate a parse failure in the file, and tell syntax of a newer Python from a mistake.

    A line that the compiler's message names is counted from the start of
    the snippet, so it is turned into the line of the file.
    """
    error.msg = _LINE_REFERENCE_RE.sub(lambda found: f"on line {int(found.group(1)) + snippet.first_line - 1}", error.msg)
    index = (error.lineno or 1) - 1
    if index >= len(snippet.lines):
        line = snippet.lines[-1]
        column, end_column = line.end_column(), None
    else:
        line = snippet.lines[max(index, 0)]
        offset = min(max((error.offset or 1) - 1, 0), len(line.text))
        column, end_column = line.column(offset), None
        if error.end_lineno == error.lineno and error.end_offset is not None and error.end_offset - 1 > offset:
            end_column = line.column(min(error.end_offset - 1, len(line.text)))

    if _is_too_deep(error):
        # LibCST's native parser can crash the process on such code, so it does not look for newer syntax.
        return PythonProblem("syntax-error", line.line, column, end_column, block, error.msg)

    # Imported here because LibCST takes about 0.2 s to import and most documents parse.
    from doclint.python_version import newer_syntax

    newer = newer_syntax(snippet.source)
    if newer is not None:
        return PythonProblem("newer-python", line.line, column, end_column, block, error.msg, newer.version_text, newer.feature)
    return PythonProblem("syntax-error", line.line, column, end_column, block, error.msg)


def _modules(results: list[_BlockResult], scope: CodeScope, builtins: tuple[str, ...]) -> Iterator[_Module]:
    """Group the parsed trees into the modules that pyflakes checks, each with ``builtins`` among its builtins."""
    groups = [results] if scope == "document" else [[result] for result in results]
    for group in groups:
        module = _Module(builtins=set(builtins))
        for result in group:
            module.trees.extend(tree for _snippet, tree in result.parsed)
            module.builtins |= result.pieces.builtins
            for snippet in result.failed:
                module.unparsed_names.update(_IDENTIFIER_RE.findall(snippet.source))
            if result.pieces.prompt_error is not None:
                module.unparsed_names.update(_IDENTIFIER_RE.findall(result.block.text))
        if module.trees:
            yield module


def _pyflakes_problems(
    module: _Module, positions: dict[int, _Position], needed: dict[int, set[str]]
) -> Iterable[PythonProblem]:
    """Run pyflakes on a module and keep its undefined names and unused imports, or a ``too-deep`` problem when pyflakes gives up.

    ``needed`` maps the id of each Python block of the document to the
    names it uses without importing them (``_needed_names``), for
    ``_import_examples``.
    """
    tree = ast.Module(body=[statement for part in module.trees for statement in part.body], type_ignores=[])
    try:
        found = checker.Checker(tree, filename="<code block>", builtins=module.builtins, withDoctest=False).messages
    except RecursionError:
        # Python's parser took the code, but pyflakes's recursive walk cannot: code-not-checked reports the module.
        position = positions[tree.body[0].lineno]
        yield PythonProblem("too-deep", position.line.line, _column(position.line, 0), None, position.block)
        return

    imports: dict[tuple[int, int], ast.Import | ast.ImportFrom] = {}
    alone: set[int] = set()
    examples: set[int] = set()
    if any(isinstance(message, messages.UnusedImport) for message in found):
        imports = _import_statements(tree)
        alone = _in_import_only_blocks(tree)
        examples = _import_examples(tree, found, positions, needed)
    for message in found:
        if isinstance(message, messages.UnusedImport) and id(positions[message.lineno].block) in examples:
            logger.debug("line %d: the block shows only imports that nothing uses, so %r is not reported", message.lineno, message.message_args[0])
            continue
        if isinstance(message, messages.UndefinedName):
            kind: ProblemKind = "undefined-name"
        elif isinstance(message, messages.UnusedImport):
            kind = "unused-import"
        else:
            continue

        name = message.message_args[0]
        if _names_in(name, kind) & module.unparsed_names:
            logger.debug("line %d: %r occurs in code that does not parse, so it is not reported", message.lineno, name)
            continue
        yield _located(message, kind, name, positions, imports, alone)


def _import_examples(
    tree: ast.Module, found: list[messages.Message], positions: dict[int, _Position], needed: dict[int, set[str]]
) -> set[int]:
    """Return the ids of the code blocks that contain only imports, which neither the module nor another block uses.

    Such a block shows how to import something, as in a README's
    ``from charset_normalizer import detect`` followed by "or"
    ``import charset_normalizer``, or is the start of a template for a bug
    report. Its imports are the point of the block, so none of them is
    reported. A block of imports whose names another Python block of the
    document uses without importing them is a setup block, and its unused
    imports are reported, with the ``block`` scope too.
    """
    aliases: dict[int, int] = {}
    bound: dict[int, set[str]] = {}
    other_code: set[int] = set()
    for statement in tree.body:
        block = id(positions[statement.lineno].block)
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            aliases[block] = aliases.get(block, 0) + len(statement.names)
            bound.setdefault(block, set()).update((alias.asname or alias.name).split(".")[0] for alias in statement.names)
        else:
            other_code.add(block)

    unused: dict[int, int] = {}
    for message in found:
        if isinstance(message, messages.UnusedImport):
            block = id(positions[message.lineno].block)
            unused[block] = unused.get(block, 0) + 1
    return {
        block
        for block, count in aliases.items()
        if block not in other_code
        and unused.get(block) == count
        and not any(bound[block] & names for other, names in needed.items() if other != block)
    }


def _needed_names(result: _BlockResult) -> set[str]:
    """Return the names that a block reads without importing them itself.

    In a snippet that does not parse, every identifier counts, because its
    uses cannot be distinguished from its imports.
    """
    read: set[str] = set()
    imported: set[str] = set()
    for _snippet, tree in result.parsed:
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                read.add(node.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                imported.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    for snippet in result.failed:
        read.update(_IDENTIFIER_RE.findall(snippet.source))
    return read - imported


def _names_in(name: str, kind: ProblemKind) -> set[str]:
    """Return the names a finding is about: the undefined name, or the names an import may bind.

    pyflakes names an unused import ``numpy as np``, ``os.path`` or
    ``sklearn.model_selection.train_test_split``. The import binds the alias,
    the first part of the dotted name or the last part.
    """
    if kind == "undefined-name":
        return {name}
    if " as " in name:
        return {name.split(" as ")[-1]}
    parts = name.lstrip(".").split(".")
    return {parts[0], parts[-1]}


def _located(
    message: messages.Message,
    kind: ProblemKind,
    name: str,
    positions: dict[int, _Position],
    imports: dict[tuple[int, int], ast.Import | ast.ImportFrom],
    alone: set[int],
) -> PythonProblem:
    """Place a pyflakes message at its file column, and an unused import at its own alias.

    ``alone`` contains the ids of the imports in blocks that hold nothing
    but imports (``_in_import_only_blocks``).
    """
    line, start, end = message.lineno, message.col, None
    removal = None
    if kind == "undefined-name":
        end = start + len(name.encode("utf-8"))
    else:
        statement = imports.get((message.lineno, message.col))
        alias = _import_alias(statement, name)
        if alias is not None and alias.end_lineno == alias.lineno:
            line, start, end = alias.lineno, alias.col_offset, alias.end_col_offset
            removal = _import_removal(statement, alias, positions, alone)

    position = positions[line]
    end_column = _column(position.line, end) if end is not None else None
    return PythonProblem(kind, line, _column(position.line, start), end_column, position.block, name, removal=removal)


def _import_removal(
    statement: ast.Import | ast.ImportFrom | None, alias: ast.alias, positions: dict[int, _Position], alone: set[int]
) -> tuple[int, int, int, int] | None:
    """Return the file span to delete so that an unused alias disappears and the code still parses.

    A statement on a line of its own (a comment may follow it) that imports
    only this alias loses the whole line, unless its block holds nothing
    but imports, which could leave it empty. In a one-line statement with
    several aliases, the alias and the comma next to it go. Other forms (a
    statement across lines, or sharing its line with another statement)
    get no span.
    """
    if statement is None or statement.end_lineno != statement.lineno:
        return None
    code = positions[statement.lineno].line
    text = code.text.encode("utf-8")
    rest = text[statement.end_col_offset:].strip()
    on_own_line = not text[: statement.col_offset].strip() and (not rest or rest.startswith(b"#"))
    if len(statement.names) == 1:
        if not on_own_line or id(statement) in alone:
            return None
        return statement.lineno, 1, statement.lineno + 1, 1

    index = statement.names.index(alias)
    if index + 1 < len(statement.names):
        start, end = alias.col_offset, statement.names[index + 1].col_offset
    else:
        start, end = statement.names[index - 1].end_col_offset, alias.end_col_offset
    return statement.lineno, _column(code, start), statement.lineno, _column(code, end)


def _column(line: CodeLine, byte_offset: int) -> int:
    """Convert a UTF-8 byte offset into the code line, as ``ast`` counts columns, to a file column."""
    characters = len(line.text.encode("utf-8")[:byte_offset].decode("utf-8", "ignore"))
    return line.column(characters)


def _import_statements(tree: ast.Module) -> dict[tuple[int, int], ast.Import | ast.ImportFrom]:
    """Index the import statements of a tree by line and column, where pyflakes reports them."""
    return {
        (node.lineno, node.col_offset): node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
    }


def _in_import_only_blocks(tree: ast.Module) -> set[int]:
    """Return the ids of the imports in blocks that hold nothing but imports, other than the module itself.

    Removing every unused import of such a block, as one pass of ``--fix``
    may, would leave it empty, so none of them may be removed.
    """
    alone = set()
    for node in ast.walk(tree):
        if node is tree:
            continue
        for name in ("body", "orelse", "finalbody"):
            statements = getattr(node, name, None)
            if isinstance(statements, list) and all(isinstance(item, (ast.Import, ast.ImportFrom)) for item in statements):
                alone.update(id(item) for item in statements)
    return alone


def _import_alias(statement: ast.Import | ast.ImportFrom | None, imported: str) -> ast.alias | None:
    """Find the alias of an import statement that pyflakes calls ``imported`` (``numpy as np``)."""
    if statement is None:
        return None
    for alias in statement.names:
        if " as " in imported:
            if alias.asname == imported.split(" as ")[-1]:
                return alias
        elif isinstance(statement, ast.Import):
            if alias.name == imported:
                return alias
        elif (alias.asname or alias.name) == imported.rsplit(".", 1)[-1]:
            return alias
    return None
