"""Pages that collect the sections of many other pages, such as a generated page of all settings.

npm's documentation has a page of every setting, ``using-npm/config.md``,
and shows each command's settings on the command's own page again. Both
come from one list of definitions, so the page of all settings shares
114 sections with 25 command pages word for word. Reporting each copy
would bury the run's other findings, and the unsafe fix, which removes
each copy, would empty one page or strip the others. So
``duplicate-section`` gives such a page one finding that names the
count, and each copy stays a related location. The page collects whether
its path sorts after the other pages, which makes its sections the
copies, or before them, which makes theirs the copies.

A page collects when its sections that other pages repeat, or that
repeat other pages, number at least ``MIN_COLLECTED_SECTIONS``, are
shared with at least ``MIN_COLLECTED_PAGES`` pages and make up at least
``MIN_COLLECTED_SHARE`` of its sections with content. A few sections
pasted from one or two pages stay separate findings.
"""

from __future__ import annotations

from typing import Sequence

from doclint.model import Document
from doclint.similarity import SectionEntry, document_entries

MIN_COLLECTED_SECTIONS = 20
MIN_COLLECTED_PAGES = 5
MIN_COLLECTED_SHARE = 1 / 3

CopyPair = tuple[SectionEntry, SectionEntry]
"""A reported copy and the section it repeats."""


def collecting_pages(copies: Sequence[CopyPair]) -> dict[Document, list[CopyPair]]:
    """Return the pages that collect sections of other pages, each with the copy pairs it takes part in, in the order given.

    ``copies`` are the copies that ``duplicate-section`` reports, each with
    the section it repeats. A pair between two collecting pages belongs to
    the one with more pairs.
    """
    by_page: dict[Document, list[CopyPair]] = {}
    for pair in copies:
        copy, first = pair
        if copy.document is not first.document:
            by_page.setdefault(copy.document, []).append(pair)
            by_page.setdefault(first.document, []).append(pair)

    collecting = [document for document, pairs in by_page.items() if _collects(document, pairs)]
    collecting.sort(key=lambda document: -len(by_page[document]))
    claimed: set[int] = set()
    result: dict[Document, list[CopyPair]] = {}
    for document in collecting:
        pairs = [pair for pair in by_page[document] if id(pair) not in claimed]
        claimed.update(id(pair) for pair in pairs)
        result[document] = pairs
    return result


def _collects(document: Document, pairs: list[CopyPair]) -> bool:
    """Return whether a page's shared sections are enough, shared with enough pages, and enough of the page."""
    own = {id(entry.section) for pair in pairs for entry in pair if entry.document is document}
    others = {id(entry.document) for pair in pairs for entry in pair if entry.document is not document}
    if len(own) < MIN_COLLECTED_SECTIONS or len(others) < MIN_COLLECTED_PAGES:
        return False
    with_content = sum(1 for entry in document_entries(document) if entry.has_content)
    return len(own) >= MIN_COLLECTED_SHARE * with_content
