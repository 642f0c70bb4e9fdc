"""Messages, in the selected language, for a schema file that its draft's meta-schema rejects.

``check_schema`` raises one jsonschema ``SchemaError`` whose message is
English only. This module words the failed keyword again from the
error's fields. The English wording is jsonschema's (4.26) for the
keywords that the meta-schemas of drafts 3 to 2020-12 use, with values
shown as Python ``repr``, as jsonschema shows them, except where its
wording does not say what is wrong:

- an ``anyOf`` error ("is not valid under any of the given schemas") is
  replaced by the error of its closest branch, or by the types that the
  branches accept, so ``{"type": "objekt"}`` lists the type names;
- a ``dependencies`` error names the keyword that needs the other one;
- a ``minItems`` error with a limit above 1 names the limit;
- a ``format: regex`` error gives the reason that Python's ``re`` module
  rejects the pattern, which is also the module that jsonschema matches
  ``pattern`` and ``patternProperties`` with;
- an array ``items`` of Draft 2020-12, which the other drafts allow, says
  that this draft takes one schema there;
- a ``type`` error of Draft 3, whose meta-schema lists ``{"$ref": "#"}``
  among the types where a keyword takes a schema, names the keyword and
  "a schema (an object)" in place of ``{'$ref': '#'}``, and for an object
  that fails inside, the error inside it is reported.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from jsonschema.exceptions import SchemaError, ValidationError

from doclint.i18n import _
from doclint.suggestions import close_match

MAX_VALUE_CHARS = 60
"""A value longer than this, as ``repr`` shows it, is cut, so that the message does not print a whole subschema."""

_JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"), (dict, "object"))


def describe_meta_schema_error(error: SchemaError) -> tuple[str, str]:
    """Return the JSON path of the value that the meta-schema rejects and the reason, in the selected language."""
    error = _schema_type_branch(_closest_branch(error))
    if error.validator in ("anyOf", "oneOf") and error.context:
        return error.json_path, _type_mismatch_message(error)
    builder = _BUILDERS.get(str(error.validator))
    reason = builder(error) if builder is not None else None
    if reason is None:
        reason = _('{value} fails the "{keyword}" keyword of the meta-schema').format(
            value=shown(error.instance), keyword=error.validator
        )
    return error.json_path, reason


def meta_schema_suggestion(error: SchemaError) -> str | None:
    """Return the allowed value, as ``repr`` shows it, that a misspelled value of an ``enum`` is close to, or None.

    The meta-schemas list the JSON type names in an ``enum``, so ``"strng"``
    suggests ``'string'``.
    """
    error = _closest_branch(error)
    if error.validator != "enum" or not isinstance(error.validator_value, list):
        return None
    close = close_match(error.instance, error.validator_value)
    return repr(close) if close is not None else None


def meta_schema_fix(error: SchemaError, contents: Any) -> str | None:
    """Return how to fix the value that the meta-schema rejects, when there is a fix more precise than editing the file.

    ``contents`` is the whole schema file, so that the fix of an array
    ``items`` can name an ``additionalItems`` beside it.
    """
    error = _schema_type_branch(_closest_branch(error))
    if _is_array_items(error):
        parent = _value_at(contents, list(error.absolute_path)[:-1])
        if isinstance(parent, dict) and "additionalItems" in parent:
            return _('rename "items" to "prefixItems" and "additionalItems" to "items", as Draft 2020-12 names them')
        return _('rename "items" to "prefixItems", which takes an array of schemas by position in Draft 2020-12')
    if error.validator == "format" and error.validator_value == "regex":
        return _("write it in the syntax of Python's re module, which doclint matches patterns with")
    if _schema_keyword(error) == "required" and isinstance(error.instance, str) and _types_include(error, "array"):
        return _("write it as an array of property names, such as {fixed}").format(fixed=json.dumps([error.instance]))
    return None


def shown(value: Any) -> str:
    """Return ``repr(value)``, cut to MAX_VALUE_CHARS characters."""
    text = repr(value)
    if len(text) > MAX_VALUE_CHARS:
        return text[: MAX_VALUE_CHARS - 1] + "…"
    return text


def _closest_branch(error: ValidationError) -> ValidationError:
    """Return, for an ``anyOf`` or ``oneOf`` error, the error of the branch that the value comes closest to, else the error itself.

    A branch whose type the value has comes closest: the value ``"objekt"``
    of ``type`` fails the branch that lists the type names, not the branch
    that requires an array. When every branch rejects the value's type,
    the error itself is returned, and its message lists those types.
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return error
    fitting = [branch for branch in error.context if not _rejects_type(branch)]
    if not fitting:
        return error
    # The deepest error names the wrong value most precisely; among equals, the first branch in schema order wins.
    return _closest_branch(max(fitting, key=lambda branch: len(branch.path)))


def _schema_type_branch(error: ValidationError) -> ValidationError:
    """Return, for an object that a Draft 3 ``type`` with a schema among its types rejects, the error inside that object.

    ``{"extends": {"type": 5}}`` fails the type ``{"$ref": "#"}`` of
    ``extends`` because of its ``type``, which is the value to fix. The
    deepest error inside comes first; among equals, the first one wins.
    """
    while (
        error.validator == "type"
        and _schema_types(error.validator_value)
        and isinstance(error.instance, dict)
        and error.context
    ):
        error = _closest_branch(max(error.context, key=lambda inner: len(inner.path)))
    return error


def _schema_types(types: Any) -> list[dict[str, Any]]:
    """Return the schemas that a Draft 3 ``type`` lists among its type names, such as ``{"$ref": "#"}``."""
    return [item for item in types if isinstance(item, dict)] if isinstance(types, list) else []


def _schema_keyword(error: ValidationError) -> str | None:
    """Return the keyword of the user's schema whose value fails, read from the meta-schema path of the error, or None.

    Each ``properties`` of a meta-schema lists keywords, so the key after
    the last ``properties`` of the path is the keyword. The walk takes the
    path in pairs, so that a keyword named ``properties`` is not taken for
    the meta-schema's own ``properties``.
    """
    path = list(error.schema_path)
    keyword = None
    index = 0
    while index < len(path) - 1:
        if path[index] == "properties" and isinstance(path[index + 1], str):
            keyword = path[index + 1]
            index += 2
        else:
            index += 1
    return keyword


def _rejects_type(error: ValidationError) -> bool:
    """Return whether a branch error reports only that the value has another JSON type than the branch accepts."""
    if error.path:
        return False
    if error.validator == "type":
        return True
    if error.validator == "enum" and isinstance(error.validator_value, list):
        return _json_type(error.instance) not in {_json_type(value) for value in error.validator_value}
    return False


def _accepted_types(error: ValidationError) -> list[str]:
    """Return the JSON types that a branch, which rejects the value's type, accepts."""
    if error.validator == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return [str(name) for name in types]
    return sorted({_json_type(value) for value in error.validator_value})


def _json_type(value: Any) -> str:
    for python_type, name in _JSON_TYPES:
        if isinstance(value, python_type):
            return name
    return "null"


def _type_mismatch_message(error: ValidationError) -> str:
    types: list[str] = []
    for branch in error.context:
        types += [name for name in _accepted_types(branch) if name not in types]
    return _("{value} is not of type {types}").format(value=shown(error.instance), types=", ".join(map(repr, types)))


def _type(error: ValidationError) -> str:
    if _is_array_items(error):
        return _('"items" takes one schema in Draft 2020-12, not an array')
    types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    if not _schema_types(types):
        return _("{value} is not of type {types}").format(value=shown(error.instance), types=", ".join(map(repr, types)))

    # A Draft 3 meta-schema lists {"$ref": "#"} as a type where a keyword takes a schema, and a schema is an object.
    names = ", ".join(repr(item) for item in types if not isinstance(item, dict))
    keyword = _schema_keyword(error)
    if keyword is None:
        return _("{value} is not a schema (an object) or of type {types}").format(value=shown(error.instance), types=names)
    return _('"{keyword}" takes a schema (an object) or {types}, not {value}').format(
        keyword=keyword, types=names, value=shown(error.instance)
    )


def _is_array_items(error: ValidationError) -> bool:
    """Return whether the error rejects an array as the value of ``items``, which only Draft 2020-12 does."""
    return (
        error.validator == "type"
        and isinstance(error.instance, list)
        and _schema_keyword(error) == "items"
        and not _types_include(error, "array")
    )


def _types_include(error: ValidationError, name: str) -> bool:
    """Return whether a ``type`` error's accepted types include the JSON type ``name``."""
    if error.validator != "type":
        return False
    types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return name in types


def _value_at(contents: Any, path: list[Any]) -> Any:
    """Return the value at a path of keys and indexes in ``contents``, such as ``error.absolute_path``."""
    value = contents
    for step in path:
        value = value[step]
    return value


def _enum(error: ValidationError) -> str:
    return _("{value} is not one of {allowed}").format(value=shown(error.instance), allowed=repr(error.validator_value))


def _minimum(error: ValidationError) -> str:
    if error.schema.get("exclusiveMinimum") is True:
        return _exclusive_minimum(error)
    return _("{value} is less than the minimum of {limit}").format(
        value=shown(error.instance), limit=repr(error.validator_value)
    )


def _exclusive_minimum(error: ValidationError) -> str:
    # Draft 4 writes an exclusive minimum as "minimum" with "exclusiveMinimum": true; later drafts as a number.
    limit = error.validator_value if not isinstance(error.validator_value, bool) else error.schema.get("minimum")
    return _("{value} is less than or equal to the minimum of {limit}").format(value=shown(error.instance), limit=repr(limit))


def _min_items(error: ValidationError) -> str:
    if error.validator_value == 1:
        return _("{value} should be non-empty").format(value=shown(error.instance))
    return _("{value} has fewer than {limit} items").format(value=shown(error.instance), limit=error.validator_value)


def _unique_items(error: ValidationError) -> str:
    return _("{value} has non-unique elements").format(value=shown(error.instance))


def _format(error: ValidationError) -> str:
    problem = _regex_problem(error.instance) if error.validator_value == "regex" else None
    if problem is not None:
        return _regex(error, problem)
    return _("{value} is not a {format}").format(value=shown(error.instance), format=repr(error.validator_value))


def _regex_problem(pattern: Any) -> str | None:
    """Return why Python's ``re`` cannot compile a pattern, as ``re`` words it (in English only), or None when it can."""
    if not isinstance(pattern, str):
        return None
    try:
        re.compile(pattern)
    except re.error as problem:
        return str(problem)
    return None


def _regex(error: ValidationError, problem: str) -> str:
    if _schema_keyword(error) == "patternProperties":
        return _("the property name pattern {value} is not a valid regular expression ({reason})").format(
            value=shown(error.instance), reason=problem
        )
    return _("{value} is not a valid regular expression ({reason})").format(value=shown(error.instance), reason=problem)


def _pattern(error: ValidationError) -> str:
    return _("{value} does not match {pattern}").format(value=shown(error.instance), pattern=repr(error.validator_value))


def _dependencies(error: ValidationError) -> str | None:
    """Word a ``dependencies`` error of drafts 3 and 4, such as ``exclusiveMinimum`` without ``minimum``."""
    if not isinstance(error.instance, dict) or not isinstance(error.validator_value, dict):
        return None
    for keyword, needed in error.validator_value.items():
        needed = [needed] if isinstance(needed, str) else needed
        if keyword not in error.instance or not isinstance(needed, list):
            continue
        missing = [name for name in needed if name not in error.instance]
        if missing:
            return _("{keyword} requires {missing}, which is missing").format(
                keyword=repr(keyword), missing=repr(missing[0])
            )
    return None


_BUILDERS: dict[str, Callable[[ValidationError], str | None]] = {
    "type": _type,
    "enum": _enum,
    "minimum": _minimum,
    "exclusiveMinimum": _exclusive_minimum,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "format": _format,
    "pattern": _pattern,
    "dependencies": _dependencies,
}
