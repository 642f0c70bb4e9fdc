"""Pairs of indexes stored as int64 codes ``i * count + j``, with i < j < count.

A candidate search over 100,000 texts produces tens of millions of pairs.
One code keeps a pair in 8 bytes, and sorting the codes sorts the pairs by
i, then j, so one in-place sort both orders the pairs and brings repeats
together. The functions here build, deduplicate, merge and decode codes
without making int64 copies of the whole set beyond the one they return.
"""

from __future__ import annotations

import numpy

# Codes decoded or re-encoded at once. With 2**20 codes, each temporary array
# takes 8 MB.
_CHUNK_CODES = 1 << 20


def run_pair_count(sizes: numpy.ndarray, leaders: int | None = None) -> int:
    """Return the number of pairs that ``write_run_pairs`` writes for runs of these sizes.

    Without ``leaders`` it is the sum of size * (size - 1) / 2. With it, a
    run of size s > leaders has leaders * (leaders - 1) / 2 pairs among its
    first members and leaders * (s - leaders) pairs from them to the rest.
    """
    sizes = sizes.astype(numpy.int64)
    if leaders is None:
        return int((sizes * (sizes - 1) // 2).sum())
    heads = numpy.minimum(sizes, leaders)
    return int((heads * (heads - 1) // 2 + heads * (sizes - heads)).sum())


def write_run_pairs(
    members: numpy.ndarray, sizes: numpy.ndarray, count: int, out: numpy.ndarray, leaders: int | None = None
) -> None:
    """Write the code of every pair of members within the same run into ``out``.

    ``members`` lists the runs one after another, ``sizes`` gives their
    lengths, and within a run the members must be ascending, so that the
    earlier member of a pair is the smaller index. With ``leaders``, only
    the pairs whose earlier member is one of the first ``leaders`` members
    of its run are written, so a run of s members writes fewer than
    leaders * s pairs instead of s * (s - 1) / 2. ``out`` must have exactly
    ``run_pair_count(sizes, leaders)`` elements. The pairs of a run come
    out in ascending order. Temporary memory is three int64 arrays of the
    size of ``out``.
    """
    run_ends = numpy.repeat(numpy.cumsum(sizes), sizes)
    positions = numpy.arange(members.size)
    partners = run_ends - positions - 1
    if leaders is not None:
        rank = positions - numpy.repeat(numpy.cumsum(sizes) - sizes, sizes)
        partners[rank >= leaders] = 0

    first = numpy.repeat(positions, partners)
    pair_starts = numpy.cumsum(partners) - partners
    second = numpy.arange(first.size) - numpy.repeat(pair_starts - positions - 1, partners)

    numpy.take(members, first, out=out)
    out *= count
    out += members[second]


def cross_pair_codes(
    left: numpy.ndarray, right: numpy.ndarray, members: numpy.ndarray, starts: numpy.ndarray, sizes: numpy.ndarray, count: int
) -> numpy.ndarray:
    """Return the codes of all pairs between the members of groups ``left[k]`` and ``right[k]``, for every k.

    Group ``g`` is ``members[starts[g] : starts[g] + sizes[g]]``. The pair
    of the two groups' first members is left out, because the caller has it
    already. The codes are neither sorted nor checked for repeats.
    """
    left_sizes, right_sizes = sizes[left], sizes[right]
    products = left_sizes * right_sizes
    group_pair = numpy.repeat(numpy.arange(left.size), products)
    within = numpy.arange(group_pair.size) - numpy.repeat(numpy.cumsum(products) - products, products)

    later = within > 0
    group_pair, within = group_pair[later], within[later]
    widths = right_sizes[group_pair]
    first = members[starts[left][group_pair] + within // widths]
    second = members[starts[right][group_pair] + within % widths]
    return numpy.minimum(first, second) * count + numpy.maximum(first, second)


def sorted_unique(codes: numpy.ndarray) -> numpy.ndarray:
    """Sort ``codes`` in place and return its distinct values in ascending order.

    This is ``numpy.unique`` for a flat integer array, done by sorting and
    comparing neighbours. Since numpy 2.3, ``numpy.unique`` goes through a
    hash table, which took 53 s for 19 million int64 pair codes where the
    sort took 2.4 s (numpy 2.4.6, one core of a 2-core machine).
    """
    if codes.size == 0:
        return codes
    codes.sort()
    first = numpy.empty(codes.size, dtype=bool)
    first[0] = True
    numpy.not_equal(codes[1:], codes[:-1], out=first[1:])
    return codes[first]


def merge_disjoint(ordered: numpy.ndarray, extra: numpy.ndarray) -> numpy.ndarray:
    """Return the sorted union of sorted ``ordered`` and ``extra``, which must share no code.

    ``extra`` is sorted in place. Inserting it costs one copy of
    ``ordered`` instead of sorting the union.
    """
    if extra.size == 0:
        return ordered
    extra.sort()
    return numpy.insert(ordered, numpy.searchsorted(ordered, extra), extra)


def union(ordered: numpy.ndarray, other: numpy.ndarray) -> numpy.ndarray:
    """Return the sorted union of two sorted arrays of distinct codes.

    The codes of ``other`` that ``ordered`` lacks are inserted into a
    copy of ``ordered``, so no array of both sizes together is sorted.
    """
    if ordered.size == 0:
        return other
    place = numpy.minimum(numpy.searchsorted(ordered, other), ordered.size - 1)
    return merge_disjoint(ordered, other[ordered[place] != other])


def recode(codes: numpy.ndarray, index_map: numpy.ndarray, old_count: int, new_count: int) -> None:
    """Rewrite, in place, each code of a pair (i, j) of ``old_count`` items as that of (index_map[i], index_map[j]).

    ``index_map`` must be strictly increasing, which keeps i < j and the
    order of the codes.
    """
    for start in range(0, codes.size, _CHUNK_CODES):
        chunk = codes[start : start + _CHUNK_CODES]
        first, second = numpy.divmod(chunk, old_count)
        numpy.take(index_map, first, out=first)
        numpy.take(index_map, second, out=second)
        first *= new_count
        numpy.add(first, second, out=chunk)


def decode(codes: numpy.ndarray, count: int) -> numpy.ndarray:
    """Return the pairs of the codes as an int64 array of shape (len(codes), 2), in the order of the codes."""
    pairs = numpy.empty((codes.size, 2), dtype=numpy.int64)
    numpy.floor_divide(codes, count, out=pairs[:, 0])
    numpy.remainder(codes, count, out=pairs[:, 1])
    return pairs


def pairs_touching(codes: numpy.ndarray, count: int, marked: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Return (first, second), the two sides of the pairs in ``codes`` with at least one item where ``marked`` is true."""
    firsts, seconds = [], []
    for start in range(0, codes.size, _CHUNK_CODES):
        first, second = numpy.divmod(codes[start : start + _CHUNK_CODES], count)
        touching = marked[first] | marked[second]
        firsts.append(first[touching])
        seconds.append(second[touching])
    if not firsts:
        return numpy.empty(0, dtype=numpy.int64), numpy.empty(0, dtype=numpy.int64)
    return numpy.concatenate(firsts), numpy.concatenate(seconds)
