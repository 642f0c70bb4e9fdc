"""References that lead back to the same subschema for the same value, such as ``{"properties": {"a": {"$ref": "#/properties/a"}}}``.

jsonschema applies ``$ref``, ``allOf``, ``anyOf``, ``oneOf``, ``not``,
``if``, ``then``, ``else``, ``dependentSchemas`` and the schemas of
``dependencies`` to the value that their own schema object checks. A
cycle of such keywords that contains a ``$ref`` makes validation apply
the same subschema to the same value again and again, until Python
raises RecursionError. Such a cycle under ``properties`` or ``items`` is
reached only by documents that have that part. ``find_ref_loop`` finds
the cycle when the schema loads, so that the error names the reference.

Drafts before 2019-09 apply only the ``$ref`` of an object that has one,
so the other keywords of such an object add no step to a cycle there.
``$dynamicRef`` and ``$recursiveRef`` resolve by the path that validation
took, so they add no step either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import referencing.exceptions
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from doclint.schema_ref_siblings import DRAFTS_IGNORING_REF_SIBLINGS
from doclint.schema_specifications import specification_for

if TYPE_CHECKING:
    from referencing._core import Resolved, Resolver

REFERENCE = "$ref"
SAME_VALUE_LISTS = ("allOf", "anyOf", "oneOf")
SAME_VALUE_SCHEMAS = ("not", "if", "then", "else")
SAME_VALUE_MAPS = ("dependentSchemas", "dependencies")


@dataclass(frozen=True)
class RefLoop:
    """A ``$ref`` whose target leads back to the object that contains it, for the same value."""

    reference: str
    """The ``$ref`` value as written."""
    schema: Any
    """The schema object that contains the ``$ref``, as parsed."""


@dataclass
class _Node:
    schema: Any
    resolver: Resolver[Any]
    draft: type[Validator]


def find_ref_loop(schema: Any, resolver: Resolver[Any], draft: type[Validator]) -> RefLoop | None:
    """Return a ``$ref`` that closes a cycle over the same value, or None.

    ``schema`` is the root subschema, ``resolver`` resolves its references
    and ``draft`` is the draft it is read by. Every subschema reachable
    from the root is searched, also those under keywords that move into a
    part of the value, because a cycle there is reached by the documents
    that have that part. The search uses loops, not recursion, so a long
    chain of references cannot exhaust Python's stack.
    """
    nodes: dict[tuple[int, str], _Node] = {}
    pending = [_Node(schema, resolver, draft)]
    while pending:
        node = pending.pop()
        key = _key(node)
        if key in nodes or not isinstance(node.schema, Mapping):
            continue
        nodes[key] = node
        pending.extend(target for _reference, target in _same_value_steps(node))
        pending.extend(_other_subschemas(node))

    return _first_cycle(nodes)


def _first_cycle(nodes: dict[tuple[int, str], _Node]) -> RefLoop | None:
    """Return a ``$ref`` on a cycle of same-value steps among ``nodes``, found by depth-first search."""
    state: dict[tuple[int, str], str] = {}
    for start in nodes:
        if start in state:
            continue
        state[start] = "open"
        stack: list[tuple[tuple[int, str], Iterator[tuple[str | None, _Node]]]] = [(start, _same_value_steps(nodes[start]))]
        while stack:
            key, steps = stack[-1]
            step = next(steps, None)
            if step is None:
                state[key] = "done"
                stack.pop()
                continue

            reference, target = step
            target_key = _key(target)
            if state.get(target_key) == "open":
                return _loop_reference(stack, reference, nodes)
            if target_key not in state and target_key in nodes:
                state[target_key] = "open"
                stack.append((target_key, _same_value_steps(nodes[target_key])))
    return None


def _loop_reference(
    stack: list[tuple[tuple[int, str], Iterator[tuple[str | None, _Node]]]],
    reference: str | None,
    nodes: dict[tuple[int, str], _Node],
) -> RefLoop | None:
    """Return the ``$ref`` that closes the cycle: the last step if it is one, else the nearest ``$ref`` before it.

    A cycle of same-value steps without any ``$ref`` cannot exist in one
    parsed JSON file, because its objects form a tree.
    """
    if reference is not None:
        return RefLoop(reference, nodes[stack[-1][0]].schema)
    for key, _steps in reversed(stack):
        schema = nodes[key].schema
        if isinstance(schema.get(REFERENCE), str):
            return RefLoop(schema[REFERENCE], schema)
    return None


def _same_value_steps(node: _Node) -> Iterator[tuple[str | None, _Node]]:
    """Yield (the ``$ref`` or None, the subschema) for each subschema that applies to the value of ``node``."""
    schema = node.schema
    reference = schema.get(REFERENCE)
    if isinstance(reference, str):
        resolved = _lookup(node.resolver, reference)
        if resolved is not None:
            yield reference, _Node(resolved.contents, resolved.resolver, _draft_of(resolved.contents, node.draft))
        if node.draft in DRAFTS_IGNORING_REF_SIBLINGS:
            return

    for keyword in SAME_VALUE_LISTS:
        values = schema.get(keyword)
        if isinstance(values, list):
            yield from ((None, _child(node, value)) for value in values)
    for keyword in SAME_VALUE_SCHEMAS:
        if keyword in schema:
            yield None, _child(node, schema[keyword])
    for keyword in SAME_VALUE_MAPS:
        values = schema.get(keyword)
        if isinstance(values, Mapping):
            yield from ((None, _child(node, value)) for value in values.values() if isinstance(value, (Mapping, bool)))


def _lookup(resolver: Resolver[Any], reference: str) -> Resolved[Any] | None:
    """Return the target of a reference, or None for one that the loader reports as unresolvable itself."""
    try:
        return resolver.lookup(reference)
    except referencing.exceptions.Unresolvable:
        return None


def _other_subschemas(node: _Node) -> Iterator[_Node]:
    """Yield the subschemas of ``node`` that the draft defines, which include those that move into a part of the value."""
    resource = specification_for(node.draft).create_resource(node.schema)
    yield from (_child(node, subresource.contents) for subresource in resource.subresources())


def _child(parent: _Node, schema: Any) -> _Node:
    """Return a subschema of ``parent`` with the resolver for it, whose base is the subschema's ``$id`` if it has one."""
    draft = _draft_of(schema, parent.draft)
    resolver = parent.resolver.in_subresource(specification_for(draft).create_resource(schema))
    return _Node(schema, resolver, draft)


def _draft_of(schema: Any, default: type[Validator]) -> type[Validator]:
    if isinstance(schema, Mapping) and isinstance(schema.get("$schema"), str):
        return validator_for(schema, default=default)
    return default


def _key(node: _Node) -> tuple[int, str]:
    """Return the identity of a subschema and the base URI that it resolves its references against.

    The same object read against another base URI resolves its relative
    references elsewhere. NOTE: referencing (0.37) keeps the base URI in
    the private ``_base_uri``; without it, the key is the object alone.
    """
    return id(node.schema), str(getattr(node.resolver, "_base_uri", ""))
