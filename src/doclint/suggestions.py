"""The allowed value that a misspelled value was most likely meant to be.

A writer who types ``"strng"`` for a JSON type or ``qa-artcle`` for a
schema name has made a slip of one or two letters. Naming the close value
in the message saves looking up the list of allowed values.
"""

from __future__ import annotations

import difflib
from typing import Iterable

CUTOFF = 0.7
"""The least ``difflib`` similarity ratio of a suggestion, for schema values and for unknown configuration keys and rule names."""


def close_match(value: object, allowed: Iterable[object]) -> str | None:
    """Return the one allowed string closest to ``value``, or None when ``value`` is no string or nothing is close.

    Letter case is ignored in the comparison, so ``"String"`` suggests
    ``"string"``. A value that is itself allowed gets no suggestion.
    """
    if not isinstance(value, str):
        return None
    choices = [choice for choice in allowed if isinstance(choice, str)]
    if value in choices:
        return None
    folded = {choice.casefold(): choice for choice in reversed(choices)}
    found = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=CUTOFF)
    return folded[found[0]] if found else None
