"""Code blocks that cannot run: undefined names, unused imports, syntax errors.

The Python rules report the problems that ``doclint.python_check`` finds
with pyflakes, and ``code-syntax-error`` also parses JSON, TOML and YAML
blocks. All of them report at the line and column of the file, inside list
items and block quotes too. No code is ever run or imported. A block in a
language that none of these rules covers is skipped without a finding.
"""

from __future__ import annotations

import platform
from typing import Iterable, Iterator

from doclint.codeblocks import code_lines, iter_code_blocks
from doclint.data_syntax import DATA_LANGUAGES, DataSyntaxError, DataTooDeep, data_syntax_error, is_data_language, translated_problem
from doclint.diagnostics import Applicability, Diagnostic, Edit, Fix, RelatedLocation, Severity
from doclint.i18n import N_, _
from doclint.model import Document
from doclint.python_check import PythonProblem, check_python
from doclint.python_snippets import PYTHON_LANGUAGES
from doclint.registry import Rule
from doclint.settings import Settings
from doclint.syntax_messages import translated_python_message, translated_yaml_message


def _python_problems(document: Document, settings: Settings, *kinds: str) -> Iterable[PythonProblem]:
    for problem in check_python(document, settings.code_scope, settings.untagged_python, settings.python_builtins):
        if problem.kind in kinds:
            yield problem


def check_undefined_names(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    """Report each undefined name once per code block, at its first use, with the count of its uses.

    A helper that a generated example never defines is often called several
    times in one block, and one finding per call would bury the other
    findings of the block. Each block gets its own finding, because the
    fix, a definition or an import before the first use, belongs to that block.
    """
    for uses in _uses_per_block(_python_problems(document, settings, "undefined-name")):
        first = uses[0]
        related = [RelatedLocation(document.path, use.line, use.column, _("another use of the name")) for use in uses[1:]]
        message = _undefined_name_message(first.text, len(uses), settings)
        yield _at(UNDEFINED_NAME, document, first, message, related=related)


def _uses_per_block(problems: Iterable[PythonProblem]) -> list[list[PythonProblem]]:
    """Group the undefined-name problems by code block and name, in the order of their first use."""
    groups: dict[tuple[int, str], list[PythonProblem]] = {}
    for problem in problems:
        groups.setdefault((id(problem.block), problem.text), []).append(problem)
    return list(groups.values())


def _undefined_name_message(name: str, count: int, settings: Settings) -> str:
    if count == 1 and settings.code_scope == "document":
        template = _(
            "name '{name}' is used but not defined or imported in this code block or an earlier Python "
            "block of the document; define or import it before this line"
        )
    elif count == 1:
        template = _(
            "name '{name}' is used but not defined or imported in this code block; define or import it in the block"
        )
    elif settings.code_scope == "document":
        template = _(
            "name '{name}' is used {count} times in this code block but not defined or imported in it or in an "
            "earlier Python block of the document; define or import it before this line, its first use"
        )
    else:
        template = _(
            "name '{name}' is used {count} times in this code block but not defined or imported in it; define or "
            "import it in the block before this line, its first use"
        )
    return template.format(name=name, count=count)


def check_unused_imports(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    if settings.code_scope == "document":
        template = _("'{name}' is imported but not used in this or a later Python block of the document; remove the import")
    else:
        template = _("'{name}' is imported but not used in this code block; remove the import")
    for problem in _python_problems(document, settings, "unused-import"):
        yield _at(UNUSED_IMPORT, document, problem, template.format(name=problem.text), _removal_fix(document, problem))


def _removal_fix(document: Document, problem: PythonProblem) -> Fix | None:
    """Remove an unused import. Unsafe: the import may be there for its side effects."""
    if problem.removal is None:
        return None
    source = document.source
    line, column, end_line, end_column = problem.removal
    start = source.offset(line, column)
    end = source.offset(end_line, end_column) if end_line <= source.line_count else len(source.text)
    message = _("remove the import of {name}").format(name=problem.text)
    return Fix((Edit(start, end, ""),), Applicability.UNSAFE, message)


def check_syntax(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    """Report Python blocks that do not parse, then JSON, TOML and YAML blocks that do not."""
    for problem in _python_problems(document, settings, "syntax-error", "prompt-error"):
        yield _at(CODE_SYNTAX_ERROR, document, problem, _python_syntax_message(problem))

    for language, error in _data_block_results(document):
        if isinstance(error, DataSyntaxError):
            message = _data_syntax_message(DATA_LANGUAGES[language], error)
            yield CODE_SYNTAX_ERROR.diagnostic(document, error.line, error.line, message, column=error.column)


def _data_block_results(document: Document) -> Iterator[tuple[str, DataSyntaxError | DataTooDeep | None]]:
    """Yield the language tag and the parse result of each JSON, TOML and YAML block."""
    for block in iter_code_blocks(document):
        language = block.language
        if language is not None and is_data_language(language):
            yield language, data_syntax_error(code_lines(document, block), language)


def check_not_checked(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    """Report the code that no rule could check: Python of a newer version, and code nested too deeply to parse.

    Content that the Markdown parser skipped (``Document.dropped``) is
    reported at its first line whether or not it holds a code block,
    because doclint cannot tell what it holds.
    """
    for problem in _python_problems(document, settings, "newer-python", "too-deep"):
        if problem.kind == "too-deep":
            message = _(
                "this Python code is nested too deeply for pyflakes, so its names were not checked; split the "
                "expression to have them checked"
            )
        else:
            message = _(
                "this Python code uses {feature}, which needs Python {required} or newer, and doclint runs on "
                "Python {running}: the block was not checked; run doclint with Python {required} or newer to check it"
            ).format(feature=_(problem.feature), required=problem.required, running=platform.python_version())
        yield _at(CODE_NOT_CHECKED, document, problem, message)

    for first_line, last_line, column in document.dropped:
        message = _(
            "this content is nested too deeply for the Markdown parser, so it was not read and no code in it was "
            "checked; nest it less deeply to have it checked"
        )
        yield CODE_NOT_CHECKED.diagnostic(document, first_line, last_line, message, column=column)

    for language, result in _data_block_results(document):
        if isinstance(result, DataTooDeep):
            message = _("this {language} block is nested too deeply to parse, so it was not checked").format(
                language=DATA_LANGUAGES[language]
            )
            yield CODE_NOT_CHECKED.diagnostic(document, result.line, result.line, message, column=result.column)


def _python_syntax_message(problem: PythonProblem) -> str:
    if problem.kind == "prompt-error":
        if problem.text == "missing-space":
            return _("doctest prompt without a space after it; write '>>> ' or '... ' before the code")
        if problem.text == "inconsistent-indent":
            return _("doctest line indented differently from the '>>>' prompt above it; indent it like the prompt")
        return _("doctest prompts in this block cannot be read; write '>>> ' before each statement")
    return _(
        "Python code does not parse: {problem}; correct the code, or tag the block with the language it is written in"
    ).format(problem=translated_python_message(problem.text))


def _data_syntax_message(language: str, error: DataSyntaxError) -> str:
    if error.unsupported == "comment":
        return _("JSON does not parse: JSON has no comments; remove the comment, or tag the block jsonc, which is not checked")
    if error.unsupported == "trailing-comma":
        return _("JSON does not parse: JSON has no comma after the last item; remove that comma, or tag the block jsonc, which is not checked")
    if error.unsupported == "ellipsis":
        return _(
            "JSON does not parse: JSON has no '...' for a left-out part; write the part out, or tag the block jsonc, "
            "which is not checked"
        )
    problem = translated_yaml_message(error.problem) if language == "YAML" else translated_problem(error.problem)
    if error.context and error.context_line is not None:
        context = translated_yaml_message(error.context)
        return _(
            "{language} does not parse: {problem} ({context} at line {line}); correct the {language}, or tag the block "
            "with the language it is written in"
        ).format(
            language=language, problem=problem, context=context, line=error.context_line
        )
    message = _("{language} does not parse: {problem}; correct the {language}, or tag the block with the language it is written in")
    return message.format(language=language, problem=problem)


def _at(
    rule: Rule,
    document: Document,
    problem: PythonProblem,
    message: str,
    fix: Fix | None = None,
    related: Iterable[RelatedLocation] = (),
) -> Diagnostic:
    return rule.diagnostic(
        document,
        problem.line,
        problem.line,
        message,
        column=problem.column,
        end_column=problem.end_column,
        fix=fix,
        related=related,
    )


UNDEFINED_NAME = Rule(
    code="DL301",
    name="undefined-name",
    summary=N_("Python code uses a name that no code block defines or imports."),
    severity=Severity.ERROR,
    fixable=False,
    check=check_undefined_names,
    scope="document",
    languages=PYTHON_LANGUAGES,
)

UNUSED_IMPORT = Rule(
    code="DL302",
    name="unused-import",
    summary=N_("Python code imports a name that no code block uses."),
    severity=Severity.WARNING,
    fixable=True,
    unsafe_fixes_only=True,
    check=check_unused_imports,
    scope="document",
    languages=PYTHON_LANGUAGES,
)

CODE_SYNTAX_ERROR = Rule(
    code="DL303",
    name="code-syntax-error",
    summary=N_("A code block does not parse in its language."),
    severity=Severity.ERROR,
    fixable=False,
    check=check_syntax,
    scope="document",
    languages=PYTHON_LANGUAGES + tuple(DATA_LANGUAGES),
)

CODE_NOT_CHECKED = Rule(
    code="DL304",
    name="code-not-checked",
    summary=N_("A code block was not checked: its Python needs a newer Python than the one running doclint, or it is nested too deeply to parse."),
    severity=Severity.INFO,
    fixable=False,
    check=check_not_checked,
    scope="document",
    languages=PYTHON_LANGUAGES + tuple(DATA_LANGUAGES),
)

RULES = (UNDEFINED_NAME, UNUSED_IMPORT, CODE_SYNTAX_ERROR, CODE_NOT_CHECKED)
