"""Help screens and language selection for the command line.

Help texts are declared at import time, before the language is known, so
they are marked with ``N_`` and translated when click renders them. The
language comes from ``--lang`` (on ``doclint`` and on each command), else
from the locale variables, which ``apply_locale`` reads before parsing.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

import click

from doclint.i18n import LANGUAGES, N_, _, detect_language, set_language

F = TypeVar("F", bound=Callable[..., Any])


def apply_locale() -> None:
    """Select the language of the locale variables (LC_ALL, LC_MESSAGES, LANG)."""
    set_language(detect_language())


def _select_language(context: click.Context, parameter: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_language(value)


def lang_option(function: F) -> F:
    """Add ``--lang``, which selects the language of messages and help before anything is printed."""
    return click.option(
        "--lang",
        type=click.Choice(sorted(LANGUAGES)),
        is_eager=True,
        expose_value=False,
        callback=_select_language,
        help=N_("Language of messages and help: en or zh-CN. Default: from LC_ALL, LC_MESSAGES or LANG."),
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


class TranslatedCommand(click.Command):
    """A command whose help text, option help and section titles are translated when shown."""

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return _(self.short_help)
        return click.utils.make_default_short_help(_(self.help) if self.help else "", limit)

    def format_usage(self, context: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(context.command_path, " ".join(self.collect_usage_pieces(context)), _("Usage: "))

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
