"""The shingle index of one document's passage units: template, weights and candidate sources.

``doclint.passages`` cuts the items of a document into units of folded
text and describes the template and the weights. This module computes
them for all units of a document at once in numpy. Shingles are exact
integer ids (``doclint.shingles``), so every set and count is the one that
5-gram strings give.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy

from doclint.passage_sets import LATIN_WEIGHT, MIN_SHARED_SHINGLES, SHINGLE, template_min_items
from doclint.shingles import Windows, earlier_overlaps, run_starts, text_windows
from doclint.text import is_cjk

_BMP_SIZE = 0x10000


@dataclass(frozen=True)
class PassageIndex:
    """Template coverage, character weights and candidate pairs of one document's units.

    Units are numbered item by item in document order, and each item's
    units in their order.
    """

    weights: numpy.ndarray
    """Weight of each character of the joined units: 0.0 where template covers it."""
    offsets: numpy.ndarray
    """Start of each unit in ``weights``, and the total length last."""
    candidates: dict[int, list[int]]
    """For each unit that may borrow, the units of earlier items worth comparing, in order."""

    def unit_weights(self, unit: int) -> list[float]:
        """Return the weight of each character of a unit as Python floats."""
        return self.weights[self.offsets[unit]:self.offsets[unit + 1]].tolist()


def index_units(texts_by_item: Sequence[Sequence[str]], min_weight: float) -> PassageIndex:
    """Index the folded texts of a document's units, item by item.

    A unit may borrow only when its uncovered characters weigh at least
    ``min_weight``, because neither one of its runs nor all of them weigh
    more than the unit. The weights are counted in thirds, exactly. With a
    whole-number ``min_weight``, a unit below it falls short by at least
    1/3, far more than float rounding of the sums in ``passages`` can add.
    """
    texts = [text for item in texts_by_item for text in item]
    item_of_unit = numpy.repeat(numpy.arange(len(texts_by_item)), [len(item) for item in texts_by_item])
    windows = text_windows(texts, SHINGLE)

    template = _template_ids(windows, item_of_unit, len(texts_by_item))
    covered = _coverage(windows, template)
    cjk = _cjk_mask(windows.points)
    weights = numpy.where(covered, 0.0, numpy.where(cjk, 1.0, LATIN_WEIGHT))

    thirds = numpy.where(covered, 0, numpy.where(cjk, 3, 1))
    own_thirds = numpy.bincount(windows.text_of_char, weights=thirds, minlength=len(texts))
    borrowers = own_thirds >= math.ceil(3 * min_weight)
    candidates = _candidates(windows, template, item_of_unit, borrowers)

    lengths = numpy.fromiter((len(text) for text in texts), dtype=numpy.int64, count=len(texts))
    offsets = numpy.concatenate(([0], numpy.cumsum(lengths)))
    return PassageIndex(weights, offsets, candidates)


def _template_ids(windows: Windows, item_of_unit: numpy.ndarray, item_count: int) -> numpy.ndarray:
    """Mark the shingles that occur in at least ``template_min_items`` of the items with distinct content.

    Items with the same set of shingles count once. An item without
    shingles counts as the empty set.
    """
    items = item_of_unit[windows.sorted_texts]
    first = run_starts(windows.sorted_ids, items)
    ids, items = windows.sorted_ids[first], items[first]

    # The smallest integer type lets numpy sort by radix.
    by_item = numpy.argsort(items.astype(numpy.min_scalar_type(item_count)), kind="stable")
    bounds = numpy.searchsorted(items[by_item], numpy.arange(item_count + 1))
    ids_by_item = ids[by_item]
    distinct: dict[bytes, numpy.ndarray] = {}
    for item in range(item_count):
        shingles = ids_by_item[bounds[item]:bounds[item + 1]]
        distinct.setdefault(shingles.tobytes(), shingles)

    counts = numpy.bincount(numpy.concatenate([ids[:0], *distinct.values()]), minlength=windows.count)
    return counts >= template_min_items(len(distinct))


def _coverage(windows: Windows, template: numpy.ndarray) -> numpy.ndarray:
    """Mark each character that a template shingle covers."""
    covered = numpy.zeros(windows.text_of_char.size, dtype=bool)
    template_starts = windows.starts[template[windows.ids]]
    for offset in range(SHINGLE):
        covered[template_starts + offset] = True
    return covered


def _candidates(
    windows: Windows, template: numpy.ndarray, item_of_unit: numpy.ndarray, borrowers: numpy.ndarray
) -> dict[int, list[int]]:
    """Find, for each borrower unit, the units of earlier items that share enough non-template shingles."""
    ids, units = windows.sorted_ids, windows.sorted_texts
    own = run_starts(ids, units) & ~template[ids]
    later, earlier = earlier_overlaps(ids[own], units[own], item_of_unit, MIN_SHARED_SHINGLES)

    may_borrow = borrowers[later]
    candidates: dict[int, list[int]] = {}
    for unit, source in zip(later[may_borrow].tolist(), earlier[may_borrow].tolist()):
        candidates.setdefault(unit, []).append(source)
    return candidates


def _cjk_mask(points: numpy.ndarray) -> numpy.ndarray:
    """Mark the CJK characters among code points, as ``doclint.text.is_cjk`` decides."""
    table = _bmp_cjk_table()
    in_bmp = points < _BMP_SIZE
    if in_bmp.all():
        return table[points]
    mask = numpy.zeros(points.size, dtype=bool)
    mask[in_bmp] = table[points[in_bmp]]
    for point in numpy.unique(points[~in_bmp]).tolist():
        mask[points == point] = is_cjk(chr(point))
    return mask


@lru_cache(maxsize=1)
def _bmp_cjk_table() -> numpy.ndarray:
    """Return ``is_cjk`` of every code point below 0x10000, where all CJK ranges of ``doclint.text`` lie."""
    return numpy.fromiter((is_cjk(chr(point)) for point in range(_BMP_SIZE)), dtype=bool, count=_BMP_SIZE)
