"""Passages that one Q&A item repeats from another item with a different question.

Each item is cut into units: the answer's text, each step (without its
label) and the explanation. Units are compared as folded text: NFKC, case
folded, letters and digits only, with a map back to the original characters
so that a finding can quote what the author wrote.

Template text is no evidence of copying. A character 5-gram that occurs in
at least ``max(3, 25 %)`` of a document's distinct items is template, and a
passage counts only with the characters that template does not cover. On a
30-item generated article this keeps the boilerplate step
("通过交叉验证和测试集评估模型性能，对模型进行优化。") and the common opening
("将训练好的模型应用于实际场景") out, while a step copied from another item
("如医学图像与文本信息融合，为医生提供综合性的诊断建议") keeps more than 20
characters of its own.

A unit borrows from an earlier unit when they share one run of at least
``MIN_PASSAGE_WEIGHT`` non-template characters, or when the whole units are
nearly the same (``fuzz.ratio`` at least ``NEAR_UNIT_RATIO``) and share at
least ``MIN_NEAR_UNIT_WEIGHT`` non-template characters in all. CJK
characters weigh 1 and other letters and digits 1/3, so a run needs 16
Chinese characters or about 48 Latin letters (eight to ten English words).

Measured on that article, the passages a reviewer reports weigh 19 to 24
(item 14's step 4 and explanation, item 14's step 1 against item 7's),
while the closest pair a reviewer leaves alone (the last steps of items 1
and 4, "为医生提供辅助诊断建议") weighs 17 as a nearly identical unit. That
is why a nearly identical unit needs 20, more than a single exact run.

``doclint.passage_index`` computes the template, the weights and the pairs
of units worth aligning (those that share at least ``MIN_SHARED_SHINGLES``
non-template 5-grams) for all units of a document at once, in numpy. Of
several sources with the same weight, the earliest in the document wins.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from doclint.model import Document
from doclint.passage_index import index_units
from doclint.placeholders import is_placeholder, placeholder_forms
from doclint.qa import answer_conflicts, is_item
from doclint.similarity import SectionEntry, contains, exact_copies, index_sections, near_duplicate_matches

logger = logging.getLogger(__name__)

MIN_PASSAGE_WEIGHT = 16.0
MIN_NEAR_UNIT_WEIGHT = 20.0
NEAR_UNIT_RATIO = 85.0


@dataclass(eq=False, slots=True)
class Unit:
    """One passage-sized part of an item: its answer text, a step or its explanation.

    It is not frozen, because a run creates one for every step of every
    item and a frozen dataclass takes several times as long to create.
    """

    entry: SectionEntry
    kind: str
    """``answer``, ``step`` or ``explanation``."""
    number: int
    """The step's position in the answer (1-based); 0 for other kinds."""
    line: int
    text: str
    folded: str

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the start and end in ``text`` of the folded characters ``start`` to ``end - 1``."""
        positions = fold(self.text)[1]
        return positions[start], positions[end - 1] + 1


@dataclass(frozen=True)
class Borrowing:
    unit: Unit
    source: Unit
    start: int
    """Start of the passage in ``unit.text``."""
    end: int
    exact: bool
    """True for one shared run of text; False for a nearly identical unit."""
    weight: float


_WORD_CHAR_RE = re.compile(r"[^\W_]")
_NON_WORD_RE = re.compile(r"[\W_]+")


def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """Fold text for comparison and map each folded character back to its index in ``text``.

    Most texts keep their length under NFKC and case folding (full-width
    forms become one ASCII character each), so the whole text is folded at
    once and positions map one to one. Otherwise each character is folded
    on its own, which keeps the map exact for ligatures and "ß".
    """
    whole = unicodedata.normalize("NFKC", text).casefold()
    if len(whole) == len(text):
        matches = list(_WORD_CHAR_RE.finditer(whole))
        return "".join(match.group() for match in matches), tuple(match.start() for match in matches)

    chars: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if folded.isalnum():
                chars.append(folded)
                positions.append(index)
    return "".join(chars), tuple(positions)


def item_units(entry: SectionEntry, folds: dict[str, str | None]) -> list[Unit]:
    """Cut an item into its answer text, steps and explanation, leaving out placeholders.

    ``folds`` maps each text seen before to its folded form, or to None for
    a placeholder. Generated articles repeat their template steps, so a
    whole run shares one map.
    """
    fields = entry.section.fields
    answer = fields["answer"]
    parts: list[tuple[str, int, int, str]] = [("answer", 0, answer.line, answer.text)]
    parts += [("step", index, step.line, step.text) for index, step in enumerate(answer.steps, start=1)]
    if "explanation" in fields:
        parts.append(("explanation", 0, fields["explanation"].line, fields["explanation"].text))

    units = []
    for kind, number, line, text in parts:
        if text not in folds:
            folds[text] = _fold_unit_text(text)
        folded = folds[text]
        if folded is not None:
            units.append(Unit(entry, kind, number, line, text, folded))
    return units


def _fold_unit_text(text: str) -> str | None:
    """Return ``fold(text)[0]``, or None when the text is a placeholder, without building the position map."""
    whole = unicodedata.normalize("NFKC", text).casefold()
    letters = _NON_WORD_RE.sub("", whole)
    if _may_be_placeholder(letters) and is_placeholder(text):
        return None
    if len(whole) == len(text):
        return letters
    return fold(text)[0]


def _may_be_placeholder(letters: str) -> bool:
    """Return whether a text with these letters and digits may normalise to nothing or to a placeholder.

    ``letters`` are the letters and digits of the text after NFKC and case
    folding. ``normalize`` keeps exactly those, with spaces between some of
    them, so only no letters or the letters of a placeholder can give an
    empty text or a placeholder.
    """
    return not letters or letters in _placeholder_letters()


@lru_cache(maxsize=1)
def _placeholder_letters() -> frozenset[str]:
    return frozenset(form.replace(" ", "") for form in placeholder_forms())


def find_borrowings(
    documents: Sequence[Document], same_question_threshold: float, near_duplicate_threshold: float
) -> list[Borrowing]:
    """Find, for each unit of each item, the earlier unit of another item it repeats.

    Items compared are those of one document whose questions differ: pairs
    that ``inconsistent-answer`` or ``near-duplicate-section`` already
    report, exact copies and sections inside them are left out.
    """
    return _find_borrowings(tuple(documents), same_question_threshold, near_duplicate_threshold)


@lru_cache(maxsize=4)
def _find_borrowings(
    documents: tuple[Document, ...], same_question_threshold: float, near_duplicate_threshold: float
) -> list[Borrowing]:
    copies = exact_copies(documents)
    related = _related_pairs(documents, same_question_threshold, near_duplicate_threshold)
    by_document: dict[int, list[SectionEntry]] = defaultdict(list)
    for entry in index_sections(documents):
        if is_item(entry.section) and not copies.excludes(entry):
            by_document[id(entry.document)].append(entry)

    borrowings: list[Borrowing] = []
    folds: dict[str, str | None] = {}
    for items in by_document.values():
        borrowings.extend(_document_borrowings(items, related, folds))
    return borrowings


def _related_pairs(
    documents: tuple[Document, ...], same_question_threshold: float, near_duplicate_threshold: float
) -> set[tuple[int, int]]:
    """Return (later order, earlier order) of the pairs other rules report or that ask the same question."""
    pairs = {(later.order, conflict.earlier.order) for later, conflict in answer_conflicts(documents, same_question_threshold).items()}
    for later, matches in near_duplicate_matches(documents, near_duplicate_threshold).items():
        pairs.update((later.order, earlier.order) for _score, earlier in matches)
    return pairs


def _document_borrowings(
    items: list[SectionEntry], related: set[tuple[int, int]], folds: dict[str, str | None]
) -> list[Borrowing]:
    """Find the borrowings of one document's items, in document order."""
    units_by_item = [item_units(item, folds) for item in items]
    units = [unit for group in units_by_item for unit in group]
    # A borrowing needs a run of MIN_PASSAGE_WEIGHT or runs of MIN_NEAR_UNIT_WEIGHT in all.
    min_weight = min(MIN_PASSAGE_WEIGHT, MIN_NEAR_UNIT_WEIGHT)
    index = index_units([[unit.folded for unit in group] for group in units_by_item], min_weight)

    borrowings: list[Borrowing] = []
    for unit_number, source_numbers in index.candidates.items():
        unit = units[unit_number]
        sources = [units[number] for number in source_numbers]
        best = _best_source(unit, sources, index.unit_weights(unit_number), related)
        if best is not None:
            borrowings.append(best)
    return borrowings


class _Match(NamedTuple):
    """A borrowing found by ``_compare``, in folded characters of the unit."""

    start: int
    end: int
    exact: bool
    weight: float


def _best_source(unit: Unit, sources: list[Unit], weights: list[float], related: set[tuple[int, int]]) -> Borrowing | None:
    """Compare a unit with its candidate sources and return the borrowing from the heaviest, if any.

    Only the chosen borrowing is mapped back to the unit's text, because a
    unit may repeat a passage of many sources.
    """
    best: tuple[Unit, _Match] | None = None
    for source in sources:
        if (unit.entry.order, source.entry.order) in related:
            continue
        if contains(source.entry, unit.entry) or contains(unit.entry, source.entry):
            continue
        match = _compare(unit, source, weights)
        if match is not None and (best is None or match.weight > best[1].weight):
            best = (source, match)

    if best is None:
        return None
    source, match = best
    return Borrowing(unit, source, *unit.text_span(match.start, match.end), match.exact, match.weight)


def _compare(unit: Unit, source: Unit, weights: list[float]) -> _Match | None:
    """Compare a unit with an earlier one and return the borrowed part of the unit, if any.

    ``weights`` are the unit's character weights, 0.0 for template.
    Adding 0.0 leaves a float sum unchanged, so the sum of a run's weights
    is the same float as the sum over its uncovered characters alone.
    """
    blocks = [block for block in Indel.opcodes(source.folded, unit.folded).as_matching_blocks() if block.size]
    own = [(block.b, block.size, sum(weights[block.b:block.b + block.size])) for block in blocks]
    if not own:
        return None

    start, size, longest = max(own, key=itemgetter(2))
    if longest >= MIN_PASSAGE_WEIGHT:
        return _Match(start, start + size, True, longest)

    # Few pairs are nearly identical, so the ratio is checked before the sum.
    if fuzz.ratio(unit.folded, source.folded) < NEAR_UNIT_RATIO:
        return None
    total = sum(block_weight for _start, _size, block_weight in own)
    if total >= MIN_NEAR_UNIT_WEIGHT:
        return _Match(0, len(unit.folded), False, total)
    return None
