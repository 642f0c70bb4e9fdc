"""Applying fixes: edits on the original text, in passes, until nothing changes.

Each pass runs every rule over the current texts, takes the fixes allowed by
the applicability chosen (safe, or safe and unsafe), and applies the edits of
each file from the end backwards. A fix whose edits overlap an edit already
taken in this pass waits for the next pass, which re-parses the document and
so applies to the text after the first fix. Passes stop when no fix applies. A
bound on the passes and a record of every text seen stop a loop of fixes that
undo each other; that is a bug in a rule, reported as FixLoopError.

A later pass applies an unsafe fix only to a finding that the first check
reported. Such a finding is recognised by its rule and by where it starts,
moved through the edits of each pass. Otherwise removing an unused import
could make another import unused, and a later pass would remove that one
too, although the user never saw it reported. Safe fixes that earlier fixes
call for, such as renumbering the headings after a copy was removed, are
still applied.

No pass fixes a finding that a suppression comment silenced in the first
check, recognised in the same way. A fix may remove the comment with the
text around it, and the next pass would otherwise fix that finding.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from doclint.diagnostics import Applicability, Diagnostic, Edit, Fix, is_applicable
from doclint.engine import RunResult, check_documents
from doclint.model import Document
from doclint.parse import parse_document
from doclint.registry import Rule
from doclint.settings import Settings
from doclint.source import Source
from doclint.i18n import _

logger = logging.getLogger(__name__)

MAX_PASSES = 10

Place = tuple[str, int]
"""A finding's rule code and the character offset in its document's current text where it starts."""


@dataclass
class _Places:
    """The places of findings of the first check in the current texts, by document path."""

    reported: dict[str, Counter[Place]]
    """The findings whose fixes the first check reported as applicable."""
    silenced: dict[str, Counter[Place]]
    """The findings that suppression comments silenced."""

    def move(self, path: str, edits: Sequence[Edit]) -> None:
        """Move the places in the document at ``path`` through the edits of one pass."""
        for places in (self.reported, self.silenced):
            if path in places:
                places[path] = _moved(places[path], edits)


class FixLoopError(Exception):
    """The fixes did not settle within MAX_PASSES, or came back to an earlier text."""


@dataclass
class FixOutcome:
    result: RunResult
    """The findings that remain after the last pass."""
    original: dict[str, Source] = field(default_factory=dict)
    """The source each changed document had before fixing, by path."""
    fixed: int = 0
    """How many findings that the first check reported fixable the last check no longer reports (``_count_fixed``)."""
    fixed_in: dict[str, int] = field(default_factory=dict)
    """How many of them are in each changed document, by path."""
    rules: Sequence[Rule] | None = None
    """The rules the fixes were checked with (None for every rule)."""

    def without(self, paths: set[str], settings: Settings) -> None:
        """Take back the fixes of the documents at ``paths``, whose files could not be written.

        Their findings are then those of the text on disk, and other
        documents' findings are checked again beside them, because the
        cross-file rules compare documents with each other.
        """
        documents = [
            reparse(document, self.original[document.path].text, settings) if document.path in paths else document
            for document in self.result.documents
        ]
        self.fixed -= sum(self.fixed_in.get(path, 0) for path in paths)
        self.result = check_documents(documents, settings, self.rules, errors=self.result.errors, compared=self.result.compared)

    def changed(self) -> list[Document]:
        """Return the documents whose text the fixes changed, in run order."""
        return [
            document
            for document in self.result.documents
            if document.path in self.original and document.source.text != self.original[document.path].text
        ]


def fix_documents(
    result: RunResult, settings: Settings, unsafe: bool = False, rules: Sequence[Rule] | None = None
) -> FixOutcome:
    """Apply fixes to the documents of a checked run until none applies.

    ``result`` is the first run's result; its documents are replaced by the
    fixed ones in the returned outcome. Raises FixLoopError when the fixes
    do not settle.
    """
    outcome = FixOutcome(result, rules=rules)
    seen: dict[str, set[str]] = {document.path: {document.source.text} for document in result.documents}
    applicable = [diagnostic for diagnostic in result.diagnostics if is_applicable(diagnostic.fix, unsafe)]
    places = _Places(_places(result, applicable), _places(result, result.silenced))
    reported_count = {path: sum(counts.values()) for path, counts in places.reported.items()}

    for number in range(1, MAX_PASSES + 1):
        applied = _apply_pass(outcome, settings, unsafe, seen, places)
        if not applied:
            _count_fixed(outcome, reported_count, places.reported)
            return outcome
        logger.debug("fix pass %d fixed %d findings", number, applied)
        outcome.result = check_documents(
            outcome.result.documents, settings, rules, errors=outcome.result.errors, compared=outcome.result.compared
        )

    raise FixLoopError(_("fixes did not settle after {count} passes; this is a bug in doclint, no file was written").format(count=MAX_PASSES))


def _places(result: RunResult, diagnostics: Iterable[Diagnostic]) -> dict[str, Counter[Place]]:
    """Return the places of findings in a result's documents, counted by document path."""
    sources = {document.path: document.source for document in result.documents}
    places: dict[str, Counter[Place]] = {}
    for diagnostic in diagnostics:
        offset = sources[diagnostic.path].offset(diagnostic.line, diagnostic.column)
        places.setdefault(diagnostic.path, Counter())[(diagnostic.code, offset)] += 1
    return places


def _moved(places: Counter[Place], edits: Sequence[Edit]) -> Counter[Place]:
    """Return where the places are in the text after the edits, which must not overlap.

    A place inside an edited span is dropped, because its text was removed
    or replaced. A place at the start of a rewritten number stays at the
    start of the new number, because its heading or step is still there.
    A place at the end of an edit, or at an insertion, moves with the text
    that follows the edit.
    """
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    ends = [edit.end for edit in ordered]
    shifts = [0]
    for edit in ordered:
        shifts.append(shifts[-1] + len(edit.replacement) - (edit.end - edit.start))

    moved: Counter[Place] = Counter()
    for (code, offset), count in places.items():
        before = bisect.bisect_right(ends, offset)
        if before < len(ordered) and ordered[before].start <= offset and not _rewrites_at(ordered[before], offset):
            continue
        moved[(code, offset + shifts[before])] += count
    return moved


def _rewrites_at(edit: Edit, offset: int) -> bool:
    """Return whether ``edit`` writes new text in place of the text that starts at ``offset``."""
    return edit.start == offset and edit.replacement != ""


def _count_fixed(outcome: FixOutcome, reported_count: dict[str, int], reported: dict[str, Counter[Place]]) -> None:
    """Record as fixed the findings that the first check reported fixable and the last one no longer reports.

    ``reported`` contains the places of those findings after every pass, so
    a finding counts as still there when the last check reports its rule
    at its moved place. Findings that a fix brought up and a later pass
    fixed are not counted, so "Fixed N problems" never exceeds the "N
    fixable" of a check before it.
    """
    remaining = _places(outcome.result, outcome.result.diagnostics)
    outcome.fixed_in = {
        path: reported_count.get(path, 0) - sum((reported.get(path, Counter()) & remaining.get(path, Counter())).values())
        for path in outcome.original
    }
    outcome.fixed = sum(outcome.fixed_in.values())


def _apply_pass(outcome: FixOutcome, settings: Settings, unsafe: bool, seen: dict[str, set[str]], places: _Places) -> int:
    """Apply one pass of non-overlapping fixes; return how many findings they fixed.

    A fix is taken as ``_takes_fix`` allows, and the ``places`` are then
    moved through the edits of this pass.
    """
    sources = {document.path: document.source for document in outcome.result.documents}
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in outcome.result.diagnostics:
        if _takes_fix(diagnostic, sources[diagnostic.path], unsafe, places):
            by_path.setdefault(diagnostic.path, []).append(diagnostic)

    applied = 0
    documents = []
    for document in outcome.result.documents:
        fixes = [diagnostic.fix for diagnostic in by_path.get(document.path, ()) if diagnostic.fix is not None]
        chosen = select_fixes(fixes)
        if not chosen:
            documents.append(document)
            continue

        edits = [edit for fix in chosen for edit in fix.edits]
        text = apply_edits(document.source.text, edits)
        chosen_ids = {id(fix) for fix in chosen}
        fixed_findings = sum(1 for diagnostic in by_path[document.path] if id(diagnostic.fix) in chosen_ids)
        if text in seen[document.path]:
            raise FixLoopError(
                f"fixes of {document.path} came back to an earlier text; this is a bug in doclint, no file was written"
            )
        seen[document.path].add(text)
        outcome.original.setdefault(document.path, document.source)
        documents.append(reparse(document, text, settings))
        places.move(document.path, edits)
        applied += fixed_findings

    outcome.result.documents = documents
    return applied


def _takes_fix(diagnostic: Diagnostic, source: Source, unsafe: bool, places: _Places) -> bool:
    """Return whether a pass may apply a finding's fix.

    A fix is never applied at a place that the first check silenced. Else a
    safe fix is always applied, and an unsafe one at a place that the first
    check reported.
    """
    if diagnostic.fix is None or not is_applicable(diagnostic.fix, unsafe):
        return False

    place = (diagnostic.code, source.offset(diagnostic.line, diagnostic.column))
    if place in places.silenced.get(diagnostic.path, ()):
        logger.debug("%s:%d: %s was silenced in the first check; not fixing it", diagnostic.path, diagnostic.line, diagnostic.rule)
        return False
    if diagnostic.fix.applicability is Applicability.SAFE:
        return True
    return place in places.reported.get(diagnostic.path, ())


def select_fixes(fixes: Sequence[Fix]) -> list[Fix]:
    """Choose fixes whose edits overlap no edit of a fix chosen before, in text order.

    Edits that only touch (one ends where the next starts) do not overlap.
    Several findings may share one fix object (a renumbering fixes every
    break of a sequence); it is chosen once. The edits taken are kept
    sorted, so each check looks only at its neighbours and a file with
    thousands of fixes is handled in O(n log n).
    """
    chosen: list[Fix] = []
    chosen_ids: set[int] = set()
    taken = _TakenEdits()
    for fix in sorted(fixes, key=lambda fix: min(edit.start for edit in fix.edits)):
        if id(fix) in chosen_ids:
            continue
        if any(taken.overlaps(edit) for edit in fix.edits):
            continue
        chosen.append(fix)
        chosen_ids.add(id(fix))
        for edit in fix.edits:
            taken.add(edit)
    return chosen


class _TakenEdits:
    """Edits that overlap no other, sorted by (start, end), for overlap checks by binary search.

    Because no two of them overlap, sorting them by start also sorts them
    by end. So the edits that can overlap a new one, those that start at
    or before its end and end at or after its start, are a contiguous run.
    The edits of one fix are added without a check against each other, so
    they must not overlap, which ``apply_edits`` requires too.
    """

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._ends: list[int] = []

    def overlaps(self, edit: Edit) -> bool:
        first = bisect.bisect_left(self._ends, edit.start)
        last = bisect.bisect_right(self._spans, (edit.end, edit.end))
        return any(_overlaps(edit, Edit(*self._spans[index], "")) for index in range(first, last))

    def add(self, edit: Edit) -> None:
        index = bisect.bisect_right(self._spans, (edit.start, edit.end))
        self._spans.insert(index, (edit.start, edit.end))
        self._ends.insert(index, edit.end)


def _overlaps(first: Edit, second: Edit) -> bool:
    if first.start == first.end == second.start == second.end:
        return True
    return first.start < second.end and second.start < first.end


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits to text.

    The result is joined once from the text between the edits and their
    replacements, which takes time linear in the text and the edits.
    Splicing each edit into the whole text would copy the text once per
    edit.
    """
    pieces = []
    position = 0
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        pieces.append(text[position:edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def reparse(document: Document, text: str, settings: Settings) -> Document:
    """Parse new text for a document, keeping its path, encoding, BOM and whether the encoding was detected."""
    source = document.source
    fixed = Source.from_text(source.path, text, encoding=source.encoding, bom=source.bom, detected=source.detected)
    return parse_document(fixed, settings.label_table)
