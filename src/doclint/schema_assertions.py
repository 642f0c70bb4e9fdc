"""Checks compiled from jsonschema's assertion keywords, the keywords that test an instance without a subschema.

``schema_validity`` compiles a schema into one function per subschema,
and this module gives it the function of each assertion keyword, such as
``type``, ``required`` or ``pattern``. Each check returns whether
jsonschema's keyword function would yield no error. The most frequent
keywords repeat that function's test in a line or two, without building
the ``ValidationError`` that jsonschema builds for every failed test,
including the failed tests inside ``not`` and ``if``. The other keywords
of ``ASSERTIONS`` call jsonschema's own function.

Type tests look up the validator's type checker once, at compile time.
Four JSON types (object, array, string, boolean) are tested with
``isinstance`` and null with ``is None`` when the type checker uses
jsonschema's own function for them, which does the same test.
"""

from __future__ import annotations

import operator
import re
from typing import Any, Callable

from jsonschema import _keywords, _legacy_keywords, _types
from jsonschema._utils import ensure_list, equal
from jsonschema.protocols import Validator

ValidityCheck = Callable[[Any], bool]
"""A function that returns whether an instance is valid against one compiled subschema or keyword."""

ASSERTIONS = frozenset(
    {
        _keywords.const,
        _keywords.dependentRequired,
        _keywords.enum,
        _keywords.exclusiveMaximum,
        _keywords.exclusiveMinimum,
        _keywords.format,
        _keywords.maxItems,
        _keywords.maxLength,
        _keywords.maxProperties,
        _keywords.maximum,
        _keywords.minItems,
        _keywords.minLength,
        _keywords.minProperties,
        _keywords.minimum,
        _keywords.multipleOf,
        _keywords.pattern,
        _keywords.required,
        _keywords.type,
        _keywords.uniqueItems,
        _legacy_keywords.maximum_draft3_draft4,
        _legacy_keywords.minimum_draft3_draft4,
    }
)
"""jsonschema's keyword functions that test the instance alone: they never enter a subschema or resolve a reference."""

_PYTHON_TYPES: dict[Callable[..., bool], type | tuple[type, ...]] = {
    _types.is_object: dict,
    _types.is_array: list,
    _types.is_string: str,
    _types.is_bool: bool,
}


class UnsupportedSchema(Exception):
    """Raised while compiling a schema that the compiled check does not cover, such as one with ``$dynamicRef``."""


def compile_assertion(scoped: Validator, function: Callable[..., Any], value: Any, schema: Any) -> ValidityCheck | None:
    """Compile one assertion keyword, implemented in jsonschema by ``function``, or return None for another keyword.

    ``scoped`` is the validator that jsonschema applies the keyword with:
    the validator evolved for ``schema``, the subschema that contains it.
    """
    if function not in ASSERTIONS:
        return None
    compiler = _COMPILERS.get(function)
    if compiler is not None:
        return compiler(scoped, value)
    return _call_keyword(scoped, function, value, schema)


def type_test(scoped: Validator, name: str) -> ValidityCheck:
    """Return the test of the validator's type checker for one JSON type, as ``scoped.is_type`` applies it.

    Raises UnsupportedSchema for a type that the checker does not define,
    for which jsonschema raises UnknownType while validating.
    """
    checker = scoped.TYPE_CHECKER
    function = checker._type_checkers.get(name)
    if function is None:
        raise UnsupportedSchema(f"type {name!r} is not defined by the type checker")

    if function is _types.is_null:
        return lambda instance: instance is None
    python_type = _PYTHON_TYPES.get(function)
    if python_type is not None:
        return lambda instance: isinstance(instance, python_type)
    return lambda instance: function(checker, instance)


def _call_keyword(scoped: Validator, function: Callable[..., Any], value: Any, schema: Any) -> ValidityCheck:
    """Check a keyword with jsonschema's own function, which yields its errors or returns None."""

    def check(instance: Any) -> bool:
        errors = function(scoped, value, instance, schema)
        return not errors or next(iter(errors), None) is None

    return check


def _type(scoped: Validator, types: Any) -> ValidityCheck:
    tests = [type_test(scoped, name) for name in ensure_list(types)]
    if len(tests) == 1:
        return tests[0]

    def check(instance: Any) -> bool:
        for test in tests:
            if test(instance):
                return True
        return False

    return check


def _required(scoped: Validator, names: list[str]) -> ValidityCheck:
    is_object = type_test(scoped, "object")

    def check(instance: Any) -> bool:
        if not is_object(instance):
            return True
        for name in names:
            if name not in instance:
                return False
        return True

    return check


def _const(scoped: Validator, constant: Any) -> ValidityCheck:
    return lambda instance: equal(instance, constant)


def _enum(scoped: Validator, values: list[Any]) -> ValidityCheck:
    def check(instance: Any) -> bool:
        for value in values:
            if equal(value, instance):
                return True
        return False

    return check


def _pattern(scoped: Validator, pattern: str) -> ValidityCheck:
    # re.search(pattern, text), as jsonschema calls it, compiles the pattern with no flags.
    try:
        search = re.compile(pattern).search
    except re.error as error:
        raise UnsupportedSchema(f"invalid pattern {pattern!r}: {error}") from None
    is_string = type_test(scoped, "string")
    return lambda instance: not is_string(instance) or search(instance) is not None


def _length_limit(json_type: str, breaks_limit: Callable[[int, Any], bool]) -> Callable[[Validator, Any], ValidityCheck]:
    """Return the compiler of a limit on the ``len()`` of one JSON type: ``minItems``, ``maxLength`` and the like."""

    def compile_limit(scoped: Validator, limit: Any) -> ValidityCheck:
        is_type = type_test(scoped, json_type)
        return lambda instance: not (is_type(instance) and breaks_limit(len(instance), limit))

    return compile_limit


_min_items = _length_limit("array", operator.lt)
_max_items = _length_limit("array", operator.gt)
_min_length = _length_limit("string", operator.lt)
_max_length = _length_limit("string", operator.gt)


def _minimum(scoped: Validator, limit: Any) -> ValidityCheck:
    is_number = type_test(scoped, "number")
    return lambda instance: not is_number(instance) or not instance < limit


def _maximum(scoped: Validator, limit: Any) -> ValidityCheck:
    is_number = type_test(scoped, "number")
    return lambda instance: not is_number(instance) or not instance > limit


_COMPILERS: dict[Callable[..., Any], Callable[[Validator, Any], ValidityCheck]] = {
    _keywords.type: _type,
    _keywords.required: _required,
    _keywords.const: _const,
    _keywords.enum: _enum,
    _keywords.pattern: _pattern,
    _keywords.minItems: _min_items,
    _keywords.maxItems: _max_items,
    _keywords.minLength: _min_length,
    _keywords.maxLength: _max_length,
    _keywords.minimum: _minimum,
    _keywords.maximum: _maximum,
}
"""The assertion keywords compiled to a test of their own, which repeats the test of jsonschema 4.26's function."""
