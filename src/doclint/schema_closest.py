"""Validators that record why ``contains`` failed: the errors of the element that came closest to matching.

jsonschema reports a failed ``contains`` with no detail: no element of the
array matched, and nothing explains why. A writer who only reads that the blocks
of a "Mitigation" section fail "contains" cannot tell what to change. The
validator class returned here wraps the draft's ``contains`` keyword. When
no element matches, it validates each element against the subschema again
and attaches the errors of the element with the fewest (the first of
equals) as the error's ``context``, with paths from the array, as
jsonschema does for ``anyOf``. ``schema_messages`` words the closest error.

This class only collects the errors of a tree that fails the schema, so
the extra validation costs nothing for valid documents. The compiled
validity check (``schema_validity``) is built from the draft's own class,
whose ``contains`` it knows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Iterator

from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import extend, validator_for

from doclint.schema_validity import jsonschema_is_tested

Keyword = Callable[[Validator, Any, Any, Any], Iterator[ValidationError]]


_REPORTING: set[type[Validator]] = set()
"""The classes that ``reporting_class`` made."""


@lru_cache(maxsize=None)
def reporting_class(validator_class: type[Validator]) -> type[Validator]:
    """Return ``validator_class`` with a ``contains`` that explains a failure.

    jsonschema's ``evolve`` picks the class of a subschema by its
    ``$schema``, so entering a schema file through ``$ref`` would return to
    the draft's own class. The returned class's ``evolve`` maps that class
    to its reporting class, so every subschema keeps the explanation. It
    fills the other arguments from the validator as jsonschema's own
    ``evolve`` does, through the attrs fields of the class, so a jsonschema
    release that ``schema_validity`` was not compared with, or one without
    those fields, gets the draft's class unchanged.
    """
    if validator_class in _REPORTING:
        return validator_class
    original = validator_class.VALIDATORS.get("contains")
    if original is None or not jsonschema_is_tested() or not hasattr(validator_class, "__attrs_attrs__"):
        return validator_class
    reporting = extend(validator_class, {"contains": _explained(original)})
    reporting.evolve = _evolve  # type: ignore[method-assign]
    _REPORTING.add(reporting)
    return reporting


def _evolve(self: Validator, **changes: Any) -> Validator:
    """Return a copy of a validator with ``changes``, in the reporting class of the draft of its new schema."""
    cls = type(self)
    schema = changes.setdefault("schema", self.schema)
    new_class = reporting_class(validator_for(schema, default=cls))
    for field in cls.__attrs_attrs__:  # type: ignore[attr-defined]
        if field.init and field.alias not in changes:
            changes[field.alias] = getattr(self, field.name)
    return new_class(**changes)


def _explained(original: Keyword) -> Keyword:
    def contains(validator: Validator, subschema: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        for error in original(validator, subschema, instance, schema):
            # The draft's function leaves ``validator`` unset (not a string) only on the error that no
            # element matched; minContains and maxContains errors name their keyword.
            if not isinstance(error.validator, str) and isinstance(instance, list) and instance:
                _attach_closest(error, validator, subschema, instance)
            yield error

    return contains


def _attach_closest(error: ValidationError, validator: Validator, subschema: Any, instance: list[Any]) -> None:
    """Set ``error.context`` to the errors of the element that fails ``subschema`` with the fewest errors."""
    closest: list[ValidationError] | None = None
    for index, element in enumerate(instance):
        errors = list(validator.descend(element, subschema, path=index))
        if closest is None or len(errors) < len(closest):
            closest = errors
    assert closest is not None
    for child in closest:
        child.parent = error
    error.context = closest
