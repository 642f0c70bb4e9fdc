"""Two sections that fill one template, each with the words of its own heading.

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
