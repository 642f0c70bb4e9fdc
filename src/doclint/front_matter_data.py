"""The keys and values of a document's YAML or TOML front matter as JSON, for schemas.

``doclint ast`` prints them as ``front_matter.data``, so that a schema can
require a key (``"required": ["owner"]``) and constrain its value
(``"format": "date"``) instead of matching the raw text with a pattern.

The YAML is read with PyYAML's safe loader, with these changes:

- Booleans and numbers are those of the core schema of YAML 1.2. Only
  ``true``, ``True``, ``TRUE``, ``false``, ``False`` and ``FALSE`` are
  booleans. Integers are decimal, ``0o`` octal or ``0x`` hexadecimal, and
  floats have no ``_`` or ``:``. PyYAML follows YAML 1.1, where ``yes``,
  ``no``, ``on``, ``off``, ``y`` and ``n`` are booleans too, ``12:30`` is
  the base-60 integer 750 and ``010`` the octal 8. So a key ``on:`` would
  become the key ``true``, and a value ``no`` the boolean false. Front
  matter writers mean the words, and a schema that requires the key
  ``on``, allows the values ``["yes", "no"]`` or requires a string time
  would reject them. Every reader of YAML front matter uses this loader.
- A timestamp stays the string it was written as. JSON has no date type,
  and a date that does not exist, such as ``2026-02-30``, would otherwise
  make PyYAML fail, where a schema's ``"format": "date"`` should report it.
- A value that JSON cannot represent (binary data, a set, an infinite
  number) becomes its string.
- A key that is not a string becomes its string too, as it is read. So
  ``1`` and ``true`` stay two keys, where Python's dict would merge them
  because ``1 == True``.
- An integer of more than MAX_INT_DIGITS characters stays the string it
  was written as. Python raises ValueError when it converts an integer of
  more than 4,300 digits from or to text (``sys.get_int_max_str_digits``),
  so such a number would stop the run.

TOML front matter (``toml_front_matter``) is read with ``tomllib``. Its
dates and times become their ISO 8601 strings, such as
``1979-05-27T07:32:00-08:00``. A date that does not exist is a TOML
syntax error, so that front matter gets no data.

Aliases let a few lines of YAML expand to millions of values, so a front
matter that expands to more than MAX_VALUES values gets no data, as does
one that is not a mapping, is not valid YAML or TOML, or nests too deeply
for the parser's recursion (thousands of brackets).
"""

from __future__ import annotations

import datetime
import logging
import math
import re
from functools import lru_cache
from typing import Any

from doclint.i18n import _

logger = logging.getLogger(__name__)

MAX_VALUES = 10_000
"""The maximum number of values (keys, items and scalars) in the data of one front matter."""

MAX_INT_DIGITS = 1_000
"""The maximum length of an integer that the loaders read as a number; a longer one stays a string."""

_INT_LIMIT = 10**MAX_INT_DIGITS


class _TooLarge(Exception):
    """Raised while converting a front matter whose aliases expand to more than MAX_VALUES values."""


def front_matter_data(text: str, front_matter_format: str = "yaml") -> dict[str, Any] | None:
    """Return the front matter's top-level mapping as JSON values, or None when it has none (see the module doc).

    ``front_matter_format`` is ``yaml`` or ``toml`` (``FrontMatter.format``).
    """
    value = _toml_value(text) if front_matter_format == "toml" else _yaml_value(text)
    if not isinstance(value, dict):
        return None
    try:
        return _json_value(value, [0])
    except (_TooLarge, RecursionError):
        logger.debug("front matter expands to more than %d values, or contains itself; it gets no data", MAX_VALUES)
        return None


def _yaml_value(text: str) -> Any:
    """Return the value of a YAML front matter, or None when it is not valid YAML."""
    import yaml

    try:
        return load_yaml(text)
    except (yaml.YAMLError, RecursionError):
        return None


def load_yaml(text: str) -> Any:
    """Return the value of a YAML front matter as ``data`` reads it, raising ``yaml.YAMLError`` when it is not valid YAML."""
    import yaml

    return yaml.load(text, Loader=_data_loader())


def _toml_value(text: str) -> Any:
    """Return the table of a TOML front matter, or None when it is not valid TOML."""
    from doclint.toml_front_matter import toml_data, toml_decode_error

    try:
        return toml_data(text)
    except (toml_decode_error(), RecursionError):
        return None


def front_matter_key_line(text: str, key: str, first_line: int, front_matter_format: str = "yaml") -> int | None:
    """Return the line of the last top-level ``key`` of the front matter text, which starts at ``first_line``, or None."""
    if front_matter_format == "toml":
        from doclint.toml_front_matter import key_line

        return key_line(text, key, first_line)

    import yaml

    try:
        root = yaml.compose(text, Loader=front_matter_loader())
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    lines = [
        first_line + key_node.start_mark.line
        for key_node, _value_node in root.value
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key
    ]
    return lines[-1] if lines else None


BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"

# The booleans, integers and floats of the YAML 1.2 core schema (YAML 1.2.2, section 10.3.2).
CORE_RESOLVERS = (
    (BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (INT_TAG, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        FLOAT_TAG,
        re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        "-+.0123456789",
    ),
)


@lru_cache(maxsize=1)
def front_matter_loader() -> type:
    """Return PyYAML's safe loader with YAML 1.2 booleans and numbers, and integers longer than MAX_INT_DIGITS kept as strings.

    See the module doc for both changes.
    """
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        pass

    # The implicit resolvers are a class attribute shared with SafeLoader, so
    # the subclass gets its own copy without the YAML 1.1 patterns. The
    # integer pattern comes before the float one, because "10" matches both.
    replaced = {tag for tag, _pattern, _first in CORE_RESOLVERS}
    FrontMatterLoader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag not in replaced]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for tag, pattern, first in CORE_RESOLVERS:
        FrontMatterLoader.add_implicit_resolver(tag, pattern, list(first))
    FrontMatterLoader.add_constructor(INT_TAG, _construct_int)
    FrontMatterLoader.add_constructor(FLOAT_TAG, _construct_float)
    return FrontMatterLoader


def _construct_int(loader: Any, node: Any) -> int | str:
    """Return an integer scalar as a number, or as the string it was written as when it is too long (see the module doc).

    A short hexadecimal integer can still have too many decimal digits, so
    the number's size is checked as well as its text's length. An integer
    in a YAML 1.1 form, which only an explicit ``!!int`` tag gives here
    (``!!int 0b101``, ``!!int 1:20``), is read as YAML 1.1 reads it.
    """
    import yaml

    text = loader.construct_scalar(node)
    if len(text) > MAX_INT_DIGITS:
        return text
    value = _core_int(text)
    if value is None:
        try:
            value = yaml.SafeLoader.construct_yaml_int(loader, node)
        except ValueError:
            # "!!int abc": a YAML error, so that the front matter is reported as invalid, not as a bug in doclint.
            problem = _("invalid integer {value}").format(value=repr(text))
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None
    return text if abs(value) >= _INT_LIMIT else value


def _construct_float(loader: Any, node: Any) -> float:
    """Return a float scalar's value, raising a YAML error for an explicit ``!!float`` that is no number."""
    import yaml

    try:
        return yaml.SafeLoader.construct_yaml_float(loader, node)
    except ValueError:
        text = loader.construct_scalar(node)
        problem = _("invalid float {value}").format(value=repr(text))
        raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


def _core_int(text: str) -> int | None:
    """Return the value of an integer of the YAML 1.2 core schema: decimal, ``0o`` octal or ``0x`` hexadecimal, else None."""
    if re.fullmatch(r"0o[0-7]+", text):
        return int(text[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", text):
        return int(text[2:], 16)
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    return None


@lru_cache(maxsize=1)
def _data_loader() -> type:
    """Return a safe loader class that keeps timestamps as the strings they were written as, and keys as JSON strings."""
    import yaml

    class DataLoader(front_matter_loader()):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[str, Any]:
            """Build a mapping with JSON string keys, so that keys equal in Python but written differently stay apart."""
            if isinstance(node, yaml.MappingNode):
                self.flatten_mapping(node)
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, (list, dict, set)):
                    raise yaml.constructor.ConstructorError(None, None, "found unhashable key", key_node.start_mark)
                mapping[_json_key(key)] = self.construct_object(value_node, deep=deep)
            return mapping

    DataLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return DataLoader


def _json_value(value: Any, count: list[int]) -> Any:
    """Return ``value`` with JSON types only; ``count`` contains the number of values converted so far."""
    count[0] += 1
    if count[0] > MAX_VALUES:
        raise _TooLarge
    if isinstance(value, dict):
        return {_json_key(key): _json_value(item, count) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item, count) for item in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, (datetime.date, datetime.time)):
        # TOML dates and times, which JSON Schema's "date", "date-time" and "time" formats read in ISO 8601.
        return value.isoformat()
    return str(value)


def _json_key(key: Any) -> str:
    """Return a mapping key as JSON writes it: ``true`` for True, ``null`` for None, else its string."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)
