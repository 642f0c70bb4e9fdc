"""Placeholder answers ("待补充", "TODO", "Answer here") that stand in for a missing answer."""

from __future__ import annotations

from functools import lru_cache

from doclint.data import load_json
from doclint.text import normalize


@lru_cache(maxsize=None)
def placeholder_forms() -> frozenset[str]:
    """Return the normalised placeholders listed in ``rules/placeholders.json``."""
    return frozenset(normalize(text) for text in load_json("placeholders.json")["placeholders"])


def is_placeholder(text: str) -> bool:
    """Return whether a text is empty or only a placeholder, after normalisation."""
    normalized = normalize(text)
    return not normalized or normalized in placeholder_forms()
