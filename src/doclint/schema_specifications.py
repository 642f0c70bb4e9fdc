"""The ``referencing`` specification of each draft, with every subschema of ``dependencies`` among its subresources.

In Drafts 3 to 7, each value of ``dependencies`` is either a list of
property names (a string too in Draft 3) or a schema. ``referencing``
(0.37) looks only at the first value: when it is a schema, it takes every
value for a subschema, lists included, and when it is a list, it takes
none. So in ``{"a": ["b"], "c": {"$ref": "x.json"}}`` the schema of
``c`` is never crawled. doclint would then miss a broken ``$ref``, an
unknown keyword or a keyword next to ``$ref`` in it, and the registry
would not find an ``$id`` or anchor that it declares.

``specification_for`` returns, for these drafts, the library's
specification with a ``subresources_of`` that takes every schema value
of ``dependencies`` and no list or string. A resource made with
``create_resource`` of that specification passes it on to its
subresources.

NOTE: a subschema that declares a draft of its own in ``$schema`` gets
the library's specification again, because ``referencing`` detects it,
so the values of ``dependencies`` inside it are crawled as the library
does.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import referencing.jsonschema
from jsonschema.protocols import Validator
from referencing import Specification

DEPENDENCIES = "dependencies"

DRAFTS_WITH_DEPENDENCIES = (
    referencing.jsonschema.DRAFT3,
    referencing.jsonschema.DRAFT4,
    referencing.jsonschema.DRAFT6,
    referencing.jsonschema.DRAFT7,
)
"""The specifications whose ``subresources_of`` takes the values of ``dependencies`` by the first one."""


def dialect_id(validator_class: type[Validator]) -> str:
    """Return the URI of a draft's meta-schema, which names the draft in ``$schema``."""
    meta_schema = validator_class.META_SCHEMA
    return meta_schema.get("$id") or meta_schema["id"]


@functools.cache
def specification_for(validator_class: type[Validator]) -> Specification[Any]:
    """Return the specification of a validator's draft, which finds every subschema of ``dependencies``."""
    library = referencing.jsonschema.specification_with(dialect_id(validator_class))
    if library not in DRAFTS_WITH_DEPENDENCIES:
        return library
    return attrs.evolve(library, subresources_of=_with_all_dependencies(library.subresources_of))


def _with_all_dependencies(subresources_of: Any) -> Any:
    """Wrap a draft's ``subresources_of`` so that it takes every schema value of ``dependencies`` and no list or string."""

    def subresources(contents: Any) -> Iterable[Any]:
        dependencies = contents.get(DEPENDENCIES) if isinstance(contents, Mapping) else None
        if not isinstance(dependencies, Mapping):
            yield from subresources_of(contents)
            return

        # A shallow copy keeps every subschema the same object, which schema_keywords finds by its id().
        yield from subresources_of({key: value for key, value in contents.items() if key != DEPENDENCIES})
        yield from (value for value in dependencies.values() if isinstance(value, (Mapping, bool)))

    return subresources
