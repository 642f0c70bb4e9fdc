"""A validity check compiled from a jsonschema validator, for the common case of a valid document.

jsonschema's ``is_valid`` creates a validator object for every subschema
that it enters and looks up every ``$ref`` again for every instance, and
that bookkeeping takes most of its time. ``compile_validity_check`` does
it once per schema: it walks the schema as jsonschema would, resolving
each reference and evolving the validator of each subschema, and returns
a function that only tests the instance.

The compiled function returns what ``validator.is_valid`` returns, for
every instance, because it follows jsonschema step by step:

- the applicator keywords (``$ref``, ``properties``, ``items``, ``allOf``,
  ``anyOf``, ``oneOf``, ``not``, ``if``, ``contains``,
  ``additionalProperties`` and ``patternProperties``) repeat the logic of
  jsonschema's keyword functions, and enter each subschema the way the
  keyword does (``descend``, or ``evolve`` and then ``is_valid``);
- the assertion keywords come from ``schema_assertions``.

A schema with any other keyword that its draft implements, such as
``unevaluatedProperties``, ``dependentSchemas`` or ``$dynamicRef``, gets no
compiled check: ``compile_validity_check`` returns None and the caller
uses ``validator.is_valid``. ``$dynamicRef`` and ``$recursiveRef`` resolve
against the path by which validation reached them, which a check compiled
once per subschema does not know.

NOTE: the compiled check reads jsonschema internals: its keyword functions,
``_resolver`` and ``_APPLICABLE_VALIDATORS`` of a validator, and
``_type_checkers`` of a type checker (as of jsonschema 4.26). It is used
only with the jsonschema releases listed in ``TESTED_JSONSCHEMA``; with
any other, ``compile_validity_check`` returns None. A missing attribute
does the same, and tests/test_schema_validity.py compares the compiled
check with ``is_valid`` on generated trees and fails when the installed
release is not listed, so that a new release is compared before it is
trusted.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import jsonschema
import referencing.exceptions
import referencing.jsonschema
from jsonschema import _keywords, _legacy_keywords
from jsonschema._utils import find_additional_properties
from jsonschema.protocols import Validator
from referencing import Specification

from doclint.schema_assertions import UnsupportedSchema, ValidityCheck, compile_assertion, type_test

logger = logging.getLogger(__name__)

TESTED_JSONSCHEMA = {(4, 26)}
"""The jsonschema releases (major, minor) that tests/test_schema_validity.py compared the compiled check with."""


def compile_validity_check(validator: Validator) -> ValidityCheck | None:
    """Compile a function that returns ``validator.is_valid(instance)``, or return None for an unsupported schema.

    Every reference in the schema is resolved here, once. A reference that
    cannot be resolved makes this return None, so that validation raises
    for it as before.
    """
    if not jsonschema_is_tested():
        logger.debug("no compiled validity check: jsonschema %s is not a version it was tested with", _jsonschema_version())
        return None
    try:
        return _Compiler().compile_root(validator)
    except (UnsupportedSchema, AttributeError, referencing.exceptions.Unresolvable) as error:
        logger.debug("no compiled validity check for this schema: %s", error)
        return None


@lru_cache(maxsize=1)
def _jsonschema_version() -> str:
    """Return the installed jsonschema's version.

    The version is read from the name of the ``jsonschema-X.Y.Z.dist-info``
    folder beside the package, when there is exactly one. It is the same
    version that ``importlib.metadata`` reads, without the search through
    every folder of ``sys.path`` that costs about 15 ms at each start.
    """
    folder = Path(jsonschema.__file__).resolve().parent.parent
    found = [info.name for info in folder.glob("jsonschema-*.dist-info")]
    if len(found) == 1:
        return found[0][len("jsonschema-"):-len(".dist-info")]

    from importlib.metadata import version

    return version("jsonschema")


def jsonschema_is_tested() -> bool:
    """Return whether the installed jsonschema has a major and minor version in TESTED_JSONSCHEMA.

    The compiled check repeats jsonschema's keyword logic, so a release it
    was not compared with falls back to jsonschema itself: slower, never
    different.
    """
    major_minor = tuple(int(part) for part in _jsonschema_version().split(".")[:2] if part.isdigit())
    return major_minor in TESTED_JSONSCHEMA


def _accept(instance: Any) -> bool:
    return True


def _reject(instance: Any) -> bool:
    return False


class _Node:
    """The compiled check of one subschema, set once its own subschemas are compiled."""

    __slots__ = ("check",)

    def __init__(self) -> None:
        self.check: ValidityCheck | None = None


class _Compiler:
    """Compiler of one validator's schema, which compiles each subschema once per validator class and base URI."""

    def __init__(self) -> None:
        self._nodes: dict[tuple[Any, ...], tuple[Any, _Node]] = {}

    def compile_root(self, validator: Validator) -> ValidityCheck:
        """Compile the schema as ``validator.iter_errors`` applies it."""
        if getattr(validator, "_ref_resolver", None) is not None:
            raise UnsupportedSchema("the validator uses the deprecated RefResolver")
        return self._compile_node(validator, type(validator), validator.schema)

    def _descend(self, parent: Validator, schema: Any, resolver: Any = None) -> ValidityCheck:
        """Compile a subschema as ``parent.descend`` enters it, with the ``resolver`` of a ``$ref`` if given."""
        if schema is True or schema is False:
            return _accept if schema else _reject

        parent_class = type(parent)
        if resolver is None:
            resolver = parent._resolver.in_subresource(_specification(parent_class).create_resource(schema))
        evolved = parent.evolve(schema=schema, _resolver=resolver)
        return self._compile_node(evolved, parent_class, schema)

    def _evolve(self, parent: Validator, schema: Any) -> ValidityCheck:
        """Compile a subschema as ``parent.evolve(schema=schema).is_valid`` applies it (``not``, ``if``, ``contains``)."""
        if schema is True or schema is False:
            return _accept if schema else _reject

        evolved = parent.evolve(schema=schema)
        return self._compile_node(evolved, type(evolved), schema)

    def _compile_node(self, scoped: Validator, keyword_class: type[Validator], schema: Any) -> ValidityCheck:
        """Compile the keywords of ``schema``, chosen by ``keyword_class`` and applied with the ``scoped`` validator.

        jsonschema's ``descend`` takes the applicable keywords from the
        class of the validator that descends and their functions from the
        evolved validator's class. The two differ when a subschema names
        another draft in ``$schema``.
        """
        if schema is True or schema is False:
            return _accept if schema else _reject

        key = (id(schema), type(scoped), keyword_class, scoped._resolver._base_uri)
        if key in self._nodes:
            node = self._nodes[key][1]
            return node.check if node.check is not None else _indirect(node)
        node = _Node()
        # The schema is kept with its node so that its id() is not reused while compiling.
        self._nodes[key] = (schema, node)

        functions = type(scoped).VALIDATORS
        checks = []
        for keyword, value in keyword_class._APPLICABLE_VALIDATORS(schema):
            function = functions.get(keyword)
            if function is not None:
                checks.append(self._compile_keyword(scoped, keyword, function, value, schema))
        node.check = _all_of(checks)
        return node.check

    def _compile_keyword(
        self, scoped: Validator, keyword: str, function: Callable[..., Any], value: Any, schema: Any
    ) -> ValidityCheck:
        """Compile one keyword of ``schema``, whose jsonschema implementation is ``function``."""
        assertion = compile_assertion(scoped, function, value, schema)
        if assertion is not None:
            return assertion
        compiler = _APPLICATORS.get(function)
        if compiler is None:
            raise UnsupportedSchema(f"the compiled check does not implement the keyword {keyword}")
        return compiler(self, scoped, value, schema)

    def _ref(self, scoped: Validator, reference: str, schema: Any) -> ValidityCheck:
        resolved = scoped._resolver.lookup(reference)
        return self._descend(scoped, resolved.contents, resolver=resolved.resolver)

    def _properties(self, scoped: Validator, properties: dict[str, Any], schema: Any) -> ValidityCheck:
        children = [(name, self._descend(scoped, subschema)) for name, subschema in properties.items()]
        is_object = type_test(scoped, "object")

        def check(instance: Any) -> bool:
            if not is_object(instance):
                return True
            for name, child in children:
                if name in instance and not child(instance[name]):
                    return False
            return True

        return check

    def _items(self, scoped: Validator, items: Any, schema: Any) -> ValidityCheck:
        """Compile ``items`` of Draft 2020-12, which applies to the elements after ``prefixItems``."""
        prefix = len(schema.get("prefixItems", []))
        is_array = type_test(scoped, "array")
        if items is False:
            return lambda instance: not is_array(instance) or len(instance) <= prefix
        child = self._descend(scoped, items)

        def check(instance: Any) -> bool:
            if not is_array(instance):
                return True
            for index in range(prefix, len(instance)):
                if not child(instance[index]):
                    return False
            return True

        return check

    def _legacy_items(self, scoped: Validator, items: Any, schema: Any) -> ValidityCheck:
        """Compile ``items`` of Drafts 6, 7 and 2019-09: one schema for every element, or one per position."""
        is_array = type_test(scoped, "array")
        if scoped.is_type(items, "array"):
            children = [self._descend(scoped, subschema) for subschema in items]
            return lambda instance: not is_array(instance) or all(
                child(element) for element, child in zip(instance, children)
            )

        child = self._descend(scoped, items)
        return lambda instance: not is_array(instance) or all(child(element) for element in instance)

    def _all_of(self, scoped: Validator, subschemas: list[Any], schema: Any) -> ValidityCheck:
        return _all_of([self._descend(scoped, subschema) for subschema in subschemas])

    def _any_of(self, scoped: Validator, subschemas: list[Any], schema: Any) -> ValidityCheck:
        children = [self._descend(scoped, subschema) for subschema in subschemas]

        def check(instance: Any) -> bool:
            for child in children:
                if child(instance):
                    return True
            return False

        return check

    def _one_of(self, scoped: Validator, subschemas: list[Any], schema: Any) -> ValidityCheck:
        """Compile ``oneOf``, which jsonschema applies with ``descend`` up to the first match and ``is_valid`` after it."""
        first = [self._descend(scoped, subschema) for subschema in subschemas]
        later = [self._evolve(scoped, subschema) for subschema in subschemas]

        def check(instance: Any) -> bool:
            for index, child in enumerate(first):
                if child(instance):
                    return not any(other(instance) for other in later[index + 1 :])
            return False

        return check

    def _not(self, scoped: Validator, subschema: Any, schema: Any) -> ValidityCheck:
        child = self._evolve(scoped, subschema)
        return lambda instance: not child(instance)

    def _if(self, scoped: Validator, condition: Any, schema: Any) -> ValidityCheck:
        test = self._evolve(scoped, condition)
        then = self._descend(scoped, schema["then"]) if "then" in schema else _accept
        otherwise = self._descend(scoped, schema["else"]) if "else" in schema else _accept
        return lambda instance: then(instance) if test(instance) else otherwise(instance)

    def _contains(self, scoped: Validator, subschema: Any, schema: Any) -> ValidityCheck:
        """Compile ``contains`` of Draft 2019-09 and later, with its ``minContains`` and ``maxContains``."""
        child = self._evolve(scoped, subschema)
        min_contains = schema.get("minContains", 1)
        is_array = type_test(scoped, "array")

        def check(instance: Any) -> bool:
            if not is_array(instance):
                return True

            max_contains = schema.get("maxContains", len(instance))
            matches = 0
            for element in instance:
                if child(element):
                    matches += 1
                    if matches > max_contains:
                        return False
            return matches >= min_contains

        return check

    def _legacy_contains(self, scoped: Validator, subschema: Any, schema: Any) -> ValidityCheck:
        child = self._evolve(scoped, subschema)
        is_array = type_test(scoped, "array")
        return lambda instance: not is_array(instance) or any(child(element) for element in instance)

    def _additional_properties(self, scoped: Validator, additional: Any, schema: Any) -> ValidityCheck:
        is_object = type_test(scoped, "object")
        if not scoped.is_type(additional, "object"):
            if additional:
                return _accept
            return lambda instance: not is_object(instance) or not any(
                True for _extra in find_additional_properties(instance, schema)
            )
        child = self._descend(scoped, additional)

        def check(instance: Any) -> bool:
            if not is_object(instance):
                return True
            for extra in set(find_additional_properties(instance, schema)):
                if not child(instance[extra]):
                    return False
            return True

        return check

    def _pattern_properties(self, scoped: Validator, patterns: dict[str, Any], schema: Any) -> ValidityCheck:
        children = [(pattern, self._descend(scoped, subschema)) for pattern, subschema in patterns.items()]
        is_object = type_test(scoped, "object")

        def check(instance: Any) -> bool:
            if not is_object(instance):
                return True
            for pattern, child in children:
                for name, value in instance.items():
                    if re.search(pattern, name) and not child(value):
                        return False
            return True

        return check


_APPLICATORS: dict[Callable[..., Any], Callable[[_Compiler, Validator, Any, Any], ValidityCheck]] = {
    _keywords.ref: _Compiler._ref,
    _keywords.properties: _Compiler._properties,
    _keywords.items: _Compiler._items,
    _legacy_keywords.items_draft6_draft7_draft201909: _Compiler._legacy_items,
    _keywords.allOf: _Compiler._all_of,
    _keywords.anyOf: _Compiler._any_of,
    _keywords.oneOf: _Compiler._one_of,
    _keywords.not_: _Compiler._not,
    _keywords.if_: _Compiler._if,
    _keywords.contains: _Compiler._contains,
    _legacy_keywords.contains_draft6_draft7: _Compiler._legacy_contains,
    _keywords.additionalProperties: _Compiler._additional_properties,
    _keywords.patternProperties: _Compiler._pattern_properties,
}
"""jsonschema's applicator keyword functions and the compilers that repeat their logic."""


def _all_of(checks: list[ValidityCheck]) -> ValidityCheck:
    if not checks:
        return _accept
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda instance: first(instance) and second(instance)

    def check(instance: Any) -> bool:
        return all(keyword_check(instance) for keyword_check in checks)

    return check


def _indirect(node: _Node) -> ValidityCheck:
    """Return a check that calls the node's check, which is set after this call returns."""
    return lambda instance: node.check(instance)  # type: ignore[misc]


def _specification(validator_class: type[Validator]) -> Specification[Any]:
    """Return the referencing specification that jsonschema's ``create`` gives a validator class.

    ``descend`` creates the resource of a subschema with it, which decides
    whether an ``$id`` in the subschema changes the base URI.
    """
    return referencing.jsonschema.specification_with(
        dialect_id=validator_class.ID_OF(validator_class.META_SCHEMA) or "urn:unknown-dialect",
        default=Specification.OPAQUE,
    )
