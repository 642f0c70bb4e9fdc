"""The parts of API reference entries: the Parameters, Returns, Raises, Yields and Example of each function.

The options table of each command of a command line reference counts as
such a part too.

API reference pages, such as those that mkdocstrings or Sphinx write
into Markdown, give each function or method a heading and, under it, short
subsections named after the parts of its interface. Two functions that
take the same argument, return the same kind of value or raise the same
exception describe that part in the same or nearly the same words, and a
reader who looks up one function needs it there. Such a part is the
reference text of its own entry, not a copy (``other_entry_parts``) when:

- its heading title names a part of an entry (``PART_TITLES``), in English
  or Chinese, and it has no subsections and no labelled fields;
- its parent and the other part's parent are different entries. Both are
  headed sections at one heading level and neither is a Q&A item. Their
  headings, together with the headings above them, differ, so ``get``
  under ``## Cache`` and ``get`` under ``## Store`` are two entries. Their
  descriptions, the text before the first subsection, differ too. A
  function pasted under a second name keeps the description of the first,
  so its parts stay copies. Two entries without a description are
  different when the rest of their subsections differ;
- the part does not name the other entry in code and not its own
  (``doclint.api_entries.names_other_entry``), as a part of a pasted
  entry whose description was rewritten still does;
- an ``Example`` weighs less than ``MAX_SHORT_EXAMPLE_WEIGHT``. A short
  call such as ``cache.get("user:42")`` may fit two functions, but a
  longer example copied word for word under a second function shows how
  to use the first one.

``duplicate-section`` reports such a part only against an earlier copy
under the same parent or under a pasted entry, and ``near-duplicate-section``
does not compare the two parts. The parts of a pasted entry whose
description is long enough to compare are left out as well
(``in_pasted_entry``): ``near-duplicate-section`` reports the entry
itself, and one finding covers the paste.
"""

from __future__ import annotations

from typing import Callable

from doclint.api_entries import names_other_entry
from doclint.heading_templates import own_body
from doclint.model import Document, Section, is_item
from doclint.similarity import SectionEntry, copy_key, copy_title, is_long_enough, section_clauses, text_weight
from doclint.text import normalize

ParentOf = Callable[[Document, Section], "Section | None"]

# Normalised heading titles of the parts of an entry, as docstring styles
# (Google, NumPy, Sphinx) and their Markdown renderings name them. The
# Chinese titles are the usual translations of these names.
PARAMETER_TITLES = frozenset(
    {"parameters", "params", "arguments", "args", "keyword arguments", "other parameters", "参数", "参数说明"}
)
# The options table of each command of a command line reference ("npm stage approve", "npm stage reject").
OPTION_TITLES = frozenset({"flags", "options", "选项"})
RESULT_TITLES = frozenset(
    {"returns", "return", "return value", "return type", "yields", "yield", "返回", "返回值", "产出"}
)
ERROR_TITLES = frozenset({"raises", "raise", "throws", "exceptions", "errors", "异常", "抛出", "抛出异常"})
EXAMPLE_TITLES = frozenset({"example", "examples", "示例", "例子", "用法示例"})
PART_TITLES = PARAMETER_TITLES | OPTION_TITLES | RESULT_TITLES | ERROR_TITLES | EXAMPLE_TITLES

# An example that weighs this much or more is reported when copied to another
# entry: three times the comparison floor (doclint.similarity), so about 96
# Latin letters and digits, two or three short lines of code.
MAX_SHORT_EXAMPLE_WEIGHT = 48


def is_entry_part(entry: SectionEntry) -> bool:
    """Return whether a section is a part of an API entry that two entries may share: see the module docstring."""
    section = entry.section
    if section.children or section.fields:
        return False
    title = normalize(copy_title(section))
    if title not in PART_TITLES:
        return False
    if title in EXAMPLE_TITLES:
        return text_weight(" ".join(entry.clauses)) < MAX_SHORT_EXAMPLE_WEIGHT
    return True


def other_entry_parts(part: SectionEntry, other: SectionEntry, parent_of: ParentOf) -> bool:
    """Return whether two sections are parts of two different API entries, each the reference text of its own."""
    parents = _entry_parents(part, other, parent_of)
    if parents is None:
        return False
    parent, other_parent = parents
    if names_other_entry(own_body(part), parent.heading, other_parent.heading):
        # The part still names the entry it was pasted from, as a stale copy does.
        return False
    return different_entries(part.document, parent, other.document, other_parent, parent_of)


def in_pasted_entry(part: SectionEntry, other: SectionEntry, parent_of: ParentOf) -> bool:
    """Return whether two parts sit under two entries with other headings and one description, long enough to compare.

    Such an entry is a paste of the other, such as ``fs.copyFileSync``
    with the description of ``fs.copyFile``. ``near-duplicate-section``
    reports the entry with the advice to rewrite it, so a finding for each
    of its parts would repeat that one. Their fix, removing the part, would
    also take from the pasted entry the Parameters it needs once it is
    rewritten.
    """
    parents = _entry_parents(part, other, parent_of)
    if parents is None:
        return False
    parent, other_parent = parents
    if is_item(parent) or is_item(other_parent) or normalize(parent.heading) == normalize(other_parent.heading):
        return False
    description = section_clauses(parent)
    return description == section_clauses(other_parent) and is_long_enough(" ".join(description))


def _entry_parents(part: SectionEntry, other: SectionEntry, parent_of: ParentOf) -> tuple[Section, Section] | None:
    """Return the two entries above two entry parts, or None when either is no part or both share one parent."""
    if not is_entry_part(part) or not is_entry_part(other):
        return None
    parent = parent_of(part.document, part.section)
    other_parent = parent_of(other.document, other.section)
    if parent is None or other_parent is None or parent is other_parent:
        return None
    return parent, other_parent


def different_entries(
    document: Document, parent: Section, other_document: Document, other_parent: Section, parent_of: ParentOf
) -> bool:
    """Return whether two sections document different API entries: see the module docstring.

    A function section pasted under a new name keeps the description of
    the first, or, without a description, all its subsections, so it is
    the same entry. The subsections are compared by copy key, which
    includes their titles.
    """
    if is_item(parent) or is_item(other_parent) or parent.level != other_parent.level:
        return False
    if _heading_path(document, parent, parent_of) == _heading_path(other_document, other_parent, parent_of):
        return False
    description, other_description = section_clauses(parent), section_clauses(other_parent)
    if description and description == other_description:
        return False
    return description != other_description or _subsection_keys(parent) != _subsection_keys(other_parent)


def _heading_path(document: Document, section: Section, parent_of: ParentOf) -> tuple[str, ...]:
    """Return the normalised headings of a section and of the sections above it, innermost first."""
    path = []
    current: Section | None = section
    while current is not None:
        path.append(normalize(current.heading))
        current = parent_of(document, current)
    return tuple(path)


def _subsection_keys(section: Section) -> tuple[str, ...]:
    return tuple(copy_key(child)[0] for child in section.children)
