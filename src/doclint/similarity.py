"""Comparison forms of sections: exact-copy keys, clauses and template removal.

Generated documents repeat a template in every item: the same step labels,
the same boilerplate step ("通过交叉验证和测试集评估模型性能"). Measured on
a 30-item Chinese Q&A article, template clauses alone lift unrelated items
to a rapidfuzz ``ratio`` of about 72, as high as a real partial overlap.
Removing them first separates the two: unrelated items then score at most
61 and real near-duplicates 82 and 84.

A clause is template when it occurs in at least ``max(3, 25 %)`` of the
distinct section bodies of its document, or of the whole run. Sections
whose bodies are identical count once, so a copied section does not turn
its own text into template. A clause that occurs in at least ``max(3,
50 %)`` of the distinct bodies of the sections with one heading in a
document is template for those sections: the sentence that opens every
"Internal Changes" section of a long release history, which is in far
fewer than a quarter of its sections.

``fuzz.ratio`` takes time proportional to the product of the two lengths:
two sections of 100,000 words took 9 to 13 s, and two of 1,000,000 words
more than 300 s. A comparison text longer than ``MAX_SCORED_CHARS`` is
therefore scored by its bounded form (``scored_form``): ``SCORED_SLICES``
slices of equal length taken at evenly spaced places from its start to
its end. The score of two such forms is lowered to the highest score that
texts of the two full lengths can reach (``bounded_score``). Two long
texts with the same content keep equal forms, and a local change stays
local. But content inserted or removed in the middle shifts the later
slices, so such a pair scores lower than its exact score. Shorter texts,
which include the sections of ordinary documents, are scored whole.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

from doclint.line_steps import split_at_markers
from doclint.placeholders import placeholder_forms
from doclint.navigation import navigation_flags
from doclint.model import CONTAINERS, Block, CodeBlock, Document, ListBlock, Paragraph, Section, Table, is_item
from doclint.text import is_cjk, join_normalized, normalize, split_clauses

logger = logging.getLogger(__name__)

TEMPLATE_MIN_SECTIONS = 3
TEMPLATE_MIN_SHARE = 0.25
HEADING_TEMPLATE_MIN_SHARE = 0.5
"""Share of the distinct bodies under one heading of a document that a clause must occur in to be template there."""

# Sections with less non-template text than this are too short to call
# near-duplicates, because a few shared characters would dominate their
# score. A CJK character weighs 1 and another letter or digit 1/2, so a
# section needs 16 Chinese characters or about 32 Latin letters (six English
# words). Two one-line FAQ answers such as "From the dashboard." and "Yes,
# from the dashboard." are then not near-duplicates of each other.
MIN_COMPARISON_WEIGHT = 16

# Rows of the score matrix computed at once: 512 rows of float32 against
# 10,000 sections take 20 MB.
SCORE_CHUNK_ROWS = 512

# Above this many texts, candidate pairs come from MinHash LSH instead of
# scoring all pairs. Measured on 2 cores (bench/lsh_recall.py, recorded in
# docs/benchmarks.md): 5,060 sections take 35.7 s all-pairs and 1.3 s with
# LSH plus exact scoring, and LSH found every injected near-duplicate. It
# misses some pairs that only just reach the threshold with little shared
# wording, so smaller runs keep the exact all-pairs scoring.
LSH_MIN_TEXTS = 2000

# Up to this many texts, pairs are scored one by one in Python; a small run
# then never imports numpy, which takes about 0.1 s.
SMALL_RUN_TEXTS = 64


@dataclass(frozen=True)
class CandidateSearch:
    """Options of the candidate search of a large run: those of ``doclint.lsh.LshParameters``, and one-edit pairs."""

    scheme: str = "minhash"
    min_agreement: float = 0.0
    one_edit_length: int = 0
    """Texts of at most this many characters also pair with the texts one edit away (``doclint.edit_neighbours``)."""
    max_matches: int | None = None
    """Keep at most this many earlier matches of each text, the highest scores first; None keeps them all."""


# The LSH signature scheme for section texts (doclint.lsh): section texts are
# long enough to fill most bins of a one-permutation signature, which takes a
# fifth of the time of MinHash for about the same candidates.
SECTION_LSH_SCHEME = "one-permutation"

# Minimum share of equal signature columns of a candidate pair of section
# texts (``doclint.lsh.LshParameters.min_agreement``). Pairs below it
# are seldom near duplicates, and scoring them took most of the search.
SECTION_MIN_AGREEMENT = 0.25

# The number of earlier sections that a near-duplicate finding names, most similar first. In a templated
# bank whose items differ only in numbers, every item of a topic matches every other one. Naming them all
# made the findings and their memory grow with the square of the run: 976,065 related locations for 600
# generated files. The search keeps twice as many, because it drops a section's own subsections and
# copies afterwards.
MAX_NEAR_MATCHES = 10
SECTION_SEARCH = CandidateSearch(SECTION_LSH_SCHEME, SECTION_MIN_AGREEMENT, max_matches=2 * MAX_NEAR_MATCHES)

# Questions keep MinHash (short texts fill few one-permutation bins), and
# those under 20 characters also pair with the questions one edit away,
# which the 5-gram LSH misses about one time in ten.
QUESTION_SEARCH = CandidateSearch(one_edit_length=19)

# Comparison texts longer than this many characters are scored by their bounded form (``scored_form``).
# Scoring two texts of this length took about 8 ms (docs/benchmarks.md), and this is about 3,000 English words.
MAX_SCORED_CHARS = 20_000
# The number of evenly spaced slices that make up the bounded form of a long text.
SCORED_SLICES = 20

# Candidate pairs scored at once by process.cpdist.
SCORE_CHUNK_PAIRS = 1 << 20


@dataclass(frozen=True, eq=False)
class SectionEntry:
    """One section of a run with the forms the duplicate rules compare.

    Entries compare and hash by identity, so they can key dictionaries.
    """

    document: Document
    section: Section
    order: int
    """Position in the run: documents in the order given, sections in document order."""
    position: int
    """Position in the document's ``walk`` order, which indexes ``Document.forms`` and ``Document.item_keys``."""
    clauses: tuple[str, ...]
    """Normalised clauses of the section's own blocks, subsections excluded."""
    copy_key: str
    """Digest of the normalised title and the whole content, subsections included."""
    has_content: bool
    navigation: bool = False
    """Whether the section's own blocks are only links to other pages (``doclint.navigation``)."""


def block_texts(blocks: Iterable[Block]) -> Iterator[tuple[str, bool]]:
    """Yield (plain text, is code) for blocks in order, descending into lists, quotes, admonitions and tabs.

    The title of an admonition or a tab is left out, as a heading is.

    Thematic breaks and HTML blocks carry no content and yield nothing. A
    paragraph of numbered lines (``1、``, ``（1）``) yields one text per
    numbered line, without its number, as a list yields its items.
    """
    for block in blocks:
        if isinstance(block, Paragraph):
            for text in split_at_markers(block.text):
                yield text, False
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from block_texts(item.blocks)
        elif isinstance(block, CONTAINERS):
            yield from block_texts(block.blocks)
        elif isinstance(block, Table):
            for row in [block.header, *block.rows]:
                for cell in row:
                    yield cell, False
        elif isinstance(block, CodeBlock):
            yield block.text, True


def section_clauses(section: Section) -> tuple[str, ...]:
    """Return the normalised clauses of a section's own blocks.

    Prose is split into clauses. A code block is one unit, because commas
    and full stops in code do not separate clauses.
    """
    return _own_forms(section)[2]


def copy_key(section: Section) -> tuple[str, bool]:
    """Return the digest that two exact copies of a section share, and whether it has content.

    The digest covers the normalised title and every normalised text of the
    section and its subsections, so that whitespace, Unicode forms, emphasis
    markers and thematic breaks do not matter, but every word does.
    """
    digest = hashlib.blake2b(digest_size=16)
    has_content = False
    for node in section.walk():
        part, content = _own_part(node)
        digest.update(part)
        has_content = has_content or content
    return digest.hexdigest(), has_content


def _own_part(section: Section) -> tuple[bytes, bool]:
    """Return the bytes a section's own title and blocks add to a copy key, and whether they have content."""
    part, has_content, _clauses = _own_forms(section)
    return part, has_content


def _own_forms(section: Section) -> tuple[bytes, bool, tuple[str, ...]]:
    """Return a section's own copy-key bytes, whether it has content, and its normalised clauses.

    A prose block is normalised clause by clause, and its whole normalised
    text is joined from the clauses (``join_normalized``), which gives
    ``normalize(text)`` without normalising every text twice.
    """
    pieces = [normalize(copy_title(section)).encode(), b"\x1e"]
    has_content = False
    clauses: list[str] = []
    for text, is_code in block_texts(section.blocks):
        if is_code:
            normalized = normalize(text)
            own = [normalized]
        else:
            own = [normalize(piece) for piece in split_clauses(text)]
            normalized = join_normalized(own)
        has_content = has_content or bool(normalized)
        pieces += [normalized.encode(), b"\x1f"]
        clauses.extend(clause for clause in own if clause)
    pieces.append(b"\x1d")
    return b"".join(pieces), has_content, tuple(clauses)


def copy_title(section: Section) -> str:
    """Return the part of a heading that an exact copy repeats: the title after the number, or the whole heading.

    Two items "3. Binary search" and "7. Binary search" are copies, so the
    number is left out. A heading that is only a number, such as a version
    ("## 2.1.0"), or whose title has no letter, such as a release and its
    date ("## 2.17.3 (2017-05-29)"), is distinguished by that number. A
    Q&A item is not: its number only counts the items, so "### 第3题" with
    the question and answer of "### 第1题" is a copy.
    """
    title = section.title
    if title and any(character.isalpha() for character in title):
        return title
    if is_item(section):
        return title
    return section.heading


def index_sections(documents: Sequence[Document]) -> list[SectionEntry]:
    """Compute the comparison forms of every section of a run, in run order.

    The result for the latest run is cached, because both duplicate rules need it.
    """
    return _index_sections(tuple(documents))


@lru_cache(maxsize=1)
def _index_sections(documents: tuple[Document, ...]) -> list[SectionEntry]:
    entries: list[SectionEntry] = []
    for document in documents:
        entries.extend(_entries(document, len(entries)))
    return entries


def document_entries(document: Document) -> list[SectionEntry]:
    """Return the entries of one document's sections alone, so that ``order`` equals ``position``."""
    return _entries(document, 0)


def _entries(document: Document, first_order: int) -> list[SectionEntry]:
    if document.forms is None:
        document.forms = section_forms(document)
    return [
        SectionEntry(document, section, first_order + position, position, clauses, key, has_content, navigation)
        for position, (section, (key, has_content, clauses, navigation)) in enumerate(zip(document.walk(), document.forms))
    ]


def section_forms(document: Document) -> list[tuple[str, bool, tuple[str, ...], bool]]:
    """Compute each section's copy key, whether it has content, its clauses and whether it is navigation, in ``walk`` order.

    The keys are those of ``copy_key``, computed from each section's own
    part once. A section's subtree is a contiguous run of ``walk`` order,
    so its digest is the digest of its parts joined. Nested sections are
    therefore not normalised again for every section above them.
    """
    sections = list(document.walk())
    own = [_own_forms(section) for section in sections]
    for index, text in _dropped_texts(document, sections).items():
        part, _content, clauses = own[index]
        own[index] = (part + b"\x1c" + text.encode(), True, clauses)
    navigation = navigation_flags(document.sections)
    forms = []
    for index, section in enumerate(sections):
        subtree = own[index:index + sum(1 for _node in section.walk())]
        key = hashlib.blake2b(b"".join(part for part, _content, _clauses in subtree), digest_size=16).hexdigest()
        # Navigation is read from the Markdown of the links, which a pickled document leaves out.
        forms.append((key, any(content for _part, content, _clauses in subtree), own[index][2], navigation[index]))
    return forms


def _dropped_texts(document: Document, sections: list[Section]) -> dict[int, str]:
    """Return, by position in ``sections``, the normalised source of the lines the parser dropped inside each section.

    Text nested deeper than the Markdown parser reads (``doclint.nesting_limit``)
    has no blocks. Without it, two sections that differ only there would
    share a copy key, and removing the later one as a copy would delete
    text that no rule has read. The lines belong to the deepest section
    that contains them, the last in ``walk`` order.
    """
    texts: dict[int, str] = {}
    for first, last, _column in document.dropped:
        owner = None
        for index, section in enumerate(sections):
            if section.line <= first <= section.end_line:
                owner = index
        if owner is not None:
            lines = (document.source.line_text(number) for number in range(first, last + 1))
            texts[owner] = texts.get(owner, "") + normalize("\n".join(lines))
    return texts


def template_clauses(bodies: Iterable[tuple[str, ...]], share: float = TEMPLATE_MIN_SHARE) -> set[str]:
    """Return the clauses that occur in at least max(3, ``share``) of the distinct bodies."""
    distinct = {body for body in bodies if body}
    counts: Counter[str] = Counter()
    for body in distinct:
        counts.update(set(body))
    minimum = max(TEMPLATE_MIN_SECTIONS, math.ceil(share * len(distinct)))
    template = {clause for clause, count in counts.items() if count >= minimum}
    logger.debug("%d of %d clauses are template (in %d or more of %d bodies)", len(template), len(counts), minimum, len(distinct))
    return template


def comparison_texts(entries: Sequence[SectionEntry]) -> dict[int, str]:
    """Return each entry's clauses without template, joined, keyed by ``order``.

    Template is found per document and over the whole run, and a clause
    that is template in either is removed. The sections that share a
    heading within a document also remove the clauses that are template
    among them (``HEADING_TEMPLATE_MIN_SHARE``), such as the sentence that
    opens each "Internal Changes" section of a release history. Without
    that, two such sections whose lists differ score above the threshold.
    Placeholders such as "待补充" are removed too, because a placeholder
    repeated across items is a missing answer, not copied text. The
    per-document part is ``Document.own_clauses``, computed where the
    document is parsed, so that only the run's template is removed here.
    """
    run_template = template_clauses(entry.clauses for entry in entries)
    own_clauses: dict[int, list[tuple[str, ...]]] = {}
    texts: dict[int, str] = {}
    for entry in entries:
        document = entry.document
        document_clauses = own_clauses.get(id(document))
        if document_clauses is None:
            if document.own_clauses is None:
                document.own_clauses = document_own_clauses(document)
            document_clauses = own_clauses[id(document)] = document.own_clauses
        texts[entry.order] = " ".join(clause for clause in document_clauses[entry.position] if clause not in run_template)
    return texts


def document_own_clauses(document: Document) -> list[tuple[str, ...]]:
    """Return each section's clauses without its document's template, heading template and placeholders, in ``walk`` order.

    This is the part of ``comparison_texts`` that depends on one document
    alone.
    """
    entries = document_entries(document)
    document_template = template_clauses(entry.clauses for entry in entries)
    placeholders = placeholder_forms()
    clauses_by_position: list[tuple[str, ...]] = [()] * len(entries)
    for heading_group in _heading_groups(entries):
        heading_template: set[str] = set()
        if len(heading_group) >= TEMPLATE_MIN_SECTIONS:
            heading_template = template_clauses((entry.clauses for entry in heading_group), HEADING_TEMPLATE_MIN_SHARE)
        for entry in heading_group:
            clauses_by_position[entry.position] = tuple(
                clause
                for clause in entry.clauses
                if clause not in document_template and clause not in heading_template and clause not in placeholders
            )
    return clauses_by_position


def _heading_groups(entries: Sequence[SectionEntry]) -> Iterator[list[SectionEntry]]:
    """Yield the entries of one document grouped by normalised heading, in order of first appearance."""
    groups: dict[str, list[SectionEntry]] = {}
    for entry in entries:
        groups.setdefault(normalize(entry.section.heading), []).append(entry)
    yield from groups.values()


def scored_form(text: str) -> str:
    """Return the form of a comparison text that is scored: the text itself, or a bounded form of a long text.

    A text of at most ``MAX_SCORED_CHARS`` characters is returned whole. A
    longer one is cut into ``SCORED_SLICES`` slices of equal length, one at
    the start, one at the end and the others evenly spaced between, which
    are joined by spaces into a form of just under ``MAX_SCORED_CHARS`` characters.
    """
    if len(text) <= MAX_SCORED_CHARS:
        return text
    width = MAX_SCORED_CHARS // SCORED_SLICES - 1
    last_start = len(text) - width
    starts = [last_start * number // (SCORED_SLICES - 1) for number in range(SCORED_SLICES)]
    return " ".join(text[start:start + width] for start in starts)


def bounded_score(score: float, length: int, other_length: int) -> float:
    """Return a score of two scored forms, lowered to the highest ``fuzz.ratio`` that texts of these lengths can reach.

    ``fuzz.ratio`` is at most 100 * 2 * min(m, n) / (m + n) for texts of m
    and n characters. The bounded forms of a long text and of a text a
    fraction of its length are equally long, so without this limit a page
    that repeats one paragraph would match a short section of that paragraph.
    """
    if max(length, other_length) <= MAX_SCORED_CHARS:
        return score
    return min(score, 200 * min(length, other_length) / (length + other_length))


def is_long_enough(text: str) -> bool:
    """Return whether a comparison text weighs at least ``MIN_COMPARISON_WEIGHT``."""
    if len(text) < MIN_COMPARISON_WEIGHT:
        return False
    if len(text) >= 4 * MIN_COMPARISON_WEIGHT:
        # Comparison texts are letters, digits and single spaces, so a text this long weighs enough; most sections stop here.
        return True
    return text_weight(text) >= MIN_COMPARISON_WEIGHT


def text_weight(text: str) -> float:
    """Return the weight of a text: 1 for each CJK character and 1/2 for each other letter or digit."""
    return sum(1.0 if is_cjk(char) else 0.5 for char in text if char.isalnum())


def contains(outer: SectionEntry, inner: SectionEntry) -> bool:
    """Return whether ``inner`` is ``outer`` or one of its subsections."""
    return (
        outer.document is inner.document
        and outer.section.line <= inner.section.line <= outer.section.end_line
        and inner.section.level >= outer.section.level
    )


@dataclass(frozen=True)
class ExactCopies:
    first_of: dict[SectionEntry, SectionEntry]
    """Each later outermost copy mapped to the first section with the same content."""
    inside: frozenset[int]
    """The ``order`` of every subsection of a later copy."""

    def excludes(self, entry: SectionEntry) -> bool:
        """Return whether an entry is a later copy or inside one."""
        return entry in self.first_of or entry.order in self.inside


def exact_copies(documents: Sequence[Document]) -> ExactCopies:
    """Find the later copies of sections in a run, outermost only (cached for the latest run).

    The subsections of a copy are copies too, but they are recorded in
    ``inside`` and not reported again.
    """
    return _exact_copies(tuple(documents))


@lru_cache(maxsize=1)
def _exact_copies(documents: tuple[Document, ...]) -> ExactCopies:
    return find_copies(index_sections(documents))


def find_copies(entries: Iterable[SectionEntry]) -> ExactCopies:
    """Find the later copies among entries in run order, outermost only (see ``exact_copies``).

    Navigation sections, such as two equal "See also" lists, are no copies
    (``doclint.navigation``).
    """
    first_by_key: dict[str, SectionEntry] = {}
    first_of: dict[SectionEntry, SectionEntry] = {}
    inside: set[int] = set()
    current_copy: SectionEntry | None = None
    for entry in entries:
        if current_copy is not None and contains(current_copy, entry):
            inside.add(entry.order)
            continue
        current_copy = None
        if not entry.has_content or entry.navigation:
            continue
        first = first_by_key.setdefault(entry.copy_key, entry)
        if first is not entry:
            first_of[entry] = first
            current_copy = entry
    return ExactCopies(first_of, frozenset(inside))


def near_duplicate_matches(
    documents: Sequence[Document], threshold: float
) -> dict[SectionEntry, list[tuple[float, SectionEntry]]]:
    """Map each section to the earlier sections whose bodies score at least ``threshold``.

    Bodies are compared without template text, and a long body by its
    bounded form (``scored_form``). Exact copies, sections inside
    them, navigation sections (``doclint.navigation``) and a section's own
    subsections are left out. Matches are sorted
    most similar first. The result for the latest run is cached.
    """
    return _near_duplicate_matches(tuple(documents), threshold)


@lru_cache(maxsize=4)
def _near_duplicate_matches(
    documents: tuple[Document, ...], threshold: float
) -> dict[SectionEntry, list[tuple[float, SectionEntry]]]:
    entries = index_sections(documents)
    copies = exact_copies(documents)
    texts = comparison_texts(entries)
    candidates = [
        entry
        for entry in entries
        if not copies.excludes(entry) and is_long_enough(texts[entry.order]) and not entry.navigation
    ]
    strings = [scored_form(texts[entry.order]) for entry in candidates]

    result: dict[SectionEntry, list[tuple[float, SectionEntry]]] = {}
    for later_index, earlier in scored_pairs(strings, threshold, SECTION_SEARCH):
        later = candidates[later_index]
        length = len(texts[later.order])
        matches = [
            (bounded_score(score, length, len(texts[candidates[earlier_index].order])), candidates[earlier_index])
            for earlier_index, score in earlier
            if candidates[earlier_index].copy_key != later.copy_key and not contains(candidates[earlier_index], later)
        ]
        matches = [(score, earlier_entry) for score, earlier_entry in matches if score >= threshold]
        if matches:
            result[later] = sorted(matches, key=lambda match: (-match[0], match[1].order))[:MAX_NEAR_MATCHES]
    return result


def _score_earlier(strings: list[str], threshold: float, search: CandidateSearch) -> Iterator[tuple[int, list[int], Any]]:
    """Score every string against the strings before it; yield (index, earlier indexes at or above the threshold, scores).

    ``scores[j]`` is the score against string ``j``. Up to LSH_MIN_TEXTS
    strings every pair is scored, in row chunks to bound memory. Above it,
    MinHash LSH (``doclint.lsh``) proposes the candidate pairs and only those
    are scored, which keeps large runs close to linear.
    """
    if len(strings) > LSH_MIN_TEXTS:
        yield from score_candidates(strings, threshold, search)
        return
    if len(strings) <= SMALL_RUN_TEXTS:
        yield from _score_small(strings, threshold)
        return

    import numpy

    for start in range(0, len(strings), SCORE_CHUNK_ROWS):
        stop = min(start + SCORE_CHUNK_ROWS, len(strings))
        scores = process.cdist(
            strings[start:stop], strings[:stop], scorer=fuzz.ratio, score_cutoff=threshold, workers=-1
        )
        for offset, row in enumerate(scores):
            index = start + offset
            earlier = numpy.flatnonzero(row[:index] >= threshold).tolist()
            if earlier:
                yield index, earlier, row


def _score_small(strings: list[str], threshold: float) -> Iterator[tuple[int, list[int], dict[int, float]]]:
    """Score all pairs one by one: for a few texts this is faster than starting numpy and cdist."""
    for index, text in enumerate(strings):
        scores = {}
        for other in range(index):
            score = fuzz.ratio(text, strings[other], score_cutoff=threshold)
            if score >= threshold:
                scores[other] = score
        if scores:
            yield index, sorted(scores), scores


def score_candidates(
    strings: list[str], threshold: float, search: CandidateSearch = CandidateSearch()
) -> Iterator[tuple[int, list[int], dict[int, float]]]:
    """Score the candidate pairs of the strings exactly, in the same shape as ``_score_earlier``."""
    import numpy

    pairs = candidate_pairs(strings, search)
    # (later, earlier, score) arrays of the pairs at or above the threshold, chunk by chunk.
    parts = [(numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0, dtype=numpy.float32))]
    for start in range(0, len(pairs), SCORE_CHUNK_PAIRS):
        chunk = pairs[start:start + SCORE_CHUNK_PAIRS]
        earlier_texts = [strings[index] for index in chunk[:, 0].tolist()]
        later_texts = [strings[index] for index in chunk[:, 1].tolist()]
        scores = process.cpdist(later_texts, earlier_texts, scorer=fuzz.ratio, score_cutoff=threshold, workers=-1)
        passing = numpy.flatnonzero(scores >= threshold)
        parts.append((chunk[passing, 1], chunk[passing, 0], scores[passing].astype(numpy.float32)))
        if search.max_matches is not None:
            # Reduced after each chunk, so that memory keeps at most the best matches and one chunk.
            parts = [_best_matches(*_joined(parts), search.max_matches)]
    later, earlier, score = _joined(parts)

    found: dict[int, dict[int, float]] = {}
    for later_index, earlier_index, value in zip(later.tolist(), earlier.tolist(), score.tolist()):
        found.setdefault(later_index, {})[earlier_index] = value
    for index in sorted(found):
        yield index, sorted(found[index]), found[index]


def _joined(parts: list[tuple[Any, Any, Any]]) -> tuple[Any, Any, Any]:
    """Concatenate the (later, earlier, score) arrays of several chunks, in order."""
    import numpy

    later, earlier, score = zip(*parts)
    return numpy.concatenate(later), numpy.concatenate(earlier), numpy.concatenate(score)


def _best_matches(later: Any, earlier: Any, score: Any, limit: int) -> tuple[Any, Any, Any]:
    """Keep each later text's ``limit`` best matches: the highest scores, and of equal scores the earliest texts.

    The pairs must list the earlier texts in ascending order within each
    later text, as the candidate pairs do chunk after chunk. One stable
    sort on a single key then keeps that order among equal scores. The key
    is the later index above the bits of the float32 score, inverted so
    that higher scores come first, because positive floats order as their
    bits do.
    """
    import numpy

    inverted = numpy.uint32(0xFFFFFFFF) - score.astype(numpy.float32).view(numpy.uint32)
    key = (later.astype(numpy.int64) << 32) | inverted.astype(numpy.int64)
    order = numpy.argsort(key, kind="stable")
    later, earlier, score = later[order], earlier[order], score[order]
    first = numpy.flatnonzero(numpy.r_[True, later[1:] != later[:-1]])
    rank = numpy.arange(later.size) - numpy.repeat(first, numpy.diff(numpy.r_[first, later.size]))
    best = rank < limit
    return later[best], earlier[best], score[best]


def candidate_pairs(strings: list[str], search: CandidateSearch) -> Any:
    """Return the pairs (i, j), i < j, worth scoring: the LSH candidates and the short texts one edit apart.

    Returns an int64 numpy array of shape (pairs, 2), sorted by i, then j.
    """
    import numpy

    from doclint import lsh, pair_codes

    pairs = lsh.candidate_pairs(strings, lsh.LshParameters(scheme=search.scheme, min_agreement=search.min_agreement))
    logger.debug("LSH proposed %d candidate pairs among %d texts", len(pairs), len(strings))
    if not search.one_edit_length:
        return pairs

    from doclint.edit_neighbours import one_edit_pairs

    neighbours = one_edit_pairs(strings, search.one_edit_length)
    count = len(strings)
    codes = pair_codes.sorted_unique(pairs[:, 0] * count + pairs[:, 1])
    extra = neighbours[:, 0] * count + neighbours[:, 1]
    if codes.size:
        place = numpy.minimum(numpy.searchsorted(codes, extra), codes.size - 1)
        extra = extra[codes[place] != extra]
    logger.debug("%d more pairs of short texts one edit apart", extra.size)
    return pair_codes.decode(pair_codes.merge_disjoint(codes, extra), count)


def scored_pairs(
    strings: list[str], threshold: float, search: CandidateSearch = CandidateSearch()
) -> Iterator[tuple[int, list[tuple[int, float]]]]:
    """Yield (index, [(earlier index, score), ...]) for every string with earlier strings at or above the threshold.

    Above ``LSH_MIN_TEXTS`` strings, only the pairs that ``search`` proposes are scored.
    """
    for index, earlier, scores in _score_earlier(strings, threshold, search):
        yield index, [(other, float(scores[other])) for other in earlier]
