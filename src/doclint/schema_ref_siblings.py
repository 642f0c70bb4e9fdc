"""Keywords next to ``$ref`` that drafts before 2019-09 ignore, such as ``{"$ref": "#/definitions/item", "required": ["answer"]}``.

Drafts 3 to 7 define an object with ``$ref`` as the reference alone, so
jsonschema (4.26) applies only the ``$ref`` there and no other keyword of
the object. Drafts 2019-09 and 2020-12 apply ``$ref`` as one keyword
among the others. A schema writer who adds ``required`` next to a
``$ref`` in a Draft 7 schema gets no check and no error, so doclint warns,
once per schema file, and names the JSON pointer of each ignored keyword.

Only keywords that the draft validates are reported. An annotation such as
``description`` or ``definitions`` next to ``$ref`` changes no result, and
an unknown keyword gets its own warning from ``schema_keywords``.
"""

from __future__ import annotations

from typing import Any

from jsonschema import validators
from jsonschema.protocols import Validator

from doclint.i18n import _
from doclint.schema_keywords import keyword_places, keyword_positions, pointer_list

REFERENCE = "$ref"

DRAFTS_IGNORING_REF_SIBLINGS = frozenset(
    {validators.Draft3Validator, validators.Draft4Validator, validators.Draft6Validator, validators.Draft7Validator}
)
"""The drafts whose jsonschema validators apply only ``$ref`` in an object that has it (``ignore_ref_siblings`` in 4.26)."""


def ignored_ref_siblings(contents: Any, validator_class: type[Validator]) -> list[str]:
    """Return the JSON pointers of the keywords that are ignored because they sit next to ``$ref``, in file order.

    ``validator_class`` is the draft of the file; a subschema with its own
    ``$schema`` uses the draft that it declares.
    """
    places = list(keyword_places(contents, validator_class))
    references = {pointer.rsplit("/", 1)[0] for keyword, pointer, _draft in places if keyword == REFERENCE}
    ignored = [
        pointer
        for keyword, pointer, draft in places
        if pointer.rsplit("/", 1)[0] in references
        and draft in DRAFTS_IGNORING_REF_SIBLINGS
        and keyword != REFERENCE
        and keyword in draft.VALIDATORS
    ]

    positions = keyword_positions(contents)
    return sorted(ignored, key=lambda pointer: positions[pointer])


def ignored_ref_siblings_message(display: str, pointers: list[str]) -> str:
    """Return the one warning of the schema file ``display`` for its keywords next to ``$ref``."""
    return _('{path}: keywords next to "$ref" at {pointers} check nothing, because drafts before 2019-09 ignore them; '
             'put the "$ref" and those keywords in separate branches of "allOf", or declare Draft 2019-09 or later '
             "in $schema").format(path=display, pointers=pointer_list(pointers))
