"""JSON text for the machine formats that is valid UTF-8 even when a file name is not.

Python keeps each byte of a file name that is not valid UTF-8 as a lone
surrogate (U+DC80 to U+DCFF, PEP 383). Written into JSON as is, or as a
``\\udcff`` escape, such a character makes strict parsers reject the whole
output. The machine formats write it instead as the text output shows
it: a backslash, ``u`` and four hex digits, so that ``bad\\xffname.md``
appears as the JSON string ``"bad\\\\udcffname.md"``.
"""

from __future__ import annotations

import json
import re

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """Return JSON text with each lone surrogate written as an escaped backslash, ``u`` and four hex digits.

    A surrogate can only stand inside a JSON string, so the result is
    still JSON, and its string values read ``\\udcff`` as six characters.
    """
    return _SURROGATE_RE.sub(_escaped_surrogate, text)


def _escaped_surrogate(found: re.Match[str]) -> str:
    return f"\\\\u{ord(found.group()):04x}"


def dumps(value: object, indent: int | None = None) -> str:
    """Return ``value`` as JSON text in UTF-8-safe form: non-ASCII characters as they are, lone surrogates escaped."""
    return escape_surrogates(json.dumps(value, ensure_ascii=False, indent=indent))
