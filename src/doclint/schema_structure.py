"""Messages in a writer's words for a schema error on the tree's own structure.

Some keys of the section tree are not text the writer typed but the shape
that doclint read from the Markdown. These are a section's ``kind``,
``level``, ``number`` and ``setext``, a block's ``type``, a list's
``ordered`` and a code block's ``language`` and ``fenced``. A
message such as ``"kind" of section "X" is "heading"`` names a JSON key the
writer never wrote. The messages of this module name instead what the
Markdown at that line is, what the schema expects there, and what to change.

Only ``const`` and ``enum`` (and ``minimum``, ``maximum`` and ``type`` where
they fit the key) are worded here. Every other keyword on these keys keeps
the general wording of ``schema_messages``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from jsonschema.exceptions import ValidationError

from doclint.i18n import N_, _, format_message, join_items

if TYPE_CHECKING:
    from doclint.schema_messages import Location

_BLOCKS_WITH_ARTICLE = {
    "paragraph": N_("a paragraph"),
    "list": N_("a list"),
    "list_item": N_("a list item"),
    "code": N_("a code block"),
    "table": N_("a table"),
    "blockquote": N_("a block quote"),
    "admonition": N_("an admonition"),
    "tab": N_("a content tab"),
    "html": N_("an HTML block"),
    "thematic_break": N_("a thematic break"),
}
"""The name of one block of each ``type`` in a sentence, with its English article."""


def structure_message(error: ValidationError, location: Location) -> str | None:
    """Return the message for an error on a structural key of a section or block, or None for any other error."""
    if len(location.rest) != 1:
        return None
    builder = _BUILDERS.get((location.kind, str(location.rest[0])))
    return builder(error, location) if builder is not None else None


def _allowed(error: ValidationError) -> list[Any] | None:
    """Return the values that a ``const`` or ``enum`` allows, or None for another keyword."""
    if error.validator == "const":
        return [error.validator_value]
    if error.validator == "enum" and isinstance(error.validator_value, list):
        return list(error.validator_value)
    return None


def _either(words: list[str]) -> str:
    """Join alternatives as "A or B" and "A, B or C" in the selected language."""
    if len(words) == 1:
        return words[0]
    return format_message(_("{choices} or {last}"), choices=join_items(words[:-1]), last=words[-1])


def _marks(level: Any) -> str:
    return "#" * level if isinstance(level, int) and 1 <= level <= 6 else ""


def _level_words(level: Any) -> str:
    """Name a level with the ATX marks that write it: ``level 3 (###)``. Level 7, an item under a level 6 heading, has no marks."""
    marks = _marks(level)
    if marks:
        return format_message(_("level {level} ({marks})"), level=level, marks=marks)
    return format_message(_("level {level}"), level=level)


def _heading(section: dict[str, Any]) -> str:
    if section.get("kind") == "item":
        return format_message(_('item "{heading}"'), heading=section["heading"])
    return format_message(_('the heading "{heading}"'), heading=section["heading"])


def _section_kind(error: ValidationError, location: Location) -> str | None:
    allowed = _allowed(error)
    section = location.node
    if allowed is None or error.instance not in ("heading", "item"):
        return None
    if error.instance == "heading" and "item" in allowed:
        return format_message(_(
            'section "{heading}" is a heading at {level}, where the schema expects a question item; turn it '
            "into a bold question such as **Q: …?** followed by an answer field such as **A:** …, or move the "
            "heading out of this section"
        ), heading=section["heading"], level=_level_words(section.get("level")))
    if error.instance == "item" and "heading" in allowed:
        return format_message(_(
            'item "{heading}" is a bold question, where the schema expects a heading; write it as a heading such '
            "as {marks} {heading}"
        ), heading=section["heading"], marks=_marks(section.get("level")) or "######")
    return None


def wants_item_for_heading(error: ValidationError) -> bool:
    """Return whether an error is a ``const`` or ``enum`` on a section's ``kind`` that allows an item, not a heading."""
    allowed = _allowed(error)
    path = tuple(error.absolute_path)
    return bool(path) and path[-1] == "kind" and error.instance == "heading" and allowed is not None and "item" in allowed


def expected_level(error: ValidationError) -> str | None:
    """Return the levels that an error on a section's ``level`` allows, in words, or None for another error."""
    path = tuple(error.absolute_path)
    if not path or path[-1] != "level" or not isinstance(error.instance, int):
        return None
    allowed = _allowed(error)
    if allowed is not None:
        return _either([_level_words(value) for value in allowed])
    if error.validator == "minimum":
        return format_message(_("level {limit} or a deeper one (more # marks)"), limit=error.validator_value)
    if error.validator == "maximum":
        return format_message(_("level {limit} or a higher one (fewer # marks)"), limit=error.validator_value)
    return None


def heading_for_item_message(section: dict[str, Any], expected: str) -> str:
    """Word a heading that fails both the ``kind`` and the ``level`` that the schema expects, in one message.

    Both errors concern one line, so one finding reports them. A bold
    question item is one level below the section that contains it, so the
    item that replaces the heading often has the expected level.
    """
    return format_message(
        _(
            'section "{heading}" is a heading at {level}, where the schema expects a question item at {expected}; '
            "turn it into a bold question such as **Q: …?** followed by an answer field such as **A:** …, or "
            "move the heading out of this section"
        ),
        heading=section["heading"],
        level=_level_words(section.get("level")),
        expected=expected,
    )


def _section_level(error: ValidationError, location: Location) -> str | None:
    section = location.node
    level = error.instance
    expected = expected_level(error)
    if expected is None:
        return None
    allowed = _allowed(error)
    if section.get("kind") == "item":
        return _item_level(section, level, expected, allowed)
    return format_message(_(
        "{heading} is at {level}, where the schema expects {expected}; change the number of # marks, or move "
        "the section to where its level belongs"
    ), heading=_heading(section), level=_level_words(level), expected=expected)


def _item_level(section: dict[str, Any], level: int, expected: str, allowed: list[Any] | None) -> str:
    """Word the level of an item, which is one more than the level of the section that contains the item."""
    if allowed is not None and len(allowed) == 1 and isinstance(allowed[0], int) and allowed[0] >= 2:
        return format_message(_(
            "{item} is at level {level}, one level below the section it stands in, where the schema expects "
            "{expected}; move it into a section at level {parent}"
        ), item=_heading(section), level=level, expected=expected, parent=allowed[0] - 1)
    return format_message(_(
        "{item} is at level {level}, one level below the section it stands in, where the schema expects "
        "{expected}; move it into a section one level above that"
    ), item=_heading(section), level=level, expected=expected)


def _section_number(error: ValidationError, location: Location) -> str | None:
    section = location.node
    if error.instance is not None or error.validator not in ("type", "const", "enum"):
        return None
    return format_message(
        _('{heading} has no number, where the schema expects a numbered one; number it, as in "3. {title}"'),
        heading=_heading(section),
        title=section.get("title") or section["heading"],
    )


def _section_setext(error: ValidationError, location: Location) -> str | None:
    section = location.node
    allowed = _allowed(error)
    if allowed is None or not isinstance(error.instance, bool):
        return None
    marks = _marks(section.get("level")) or "#"
    if error.instance:
        return format_message(_(
            'the heading "{heading}" is underlined with = or -, where the schema expects # marks; write it as '
            "{marks} {heading}"
        ), heading=section["heading"], marks=marks)
    return format_message(_(
        'the heading "{heading}" is written with # marks, where the schema expects an underlined heading; '
        "write it on a line of its own over a line of = (level 1) or - (level 2)"
    ), heading=section["heading"])


def _block_type(error: ValidationError, location: Location) -> str | None:
    allowed = _allowed(error)
    actual = _BLOCKS_WITH_ARTICLE.get(error.instance) if isinstance(error.instance, str) else None
    if allowed is None or actual is None:
        return None
    expected = _either([_(_BLOCKS_WITH_ARTICLE[value]) for value in allowed if value in _BLOCKS_WITH_ARTICLE])
    if not expected:
        return None
    from doclint.schema_messages import section_phrase

    return format_message(
        _("{section} has {actual} here, where the schema expects {expected}; write {expected} in its place"),
        section=section_phrase(location.section),
        actual=_(actual),
        expected=expected,
    )


def _list_ordered(error: ValidationError, location: Location) -> str | None:
    allowed = _allowed(error)
    if allowed is None or not isinstance(error.instance, bool) or location.node.get("type") != "list":
        return None
    from doclint.schema_messages import section_phrase

    section = section_phrase(location.section)
    if error.instance:
        return format_message(_(
            "the list in {section} is numbered, where the schema expects a bullet list; start its items with - "
            "instead of numbers"
        ), section=section)
    return format_message(_(
        "the list in {section} is a bullet list, where the schema expects an ordered list; number its items "
        "1., 2., 3. instead of starting them with - or *"
    ), section=section)


def _code_language(error: ValidationError, location: Location) -> str | None:
    allowed = _allowed(error)
    if allowed is None or location.node.get("type") != "code":
        return None
    languages = [value for value in allowed if isinstance(value, str)]
    if not languages:
        return None
    from doclint.schema_messages import format_value, section_phrase

    section = section_phrase(location.section)
    expected = _either([format_value(language) for language in languages])
    if error.instance is None and location.node.get("fenced"):
        return format_message(
            _(
                "the code block in {section} names no language, where the schema expects {expected}; write "
                "{language} after its opening fence"
            ),
            section=section,
            expected=expected,
            language=languages[0],
        )
    if error.instance is None:
        return format_message(
            _(
                "the code block in {section} names no language, where the schema expects {expected}; open it "
                "with a fence such as ```{language}"
            ),
            section=section,
            expected=expected,
            language=languages[0],
        )
    return format_message(
        _(
            "the code block in {section} is marked {actual}, where the schema expects {expected}; write "
            "{language} after its opening fence"
        ),
        section=section,
        actual=format_value(error.instance),
        expected=expected,
        language=languages[0],
    )


def _code_fenced(error: ValidationError, location: Location) -> str | None:
    if _allowed(error) != [True] or error.instance is not False or location.node.get("type") != "code":
        return None
    from doclint.schema_messages import section_phrase

    return format_message(
        _(
            "the code block in {section} is indented, where the schema expects a fenced one; put it between "
            "lines of ``` without the indent"
        ),
        section=section_phrase(location.section),
    )


_BUILDERS: dict[tuple[str, str], Callable[[ValidationError, "Location"], "str | None"]] = {
    ("section", "kind"): _section_kind,
    ("section", "level"): _section_level,
    ("section", "number"): _section_number,
    ("section", "setext"): _section_setext,
    ("block", "type"): _block_type,
    ("block", "ordered"): _list_ordered,
    ("block", "language"): _code_language,
    ("block", "fenced"): _code_fenced,
}
