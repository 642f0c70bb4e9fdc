"""Exact integer ids for the character n-grams (shingles) of a group of texts.

Two windows get the same id exactly when their characters are the same, so
sets of ids compare as the sets of n-gram strings would, with no hash
collisions. The ids are dense (0 to ``count - 1``) and numbered in the
order of the n-grams' code points, which lets numpy count them with
``bincount``. A group is meant to be one document's texts, because each
call sorts all of its windows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

import numpy

from doclint.lsh import code_points

# Code points are below 0x110000, so one fits in 21 bits and three fit in 63.
_POINT_BITS = 21
_MAX_SIZE = 6

# Shared ids counted at once by ``earlier_overlaps``. Counting a block takes
# about ten int64 arrays of this length, 8 MB each.
MAX_PAIRS_AT_ONCE = 1 << 20


@dataclass(frozen=True)
class Windows:
    """The n-gram windows of a group of texts laid end to end, and their ids."""

    points: numpy.ndarray
    """Code points of the joined texts."""
    text_of_char: numpy.ndarray
    """For each character of the joined texts, the index of its text."""
    starts: numpy.ndarray
    """Start of each window in the joined texts, in text order. Only windows inside one text are kept."""
    ids: numpy.ndarray
    """For each window, the id of its n-gram."""
    order: numpy.ndarray
    """The window indexes sorted by id, then by text (then by start)."""
    sorted_ids: numpy.ndarray
    """``ids[order]``."""
    count: int
    """Number of distinct n-grams."""

    @cached_property
    def text_of_window(self) -> numpy.ndarray:
        """The index of each window's text."""
        return self.text_of_char[self.starts]

    @cached_property
    def sorted_texts(self) -> numpy.ndarray:
        """``text_of_window[order]``: the text of each window in id order."""
        return self.text_of_window[self.order]


def text_windows(texts: Sequence[str], size: int) -> Windows:
    """Cut each text into its windows of ``size`` characters and give each distinct n-gram an id.

    A text shorter than ``size`` has no window. ``size`` is at most 6,
    because each window is sorted as two int64 keys of three code points.
    """
    if not 1 <= size <= _MAX_SIZE:
        raise ValueError(f"invalid shingle size {size}: expected 1 to {_MAX_SIZE}")

    points, lengths = code_points(texts)
    text_of_char = numpy.repeat(numpy.arange(len(texts)), lengths)
    windows = max(points.size - size + 1, 0)
    starts = numpy.flatnonzero(text_of_char[:windows] == text_of_char[size - 1:size - 1 + windows])

    # Sorting by the packed code points puts equal n-grams next to each other.
    high = _pack(points, starts, range(min(size, 3)))
    low = _pack(points, starts, range(3, size))
    order = numpy.lexsort((low, high))
    first = run_starts(high[order], low[order])

    sorted_ids = numpy.cumsum(first) - 1
    ids = numpy.empty(order.size, dtype=numpy.int64)
    ids[order] = sorted_ids
    return Windows(points, text_of_char, starts, ids, order, sorted_ids, int(numpy.count_nonzero(first)))


def _pack(points: numpy.ndarray, starts: numpy.ndarray, offsets: range) -> numpy.ndarray:
    """Pack the code points at ``starts + offset`` for each offset into one uint64 per window."""
    packed = numpy.zeros(starts.size, dtype=numpy.uint64)
    for offset in offsets:
        packed = (packed << numpy.uint64(_POINT_BITS)) | points[starts + offset].astype(numpy.uint64)
    return packed


def run_starts(*keys: numpy.ndarray) -> numpy.ndarray:
    """Mark the elements where any of the equally long ``keys`` differs from the element before, and the first element."""
    starts = numpy.zeros(keys[0].size, dtype=bool)
    starts[:1] = True
    for key in keys:
        starts[1:] |= key[1:] != key[:-1]
    return starts


def earlier_overlaps(
    ids: numpy.ndarray,
    owners: numpy.ndarray,
    group_of_owner: numpy.ndarray,
    minimum: int,
    max_pairs: int = MAX_PAIRS_AT_ONCE,
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Find the pairs of owners that share at least ``minimum`` distinct ids, the second from an earlier group.

    ``ids`` and ``owners`` list which owner has which id, sorted by id and
    then by owner, with no repeated pair. ``group_of_owner`` must not
    decrease with the owner index. Returns (later owner, earlier owner)
    arrays, sorted by later owner, then earlier owner.

    Every shared id of every pair is one array element while it is counted,
    so later owners are taken in blocks of about ``max_pairs`` such
    elements. A block never splits one owner's pairs, so its counts are
    final.
    """
    new_run = run_starts(ids)
    run_start = numpy.flatnonzero(new_run)[numpy.cumsum(new_run) - 1]
    rank = numpy.arange(ids.size) - run_start
    pairs_of_owner = numpy.bincount(owners, weights=rank, minlength=group_of_owner.size)

    later_parts = [numpy.zeros(0, dtype=numpy.int64)]
    earlier_parts = [numpy.zeros(0, dtype=numpy.int64)]
    for first, last in _owner_blocks(pairs_of_owner, max_pairs):
        entries = numpy.flatnonzero((owners >= first) & (owners < last))
        later, earlier = _block_overlaps(entries, owners, run_start, rank, group_of_owner, minimum)
        later_parts.append(later)
        earlier_parts.append(earlier)
    return numpy.concatenate(later_parts), numpy.concatenate(earlier_parts)


def _owner_blocks(pairs_of_owner: numpy.ndarray, max_pairs: int) -> list[tuple[int, int]]:
    """Split the owners into ranges [first, last) of at most ``max_pairs`` pairs, or of one owner that has more."""
    ends = numpy.cumsum(pairs_of_owner)
    total = float(ends[-1]) if ends.size else 0.0
    blocks = []
    first = 0
    done = 0.0
    while done < total:
        last = max(int(numpy.searchsorted(ends, done + max_pairs, side="right")), first + 1)
        blocks.append((first, last))
        first, done = last, float(ends[last - 1])
    return blocks


def _block_overlaps(
    entries: numpy.ndarray,
    owners: numpy.ndarray,
    run_start: numpy.ndarray,
    rank: numpy.ndarray,
    group_of_owner: numpy.ndarray,
    minimum: int,
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Count the ids that the owners of ``entries`` share with each earlier owner, and return the pairs that reach ``minimum``.

    Each entry pairs with the ``rank`` entries before it in its run of
    equal ids, which belong to other owners with smaller indexes.
    """
    counts = rank[entries]
    later = numpy.repeat(entries, counts)
    first_pair = numpy.repeat(numpy.cumsum(counts) - counts, counts)
    earlier = run_start[later] + numpy.arange(later.size) - first_pair
    later, earlier = owners[later], owners[earlier]

    apart = group_of_owner[earlier] < group_of_owner[later]
    owner_count = max(int(group_of_owner.size), 1)
    keys = numpy.sort(later[apart] * owner_count + earlier[apart])
    first = numpy.flatnonzero(run_starts(keys))
    shared = numpy.diff(numpy.r_[first, keys.size])
    return numpy.divmod(keys[first[shared >= minimum]], owner_count)
