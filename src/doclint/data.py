"""Access to the rule data shipped with doclint (the top-level ``rules/`` folder).

A wheel carries the folder as ``doclint/_data/rules``. A source checkout
used in place (an editable install, or ``src`` on ``sys.path``) reads the
folder at the top of the repository instead.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


class DataError(Exception):
    """Rule data that is missing or invalid, which means the installation is broken."""


def rules_dir() -> Path:
    """Return the folder that contains the shipped rule data."""
    packaged = Path(__file__).resolve().parent / "_data" / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise DataError(f"rule data not found in {packaged} or {checkout}; reinstall doclint")


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Load one JSON file of the rule data by its file name."""
    path = rules_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(f"cannot load rule data {path}: {error}; reinstall doclint") from None
