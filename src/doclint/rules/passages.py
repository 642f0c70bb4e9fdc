"""``borrowed-passage``: a step or sentence that repeats a passage of an item with another question.

Generated Q&A articles often paste a step or an explanation from one item
into another, where it does not fit the question. ``doclint.passages``
finds such passages once the document's template is removed. The finding
is at the borrowing unit, with the earlier item's unit as the source. A
person must rewrite the passage, so there is no automatic fix.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from doclint.diagnostics import Diagnostic, RelatedLocation, Severity, describe_location
from doclint.i18n import N_, _, format_message
from doclint.model import Document
from doclint.passages import Borrowing, Unit, find_borrowings, fold
from doclint.registry import Rule
from doclint.settings import Settings

QUOTE_CHARS = 40


def check_borrowed_passages(documents: Sequence[Document], settings: Settings) -> Iterable[Diagnostic]:
    borrowings = find_borrowings(documents, settings.same_question_threshold, settings.near_duplicate_threshold)
    for borrowing in borrowings:
        yield _diagnostic(borrowing)


def _diagnostic(borrowing: Borrowing) -> Diagnostic:
    unit, source = borrowing.unit, borrowing.source
    if borrowing.exact:
        template = _(
            '{part} of item "{heading}" repeats {source_part} of item "{other}" ({where}): "{quote}"; '
            "the passage answers the other question, so rewrite it for this one"
        )
    else:
        template = _(
            '{part} of item "{heading}" nearly repeats {source_part} of item "{other}" ({where}): "{quote}"; '
            "the passage answers the other question, so rewrite it for this one"
        )
    message = format_message(
        template,
        part=describe_unit(unit),
        heading=unit.entry.section.heading,
        source_part=describe_unit(source),
        other=source.entry.section.heading,
        where=describe_location(source.entry.document.path, source.line, unit.entry.document.path),
        quote=quote(
            unit.text[borrowing.start:borrowing.end],
            starts_inside=_has_words(unit.text[: borrowing.start]),
            ends_inside=_has_words(unit.text[borrowing.end:]),
        ),
    )

    column, end_column = _columns(unit, borrowing)
    related = [
        RelatedLocation(
            source.entry.document.path,
            source.line,
            1,
            _('source: {part} of item "{other}"').format(part=describe_unit(source), other=source.entry.section.heading),
        )
    ]
    return BORROWED_PASSAGE.diagnostic(
        unit.entry.document, unit.line, unit.line, message, column=column, related=related, end_column=end_column
    )


def describe_unit(unit: Unit) -> str:
    if unit.kind == "step":
        return _("step {number}").format(number=unit.number)
    if unit.kind == "explanation":
        return _("the explanation")
    return _("the answer")


def quote(text: str, starts_inside: bool = False, ends_inside: bool = False) -> str:
    """Shorten a passage for a message, keeping its start and end.

    ``starts_inside`` is whether words of its step or paragraph come before
    the passage, and ``ends_inside`` whether words come after it. The quote
    then begins or ends with "…", because the passage may start or stop in
    the middle of a word ("…理模型的应用" from "推理模型的应用").
    """
    text = " ".join(text.split())
    lead = "…" if starts_inside else ""
    tail = "…" if ends_inside else ""
    if len(text) <= QUOTE_CHARS:
        return f"{lead}{text}{tail}"
    head = QUOTE_CHARS * 2 // 3
    return f"{lead}{text[:head]}…{text[-(QUOTE_CHARS - head):]}{tail}"


def _has_words(text: str) -> bool:
    """Return whether a text holds a letter or a digit, not only spaces, punctuation or markup."""
    return any(char.isalnum() for char in text)


def _columns(unit: Unit, borrowing: Borrowing) -> tuple[int, int | None]:
    """Find the passage in the unit's first source line; fall back to the whole line.

    The unit's text is plain text, so a passage with inline code or
    emphasis is not in the source line as it is. Then its letters and
    digits are looked up in those of the line, which skip the markup, and
    the columns run from its first letter or digit to its last.
    """
    line_text = unit.entry.document.source.line_text(unit.line)
    passage = unit.text[borrowing.start:borrowing.end].split("\n")[0]
    found = line_text.find(passage)
    if found >= 0:
        return found + 1, found + len(passage) + 1
    folded_passage, _positions = fold(passage)
    folded_line, positions = fold(line_text)
    found = folded_line.find(folded_passage) if folded_passage else -1
    if found < 0:
        return 1, None
    return positions[found] + 1, positions[found + len(folded_passage) - 1] + 2


BORROWED_PASSAGE = Rule(
    code="DL202",
    name="borrowed-passage",
    summary=N_("A step or sentence repeats a passage of an item that asks a different question."),
    severity=Severity.WARNING,
    fixable=False,
    check=check_borrowed_passages,
)

RULES = (BORROWED_PASSAGE,)
