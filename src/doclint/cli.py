"""The ``doclint`` command line.

Exit status: 0 no finding at warning level or above, 1 findings, 2 a usage
error, an input that cannot be read or standard output that cannot be
written, 130 interrupted with Ctrl-C, 141 standard output closed by its
reader (``doclint.output_streams``). Any other status means a bug in
doclint: status 3 is an internal error, reported in one line with the hint
to rerun with ``--verbose`` for the traceback.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import json
import logging
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence, TextIO, TypeVar, cast

import click

from doclint import __version__
from doclint.cli_help import VERSION_OPTION_HELP, TranslatedChoice, TranslatedGroup, apply_locale, lang_option
from doclint.click_messages import keep_close_suggestions
from doclint.collector import use_run_thresholds
from doclint.launcher import EXIT_INTERRUPTED
from doclint.i18n import N_, _, current_language, display_width, escape_controls, join_items, pad
from doclint.output_streams import (
    EXIT_INTERNAL,
    EXIT_USAGE,
    OutputError,
    WholeUtf8Writer,
    closed_output_message,
    is_broken_pipe,
    output_error_message,
    status_after,
    writing_to,
)
from doclint.reporters import REPORTERS

if TYPE_CHECKING:
    from doclint.registry import Rule

logger = logging.getLogger("doclint")

F = TypeVar("F", bound=Callable[..., object])


def _verbose_option(function: F) -> F:
    return click.option(
        "-v", "--verbose", is_flag=True, help=N_("Log debug messages to stderr, and show tracebacks of internal errors.")
    )(function)


def _config_options(function: F) -> F:
    """Add the --config and --no-config options, which every command that reads documents shares."""
    function = click.option("--no-config", is_flag=True, help=N_("Ignore configuration files."))(function)
    return click.option(
        "--config",
        "config_path",
        type=NonEmpty(),
        metavar="FILE",
        help=N_("Configuration file (.doclint.toml or pyproject.toml). Default: found by walking up from the named paths."),
    )(function)


def _configure_logging(verbose: bool) -> None:
    """Send warnings to stderr, and with ``--verbose`` doclint's own debug messages.

    The libraries' debug messages stay off: markdown-it-py alone logs one
    line for every block rule it tries, over a million on 1,000 documents.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LogFormatter())
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    logging.getLogger("doclint").setLevel(logging.DEBUG if verbose else logging.WARNING)


class _LogFormatter(logging.Formatter):
    """Format a warning like an error line, ``doclint: warning: message``, and a debug line with its module.

    Warnings are for the user, who needs no module name; ``--verbose``
    lines are for finding where a message came from, and stay in English.
    """

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if record.levelno >= logging.ERROR:
            return _error_line(text)
        if record.levelno >= logging.WARNING:
            return _warning_line(text)
        return f"doclint: {record.levelname}: {record.name}: {text}"


def _error_line(message: str) -> str:
    """Return an error line for standard error, ``doclint: error: message``, with "error" in the selected language.

    Control characters in the message (from a file name or a document) are escaped, as in the text output,
    but its line breaks stay: a traceback from ``--verbose`` takes several lines.
    """
    return "doclint: " + _("error: {message}").format(message=_escaped_lines(message))


def _warning_line(message: str) -> str:
    """Return a warning line for standard error, ``doclint: warning: message``, with "warning" in the selected language."""
    return "doclint: " + _("warning: {message}").format(message=_escaped_lines(message))


def _escaped_lines(message: str) -> str:
    """Escape the control characters of each line of a message, keeping its line breaks."""
    return "\n".join(escape_controls(line) for line in message.split("\n"))


def _fail(message: str) -> None:
    """Write an error line to standard error; a standard error that cannot be written is passed over (``doclint.output_streams``)."""
    try:
        click.echo(_error_line(message), err=True)
    except OSError:
        pass


class Percentage(click.ParamType):
    """A similarity threshold: a number from 0 to 100. A bad value gets an error that names it and the fix."""

    name = "float"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.fail(_("{value!r} is not a number; pass a percentage from 0 to 100, such as 75").format(value=value), param, ctx)
        if not 0 <= number <= 100:
            self.fail(_("{value} is not from 0 to 100; pass a percentage such as 75").format(value=value), param, ctx)
        return number


class ProcessCount(click.ParamType):
    """A number of worker processes: a whole number of 1 or more."""

    name = "integer"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            self.fail(_("{value!r} is not a whole number; pass a number of processes such as 2").format(value=value), param, ctx)
        if number < 1:
            self.fail(_("{value} is less than 1; pass a number of processes such as 2").format(value=value), param, ctx)
        return number


def _print_version(context: click.Context, parameter: click.Parameter, value: bool) -> None:
    """Print the version in the selected language and stop (click's own option fixes its text at import time).

    A failed write is an ``OutputError``, as for ``show_help``.
    """
    if not value or context.resilient_parsing:
        return
    with writing_to(sys.stdout):
        click.echo(_("doclint, version {version}").format(version=__version__))
    context.exit()


# click 8.2 and later raise this for a group run without a command; older releases print the help themselves.
_NO_ARGUMENTS_ERROR: type[Exception] | tuple[()] = getattr(click.exceptions, "NoArgsIsHelpError", ())


class NonEmpty(click.ParamType):
    """Text that must not be empty: an empty value is almost always a variable that was never set."""

    name = "text"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        if not text.strip():
            metavar = param.metavar if param is not None and param.metavar else "a value"
            self.fail(_("the value is empty; pass {metavar} or leave the option out").format(metavar=metavar), param, ctx)
        return text


class CacheFolder(NonEmpty):
    """The path of a cache folder: empty, or the path of something other than a folder, is rejected before any document is read."""

    name = "path"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from doclint.cache_location import expand, folder_problem

        path = expand(super().convert(value, param, ctx))
        problem = folder_problem(path)
        if problem is not None:
            self.fail(problem, param, ctx)
        return path


class Codec(click.ParamType):
    """The name of a Python text codec, checked once here rather than for every file it would read."""

    name = "codec"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from doclint.source import text_codec

        name = str(value)
        try:
            text_codec(name)
        except LookupError:
            self.fail(_codec_problem(name), param, ctx)
        return name


def _codec_problem(name: str) -> str:
    """Return why a codec name is rejected: Python has no codec of that name, or the codec does not decode bytes to text (rot13, hex)."""
    try:
        codecs.lookup(name)
    except LookupError:
        return _("unknown encoding {name!r}; pass a Python codec name such as utf-8 or gb18030").format(name=name)
    return _("{name!r} is not a text encoding; pass a Python codec name such as utf-8 or gb18030").format(name=name)


class _Group(TranslatedGroup):
    """A click group that reports usage errors in one line, ``doclint: error: ...``, with exit status 2."""

    def main(self, *args, **kwargs):  # type: ignore[override]
        kwargs["standalone_mode"] = False
        arguments = _arguments(args, kwargs)
        apply_locale(arguments)
        try:
            status = self._main_with_dash_paths(arguments, args, kwargs)
        except _NO_ARGUMENTS_ERROR as error:
            # A command run with nothing at all to do shows its help, without the error prefix.
            click.echo(error.format_message(), err=True)
            sys.exit(EXIT_USAGE)
        except click.UsageError as error:
            keep_close_suggestions(error)
            command = self._failed_command(error, arguments)
            message = _usage_message(error)
            hint = _dash_file_hint(error, arguments, command)
            if hint is not None:
                message = _("{message} {hint}").format(message=message, hint=hint)
            _fail(_("{message} (see '{command} --help')").format(message=message, command=command))
            sys.exit(EXIT_USAGE)
        except click.ClickException as error:
            _fail(error.format_message())
            sys.exit(error.exit_code)
        except click.Abort:
            sys.exit(EXIT_INTERRUPTED)
        except OutputError as failure:
            sys.exit(_output_failed(failure, 0))
        sys.exit(status or 0)

    def _main_with_dash_paths(self, arguments: list[str], args: tuple, kwargs: dict) -> Any:
        """Run ``click.Group.main``; with ``--leading-dash-paths``, run it again after each unknown option that names an existing path.

        The path is moved after ``--``, so the next run reads it as a path.
        Each run moves one argument, so there are at most as many runs as
        arguments. The first run gets the arguments as they were passed, so
        that click still expands wildcards on Windows.
        """
        while True:
            try:
                return super().main(*args, **kwargs)
            except click.NoSuchOption as error:
                if LEADING_DASH_PATHS not in _options_part(arguments):
                    raise
                path = _existing_dash_path(error, arguments)
                if path is None:
                    raise
                logger.debug("reading %s as a path, because no option has that name (%s)", path, LEADING_DASH_PATHS)
                arguments = _moved_after_options(arguments, path)
                args, kwargs = (), {**kwargs, "args": arguments}

    def _failed_command(self, error: click.UsageError, arguments: list[str]) -> str:
        """Return the command whose help fits a usage error, such as ``doclint check``.

        click gives some errors in a command's options no context ("Option
        '--jobs' requires an argument"). The command is then the first
        argument that names one, because the group's own options come
        before it. Other errors get the group's context, which names the
        command being started.
        """
        if error.ctx is None:
            named = [argument for argument in arguments if argument in self.commands]
            return f"doclint {named[0]}" if named else "doclint"
        if error.ctx.command is self and error.ctx.invoked_subcommand:
            return f"{error.ctx.command_path} {error.ctx.invoked_subcommand}"
        return error.ctx.command_path


LEADING_DASH_PATHS = "--leading-dash-paths"
"""The option of ``check`` that reads an argument as a path when click rejects it as an unknown option and the path exists.

The pre-commit hook passes it, because pre-commit puts the user's ``args``
and then the file names after the hook's command, so the hook cannot end
the options with ``--`` without turning those ``args`` into paths.
"""


def _options_part(arguments: Sequence[str]) -> Sequence[str]:
    """Return the arguments before ``--``, which click may read as options."""
    return arguments[: arguments.index("--")] if "--" in arguments else arguments


def _existing_dash_path(error: click.NoSuchOption, arguments: Sequence[str]) -> str | None:
    """Return the first argument that click may have read as the unknown option and that names an existing path.

    click names ``--name`` or ``--name=value`` by the part before ``=``,
    and an argument of one dash, such as ``-v.md``, by its first letter
    that is no short option (``-.``).
    """
    unknown = error.option_name
    for argument in _options_part(arguments):
        if argument == "-" or not argument.startswith("-"):
            continue
        if unknown.startswith("--"):
            named = argument == unknown or argument.startswith(unknown + "=")
        else:
            named = not argument.startswith("--") and unknown[1:] in argument[1:]
        if named and _path_exists(argument):
            return argument
    return None


def _path_exists(argument: str) -> bool:
    try:
        return os.path.lexists(argument)
    except ValueError:  # a NUL character, which no path contains
        return False


def _moved_after_options(arguments: Sequence[str], path: str) -> list[str]:
    """Return the arguments with ``path`` moved to the end, after ``--``, which is added when missing."""
    moved = list(arguments)
    moved.remove(path)
    if "--" not in moved:
        moved.append("--")
    moved.append(path)
    return moved


def _dash_file_hint(error: click.UsageError, arguments: Sequence[str], command: str) -> str | None:
    """Return how to name a file whose name starts with ``-``, when click took that name for an unknown option.

    ``doclint check -leading.md`` fails with "No such option '-l'", which
    does not say that ``--`` ends the options. The hint is given only when
    an argument that the unknown option starts is an existing path.
    """
    if not isinstance(error, click.NoSuchOption):
        return None
    for argument in arguments:
        if argument in ("-", "--") or not argument.startswith(error.option_name):
            continue
        if _path_exists(argument):
            import shlex

            return _("{path} exists; to check it, put -- before the names that start with -, as in {command} -- {quoted}").format(
                path=argument, command=command, quoted=shlex.quote(argument)
            )
    return None


def _usage_message(error: click.UsageError) -> str:
    """Return a usage error's message, with Chinese punctuation where click joins translated pieces.

    click ends a message such as "Missing argument 'PATH...'." with an ASCII
    full stop and joins "Did you mean" with a space, whatever the language.
    """
    message = error.format_message()
    if current_language() != "zh-CN":
        return message
    if message.endswith("."):
        message = message[:-1] + "。"
    return message.replace("。 ", "。")


def _arguments(args: tuple, kwargs: dict) -> list[str]:
    """Return the command-line arguments that ``click.Command.main`` will parse."""
    passed = args[0] if args else kwargs.get("args")
    return list(sys.argv[1:] if passed is None else passed)


def entry_point() -> None:
    """Run the command line, then end the process without freeing its objects one by one.

    A check of a large tree leaves millions of objects, and CPython frees
    them at exit: 1.2 s after a run over 1,000 documents, longer than the
    cross-file rules take. The output streams are flushed and the logging
    handlers closed first, so nothing written is lost; ``os._exit`` then
    ends the process. Tests call ``main`` in-process and keep the usual exit.
    """
    # The process ends when the command does, so the run's collector thresholds
    # stay for its lifetime: restoring the defaults after a run would start a
    # full collection of every object left (0.3 s after 1,000 documents).
    use_run_thresholds()
    if sys.stderr is None:
        # Started with standard error closed (``2>&-``): messages go nowhere, and the exit status still tells.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    if sys.stdout is None:
        # The shell started doclint with standard output closed (``>&-``), so no report could be written.
        _fail(closed_output_message())
        logging.shutdown()
        os._exit(EXIT_USAGE)
    _tolerate_unencodable_output()
    try:
        main()
        status = 0
    except SystemExit as stop:
        status = _exit_status(stop.code)
    except KeyboardInterrupt:
        # A Ctrl-C before a command's own guard runs, such as while the language of the messages is set up.
        status = EXIT_INTERRUPTED
    except Exception as error:
        if _caused_by_interrupt(error):
            status = EXIT_INTERRUPTED
        else:
            # A bug outside the commands' own guards, such as in writing the report, still gets the one-line report and status 3.
            logger.debug("internal error", exc_info=True)
            _fail(_internal_error_message(error))
            status = EXIT_INTERNAL

    # The command is over, so a Ctrl-C now has nothing left to stop; it must not break the clean-up with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    # os._exit runs no clean-up, so the processes that a run started in the background end here.
    from doclint.background import stop_all

    stop_all()
    logging.shutdown()
    for name, stream in (("stdout", sys.stdout), ("stderr", sys.stderr)):
        if stream is None:
            continue
        try:
            stream.flush()
        except OSError as error:
            status = _output_failed(OutputError(name, error), status)
    os._exit(status)


# Whether the failure of standard output was reported: a failed write leaves its bytes buffered, so a later flush fails again.
_output_failure_reported = False


def _output_failed(failure: OutputError, status: int) -> int:
    """Report a failure of standard output once, unless the reader only closed the pipe, and return the exit status.

    ``status`` is the status the run decided before the failure
    (``doclint.output_streams.status_after``).
    """
    global _output_failure_reported
    if failure.stream == "stdout" and not is_broken_pipe(failure.error) and not _output_failure_reported:
        _output_failure_reported = True
        _fail(output_error_message(failure.error))
    return status_after(failure, status)


def _tolerate_unencodable_output() -> None:
    """Write a character that standard output's encoding cannot hold as a backslash escape instead of failing.

    Standard output is not always UTF-8: a Windows runner's redirected
    output is cp1252, and ``PYTHONIOENCODING`` can name any codec. A
    Chinese heading in a finding would then stop the report halfway. The
    machine formats do not go through this, because they are written in
    UTF-8 whatever the stream's encoding (``_utf8_stream``).
    """
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")


@contextmanager
def _utf8_stream(stream: TextIO) -> Iterator[TextIO]:
    """Yield a text stream that writes to ``stream``'s bytes in UTF-8, or ``stream`` itself when it has no bytes.

    JSON, SARIF and the CI annotation formats are read as UTF-8 by the
    programs that consume them, whatever the locale of the process that
    wrote them. Each of them writes its report in one piece, which
    ``WholeUtf8Writer`` hands on whole or fails on.
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        yield stream
        return
    stream.flush()
    try:
        yield cast(TextIO, WholeUtf8Writer(buffer))
    finally:
        buffer.flush()


def _exit_status(code: object) -> int:
    """Return the process status of a ``SystemExit`` code: None is 0, a message is printed and gives 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    click.echo(code, err=True)
    return 1


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help=N_("Find repeated sections, mismatched answers and broken code in Markdown documents."))
@click.option(
    "--version", is_flag=True, is_eager=True, expose_value=False, callback=_print_version, help=VERSION_OPTION_HELP
)
@lang_option
def main() -> None:
    pass


@main.command(
    short_help=N_("Check documents and report or fix what is wrong."),
    help=N_(
        "Check Markdown files and folders (folders are searched for *.md, *.markdown, *.mdown and *.mkd, "
        "skipping hidden, git-ignored, package and build folders; a named file is checked whatever its name; "
        "- reads stdin).\n\n"
        "Exit status: 0 no finding at warning level or above, 1 findings (with --diff: changes to show), "
        "2 usage error, unreadable input or output that cannot be written, 3 internal error (a bug in doclint), "
        "130 interrupted with Ctrl-C, 141 output pipe closed by its reader (such as head)."
    )
)
@lang_option
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    type=TranslatedChoice(list(REPORTERS)),
    default="text",
    help=N_("Output format of the findings. [default: text]"),
)
@click.option(
    "--encoding",
    metavar="NAME",
    type=Codec(),
    help=N_(
        "Encoding of every input file, such as gb18030 (a Python codec name); it overrides the per-file-encoding "
        "setting. Default: UTF-8 with or without BOM, else detected."
    ),
)
@click.option(
    "--near-duplicate-threshold",
    type=Percentage(),
    help=N_("Minimum similarity in percent (0-100) for near-duplicate-section, scored after template text is removed. [default: 75]"),
)
@click.option(
    "--same-question-threshold",
    type=Percentage(),
    help=N_("Minimum similarity in percent (0-100) of two questions for inconsistent-answer to treat them as the same question. [default: 95]"),
)
@click.option("--select", type=NonEmpty(), metavar="RULES", help=N_("Comma-separated rule names, codes or code prefixes to run (default: the rules enabled by default)."))
@click.option("--ignore", type=NonEmpty(), metavar="RULES", help=N_("Comma-separated rule names, codes or code prefixes not to run."))
@_config_options
@click.option(
    "--compare-with",
    multiple=True,
    type=NonEmpty(),
    metavar="PATH",
    help=N_(
        "A file or folder whose documents the cross-file rules compare with, without reporting on or fixing them "
        "(repeatable). In a git work tree, a folder gives only the documents that git tracks. With --compare-with ., "
        "each named file gets the findings that a check of the whole folder (of its tracked documents, in a git work "
        "tree) gives it, and also one for each of its sections that a compared file repeats later; a copy whose first "
        "copy is only in a compared file gets no fix."
    ),
)
@click.option("--fix", is_flag=True, help=N_("Apply safe fixes and write the files back; then report what remains."))
@click.option("--unsafe-fixes", is_flag=True, help=N_("With --fix or --diff, also apply fixes that may change what a document says."))
@click.option("--diff", is_flag=True, help=N_("Print a unified diff of what --fix would change, and write nothing."))
@click.option(
    "--code-scope",
    type=TranslatedChoice(["document", "block"]),
    help=N_("Where Python names carry over: from every earlier Python block of the document, or only within a block. [default: document]"),
)
@click.option(
    "--untagged-python",
    is_flag=True,
    default=None,
    help=N_("Also check code blocks without a language tag as Python, when they parse as Python."),
)
@click.option(
    "--schema",
    type=NonEmpty(),
    metavar="NAME|PATH",
    help=N_("JSON Schema for documents whose front matter names none: a built-in name (qa-article, generic) "
           "or the path of a schema file. Default: qa-article for documents that mostly have its shape "
           "(questions, answers of two or more steps, explanations), no schema check for others."),
)
@click.option(
    "--jobs",
    type=ProcessCount(),
    metavar="N",
    help=N_("Number of processes that parse documents, at most the number of CPUs. [default: the number of CPUs]"),
)
@click.option(
    "--cache-dir",
    type=CacheFolder(),
    metavar="PATH",
    help=N_(
        "Folder of the cache, relative to the working folder; doclint creates it if it is missing. It overrides "
        "the DOCLINT_CACHE_DIR environment variable and the cache-dir setting. [default: .doclint_cache]"
    ),
)
@click.option(
    "--no-cache",
    is_flag=True,
    help=N_(
        "Check every document again, without reading or writing the cache; it overrides --cache-dir, "
        "DOCLINT_CACHE_DIR and the cache-dir setting."
    ),
)
@click.option(
    "--quiet-exclude",
    is_flag=True,
    help=N_(
        "Skip named files that the exclude setting matches without a warning, as files found in a folder are "
        "skipped. The pre-commit hook passes it, because pre-commit names every staged file."
    ),
)
@click.option(
    LEADING_DASH_PATHS,
    is_flag=True,
    expose_value=False,
    help=N_(
        "Read an argument that starts with - as a path when it is not a valid option and names an existing file "
        "or folder, as the pre-commit hook requires. Without it, such a name needs -- before it."
    ),
)
@_verbose_option
def check(
    paths: tuple[str, ...],
    output_format: str,
    encoding: str | None,
    near_duplicate_threshold: float | None,
    same_question_threshold: float | None,
    select: str | None,
    ignore: str | None,
    config_path: str | None,
    no_config: bool,
    code_scope: str | None,
    schema: str | None,
    untagged_python: bool | None,
    compare_with: tuple[str, ...],
    jobs: int | None,
    cache_dir: str | None,
    no_cache: bool,
    quiet_exclude: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    verbose: bool,
) -> None:
    _configure_logging(verbose)
    from doclint.engine import STDIN_PATH, run
    from doclint.reporters import get_reporter
    from doclint.schema_errors import SchemaError
    from doclint.warning_log import WarningCollector

    collected = WarningCollector().attach()
    click.get_current_context().call_on_close(collected.detach)

    if fix and diff:
        raise click.UsageError(_("--fix and --diff cannot be combined; use --diff to preview, then --fix to write"))
    if unsafe_fixes and not (fix or diff):
        logger.warning(_("--unsafe-fixes does nothing without --fix or --diff; add one of them to apply the fixes"))
    options = {
        "near_duplicate_threshold": near_duplicate_threshold,
        "same_question_threshold": same_question_threshold,
        "encoding": encoding,
        "select": _rule_list(select, "--select"),
        "ignore": _rule_list(ignore, "--ignore"),
        "code_scope": code_scope,
        "untagged_python": untagged_python,
        "schema": schema,
        "jobs": jobs,
        "cache_dir": None if no_cache else cache_dir or _environment_cache_dir(),
    }
    if STDIN_PATH in compare_with:
        raise click.UsageError(_("--compare-with cannot read standard input; name files or folders"))
    config_file = _config_file(paths, config_path, no_config)
    settings = _settings(options, config_file)
    _require_some_rule(settings, options, config_file)
    if encoding:
        # An encoding named on the command line is for every input, also those that per-file-encoding names.
        settings = dataclasses.replace(settings, per_file_encoding=())
    if no_cache:
        settings = dataclasses.replace(settings, cache_dir=None)
    if output_format == "text" and sys.stderr.isatty():
        settings = dataclasses.replace(settings, progress=True)
    try:
        if settings.schema:
            # Load it once before reading any document, so that a bad schema fails fast.
            _guard(lambda: _load_run_schema(settings.schema, None if schema else config_file), verbose)
        result = _guard(lambda: run(paths, settings, compare_with=compare_with, replay=not (fix or diff), quiet_exclude=quiet_exclude), verbose)
    except SchemaError as error:
        _fail(str(error))
        sys.exit(EXIT_USAGE)
    for error in [*result.errors, *result.internal_errors]:
        _fail(error)
    if not (config_path or no_config):
        checked = result.checked if result.checked is not None else [document.path for document in result.documents]
        compared = [document.path for document in result.compared]
        _warn_passed_over_configs([*checked, *compared], config_file)

    if diff:
        sys.exit(_show_diff(result, settings, unsafe_fixes, verbose))
    report = sys.stdout
    if fix:
        result, report = _fix(result, settings, unsafe_fixes, verbose)
    # The run's warnings were logged, so they are among the collected ones, with those of the configuration and the fixes.
    result.warnings = list(collected.messages)
    result.settings = settings
    with writing_to(report):
        if output_format == "text":
            get_reporter(output_format).write(result, report)
        else:
            with _utf8_stream(report) as stream:
                get_reporter(output_format).write(result, stream)
        report.flush()
    sys.exit(result.exit_status)


def _environment_cache_dir() -> str | None:
    """Return the cache folder that DOCLINT_CACHE_DIR names, or None; an unusable value is a usage error."""
    from doclint.cache_location import CacheFolderError, environment_cache_dir

    try:
        return environment_cache_dir()
    except CacheFolderError as error:
        raise click.UsageError(str(error)) from None


def _load_run_schema(value: str, config_file: Path | None) -> None:
    """Load the schema of ``--schema`` or, when ``config_file`` is given, of its ``schema`` key, whose errors then name that file."""
    from doclint.schema_cache import load_schema
    from doclint.schema_errors import SchemaError

    try:
        load_schema(value)
    except SchemaError as error:
        if config_file is None:
            raise
        raise SchemaError(_("{path}: key schema: {problem}").format(path=config_file, problem=error)) from None


def _rule_list(value: str | None, option: str) -> tuple[str, ...] | None:
    """Split a comma-separated rule list and check that each entry names a rule."""
    if value is None:
        return None
    from doclint.registry import is_rule_selector, unknown_rule_hint

    tokens = tuple(token.strip() for token in value.split(",") if token.strip())
    if not tokens:
        raise click.BadParameter(_("the list names no rule; pass rule names, codes or code prefixes"), param_hint=f"'{option}'")
    for token in tokens:
        if not is_rule_selector(token):
            raise click.BadParameter(
                _("unknown rule {rule!r}; {hint}").format(rule=token, hint=unknown_rule_hint(token)), param_hint=f"'{option}'"
            )
    return tokens


def _config_file(paths: tuple[str, ...], config_path: str | None, no_config: bool) -> Path | None:
    """Return the configuration file of a run: the one ``--config`` names, else the one found from ``paths``, or None."""
    from doclint.config import ConfigError, find_config

    if no_config and config_path:
        raise click.UsageError(_("--config and --no-config cannot be combined; pass one of them"))
    if no_config:
        return None
    try:
        config_file = Path(config_path) if config_path else find_config(paths)
        if config_file is None:
            return None
        _check_config_file(config_file)
    except ConfigError as error:
        _fail(str(error))
        sys.exit(EXIT_USAGE)
    return config_file


def _check_config_file(config_file: Path) -> None:
    """Raise ConfigError unless ``config_file`` is a regular file, naming what it is instead and the fix."""
    import stat

    from doclint.config import ConfigError
    from doclint.path_errors import path_error_message

    try:
        mode = config_file.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise ConfigError(_("{path}: no such configuration file; check the --config path").format(path=config_file)) from None
    except OSError as error:
        raise ConfigError(path_error_message(str(config_file), error)) from None
    if stat.S_ISDIR(mode):
        raise ConfigError(
            _("{path}: is a folder; pass a configuration file such as .doclint.toml to --config").format(path=config_file)
        )
    if not stat.S_ISREG(mode):
        raise ConfigError(_("{path}: not a regular file; pass a configuration file such as .doclint.toml to --config").format(path=config_file))


def _settings(options: dict, config_file: Path | None):
    """Build the run's settings: command-line options over the configuration file over the defaults."""
    from doclint.config import ConfigError, apply_config, load_config
    from doclint.settings import Settings

    given = {name: value for name, value in options.items() if value is not None}
    settings = Settings(**given)
    if config_file is None:
        return settings
    try:
        return apply_config(settings, load_config(config_file), config_file, _names_rule, frozenset(given))
    except ConfigError as error:
        _fail(str(error))
        sys.exit(EXIT_USAGE)


def _require_some_rule(settings, options: dict, config_file: Path | None) -> None:
    """Exit with a usage error when ``select`` and ``ignore`` leave no rule to run.

    Such a run would check nothing, so ``select = []`` in the configuration
    or an ``ignore`` list that names every selected rule would make a CI
    job pass whatever the documents contain. An empty ``--select`` is
    already rejected as the option is read. The default lists always leave
    rules, so they are not checked: a replayed run does not load the rules.
    The message names the option or configuration file that set each list,
    because the user has to edit that place.
    """
    if settings.select is None and not settings.ignore:
        return
    from doclint.registry import select_rules

    if select_rules(settings.select, settings.ignore):
        return
    selected = ", ".join(settings.select) if settings.select is not None else _("the rules on by default")
    ignored = ", ".join(settings.ignore)
    _fail(
        _(
            "no rule is left to run after select ({select}) and ignore ({ignore}), so nothing would be checked; "
            "select a rule that ignore does not name"
        ).format(
            select=_with_source(selected or _("none"), _rule_list_source("select", options, config_file, settings)),
            ignore=_with_source(ignored or _("none"), _rule_list_source("ignore", options, config_file, settings)),
        )
    )
    sys.exit(EXIT_USAGE)


def _rule_list_source(name: str, options: dict, config_file: Path | None, settings) -> str | None:
    """Return where the ``select`` or ``ignore`` list of a run came from: its option, the configuration file, or None for the default.

    An option overrides the configuration file (``apply_config``), so a
    list that no option set and that differs from the default came from
    the file. A file that sets the default value gets None, which is true
    of the value.
    """
    from doclint.settings import Settings

    if options.get(name) is not None:
        return f"--{name}"
    if config_file is not None and getattr(settings, name) != getattr(Settings(), name):
        return str(config_file)
    return None


def _with_source(rules: str, source: str | None) -> str:
    if source is None:
        return rules
    return _("{rules} from {source}").format(rules=rules, source=source)


def _warn_passed_over_configs(paths: Sequence[str], used: Path | None) -> None:
    """Warn about each configuration file in a subfolder that this run does not read for the documents under it.

    The documents are the named files, those found in named folders and
    the compared ones, so ``doclint check .`` and ``doclint check a.md
    --compare-with .`` warn about ``sub/.doclint.toml`` too. A replayed
    run has no compared documents to look at.
    """
    from doclint.config import passed_over_configs

    for config, path in passed_over_configs(paths, used).items():
        if used is None:
            message = _(
                "%s is not used for %s: a run reads one configuration, found from the folder that holds all named "
                "paths, and there is none there; check the files under %s in a run of their own to use it"
            )
            logger.warning(message, config, path, config.parent)
        else:
            message = _(
                "%s is not used for %s: a run reads one configuration, %s, found from the folder that holds all "
                "named paths; move its settings into that file (per-file-ignores and exclude take paths), or check "
                "the files under %s in a run of their own"
            )
            logger.warning(message, config, path, used, config.parent)


def _names_rule(token: str) -> bool:
    """Return whether a selector in the configuration names a rule; the rules are imported only when one is checked."""
    from doclint.registry import is_rule_selector

    return is_rule_selector(token)


def _run_fixes(result, settings, unsafe: bool, verbose: bool):
    from doclint.fixer import FixLoopError, fix_documents

    try:
        return _guard(lambda: fix_documents(result, settings, unsafe), verbose)
    except FixLoopError as error:
        _fail(str(error))
        sys.exit(EXIT_INTERNAL)


def _diff_lines(data: bytes) -> list[bytes]:
    """Split a file's bytes into lines as diff and patch do: after each LF only.

    A lone CR is part of its line for them, so a file with CR line endings
    (classic Mac OS) is one line, and a stray CR stays inside its line.
    ``bytes.splitlines`` would also split at each CR, and the diff would not
    apply.
    """
    lines = data.split(b"\n")
    return [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _diff_names(path: str) -> tuple[bytes, bytes]:
    """Return the ``---`` and ``+++`` names of a file in a diff, as ``git diff`` writes them.

    A file inside the working folder is named by its path from there,
    after ``a/`` and ``b/``, so that ``git apply`` and ``patch -p1`` run
    in the working folder apply the diff. Both tools reject a path that
    contains ``.`` or ``..`` parts, so the path is normalised first. A
    file outside the working folder is named by its absolute path in both
    lines, which those tools apply when run from ``/``. GNU patch 2.7
    ignores an absolute name with ``-p0``.
    """
    from doclint.engine import STDIN_DISPLAY

    if path == STDIN_DISPLAY:
        return _quoted_name(f"a/{path}"), _quoted_name(f"b/{path}")
    absolute = _absolute_path(path)
    relative = os.path.relpath(absolute)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return _quoted_name(absolute), _quoted_name(absolute)
    relative = relative.replace(os.sep, "/")
    return _quoted_name(f"a/{relative}"), _quoted_name(f"b/{relative}")


def _absolute_path(path: str) -> str:
    """Return the absolute, normalised form of a file's path.

    A ``..`` part is resolved in the file system, because after a symbolic
    link to a folder it leads to that folder's parent, not back to where
    the link is. The file name itself is kept even when it is a link.
    """
    if os.pardir not in path.split(os.sep):
        return os.path.abspath(path)
    folder, name = os.path.split(path)
    return os.path.join(os.path.realpath(folder), name)


_C_ESCAPES = {
    ord("\a"): b"\\a",
    ord("\b"): b"\\b",
    ord("\t"): b"\\t",
    ord("\n"): b"\\n",
    ord("\v"): b"\\v",
    ord("\f"): b"\\f",
    ord("\r"): b"\\r",
    ord('"'): b'\\"',
    ord("\\"): b"\\\\",
}
"""The escapes that ``git diff`` writes for these bytes in a quoted file name."""


def _quoted_name(name: str) -> bytes:
    """Return a file name as the ``---`` and ``+++`` lines of ``git diff`` write it with ``core.quotePath`` off.

    A name with a control character, a double quote or a backslash is put
    in double quotes with C escapes, which ``git apply`` and GNU patch 2.7
    read. A name with a space ends with a tab, because GNU patch 2.7.6 does
    not find the file otherwise. Other bytes, such as UTF-8, are written
    unchanged.
    """
    raw = os.fsencode(name)
    if any(_needs_escape(byte) for byte in raw):
        raw = b'"' + b"".join(_escaped(byte) for byte in raw) + b'"'
    if " " in name:
        raw += b"\t"
    return raw


def _needs_escape(byte: int) -> bool:
    return byte < 0x20 or byte == 0x7F or byte in _C_ESCAPES


def _escaped(byte: int) -> bytes:
    """Return one byte of a quoted name: its C escape, an octal escape for another control character, or the byte."""
    if byte in _C_ESCAPES:
        return _C_ESCAPES[byte]
    if _needs_escape(byte):
        return b"\\%03o" % byte
    return bytes([byte])


def _show_diff(result, settings, unsafe: bool, verbose: bool) -> int:
    """Print the unified diff of every file the fixes would change; return the exit status.

    The diff is of the bytes that ``--fix`` would write, in the file's own
    encoding, byte order mark and line endings, so that ``git apply`` or
    ``patch -p1`` applies it to the file as it is. A last line without a
    line break is marked as diff and patch expect. ``_diff_names``
    describes how the diff names each file.
    """
    import difflib

    from doclint.writer import encode

    outcome = _run_fixes(result, settings, unsafe, verbose)
    changed = outcome.changed()
    with writing_to(sys.stdout):
        sys.stdout.flush()
        for document in changed:
            before = _diff_lines(encode(outcome.original[document.path]))
            after = _diff_lines(encode(document.source))
            for line in difflib.diff_bytes(difflib.unified_diff, before, after, *_diff_names(document.path)):
                sys.stdout.buffer.write(line)
                if not line.endswith(b"\n"):
                    sys.stdout.buffer.write(b"\n\\ No newline at end of file\n")
        sys.stdout.buffer.flush()
    _note_remaining(outcome.result.diagnostics, bool(changed), unsafe)
    if result.internal_errors:
        return EXIT_INTERNAL
    if result.errors:
        return EXIT_USAGE
    return 1 if changed else 0


def _note_remaining(diagnostics, changed: bool, unsafe: bool) -> None:
    """Warn on standard error about the findings that ``--diff`` leaves, so that an empty diff does not read as a clean check."""
    from doclint.diagnostics import Applicability
    from doclint.i18n import ngettext

    if not diagnostics:
        return
    count = len(diagnostics)
    if changed:
        message = ngettext(
            "{count} problem remains after the fixes this diff shows; run doclint check without --diff to list it",
            "{count} problems remain after the fixes this diff shows; run doclint check without --diff to list them",
            count,
        )
    else:
        message = ngettext(
            "the diff is empty, but {count} problem remains; run doclint check without --diff to list it",
            "the diff is empty, but {count} problems remain; run doclint check without --diff to list them",
            count,
        )
    logger.warning(message.format(count=count))

    unsafe_count = sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability is Applicability.UNSAFE)
    if unsafe_count and not unsafe:
        logger.warning(
            ngettext(
                "{count} of them has a fix that only --unsafe-fixes applies; add it to --diff to see that fix",
                "{count} of them have fixes that only --unsafe-fixes applies; add it to --diff to see those fixes",
                unsafe_count,
            ).format(count=unsafe_count)
        )


def _fix(result, settings, unsafe: bool, verbose: bool):
    """Apply fixes and write the changed files; return the remaining findings and where to report them.

    Standard input is fixed to standard output, so the findings then go to
    standard error.
    """
    from pathlib import Path

    from doclint.background import interrupts_blocked
    from doclint.engine import STDIN_DISPLAY
    from doclint.writer import WriteError, encode, write_atomic

    outcome = _run_fixes(result, settings, unsafe, verbose)
    report = sys.stdout
    for document in outcome.result.documents:
        if document.path == STDIN_DISPLAY:
            with writing_to(sys.stdout):
                sys.stdout.buffer.write(encode(document.source))
                sys.stdout.flush()
            report = sys.stderr

    unwritten: set[str] = set()
    write_errors = []
    for document in outcome.changed():
        if document.path == STDIN_DISPLAY:
            continue
        try:
            # A Ctrl-C waits until the file is written, so it leaves no temporary file and no file written in part.
            with interrupts_blocked():
                write_atomic(Path(document.path), document.source, outcome.original[document.path].state)
        except WriteError as error:
            _fail(str(error))
            write_errors.append(str(error))
            unwritten.add(document.path)
    if unwritten:
        # The findings and the count of fixes then describe the files as they are on disk.
        _guard(lambda: outcome.without(unwritten, settings), verbose)
    remaining = outcome.result
    remaining.fixed = outcome.fixed
    remaining.unsafe_fixes_applied = unsafe
    remaining.errors.extend(write_errors)
    remaining.internal_errors = result.internal_errors
    return remaining, report


@main.command(short_help=N_("Print the section tree of a document as JSON."), help=N_("Print the section tree of FILE as JSON (the format is described in docs/ast.md)."))
@lang_option
@click.argument("path", metavar="FILE")
@click.option(
    "--encoding",
    metavar="NAME",
    type=Codec(),
    help=N_(
        "Encoding of the input file, such as gb18030 (a Python codec name); it overrides the configuration. "
        "Default: the configuration's encoding or per-file-encoding, else UTF-8 with or without BOM, else detected."
    ),
)
@_config_options
@_verbose_option
def ast(path: str, encoding: str | None, config_path: str | None, no_config: bool, verbose: bool) -> None:
    _configure_logging(verbose)
    from doclint.engine import load, named_path_error
    from doclint.source import SourceError

    problem = named_path_error(path)
    if problem is not None:
        _fail(problem)
        sys.exit(EXIT_USAGE)
    # The configuration's labels and encoding change the tree, so it is read as check reads it.
    settings = _settings({"encoding": encoding}, _config_file((path,), config_path, no_config))
    try:
        document = _guard(lambda: load(path, settings), verbose)
    except SourceError as error:
        _fail(str(error))
        sys.exit(EXIT_USAGE)
    with writing_to(sys.stdout), _utf8_stream(sys.stdout) as stream:
        json.dump(document.to_json(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        stream.flush()


@main.command(name="rules", short_help=N_("List the rules."), help=N_("List every rule with its code, default severity, fix support and summary."))
@lang_option
def list_rules() -> None:
    from doclint.registry import all_rules

    rules = all_rules()
    severities = {rule.name: rule.severity.label for rule in rules}
    fixes = {rule.name: _fix_column(rule) for rule in rules}
    name_width = max(display_width(rule.name) for rule in rules)
    severity_width = max(display_width(text) for text in severities.values())
    fix_width = max(display_width(text) for text in fixes.values())
    with writing_to(sys.stdout):
        for rule in rules:
            _echo_rule(rule, severities, fixes, (name_width, severity_width, fix_width))
        sys.stdout.flush()


def _echo_rule(rule: Rule, severities: dict[str, str], fixes: dict[str, str], widths: tuple[int, int, int]) -> None:
    """Print one line of ``doclint rules``: code, name, severity and fix support in columns, then the summary."""
    name_width, severity_width, fix_width = widths
    languages = ""
    if rule.languages:
        # The space before the list is part of the message, so that a language whose sentences need none can drop it.
        languages = _(" Languages: {languages}.").format(languages=join_items(rule.languages))
    if not rule.enabled_by_default:
        # Like the language list, the space before the note is part of the message.
        languages += _(
            " Off by default: run it with --select ALL. It reports an unused comment only when every rule"
            " that the comment names ran, so --select {name} alone reports only unknown rule names and directives."
        ).format(name=rule.name)
    columns = [rule.code, pad(rule.name, name_width), pad(severities[rule.name], severity_width), pad(fixes[rule.name], fix_width)]
    click.echo("  ".join(columns) + f"  {_(rule.summary)}{languages}")


def _fix_column(rule: Rule) -> str:
    """Return the fix column of ``doclint rules``: "fix", "unsafe fix" for a rule that only --unsafe-fixes applies, or "-"."""
    if not rule.fixable:
        return "-"
    return _("unsafe fix") if rule.unsafe_fixes_only else _("fix")


@main.command(short_help=N_("Print the documentation of a rule."), help=N_("Print the documentation of RULE (a name such as duplicate-section, or a code such as DL101)."))
@lang_option
@click.argument("rule_name", metavar="RULE")
def explain(rule_name: str) -> None:
    from doclint.data import rule_doc
    from doclint.registry import find_rule

    rule = find_rule(rule_name)
    if rule is None:
        from doclint.registry import unknown_rule_hint

        raise click.BadParameter(_("unknown rule {rule!r}; {hint}").format(rule=rule_name, hint=unknown_rule_hint(rule_name)), param_hint="RULE")
    text = _guard(lambda: rule_doc(rule.name, current_language()), verbose=False)
    with writing_to(sys.stdout):
        click.echo(text, nl=False)
        sys.stdout.flush()


T = TypeVar("T")


def _guard(action: Callable[[], T], verbose: bool) -> T:
    """Run an action, turning an unexpected exception into a one-line bug report and exit status 3.

    Expected errors (unreadable input, usage errors) are handled by the
    caller and pass through unchanged.
    """
    from doclint.schema_errors import SchemaError
    from doclint.source import SourceError

    try:
        return action()
    except (SourceError, SchemaError, OutputError, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as error:
        if _caused_by_interrupt(error):
            raise KeyboardInterrupt from error
        if verbose:
            logger.exception("internal error")
        _fail(_internal_error_message(error))
        sys.exit(EXIT_INTERNAL)


def _caused_by_interrupt(error: BaseException) -> bool:
    """Return whether an exception was raised because of a Ctrl-C.

    Python wraps an exception raised while a class is created, such as
    the KeyboardInterrupt of a Ctrl-C during a lazy import of a dataclass,
    in a RuntimeError ("Error calling __set_name__"). Such an error is not
    a bug in doclint, so it must not be reported as one.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _internal_error_message(error: Exception) -> str:
    return _(
        "internal error: {error}; this is a bug in doclint, please report it with the input "
        "(rerun with --verbose for the traceback)"
    ).format(error=f"{type(error).__name__}: {error}")
