"""Numbered lines of prose that skip, repeat or go back: ``1、…``, ``2、…``, ``4、…`` outside any Q&A item.

Chinese articles number their points as plain paragraphs (``1、``,
``1．``, ``（1）``, ``①``), which Markdown shows as written, so a reader
sees "1、 2、 4、" and looks for the lost third point. heading-numbering
reads such a line as an item only when an answer field follows it, and
step-numbering checks only the steps of an answer, so without this rule
nothing checks them.

The lines checked are those that open with a number in the section's own
paragraphs (and in the paragraphs before the first heading), read as
``doclint.line_steps`` reads steps. A section with labelled fields is a
Q&A item or holds one, and is left to step-numbering, which checks its
answer and leaves its explanation alone on purpose. Lines inside lists,
block quotes and admonitions are not read. Each numbering family (``1、``,
``（1）``, ``①``) is a sequence of its own, and a family's first line in a
section must be numbered 1, as in ``doclint.line_steps``. A line in a new
paragraph or after a line of text that goes back to the first number
starts a new run (``_runs``). A run with a number of 100 or more is left alone, because
such numbers are more often codes than points.

The fix renumbers the run so that it counts up by one from its first
number. It is safe when nothing in the document cites a number that it
changes (``doclint.number_citations``), because only the numbers change,
and unsafe otherwise: "见第4点" would then point at another point.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from doclint.diagnostics import Applicability, Diagnostic, Fix, RelatedLocation, Severity
from doclint.i18n import N_, _, format_message
from doclint.line_steps import step_marker
from doclint.model import Block, Document, Paragraph, Step
from doclint.number_citations import cited_numbers
from doclint.qa import excerpt
from doclint.registry import Rule
from doclint.rules.numbering import BreakKind
from doclint.rules.step_numbering import (
    StepBreak,
    WrittenNumber,
    counted_values,
    one_per_step_mistake,
    planned_numbers,
    remedy,
    renumber_edits,
    step_breaks,
    written_number,
)
from doclint.settings import Settings

CODE_NUMBER_LIMIT = 100
"""A run with a number of this or more is left alone: such numbers are more often codes (HTTP 404) than points."""


def check_paragraph_numbering(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    block_lists = [document.blocks, *(section.blocks for section in document.walk() if not section.fields)]
    for blocks in block_lists:
        for family_lines in _numbered_lines(document, blocks):
            if family_lines[0].number != 1:
                continue
            for run in _runs(family_lines):
                yield from _run_diagnostics(document, run)


def _runs(lines: list[Step]) -> Iterator[list[Step]]:
    """Yield the runs of numbered lines: a line that goes back to the first number after other text starts a new run.

    Prose gives two lists one after the other ("优点：" 1、2、, then
    "缺点：" 1、2、), with a blank line or a line of text between them. A
    first number right after the line before it is a break of the run.
    """
    run = [lines[0]]
    for line in lines[1:]:
        if line.number == run[0].number and line.line > run[-1].line + 1:
            yield run
            run = []
        run.append(line)
    yield run


def _numbered_lines(document: Document, blocks: list[Block]) -> list[list[Step]]:
    """Return the lines of the top-level paragraphs that open with a number, one list per numbering family."""
    by_family: dict[str, list[Step]] = {}
    source = document.source
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        for line in range(block.line, block.end_line + 1):
            text = source.line_text(line)
            marker = step_marker(text)
            if marker is not None:
                by_family.setdefault(marker.family, []).append(Step(line, line, marker.number, None, text.strip()))
    return list(by_family.values())


def _run_diagnostics(document: Document, run: list[Step]) -> Iterator[Diagnostic]:
    breaks = list(step_breaks(run))
    if not breaks or max(step.number or 0 for step in run) >= CODE_NUMBER_LIMIT:
        return

    written = {step.line: written_number(document, step) for step in run}
    planned = planned_numbers(run, written)
    fix = _renumber_fix(document, run, written, planned)
    renumbered = {step.line: number for step, number in zip(run, planned)} if fix is not None else {}
    for found in one_per_step_mistake(breaks, renumbered):
        yield _diagnostic(document, found, written, renumbered, fix)


def _renumber_fix(document: Document, run: list[Step], written: dict[int, WrittenNumber | None], planned: list[str]) -> Fix | None:
    """Renumber a run so that it counts up by one; safe unless the document cites a number that the fix changes."""
    edits = renumber_edits(document, run, written, planned, {PARAGRAPH_NUMBERING.name, PARAGRAPH_NUMBERING.code})
    if edits is None:
        return None

    message = _("renumber the numbered lines from line {line} so that they run from {first} to {last}").format(
        line=run[0].line, first=planned[0], last=planned[-1]
    )
    applicability = Applicability.UNSAFE if _cites_changed_number(document, run, planned) else Applicability.SAFE
    return Fix(tuple(edits), applicability, message)


def _cites_changed_number(document: Document, run: list[Step], planned: list[str]) -> bool:
    """Return whether the document cites a number that the fix changes, such as "见第4点" or a link to ``#4-启动``.

    A numbered line counts after its number, so that a point that cites
    another ("4、同第2点") counts, but its own number does not.
    """
    changed = {step.number for step, value in zip(run, counted_values(run)) if step.number != value}
    own_lines = {step.line for step in run}
    source = document.source
    lines = [source.line_text(line) for line in range(1, source.line_count + 1) if line not in own_lines]
    lines += [_after_number(document, step) for step in run]
    return not changed.isdisjoint(cited_numbers(lines))


def _after_number(document: Document, step: Step) -> str:
    """Return the text of a numbered line after its number."""
    line = document.source.line_text(step.line)
    marker = written_number(document, step)
    return line[marker.end_column - 1:] if marker is not None else line


def _diagnostic(
    document: Document, found: StepBreak, written: dict[int, WrittenNumber | None], renumbered: dict[int, str], fix: Fix | None
) -> Diagnostic:
    step, previous = found.step, found.previous
    marker, previous_marker = written[step.line], written[previous.line]
    number = marker.text if marker else str(step.number)
    previous_number = previous_marker.text if previous_marker else str(previous.number)
    keeps = _("the fix leaves it at {number} and renumbers the previous line to {previous}")
    message = format_message(
        _(_MESSAGES[found.kind]),
        text=excerpt(step.text),
        number=number,
        previous=previous_number,
        line=previous.line,
        remedy=remedy(found, number, previous_number, renumbered, keeps),
    )
    column, end_column = (marker.column, marker.end_column) if marker else (1, None)
    related = RelatedLocation(document.path, previous.line, previous_marker.column if previous_marker else 1, _("previous numbered line"))
    return PARAGRAPH_NUMBERING.diagnostic(
        document, step.line, step.line, message, column=column, related=[related], end_column=end_column, fix=fix
    )


_MESSAGES = {
    BreakKind.SKIP: N_('numbered line "{text}" skips from {previous} (line {line}) to {number}; {remedy}'),
    BreakKind.REPEAT: N_('numbered line "{text}" repeats number {number} from line {line}; {remedy}'),
    BreakKind.BACKWARDS: N_('numbered line "{text}" goes back from {previous} (line {line}) to {number}; {remedy}'),
}


PARAGRAPH_NUMBERING = Rule(
    code="DL404",
    name="paragraph-numbering",
    summary=N_("A numbered line of prose outside any Q&A item skips, repeats or goes back from the number of the line before it."),
    severity=Severity.WARNING,
    fixable=True,
    check=check_paragraph_numbering,
    scope="document",
)

RULES = (PARAGRAPH_NUMBERING,)
