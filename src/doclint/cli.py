"""The ``doclint`` command line.

Exit status: 0 no finding at warning level or above, 1 findings, 2 a usage
error or an input that cannot be read. Any other status means a bug in
doclint: status 3 is an internal error, reported in one line with the hint
to rerun with ``--verbose`` for the traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Callable, TypeVar

import click

from doclint import __version__
from doclint.i18n import _
from doclint.reporters import REPORTERS

EXIT_USAGE = 2
EXIT_INTERNAL = 3

logger = logging.getLogger("doclint")

F = TypeVar("F", bound=Callable[..., object])


def _verbose_option(function: F) -> F:
    return click.option(
        "-v", "--verbose", is_flag=True, help=_("Log debug messages to stderr, and show tracebacks of internal errors.")
    )(function)


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="doclint: %(levelname)s: %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _fail(message: str) -> None:
    click.echo(f"doclint: error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="doclint")
def main() -> None:
    """Find repeated sections, mismatched answers and broken code in Markdown documents."""


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(REPORTERS)),
    default="text",
    show_default=True,
    help=_("Output format of the findings."),
)
@click.option(
    "--encoding",
    metavar="NAME",
    help=_("Encoding of the input files, such as gb18030 (a Python codec name). Default: UTF-8 with or without BOM."),
)
@click.option(
    "--near-duplicate-threshold",
    type=click.FloatRange(0, 100),
    default=75.0,
    show_default=True,
    help=_("Minimum similarity in percent (0-100) for near-duplicate-section, scored after template text is removed."),
)
@click.option(
    "--same-question-threshold",
    type=click.FloatRange(0, 100),
    default=95.0,
    show_default=True,
    help=_("Minimum similarity in percent (0-100) of two questions for inconsistent-answer to treat them as the same question."),
)
@click.option(
    "--compare-with",
    multiple=True,
    metavar="PATH",
    help=_(
        "A file or folder whose documents the cross-file rules compare with, without reporting on or fixing them "
        "(repeatable). With --compare-with ., each named file gets the findings that a check of the whole folder gives it."
    ),
)
@click.option("--fix", is_flag=True, help=_("Apply safe fixes and write the files back; then report what remains."))
@click.option("--unsafe-fixes", is_flag=True, help=_("With --fix or --diff, also apply fixes that may change what a document says."))
@click.option("--diff", is_flag=True, help=_("Print a unified diff of what --fix would change, and write nothing."))
@_verbose_option
def check(
    paths: tuple[str, ...],
    output_format: str,
    encoding: str | None,
    near_duplicate_threshold: float,
    same_question_threshold: float,
    compare_with: tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    verbose: bool,
) -> None:
    """Check Markdown files and folders (folders are searched for *.md, *.markdown and *.txt; - reads stdin).

    Exit status: 0 no finding at warning level or above, 1 findings (with
    --diff: changes to show), 2 usage error or unreadable input.
    """
    _configure_logging(verbose)
    from doclint.engine import STDIN_PATH, run
    from doclint.reporters import get_reporter
    from doclint.settings import Settings

    if fix and diff:
        raise click.UsageError(_("--fix and --diff cannot be combined; use --diff to preview, then --fix to write"))
    if STDIN_PATH in compare_with:
        raise click.UsageError(_("--compare-with cannot read standard input; name files or folders"))
    settings = Settings(
        near_duplicate_threshold=near_duplicate_threshold,
        same_question_threshold=same_question_threshold,
        encoding=encoding,
    )
    result = _guard(lambda: run(paths, settings, compare_with=compare_with), verbose)
    for error in result.errors:
        _fail(error)

    if diff:
        sys.exit(_show_diff(result, settings, unsafe_fixes, verbose))
    report = sys.stdout
    if fix:
        result, report = _fix(result, settings, unsafe_fixes, verbose)
    get_reporter(output_format).write(result, report)
    sys.exit(result.exit_status)


def _run_fixes(result, settings, unsafe: bool, verbose: bool):
    from doclint.fixer import FixLoopError, fix_documents

    try:
        return _guard(lambda: fix_documents(result, settings, unsafe), verbose)
    except FixLoopError as error:
        _fail(str(error))
        sys.exit(EXIT_INTERNAL)


def _show_diff(result, settings, unsafe: bool, verbose: bool) -> int:
    """Print the unified diff of every file the fixes would change; return the exit status."""
    import difflib

    outcome = _run_fixes(result, settings, unsafe, verbose)
    changed = outcome.changed()
    for document in changed:
        before = outcome.original[document.path].text.splitlines(keepends=True)
        after = document.source.text.splitlines(keepends=True)
        absolute = document.path.startswith("/")
        old_name = document.path if absolute else f"a/{document.path}"
        new_name = document.path if absolute else f"b/{document.path}"
        sys.stdout.writelines(difflib.unified_diff(before, after, old_name, new_name))
    if result.errors:
        return EXIT_USAGE
    return 1 if changed else 0


def _fix(result, settings, unsafe: bool, verbose: bool):
    """Apply fixes and write the changed files; return the remaining findings and where to report them.

    Standard input is fixed to standard output, so the findings then go to
    standard error.
    """
    from pathlib import Path

    from doclint.engine import STDIN_DISPLAY
    from doclint.writer import WriteError, encode, write_atomic

    outcome = _run_fixes(result, settings, unsafe, verbose)
    remaining = outcome.result
    remaining.fixed = outcome.fixed
    report = sys.stdout
    for document in remaining.documents:
        if document.path == STDIN_DISPLAY:
            sys.stdout.buffer.write(encode(document.source))
            sys.stdout.flush()
            report = sys.stderr
    for document in outcome.changed():
        if document.path == STDIN_DISPLAY:
            continue
        try:
            write_atomic(Path(document.path), document.source)
        except WriteError as error:
            _fail(str(error))
            remaining.errors.append(str(error))
    return remaining, report


@main.command()
@click.argument("path", metavar="FILE")
@click.option("--encoding", metavar="NAME", help=_("Encoding of the input file, such as gb18030. Default: UTF-8."))
@_verbose_option
def ast(path: str, encoding: str | None, verbose: bool) -> None:
    """Print the section tree of FILE as JSON (the format is described in docs/ast.md)."""
    _configure_logging(verbose)
    from doclint.engine import load
    from doclint.settings import Settings
    from doclint.source import SourceError

    try:
        document = _guard(lambda: load(path, Settings(encoding=encoding)), verbose)
    except SourceError as error:
        _fail(str(error))
        sys.exit(EXIT_USAGE)
    json.dump(document.to_json(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@main.command(name="rules")
def list_rules() -> None:
    """List every rule with its code, default severity, fix support and summary."""
    from doclint.registry import all_rules

    rules = all_rules()
    width = max(len(rule.name) for rule in rules)
    for rule in rules:
        fix = _("fix") if rule.fixable else "-"
        click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {fix:<3}  {_(rule.summary)}")


T = TypeVar("T")


def _guard(action: Callable[[], T], verbose: bool) -> T:
    """Run an action, turning an unexpected exception into a one-line bug report and exit status 3.

    Expected errors (unreadable input, usage errors) are handled by the
    caller and pass through unchanged.
    """
    from doclint.source import SourceError

    try:
        return action()
    except (SourceError, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as error:
        if verbose:
            logger.exception("internal error")
        _fail(
            _("internal error: {error}; this is a bug in doclint, please report it with the input "
              "(rerun with --verbose for the traceback)").format(error=f"{type(error).__name__}: {error}")
        )
        sys.exit(EXIT_INTERNAL)
