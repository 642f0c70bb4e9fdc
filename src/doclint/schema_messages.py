"""Messages a writer understands for JSON Schema errors over the section tree.

jsonschema reports each failed keyword with a path into the tree JSON of
``doclint ast``. This module finds the deepest node on that path that has a
``line``: a section, a field, a step, a block or the front matter. The
message then names that node by the section's heading and the field's
label, and says which field is missing or which constraint failed, instead
of printing the JSON.

A schema gives its own message for a constraint with ``x-doclint-message``
next to the keyword, in one of the forms of ``schema_message_forms``.
Templates use the placeholders of ``schema_message_forms.MESSAGE_PLACEHOLDERS``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from jsonschema.exceptions import ValidationError, best_match

from doclint.fields import LabelTable, field_name, label_with_colon
from doclint.i18n import N_, _, ngettext
from doclint.schema_structure import expected_level, heading_for_item_message, wants_item_for_heading
from doclint.schema_message_forms import MESSAGE_KEYWORD, Template, message_template

# A value longer than this is cut in messages, so that a failed constraint
# on a whole section does not print the section.
MAX_VALUE_CHARS = 60


@dataclass(frozen=True)
class Violation:
    """One schema error, placed on a node of the tree and worded for the writer."""

    line: int
    end_line: int
    message: str
    missing: str | None = None
    """The property that a ``required`` error reports missing, such as the ``answer`` key of a section's fields."""


@dataclass(frozen=True)
class Location:
    """The deepest node with a line on the path of an error, and what surrounds it."""

    node: dict[str, Any]
    kind: str
    """``document``, ``front_matter``, ``section``, ``field``, ``step`` or ``block``."""
    section: dict[str, Any] | None
    """The section that contains the node (or is the node), or None outside any section."""
    field: dict[str, Any] | None
    """The field that contains the node (or is the node), or None outside any field."""
    step_index: int | None
    rest: tuple[str | int, ...]
    """The path from the node to the failed value."""


def describe_errors(errors: Iterable[ValidationError], tree: dict[str, Any], labels: LabelTable) -> Iterator[Violation]:
    """Yield one violation per error, in the order jsonschema reports them."""
    missing_seen: dict[tuple[int, tuple[Any, ...]], int] = {}
    in_use = labels_in_use(tree)
    relevant = [_most_relevant(error) for error in errors]
    levels, merged = _kind_and_level_pairs(relevant, tree)
    for error in relevant:
        if id(error) in merged:
            continue
        missing = _missing_property(error, missing_seen)
        location = locate(tree, error.absolute_path)
        if id(error) in levels:
            message = heading_for_item_message(location.node, levels[id(error)])
        else:
            message = _custom_message(error, location, missing) or _standard_message(
                error, location, missing, labels, in_use
            )
        if error.validator == "contains" and error.context and _template(error) is None:
            message = _contains_message(error, location, tree, labels, in_use)
        key_line = _front_matter_key_line(location)
        if key_line is not None:
            yield Violation(key_line, key_line, message, missing)
        else:
            yield Violation(location.node["line"], location.node.get("end_line", location.node["line"]), message, missing)


def _kind_and_level_pairs(errors: list[ValidationError], tree: dict[str, Any]) -> tuple[dict[int, str], set[int]]:
    """Pair a heading where the schema expects an item with the level error of the same section.

    Returns the expected level in words by the id of each such ``kind``
    error, and the ids of the ``level`` errors that its message includes.
    Errors with a schema message of their own are left alone.
    """
    levels: dict[int, str] = {}
    merged: set[int] = set()
    kinds = {
        tuple(error.absolute_path)[:-1]: error
        for error in errors
        if wants_item_for_heading(error) and _template(error) is None and _is_section_key(tree, error)
    }
    for error in errors:
        expected = expected_level(error) if _template(error) is None else None
        kind = kinds.get(tuple(error.absolute_path)[:-1]) if expected is not None else None
        if kind is not None and id(kind) not in levels:
            levels[id(kind)] = expected
            merged.add(id(error))
    return levels, merged


def _is_section_key(tree: dict[str, Any], error: ValidationError) -> bool:
    """Return whether an error is on a key of a section itself, not on a front matter value of the same name."""
    location = locate(tree, error.absolute_path)
    return location.kind == "section" and len(location.rest) == 1


def locate(tree: dict[str, Any], path: Sequence[str | int]) -> Location:
    """Walk ``path`` from the root of the tree and return the deepest node on it that has a ``line``."""
    location = Location(tree, "document", None, None, None, ())
    current: Any = tree
    previous_key: str | int | None = None
    rest: list[str | int] = []
    for key in path:
        current = current[key]
        rest.append(key)
        if isinstance(current, dict) and "line" in current:
            location = _enter(location, current, key, previous_key)
            rest = []
        previous_key = key
    return Location(location.node, location.kind, location.section, location.field, location.step_index, tuple(rest))


def _enter(outer: Location, node: dict[str, Any], key: str | int, container: str | int | None) -> Location:
    """Return the location of ``node``, reached from ``outer`` through ``container[key]``."""
    if node.get("type") == "section":
        return Location(node, "section", node, None, None, ())
    if container == "fields":
        return Location(node, "field", outer.section, node, None, ())
    if container == "steps" and isinstance(key, int):
        return Location(node, "step", outer.section, outer.field, key, ())
    if key == "front_matter":
        return Location(node, "front_matter", None, None, None, ())
    return Location(node, "block", outer.section, None, None, ())


def _front_matter_key(location: Location) -> str | None:
    """Return the top-level front matter key that the failed value is in or under, or None."""
    if location.kind == "front_matter" and len(location.rest) >= 2 and location.rest[0] == "data":
        return str(location.rest[1])
    return None


def _front_matter_key_line(location: Location) -> int | None:
    """Return the line of the front matter key of the failed value, so that the finding points at that key."""
    from doclint.front_matter_data import front_matter_key_line

    key = _front_matter_key(location)
    if key is None:
        return None
    return front_matter_key_line(location.node["text"], key, location.node["line"] + 1, location.node["format"])


def _most_relevant(error: ValidationError) -> ValidationError:
    """Return the error itself, or for anyOf and oneOf without their own message, the closest failed branch.

    A ``contains`` error stays itself: its context contains why the closest
    element failed, which ``_contains_message`` adds to it.
    """
    if error.context and error.validator != "contains" and _template(error) is None:
        return _most_relevant(best_match(error.context))
    return error


def _missing_property(error: ValidationError, seen: dict[tuple[int, tuple[Any, ...]], int]) -> str | None:
    """Return the property that a ``required`` error reports missing.

    jsonschema yields one error per missing property, in the order of the
    ``required`` list, so the n-th error for one object and schema location
    is the n-th missing property.
    """
    if error.validator != "required" or not isinstance(error.instance, dict):
        return None
    missing = [name for name in error.validator_value if name not in error.instance]
    key = (id(error.instance), tuple(error.absolute_schema_path))
    index = seen.get(key, 0)
    seen[key] = index + 1
    return missing[index] if index < len(missing) else None


def _template(error: ValidationError) -> Template | None:
    message = error.schema.get(MESSAGE_KEYWORD) if isinstance(error.schema, dict) else None
    return message_template(message, str(error.validator))


def _custom_message(error: ValidationError, location: Location, missing: str | None) -> str | None:
    """Fill in the schema's own message for this error, if it has one.

    A plain template is looked up in the catalog first, so the messages of
    the built-in schemas are shown in the selected language. A message that
    the catalog does not have, or that the schema gives by language, is
    used as written.
    """
    found = _template(error)
    if found is None:
        return None
    template = _(found.text) if found.from_catalog else found.text

    section = location.section
    field = location.field
    last_key = location.rest[-1] if location.rest else ""
    return template.format(
        heading=section["heading"] if section else "",
        section=section_phrase(section),
        field=field["key"] if field else "",
        label=field["label"] if field else "",
        property=missing if missing is not None else str(last_key),
        value=format_value(error.instance),
        limit=format_value(error.validator_value),
    )


def section_phrase(section: dict[str, Any] | None) -> str:
    """Return how messages name a section: ``item "3. Title"`` when numbered or of kind ``item``, ``section "Title"`` otherwise."""
    if section is None:
        return _("the document")
    if section.get("number") is not None or section.get("kind") == "item":
        return _('item "{heading}"').format(heading=section["heading"])
    return _('section "{heading}"').format(heading=section["heading"])


def node_phrase(location: Location) -> str:
    """Return how messages name the node of a location."""
    section = section_phrase(location.section)
    if location.kind == "field" or (location.kind == "step" and location.field is not None):
        field = _("the {label} field of {section}").format(label=location.field["label"], section=section)
        if location.kind == "field":
            return field
        return _("step {number} of {field}").format(number=(location.step_index or 0) + 1, field=field)
    if location.kind == "block":
        return _("the {block} in {section}").format(block=_block_name(location.node.get("type")), section=section)
    if location.kind == "front_matter":
        return _("the front matter")
    return section


def target_phrase(location: Location) -> str:
    """Return how messages name the failed value: the node, a front matter key, or a property of the node."""
    if _front_matter_key(location) is not None:
        return _("the front matter key {key}").format(key=".".join(str(key) for key in location.rest[1:]))
    node = node_phrase(location)
    if not location.rest or (location.kind == "field" and location.rest == ("text",)):
        return node
    return _('"{property}" of {node}').format(property=".".join(str(key) for key in location.rest), node=node)


def _block_name(kind: Any) -> str:
    names = {
        "paragraph": _("paragraph"),
        "list": _("list"),
        "list_item": _("list item"),
        "code": _("code block"),
        "table": _("table"),
        "blockquote": _("block quote"),
        "html": _("HTML block"),
        "thematic_break": _("thematic break"),
    }
    return names.get(kind, _("block"))


def _standard_message(
    error: ValidationError, location: Location, missing: str | None, labels: LabelTable, in_use: Mapping[str, str]
) -> str:
    """Word a failed keyword for the writer. A keyword without its own wording is named in the message.

    ``in_use`` maps field keys to the label that the document writes them
    with (``labels_in_use``), which the hint for a missing field suggests.
    """
    from doclint.schema_structure import structure_message

    structural = structure_message(error, location)
    if structural is not None:
        return structural
    if error.validator == "required":
        required = _required(error, location, missing, labels, in_use)
        if required is not None:
            return required
    builder = _BUILDERS.get(str(error.validator))
    if builder is not None:
        message = builder(error, location, missing, labels)
        if message is not None:
            return message

    return _('{target} fails the schema\'s "{keyword}" constraint (schema path {schema_path})').format(
        target=target_phrase(location),
        keyword=error.validator if error.validator is not None else "false",
        schema_path="/".join(str(part) for part in error.absolute_schema_path) or "#",
    )


def _contains_message(
    error: ValidationError, location: Location, tree: dict[str, Any], labels: LabelTable, in_use: Mapping[str, str]
) -> str:
    """Word a ``contains`` that no element matched, with why the closest element (``schema_closest``) fails.

    A writer needs to know which element was nearly right and what to
    change in it, such as a list that is not ordered, not only that the
    array lacks some element.
    """
    closest = _most_relevant(best_match(error.context))
    closest_location = locate(tree, closest.absolute_path)
    missing = _missing_property(closest, {})
    reason = _custom_message(closest, closest_location, missing) or _standard_message(
        closest, closest_location, missing, labels, in_use
    )
    if closest.validator == "contains" and closest.context:
        reason = _contains_message(closest, closest_location, tree, labels, in_use)
    return _('{target} has no element that the schema\'s "contains" accepts; the closest is at line {line}: {reason}').format(
        target=target_phrase(location), line=closest_location.node["line"], reason=reason
    )


def _required(
    error: ValidationError, location: Location, missing: str | None, labels: LabelTable, in_use: Mapping[str, str]
) -> str | None:
    if missing is None:
        return None
    if location.kind == "section" and location.rest == ("fields",):
        examples = _bold_label(in_use[missing]) if missing in in_use else _label_hint(labels, missing, in_use)
        if examples:
            return _("{section} has no {field} field; add it as {labels} followed by its text").format(
                section=node_phrase(location), field=field_name(missing), labels=examples
            )
        return _("{section} has no {field} field; add one").format(section=node_phrase(location), field=field_name(missing))
    if location.kind == "front_matter" and location.rest == ("data",):
        if location.node.get("format") == "toml":
            return _('the front matter has no {property} key; add a line "{property} = " with its value').format(property=missing)
        return _('the front matter has no {property} key; add a line "{property}: " with its value').format(property=missing)
    if _front_matter_key(location) is not None:
        return _('{target} has no {property} key; add {property} under it with its value').format(
            target=target_phrase(location), property=missing
        )
    return _('{target} has no "{property}"').format(target=target_phrase(location), property=missing)


def field_labels(labels: LabelTable, key: str) -> list[str]:
    """Return the first label of a field key and its first ASCII label, such as ``解析`` and ``Explanation``."""
    synonyms = labels.synonyms.get(key, [])
    if not synonyms:
        return []
    labels_found = [synonyms[0]]
    ascii_label = next((label for label in synonyms if label.isascii()), None)
    if ascii_label is not None and ascii_label != synonyms[0]:
        labels_found.append(ascii_label)
    return labels_found


def label_examples(labels: LabelTable, key: str) -> str:
    """Return the labels of a field key as a writer types them, bold with a colon: ``**解析：** or **Explanation:**``.

    The colon is part of the label, which is not read without it. CJK
    labels take the full-width colon, ASCII labels the ASCII one.
    """
    bold_labels = [_bold_label(label) for label in field_labels(labels, key)]
    if len(bold_labels) < 2:
        return "".join(bold_labels)
    return _("{first} or {second}").format(first=bold_labels[0], second=bold_labels[1])


def _label_hint(labels: LabelTable, key: str, in_use: Mapping[str, str]) -> str:
    """Return the labels to suggest for a field that the document never writes.

    A document whose other labels are all CJK (``**答案：**``) gets the CJK
    label alone, and one whose labels are all ASCII the ASCII label alone,
    because a writer keeps to one language. Otherwise both are suggested.
    """
    used = list(in_use.values())
    candidates = field_labels(labels, key)
    if used and all(not label.isascii() for label in used):
        candidates = [label for label in candidates if not label.isascii()]
    elif used and all(label.isascii() for label in used):
        candidates = [label for label in candidates if label.isascii()]
    if len(candidates) == 1:
        return _bold_label(candidates[0])
    return label_examples(labels, key)


def _bold_label(label: str) -> str:
    return f"**{label_with_colon(label)}**"


def labels_in_use(tree: dict[str, Any]) -> dict[str, str]:
    """Map each field key to the label that the document writes it with most often, the first of equals.

    A hint for a missing field suggests that label, so that a document that
    labels its questions ``问题`` gets the hint ``**问题：**``, not ``**题目：**``. A question
    taken from a heading has no label and does not count.
    """
    counts: dict[str, dict[str, int]] = {}
    for section in _all_sections(tree.get("sections", [])):
        for key, field in section.get("fields", {}).items():
            if field.get("label"):
                per_key = counts.setdefault(key, {})
                per_key[field["label"]] = per_key.get(field["label"], 0) + 1
    return {key: max(per_key, key=per_key.__getitem__) for key, per_key in counts.items()}


def _all_sections(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield sections and their subsections in document order."""
    for section in sections:
        yield section
        yield from _all_sections(section.get("children", []))


def _min_items(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    count = len(error.instance)
    if location.kind == "field" and location.rest == ("steps",):
        field = node_phrase(location)
        limit = error.validator_value
        if count == 0 and location.node.get("code"):
            return ngettext(
                "{field} has a code block but no steps; the schema requires at least {limit} step as an ordered "
                "list, so number the steps and put the code in the step that uses it",
                "{field} has a code block but no steps; the schema requires at least {limit} steps as an ordered "
                "list, so number the steps and put the code in the step that uses it",
                limit,
            ).format(field=field, limit=limit)
        if count == 0 and not location.node.get("text", "").strip():
            return ngettext(
                "{field} is empty; write at least {limit} step as an ordered list",
                "{field} is empty; write at least {limit} steps as an ordered list",
                limit,
            ).format(field=field, limit=limit)
        if count == 0:
            return ngettext(
                "{field} has no steps; write at least {limit} step as an ordered list",
                "{field} has no steps; write at least {limit} steps as an ordered list",
                limit,
            ).format(field=field, limit=limit)
        return ngettext(
            "{field} has {count} step; write at least {limit} steps as an ordered list",
            "{field} has {count} steps; write at least {limit} steps as an ordered list",
            count,
        ).format(field=field, count=count, limit=error.validator_value)
    return ngettext(
        "{target} has {count} item; the schema requires at least {limit}",
        "{target} has {count} items; the schema requires at least {limit}",
        count,
    ).format(target=target_phrase(location), count=count, limit=error.validator_value)


def _max_items(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    count = len(error.instance)
    return ngettext(
        "{target} has {count} item; the schema allows at most {limit}",
        "{target} has {count} items; the schema allows at most {limit}",
        count,
    ).format(target=target_phrase(location), count=count, limit=error.validator_value)


def _min_length(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    if error.instance == "" and location.kind == "field" and location.node.get("code"):
        return ngettext(
            "{target} has a code block but no text; the schema requires text of at least {limit} character",
            "{target} has a code block but no text; the schema requires text of at least {limit} characters",
            error.validator_value,
        ).format(target=target_phrase(location), limit=error.validator_value)
    if error.instance == "":
        return _("{target} is empty").format(target=target_phrase(location))
    count = len(error.instance)
    return ngettext(
        "{target} is {count} character long; the schema requires at least {limit}",
        "{target} is {count} characters long; the schema requires at least {limit}",
        count,
    ).format(target=target_phrase(location), count=count, limit=error.validator_value)


def _max_length(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    count = len(error.instance)
    return ngettext(
        "{target} is {count} character long; the schema allows at most {limit}",
        "{target} is {count} characters long; the schema allows at most {limit}",
        count,
    ).format(target=target_phrase(location), count=count, limit=error.validator_value)


def _pattern(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    return _("{target} is {value}, which does not match the pattern {limit}").format(
        target=target_phrase(location), value=format_value(error.instance), limit=format_value(error.validator_value)
    )


def _type(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    if _is_yaml_1_1_boolean(error, location):
        return _("{target} is {value}, a string in YAML 1.2, where the schema requires the type {limit}; "
                 "write true or false").format(
            target=target_phrase(location), value=format_value(error.instance), limit=format_value(error.validator_value)
        )
    return _("{target} is {value}; the schema requires the type {limit}").format(
        target=target_phrase(location), value=format_value(error.instance), limit=format_value(error.validator_value)
    )


_YAML_1_1_BOOLEANS = frozenset(
    {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
)
"""The booleans of YAML 1.1 that YAML 1.2, as doclint reads front matter, reads as strings."""


def _is_yaml_1_1_boolean(error: ValidationError, location: Location) -> bool:
    """Return whether a YAML front matter value that fails a boolean type is a boolean of YAML 1.1, such as ``off``.

    Such a value is a boolean to PyYAML and to tools that follow YAML 1.1,
    so the message explains why it is a string here.
    """
    required = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return (
        _front_matter_key(location) is not None
        and location.node.get("format") == "yaml"
        and "boolean" in required
        and isinstance(error.instance, str)
        and error.instance in _YAML_1_1_BOOLEANS
    )


def _const(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    return _("{target} is {value}; the schema requires {limit}").format(
        target=target_phrase(location), value=format_value(error.instance), limit=format_value(error.validator_value)
    )


def _enum(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    allowed = ", ".join(format_value(value) for value in error.validator_value)
    return _("{target} is {value}; the schema allows {allowed}").format(
        target=target_phrase(location), value=format_value(error.instance), allowed=allowed
    )


def _minimum(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    return _("{target} is {value}; the schema requires at least {limit}").format(
        target=target_phrase(location), value=format_value(error.instance), limit=format_value(error.validator_value)
    )


def _maximum(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    return _("{target} is {value}; the schema allows at most {limit}").format(
        target=target_phrase(location), value=format_value(error.instance), limit=format_value(error.validator_value)
    )


def _contains(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str | None:
    """Word a ``contains`` on an empty array; a non-empty one gets ``_contains_message`` when its closest element is known."""
    if error.instance != []:
        return None
    return _('{target} is empty; the schema requires at least one element that its "contains" accepts').format(
        target=target_phrase(location)
    )


def _format(error: ValidationError, location: Location, missing: str | None, labels: LabelTable) -> str:
    if error.validator_value == "date":
        return _("{target} is {value}, which is not a valid date; write an existing date as YYYY-MM-DD, such as 2026-12-31").format(
            target=target_phrase(location), value=format_value(error.instance)
        )
    return _("{target} is {value}, which is not a valid {format}; correct the value").format(
        target=target_phrase(location), value=format_value(error.instance), format=format_value(error.validator_value)
    )


MessageBuilder = Callable[[ValidationError, Location, "str | None", LabelTable], "str | None"]

_BUILDERS: dict[str, MessageBuilder] = {
    "contains": _contains,
    "format": _format,
    "minItems": _min_items,
    "maxItems": _max_items,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "type": _type,
    "const": _const,
    "enum": _enum,
    "minimum": _minimum,
    "maximum": _maximum,
}


def format_value(value: Any) -> str:
    """Return a value as JSON for a message, cut to MAX_VALUE_CHARS characters."""
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > MAX_VALUE_CHARS:
        return text[: MAX_VALUE_CHARS - 1] + "…"
    return text
