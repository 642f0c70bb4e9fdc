"""Repeated sections: exact copies and near-duplicates, within a file and across files.

``duplicate-section`` reports a section whose normalised title and content
(subsections included) repeat an earlier section's. Only the outermost copy
is reported, so the subsections of a copied chapter are not reported again.

``near-duplicate-section`` scores the bodies of different sections with
rapidfuzz's ``fuzz.ratio`` (an Indel similarity over characters, so CJK text
needs no word splitting) after removing the template text that most sections
of the document or run share. Each section is reported once, against the
earlier section it resembles most; other earlier matches above the threshold
are listed as related locations.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

import numpy
from rapidfuzz import fuzz, process

from doclint.diagnostics import Diagnostic, RelatedLocation, Severity
from doclint.i18n import _
from doclint.model import Document
from doclint.registry import Rule
from doclint.settings import Settings
from doclint.similarity import SectionEntry, comparison_texts, index_sections

logger = logging.getLogger(__name__)

# Sections with less non-template text than this are too short to call
# near-duplicates: a few shared characters would dominate their score.
MIN_COMPARISON_CHARS = 16

# Rows of the score matrix computed at once: 512 rows of float32 against
# 10,000 sections take 20 MB.
SCORE_CHUNK_ROWS = 512


def check_duplicates(documents: Sequence[Document], settings: Settings) -> Iterable[Diagnostic]:
    entries = index_sections(documents)
    for later, first in find_exact_copies(entries).first_of.items():
        yield DUPLICATE_SECTION.section_diagnostic(
            later.document,
            later.section,
            _('section "{heading}" repeats section "{first}" ({where}) word for word; remove this copy').format(
                heading=later.section.heading, first=first.section.heading, where=describe_location(first, later)
            ),
            [_related(first, _("first copy"))],
        )


@dataclass(frozen=True)
class ExactCopies:
    first_of: dict[SectionEntry, SectionEntry]
    """Each later outermost copy mapped to the first section with the same content."""
    inside: frozenset[int]
    """The ``order`` of every subsection of a later copy."""


def find_exact_copies(entries: Sequence[SectionEntry]) -> ExactCopies:
    """Find the later copies of sections, outermost only.

    The subsections of a copy are copies too, but they are recorded in
    ``inside`` and not reported again.
    """
    first_by_key: dict[str, SectionEntry] = {}
    first_of: dict[SectionEntry, SectionEntry] = {}
    inside: set[int] = set()
    current_copy: SectionEntry | None = None
    for entry in entries:
        if current_copy is not None and _contains(current_copy, entry):
            inside.add(entry.order)
            continue
        current_copy = None
        if not entry.has_content:
            continue
        first = first_by_key.setdefault(entry.copy_key, entry)
        if first is not entry:
            first_of[entry] = first
            current_copy = entry
    return ExactCopies(first_of, frozenset(inside))


def check_near_duplicates(documents: Sequence[Document], settings: Settings) -> Iterable[Diagnostic]:
    entries = index_sections(documents)
    copies = find_exact_copies(entries)
    texts = comparison_texts(entries)
    candidates = [
        entry
        for entry in entries
        if entry not in copies.first_of
        and entry.order not in copies.inside
        and len(texts[entry.order]) >= MIN_COMPARISON_CHARS
    ]
    strings = [texts[entry.order] for entry in candidates]
    threshold = settings.near_duplicate_threshold

    for later_index, earlier_indexes, row in _score_earlier(strings, threshold):
        later = candidates[later_index]
        matches = [
            (float(row[earlier_index]), candidates[earlier_index])
            for earlier_index in earlier_indexes
            if candidates[earlier_index].copy_key != later.copy_key
            and not _contains(candidates[earlier_index], later)
        ]
        if matches:
            yield _near_duplicate(later, sorted(matches, key=lambda match: (-match[0], match[1].order)))


def _score_earlier(strings: list[str], threshold: float) -> Iterator[tuple[int, list[int], Any]]:
    """Score every string against the strings before it, in row chunks to bound memory.

    Yields (index, indexes of earlier strings at or above the threshold, row of scores).
    """
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


def _near_duplicate(later: SectionEntry, matches: list[tuple[float, SectionEntry]]) -> Diagnostic:
    score, best = matches[0]
    message = _(
        'section "{heading}" is {score}% similar to section "{other}" ({where}) after removing the text '
        "most sections share; merge the two or rewrite one so that each says something of its own"
    ).format(
        heading=later.section.heading,
        score=int(score),
        other=best.section.heading,
        where=describe_location(best, later),
    )
    related = [
        _related(entry, _("{score}% similar").format(score=int(entry_score))) for entry_score, entry in matches
    ]
    logger.debug("near duplicate %s:%d ~ %s:%d (%.1f)", later.document.path, later.section.line, best.document.path, best.section.line, score)
    return NEAR_DUPLICATE_SECTION.section_diagnostic(later.document, later.section, message, related)


def describe_location(target: SectionEntry, origin: SectionEntry) -> str:
    """Return "line 174", or "line 174 of other.md" when the target is in another file."""
    if target.document is origin.document:
        return _("line {line}").format(line=target.section.line)
    return _("line {line} of {path}").format(line=target.section.line, path=target.document.path)


def _related(entry: SectionEntry, message: str) -> RelatedLocation:
    return RelatedLocation(entry.document.path, entry.section.line, entry.section.column, message)


def _contains(outer: SectionEntry, inner: SectionEntry) -> bool:
    """Return whether ``inner`` is ``outer`` or one of its subsections."""
    return (
        outer.document is inner.document
        and outer.section.line <= inner.section.line <= outer.section.end_line
        and inner.section.level >= outer.section.level
    )


DUPLICATE_SECTION = Rule(
    code="DL101",
    name="duplicate-section",
    summary="A section repeats an earlier section word for word.",
    severity=Severity.ERROR,
    fixable=False,
    check=check_duplicates,
)

NEAR_DUPLICATE_SECTION = Rule(
    code="DL102",
    name="near-duplicate-section",
    summary="A section's body is mostly the same as an earlier section's.",
    severity=Severity.WARNING,
    fixable=False,
    check=check_near_duplicates,
)

RULES = (DUPLICATE_SECTION, NEAR_DUPLICATE_SECTION)
