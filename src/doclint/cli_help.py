"""Help screens and language selection for the command line.

Help texts are declared at import time, before the language is known, so
they are marked with ``N_`` and translated when click renders them. The
language comes from the last ``--lang`` on the command line (on ``doclint``
or on a command), else from the locale variables; ``apply_locale`` reads
both before click parses the command line.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable, Sequence, TypeVar

import click

from doclint.click_messages import install as install_click_messages
from doclint.i18n import (
    LANGUAGES,
    N_,
    _,
    detect_language,
    display_width,
    join_items,
    language_named,
    ngettext,
    set_language,
    wrap_display,
)
from doclint.output_streams import writing_to

F = TypeVar("F", bound=Callable[..., Any])


def apply_locale(args: Sequence[str]) -> None:
    """Select the language before click parses ``args``: that of ``--lang``, else of the locale variables.

    ``--lang`` is an eager option too, but click reports an unknown option
    or a missing value while it parses, before any option callback runs.
    Reading the value here first gives those errors the language asked for.
    A ``--lang`` value that is not a language is left to click to report.
    """
    install_click_messages()
    set_language(_language_argument(args) or detect_language())


def _language_argument(args: Sequence[str]) -> str | None:
    """Return the last valid ``--lang`` value before a ``--`` in ``args``, or None."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        found = language_named(value) or found
    return found


class Language(click.ParamType):
    """A ``--lang`` value: a key of LANGUAGES, or a tag or locale name that selects one, such as ``zh_CN`` or ``en_US``."""

    name = "language"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(LANGUAGES) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        language = language_named(str(value))
        if language is None:
            message = _("{value!r} is not a language of doclint; use en or zh-CN (zh_CN and zh also select Chinese)")
            self.fail(message.format(value=value), param, ctx)
        return language


def lang_option(function: F) -> F:
    """Add ``--lang``, which selects the language of messages and help.

    click only checks its value: ``apply_locale`` has read it from the
    arguments before click parses them, so that one value, the last, holds
    for the errors of parsing and for the output alike.
    """
    return click.option(
        "--lang",
        type=Language(),
        expose_value=False,
        help=N_(
            "Language of messages and help: en or zh-CN, or a locale name such as zh_CN.UTF-8."
            " Default: from LC_ALL, LC_MESSAGES or LANG."
        ),
    )(function)


def _translated_help(parameter: click.Parameter, context: click.Context) -> tuple[str, str] | None:
    original = getattr(parameter, "help", None)
    if original:
        parameter.help = _(original)  # type: ignore[attr-defined]
    try:
        return parameter.get_help_record(context)
    finally:
        if original:
            parameter.help = original  # type: ignore[attr-defined]


class TranslatedHelpFormatter(click.HelpFormatter):
    """A help formatter for translated help.

    Section headings end in the selected language's colon (``：`` in
    Chinese). click counts characters and breaks lines only at spaces, so
    text with wide characters is wrapped by terminal columns with
    ``wrap_display`` instead. Text without them is wrapped by click as before.
    """

    def write_heading(self, heading: str) -> None:
        title = _("{heading}:").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{title}\n")

    def write_text(self, text: str) -> None:
        if not _has_wide_characters(text):
            super().write_text(text)
            return
        indent = " " * self.current_indent
        paragraphs = [wrap_display(paragraph, self.width - self.current_indent) for paragraph in text.split("\n\n")]
        self.write("\n\n".join("\n".join(indent + line for line in lines) for lines in paragraphs))
        self.write("\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not any(_has_wide_characters(second) for _first, second in rows):
            super().write_dl(rows, col_max, col_spacing)
            return
        first_column = min(max(display_width(first) for first, _second in rows), col_max) + col_spacing
        text_width = max(self.width - first_column - self.current_indent, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if display_width(first) <= first_column - col_spacing:
                self.write(" " * (first_column - display_width(first)))
            else:
                self.write("\n" + " " * (first_column + self.current_indent))
            lines = wrap_display(second, text_width) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_column + self.current_indent}}{line}\n")


def _has_wide_characters(text: str) -> bool:
    return display_width(text) != len(text)


USAGE_PIECES = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}
"""The placeholders of click's usage line that are words, not argument names. Argument names such as
``PATH...`` stay as they are, because usage errors name them ("Missing argument 'PATH...'")."""


class TranslatedChoice(click.Choice):
    """A choice whose error lists the choices with the list separator of the selected language (``、`` in Chinese).

    click 8.2 and later build the message in ``get_invalid_choice_message``;
    click 8.1 does not call it, and its message keeps ASCII commas.
    """

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        choices = join_items(repr(choice) for choice in self.choices)
        return ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", len(self.choices)).format(
            value=value, choice=choices, choices=choices
        )


class TranslatedContext(click.Context):
    formatter_class = TranslatedHelpFormatter


def show_help(context: click.Context, parameter: click.Parameter, value: bool) -> None:
    """Print the help and stop, as click's ``--help`` does, but report a failed write as ``OutputError``.

    click ends a run whose standard output is a closed pipe with status 1
    and takes any other failed write (a full disk) for a bug. As an
    ``OutputError`` it gets the status and message of every other command
    (``doclint.output_streams``).
    """
    if not value or context.resilient_parsing:
        return
    with writing_to(sys.stdout):
        click.echo(context.get_help(), color=context.color)
    context.exit()


class TranslatedCommand(click.Command):
    """A command whose help text, option help and section titles are translated when shown."""

    context_class = TranslatedContext

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.callback = show_help
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return _(self.short_help)
        return click.utils.make_default_short_help(_(self.help) if self.help else "", limit)

    def format_usage(self, context: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = [_(USAGE_PIECES.get(piece, piece)) for piece in self.collect_usage_pieces(context)]
        formatter.write_usage(context.command_path, " ".join(pieces), _("Usage: "))

    def format_help_text(self, context: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_(self.help))

    def format_options(self, context: click.Context, formatter: click.HelpFormatter) -> None:
        options = [parameter for parameter in self.get_params(context) if isinstance(parameter, click.Option)]
        records = [record for record in (_translated_help(option, context) for option in options) if record]
        if records:
            with formatter.section(_("Options")):
                formatter.write_dl(records)


class TranslatedGroup(TranslatedCommand, click.Group):
    """A group with translated help that also lists its commands with translated summaries."""

    command_class = TranslatedCommand

    def format_options(self, context: click.Context, formatter: click.HelpFormatter) -> None:
        TranslatedCommand.format_options(self, context, formatter)
        self.format_commands(context, formatter)

    def format_commands(self, context: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(context):
            command = self.get_command(context, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


HELP_OPTION_HELP = N_("Show this message and exit.")
VERSION_OPTION_HELP = N_("Show the version and exit.")
