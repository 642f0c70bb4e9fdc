"""click's own messages in doclint's language.

click writes its usage errors ("No such option", "Invalid value for",
"Missing argument") through the standard ``gettext.gettext``, which it
binds as ``_`` in each of its modules. That function takes the language
from the environment, not from ``--lang``, and reads no doclint catalog, so
under ``--lang zh-CN`` an error came out half English. ``install`` points
those names at doclint's own ``_`` and ``ngettext``, which follow the
language doclint selected; in English they return click's text unchanged.

The messages below are click's, word for word, marked so that they are
extracted into doclint's catalog. Only those a doclint user can meet are
listed: errors of the options and arguments doclint declares. A message
that a later click rewords is not in the catalog, so it comes out in
English. A test compares this list with the installed click.
"""

from __future__ import annotations

import gettext
import sys
from difflib import SequenceMatcher

from doclint.i18n import N_, N_plural, _, ngettext

CLICK_MODULES = ("click.core", "click.exceptions", "click.parser", "click._parser", "click.types", "click.formatting")
"""The click modules whose ``_`` and ``ngettext`` produce usage errors, where they exist in the installed click."""

MESSAGES = (
    N_plural("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_plural("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    N_plural("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    N_plural("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
)
"""click's messages that doclint translates: strings, and (singular, plural) pairs."""


def install() -> None:
    """Make click's messages follow doclint's language. Safe to call more than once.

    Only names still bound to the standard library's functions are
    replaced, so a click that stops using gettext is left alone.
    """
    for name in CLICK_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = ngettext  # type: ignore[attr-defined]


SUGGESTION_CUTOFF = 0.6
"""The minimum similarity (``difflib`` ratio, 0 to 1) of an unknown option to an option that an error suggests."""


def keep_close_suggestions(error: Exception) -> None:
    """Drop the suggestions of an unknown option or command error that resemble it only in their dashes.

    click compares ``--bogus`` with ``--jobs`` dashes included, so the two
    leading dashes that every long option shares make unrelated options look
    close, and it suggested ``--jobs`` and ``--verbose`` for ``--bogus``.
    The names are compared here without them.
    """
    name = getattr(error, "option_name", None) or getattr(error, "command_name", None)
    possibilities = getattr(error, "possibilities", None)
    if not name or not possibilities:
        return
    stem = name.lstrip("-")
    error.possibilities = [  # type: ignore[attr-defined]
        possibility
        for possibility in possibilities
        if SequenceMatcher(None, stem, possibility.lstrip("-")).ratio() >= SUGGESTION_CUTOFF
    ]
