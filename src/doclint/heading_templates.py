"""Two sections that fill one template, each with the words or the subject of its own heading.

Reference pages and changelogs give many sections one sentence that names
the section's own subject: "The version of the package." under
``## version`` and "The name of the package." under ``## name``, or
"Moved to CHANGELOG_ARCHIVE.md#0.4.4" under ``## Version 0.4.4``. Their
bodies score far above the near-duplicate threshold, yet each section gives
what its heading promises, and merging them would lose one. A copy that
was not adapted keeps the other section's word, which its own heading does
not contain, so it is still reported.

Words are the space-separated tokens of the normalised text
(``doclint.text.normalize``), so a version such as ``0.4.4`` is the three
words ``0``, ``4`` and ``4``.

NOTE: normalised CJK text has no spaces, so a run of CJK characters is one
word. Two CJK bodies that differ in one term ("栈" and "队列") inside longer
runs are therefore not recognised, and stay near-duplicates.
"""

from __future__ import annotations

import re

from doclint.qa import is_item
from doclint.similarity import SectionEntry
from doclint.text import normalize


def fill_one_template(later: SectionEntry, earlier: SectionEntry) -> bool:
    """Return whether two sections' own bodies differ only in words that each one's heading contains.

    The bodies must have the same number of words and differ in at least
    one. At every position where they differ, the later body's word must be
    in the later heading, and the earlier body's word in the earlier
    heading. Q&A items are left to ``doclint.distinct_items``, which
    compares their questions and answers.
    """
    if is_item(later.section) or is_item(earlier.section):
        return False
    words = " ".join(later.clauses).split()
    other_words = " ".join(earlier.clauses).split()
    if words == other_words or len(words) != len(other_words):
        return False

    heading = set(normalize(later.section.heading).split())
    other_heading = set(normalize(earlier.section.heading).split())
    return all(word == other or (word in heading and other in other_heading) for word, other in zip(words, other_words))



def name_own_subjects(later: SectionEntry, earlier: SectionEntry) -> bool:
    """Return whether each of two sections names the subject of its own heading and not the other's.

    Reference pages document parallel things with one template:
    ``buf.writeDoubleBE()`` and ``buf.writeDoubleLE()``, the events
    ``'connect'`` and ``'close'``, the options ``cache-min`` and
    ``cache-max``. Changelogs point each release to its notes elsewhere
    ("Moved to CHANGELOG_V5.md#5.10.1" under "Version 5.10.1 (Stable)").
    Their bodies score far above the threshold, yet each one covers its
    own heading. The subjects of a heading are its words and version
    numbers that the other heading lacks (``_subjects``). Each body must
    name one of its own subjects and none of the other's, and the two
    bodies must differ in some word. A copy that still names the other
    heading's subject, or that names neither, is still reported. Q&A
    items are left to ``doclint.distinct_items``.
    """
    if is_item(later.section) or is_item(earlier.section):
        return False
    heading, other_heading = _subjects(later.section.heading), _subjects(earlier.section.heading)
    subject, other_subject = heading - other_heading, other_heading - heading
    if not subject or not other_subject:
        return False
    text, other_text = " ".join(later.clauses), " ".join(earlier.clauses)
    if set(text.split()) == set(other_text.split()):
        return False
    return _names_only(text, subject, other_subject) and _names_only(other_text, other_subject, subject)


# A version number of three or more parts, such as 5.10.1 or 2014.09.24.
_VERSION_RE = re.compile(r"\d+(?:\.\d+){2,}")


def _subjects(heading: str) -> set[str]:
    """Return the normalised words of a heading that contain a letter, and its version numbers.

    A word of digits only is left out, because a body mentions a number by
    chance, and two headings that differ only in it ("Python 3.11" and
    "Python 3.12") stay compared. A version number of three or more parts
    is kept, as its normalised words (``5 10 1``), because a body that
    names it refers to that release.
    """
    words = {word for word in normalize(heading).split() if not word.isdigit()}
    return words | {normalize(version) for version in _VERSION_RE.findall(heading)}


def _names_only(text: str, subject: set[str], other_subject: set[str]) -> bool:
    """Return whether a normalised text contains one of ``subject`` and none of ``other_subject``, as whole words."""
    padded = f" {text} "
    return any(f" {term} " in padded for term in subject) and not any(f" {term} " in padded for term in other_subject)
