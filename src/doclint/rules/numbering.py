"""Numbered sibling headings that skip, repeat or go backwards.

Siblings are the subsections of one section, or the top-level sections of a
document. Only numbered siblings take part: an unnumbered heading between
two numbered ones (an appendix, a summary) neither breaks nor restarts the
sequence. Each numbered heading is compared with the numbered sibling before
it, so that a sequence may start at any number (a document that continues
another one's numbering is fine) and each break is reported where it
happens.

Course notes number their exercises across parts (``### 1.`` to ``### 3.``
under ``## Part A``, ``### 4.`` under ``## Part B``). A run of plain
numbers that starts at the last number of the run under an earlier
sibling of its parent, or up to 10 above it, continues that run, and the
two are checked and fixed as one run (``doclint.continued_numbering``). A
run that starts at 1 starts its own numbering.

Only siblings numbered in one style form a sequence (see
``doclint.heading_numbers``): a change of style, such as ``一、`` chapters
followed by ``第1题`` questions, or ``Step 1:`` after ``1.``, starts a new
sequence. The separator after a plain number is no part of its style
(``1.``, ``2、``, ``3)`` are one sequence). Messages write numbers in the heading's style (``四``, ``４``).

A heading numbered ``1.2`` follows ``1.1``: dotted numbers are compared on
their last part. When the number of parts changes between two siblings
(``3`` then ``3.1``), the sequence starts again. A dotted number counts
only under a parent whose number is all of its parts but the last
(``3.1`` under ``3.``), because elsewhere such a heading is a version
(``## 2.1.0``) or a date, which changelogs list in any order. These are
not checked either, because they are release notes rather than sections:

- a number that starts with a year (``## 2024: plans``, ``2024.01.05``);
- a run whose numbers go down and never up (versions newest first, a
  countdown such as 5, 4, 3, 3, 1);
- a run that starts at 100 or above, a list of codes such as HTTP
  statuses (``## 200: OK``, ``## 204``, ``## 400``);
- the dotted numbers of a sibling group in which one has a part 0
  (``2.0``, ``1.0.3``), since section numbers start at 1, or a date in
  its title (``2.3 (2024-06-01)``), since that is a version and its
  release date;
- all numbers under a heading whose title names releases or versions
  ("Releases", "版本");
- the numbers below a heading whose own number is not checked.

A plain number before a date is checked, unlike a heading that is a date:
``## 1、2024年1月 上线`` is an entry of a numbered log, and ``1`` its number.

A section that repeats an earlier sibling word for word, and that
duplicate-section reports, takes no part in the numbering, and the
headings inside it are not checked (``doclint.sibling_copies``). Its
removal is that rule's fix, so the numbers, the messages and the fix
count as if the copy were gone, and one ``--fix`` run writes the number
that a message names. A message names the copies that its count leaves
out between the heading and the previous one.

A finding spans exactly the digits of the heading's number. Its fix
renumbers the whole run of numbered siblings so that it counts up by one
from its first number, with its zero padding and digits (``１`` stays
full-width), and the dotted numbers below each renumbered heading with it
(``7.1`` becomes ``4.1`` when ``7.`` becomes ``4.``). Every finding of
the run carries that same fix. The fix is safe for plain numbers and for
dotted ones that start at 1 (``3.1``), and unsafe for other dotted runs,
which may be versions after all (``2.2``, ``2.4``), and for runs that
may be codes: a run that reaches 100 or jumps by more than 10 (HTTP
400, 401, 403, exit status 130, errno 13), starts at 0 (exit status 0),
has only names in capitals as titles (``## 1: EPERM``), or stands under
a heading that names codes ("Exit codes", "错误码"). A run with a date in
a title gets an unsafe fix too, because its numbers may be release
numbers (``## 9: 2023-12-01``). So does a run whose changed numbers the
document cites ("见第4题", "see Q4", a link to ``#4-install``; see
``doclint.number_citations``), in whatever form the run numbers them
(``第4题``, ``Q4:``, ``Step 4``), because the fix cannot rewrite the
citation. The fix writes a Chinese numeral over a
Chinese numeral (``四、`` becomes ``三、``) when the old and the new
number are both at most ``MAX_CHINESE_FIX`` (九十九): such numerals are
written one way only, so the fix keeps the heading's style. A run with a
number that cannot be rewritten where it is written (a larger Chinese
numeral, or a digit written as a character reference) gets no fix.

A heading on a line that a suppression comment for this rule covers keeps
its number, and the run is fixed as if it started again there: with 1, 2,
4, 5, 7 and the 4 covered, the fix writes 6 over the 7 and leaves the 4.
That holds for a covered heading without a break of its own too: with 1,
3, 4 and the 4 covered, the fix writes 2 over the 3 and leaves the 4.

The message of a finding with a fix names the number that the fix writes
at its heading. After an earlier break in the run that can differ from the
previous number plus one (in 1, 2, 4, 5, 7 the fix writes 5 over the 7).
One wrong number gives one finding, as in step-numbering
(``one_per_mistake``): in 1, 2, 2, 4 only the second 2 is reported,
because the fix writes 3 over it and keeps the 4. The message of a
finding without a fix names the previous number plus one, and such a run
keeps every break, because the numbers left as they are may leave the
later break standing.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Callable, Hashable, Iterable, Iterator, Sequence, TypeVar

from doclint.continued_numbering import Continuation, SiblingRuns, chain, find_continuations, following_runs
from doclint.diagnostics import Applicability, Diagnostic, Edit, Fix, RelatedLocation, Severity
from doclint.heading_numbers import read_heading_number
from doclint.i18n import N_, _, join_items, ngettext
from doclint.model import Document, Section
from doclint.number_citations import cited_numbers
from doclint.registry import Rule
from doclint.settings import Settings
from doclint.sibling_copies import reported_sibling_copies
from doclint.text import chinese_numeral

logger = logging.getLogger(__name__)

_ATX_MARKER_RE = re.compile(r"^ {0,3}#{1,6}[ \t]*")

# Markup on a heading line whose digits are not part of the heading's text: an HTML comment,
# an HTML tag, a character reference, a link's or an image's destination, and a reference link's label.
_HIDDEN_MARKUP_RE = re.compile(
    r"<!--.*?-->"
    r"|<[^<>\n]*>"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
    r"|\]\([^()\n]*\)"
    r"|\]\[[^\[\]\n]*\]"
)

# A date such as 2024-01-01, 2024/1/1, 2024.01.01 or 2024年1月.
_DATE_RE = re.compile(r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}(?!\d)")
# Words in a heading above release notes.
_RELEASES_RE = re.compile(r"(?i)\b(?:releases?|versions?|changelog|change log|v\d)|版本|发布|更新日志|变更")

SAFE_NUMBER_LIMIT = 100
"""Renumbering that reaches this number is an unsafe fix, and a run that starts at it is not checked: such numbers may be codes, such as HTTP statuses."""

# A title that starts with a name in capitals, as an errno or a signal has.
_CODE_NAME_RE = re.compile(r"[A-Z][A-Z0-9_]{2,}(?![A-Za-z0-9_])")
# Words in a heading above a list of codes.
_CODES_HEADING_RE = re.compile(
    r"(?i)\b(?:(?:exit|error|return|status|response|result)[ _-]?(?:codes?|status(?:es)?|values?)|errno|signals?)\b"
    r"|退出码|退出状态|错误码|返回码|状态码|返回值|信号"
)

MAX_SAFE_GAP = 10
"""A run that jumps up by more than this between two numbers gets only an unsafe fix, because such a jump more likely marks codes than lost sections."""

MAX_CHINESE_FIX = 99
"""The largest Chinese numeral that the fix reads or writes (九十九). Larger ones have variants (一百一十, 一百一) that a rewrite could change."""

FIRST_YEAR = 1000
"""A dotted number whose first part is this or more starts with a year, so it is a date, not a section number."""


class BreakKind(str, Enum):
    SKIP = "skip"
    REPEAT = "repeat"
    BACKWARDS = "backwards"


BreakT = TypeVar("BreakT")


def one_per_mistake(
    breaks: Sequence[BreakT], places: Callable[[BreakT], tuple[Hashable, Hashable]], keeps_number: Callable[[BreakT], bool]
) -> list[BreakT]:
    """Leave out each break that only follows from the break before it, so that one wrong number gives one finding.

    In 1, 2, 2, 4 the second 2 is wrong, and the 4 breaks only because it
    follows that 2. When the fix keeps a number (``keeps_number``) and the
    number before it has a break of its own, the fix of that break mends
    both. ``places`` returns the keys of a break's item and of the item
    before it. Both numbering rules call this only for breaks that one fix
    renumbers, because without a fix the numbers that the author kept may
    leave the later break standing.
    """
    broken = {places(found)[0] for found in breaks}
    return [found for found in breaks if not (keeps_number(found) and places(found)[1] in broken)]


@dataclass(frozen=True)
class NumberingBreak:
    """A numbered heading that does not continue the number of the sibling before it."""

    section: Section
    previous: Section
    """The numbered sibling before ``section``."""
    expected: str
    """The number that continues the sequence: the previous number plus one, with its zero padding and digits."""
    kind: BreakKind


def check_numbering(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    groups = list(_checked_groups(document, settings))
    continuations = find_continuations(groups)
    following = following_runs(continuations)
    left_out_by_run = {id(run[0]): group.left_out for group in groups for run in group.runs}
    moved: Moves = {}
    for group in groups:
        for run in group.runs:
            if id(run[0]) in continuations:
                # Checked with the run that it continues, which comes first.
                continue
            parts = list(chain(run, following))
            whole = [section for part in parts for section in part]
            left_out = [copy for part in parts for copy in left_out_by_run[id(part[0])]]
            yield from run_diagnostics(document, whole, group.parent, moved, left_out, continuations)
        _carry_moves(group.numbered, group.parent, moved)


def joined_runs(document: Document, settings: Settings) -> Iterator[list[Section]]:
    """Yield each run of numbered headings that heading-numbering checks, joined with the runs that continue it."""
    groups = list(_checked_groups(document, settings))
    continuations = find_continuations(groups)
    following = following_runs(continuations)
    for group in groups:
        for run in group.runs:
            if id(run[0]) not in continuations:
                yield [section for part in chain(run, following) for section in part]


@dataclass
class _CheckedGroup(SiblingRuns):
    """A parent's children as heading-numbering checks them."""

    numbered: list[Section] = field(default_factory=list)
    """The children whose numbers are section numbers (``section_numbers``)."""
    left_out: list[Section] = field(default_factory=list)
    """The children that are copies (``doclint.sibling_copies``), which the runs leave out."""


def _checked_groups(document: Document, settings: Settings) -> Iterator[_CheckedGroup]:
    """Yield each sibling group with the runs that heading-numbering checks, parents before their children.

    Copies and the sections inside them are left out, and so are the runs
    that count down or list codes.
    """
    section_numbered: set[int] = set()
    copies = reported_sibling_copies(document, settings)
    inside_copies = {id(inner) for copy in copies.values() for inner in copy.walk()}
    for heading, children in sibling_groups(document):
        if heading is not None and id(heading) in inside_copies:
            continue
        kept = [section for section in children if id(section) not in copies]
        numbered = section_numbers(heading, kept, heading is not None and id(heading) in section_numbered)
        section_numbered.update(id(section) for section in numbered)
        siblings = [
            section for run in numbered_runs(numbered) if not _counts_down(run) and not _lists_codes(run) for section in run
        ]
        left_out = [section for section in children if id(section) in copies]
        yield _CheckedGroup(heading, children, list(numbered_runs(siblings)), numbered, left_out)


Moves = dict[int, tuple[tuple[int, ...], tuple[int, ...]]]
"""For each heading whose number the safe fixes change: (its number's parts, their parts after the fixes), by ``id``.

Parents come before their children in ``sibling_groups``, so a child's
message can name the number that the fixes of its own run and of its
parent write together: "3.3" under a "3." that becomes "2." ends as "2.2".
"""


def _after_moves(parts: tuple[int, ...], parent: Section | None, moved: Moves) -> tuple[int, ...]:
    """Return a child's number parts with the leading parts of its moved parent replaced, as the parent's fix edits them.

    Only a dotted number that extends the parent's changes (``3.1`` under
    ``3.``). A plain ``3.`` under ``3.`` merely has the same number, and
    the parent's fix leaves it as it is.
    """
    if parent is None or id(parent) not in moved:
        return parts
    old, new = moved[id(parent)]
    if len(parts) <= len(old) or parts[:len(old)] != old:
        return parts
    return (*new, *parts[len(old):])


def _carry_moves(numbered: list[Section], parent: Section | None, moved: Moves) -> None:
    """Record the moves that a parent's fix makes to the dotted numbers of its children that no fix of their own moved."""
    for section in numbered:
        if id(section) in moved or section.number is None:
            continue
        parts = _parts(section.number)
        after = _after_moves(parts, parent, moved)
        if after != parts:
            moved[id(section)] = (parts, after)


def section_numbers(heading: Section | None, children: list[Section], heading_checked: bool) -> list[Section]:
    """Return the children whose numbers are section numbers, leaving out years, versions and release notes.

    ``heading_checked`` is whether the heading's own number is checked. When
    it is not (a version, a date), the dotted numbers below it are not
    section numbers either.
    """
    if _lists_releases(heading):
        return []

    parent = heading if heading_checked else None
    numbered = [section for section in children if takes_part(section, parent)]
    if any(_is_version_like(section) for section in numbered):
        return [section for section in numbered if len(_parts(section.number or "")) == 1]
    return numbered


def run_diagnostics(
    document: Document,
    run: list[Section],
    parent: Section | None = None,
    moved: Moves | None = None,
    left_out: Sequence[Section] = (),
    continuations: dict[int, Continuation] | None = None,
) -> Iterator[Diagnostic]:
    """Yield a finding for each break in a run of numbered siblings, with the fix of its part of the run.

    A break in one run never involves another run, because the sequence
    starts again where the number of parts changes. A heading on a line
    that a suppression comment for this rule covers keeps its number: the
    run is fixed in parts that start at such headings, so that a fix never
    renumbers a heading the author accepted. Such a heading's own break is
    still reported, without a fix, so that the comment counts as used. A
    protected heading without a break of its own gets a finding too when
    its part boundary stopped the fix from renumbering it
    (``_kept_number_diagnostic``), because the comment was used then as well.
    ``moved`` gathers the numbers that safe fixes change (``Moves``).
    ``left_out`` contains the siblings that the run does not count because
    they are copies (``doclint.sibling_copies``); a message names those
    that stand between its heading and the previous one. A run may join
    the runs of several parents, each continuing the one before
    (``doclint.continued_numbering``); ``continuations`` gives, by the
    ``id`` of their first headings, the runs that continue another one,
    and a message at such a heading names the parent of the run before.
    """
    moved = {} if moved is None else moved
    continuations = {} if continuations is None else continuations
    breaks = list(numbering_breaks(run))
    if not breaks:
        return

    accepted = _accepted_headings(document, run)
    broken = {id(found.section) for found in breaks}
    previous_part: list[Section] = []
    for part in _parts_of_run(run, accepted):
        fix = renumber_fix(document, part, parent)
        renumbered = dict(zip(map(id, part), planned_numbers(part))) if fix is not None else {}
        for section in part:
            if id(section) in renumbered:
                renumbered[id(section)] = _format_like(
                    _after_moves(_parts(renumbered[id(section)]), parent, moved), renumbered[id(section)]
                )
        if fix is not None and fix.applicability is Applicability.SAFE:
            for section in part:
                written, after = _parts(section.number or ""), _parts(renumbered[id(section)])
                if after != written:
                    moved[id(section)] = (written, after)
        if previous_part and id(part[0]) not in broken:
            yield from _kept_number_diagnostic(document, previous_part, part[0], parent)
        previous_part = part

        members = {id(section) for section in part}
        part_breaks = [found for found in breaks if id(found.section) in members]
        if part_breaks and part_breaks[0].section is part[0]:
            yield _diagnostic(document, part_breaks.pop(0), None, {}, left_out, continuations)
        if fix is not None:
            own = {id(section): _parts(number) for section, number in zip(part, planned_numbers(part))}
            part_breaks = one_per_mistake(
                part_breaks,
                lambda found: (id(found.section), id(found.previous)),
                lambda found: own[id(found.section)] == _parts(found.section.number or ""),
            )
        for found in part_breaks:
            yield _diagnostic(document, found, fix, renumbered, left_out, continuations)


def _kept_number_diagnostic(
    document: Document, previous_part: list[Section], section: Section, parent: Section | None
) -> Iterator[Diagnostic]:
    """Yield a finding at a protected heading without a break when the fix of the part before it would otherwise renumber it.

    A suppression comment silences the finding, which only shows that the
    comment stopped a change. Without it, the comment would be reported as
    unused although removing it lets ``--fix`` renumber the heading.
    """
    extended = [*previous_part, section]
    planned = planned_numbers(extended)[-1]
    if _parts(planned) == _parts(section.number or "") or renumber_fix(document, extended, parent) is None:
        return

    if section.kind == "item":
        template = _(
            'item "{heading}" keeps number {number} because a suppression comment protects it; '
            "without the comment, the fix would renumber it to {planned}"
        )
    else:
        template = _(
            'heading "{heading}" keeps number {number} because a suppression comment protects it; '
            "without the comment, the fix would renumber it to {planned}"
        )
    message = template.format(heading=section.heading, number=_written(section), planned=_shown(section, _parts(planned)))
    column, end_column = number_span(document, section)
    yield HEADING_NUMBERING.diagnostic(document, section.line, section.line, message, column=column, end_column=end_column)


def _accepted_headings(document: Document, sections: list[Section]) -> set[int]:
    """Return the ids of the sections on lines that a suppression comment for heading-numbering covers."""
    # Imported here: most documents have no numbering break, and so never need their suppressions.
    from doclint.suppressions import parse_suppressions

    names = {HEADING_NUMBERING.name, HEADING_NUMBERING.code}
    suppressions = [
        suppression for suppression in parse_suppressions(document) if not suppression.rules or suppression.rules & names
    ]
    return {
        id(section)
        for section in sections
        if any(suppression.start <= section.line <= suppression.end for suppression in suppressions)
    }


def _parts_of_run(run: list[Section], accepted: set[int]) -> list[list[Section]]:
    """Split a run before each accepted heading, which starts a new part with its own number."""
    parts: list[list[Section]] = [[]]
    for section in run:
        if id(section) in accepted and parts[-1]:
            parts.append([])
        parts[-1].append(section)
    return parts


def numbered_runs(siblings: Sequence[Section]) -> Iterator[list[Section]]:
    """Yield the runs of numbered siblings whose numbers have the same number of parts and the same style."""
    run: list[Section] = []
    for section in siblings:
        if section.number is None:
            continue
        if run and (not _same_form(run[-1], section) or _restarts(run[-1], section)):
            yield run
            run = []
        run.append(section)
    if run:
        yield run


def _is_version_like(section: Section) -> bool:
    """Return whether a dotted number looks like a version.

    It does when it has a part 0 (``2.0``, ``1.0.3``), which section
    numbers do not have, or when its title contains a date
    (``2.3 (2024-06-01)``), as in release notes.
    """
    parts = _parts(section.number or "")
    return len(parts) > 1 and (0 in parts or bool(_DATE_RE.search(section.title)))


def _lists_releases(parent: Section | None) -> bool:
    """Return whether a heading's title names releases or versions, so the dotted numbers below it are versions."""
    return parent is not None and bool(_RELEASES_RE.search(parent.title))


def _counts_down(run: list[Section]) -> bool:
    """Return whether a run's numbers go down and never up: versions listed newest first, or a countdown.

    A countdown may repeat a number by mistake (5, 4, 3, 3, 1), and the fix,
    which counts up, would renumber it 5, 6, 7, 8, 9.
    """
    numbers = [_parts(section.number or "") for section in run]
    steps = list(zip(numbers, numbers[1:]))
    return any(later < earlier for earlier, later in steps) and all(later <= earlier for earlier, later in steps)


def _lists_codes(run: list[Section]) -> bool:
    """Return whether a run starts at ``SAFE_NUMBER_LIMIT`` or above, as lists of codes do and section numbers do not.

    HTTP status codes (``## 200: OK``, ``## 201``, ``## 204``, ``## 400``)
    skip by design, so the run is not checked.
    """
    return _parts(run[0].number or "")[0] >= SAFE_NUMBER_LIMIT


def planned_numbers(run: list[Section]) -> list[str]:
    """Return the numbers that renumbering writes over a run: counting up by one from its first number, with its zero padding."""
    first = run[0].number or ""
    start = _parts(first)
    return [_format_like((*start[:-1], start[-1] + index), first) for index in range(len(run))]


def renumber_fix(document: Document, run: list[Section], parent: Section | None = None) -> Fix | None:
    """Renumber a run so that it counts up by one from its first number; None when it already does.

    The whole run is one fix, so that a skipped and a repeated number
    (1, 2, 4, 4, 5) become 1, 2, 3, 4, 5 and not 1, 2, 3, 5, 5.
    """
    edits = []
    planned = planned_numbers(run)
    for section, expected in zip(run, planned):
        if _parts(expected) == _parts(section.number or ""):
            continue
        edit = _number_edit(document, section, expected)
        if edit is None:
            # A number written otherwise (a large Chinese numeral, a character reference) cannot be
            # rewritten, and renumbering only the others would break the sequence elsewhere.
            return None
        edits.append(edit)
        edits += _descendant_edits(document, section, _parts(section.number or ""), _parts(expected))
    if not edits:
        return None

    if all(section.kind == "item" for section in run):
        template = _("renumber the items from line {line} so that they run from {first} to {last}")
    else:
        template = _("renumber the headings from line {line} so that they run from {first} to {last}")
    message = template.format(
        line=run[0].line, first=_written(run[0]), last=_shown(run[-1], _parts(planned[-1]))
    )
    safe = (
        _is_safe_renumbering(run, planned, parent)
        and not _cites_changed_number(document, run, planned)
        and not _number_left_between(document, run, planned)
    )
    return Fix(tuple(edits), Applicability.SAFE if safe else Applicability.UNSAFE, message)


def _number_left_between(document: Document, run: list[Section], planned: list[str]) -> bool:
    """Return whether a line before a renumbered item, after the item before it, opens with the number the fix writes.

    A question that the parser reads as text of the answer above it, such
    as "2、什么是引用计数？" followed by a line without a label, takes no
    part in the run, so the run skips from 1 to 3. Renumbering 3 to 2
    would then write a second "2、", so the fix is unsafe. An unanswered
    question that is an item of its own counts in the run, and
    ``missing-answer`` reports it.

    NOTE: in the first case the text's numbers run on (1, 2, 3), yet the
    run still reports a skip from 1 to 3, because the prose after the
    question may be its answer and the parser keeps both in the item above.
    """
    source = document.source
    # A heading or item between them is a section of its own, such as a copy that duplicate-section removes.
    section_lines = {section.line for section in document.walk()}
    for previous, section, expected in zip(run, run[1:], planned[1:]):
        if _parts(expected) == _parts(section.number or ""):
            continue
        edit = _number_edit(document, section, expected)
        if edit is None:
            continue
        line_start = source.offset(section.line)
        prefix = (source.text[line_start:edit.start] + edit.replacement + source.text[edit.end:edit.end + 1]).lstrip()
        lines = (line for line in range(previous.line + 1, section.line) if line not in section_lines)
        if any(source.line_text(line).lstrip().startswith(prefix) for line in lines):
            return True
    return False


def _cites_changed_number(document: Document, run: list[Section], planned: list[str]) -> bool:
    """Return whether a line of the document outside the run's own lines cites a number that the fix changes.

    A citation such as "见第4题", "see Q4" or a link to ``#4-install``
    (``doclint.number_citations``) would point at another item after the
    fix, which cannot rewrite it. Only plain numbers are compared, because
    citations name whole numbers.
    """
    changed = {
        _parts(section.number or "")[0]
        for section, expected in zip(run, planned)
        if len(_parts(expected)) == 1 and _parts(expected) != _parts(section.number or "")
    }
    if not changed:
        return False

    own_lines = {section.line for section in run}
    source = document.source
    lines = (source.line_text(line) for line in range(1, source.line_count + 1) if line not in own_lines)
    # A heading's own line cites after its number: an answer on the line of its question may cite another item,
    # and "### 4. Exercise 4 of Part B" names its own number, which the fix would leave as it is.
    cited = cited_numbers([*lines, *(_after_number(document, section) for section in run)])
    return not changed.isdisjoint(cited)


def _after_number(document: Document, section: Section) -> str:
    """Return the text of a heading's line after its number."""
    line = document.source.line_text(section.line)
    _column, end_column = number_span(document, section)
    return line[document.source.offset(section.line, end_column) - document.source.offset(section.line):]


def _is_safe_renumbering(run: list[Section], planned: list[str], parent: Section | None = None) -> bool:
    """Return whether a run's numbers look like section numbers only, not versions, codes or release numbers."""
    last = _parts(planned[-1])

    # A dotted run may still be versions, which often start at .0; section numbers start at .1.
    if len(last) > 1 and _parts(planned[0])[-1] != 1:
        return False

    # Numbers of 100 and more are as often codes (HTTP 400, 401, 403, exit status 130) as items of a long list.
    written = [_parts(section.number or "")[-1] for section in run]
    if max(last[-1], *written) >= SAFE_NUMBER_LIMIT:
        return False

    # A jump of more than MAX_SAFE_GAP is more likely a list of codes (errno 1, 2, 13) than lost sections.
    if any(later - earlier > MAX_SAFE_GAP for earlier, later in zip(written, written[1:])):
        return False

    if _looks_like_codes(run, written, parent):
        return False

    # A number before a date may be a release number ("## 9: 2023-12-01") as well as an entry of a log.
    return not any(_DATE_RE.search(section.title) for section in run)


def _looks_like_codes(run: list[Section], written: list[int], parent: Section | None) -> bool:
    """Return whether a run's numbers are more likely codes than section numbers, whatever their size.

    Section numbers start at 1, codes often at 0 (exit status 0). Codes
    have names in capitals (``## 1: EPERM``, ``## 2: SIGINT``), and their
    lists stand under headings that name them ("Exit codes", "错误码").
    """
    if written[0] == 0:
        return True
    if all(_CODE_NAME_RE.match(section.title) for section in run):
        return True
    return parent is not None and bool(_CODES_HEADING_RE.search(parent.title))


def sibling_groups(document: Document) -> Iterator[tuple[Section | None, list[Section]]]:
    """Yield (parent, sections): the top-level sections with None, then the subsections of every section."""
    yield None, document.sections
    for section in document.walk():
        if section.children:
            yield section, section.children


def takes_part(section: Section, parent: Section | None) -> bool:
    """Return whether a heading's number is a section number: a plain one, or a dotted one that extends its parent's.

    A number that starts with a year (``2024``, ``2024.01.05``) is a date.
    """
    if section.number is None:
        return False
    parts = _parts(section.number)
    if parts[0] >= FIRST_YEAR:
        return False
    if len(parts) == 1:
        return True
    return parent is not None and parent.number is not None and _parts(parent.number) == parts[:-1]


def _number_edit(document: Document, section: Section, replacement: str) -> Edit | None:
    """Return the edit that writes number ``replacement`` over a heading's number, or None when it cannot be written there.

    ``replacement`` is in digits. Over a Chinese numeral the edit writes it
    as one, within ``MAX_CHINESE_FIX``. None when the line does not show
    the number as written (a character reference wrote it).
    """
    written = _written(section)
    if written != section.number:
        if not _is_chinese(section):
            return None
        values = (int(section.number or 0), int(replacement))
        if max(values) > MAX_CHINESE_FIX:
            return None
        replacement = chinese_numeral(values[1])
    column, end_column = number_span(document, section)
    if end_column - column != len(written):
        return None
    source = document.source
    return Edit(source.offset(section.line, column), source.offset(section.line, end_column), replacement)


def _is_chinese(section: Section) -> bool:
    """Return whether a heading writes its number as a Chinese numeral."""
    found = read_heading_number(section.heading)
    return found is not None and found.chinese and found.number == section.number


def _descendant_edits(document: Document, section: Section, old: tuple[int, ...], new: tuple[int, ...]) -> list[Edit]:
    """Return the edits that carry a renumbering down: each dotted number below ``section`` that starts with ``old``."""
    edits = []
    for descendant in section.walk():
        if descendant is section or descendant.number is None:
            continue
        parts = _parts(descendant.number)
        if len(parts) <= len(old) or parts[:len(old)] != old:
            continue
        replacement = _format_like((*new, *parts[len(old):]), descendant.number)
        edit = _number_edit(document, descendant, replacement)
        if edit is not None:
            edits.append(edit)
    return edits


def numbering_breaks(siblings: Sequence[Section]) -> Iterator[NumberingBreak]:
    """Yield each numbered sibling whose number does not follow the numbered sibling before it."""
    previous: Section | None = None
    for section in siblings:
        if section.number is None:
            continue

        if previous is not None:
            found = _compare(previous, section)
            if found is not None:
                yield found
        previous = section


def _compare(previous: Section, section: Section) -> NumberingBreak | None:
    """Return the break between two numbered siblings, or None when ``section`` continues ``previous``."""
    before, current = _parts(previous.number or ""), _parts(section.number or "")
    if not _same_form(previous, section):
        logger.debug("line %d: numbering changes form from %s to %s; sequence restarts", section.line, previous.heading, section.heading)
        return None
    if _restarts(previous, section):
        logger.debug("line %d: numbering starts again at 1 after %s", section.line, previous.heading)
        return None

    expected = (*before[:-1], before[-1] + 1)
    if current == expected:
        return None
    if current == before:
        kind = BreakKind.REPEAT
    elif current < before:
        kind = BreakKind.BACKWARDS
    else:
        kind = BreakKind.SKIP
    return NumberingBreak(section, previous, _shown(previous, expected), kind)


def _restarts(previous: Section, section: Section) -> bool:
    """Return whether ``section`` starts a new sequence at 1 after a larger number at its level.

    A page that gives two ways to do something numbers each one from 1
    ("Option A" steps 1 and 2, then "Option B" steps 1 and 2), so a number
    that goes back to 1 more likely starts a list than repeats one.
    """
    before, current = _parts(previous.number or ""), _parts(section.number or "")
    return current[-1] == 1 and current[:-1] == before[:-1] and before[-1] > 1


def _same_form(previous: Section, section: Section) -> bool:
    """Return whether two numbered siblings number in one sequence: the same number of parts and the same style.

    A change of style starts a new sequence: ``一、`` chapters followed by
    ``第1题`` questions, or ``Step 1:`` after ``1.``, but not ``3、`` after
    ``2.``.
    """
    if (previous.number or "").count(".") != (section.number or "").count("."):
        return False
    return _style(previous) == _style(section)


def _style(section: Section) -> str:
    """Return the numbering style of a heading; a bold question item, read otherwise, has an empty style."""
    found = read_heading_number(section.heading)
    return found.style if found is not None else ""


def _written(section: Section) -> str:
    """Return a heading's number as the heading writes it: ``4``, ``４``, ``四``."""
    found = read_heading_number(section.heading)
    if found is not None and found.number == section.number:
        return found.written
    return section.number or ""


def _shown(section: Section, parts: tuple[int, ...]) -> str:
    """Write number ``parts`` in the style of a heading's number: Chinese numerals, full-width digits or zero padding."""
    found = read_heading_number(section.heading)
    if found is not None and found.chinese and len(parts) == 1:
        return chinese_numeral(parts[0])
    return _format_like(parts, section.number or "")


@lru_cache(maxsize=1024)
def _parts(number: str) -> tuple[int, ...]:
    """Split ``"1.2"`` into ``(1, 2)``. Documents repeat few numbers, so the results are cached."""
    return tuple(int(part) for part in number.split("."))


def _format_like(parts: tuple[int, ...], template: str) -> str:
    """Write ``parts`` as a dotted number, keeping the zero padding and the digits (``1`` or full-width ``１``) of ``template``.

    Chinese text often writes numbers in full-width digits, and a fix that
    wrote ASCII digits among them would change the heading's style.
    """
    pieces = []
    for part, model in zip(parts, template.split(".")):
        width = len(model) if unicodedata.decimal(model[0]) == 0 else 1
        pieces.append(_digits_like(str(part).zfill(width), model))
    return ".".join(pieces)


def _digits_like(digits: str, model: str) -> str:
    """Write the ASCII ``digits`` in the digit set of ``model``'s first digit."""
    zero = ord(model[0]) - unicodedata.decimal(model[0])
    return "".join(chr(zero + int(digit)) for digit in digits)


def number_span(document: Document, section: Section) -> tuple[int, int]:
    """Return the (column, end column) of the section's number as written (``4``, ``４``, ``四``) on its heading line.

    The number is searched after the ATX markers (``####``), outside HTML
    tags, character references and link destinations, whose digits a
    reader does not see (``<a id="s3"></a>3.``). When the line does not
    contain it as written, because a character reference such as ``&#49;``
    wrote a digit, the span is the whole heading line.
    """
    raw = document.source.line_text(section.line)
    if not section.number:
        return section.column, len(raw) + 1

    marker = _ATX_MARKER_RE.match(raw) if not section.setext else None
    start = marker.end() if marker else 0
    visible = _HIDDEN_MARKUP_RE.sub(lambda hidden: " " * len(hidden.group()), raw)
    found = re.compile(rf"(?<!\d){re.escape(_written(section))}(?!\d)").search(visible, start)
    if found is None:
        return section.column, len(raw) + 1
    return found.start() + 1, found.end() + 1


def _diagnostic(
    document: Document,
    found: NumberingBreak,
    fix: Fix | None,
    renumbered: dict[int, str],
    left_out: Sequence[Section] = (),
    continuations: dict[int, Continuation] | None = None,
) -> Diagnostic:
    """Build the finding for a break; ``renumbered`` maps each heading of the run to the number its fix writes."""
    section, previous = found.section, found.previous
    between = [copy.line for copy in left_out if previous.line < copy.line < section.line]
    continued = (continuations or {}).get(id(section))
    template = _message_template(found.kind, bool(between), continued is not None, section.kind == "item")
    message = template.format(
        heading=section.heading,
        previous=_written(previous),
        line=previous.line,
        number=_written(section),
        copies=_copies_phrase(between),
        part=continued.previous_parent.heading if continued is not None else "",
        remedy=_remedy(found, renumbered),
    )
    column, end_column = number_span(document, section)
    related_label = _("previous numbered item") if previous.kind == "item" else _("previous numbered heading")
    related = RelatedLocation(document.path, previous.line, previous.column, related_label)
    return HEADING_NUMBERING.diagnostic(
        document, section.line, section.line, message, column=column, related=[related], end_column=end_column, fix=fix
    )


def _message_template(kind: BreakKind, copies_between: bool, continued: bool, item: bool) -> str:
    """Return the message of a break, translated, with ``{copies}`` when copies stand between the two headings.

    A heading that starts a run continuing the run under an earlier parent
    (``continued``) names that parent as ``{part}``. Such a run goes back
    only when it continues the number that the fix writes over the
    previous part (``continued_numbering``). An ``item`` is a question
    paragraph without a Markdown heading (``第4题：…``, ``**问题 4：…**``),
    which the message calls an item, as the Q&A rules do. Its repeat
    message names the earlier line without a noun, because that line may
    be a heading or an item.
    """
    return _(_ITEM_TEMPLATES[kind, continued, copies_between] if item else _HEADING_TEMPLATES[kind, continued, copies_between])


# The messages of a break at a heading, by (kind, continued, copies between).
_HEADING_TEMPLATES = {
    (BreakKind.SKIP, True, True): N_(
        'heading "{heading}" continues the numbering under "{part}" but skips from {previous} (line {line}) '
        "to {number}, not counting {copies}; {remedy}"
    ),
    (BreakKind.SKIP, True, False): N_(
        'heading "{heading}" continues the numbering under "{part}" but skips from {previous} (line {line}) to {number}; {remedy}'
    ),
    (BreakKind.BACKWARDS, True, True): N_(
        'heading "{heading}" continues the numbering under "{part}" but goes back from {previous} (line {line}) '
        "to {number}, not counting {copies}; {remedy}"
    ),
    (BreakKind.BACKWARDS, True, False): N_(
        'heading "{heading}" continues the numbering under "{part}" but goes back from {previous} (line {line}) '
        "to {number}; {remedy}"
    ),
    (BreakKind.REPEAT, True, True): N_(
        'heading "{heading}" continues the numbering under "{part}" but repeats number {number} of the heading '
        "at line {line}, not counting {copies}; {remedy}"
    ),
    (BreakKind.REPEAT, True, False): N_(
        'heading "{heading}" continues the numbering under "{part}" but repeats number {number} of the heading '
        "at line {line}; {remedy}"
    ),
    (BreakKind.SKIP, False, True): N_(
        'heading "{heading}" skips from {previous} (line {line}) to {number}, not counting {copies}; {remedy}'
    ),
    (BreakKind.REPEAT, False, True): N_(
        'heading "{heading}" repeats number {number} of the heading at line {line}, not counting {copies}; {remedy}'
    ),
    (BreakKind.BACKWARDS, False, True): N_(
        'heading "{heading}" goes back from {previous} (line {line}) to {number}, not counting {copies}; {remedy}'
    ),
    (BreakKind.SKIP, False, False): N_('heading "{heading}" skips from {previous} (line {line}) to {number}; {remedy}'),
    (BreakKind.REPEAT, False, False): N_('heading "{heading}" repeats number {number} of the heading at line {line}; {remedy}'),
    (BreakKind.BACKWARDS, False, False): N_('heading "{heading}" goes back from {previous} (line {line}) to {number}; {remedy}'),
}

# The messages of a break at an item, by (kind, continued, copies between).
_ITEM_TEMPLATES = {
    (BreakKind.SKIP, True, True): N_(
        'item "{heading}" continues the numbering under "{part}" but skips from {previous} (line {line}) '
        "to {number}, not counting {copies}; {remedy}"
    ),
    (BreakKind.SKIP, True, False): N_(
        'item "{heading}" continues the numbering under "{part}" but skips from {previous} (line {line}) to {number}; {remedy}'
    ),
    (BreakKind.BACKWARDS, True, True): N_(
        'item "{heading}" continues the numbering under "{part}" but goes back from {previous} (line {line}) '
        "to {number}, not counting {copies}; {remedy}"
    ),
    (BreakKind.BACKWARDS, True, False): N_(
        'item "{heading}" continues the numbering under "{part}" but goes back from {previous} (line {line}) '
        "to {number}; {remedy}"
    ),
    (BreakKind.REPEAT, True, True): N_(
        'item "{heading}" continues the numbering under "{part}" but repeats number {number} from line {line}, '
        "not counting {copies}; {remedy}"
    ),
    (BreakKind.REPEAT, True, False): N_(
        'item "{heading}" continues the numbering under "{part}" but repeats number {number} from line {line}; {remedy}'
    ),
    (BreakKind.SKIP, False, True): N_(
        'item "{heading}" skips from {previous} (line {line}) to {number}, not counting {copies}; {remedy}'
    ),
    (BreakKind.REPEAT, False, True): N_(
        'item "{heading}" repeats number {number} from line {line}, not counting {copies}; {remedy}'
    ),
    (BreakKind.BACKWARDS, False, True): N_(
        'item "{heading}" goes back from {previous} (line {line}) to {number}, not counting {copies}; {remedy}'
    ),
    (BreakKind.SKIP, False, False): N_('item "{heading}" skips from {previous} (line {line}) to {number}; {remedy}'),
    (BreakKind.REPEAT, False, False): N_('item "{heading}" repeats number {number} from line {line}; {remedy}'),
    (BreakKind.BACKWARDS, False, False): N_('item "{heading}" goes back from {previous} (line {line}) to {number}; {remedy}'),
}


def _copies_phrase(lines: list[int]) -> str:
    """Name the copies that a break's count leaves out: ``the copy at line 15 that duplicate-section reports``."""
    phrase = ngettext(
        "the copy at line {lines} that duplicate-section reports",
        "the copies at lines {lines} that duplicate-section reports",
        len(lines),
    )
    return phrase.format(lines=join_items(map(str, lines)))


def _remedy(found: NumberingBreak, renumbered: dict[int, str]) -> str:
    """Return the end of a finding's message: the number the fix writes at the heading, or "expected N" without a fix.

    The fix counts up from the first number of the run, so after an
    earlier break it may write another number than the previous one plus
    one. The message names the fix's number so that the two never
    disagree. A break whose heading the fix leaves as it is, after a
    previous heading with a break of its own, has no finding
    (``one_per_mistake``). After a previous heading without one, as in 1,
    2, 3, 5, 6, 6, the fix renumbers that previous heading instead (the
    first 6 to 5), and the message names that change.
    """
    section = found.section
    fixed = renumbered.get(id(section))
    if fixed is None:
        return _("expected {expected}").format(expected=found.expected)
    if _parts(fixed) != _parts(section.number or ""):
        return _("the fix renumbers it to {number}").format(number=_shown(section, _parts(fixed)))
    if found.previous.kind == "item":
        template = _("the fix leaves it at {number} and renumbers the previous item to {previous}")
    else:
        template = _("the fix leaves it at {number} and renumbers the previous heading to {previous}")
    return template.format(
        number=_shown(section, _parts(fixed)), previous=_shown(found.previous, _parts(renumbered[id(found.previous)]))
    )


HEADING_NUMBERING = Rule(
    code="DL402",
    name="heading-numbering",
    summary=N_("A numbered heading skips, repeats or goes back from the number of the heading before it."),
    severity=Severity.WARNING,
    fixable=True,
    check=check_numbering,
    scope="document",
)

RULES = (HEADING_NUMBERING,)
