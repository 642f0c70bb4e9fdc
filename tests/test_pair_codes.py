"""Pair codes: building, deduplicating and decoding match a plain Python reference."""

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



def test_sorted_unique_matches_numpy() -> None:
    generator = numpy.random.default_rng(2)
    codes = generator.integers(0, 300, size=1000, dtype=numpy.int64)
    expected = numpy.unique(codes)

    assert pair_codes.sorted_unique(codes).tolist() == expected.tolist()
    assert pair_codes.sorted_unique(numpy.empty(0, dtype=numpy.int64)).size == 0





def test_decode_pairs() -> None:
    codes = numpy.array(codes_of([(0, 1), (2, 49), (48, 49)]), dtype=numpy.int64)

    pairs = pair_codes.decode(codes, COUNT)

    assert pairs.dtype == numpy.int64
    assert pairs.tolist() == [[0, 1], [2, 49], [48, 49]]
