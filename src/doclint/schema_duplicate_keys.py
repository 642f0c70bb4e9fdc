"""Keys that a schema file repeats in one JSON object, such as two ``"properties"`` members.

Python's ``json`` module, like many JSON parsers, keeps the last value
of a repeated key and drops the others without a word, so the
constraints in an earlier ``"properties"`` check nothing. doclint parses a schema file
with a hook that records each repeated key, and warns once per place.
"""

from __future__ import annotations

import json
from typing import Any

from doclint.i18n import _
from doclint.schema_keywords import escape_pointer_token, keyword_positions, object_pointers


def parse_json(text: str) -> tuple[Any, list[str]]:
    """Parse a JSON text and return its value and the JSON pointers of the keys repeated in an object, in text order.

    Raises ``json.JSONDecodeError`` and ``RecursionError`` as ``json.loads`` does.
    """
    repeated: list[tuple[dict[str, Any], str]] = []
    seen: set[tuple[int, str]] = set()

    def build_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result and (id(result), key) not in seen:
                seen.add((id(result), key))
                repeated.append((result, key))
            result[key] = value
        return result

    contents = json.loads(text, object_pairs_hook=build_object)
    if not repeated:
        return contents, []

    parents = object_pointers(contents)
    pointers = [f"{parents[id(parent)]}/{escape_pointer_token(key)}" for parent, key in repeated]
    positions = keyword_positions(contents)
    return contents, sorted(pointers, key=lambda pointer: positions[pointer])


def duplicate_key_warning(display: str, pointer: str) -> str:
    """Return the warning for a key that the schema file ``display`` repeats at ``pointer``."""
    key = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
    return _('{path}: key "{key}" at {pointer} appears more than once in its object, and only the last value is '
             "used, so the earlier ones check nothing; merge them into one").format(path=display, key=key, pointer=pointer)
