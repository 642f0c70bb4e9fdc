"""Repeated sections: exact copies and near-duplicates, within a file and across files.

``duplicate-section`` reports a section whose normalised title and content
(subsections included) repeat an earlier section's. Only the outermost copy
is reported, so the subsections of a copied chapter are not reported again.
A short boilerplate section ("None." under ``## Options``) under another
parent or in another file is not reported (``is_boilerplate``), and neither
is a section that three or more parents of one folder repeat by design,
such as the upgrade instructions of every release note. A copy of such a
template in another folder is reported against the template's first copy
(``doclint.template_copies``). Nor is a part of an API entry, such as the
``Raises`` section of a function, that repeats the part of another entry
(``doclint.reference_parts``), or a line without numbers that three
releases of a changelog repeat (``doclint.release_notes``). Of two copies
under two releases, the one under the newer release is reported, and of
two copies on two pages, the one that names the other page's project
(``doclint.heading_templates.later_page_project``). A page that collects
the sections of many other pages, such as a generated page of all
settings, gets one finding for all its copies (``doclint.collected_pages``).

``near-duplicate-section`` scores the bodies of different sections with
rapidfuzz's ``fuzz.ratio`` (an Indel similarity over characters, so CJK text
needs no word splitting) after removing the template text that most sections
of the document or run share. Each section is reported once, against the
earlier section it resembles most; the ten most similar earlier matches above
the threshold are listed as related locations. Two Q&A items that ask
different questions and give different answers are not near-duplicates of
each other (``doclint.distinct_items``), and neither are two sections whose
bodies differ only in the words of their own headings, or that each name
the subject of their own heading and not the other's
(``doclint.heading_templates``). Two entries of an API reference
(``doclint.api_entries``) or their parts, such as the ``Returns``
sections of two functions (``doclint.reference_parts``), the notes of two
releases (``doclint.release_notes``), two variants of one example
(``doclint.example_variants``) and a page and its translation
(``doclint.prose_language``) are no near-duplicates either.
"""

from __future__ import annotations

import logging
from itertools import groupby
from typing import Iterable, Iterator, Sequence

from doclint.collected_pages import collecting_pages
from doclint.diagnostics import Applicability, Diagnostic, Edit, Fix, RelatedLocation, Severity, describe_location
from doclint.i18n import N_, _, format_message
from doclint.model import Document, Section
from doclint.qa import answer_conflicts, is_item, start_answer_conflicts
from doclint.example_variants import show_other_variants
from doclint.distinct_items import differ_in_terms, distinct_items, entries_differ, questions_differ
from doclint.pasted_answers import answers_other_question
from doclint.heading_templates import fill_one_template, keeps_other_heading, later_page_project, name_own_subjects
from doclint.api_entries import document_other_entries, name_different_entries
from doclint.registry import Rule
from doclint.settings import Settings
from doclint.similarity import SectionEntry, copy_title, exact_copies, is_long_enough, near_duplicate_matches
from doclint.source import Source
from doclint.prose_language import in_other_languages, left_untranslated
from doclint.release_notes import (
    describe_other_releases,
    list_known_issues,
    names_version,
    newer_release,
    repeats_in_other_release,
    under_newer_release,
)
from doclint.suppressions import lines_to_keep
from doclint.reference_parts import ParentOf, in_pasted_entry, is_entry_part, other_entry_parts
from doclint.template_copies import Template, find_templates

logger = logging.getLogger(__name__)


def check_duplicates(documents: Sequence[Document], settings: Settings) -> Iterable[Diagnostic]:
    """Report each copy against the section it repeats, and a page that collects the sections of many pages once."""
    reported = list(_reported_copies(documents))
    pairs = [(copy, first) for copy, first, _diagnostic in reported]
    collecting = collecting_pages(pairs)
    folded = {id(pair[0].section) for collected in collecting.values() for pair in collected}
    for copy, _first, diagnostic in reported:
        if id(copy.section) not in folded:
            yield diagnostic
    for document, collected in collecting.items():
        yield _collected_sections(document, collected)


def _collected_sections(document: Document, pairs: list[tuple[SectionEntry, SectionEntry]]) -> Diagnostic:
    """Build the one finding of a page that collects sections of other pages, at its first shared section."""
    sides = [(own, other) if own.document is document else (other, own) for own, other in pairs]
    own, other = min(sides, key=lambda side: side[0].section.line)
    count = len({id(side[0].section) for side in sides})
    pages = len({id(side[1].document) for side in sides})
    where = describe_location(other.document.path, other.section.line, document.path)
    message = format_message(_(_SHARES_SECTIONS), count=count, pages=pages, heading=own.section.heading, where=where)

    related = [_related(other_side, _("same as line {line}").format(line=own_side.section.line)) for own_side, other_side in sides]
    return DUPLICATE_SECTION.diagnostic(document, own.section.line, own.section.line, message, own.section.column, related)


_SHARES_SECTIONS = N_(
    'this page shares {count} sections word for word with {pages} other pages, such as section "{heading}" '
    "({where}); if a script writes them from one source, add the page to per-file-ignores, otherwise keep one "
    "copy of each"
)


def _reported_copies(documents: Sequence[Document]) -> Iterator[tuple[SectionEntry, SectionEntry, Diagnostic]]:
    """Yield each copy to report, the section it repeats and its finding."""
    parents = ParentSections()
    found = exact_copies(documents)
    templates = find_templates(list(documents), found, parents.parent_of)
    # All copies of each first copy, the first included, for the tests that look at a whole group.
    groups: dict[SectionEntry, list[SectionEntry]] = {}
    for copy, first_copy in found.first_of.items():
        groups.setdefault(first_copy, [first_copy]).append(copy)
    for later, first, copies in _copy_pairs(found.first_of, templates, parents):
        if is_entry_part(later):
            same_entry_copy = copy_in_same_entry(later, [first, *copies], parents.parent_of)
            if same_entry_copy is None:
                logger.debug("%s:%d is the reference text of its own API entry", later.document.path, later.section.line)
                continue
            first = same_entry_copy
            if in_pasted_entry(later, first, parents.parent_of):
                logger.debug("%s:%d is a part of a pasted entry, which near-duplicate-section reports", later.document.path, later.section.line)
                continue

        if under_newer_release(first, later, parents.parent_of):
            # A changelog with its newest release first: the copy above, under the newer release, is the paste.
            later, first = first, later
        elif later_page_project(first, later) is not None:
            # A copy that names the later page's project is that page's own text, which the first page pasted.
            later, first = first, later
        later_parent = parents.parent_of(later.document, later.section)
        first_parent = parents.parent_of(first.document, first.section)
        parents_differ = later.document is first.document and later_parent is not first_parent
        group = groups.get(found.first_of.get(later, later), [later])
        if (later.document is not first.document or parents_differ) and (
            is_boilerplate(later) or repeats_in_other_release(later, group, parents.parent_of)
        ):
            sibling = _earlier_sibling(later, copies, later_parent, parents)
            if sibling is None:
                logger.debug("boilerplate section %s:%d repeats %s:%d", later.document.path, later.section.line, first.document.path, first.section.line)
                continue
            # Boilerplate repeated under one parent is a copy: it is reported against the copy under that parent.
            first, first_parent, parents_differ = sibling, later_parent, False

        where = describe_location(first.document.path, first.section.line, later.document.path)
        project = later_page_project(later, first)
        if project is not None:
            message = pair_message(_REPEATS_OTHER_PROJECT, later.section, first.section, where=where, project=project)
        elif not parents_differ or later_parent is None or first_parent is None:
            message = pair_message(_REPEATS, later.section, first.section, where=where)
        else:
            message = pair_message(
                _REPEATS_UNDER_PARENT,
                later.section,
                first.section,
                parent=later_parent.heading,
                first_parent=first_parent.heading,
                where=where,
            )
        diagnostic = DUPLICATE_SECTION.section_diagnostic(
            later.document, later.section, message, [_related(first, _("first copy"))], fix=removal_fix(later, first, parents_differ)
        )
        yield later, first, diagnostic


def _copy_pairs(
    first_of: dict[SectionEntry, SectionEntry], templates: dict[SectionEntry, Template], parents: ParentSections
) -> Iterator[tuple[SectionEntry, SectionEntry, list[SectionEntry]]]:
    """Yield each copy that may be reported, the copy it repeats, and the copies of its group up to it in run order.

    A copy in a folder of a template is left out unless an earlier copy
    sits under the same parent, because each page of the template needs
    its copy but not a second one. A copy outside the template's folders
    is paired with the template's first copy, also when it is the first
    copy of its group because its path sorts before the template's pages.
    """
    for first, template in templates.items():
        if not template.has_folder_of(first):
            yield first, template.first, [first]

    # The copies of each first copy seen so far, the first copy included, in run order.
    seen: dict[SectionEntry, list[SectionEntry]] = {}
    for later, first in first_of.items():
        copies = seen.setdefault(first, [first])
        copies.append(later)
        template = templates.get(first)
        if template is None:
            yield later, first, copies
            continue

        sibling = _earlier_sibling(later, copies, parents.parent_of(later.document, later.section), parents)
        if sibling is not None:
            yield later, sibling, copies
        elif not template.has_folder_of(later):
            yield later, template.first, copies


def _earlier_sibling(
    later: SectionEntry, copies: list[SectionEntry], parent: Section | None, parents: ParentSections
) -> SectionEntry | None:
    """Return the first of ``copies`` before ``later`` in its document under the same parent section, if any."""
    for copy in copies:
        if copy is later:
            return None
        if copy.document is later.document and parents.parent_of(copy.document, copy.section) is parent:
            return copy
    return None


def copy_in_same_entry(later: SectionEntry, earlier: list[SectionEntry], parent_of: ParentOf) -> SectionEntry | None:
    """Return the first copy in ``earlier`` (up to ``later``) that is not the part of another API entry, if any.

    A ``Raises`` section that three functions share is each function's
    own reference text (``doclint.reference_parts``), so a part is reported
    only against a copy under its own parent, or under an entry that the
    later entry repeats.
    """
    for copy in earlier:
        if copy is later:
            return None
        if not other_entry_parts(later, copy, parent_of):
            return copy
    return None


def is_boilerplate(entry: SectionEntry) -> bool:
    """Return whether a section is short boilerplate: no subsections, no labelled fields and a body below the comparison floor.

    Pages built on one template give many sections the same short body,
    such as ``## Options`` with "None." on every rule page, or ``### Raises``
    with "Nothing." under every function. Such a body weighs less than
    ``MIN_COMPARISON_WEIGHT``, the floor below which near-duplicate-section
    compares nothing either. Each place needs it, so it is no copy when it
    sits under another parent section or in another file. Under one parent
    it is still a copy. A section with a labelled field (``**答案：**``) is
    never boilerplate, because a short question and answer asked twice are
    a repeated item.
    """
    section = entry.section
    return not section.children and not section.fields and not is_long_enough(" ".join(entry.clauses))


PairTemplates = tuple[str, str]
"""A message about two sections: the template for two headed sections, and the one where either is an item.

The first names the two by their headings, ``{heading}`` and ``{first}``
or ``{other}``. The second takes the phrases that name them, ``{section}``
and ``{first}`` or ``{other}`` (``pair_message``).
"""

_REPEATS: PairTemplates = (
    N_('section "{heading}" repeats section "{first}" ({where}) word for word; remove this copy'),
    N_("{section} repeats {first} ({where}) word for word; remove this copy"),
)
_REPEATS_OTHER_PROJECT: PairTemplates = (
    N_(
        'section "{heading}" repeats section "{first}" ({where}) word for word, and it names {project}, the '
        "project of that page; remove this copy"
    ),
    N_("{section} repeats {first} ({where}) word for word, and it names {project}, the project of that page; remove this copy"),
)
_REPEATS_UNDER_PARENT: PairTemplates = (
    N_(
        'section "{heading}" under "{parent}" repeats section "{first}" under "{first_parent}" ({where}) word '
        'for word; remove this copy unless "{parent}" needs it as well'
    ),
    N_(
        '{section} under "{parent}" repeats {first} under "{first_parent}" ({where}) word for word; remove this '
        'copy unless "{parent}" needs it as well'
    ),
)


def pair_message(
    templates: PairTemplates, section: Section, other: Section, other_key: str = "first", **values: object
) -> str:
    """Fill in a message about ``section`` and ``other``, calling each an item or a section as the Q&A rules do.

    A section of kind ``item`` (a bold question or a pair of a flat FAQ)
    has no heading, so a message that called it a section would send the
    reader looking for one. Two headed sections keep their own template,
    so the messages about them do not change. ``other_key`` is the
    placeholder of ``other`` in the templates.
    """
    if section.kind != "item" and other.kind != "item":
        return format_message(_(templates[0]), heading=section.heading, **{other_key: other.heading}, **values)
    return format_message(_(templates[1]), section=_name(section), **{other_key: _name(other)}, **values)


def _name(section: Section) -> str:
    """Return the phrase that names a section in a message: ``item "..."`` for an item without a heading, else ``section "..."``."""
    if section.kind == "item":
        return _('item "{heading}"').format(heading=section.heading)
    return _('section "{heading}"').format(heading=section.heading)


class ParentSections:
    """The section that directly contains each section of the documents it is asked about, found once per document."""

    def __init__(self) -> None:
        self._parents: dict[int, dict[int, Section | None]] = {}

    def parent_of(self, document: Document, section: Section) -> Section | None:
        """Return the section whose children include ``section``, or None for a top-level section."""
        parents = self._parents.get(id(document))
        if parents is None:
            parents = {id(top): None for top in document.sections}
            for outer in document.walk():
                for child in outer.children:
                    parents[id(child)] = outer
            self._parents[id(document)] = parents
        return parents[id(section)]


def removal_fix(copy: SectionEntry, first: SectionEntry, parents_differ: bool = False) -> Fix:
    """Remove a copy's lines and the blank lines after it, keeping what follows.

    A thematic break after the copy stays, because it separates what came
    before the copy from what follows. So do the suppression comments in
    the copy that silence findings outside it, such as a disable-next-line
    comment before the next section (``lines_to_keep``). Removing a copy of
    a section in another file is unsafe: that file may need the section to
    stand alone. So is removing a copy in the same file whose parent
    section differs from the first copy's (``parents_differ``), such as the
    same ``Fixed`` entry under two releases of a changelog, because each
    parent may need it.
    """
    source = copy.document.source
    start_line, stop_line = copy.section.line, copy.section.end_line + 1
    while stop_line <= source.line_count and not source.line_text(stop_line).strip():
        stop_line += 1
    kept = lines_to_keep(copy.document, start_line, stop_line - 1)
    if stop_line > source.line_count and not kept:
        # A copy at the end of the file takes the blank lines before it too, so the
        # file still ends with one line ending.
        while start_line > 1 and not source.line_text(start_line - 1).strip():
            start_line -= 1

    removed = [line for line in range(start_line, stop_line) if line not in kept]
    same_file = copy.document is first.document
    return Fix(
        edits=tuple(_line_removals(source, removed)),
        applicability=Applicability.SAFE if same_file and not parents_differ else Applicability.UNSAFE,
        message=_("remove this copy (lines {start}-{end})").format(start=removed[0], end=min(removed[-1], source.last_line)),
    )


def _line_removals(source: Source, lines: Sequence[int]) -> Iterator[Edit]:
    """Yield one edit for each run of consecutive lines (given in ascending order) that removes the run with its line endings."""
    # Within a run, line number minus position in the list is constant.
    for _key, run in groupby(enumerate(lines), key=lambda pair: pair[1] - pair[0]):
        numbers = [line for _position, line in run]
        last = numbers[-1]
        end = source.offset(last + 1) if last < source.line_count else len(source.text)
        yield Edit(source.offset(numbers[0]), end, "")


def check_near_duplicates(documents: Sequence[Document], settings: Settings) -> Iterable[Diagnostic]:
    """Report each section against the earlier section it resembles most.

    A section that asks an earlier item's question again and answers it
    differently is left to ``inconsistent-answer``, the more specific rule,
    unless it gives the answer of another earlier item with that question:
    then it is a copy of that item, which is what this rule reports.
    Distinct items (``doclint.distinct_items``), sections that fill one
    template with the words of their own headings, sections that each
    name their own heading's subject (``doclint.heading_templates``), two
    entries of an API reference, such as a function and its synchronous
    form (``doclint.api_entries``), the parts of two API entries
    (``doclint.reference_parts``), the notes of two releases that cite
    their own numbers and the known issues of two releases
    (``doclint.release_notes``), two examples of one
    use with their own code (``doclint.example_variants``), and sections
    whose prose is in two writing systems, as a page and its translation
    (``doclint.prose_language``), are not matches, so a section is
    reported against its most similar remaining match, if any. Its best
    match is reported instead when it is the paste: notes of a newer
    release, or a section that names the project of the later page.
    """
    start_answer_conflicts(documents, settings.same_question_threshold, settings.jobs)
    matches_by_section = near_duplicate_matches(documents, settings.near_duplicate_threshold)
    conflicts = answer_conflicts(documents, settings.same_question_threshold)
    threshold = settings.near_duplicate_threshold
    parents = ParentSections()
    reported: set[SectionEntry] = set()
    for later, matches in matches_by_section.items():
        conflict = conflicts.get(later)
        if conflict is not None and conflict.agrees_with is None:
            continue
        kept = [
            (score, earlier)
            for score, earlier in matches
            if not distinct_items(later.section, earlier.section, threshold)
            and not fill_one_template(later, earlier)
            and not entries_differ(later, earlier)
            and not name_own_subjects(later, earlier)
            and not document_other_entries(later, earlier)
            and not describe_other_releases(later, earlier)
            and not list_known_issues(later, earlier, parents.parent_of)
            and not show_other_variants(later, earlier, parents.parent_of)
            and not in_other_languages(later.section, earlier.section)
            and not other_entry_parts(later, earlier, parents.parent_of)
        ]
        if not kept:
            continue
        score, best = kept[0]
        newer_notes = newer_release(best, later) and not names_version(later, best)
        if best not in reported and (newer_notes or later_page_project(best, later) is not None):
            # The notes of a newer release that repeat an older one's are the paste, wherever they are in the file.
            # A body that names the other release's version is a stale stub, so it keeps the usual order.
            # A section that names the later page's project is that page's own, and the earlier page pasted it.
            reported.add(best)
            yield _near_duplicate(best, [(score, later)], threshold)
            continue
        reported.add(later)
        yield _near_duplicate(later, kept, threshold)


def _near_duplicate(later: SectionEntry, matches: list[tuple[float, SectionEntry]], threshold: float) -> Diagnostic:
    score, best = matches[0]
    where = describe_location(best.document.path, best.section.line, later.document.path)
    project = later_page_project(later, best)
    if project is not None:
        # The section names the other page's project, so it is that page's own text, pasted here.
        message = pair_message(_SIMILAR_OTHER_PROJECT, later.section, best.section, "other", score=int(score), where=where, project=project)
    else:
        templates = _near_duplicate_templates(later, best, threshold)
        message = pair_message(templates, later.section, best.section, "other", score=int(score), where=where)
    related = [
        _related(entry, _("{score}% similar").format(score=int(entry_score))) for entry_score, entry in matches
    ]
    logger.debug("near duplicate %s:%d ~ %s:%d (%.1f)", later.document.path, later.section.line, best.document.path, best.section.line, score)
    return NEAR_DUPLICATE_SECTION.section_diagnostic(later.document, later.section, message, related)


_SIMILAR_QUESTIONS_DIFFER: PairTemplates = (
    N_(
        'section "{heading}" is {score}% similar to section "{other}" ({where}) after removing the text '
        "most sections share, but the two ask different questions; rewrite this answer so that it answers "
        "its own question"
    ),
    N_(
        "{section} is {score}% similar to {other} ({where}) after removing the text most sections share, but "
        "the two ask different questions; rewrite this answer so that it answers its own question"
    ),
)
_SIMILAR_TITLES_DIFFER: PairTemplates = (
    N_(
        'section "{heading}" is {score}% similar to section "{other}" ({where}) after removing the text '
        "most sections share, but their headings name different things; rewrite this section so that it "
        "covers its own heading"
    ),
    N_(
        "{section} is {score}% similar to {other} ({where}) after removing the text most sections share, but "
        "their titles name different things; rewrite this one so that it covers its own title"
    ),
)
_SIMILAR_UNTRANSLATED: PairTemplates = (
    N_(
        'section "{heading}" is {score}% similar to section "{other}" ({where}) after removing the text '
        "most sections share, but the rest of its page is in another writing system; translate this section"
    ),
    N_(
        "{section} is {score}% similar to {other} ({where}) after removing the text most sections share, but "
        "the rest of its page is in another writing system; translate this one"
    ),
)
_SIMILAR_OTHER_PROJECT: PairTemplates = (
    N_(
        'section "{heading}" is {score}% similar to section "{other}" ({where}) after removing the text '
        "most sections share, and it names {project}, the project of that page; rewrite this section for its "
        "own page"
    ),
    N_(
        "{section} is {score}% similar to {other} ({where}) after removing the text most sections share, and "
        "it names {project}, the project of that page; rewrite this one for its own page"
    ),
)
_SIMILAR: PairTemplates = (
    N_(
        'section "{heading}" is {score}% similar to section "{other}" ({where}) after removing the text '
        "most sections share; merge the two or rewrite one so that each says something of its own"
    ),
    N_(
        "{section} is {score}% similar to {other} ({where}) after removing the text most sections share; "
        "merge the two or rewrite one so that each says something of its own"
    ),
)


def _near_duplicate_templates(later: SectionEntry, earlier: SectionEntry, threshold: float) -> PairTemplates:
    """Choose the message: merging is advised unless the two sections are about things that differ in a term.

    Two items whose questions look alike but differ in a number, an
    operator, a Latin word or a negation ("前五个步骤" and "前十个步骤",
    ``min()`` and ``max()``) ask two questions, as ``inconsistent-answer``
    also decides (``same_terms``), so merging them would lose one. The
    same holds for the headings of two other sections ("Python 3.11" and
    "Python 3.12"). The two texts must still score at least the
    near-duplicate ``threshold``: sections whose questions or headings have
    little in common keep the advice to merge or rewrite. Two questions
    that differ only in the subject their headings name ("什么是栈？" and
    "什么是队列？") are two questions too (``questions_differ``). The
    answers of two such items are nearly the same here, because items
    whose answers differ are not reported at all. A section whose body
    names the other's heading but not its own is a stale copy of a
    template (``keeps_other_heading``), which needs the same advice, and
    so does a copy among the entries of an API reference, such as
    ``store.delete(key)`` pasted from ``store.readSync(key)``
    (``name_different_entries``). A section that repeats another page in
    that page's writing system while the rest of its own page is in
    another was left untranslated, so the advice is to translate it
    (``left_untranslated``).
    """
    if left_untranslated(later.section, later.document, earlier.section, earlier.document):
        return _SIMILAR_UNTRANSLATED
    if is_item(later.section) and is_item(earlier.section):
        if questions_differ(later.section, earlier.section, threshold) or answers_other_question(later.section, later.document, earlier.section, earlier.document):
            return _SIMILAR_QUESTIONS_DIFFER
    elif (
        differ_in_terms(copy_title(later.section), copy_title(earlier.section), threshold)
        or keeps_other_heading(later, earlier)
        or name_different_entries(later, earlier)
    ):
        return _SIMILAR_TITLES_DIFFER
    return _SIMILAR


_REPEATED_LATER: PairTemplates = (
    N_('section "{heading}" is repeated word for word by section "{other}" ({where}); remove one of the two copies'),
    N_("{section} is repeated word for word by {other} ({where}); remove one of the two copies"),
)


def _repeated_later(document: Document, section: Section, later_document: Document, later: Section, settings: Settings) -> str:
    where = describe_location(later_document.path, later.line, document.path)
    return pair_message(_REPEATED_LATER, section, later, other_key="other", where=where)


_RESEMBLED_QUESTIONS_DIFFER: PairTemplates = (
    N_(
        'section "{heading}" is mostly the same as section "{other}" ({where}) after removing the text most '
        "sections share, but the two ask different questions; rewrite one answer so that each answers its "
        "own question"
    ),
    N_(
        "{section} is mostly the same as {other} ({where}) after removing the text most sections share, but the "
        "two ask different questions; rewrite one answer so that each answers its own question"
    ),
)
_RESEMBLED_TITLES_DIFFER: PairTemplates = (
    N_(
        'section "{heading}" is mostly the same as section "{other}" ({where}) after removing the text most '
        "sections share, but their headings name different things; rewrite one so that each covers its own heading"
    ),
    N_(
        "{section} is mostly the same as {other} ({where}) after removing the text most sections share, but their "
        "titles name different things; rewrite one so that each covers its own title"
    ),
)
_RESEMBLED: PairTemplates = (
    N_(
        'section "{heading}" is mostly the same as section "{other}" ({where}) after removing the text most sections '
        "share; merge the two or rewrite one so that each says something of its own"
    ),
    N_(
        "{section} is mostly the same as {other} ({where}) after removing the text most sections share; merge the "
        "two or rewrite one so that each says something of its own"
    ),
)


def _resembled_later(document: Document, section: Section, later_document: Document, later: Section, settings: Settings) -> str:
    """Return the message for the earlier of two near-duplicates, with the same advice as the later one's."""
    where = describe_location(later_document.path, later.line, document.path)
    threshold = settings.near_duplicate_threshold
    templates = _RESEMBLED
    if is_item(section) and is_item(later):
        if questions_differ(section, later, threshold) or answers_other_question(later, later_document, section, document):
            templates = _RESEMBLED_QUESTIONS_DIFFER
    elif differ_in_terms(copy_title(section), copy_title(later), threshold):
        templates = _RESEMBLED_TITLES_DIFFER
    return pair_message(templates, section, later, other_key="other", where=where)


def _related(entry: SectionEntry, message: str) -> RelatedLocation:
    return RelatedLocation(entry.document.path, entry.section.line, entry.section.column, message)


DUPLICATE_SECTION = Rule(
    code="DL101",
    name="duplicate-section",
    summary=N_("A section repeats an earlier section word for word."),
    severity=Severity.ERROR,
    fixable=True,
    check=check_duplicates,
    counterpart_message=_repeated_later,
)

NEAR_DUPLICATE_SECTION = Rule(
    code="DL102",
    name="near-duplicate-section",
    summary=N_("A section's body is mostly the same as an earlier section's."),
    severity=Severity.WARNING,
    fixable=False,
    check=check_near_duplicates,
    counterpart_message=_resembled_later,
)

RULES = (DUPLICATE_SECTION, NEAR_DUPLICATE_SECTION)
