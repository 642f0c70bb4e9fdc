"""The numbers that heading-numbering's fix writes when ``--unsafe-fixes`` also removes copies of sections in other places.

heading-numbering runs on one document at a time, so it counts a section
that copies a section of another file, or of another parent in the same
file, like any other heading. Only duplicate-section, which compares
documents with each other, finds such a copy, and only ``--fix
--unsafe-fixes`` removes it. After that removal a later fix pass
renumbers the headings that followed the copy, so their numbers differ
from the ones that the rule's own messages name.

A check of the run has both findings. So for a document with such a
removal, the fix passes of ``--fix --unsafe-fixes`` are replayed on that
document alone. As in ``doclint.fixer``, the first pass takes the fixes
of the check's findings. Each later pass takes the fixes of
heading-numbering: safe ones everywhere, and unsafe ones only at the
places of the findings that the check reported. It also takes the copy
removals that overlapped a renumbering in an earlier pass. Each finding's heading
is followed through the edits, and a message whose heading ends with
another number than the message names gains a clause with that number
and the lines of the copies. Other rules' fixes in later passes are not
replayed: they rarely change a heading's number.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Sequence

from doclint.diagnostics import Applicability, Diagnostic, Edit, Fix
from doclint.i18n import _, join_items, ngettext

if TYPE_CHECKING:
    from doclint.model import Document, Section
    from doclint.settings import Settings

DUPLICATE_CODE = "DL101"
NUMBERING_CODE = "DL402"
MAX_PASSES = 10
"""The passes replayed at most, as many as ``doclint.fixer`` runs."""


def with_unsafe_outcome(documents: Sequence[Document], diagnostics: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """Return ``diagnostics`` with each heading-numbering message that ``--fix --unsafe-fixes`` would prove wrong extended.

    Only findings that are reported count: a duplicate-section finding
    whose removal a suppression comment silenced is never fixed, so it
    changes no number.
    """
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    documents_by_path = {document.path: document for document in documents}
    amended: dict[int, Diagnostic] = {}
    for path, found in by_path.items():
        copies = [diagnostic.line for diagnostic in found if _removes_copy_unsafely(diagnostic)]
        numbering = [diagnostic for diagnostic in found if diagnostic.code == NUMBERING_CODE and diagnostic.fix is not None]
        if copies and numbering and path in documents_by_path:
            amended.update(_amended(documents_by_path[path], found, numbering, copies, settings))
    if not amended:
        return diagnostics
    return [amended.get(id(diagnostic), diagnostic) for diagnostic in diagnostics]


def _removes_copy_unsafely(diagnostic: Diagnostic) -> bool:
    """Return whether a finding is a duplicate-section copy that only ``--unsafe-fixes`` removes."""
    fix = diagnostic.fix
    return diagnostic.code == DUPLICATE_CODE and fix is not None and fix.applicability is Applicability.UNSAFE


def _amended(
    document: Document, found: Sequence[Diagnostic], numbering: Sequence[Diagnostic], copy_lines: Sequence[int], settings: Settings
) -> dict[int, Diagnostic]:
    """Return, by ``id``, the numbering findings of one document whose heading ends with another number than announced."""
    from doclint.rules.numbering import joined_runs

    source = document.source
    starts = {id(finding): source.offset(finding.line, finding.column) for finding in numbering}
    fixed, places = _replayed(document, found, starts, settings)
    final_numbers = _numbers_by_start(fixed)
    runs = list(joined_runs(document, settings))
    amended = {}
    for finding in numbering:
        place = places.get(id(finding))
        if place is None:
            # The heading went with a removed copy.
            continue
        start = starts[id(finding)]
        written = source.text[start:source.offset(finding.end_line, finding.end_column)]
        announced = _announced(finding, start) or written
        final = final_numbers.get(place)
        if final is None or final == announced:
            continue
        lines = _copies_counted_before(document, finding.line, copy_lines, runs) or list(copy_lines)
        amended[id(finding)] = dataclasses.replace(finding, message=finding.message + _outcome(final, written, lines))
    return amended


def _copies_counted_before(document: Document, line: int, copy_lines: Sequence[int], runs: Sequence[list[Section]]) -> list[int]:
    """Return the copy lines before the heading at ``line`` that are its siblings or the siblings of a heading above it.

    Only the removal of these copies changes the heading's number, because
    a copy under another parent is counted in another run. A copy under an
    earlier parent counts too when the heading's run continues the
    numbering of that parent's run (``doclint.continued_numbering``), as
    one of ``runs``, the joined runs that heading-numbering checks.
    """
    counted: set[int] = set()
    level = document.sections
    while level:
        counted.update(section.line for section in level)
        above = [section for section in level if section.line <= line <= section.end_line]
        if not above or above[0].line == line:
            break
        level = above[0].children
    for run in runs:
        lines = {section.line for section in run}
        if line in lines:
            counted.update(lines)
    return [copy for copy in copy_lines if copy < line and copy in counted]


def _replayed(
    document: Document, found: Sequence[Diagnostic], starts: dict[int, int], settings: Settings
) -> tuple[Document, dict[int, int]]:
    """Replay the fix passes of ``--fix --unsafe-fixes`` on one document; return it fixed and where each start moved.

    ``starts`` maps a finding's ``id`` to the offset where its heading's
    number starts; a start inside a removed span is dropped.
    """
    from doclint.fixer import apply_edits, reparse, select_fixes
    from doclint.rules.numbering import check_numbering

    places = dict(starts)
    reported = set(starts.values())
    fixes: list[Fix] = [diagnostic.fix for diagnostic in found if diagnostic.fix is not None]
    removals = [diagnostic.fix for diagnostic in found if diagnostic.code == DUPLICATE_CODE and diagnostic.fix is not None]
    for _pass in range(MAX_PASSES):
        chosen = select_fixes(fixes)
        if not chosen:
            break
        edits = [edit for fix in chosen for edit in fix.edits]
        document = reparse(document, apply_edits(document.source.text, edits), settings)
        places = {key: moved for key, start in places.items() if (moved := _moved(start, edits)) is not None}
        reported = {moved for start in reported if (moved := _moved(start, edits)) is not None}
        removals = _waiting(removals, chosen, edits)
        source = document.source
        fixes = [
            finding.fix
            for finding in check_numbering(document, settings)
            if finding.fix is not None
            and (finding.fix.applicability is Applicability.SAFE or source.offset(finding.line, finding.column) in reported)
        ]
        fixes += removals
    return document, places


def _waiting(removals: Sequence[Fix], chosen: Sequence[Fix], edits: Sequence[Edit]) -> list[Fix]:
    """Return the copy removals that a pass did not apply, moved through its ``edits``.

    A removal overlaps a renumbering that rewrites the copy's own number
    when the copy is counted in its run, so it waits for the next pass.
    There duplicate-section finds the copy again, with its new number, and
    removes the same span, which contains the rewritten number.
    """
    chosen_ids = {id(fix) for fix in chosen}
    waiting = []
    for fix in removals:
        if id(fix) in chosen_ids:
            continue
        moved = [_moved_span(edit, edits) for edit in fix.edits]
        if all(edit is not None for edit in moved):
            waiting.append(dataclasses.replace(fix, edits=tuple(edit for edit in moved if edit is not None)))
    return waiting


def _moved_span(span: Edit, edits: Sequence[Edit]) -> Edit | None:
    """Return ``span`` after the ``edits``, which lie before, after or wholly inside it, or None when one crosses its ends."""
    start_shift = end_shift = 0
    for edit in edits:
        change = len(edit.replacement) - (edit.end - edit.start)
        if edit.end <= span.start:
            start_shift += change
            end_shift += change
        elif span.start <= edit.start and edit.end <= span.end:
            end_shift += change
        elif edit.start < span.end:
            return None
    return dataclasses.replace(span, start=span.start + start_shift, end=span.end + end_shift)


def _moved(offset: int, edits: Sequence[Edit]) -> int | None:
    """Return where ``offset`` is after the non-overlapping ``edits``, or None when an edit removed or replaced the text around it.

    An edit that starts at ``offset`` rewrites the number that starts
    there, so the offset stays at the start of its replacement.
    """
    shift = 0
    for edit in edits:
        if edit.start == offset:
            continue
        if edit.end <= offset:
            shift += len(edit.replacement) - (edit.end - edit.start)
        elif edit.start < offset:
            return None
    return offset + shift


def _numbers_by_start(document: Document) -> dict[int, str]:
    """Return each heading's number as written, by the offset where it starts."""
    from doclint.rules.numbering import number_span

    source = document.source
    numbers = {}
    for section in document.walk():
        if section.number is None:
            continue
        column, end_column = number_span(document, section)
        start = source.offset(section.line, column)
        numbers[start] = source.text[start:source.offset(section.line, end_column)]
    return numbers


def _announced(finding: Diagnostic, start: int) -> str | None:
    """Return the number that a finding's fix writes at ``start``, or None when it leaves the number there."""
    assert finding.fix is not None
    return next((edit.replacement for edit in finding.fix.edits if edit.start == start), None)


def _outcome(final: str, written: str, lines: Sequence[int]) -> str:
    """Return the end of a message: the number that the heading gets when ``--unsafe-fixes`` removes the copies at ``lines``.

    The space and the brackets are part of the message, because Chinese
    puts no space before its full-width brackets.
    """
    copies = ngettext(
        "the copy at line {lines}", "the copies at lines {lines}", len(lines)
    ).format(lines=join_items(map(str, lines)))
    if final == written:
        return _(" (the fixes leave it at {number} instead when --unsafe-fixes also removes {copies})").format(
            copies=copies, number=final
        )
    return _(" (the fixes renumber it to {number} instead when --unsafe-fixes also removes {copies})").format(
        copies=copies, number=final
    )
