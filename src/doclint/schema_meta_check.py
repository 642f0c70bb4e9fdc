"""The check of a schema file against the meta-schema of its draft, and of each subschema against the draft it declares.

jsonschema's ``check_schema`` raises an English message that does not
say what to change. The SchemaError raised here words the rejected value
with ``meta_schema_messages`` and names the fix when there is a precise
one, or a close allowed value.
"""

from __future__ import annotations

from typing import Any

import jsonschema.exceptions
from jsonschema.protocols import Validator

from doclint.i18n import _
from doclint.meta_schema_messages import describe_meta_schema_error, meta_schema_fix, meta_schema_suggestion
from doclint.schema_errors import SchemaError


def check_against_meta_schemas(contents: Any, validator_class: type[Validator], display: str) -> None:
    """Raise SchemaError when the meta-schema of the file's draft, or of a draft that a subschema declares, rejects it."""
    _check_against_meta_schema(contents, validator_class, display)
    _check_subschema_drafts(contents, validator_class, display)


def _check_against_meta_schema(contents: Any, validator_class: type[Validator], display: str, at: str = "$") -> None:
    """Raise SchemaError when the meta-schema of ``validator_class`` rejects ``contents``, the subschema at JSON path ``at``.

    The meta-schema's ``format`` keywords are checked for ``CHECKED_FORMATS``
    only, as in documents, so that a schema file passes or fails the same
    way whichever packages jsonschema finds installed. ``uri-reference``,
    for one, is checked only where rfc3987 or rfc3986-validator is.
    """
    from doclint.schemas import format_checker_for

    try:
        validator_class.check_schema(contents, format_checker=format_checker_for(validator_class))
    except jsonschema.exceptions.SchemaError as error:
        location, reason = describe_meta_schema_error(error)
        location = at + location[1:]
        suggestion = meta_schema_suggestion(error)
        if suggestion is not None:
            raise SchemaError(
                _("{path}: invalid schema at {location}: {reason}; did you mean {suggestion}?").format(
                    path=display, location=location, reason=reason, suggestion=suggestion
                )
            ) from None
        fix = meta_schema_fix(error, contents)
        if fix is not None:
            raise SchemaError(
                _("{path}: invalid schema at {location}: {reason}; {fix}").format(
                    path=display, location=location, reason=reason, fix=fix
                )
            ) from None
        raise SchemaError(
            _("{path}: invalid schema at {location}: {reason}; fix the schema file").format(
                path=display, location=location, reason=reason
            )
        ) from None


def _check_subschema_drafts(contents: Any, validator_class: type[Validator], display: str) -> None:
    """Check each subschema that declares a draft in ``$schema`` against that draft's meta-schema.

    The meta-schema of the file's draft reads such a subschema by the
    rules of the file's draft, while jsonschema validates with the draft
    that the subschema declares. An array ``items`` in a Draft 2020-12
    subschema of a Draft 7 file would otherwise pass this check and fail
    only when a document is validated.
    """
    from doclint.schema_keywords import keyword_places

    for keyword, pointer, draft in keyword_places(contents, validator_class):
        node_pointer = pointer.rsplit("/", 1)[0]
        if keyword == "$schema" and node_pointer:
            node, at = _subschema_at(contents, node_pointer)
            _check_against_meta_schema(node, draft, display, at)


def _subschema_at(contents: Any, pointer: str) -> tuple[Any, str]:
    """Return the value at a JSON pointer that exists in ``contents`` and its JSON path, such as ``$.properties.a``."""
    value = contents
    path = "$"
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, list):
            value = value[int(key)]
            path += f"[{key}]"
        else:
            value = value[key]
            path += f".{key}"
    return value, path
