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
    ``cache-max``. Their bodies score far above the threshold, yet each
    one covers its own heading. The subject words of a heading are its
    words that the other heading lacks, leaving out words of digits only,
    because a body mentions numbers by chance (``Python 3.11`` and
    ``Python 3.12`` stay compared). Each body must contain one of its own
    subject words and none of the other's, and the two bodies must differ
    in some word. A copy that still names the other heading's subject, or
    that names neither, is still reported. Q&A items are left to
    ``doclint.distinct_items``.
    """
    if is_item(later.section) or is_item(earlier.section):
        return False
    heading, other_heading = _subject_words(later.section.heading), _subject_words(earlier.section.heading)
    subject, other_subject = heading - other_heading, other_heading - heading
    if not subject or not other_subject:
        return False
    words = set(" ".join(later.clauses).split())
    other_words = set(" ".join(earlier.clauses).split())
    if words == other_words:
        return False
    return _names_only(words, subject, other_subject) and _names_only(other_words, other_subject, subject)


def _subject_words(heading: str) -> set[str]:
    return {word for word in normalize(heading).split() if not word.isdigit()}


def _names_only(words: set[str], subject: set[str], other_subject: set[str]) -> bool:
    return not words.isdisjoint(subject) and words.isdisjoint(other_subject)
