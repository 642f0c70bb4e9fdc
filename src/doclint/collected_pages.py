"""Pages that collect the sections of many other pages, such as a generated page of all settings.

npm's documentation has a page of every setting, ``using-npm/config.md``,
and shows each command's settings on the command's own page again. Both
come from one list of definitions, so the page of all settings repeats
116 sections of 26 command pages word for word. Reporting each of them
would bury the run's other findings, and the unsafe fix, which removes
each copy, would empty the page. So ``duplicate-section`` gives such a
page one finding that names the count, and each copy stays a related
location.

A page collects when its copies of sections of other pages number at
least ``MIN_COLLECTED_SECTIONS``, come from at least
``MIN_COLLECTED_PAGES`` pages and make up at least
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


def collecting_pages(copies: Sequence[tuple[SectionEntry, SectionEntry]]) -> dict[Document, list[tuple[SectionEntry, SectionEntry]]]:
    """Return the pages that collect sections of other pages, each with its (copy, first copy) pairs in the order given.

    ``copies`` are the copies that ``duplicate-section`` reports, each with
    the section it repeats.
    """
    by_page: dict[Document, list[tuple[SectionEntry, SectionEntry]]] = {}
    for copy, first in copies:
        if copy.document is not first.document:
            by_page.setdefault(copy.document, []).append((copy, first))

    collecting = {}
    for document, pairs in by_page.items():
        if len(pairs) < MIN_COLLECTED_SECTIONS or len({id(first.document) for _copy, first in pairs}) < MIN_COLLECTED_PAGES:
            continue
        with_content = sum(1 for entry in document_entries(document) if entry.has_content)
        if len(pairs) >= MIN_COLLECTED_SHARE * with_content:
            collecting[document] = pairs
    return collecting
