"""Placeholder answers ("待补充", "TODO", "Answer here") that stand in for a missing answer."""

from __future__ import annotations

from functools import lru_cache

from doclint.data import load_json
from doclint.text import normalize


@lru_cache(maxsize=None)
def placeholder_forms() -> frozenset[str]:
    """Return the normalised placeholders listed in ``rules/placeholders.json``."""
    return frozenset(normalize(text) for text in load_json("placeholders.json")["placeholders"])


MAX_PLACEHOLDER_CHARS = 64
"""Texts longer than this are never taken for a placeholder.

The listed placeholders have 16 characters at most, and a text would need
about 50 characters of markup, punctuation or spaces around one to reduce
to it. Skipping the normalisation of longer answers and explanations keeps
the test cheap.
"""


def is_placeholder(text: str) -> bool:
    """Return whether a text is empty or only a placeholder, after normalisation."""
    if len(text) > MAX_PLACEHOLDER_CHARS:
        return False
    normalized = normalize(text)
    return not normalized or normalized in placeholder_forms()
