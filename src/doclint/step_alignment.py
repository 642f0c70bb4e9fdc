"""Alignment of two answers' step lists: which steps are equal, changed, moved, added or removed.

Steps are compared by key (normalised label and text) in three passes.
First, a longest common subsequence of the keys (rapidfuzz's ``Indel``
opcodes) pairs equal steps in order, so an equal step is never reported.
Second, a step left over on both sides with the same key has moved.
Third, the steps left between two equal pairs are aligned by a weighted
edit distance. Adding or removing a step costs 1. Pairing two steps as
one changed step costs 1 minus their similarity, which is ``fuzz.ratio``
of the keys scaled to 0..1. The cheapest alignment keeps the steps in order
and prefers pairs of similar steps, so a changed step pairs with its
counterpart rather than with whichever step is at its position. Two
dissimilar steps in the same place still pair, because that costs less
than a removal plus an addition.

Last, a step still removed and a step still added elsewhere pair as one
step that moved and changed when their keys score at least
``MOVED_CHANGE_MIN_RATIO``. Below it they stay a removal and an addition,
because two steps in different places that share little are two edits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

EditKind = Literal["equal", "replace", "move", "delete", "insert"]

MOVED_CHANGE_MIN_RATIO = 60
"""The least ``fuzz.ratio`` of the keys of a removed and an added step that pair as one step, moved and changed."""


@dataclass(frozen=True)
class StepEdit:
    """One entry of an alignment, with the indexes of its steps in the earlier and the later list."""

    kind: EditKind
    earlier: int | None
    later: int | None


@dataclass
class _Gap:
    """The steps between two equal pairs that the common subsequence left unpaired."""

    earlier: list[int] = field(default_factory=list)
    later: list[int] = field(default_factory=list)


def align_steps(earlier: Sequence[str], later: Sequence[str]) -> list[StepEdit]:
    """Align two lists of step keys, in the order of the later list.

    Every index of either list occurs in exactly one edit: ``equal``,
    ``replace`` and ``move`` carry both, ``delete`` only the earlier one and
    ``insert`` only the later one. A ``replace`` may pair steps at different
    places: a step that moved and changed.
    """
    segments = _common_subsequence(earlier, later)
    gaps = [segment for segment in segments if isinstance(segment, _Gap)]
    moves = _moves(gaps, earlier, later)
    moved_earlier = set(moves.values())

    edits: list[StepEdit] = []
    for segment in segments:
        if isinstance(segment, StepEdit):
            edits.append(segment)
            continue

        paired = _pair_by_similarity(
            [index for index in segment.earlier if index not in moved_earlier],
            [index for index in segment.later if index not in moves],
            earlier,
            later,
        )
        moved = [StepEdit("move", moves[index], index) for index in segment.later if index in moves]
        edits += _merge_by_later_index(paired, moved)
    return _pair_moved_changes(edits, earlier, later)


def _common_subsequence(earlier: Sequence[str], later: Sequence[str]) -> list[StepEdit | _Gap]:
    """Pair equal steps along a longest common subsequence, and collect each run of steps between pairs as a gap."""
    segments: list[StepEdit | _Gap] = []
    for operation in Indel.opcodes(earlier, later):
        if operation.tag == "equal":
            pairs = zip(range(operation.src_start, operation.src_end), range(operation.dest_start, operation.dest_end))
            segments += [StepEdit("equal", old, new) for old, new in pairs]
            continue

        if not segments or not isinstance(segments[-1], _Gap):
            segments.append(_Gap())
        gap = segments[-1]
        assert isinstance(gap, _Gap)
        gap.earlier += range(operation.src_start, operation.src_end)
        gap.later += range(operation.dest_start, operation.dest_end)
    return segments


def _moves(gaps: list[_Gap], earlier: Sequence[str], later: Sequence[str]) -> dict[int, int]:
    """Map each unpaired later step to an unpaired earlier step with the same key, first come first served.

    A step that moved and changed is paired later, by ``_pair_moved_changes``.
    """
    unpaired = [index for gap in gaps for index in gap.earlier]
    moves: dict[int, int] = {}
    for index in (index for gap in gaps for index in gap.later):
        match = next((old for old in unpaired if earlier[old] == later[index]), None)
        if match is not None:
            moves[index] = match
            unpaired.remove(match)
    return moves


def _pair_by_similarity(
    earlier_indexes: list[int], later_indexes: list[int], earlier: Sequence[str], later: Sequence[str]
) -> list[StepEdit]:
    """Align the steps of one gap by the weighted edit distance of the module docstring.

    ``remaining[i][j]`` is the least cost of aligning the steps from
    ``earlier_indexes[i]`` and ``later_indexes[j]`` on. The walk from the
    start prefers a pair, then a removal, then an addition, so that among
    equally cheap alignments the earliest steps pair.
    """
    rows, columns = len(earlier_indexes), len(later_indexes)
    change = [
        [1 - fuzz.ratio(earlier[old], later[new]) / 100 for new in later_indexes]
        for old in earlier_indexes
    ]
    remaining = [[float(rows - i + columns - j) for j in range(columns + 1)] for i in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            paired = change[i][j] + remaining[i + 1][j + 1]
            remaining[i][j] = min(paired, 1 + remaining[i + 1][j], 1 + remaining[i][j + 1])

    edits: list[StepEdit] = []
    i = j = 0
    while i < rows or j < columns:
        if i < rows and j < columns and math.isclose(remaining[i][j], change[i][j] + remaining[i + 1][j + 1]):
            edits.append(StepEdit("replace", earlier_indexes[i], later_indexes[j]))
            i, j = i + 1, j + 1
        elif i < rows and math.isclose(remaining[i][j], 1 + remaining[i + 1][j]):
            edits.append(StepEdit("delete", earlier_indexes[i], None))
            i += 1
        else:
            edits.append(StepEdit("insert", None, later_indexes[j]))
            j += 1
    return edits


def _pair_moved_changes(edits: list[StepEdit], earlier: Sequence[str], later: Sequence[str]) -> list[StepEdit]:
    """Turn a removed and an added step with similar keys into one ``replace``, at the added step's place.

    The most similar pairs are taken first, and no step is paired twice.
    """
    removed = [edit.earlier for edit in edits if edit.kind == "delete" and edit.earlier is not None]
    added = [edit.later for edit in edits if edit.kind == "insert" and edit.later is not None]
    scored = sorted(
        ((fuzz.ratio(earlier[old], later[new]), old, new) for old in removed for new in added),
        key=lambda candidate: (-candidate[0], candidate[1], candidate[2]),
    )

    source_of: dict[int, int] = {}
    for score, old, new in scored:
        if score < MOVED_CHANGE_MIN_RATIO:
            break
        if old not in source_of.values() and new not in source_of:
            source_of[new] = old
    if not source_of:
        return edits

    paired_earlier = set(source_of.values())
    result = []
    for edit in edits:
        if edit.kind == "delete" and edit.earlier in paired_earlier:
            continue
        if edit.kind == "insert" and edit.later in source_of:
            result.append(StepEdit("replace", source_of[edit.later], edit.later))
            continue
        result.append(edit)
    return result


def _merge_by_later_index(edits: list[StepEdit], moved: list[StepEdit]) -> list[StepEdit]:
    """Insert the moved steps among a gap's edits, each before the first edit of a later step after it."""
    merged: list[StepEdit] = []
    waiting = list(moved)
    for edit in edits:
        while waiting and edit.later is not None and waiting[0].later is not None and waiting[0].later < edit.later:
            merged.append(waiting.pop(0))
        merged.append(edit)
    return merged + waiting
