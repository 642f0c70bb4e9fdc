"""The numbers that heading-numbering's fix writes when ``--unsafe-fixes`` also removes copies of sections in other places.

heading-numbering runs on one document at a time, so it counts a section
that copies a section of another file, or of another parent in the same
file, like any other heading. Only duplicate-section, which compares
documents with each other, finds such a copy, and only ``--fix
--unsafe-fixes`` removes it. After that removal a later fix pass
renumbers the headings that followed the copy, so their numbers differ
from the ones that the rule's own messages name.

A check of the run has both findings. So for a document with such a
removal, the rule runs again with the removed copies left out, and each
message is compared with the number that this second fix writes. A
message whose heading then gets another number gains a clause with that
number and the lines of the copies.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Iterable, Sequence

from doclint.diagnostics import Applicability, Diagnostic
from doclint.i18n import _, join_items, ngettext

if TYPE_CHECKING:
    from doclint.model import Document, Section
    from doclint.settings import Settings

DUPLICATE_CODE = "DL101"
NUMBERING_CODE = "DL402"


def with_unsafe_outcome(documents: Sequence[Document], diagnostics: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """Return ``diagnostics`` with each heading-numbering message that ``--unsafe-fixes`` would prove wrong extended.

    Only findings that are reported count: a duplicate-section finding
    whose removal a suppression comment silenced is never fixed, so it
    changes no number.
    """
    removals: dict[str, list[int]] = {}
    numbering: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.code == NUMBERING_CODE and diagnostic.fix is not None:
            numbering.setdefault(diagnostic.path, []).append(diagnostic)
        elif _removes_copy_unsafely(diagnostic):
            removals.setdefault(diagnostic.path, []).append(diagnostic.line)
    paths = numbering.keys() & removals.keys()
    if not paths:
        return diagnostics

    by_path = {document.path: document for document in documents}
    amended = {}
    for path in paths:
        amended.update(_amended(by_path[path], numbering[path], removals[path], settings))
    return [amended.get(id(diagnostic), diagnostic) for diagnostic in diagnostics]


def _removes_copy_unsafely(diagnostic: Diagnostic) -> bool:
    """Return whether a finding is a duplicate-section copy that only ``--unsafe-fixes`` removes."""
    fix = diagnostic.fix
    return diagnostic.code == DUPLICATE_CODE and fix is not None and fix.applicability is Applicability.UNSAFE


def _amended(
    document: Document, findings: Iterable[Diagnostic], copy_lines: Sequence[int], settings: Settings
) -> dict[int, Diagnostic]:
    """Return, by ``id``, the findings of one document whose heading ends with another number once the copies are removed."""
    from doclint.rules.numbering import check_numbering

    sections = {section.line: section for section in document.walk()}
    copies = [sections[line] for line in copy_lines if line in sections]
    removed_lines = {inner.line for copy in copies for inner in copy.walk()}
    after_removal = _written_numbers(document, check_numbering(document, settings, removed=copies))
    amended = {}
    for finding in findings:
        if finding.line in removed_lines:
            continue
        start = document.source.offset(finding.line, finding.column)
        announced = _written_numbers(document, [finding]).get(start)
        final = after_removal.get(start)
        if final == announced:
            continue
        written = document.source.text[start:document.source.offset(finding.end_line, finding.end_column)]
        lines = [copy.line for copy in copies if copy.line < finding.line] or [copy.line for copy in copies]
        amended[id(finding)] = dataclasses.replace(finding, message=finding.message + _outcome(final, written, lines))
    return amended


def _written_numbers(document: Document, findings: Iterable[Diagnostic]) -> dict[int, str]:
    """Return, by the offset where a heading's number starts, the number that the fixes of ``findings`` write there."""
    numbers = {}
    for finding in findings:
        if finding.fix is not None and finding.code == NUMBERING_CODE:
            numbers.update({edit.start: edit.replacement for edit in finding.fix.edits})
    return numbers


def _outcome(final: str | None, written: str, lines: Sequence[int]) -> str:
    """Return the end of a message: the number that the heading gets when ``--unsafe-fixes`` removes the copies at ``lines``.

    The space and the brackets are part of the message, because Chinese
    puts no space before its full-width brackets.
    """
    copies = ngettext(
        "the copy at line {lines}", "the copies at lines {lines}", len(lines)
    ).format(lines=join_items(map(str, lines)))
    if final is None:
        return _(" (the fixes leave it at {number} instead when --unsafe-fixes also removes {copies})").format(
            copies=copies, number=written
        )
    return _(" (the fixes renumber it to {number} instead when --unsafe-fixes also removes {copies})").format(
        copies=copies, number=final
    )
