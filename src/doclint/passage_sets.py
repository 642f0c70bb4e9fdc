"""The passage index of a small document, computed with Python sets instead of numpy.

``doclint.passage_index`` computes the template, the character weights and
the candidate pairs of a document's units in numpy. Sets of 5-gram strings
give the same index in about three times as long (2.3 ms against 0.7 ms
for a generated Q&A document of 5,000 characters), but without importing
numpy, which takes about 0.1 s. A run on a few small documents is faster
this way. Both modules follow the definitions in ``doclint.passages``, and
a test compares them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from doclint.text import is_cjk

SHINGLE = 5
# Limits of ``template_min_items``, in distinct items of one document.
TEMPLATE_MIN_ITEMS = 3
TEMPLATE_MIN_SHARE = 0.25
TEMPLATE_MIN_PASTES = 4
LATIN_WEIGHT = 1 / 3

# A source unit must share this many non-template shingles with a unit to be
# compared at all. Every shingle that contains an uncovered character is not
# template, so an exact run of 16 uncovered characters contains at least 12
# such 5-grams and the filter never drops one. It only saves the alignment of
# units that share a word or two.
MIN_SHARED_SHINGLES = 6

# Only documents whose units have at most this many characters in all are indexed here.
MAX_CHARS = 20_000


@dataclass(frozen=True)
class SetPassageIndex:
    """Character weights and candidate pairs of one document's units, as ``PassageIndex`` gives them."""

    weights: list[list[float]]
    """The weight of each character of each unit: 0.0 where template covers it."""
    candidates: dict[int, list[int]]
    """For each unit that may borrow, the units of earlier items worth comparing, in order."""

    def unit_weights(self, unit: int) -> list[float]:
        """Return the weight of each character of a unit."""
        return self.weights[unit]


def index_units(texts_by_item: Sequence[Sequence[str]], min_weight: float) -> SetPassageIndex:
    """Index the folded texts of a document's units, item by item (see ``doclint.passage_index.index_units``)."""
    texts = [text for item in texts_by_item for text in item]
    item_of_unit = [item for item, group in enumerate(texts_by_item) for _text in group]
    shingles = [_shingles(text) for text in texts]

    template = _template(texts_by_item, shingles)
    char_weights = _CharWeights()
    weights = [_weights(text, own & template, char_weights) for text, own in zip(texts, shingles)]

    # A unit may borrow only when its uncovered characters weigh at least min_weight, counted in thirds exactly.
    needed_thirds = math.ceil(3 * min_weight)
    borrowers = [3 * unit.count(1.0) + unit.count(LATIN_WEIGHT) >= needed_thirds for unit in weights]
    candidates = _candidates([own - template for own in shingles], item_of_unit, borrowers)
    return SetPassageIndex(weights, candidates)


def _shingles(text: str) -> set[str]:
    return {text[start:start + SHINGLE] for start in range(len(text) - SHINGLE + 1)}


def _template(texts_by_item: Sequence[Sequence[str]], shingles: list[set[str]]) -> set[str]:
    """Return the shingles that occur in at least ``template_min_items`` of the items with distinct content."""
    distinct: set[frozenset[str]] = set()
    unit = 0
    for group in texts_by_item:
        distinct.add(frozenset().union(*shingles[unit:unit + len(group)]))
        unit += len(group)

    counts: Counter[str] = Counter()
    for item_shingles in distinct:
        counts.update(item_shingles)
    minimum = template_min_items(len(distinct))
    return {shingle for shingle, count in counts.items() if count >= minimum}


def template_min_items(distinct_items: int) -> int:
    """Return how many of a document's distinct items must have a 5-gram for it to be template.

    The minimum is at least 3 items and a quarter of them, because a
    generated template repeats its text in most items. It also exceeds
    ``TEMPLATE_MIN_PASTES`` items, so a sentence pasted into up to three
    other items stays evidence of copying, unless the document has fewer
    than nine items: there half of them (and at least 3) suffice, because
    small banks repeat their template in every item. ``doclint.passages`` gives the measurements.
    """
    quarter = math.ceil(TEMPLATE_MIN_SHARE * distinct_items)
    half = math.ceil(distinct_items / 2)
    return max(TEMPLATE_MIN_ITEMS, quarter, min(TEMPLATE_MIN_PASTES + 1, half))


class _CharWeights(dict[str, float]):
    """The weight of each character that is not covered: 1.0 for CJK, LATIN_WEIGHT otherwise, computed once per character."""

    def __missing__(self, char: str) -> float:
        weight = 1.0 if is_cjk(char) else LATIN_WEIGHT
        self[char] = weight
        return weight


def _weights(text: str, template: set[str], char_weights: _CharWeights) -> list[float]:
    """Return the weight of each character: 0.0 under a shingle of ``template``, else its ``char_weights`` entry."""
    weights = [char_weights[char] for char in text]
    if template:
        for start in range(len(text) - SHINGLE + 1):
            if text[start:start + SHINGLE] in template:
                weights[start:start + SHINGLE] = [0.0] * SHINGLE
    return weights


def _candidates(own: list[set[str]], item_of_unit: list[int], borrowers: list[bool]) -> dict[int, list[int]]:
    """Find, for each borrower, the units of earlier items that share at least MIN_SHARED_SHINGLES of its non-template shingles."""
    units_with: dict[str, list[int]] = {}
    for unit, shingles in enumerate(own):
        for shingle in shingles:
            units_with.setdefault(shingle, []).append(unit)

    candidates: dict[int, list[int]] = {}
    for unit, shingles in enumerate(own):
        if not borrowers[unit]:
            continue
        item = item_of_unit[unit]
        shared = Counter(source for shingle in shingles for source in units_with[shingle] if item_of_unit[source] < item)
        sources = sorted(source for source, count in shared.items() if count >= MIN_SHARED_SHINGLES)
        if sources:
            candidates[unit] = sources
    return candidates
