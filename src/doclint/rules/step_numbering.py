"""Numbered steps of an answer that skip, repeat or go back.

Only the answer field is checked, because its steps are the procedure that
a reader follows by number. The numbered lines of a question or an
explanation are more often references than steps: an explanation that
goes through a question's statements writes ``① 正确`` ``③ 正确`` and
``②④错误``, and renumbering those would change what it says.

The steps of a field (see ``doclint.model.Field``) carry their numbers as
written, from a Markdown ordered list (``1.``, ``2)``) or from numbered
lines (``1、``, ``１.``, ``（1）``, ``①``). Each step is compared with the step
before it, so a field may start at any number and each break is reported
where it happens. These are not reported:

- steps from a bullet list, which have no numbers;
- a run of steps that all carry the same number (``1.``, ``1.``, ``1.``),
  the Markdown habit of letting the renderer count;
- a step in a new paragraph that goes back to the first number of the
  steps, which starts a second numbered list in the same field
  (``方法一：`` 1、2、 then ``方法二：`` 1、2、). Its steps form a run of
  their own.

The fix renumbers the whole run so that it counts up by one from its first
number, in the digits of that number (full-width, circled). It is safe for
the items of a Markdown ordered list: a renderer numbers them by counting
up from the first item anyway, so the fix changes the source to match the
page and leaves the page as it is. It is unsafe for numbered lines, whose
numbers the reader sees as written. There a skipped number may mark a step
that was lost, and renumbering would hide the loss. A run with a step on a
line that a suppression comment for this rule covers gets no fix, so that
the fix never renumbers a step that the author accepted.

One wrong number gives one finding: in ``① ② ② ④`` only the second ``②``
is reported, because the fix keeps ``④`` and the break before ``④`` goes
away with the ``②`` (``one_per_step_mistake``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator

from doclint.diagnostics import Applicability, Diagnostic, Edit, Fix, RelatedLocation, Severity
from doclint.i18n import N_, _, format_message
from doclint.line_steps import CIRCLED_ONE
from doclint.model import Document, Field, ListBlock, Section, Step
from doclint.registry import Rule
from doclint.rules.numbering import BreakKind, one_per_mistake
from doclint.settings import Settings

# A step number on its line: digits before a separator, digits in brackets, or a circled number.
_WRITTEN_NUMBER_RE = re.compile(
    r"(?<![0-9０-９])(?P<digits>[0-9０-９]{1,9})(?=[ \t]*[、.．)）])"
    r"|(?<=[(（])[ \t]*(?P<bracketed>[0-9０-９]{1,9})(?=[ \t]*[)）])"
    r"|(?P<circled>[\u2460-\u2473])"
)

MAX_CIRCLED = 20
"""The largest number of the circled digits U+2460 to U+2473 (① to ⑳)."""


@dataclass(frozen=True)
class WrittenNumber:
    """A step's number where its line shows it."""

    text: str
    """The number as written: ``4``, ``４``, ``④``."""
    column: int
    end_column: int


@dataclass(frozen=True)
class StepBreak:
    step: Step
    previous: Step
    kind: BreakKind


CHECKED_FIELD = "answer"
"""The key of the field whose steps are checked (see the module docstring)."""


def check_step_numbering(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    for section in document.walk():
        field = section.fields.get(CHECKED_FIELD)
        if field is None:
            continue
        list_lines = _list_item_lines(section)
        for run in step_runs(document, field.steps):
            yield from _run_diagnostics(document, section, field, run, list_lines)


def step_runs(document: Document, steps: list[Step]) -> Iterator[list[Step]]:
    """Yield the runs of numbered steps that count as one sequence.

    A step in a new paragraph that goes back to the first number of the
    run starts a new run: the field contains a second numbered list. Steps
    without a number (a bullet list) take no part.
    """
    if len(steps) < 2 or any(step.number is None for step in steps):
        return
    run = [steps[0]]
    for step in steps[1:]:
        if step.number == run[0].number and _starts_paragraph(document, step, run[-1]):
            yield run
            run = []
        run.append(step)
    yield run


def _starts_paragraph(document: Document, step: Step, previous: Step) -> bool:
    """Return whether a blank line separates a step from the step before it."""
    source = document.source
    return any(not source.line_text(line).strip() for line in range(previous.end_line + 1, step.line))


def step_breaks(run: list[Step]) -> Iterator[StepBreak]:
    """Yield each step of a run whose number does not follow the step before it."""
    if all(step.number == run[0].number for step in run):
        return
    for previous, step in zip(run, run[1:]):
        assert previous.number is not None and step.number is not None
        if step.number == previous.number + 1:
            continue
        if step.number == previous.number:
            kind = BreakKind.REPEAT
        elif step.number < previous.number:
            kind = BreakKind.BACKWARDS
        else:
            kind = BreakKind.SKIP
        yield StepBreak(step, previous, kind)


def _run_diagnostics(
    document: Document, section: Section, field: Field, run: list[Step], list_lines: set[int]
) -> Iterator[Diagnostic]:
    breaks = list(step_breaks(run))
    if not breaks:
        return
    written = {step.line: written_number(document, step) for step in run}
    planned = planned_numbers(run, written)
    fix = _renumber_fix(document, run, written, planned, list_lines)
    renumbered = {step.line: number for step, number in zip(run, planned)} if fix is not None else {}
    for found in one_per_step_mistake(breaks, renumbered):
        yield _diagnostic(document, section, field, found, written, renumbered, fix)


def one_per_step_mistake(breaks: list[StepBreak], renumbered: dict[int, str]) -> list[StepBreak]:
    """Leave out a break that only follows from the break before it (``one_per_mistake``).

    Without a fix (a suppressed step) each break is kept, because the
    numbers the author kept may leave the later break standing.
    """
    if not renumbered:
        return breaks
    return one_per_mistake(
        breaks,
        lambda found: (found.step.line, found.previous.line),
        lambda found: _value(renumbered[found.step.line]) == found.step.number,
    )


def _list_item_lines(section: Section) -> set[int]:
    """Return the first lines of the items of the section's own ordered lists."""
    return {item.line for block in section.blocks if isinstance(block, ListBlock) and block.ordered for item in block.items}


def written_number(document: Document, step: Step) -> WrittenNumber | None:
    """Return where a step's line shows its number, or None when the line does not show it (a character reference)."""
    line = document.source.line_text(step.line)
    for found in _WRITTEN_NUMBER_RE.finditer(line):
        text = found.group(found.lastgroup or "")
        if _value(text) == step.number:
            return WrittenNumber(text, found.start(found.lastgroup or 0) + 1, found.end(found.lastgroup or 0) + 1)
    return None


def _value(text: str) -> int:
    """Return the value of a written step number: ``4``, ``４`` or ``④``."""
    if _is_circled(text):
        return ord(text) - CIRCLED_ONE + 1
    return int(text)


def _is_circled(text: str) -> bool:
    return len(text) == 1 and CIRCLED_ONE <= ord(text) < CIRCLED_ONE + MAX_CIRCLED


def number_like(model: str, value: int) -> str:
    """Write ``value`` as ``model`` writes its number: circled, full-width or ASCII digits."""
    if _is_circled(model):
        return chr(CIRCLED_ONE + value - 1) if 1 <= value <= MAX_CIRCLED else str(value)
    zero = ord(model[0]) - unicodedata.decimal(model[0])
    return "".join(chr(zero + int(digit)) for digit in str(value))


def _renumber_fix(
    document: Document, run: list[Step], written: dict[int, WrittenNumber | None], planned: list[str], list_lines: set[int]
) -> Fix | None:
    """Renumber a run so that it counts up by one from its first number; None when a number cannot be rewritten.

    Safe for Markdown list items, whose rendered numbers already count up,
    and unsafe for numbered lines (see the module docstring).
    """
    edits = renumber_edits(document, run, written, planned, {STEP_NUMBERING.name, STEP_NUMBERING.code})
    if edits is None:
        return None

    in_list = all(step.line in list_lines for step in run)
    message = _("renumber the steps from line {line} so that they run from {first} to {last}").format(
        line=run[0].line, first=planned[0], last=planned[-1]
    )
    return Fix(tuple(edits), Applicability.SAFE if in_list else Applicability.UNSAFE, message)


def planned_numbers(run: list[Step], written: dict[int, WrittenNumber | None]) -> list[str]:
    """Return the numbers that renumbering writes over a run, in the digits of its first number as written."""
    first = written[run[0].line]
    return [number_like(first.text if first else "1", value) for value in counted_values(run)]


def renumber_edits(
    document: Document, run: list[Step], written: dict[int, WrittenNumber | None], planned: list[str], rule_names: set[str]
) -> list[Edit] | None:
    """Return the edits that write ``planned`` over a run's numbers, or None when the run must keep its numbers.

    A run keeps them when a suppression comment for one of ``rule_names``
    covers one of its lines, so that no fix renumbers a number the author
    accepted. It also keeps them when a number cannot be written: a line
    that does not show its number, or a circled run that would count past ⑳.
    """
    if _accepted(document, run, rule_names) or not all(_value(number) == value for number, value in zip(planned, counted_values(run))):
        return None
    edits = []
    source = document.source
    for step, number in zip(run, planned):
        shown = written[step.line]
        if shown is None:
            return None
        if shown.text == number:
            continue
        start = source.offset(step.line, shown.column)
        edits.append(Edit(start, source.offset(step.line, shown.end_column), number))
    return edits or None


def counted_values(run: list[Step]) -> list[int]:
    """Return the numbers that renumbering gives a run: counting up by one from its first number."""
    return [(run[0].number or 0) + index for index in range(len(run))]


def _accepted(document: Document, run: list[Step], names: set[str]) -> bool:
    """Return whether a suppression comment for one of the rule names or codes ``names`` covers a line of the run's steps."""
    # Imported here: most fields have no numbering break, and so never need the suppressions.
    from doclint.suppressions import parse_suppressions

    suppressions = [
        suppression for suppression in parse_suppressions(document) if not suppression.rules or suppression.rules & names
    ]
    return any(suppression.start <= step.line <= suppression.end for suppression in suppressions for step in run)


def field_phrase(section: Section, field: Field) -> str:
    """Return how messages name a field: ``the answer of item "2. 虚拟环境"``; a field of another key by its label.

    A numbered section and a section of kind ``item`` (a bold question or
    a pair of a flat FAQ) are items, as the Q&A rules call them.
    """
    # The same words as the schema messages; doclint.schema_messages is not imported, because it loads jsonschema.
    if section.number is not None or section.kind == "item":
        owner = _('item "{heading}"').format(heading=section.heading)
    else:
        owner = _('section "{heading}"').format(heading=section.heading)
    phrases = {
        "question": N_("the question of {section}"),
        "answer": N_("the answer of {section}"),
        "explanation": N_("the explanation of {section}"),
    }
    if field.key in phrases:
        return format_message(_(phrases[field.key]), section=owner)
    return format_message(_("the {label} field of {section}"), label=field.label, section=owner)


def _diagnostic(
    document: Document,
    section: Section,
    field: Field,
    found: StepBreak,
    written: dict[int, WrittenNumber | None],
    renumbered: dict[int, str],
    fix: Fix | None,
) -> Diagnostic:
    step, previous = found.step, found.previous
    shown, previous_shown = written[step.line], written[previous.line]
    number = shown.text if shown else str(step.number)
    previous_number = previous_shown.text if previous_shown else str(previous.number)
    messages = {
        BreakKind.SKIP: _("in {field}, the step number skips from {previous} (line {line}) to {number}; {remedy}"),
        BreakKind.REPEAT: _("in {field}, step number {number} repeats the number of the step at line {line}; {remedy}"),
        BreakKind.BACKWARDS: _("in {field}, the step number goes back from {previous} (line {line}) to {number}; {remedy}"),
    }
    message = format_message(
        messages[found.kind],
        number=number,
        field=field_phrase(section, field),
        previous=previous_number,
        line=previous.line,
        remedy=remedy(found, number, previous_number, renumbered),
    )
    column, end_column = (shown.column, shown.end_column) if shown else (1, None)
    related = RelatedLocation(document.path, previous.line, previous_shown.column if previous_shown else 1, _("previous step"))
    return STEP_NUMBERING.diagnostic(
        document, step.line, step.line, message, column=column, related=[related], end_column=end_column, fix=fix
    )


def remedy(found: StepBreak, number: str, previous_number: str, renumbered: dict[int, str], keeps: str | None = None) -> str:
    """Return the end of a message: the number the fix writes at the step, or the previous number plus one without a fix.

    ``keeps`` is the translated message for a step that the fix leaves as
    it is while it renumbers the step before it, with ``{number}`` and
    ``{previous}``. It names a step unless a caller names its own lines.
    """
    fixed = renumbered.get(found.step.line)
    if fixed is None:
        return _("expected {expected}").format(expected=number_like(previous_number, (found.previous.number or 0) + 1))
    if fixed != number:
        return _("the fix renumbers it to {number}").format(number=fixed)
    if keeps is None:
        keeps = _("the fix leaves it at {number} and renumbers the previous step to {previous}")
    return keeps.format(number=number, previous=renumbered[found.previous.line])


STEP_NUMBERING = Rule(
    code="DL403",
    name="step-numbering",
    summary=N_("A numbered step in an answer skips, repeats or goes back from the number of the step before it."),
    severity=Severity.WARNING,
    fixable=True,
    check=check_step_numbering,
    scope="document",
)

RULES = (STEP_NUMBERING,)
