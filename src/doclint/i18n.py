"""Message translation with the standard library's gettext.

Every user-facing string goes through ``_``. The language is chosen once
per run by ``set_language``, from ``--lang`` or the locale variables;
English is the fallback and needs no catalog.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "doclint"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str | None) -> None:
    """Select the message catalog for ``language`` (``en``, ``zh-CN``), or English when None."""
    global _translation
    if not language:
        _translation = gettext.NullTranslations()
        return
    code = language.replace("-", "_")
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def _(message: str) -> str:
    """Translate a message into the selected language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on ``count``."""
    return _translation.ngettext(singular, plural, count)
