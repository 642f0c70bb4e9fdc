"""Pair codes: building, deduplicating, merging and decoding match a plain Python reference."""

from __future__ import annotations

import itertools

import numpy

from doclint import pair_codes

COUNT = 50


def codes_of(pairs: list[tuple[int, int]], count: int = COUNT) -> list[int]:
    return [first * count + second for first, second in pairs]


def test_run_pair_count() -> None:
    assert pair_codes.run_pair_count(numpy.array([2, 3, 5])) == 1 + 3 + 10
    assert pair_codes.run_pair_count(numpy.array([], dtype=numpy.int64)) == 0


def test_write_run_pairs_all_pairs_per_run() -> None:
    runs = [[3, 7], [0, 4, 9, 12], [1, 2, 40]]
    members = numpy.array([member for run in runs for member in run], dtype=numpy.int64)
    sizes = numpy.array([len(run) for run in runs], dtype=numpy.int64)
    out = numpy.empty(pair_codes.run_pair_count(sizes), dtype=numpy.int64)

    pair_codes.write_run_pairs(members, sizes, COUNT, out)

    expected = [pair for run in runs for pair in itertools.combinations(run, 2)]
    assert out.tolist() == codes_of(expected)


def test_write_run_pairs_no_runs() -> None:
    out = numpy.empty(0, dtype=numpy.int64)

    pair_codes.write_run_pairs(numpy.empty(0, dtype=numpy.int64), numpy.empty(0, dtype=numpy.int64), COUNT, out)

    assert out.size == 0


def test_cross_pair_codes_skip_first_pair() -> None:
    groups = [[5, 20, 30], [2], [8, 9]]
    members = numpy.array([member for group in groups for member in group], dtype=numpy.int64)
    sizes = numpy.array([len(group) for group in groups], dtype=numpy.int64)
    starts = numpy.cumsum(sizes) - sizes
    left, right = numpy.array([0, 1, 0]), numpy.array([1, 2, 2])

    codes = pair_codes.cross_pair_codes(left, right, members, starts, sizes, COUNT)

    expected = set()
    for first_group, second_group in zip(left.tolist(), right.tolist()):
        for first, second in itertools.product(groups[first_group], groups[second_group]):
            if (first, second) != (groups[first_group][0], groups[second_group][0]):
                expected.add((min(first, second), max(first, second)))
    assert sorted(codes.tolist()) == sorted(codes_of(sorted(expected)))
    assert len(codes) == len(expected)


def test_sorted_unique_matches_numpy() -> None:
    generator = numpy.random.default_rng(2)
    codes = generator.integers(0, 300, size=1000, dtype=numpy.int64)
    expected = numpy.unique(codes)

    assert pair_codes.sorted_unique(codes).tolist() == expected.tolist()
    assert pair_codes.sorted_unique(numpy.empty(0, dtype=numpy.int64)).size == 0


def test_merge_disjoint_sorted_union() -> None:
    ordered = numpy.array([1, 4, 9, 30], dtype=numpy.int64)
    extra = numpy.array([31, 0, 5, 10, 2], dtype=numpy.int64)

    merged = pair_codes.merge_disjoint(ordered, extra)

    assert merged.tolist() == [0, 1, 2, 4, 5, 9, 10, 30, 31]


def test_merge_disjoint_nothing_extra() -> None:
    ordered = numpy.array([1, 4], dtype=numpy.int64)

    assert pair_codes.merge_disjoint(ordered, numpy.empty(0, dtype=numpy.int64)).tolist() == [1, 4]


def test_recode_maps_both_sides() -> None:
    index_map = numpy.array([0, 3, 4, 8], dtype=numpy.int64)
    codes = numpy.array(codes_of([(0, 1), (0, 3), (1, 2), (2, 3)], 4), dtype=numpy.int64)

    pair_codes.recode(codes, index_map, 4, 10)

    assert codes.tolist() == codes_of([(0, 3), (0, 8), (3, 4), (4, 8)], 10)


def test_decode_pairs() -> None:
    codes = numpy.array(codes_of([(0, 1), (2, 49), (48, 49)]), dtype=numpy.int64)

    pairs = pair_codes.decode(codes, COUNT)

    assert pairs.dtype == numpy.int64
    assert pairs.tolist() == [[0, 1], [2, 49], [48, 49]]


def test_pairs_touching_marked_items() -> None:
    codes = numpy.array(codes_of([(0, 1), (1, 2), (3, 4), (2, 5)]), dtype=numpy.int64)
    marked = numpy.zeros(COUNT, dtype=bool)
    marked[[2, 4]] = True

    first, second = pair_codes.pairs_touching(codes, COUNT, marked)

    assert list(zip(first.tolist(), second.tolist())) == [(1, 2), (3, 4), (2, 5)]


def test_run_pair_count_with_leaders() -> None:
    sizes = numpy.array([2, 3, 5, 1], dtype=numpy.int64)

    assert pair_codes.run_pair_count(sizes, leaders=2) == 1 + 3 + (1 + 2 * 3) + 0
    assert pair_codes.run_pair_count(sizes, leaders=5) == pair_codes.run_pair_count(sizes)
    assert pair_codes.run_pair_count(sizes, leaders=1) == 1 + 2 + 4 + 0


def test_write_run_pairs_leaders_only() -> None:
    runs = [[3, 7], [0, 4, 9, 12], [1, 2, 40, 41, 45]]
    members = numpy.array([member for run in runs for member in run], dtype=numpy.int64)
    sizes = numpy.array([len(run) for run in runs], dtype=numpy.int64)
    out = numpy.empty(pair_codes.run_pair_count(sizes, leaders=2), dtype=numpy.int64)

    pair_codes.write_run_pairs(members, sizes, COUNT, out, leaders=2)

    expected = [(first, second) for run in runs for first, second in itertools.combinations(run, 2) if first in run[:2]]
    assert out.tolist() == codes_of(expected)


def test_union_of_sorted_codes() -> None:
    first = numpy.array([1, 5, 9, 20], dtype=numpy.int64)
    second = numpy.array([0, 5, 10, 20, 30], dtype=numpy.int64)

    assert pair_codes.union(first, second).tolist() == [0, 1, 5, 9, 10, 20, 30]
    assert pair_codes.union(numpy.empty(0, dtype=numpy.int64), second).tolist() == second.tolist()
    assert pair_codes.union(first, numpy.empty(0, dtype=numpy.int64)).tolist() == first.tolist()
