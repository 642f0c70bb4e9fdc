"""Two sections of a changelog that give the notes of two different releases.

Changelogs write the notes of each release in the same form, and small
releases are alike: "Add CPython 3.12.7 by @user in …/pull/3078" under
``## Release v2.4.14`` and "Add CPython 3.13.0rc2 by @user in …/pull/3049"
under ``## Release v2.4.12``. Their bodies differ mostly in numbers, so
they score above the near-duplicate threshold, yet each lists changes of
its own release.

A stale copy keeps the numbers of its source: notes pasted under a new
release and never updated keep every version, issue and pull request
number of the release they came from. So two sections whose headings name
two different versions are two releases when their bodies cite different
numbers. Dates count as numbers too, and so do the numbers in link
targets, where a changelog often cites its pull requests.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from doclint.heading_templates import own_body
from doclint.qa import is_item
from doclint.similarity import SectionEntry

# A version of two or more parts, with an optional "v": "0.10.42", "v2.4.14", "5.24".
_VERSION_RE = re.compile(r"(?<![\w.])v?(\d+(?:\.\d+)+)(?![\w.]*\d)", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\d+")


def describe_other_releases(later: SectionEntry, earlier: SectionEntry) -> bool:
    """Return whether two sections' headings name different versions and their bodies cite different numbers.

    Q&A items are left to ``doclint.distinct_items``.
    """
    if is_item(later.section) or is_item(earlier.section):
        return False
    version, other_version = _heading_version(later.section.heading), _heading_version(earlier.section.heading)
    if version is None or other_version is None or version == other_version:
        return False
    return _numbers(later) != _numbers(earlier)


@lru_cache(maxsize=4096)
def _heading_version(heading: str) -> str | None:
    """Return the first version number of a heading, without its "v", or None when it names none."""
    match = _VERSION_RE.search(heading)
    return match.group(1) if match else None


def _numbers(entry: SectionEntry) -> Counter[str]:
    """Count the runs of digits in a section's own lines, link targets included."""
    return Counter(_NUMBER_RE.findall(own_body(entry)))
