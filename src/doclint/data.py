"""Access to the data shipped with doclint: the top-level ``rules/`` folder and ``docs/rules/``.

A wheel carries them as ``doclint/_data/rules`` and ``doclint/_data/docs/rules``.
A source checkout used in place (an editable install, or ``src`` on
``sys.path``) reads the folders at the top of the repository instead.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from doclint.i18n import _


class DataError(Exception):
    """Rule data that is missing or invalid, which means the installation is broken."""


def _data_folder(*parts: str) -> Path:
    """Return a shipped data folder: inside the wheel, else in the source checkout."""
    packaged = Path(__file__).resolve().parent.joinpath("_data", *parts)
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2].joinpath(*parts)
    if checkout.is_dir():
        return checkout
    raise DataError(
        _("doclint data not found in {packaged} or {checkout}; reinstall doclint").format(packaged=packaged, checkout=checkout)
    )


def rules_dir() -> Path:
    """Return the folder that contains the shipped rule data."""
    return _data_folder("rules")


def rule_doc(name: str, language: str = "en") -> str:
    """Return the Markdown documentation of a rule: ``docs/rules/NAME.md``.

    For a language other than English the translated page
    ``docs/rules/LANGUAGE/NAME.md`` is returned when it exists.
    """
    folder = _data_folder("docs", "rules")
    translated = folder / language / f"{name}.md"
    path = translated if language != "en" and translated.is_file() else folder / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataError(
            _("documentation of {name} not found at {path} ({reason}); reinstall doclint").format(
                name=name, path=path, reason=error.strerror
            )
        ) from None


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Load one JSON file of the rule data by its file name."""
    path = rules_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(_("cannot load rule data {path}: {reason}; reinstall doclint").format(path=path, reason=error)) from None
