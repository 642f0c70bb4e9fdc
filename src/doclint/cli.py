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
    type=click.Choice(["text", "json"]),
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
    "--schema",
    metavar="NAME|PATH",
    help=_("JSON Schema for documents whose front matter names none: a built-in name (qa-article, generic) "
           "or the path of a schema file. Default: qa-article for documents whose numbered items mostly have "
           "questions or answers, no schema check for others."),
)
@_verbose_option
def check(
    paths: tuple[str, ...],
    output_format: str,
    encoding: str | None,
    near_duplicate_threshold: float,
    schema: str | None,
    verbose: bool,
) -> None:
    """Check Markdown files and folders (folders are searched for *.md, *.markdown and *.txt; - reads stdin)."""
    _configure_logging(verbose)
    from doclint.engine import run
    from doclint.reporters import get_reporter
    from doclint.schemas import SchemaError, SchemaLoader
    from doclint.settings import Settings

    settings = Settings(near_duplicate_threshold=near_duplicate_threshold, encoding=encoding, schema=schema)
    try:
        if schema:
            # Load it once before reading any document, so that a bad schema fails fast.
            _guard(lambda: SchemaLoader().load(schema), verbose)
        result = _guard(lambda: run(paths, settings), verbose)
    except SchemaError as error:
        _fail(str(error))
        sys.exit(EXIT_USAGE)
    for error in result.errors:
        _fail(error)

    get_reporter(output_format).write(result, sys.stdout)
    sys.exit(result.exit_status)


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
    from doclint.schemas import SchemaError
    from doclint.source import SourceError

    try:
        return action()
    except (SourceError, SchemaError, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as error:
        if verbose:
            logger.exception("internal error")
        _fail(
            _("internal error: {error}; this is a bug in doclint, please report it with the input "
              "(rerun with --verbose for the traceback)").format(error=f"{type(error).__name__}: {error}")
        )
        sys.exit(EXIT_INTERNAL)
