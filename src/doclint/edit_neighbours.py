"""Candidate pairs of short texts that are equal or one edit apart, found exactly.

MinHash LSH (``doclint.lsh``) compares texts by their character 5-grams.
A short text has few of them, and one inserted character changes up to
five, so two short questions one character apart often share too little
for a band to catch them. Measured on the benchmark corpus, the LSH found
213 of 233 single edits of questions under 20 characters, and 10,481 of
10,515 of the longer ones.

A text's deletion neighbourhood is the text itself and every text made by
deleting one of its characters. Two texts share an entry of their
neighbourhoods exactly when their Indel distance (insertions and
deletions) is at most 1, or is 2 with equal lengths: a substituted
character, or one character moved.

``fuzz.ratio`` is 100 * (1 - d / (m + n)) for an Indel distance d between
texts of m and n characters. So at the same-question threshold of 95, two
questions of fewer than 20 characters each match only at a distance of 0
or 1. With their neighbourhoods added, no such pair is left to chance.
"""

from __future__ import annotations

from itertools import combinations
from typing import Sequence

import numpy

from doclint import pair_codes


def one_edit_pairs(texts: Sequence[str], max_length: int) -> numpy.ndarray:
    """Return the pairs (i, j), i < j, of texts of at most ``max_length`` characters whose deletion neighbourhoods meet.

    Returns an int64 array of shape (pairs, 2), sorted by i, then j.
    """
    members_by_key: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        if len(text) > max_length:
            continue
        neighbourhood = {text} | {text[:position] + text[position + 1:] for position in range(len(text))}
        for key in neighbourhood:
            members_by_key.setdefault(key, []).append(index)

    count = len(texts)
    codes = numpy.fromiter(
        (first * count + second for members in members_by_key.values() for first, second in combinations(members, 2)),
        dtype=numpy.int64,
    )
    return pair_codes.decode(pair_codes.sorted_unique(codes), count)
