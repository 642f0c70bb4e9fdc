"""Keywords of a schema file that its draft does not define, such as a misspelled ``"minLenght"``.

JSON Schema ignores a keyword that it does not know, so a schema with
``"requird": ["answer"]`` accepts every document, and its writer gets no
sign of the typo. doclint warns about such keywords, once per file and keyword,
and names the close keyword when there is one.

The keywords of a draft are those that jsonschema validates for it
(``VALIDATORS`` of the draft's validator class) and those that the draft's
meta-schema, with its vocabularies, describes. A meta-schema property
marked ``"deprecated": true`` is left out: Draft 2020-12 describes
``dependencies`` and ``$recursiveRef`` only so that old schemas still pass
its check, and jsonschema (4.26) ignores them there. ``ANNOTATIONS`` are
accepted in every draft, because they only describe or hold subschemas and
change no result. A keyword that starts with ``x-`` is an extension, such
as doclint's own ``x-doclint-message``, and is accepted too.

The walk follows the places where a draft has subschemas, as the
``referencing`` library defines them per draft with the corrections of
``schema_specifications``. Property names under ``properties`` and the
values of ``enum``, ``const`` or ``default`` are therefore never taken
for keywords.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator, Sequence
from urllib.parse import urljoin

from jsonschema import validators
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from jsonschema_specifications import REGISTRY as META_SCHEMAS

from doclint.i18n import _
from doclint.schema_specifications import specification_for
from doclint.suggestions import close_match

EXTENSION_PREFIX = "x-"

ANNOTATIONS = frozenset(
    {"$comment", "$defs", "definitions", "title", "description", "default", "examples", "readOnly", "writeOnly", "deprecated"}
)
"""Keywords accepted in every draft, also one whose meta-schema lacks them (Draft 7 has no ``$defs`` or ``writeOnly``)."""

SUBSCHEMA_MAPS = ("$defs", "definitions")
"""Keywords whose values are subschemas in every draft; the walk enters them even where ``referencing`` does not."""

MAX_POINTERS_SHOWN = 3

REPLACEMENTS = {
    "dependencies": ("dependentRequired", "dependentSchemas"),
    "dependentRequired": ("dependencies",),
    "dependentSchemas": ("dependencies",),
    "$recursiveRef": ("$dynamicRef",),
    "$recursiveAnchor": ("$dynamicAnchor",),
    "$dynamicRef": ("$recursiveRef",),
    "$dynamicAnchor": ("$recursiveAnchor",),
    "additionalItems": ("items",),
    "prefixItems": ("items",),
    "divisibleBy": ("multipleOf",),
    "extends": ("allOf",),
    "disallow": ("not",),
}
"""Keywords of some drafts and the keywords that do their work in other drafts. Draft 2019-09, for one, split
``dependencies`` into ``dependentRequired`` (names of required properties) and ``dependentSchemas`` (a schema).
A warning names only the replacements that the schema's draft has."""

ALL_DRAFTS = (
    validators.Draft3Validator,
    validators.Draft4Validator,
    validators.Draft6Validator,
    validators.Draft7Validator,
    validators.Draft201909Validator,
    validators.Draft202012Validator,
)


@dataclass(frozen=True)
class UnknownKeyword:
    """A keyword that the draft of its schema does not define, with the JSON pointers of every place it is used."""

    keyword: str
    pointers: tuple[str, ...]
    draft: str
    """The draft's name, such as ``Draft 7``."""
    in_other_draft: bool
    """Whether another draft defines the keyword."""
    suggestion: str | None
    """The keyword of the draft that the name is close to, if any."""
    replacements: tuple[str, ...] = ()
    """The keywords of the draft that do the work of this keyword of another draft (``REPLACEMENTS``)."""
    items_fix: str | None = None
    """For ``additionalItems`` or ``prefixItems``, how to rewrite the schema object for the draft (``items_fix``)."""


RENAME_BOTH = "rename both"
"""Items fix: rename ``items`` and the keyword, because ``items`` means something else in the other draft."""
RENAME = "rename"
"""Items fix: rename the keyword to ``items``, which the object does not have yet."""
REMOVE = "remove"
"""Items fix: remove the keyword, which had no effect in the drafts that define it either."""


def items_fix(keyword: str, node: Any) -> str | None:
    """Return how to rewrite an ``additionalItems`` or ``prefixItems`` that the schema's draft lacks, or None.

    Draft 2020-12 renamed the array form of ``items`` to ``prefixItems``,
    and ``additionalItems`` to ``items``, so which keyword replaces which
    depends on the other two keywords of the same object. Drafts before
    2020-12 apply ``additionalItems`` only next to an array ``items``.
    """
    if not isinstance(node, dict):
        return None
    items = node.get("items")
    if keyword == "additionalItems":
        if isinstance(items, list):
            return RENAME_BOTH
        if items is None and "prefixItems" in node:
            return RENAME
        return REMOVE
    if keyword == "prefixItems":
        if isinstance(items, (dict, bool)):
            return RENAME_BOTH
        return RENAME if items is None else None
    return None


def unknown_keywords(contents: Any, validator_class: type[Validator]) -> list[UnknownKeyword]:
    """Return the keywords of a schema file that its draft does not define, in the order they first appear in the file."""
    positions = keyword_positions(contents)
    unknown = [
        (positions[pointer], keyword, pointer, draft)
        for keyword, pointer, draft in keyword_places(contents, validator_class)
        if not keyword.startswith(EXTENSION_PREFIX) and keyword not in draft_keywords(draft)
    ]
    found: dict[tuple[str, type[Validator], str | None], list[str]] = {}
    for _position, keyword, pointer, draft in sorted(unknown, key=lambda item: item[0]):
        fix = items_fix(keyword, _object_at(contents, pointer.rsplit("/", 1)[0]))
        found.setdefault((keyword, draft, fix), []).append(pointer)

    return [
        UnknownKeyword(
            keyword=keyword,
            pointers=tuple(pointers),
            draft=draft_name(draft),
            in_other_draft=any(keyword in draft_keywords(other) for other in ALL_DRAFTS),
            suggestion=close_match(keyword, sorted(draft_keywords(draft))),
            replacements=tuple(name for name in REPLACEMENTS.get(keyword, ()) if name in draft_keywords(draft)),
            items_fix=fix,
        )
        for (keyword, draft, fix), pointers in found.items()
    ]


def unknown_keyword_message(display: str, unknown: UnknownKeyword) -> str:
    """Return the warning for one unknown keyword of the schema file ``display``."""
    pointers = pointer_list(unknown.pointers)
    if unknown.in_other_draft and unknown.items_fix is not None:
        template = _items_fix_template(unknown.keyword, unknown.items_fix)
    elif unknown.in_other_draft and unknown.replacements:
        template = _('{path}: keyword "{keyword}" at {pointers} is not part of {draft}, the draft of this schema, so it '
                     "checks nothing; use {replacements} in its place, or declare a draft that has it in $schema")
    elif unknown.suggestion is not None:
        template = _('{path}: unknown keyword "{keyword}" at {pointers}, which JSON Schema ignores, so it checks nothing; '
                     'did you mean "{suggestion}"?')
    elif unknown.in_other_draft:
        template = _('{path}: keyword "{keyword}" at {pointers} is not part of {draft}, the draft of this schema, so it '
                     "checks nothing; use a keyword of {draft}, or declare a draft that has it in $schema")
    else:
        template = _('{path}: unknown keyword "{keyword}" at {pointers}, which JSON Schema ignores, so it checks nothing; '
                     "correct its name, or start it with x- if it is a note for readers")
    return template.format(
        path=display,
        keyword=unknown.keyword,
        pointers=pointers,
        draft=unknown.draft,
        suggestion=unknown.suggestion,
        replacements=_quoted_choices(unknown.replacements),
    )


def _items_fix_template(keyword: str, fix: str) -> str:
    """Return the warning for an ``additionalItems`` or ``prefixItems`` of another draft, with the rewrite that ``fix`` names."""
    if keyword == "additionalItems" and fix == RENAME_BOTH:
        return _('{path}: keyword "additionalItems" at {pointers} is not part of {draft}, the draft of this schema, so '
                 'it checks nothing; in {draft}, "prefixItems" takes the array of schemas by position and "items" the '
                 'schema of the elements after them, so rename "items" to "prefixItems" and "additionalItems" to "items"')
    if keyword == "additionalItems" and fix == RENAME:
        return _('{path}: keyword "additionalItems" at {pointers} is not part of {draft}, the draft of this schema, so '
                 'it checks nothing; in {draft}, "items" takes the schema of the elements after "prefixItems", so '
                 'rename "additionalItems" to "items"')
    if keyword == "additionalItems":
        return _('{path}: keyword "additionalItems" at {pointers} is not part of {draft}, the draft of this schema, so '
                 'it checks nothing; it would check nothing in the drafts that define it either, because they apply '
                 'it only next to an array "items", so remove it')
    if fix == RENAME_BOTH:
        return _('{path}: keyword "prefixItems" at {pointers} is not part of {draft}, the draft of this schema, so it '
                 'checks nothing; in {draft}, an array "items" takes the schemas by position and "additionalItems" the '
                 'schema of the elements after them, so rename "items" to "additionalItems" and "prefixItems" to "items"')
    return _('{path}: keyword "prefixItems" at {pointers} is not part of {draft}, the draft of this schema, so it checks '
             'nothing; in {draft}, an array "items" takes the schemas by position, so rename "prefixItems" to "items"')


def _object_at(contents: Any, pointer: str) -> Any:
    """Return the value at a JSON pointer of ``contents``, which ``keyword_places`` made, so every step exists."""
    value = contents
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        value = value[int(key)] if isinstance(value, list) else value[key]
    return value


def _quoted_choices(names: tuple[str, ...]) -> str:
    """Return keyword names in double quotes, the last two joined with "or": ``"dependentRequired" or "dependentSchemas"``."""
    quoted = [f'"{name}"' for name in names]
    if len(quoted) < 2:
        return "".join(quoted)
    return _("{first} or {second}").format(first=", ".join(quoted[:-1]), second=quoted[-1])


def pointer_list(pointers: Sequence[str]) -> str:
    """Return the first MAX_POINTERS_SHOWN JSON pointers, joined with commas, and how many more there are."""
    listed = ", ".join(pointers[:MAX_POINTERS_SHOWN])
    if len(pointers) > MAX_POINTERS_SHOWN:
        listed = _("{pointers} and {count} more").format(pointers=listed, count=len(pointers) - MAX_POINTERS_SHOWN)
    return listed


@functools.cache
def draft_keywords(validator_class: type[Validator]) -> frozenset[str]:
    """Return the keywords of a draft: those jsonschema validates, those its meta-schema describes, and ``ANNOTATIONS``."""
    keywords = set(validator_class.VALIDATORS) | ANNOTATIONS
    meta_schema = validator_class.META_SCHEMA
    base = meta_schema.get("$id") or meta_schema["id"]
    pending = [(meta_schema, base)]
    seen = {base}
    while pending:
        schema, uri = pending.pop()
        for name, described in schema.get("properties", {}).items():
            if not (isinstance(described, dict) and described.get("deprecated") is True):
                keywords.add(name)
        # Draft 2019-09 and 2020-12 combine the meta-schemas of their vocabularies with allOf.
        for branch in schema.get("allOf", []):
            reference = branch.get("$ref") if isinstance(branch, dict) else None
            target = urljoin(uri, reference) if isinstance(reference, str) else None
            if target is not None and target not in seen:
                seen.add(target)
                pending.append((META_SCHEMAS.contents(target), target))
    return frozenset(keywords)


def draft_name(validator_class: type[Validator]) -> str:
    """Return a draft's usual name, such as ``Draft 7`` or ``Draft 2020-12``, from its validator class."""
    match = re.fullmatch(r"Draft(\d+)Validator", validator_class.__name__)
    if match is None:
        return validator_class.__name__
    number = match.group(1)
    if len(number) == 6:
        number = f"{number[:4]}-{number[4:]}"
    return f"Draft {number}"


def keyword_places(contents: Any, validator_class: type[Validator]) -> Iterator[tuple[str, str, type[Validator]]]:
    """Yield (keyword, JSON pointer, draft) for every keyword of every subschema of a schema file."""
    pointers = object_pointers(contents)
    pending = [(contents, validator_class)]
    while pending:
        node, draft = pending.pop()
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("$schema"), str):
            draft = validator_for(node, default=draft)
        pointer = pointers[id(node)]
        yield from ((keyword, f"{pointer}/{escape_pointer_token(keyword)}", draft) for keyword in node)

        resource = specification_for(draft).create_resource(node)
        children = [subresource.contents for subresource in resource.subresources()]
        entered = {id(child) for child in children}
        for keyword in SUBSCHEMA_MAPS:
            values = node.get(keyword)
            if isinstance(values, dict):
                children.extend(value for value in values.values() if id(value) not in entered)
        pending.extend((child, draft) for child in reversed(children) if id(child) in pointers)


def keyword_positions(contents: Any) -> dict[str, int]:
    """Return the position, in the order of the file's text, of the JSON pointer of every member and element."""
    positions: dict[str, int] = {}
    pending: list[tuple[Any, str]] = [(contents, "")]
    while pending:
        value, pointer = pending.pop()
        positions[pointer] = len(positions)
        if isinstance(value, dict):
            pending.extend((child, f"{pointer}/{escape_pointer_token(key)}") for key, child in reversed(value.items()))
        elif isinstance(value, list):
            pending.extend((child, f"{pointer}/{index}") for index, child in reversed(list(enumerate(value))))
    return positions


def object_pointers(contents: Any) -> dict[int, str]:
    """Return the JSON pointer of every object in a parsed JSON value, by the object's ``id``.

    ``json.loads`` makes a new object for every object in the text, so no
    two places share one, and ``referencing`` hands out the subschemas
    themselves, not copies.
    """
    found: dict[int, str] = {}
    pending = [(contents, "")]
    while pending:
        value, pointer = pending.pop()
        if isinstance(value, dict):
            found[id(value)] = pointer
            pending.extend((child, f"{pointer}/{escape_pointer_token(key)}") for key, child in value.items())
        elif isinstance(value, list):
            pending.extend((child, f"{pointer}/{index}") for index, child in enumerate(value))
    return found


def escape_pointer_token(key: str) -> str:
    """Escape a key for a JSON pointer (RFC 6901): ``~`` as ``~0`` and ``/`` as ``~1``."""
    return key.replace("~", "~0").replace("/", "~1")
