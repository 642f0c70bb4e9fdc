"""Numbered headings that continue the numbering of the headings under the previous parent.

Course notes and exam papers often number their exercises across parts:
``### 1.`` to ``### 3.`` under ``## Part A``, then ``### 4.`` under
``## Part B`` (or ``## 一、选择题`` then ``## 二、填空题``). Other documents
number the subsections of each parent from 1 again. Both are correct, and
one document may mix them, so each part decides by its own first number:

- a run that starts at 1 starts its own numbering;
- a run that starts at the previous part's last number or up to
  ``MAX_CONTINUING_GAP`` above it continues that part's numbering. At the
  previous number plus one it has no break there, and at another number
  it skips or repeats, as a sibling would. The last number is also the
  one that the fix writes over the previous part's last heading, because
  after the fix the run would continue that one;
- a run that starts anywhere else (between 1 and the previous part's last
  number, or far above it) starts its own numbering too. Such a run
  either lost its first headings or numbers something else, and no number
  that a fix could write follows from the previous part.

The previous part is the last run of plain numbers in the same style
under the nearest earlier sibling of the run's parent that has one: an
unnumbered sibling between two parts ("Notes") neither breaks nor
restarts the numbering. Dotted numbers (``3.1``) never continue across
parents, because their first parts name the parent. Parts are siblings:
a run under the next chapter's first part does not continue the last part
of the chapter before, because books number their chapters' exercises
either way and the chapter heading already distinguishes them.

A run that continues another one is checked with it as one run, so its
first heading is compared with the previous part's last one, and the fix
of a break in the earlier part renumbers the later parts too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Sequence

from doclint.heading_numbers import read_heading_number
from doclint.model import Section

MAX_CONTINUING_GAP = 10
"""How far above the previous part's last number a run may start and still continue it, as ``MAX_SAFE_GAP`` bounds a safe fix."""


@dataclass
class SiblingRuns:
    """The numbered runs of one parent's children that heading-numbering checks."""

    parent: Section | None
    """The parent heading, or None for the top-level sections."""
    children: list[Section]
    """All the parent's children, numbered or not, in order."""
    runs: list[list[Section]] = field(default_factory=list)


@dataclass(frozen=True)
class Continuation:
    """A run whose numbering continues the run under an earlier sibling of its parent."""

    run: list[Section]
    previous: list[Section]
    """The run that it continues."""
    previous_parent: Section
    """The parent heading of ``previous``, which messages name."""


def find_continuations(groups: Sequence[SiblingRuns]) -> dict[int, Continuation]:
    """Return, by the ``id`` of each continuing run's first heading, the run that it continues.

    ``groups`` must list every parent's group, each parent's group after
    the group that contains the parent, as ``numbering.sibling_groups``
    yields them.
    """
    by_parent = {id(group.parent): group for group in groups if group.parent is not None}
    continuations = {}
    for group in groups:
        for index, sibling in enumerate(group.children):
            own = by_parent.get(id(sibling))
            run = next((run for run in own.runs if _is_plain(run[0])), None) if own is not None else None
            if run is None:
                continue

            previous = _previous_part(run[0], group.children[:index], by_parent)
            if previous is not None and _continues_part(previous[0], run[0], continuations):
                continuations[id(run[0])] = Continuation(run, previous[0], previous[1])
    return continuations


def _continues_part(previous: list[Section], first: Section, continuations: dict[int, Continuation]) -> bool:
    """Return whether a run that starts at ``first`` continues the run ``previous``, as written or as the fix renumbers it.

    After a break, the fix can end the previous part at another number:
    with parts 1-3, 5-6 and 5-6, it writes 4-5 over the second part, and
    the third then repeats 5. Joined now, the third part gets a finding
    that names its new number, and the fix renumbers it in the same pass.
    """
    if continues(previous[-1], first):
        return True
    if not (_is_plain(previous[-1]) and _is_plain(first)) or _style(previous[-1]) != _style(first):
        return False
    return _continues_number(_planned_last(previous, continuations), first)


def _planned_last(run: list[Section], continuations: dict[int, Continuation]) -> int:
    """Return the number that the fix writes over the last heading of ``run``, counting up from the first run it continues.

    NOTE: a heading that a suppression comment keeps at its number splits
    the fix in two, which this count does not follow.
    """
    count = len(run)
    head = run
    while id(head[0]) in continuations:
        head = continuations[id(head[0])].previous
        count += len(head)
    return int(head[0].number or 0) + count - 1


def _previous_part(
    first: Section, earlier_parents: list[Section], by_parent: dict[int, SiblingRuns]
) -> tuple[list[Section], Section] | None:
    """Return the last run in the style of ``first`` under the nearest of ``earlier_parents`` that has one, with that parent."""
    for parent in reversed(earlier_parents):
        group = by_parent.get(id(parent))
        if group is None:
            continue
        same_style = [run for run in group.runs if _is_plain(run[0]) and _style(run[0]) == _style(first)]
        if same_style:
            return same_style[-1], parent
    return None


def continues(previous: Section, first: Section) -> bool:
    """Return whether a run that starts at ``first`` continues a run that ends at ``previous`` (see the module docstring)."""
    if not (_is_plain(previous) and _is_plain(first)) or _style(previous) != _style(first):
        return False

    return _continues_number(int(previous.number or 0), first)


def _continues_number(last: int, first: Section) -> bool:
    """Return whether a run that starts at ``first`` continues a run whose last number is ``last``."""
    start = int(first.number or 0)
    return start > 1 and last <= start <= last + MAX_CONTINUING_GAP


def following_runs(continuations: dict[int, Continuation]) -> dict[int, list[Section]]:
    """Return, by the ``id`` of each continued run's first heading, the run that continues it."""
    return {id(found.previous[0]): found.run for found in continuations.values()}


def chain(run: list[Section], following: dict[int, list[Section]]) -> Iterator[list[Section]]:
    """Yield ``run``, the run that continues it (``following_runs``), the run that continues that one, and so on."""
    current: list[Section] | None = run
    while current is not None:
        yield current
        current = following.get(id(current[0]))


def _is_plain(section: Section) -> bool:
    """Return whether a heading's number is one number, not a dotted one such as ``3.1``."""
    return section.number is not None and "." not in section.number


def _style(section: Section) -> str:
    found = read_heading_number(section.heading)
    return found.style if found is not None else ""
