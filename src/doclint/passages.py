"""Passages that one Q&A item repeats from another item with a different question.

Each item is cut into units: the answer's text, each step (without its
label) and the explanation. Units are compared as folded text: NFKC, case
folded, letters and digits only, with a map back to the original characters
so that a finding can quote what the author wrote.

Template text is no evidence of copying. A character 5-gram is template
when enough of a document's distinct items have it
(``doclint.passage_sets.template_min_items``): at least 3 items and a
quarter of them, and at least 5 items or, in a bank of fewer than nine
items, half of them. A passage counts only with the characters that
template does not cover.

The rule is sized by what it must keep apart. On a generated article of
20 distinct items (``fixtures/000.txt`` without its copies), the
boilerplate step "通过交叉验证和测试集评估模型性能，对模型进行优化。" is
in 17 items and the common opening "将训练好的模型应用于实际场景" in 12.
The generated step 2 "选择合适的深度学习模型，如卷积神经网络（CNN）或……"
varies its model names, so its 5-grams are in 3 to 20 items each. A writer
who pastes a sentence pastes it into one to three other items, so 2 to 4
items have it: in a 10-item bank that is up to 40 %. No share keeps both
apart: with 40 % (8 of 20 items) the 5-grams of the article that 7 items
share stop being template and give 2 more findings, with 45 % 8 more,
while 30 % still makes a sentence in 3 of 10 items template. A count
does: 4 pasted copies stay below 5 items, and the article keeps its
minimum of 5 items (a quarter of 20). The earlier floor of 3 items made a
sentence pasted into two other items template, and made the word
"Python" template when 3 of 9 items used it, which split the run
"同一时刻只有一个线程执行Python字节码" (weight 12 + 2 + 3 = 17) into runs
of 12 and 3. Small banks repeat their template in every item
(``fixtures/template-only.md``, 4 items), so there half the items suffice:
a floor of 5 without that exception reports 6 template steps in the
fixtures. A step copied from another item ("如医学图像与文本信息融合，为医生
提供综合性的诊断建议") keeps more than 20 characters of its own.

NOTE: text that a generator draws from a small pool into 3 or 4 items of a
short bank now counts as pasted. On a corpus of 60 files from
``bench/corpus.py --files 60`` the rule adds 7 findings to 59, such as
"为主要指标评估模型，并根据结果调整超参数" in 4 of 12 items.

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
non-template 5-grams) for all units of a document at once, in numpy.
``doclint.passage_sets`` computes the same index with Python sets, for the
first few small documents of a process, so that a run on a file or two
does not import numpy. Of several sources with the same weight, the
earliest in the document wins.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from doclint.distinct_items import distinct_items
from doclint.model import Document
from doclint.passage_sets import MAX_CHARS as SMALL_INDEX_CHARS
from doclint.passage_sets import SetPassageIndex
from doclint.passage_sets import index_units as index_small_units
from doclint.placeholders import is_placeholder, placeholder_forms
from doclint.qa import answer_conflicts, is_item
from doclint.similarity import (
    SectionEntry,
    contains,
    document_entries,
    exact_copies,
    find_copies,
    index_sections,
    near_duplicate_matches,
)

if TYPE_CHECKING:
    from doclint.passage_index import PassageIndex

logger = logging.getLogger(__name__)

MIN_PASSAGE_WEIGHT = 16.0

# Documents of each process that ``_index_units`` indexes with Python sets.
SET_INDEX_DOCUMENTS = 8
_set_indexed = 0
MIN_NEAR_UNIT_WEIGHT = 20.0
NEAR_UNIT_RATIO = 85.0

MAX_ALIGNED_CELLS = 200_000_000
"""The largest product of two units' lengths that ``_compare`` aligns.

rapidfuzz's ``Indel.opcodes`` keeps a bit matrix of about one bit per pair
of characters, so two answers of 100,000 words each asked for more memory
than the machine had and stopped the run. At this limit the matrix takes
about 25 MB, and two units of 14,000 characters still align.
"""


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


# Folded unit texts of this process, shared by its documents: generated
# documents repeat template steps, so most texts are folded once.
_FOLDS: dict[str, str | None] = {}
MAX_CACHED_FOLDS = 200_000

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


@dataclass(frozen=True)
class UnitMatch:
    """A passage that a unit shares with one earlier unit of its document, before the run's filters."""

    unit: int
    """Index of the borrowing unit in ``DocumentPassages.units``."""
    source: int
    start: int
    """Start of the passage in the unit's text."""
    end: int
    exact: bool
    weight: float


@dataclass(frozen=True)
class DocumentPassages:
    """The passages that a document's items share, computed where the document is parsed.

    The items compared are the document's items less its own later copies,
    and the template is theirs, so a document's passages do not depend on
    the other documents of a run. The run's filters come later: the pairs
    that other rules report, and items that copy a section of an earlier
    document, which neither borrow nor lend.
    """

    units: tuple[tuple[int, str, int, int, str, str], ...]
    """The units that ``matches`` names: item position, kind, number, line, text and folded text."""
    matches: tuple[tuple[UnitMatch, ...], ...]
    """For each unit that shares a passage, its matches, sources in document order."""


def document_passages(document: Document) -> DocumentPassages:
    """Compute the passages that a document's items share, for ``find_borrowings`` to filter."""
    entries = document_entries(document)
    copies = find_copies(entries)
    items = [entry for entry in entries if is_item(entry.section) and not copies.excludes(entry)]
    if len(_FOLDS) > MAX_CACHED_FOLDS:
        _FOLDS.clear()
    units, found = _unit_matches(items, _FOLDS)

    numbers: dict[int, int] = {}
    for unit_number, matches in found:
        numbers.setdefault(unit_number, len(numbers))
        for source_number, _match in matches:
            numbers.setdefault(source_number, len(numbers))
    described = tuple(
        (unit.entry.position, unit.kind, unit.number, unit.line, unit.text, unit.folded)
        for unit in (units[number] for number in numbers)
    )
    compact = tuple(
        tuple(_unit_match(units[unit_number], numbers[unit_number], numbers[source_number], match) for source_number, match in matches)
        for unit_number, matches in found
    )
    return DocumentPassages(described, compact)


def _unit_match(unit: Unit, unit_number: int, source_number: int, match: _Match) -> UnitMatch:
    start, end = unit.text_span(match.start, match.end)
    return UnitMatch(unit_number, source_number, start, end, match.exact, match.weight)


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
    for items in by_document.values():
        document = items[0].document
        if document.passages is None:
            document.passages = document_passages(document)
        borrowings.extend(_filter_passages(document.passages, items, related))
    return borrowings


def _related_pairs(
    documents: tuple[Document, ...], same_question_threshold: float, near_duplicate_threshold: float
) -> set[tuple[int, int]]:
    """Return (later order, earlier order) of the pairs other rules report or that ask the same question.

    Near-duplicate matches count unless they are distinct items, which
    ``near-duplicate-section`` leaves out, so a step pasted between two
    such items is reported here.
    """
    pairs = {(later.order, conflict.earlier.order) for later, conflict in answer_conflicts(documents, same_question_threshold).items()}
    for later, matches in near_duplicate_matches(documents, near_duplicate_threshold).items():
        pairs.update(
            (later.order, earlier.order)
            for _score, earlier in matches
            if not distinct_items(later.section, earlier.section, near_duplicate_threshold)
        )
    return pairs


def _filter_passages(
    passages: DocumentPassages, items: list[SectionEntry], related: set[tuple[int, int]]
) -> list[Borrowing]:
    """Turn a document's passages into borrowings between ``items``, leaving out the related pairs.

    Each borrowing unit keeps its heaviest remaining source, the earliest
    of equal ones.
    """
    entry_at = {entry.position: entry for entry in items}
    units = [Unit(entry_at[position], *rest) if position in entry_at else None for position, *rest in passages.units]
    borrowings = []
    for matches in passages.matches:
        best: UnitMatch | None = None
        for match in matches:
            unit, source = units[match.unit], units[match.source]
            if unit is None or source is None or (unit.entry.order, source.entry.order) in related:
                continue
            if best is None or match.weight > best.weight:
                best = match
        if best is not None:
            borrowings.append(Borrowing(units[best.unit], units[best.source], best.start, best.end, best.exact, best.weight))
    return borrowings


class _Match(NamedTuple):
    """A borrowing found by ``_compare``, in folded characters of the unit."""

    start: int
    end: int
    exact: bool
    weight: float


def _unit_matches(
    items: list[SectionEntry], folds: dict[str, str | None]
) -> tuple[list[Unit], list[tuple[int, list[tuple[int, _Match]]]]]:
    """Cut items into units and compare each unit with its candidate sources.

    Returns the units and, for each unit that shares a passage, the
    matching sources with their matches, in document order. A source that
    contains the unit, or that the unit contains, is left out.
    """
    units_by_item = [item_units(item, folds) for item in items]
    units = [unit for group in units_by_item for unit in group]
    # A borrowing needs a run of MIN_PASSAGE_WEIGHT or runs of MIN_NEAR_UNIT_WEIGHT in all.
    min_weight = min(MIN_PASSAGE_WEIGHT, MIN_NEAR_UNIT_WEIGHT)
    index = _index_units([[unit.folded for unit in group] for group in units_by_item], min_weight)

    found = []
    for unit_number, source_numbers in index.candidates.items():
        unit = units[unit_number]
        weights = index.unit_weights(unit_number)
        matches = []
        for source_number in source_numbers:
            source = units[source_number]
            if contains(source.entry, unit.entry) or contains(unit.entry, source.entry):
                continue
            match = _compare(unit, source, weights)
            if match is not None:
                matches.append((source_number, match))
        if matches:
            found.append((unit_number, matches))
    return units, found


def _index_units(texts_by_item: list[list[str]], min_weight: float) -> PassageIndex | SetPassageIndex:
    """Index a document's units: with Python sets for the first few small documents of a process, then with numpy.

    The two indexes are equal (a test compares them). Sets take about three
    times as long as numpy, but numpy takes about 0.1 s to import, so a run
    on a file or two is faster without it, and a larger run soon has it loaded.
    """
    global _set_indexed
    if _set_indexed < SET_INDEX_DOCUMENTS and sum(len(text) for texts in texts_by_item for text in texts) <= SMALL_INDEX_CHARS:
        _set_indexed += 1
        return index_small_units(texts_by_item, min_weight)

    # Imported here: a run of a few small documents never loads numpy.
    from doclint.passage_index import index_units

    return index_units(texts_by_item, min_weight)


def _compare(unit: Unit, source: Unit, weights: list[float]) -> _Match | None:
    """Compare a unit with an earlier one and return the borrowed part of the unit, if any.

    ``weights`` are the unit's character weights, 0.0 for template.
    Adding 0.0 leaves a float sum unchanged, so the sum of a run's weights
    is the same float as the sum over its uncovered characters alone.
    """
    if len(source.folded) * len(unit.folded) > MAX_ALIGNED_CELLS:
        # NOTE: such long units are not compared at all, so a passage pasted into one is not found.
        logger.debug("line %d: unit of %d characters too long to align with line %d", unit.line, len(unit.folded), source.line)
        return None
    blocks = [(block.b, block.size) for block in Indel.opcodes(source.folded, unit.folded).as_matching_blocks() if block.size]
    # A character weighs at most 1, so only a block of MIN_PASSAGE_WEIGHT characters or more can be a passage.
    long_blocks = [(start, size, sum(weights[start:start + size])) for start, size in blocks if size >= MIN_PASSAGE_WEIGHT]
    if long_blocks:
        start, size, longest = max(long_blocks, key=itemgetter(2))
        if longest >= MIN_PASSAGE_WEIGHT:
            return _Match(start, start + size, True, longest)

    # Few pairs are nearly identical, so the ratio is checked before the sum.
    if not blocks or fuzz.ratio(unit.folded, source.folded) < NEAR_UNIT_RATIO:
        return None
    total = sum(sum(weights[start:start + size]) for start, size in blocks)
    if total >= MIN_NEAR_UNIT_WEIGHT:
        return _Match(0, len(unit.folded), False, total)
    return None
