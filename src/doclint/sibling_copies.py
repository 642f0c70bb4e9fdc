"""Sections that repeat an earlier sibling word for word, as duplicate-section reports them.

``heading-numbering`` leaves such copies out of the numbering, because
duplicate-section reports them for removal and its safe fix removes them. A
copy of an earlier section under the same parent heading, in the same
document, is the one kind of copy whose removal is a safe fix in a run of
that document alone. Counting without it, the heading-numbering message
names the number that one ``--fix`` run writes.

The first of several copies among siblings is counted, because this
module cannot see whether it copies a section in another file.
duplicate-section reports each copy against the first copy in the
document, so when that first copy is under another parent, every copy
among the siblings gets an unsafe fix and is counted too. The exceptions
are short boilerplate, the boilerplate of release notes and the parts of
API entries, such as a ``Raises`` section that two functions share,
because the rule reports such a copy against the earlier copy among its
siblings.
``--fix --unsafe-fixes`` removes such copies, and a later pass then
renumbers the headings after them, so the run's check extends each
message whose heading ends with another number
(``doclint.unsafe_renumbering``).

A copy counts only where duplicate-section reports it: the run's
settings select the rule, ``per-file-ignores`` does not drop it for the
document, and no suppression comment for it covers the copy's heading
line. Where the rule is off, nothing would tell the user to remove the
copy, so its number is checked like any other.
"""

from __future__ import annotations

from doclint.model import Document, Section
from doclint.settings import Settings
from doclint.similarity import SectionEntry, document_entries

DUPLICATE_NAME = "duplicate-section"
DUPLICATE_CODE = "DL101"


def reported_sibling_copies(document: Document, settings: Settings) -> dict[int, Section]:
    """Return, by ``id``, each section that repeats an earlier sibling word for word and that duplicate-section reports.

    Sections without content are no copies, as duplicate-section does not
    report them. The keys are those of ``doclint.similarity.copy_key``, so
    the headings' numbers do not take part: ``4. Setup`` copies ``2. Setup``.
    """
    entries = {id(entry.section): entry for entry in document_entries(document) if entry.has_content}
    keys = {identity: entry.copy_key for identity, entry in entries.items()}
    # Most documents repeat no section at all, and then the run's rule selection need not be read.
    if len(set(keys.values())) == len(keys) or not _reports_copies(document.path, settings):
        return {}
    entries_of_key: dict[str, list[SectionEntry]] = {}
    for identity, key in keys.items():
        entries_of_key.setdefault(key, []).append(entries[identity])
    copies: dict[int, Section] = {}
    for parent_children in _sibling_lists(document):
        seen: set[str] = set()
        siblings = {id(section) for section in parent_children}
        for section in parent_children:
            key = keys.get(id(section))
            if key is None:
                continue
            if key in seen and _removed_safely(entries[id(section)], entries_of_key[key], siblings):
                copies[id(section)] = section
            seen.add(key)
    if not copies:
        return copies

    suppressions = _duplicate_suppressions(document)
    return {
        identity: section
        for identity, section in copies.items()
        if not any(start <= section.line <= end for start, end in suppressions)
    }


def _removed_safely(copy: SectionEntry, same_copies: list[SectionEntry], siblings: set[int]) -> bool:
    """Return whether duplicate-section gives a copy with an earlier sibling copy a safe fix.

    ``same_copies`` are the document's sections with the copy's key, in
    document order. The rule reports a copy against the first of them.
    When that one is under another parent, the fix is unsafe and ``--fix``
    keeps the copy, so its number counts. Boilerplate is an exception,
    because the rule reports it against the earlier copy under its own
    parent, and so is a line that three releases of a changelog repeat
    (``doclint.release_notes``). A part of an API entry, such as a
    ``Raises`` section, is another. The rule reports it against the first copy that is not the
    part of another entry (``doclint.reference_parts``), which may be the
    earlier copy among its siblings.
    """
    # Imported here: the rule modules import this one through doclint.rules.numbering.
    from doclint.reference_parts import is_entry_part
    from doclint.release_notes import repeats_in_other_release
    from doclint.rules.duplicates import ParentSections, copy_in_same_entry, is_boilerplate

    if id(same_copies[0].section) in siblings or is_boilerplate(copy):
        return True
    if repeats_in_other_release(copy, same_copies, ParentSections().parent_of):
        return True
    if not is_entry_part(copy):
        return False
    target = copy_in_same_entry(copy, same_copies, ParentSections().parent_of)
    return target is not None and id(target.section) in siblings


def _sibling_lists(document: Document) -> list[list[Section]]:
    """Return the top-level sections and the children of every section, each list in document order."""
    return [document.sections, *(section.children for section in document.walk() if section.children)]


def _reports_copies(path: str, settings: Settings) -> bool:
    """Return whether the run reports duplicate-section findings in the document at ``path``."""
    # Imported here: the registry imports the rule modules, and so this one.
    from doclint.registry import select_rules, selector_matches

    if not any(rule.code == DUPLICATE_CODE for rule in select_rules(settings.select, settings.ignore)):
        return False
    return not any(selector_matches(token, DUPLICATE_NAME, DUPLICATE_CODE) for token in settings.file_ignores(path))


def _duplicate_suppressions(document: Document) -> list[tuple[int, int]]:
    """Return the (first, last) lines of each range in which a suppression comment silences duplicate-section."""
    # Imported here: most documents have no copies, and so never need their suppressions.
    from doclint.suppressions import parse_suppressions

    return [
        (suppression.start, suppression.end)
        for suppression in parse_suppressions(document)
        if not suppression.rules or suppression.rules & {DUPLICATE_NAME, DUPLICATE_CODE}
    ]
