"""Sections that a set of pages repeats by design: the template part of per-release notes and API references.

Release notes repeat an "Upgrade instructions" section word for word in
every release, and an API reference repeats one ``Parameters`` table under
every method that takes the same arguments. Each copy belongs where it is,
so ``duplicate-section`` leaves out a group of copies that is a template:

- the section has no subsections and no labelled fields, so it is one
  block of text and not a copied chapter or a Q&A item (``**Answer:**``);
- it occurs under at least ``TEMPLATE_MIN_SECTIONS`` different parents
  (sections or files) of one folder, because the pages of one template
  are kept together (``releases/``, ``api/``). A section pasted into one
  page of each of three folders is still reported;
- those copies are at least half of the run's sections whose heading has
  the same title (``HEADING_TEMPLATE_MIN_SHARE``), so the text is the norm
  for that heading and not one copy among sections that each have their
  own text.

A parent counts once however often it contains the section. It does not
need a second copy under it, so ``duplicate-section`` still reports that
copy against the first one under the same parent, and leaves the copies
that the other pages need unreported.

The template belongs to each folder where its copies sit under at least
``TEMPLATE_MIN_SECTIONS`` parents (``Template.folders``). A copy in any
other folder, such as the upgrade instructions of ``releases/`` pasted
into ``guide/install.md``, is a copy like any other: ``duplicate-section``
reports it against the first copy in a template folder (``Template.first``),
also when its own path sorts before every page of the template.

Folders whose paths differ only in their numbers count as one folder
(``folder_of``): per-year or per-version folders such as ``releases/2024/``
and ``releases/2025/`` hold the pages of one template, so the first two
notes of a new year are no copies. Folders with other names, such as
``guide/`` next to ``releases/``, stay apart.

The same numbers decide which clauses ``near-duplicate-section`` takes
for template text among the sections that share a heading.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from doclint.model import Document, Section
from doclint.similarity import (
    HEADING_TEMPLATE_MIN_SHARE,
    TEMPLATE_MIN_SECTIONS,
    ExactCopies,
    SectionEntry,
    copy_title,
    index_sections,
)
from doclint.text import normalize

logger = logging.getLogger(__name__)

ParentOf = Callable[[Document, Section], "Section | None"]


@dataclass(frozen=True)
class Template:
    """A group of copies that is a template, as the module docstring defines it."""

    folders: frozenset[PurePath]
    """The folders (as ``folder_of`` gives them) where the copies sit under at least ``TEMPLATE_MIN_SECTIONS`` parents."""
    first: SectionEntry
    """The first copy, in run order, in one of ``folders``: the copy that a copy outside them is reported against."""

    def has_folder_of(self, entry: SectionEntry) -> bool:
        """Return whether ``entry`` is in one of ``folders``, where each page needs its copy."""
        return folder_of(entry) in self.folders


def find_templates(documents: list[Document], copies: ExactCopies, parent_of: ParentOf) -> dict[SectionEntry, Template]:
    """Map the first copy (in run order) of each group of copies that is a template to that template."""
    groups: dict[SectionEntry, list[SectionEntry]] = {}
    for later, first in copies.first_of.items():
        groups.setdefault(first, [first]).append(later)
    if not any(len(group) >= TEMPLATE_MIN_SECTIONS for group in groups.values()):
        return {}

    headings = _heading_counts(documents)
    templates = {}
    for first, group in groups.items():
        template = _template(group, headings, parent_of)
        if template is not None:
            logger.debug("%d copies of %s:%d are a template", len(group), first.document.path, first.section.line)
            templates[first] = template
    return templates


_DIGITS_RE = re.compile(r"[0-9]+")


def folder_of(entry: SectionEntry) -> PurePath:
    """Return the folder of ``entry``'s file with each run of digits in its path replaced by ``#``.

    A new year or version starts a new folder (``releases/2025/``, ``docs/v2/``)
    with the same kind of pages as the folders before it, so such folders
    share their templates.
    """
    return PurePath(_DIGITS_RE.sub("#", PurePath(entry.document.path).parent.as_posix()))


def _template(group: list[SectionEntry], headings: dict[str, int], parent_of: ParentOf) -> Template | None:
    """Return the template that a group of copies (first copy first, in run order) forms, or None for a group of plain copies."""
    section = group[0].section
    if len(group) < TEMPLATE_MIN_SECTIONS or section.children or section.fields:
        return None

    parents = {(id(entry.document), id(parent_of(entry.document, entry.section))): entry for entry in group}
    parents_per_folder = Counter(folder_of(entry) for entry in parents.values())
    folders = frozenset(folder for folder, count in parents_per_folder.items() if count >= TEMPLATE_MIN_SECTIONS)
    if not folders:
        return None

    with_heading = headings.get(_heading_key(section), 0)
    if len(group) < math.ceil(HEADING_TEMPLATE_MIN_SHARE * with_heading):
        return None
    return Template(folders, next(entry for entry in group if folder_of(entry) in folders))


def _heading_counts(documents: list[Document]) -> dict[str, int]:
    """Count the sections with content of a run by the title of their heading."""
    counts: dict[str, int] = {}
    for entry in index_sections(documents):
        if entry.has_content:
            key = _heading_key(entry.section)
            counts[key] = counts.get(key, 0) + 1
    return counts


def _heading_key(section: Section) -> str:
    return normalize(copy_title(section))
