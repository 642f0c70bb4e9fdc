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

One level down, each release may give its own "Other
Changes" section the same line, "Several documentation updates and
clarifications.", and that line belongs to each release. A section that
cites no number and that the notes of three or more releases repeat is
no copy (``repeats_in_other_release``). A "Known issues" or "Limitations" section lists
the issues that a release still has, with their numbers, and each release
repeats the list until they are fixed, word for word or with an issue
more or less. Two such sections under two releases are neither copies
nor near-duplicates (``list_known_issues``). Such a release may be named
by a version, a date or an edition, but not by the version of a
platform (``doclint.release_names``). A fix listed under two releases
is more likely pasted, and a pasted list of changes cites the issue or
pull request numbers of its release, so both are still reported.

Of two copies under two releases, the one under the newer release is the
paste, wherever it is in the file (``under_newer_release``): most
changelogs list their newest release first. The same holds for the
notes of two releases that ``near-duplicate-section`` reports
(``newer_release``), unless the older one names the newer one's version
(``names_version``), as a stale stub copied down from it does.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Callable, Sequence

from doclint.heading_templates import own_body
from doclint.qa import is_item
from doclint.release_names import VERSION_RE, ReleaseName, newer, release_name, same_series
from doclint.model import Document, Section
from doclint.similarity import SectionEntry

ParentOf = Callable[[Document, Section], "Section | None"]

_NUMBER_RE = re.compile(r"\d+")

# The releases whose notes must repeat a section without numbers for it to be their boilerplate.
MIN_RELEASES = 3
# A heading of the issues that a release still has, which each release repeats until they are fixed.
_KNOWN_ISSUES_RE = re.compile(r"known\s+(?:issues|bugs|problems|limitations)|已知(?:问题|缺陷|错误|限制)", re.IGNORECASE)
# A title that is only "Limitations" or "限制" lists them too.
_LIMITATIONS_RE = re.compile(r"(?:current\s+)?limitations|限制", re.IGNORECASE)


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


def repeats_in_other_release(copy: SectionEntry, group: Sequence[SectionEntry], parent_of: ParentOf) -> bool:
    """Return whether a section without numbers is one of a group that the notes of three or more releases repeat.

    A "Known issues" section is one of such a group when its parent names
    a release and its copies in its document sit under two or more
    releases of that series, numbers and all (``is_known_issues``).
    ``group`` contains all copies of the section, ``copy`` among them. The
    section must be a leaf without labelled fields, and the headings of the
    parent sections of its copies in its own document, a changelog, must
    name at least ``MIN_RELEASES`` different versions. Two releases that
    list the same fix are more likely a paste. Release notes kept one file
    per release are the templates of ``doclint.template_copies``.
    """
    if copy.section.children or copy.section.fields:
        return False
    if is_known_issues(copy):
        return _under_other_release(copy, group, parent_of)
    if _NUMBER_RE.search(own_body(copy)):
        return False
    versions = set()
    for entry in group:
        if entry.document is not copy.document:
            continue
        parent = parent_of(entry.document, entry.section)
        version = _heading_version(parent.heading) if parent is not None else None
        if version is not None:
            versions.add(version)
    return len(versions) >= MIN_RELEASES


def is_known_issues(entry: SectionEntry) -> bool:
    """Return whether a section lists the known issues of a release, which each release repeats until they are fixed."""
    section = entry.section
    if section.children:
        return False
    return _KNOWN_ISSUES_RE.search(section.heading) is not None or _LIMITATIONS_RE.fullmatch(section.title.strip()) is not None


def list_known_issues(later: SectionEntry, earlier: SectionEntry, parent_of: ParentOf) -> bool:
    """Return whether two sections of one document list the known issues of two different releases.

    The parents' headings must name two releases of one series by a
    version, a date or an edition (``doclint.release_names``). So the
    "Known issues" of the Linux and the macOS part of an installation
    guide are a copy, and so are those of its ``Ubuntu 24.04`` and
    ``Python 3.12`` parts.
    """
    if later.document is not earlier.document or not is_known_issues(later) or not is_known_issues(earlier):
        return False
    release, other_release = _release_of(later, parent_of), _release_of(earlier, parent_of)
    if release is None or other_release is None:
        return False
    return same_series(release, other_release) and release.name != other_release.name


def _under_other_release(copy: SectionEntry, group: Sequence[SectionEntry], parent_of: ParentOf) -> bool:
    """Return whether the copies of a section in its document sit under two or more releases of one series.

    The section's own parent names one of them, or no release at all: a
    changelog that writes one release's "Notable changes" a level too
    high puts that release's "Known issues" under it. A parent that names
    a platform's version ("Ubuntu 24.04") names no release, so the copies
    of an installation guide's parts never count.
    """
    releases = [
        release
        for release in (_release_of(entry, parent_of) for entry in group if entry.document is copy.document)
        if release is not None
    ]
    own = _release_of(copy, parent_of)
    series = [own] if own is not None else releases
    return any(len({other.name for other in releases if same_series(release, other)}) >= 2 for release in series)


def _release_of(entry: SectionEntry, parent_of: ParentOf) -> ReleaseName | None:
    """Return the release that the heading of a section's parent names, or None.

    A dotted number under a heading numbered with all of its parts but
    the last is a section number, not a version: "1.2 安装" under
    "1. 部署", as heading-numbering reads it.
    """
    parent = parent_of(entry.document, entry.section)
    if parent is None or _numbers_subsection(entry.document, parent, parent_of):
        return None
    return release_name(parent.heading)


def _numbers_subsection(document: Document, section: Section, parent_of: ParentOf) -> bool:
    """Return whether a section's dotted number continues the number of the section above it ("1.2" under "1.")."""
    above = parent_of(document, section)
    if section.number is None or above is None or above.number is None:
        return False
    parts = section.number.split(".")
    return len(parts) > 1 and parts[:-1] == above.number.split(".")


def under_newer_release(first: SectionEntry, later: SectionEntry, parent_of: ParentOf) -> bool:
    """Return whether the first of two copies sits under the notes of a newer release than the later one.

    A changelog that lists its newest release first has the pasted copy
    above its source, so that copy is the one to report and remove.
    """
    release, later_release = _release_of(first, parent_of), _release_of(later, parent_of)
    return release is not None and later_release is not None and newer(release, later_release)


def newer_release(section: SectionEntry, other: SectionEntry) -> bool:
    """Return whether a section's heading names a newer version than another section's heading."""
    version, other_version = _heading_version(section.section.heading), _heading_version(other.section.heading)
    return version is not None and other_version is not None and _version_key(version) > _version_key(other_version)


def names_version(section: SectionEntry, other: SectionEntry) -> bool:
    """Return whether a section's own lines name the version of another section's heading, as a stale stub that links to it does."""
    version = _heading_version(other.section.heading)
    return version is not None and re.search(rf"(?<![\d.]){re.escape(version)}(?![\d])", own_body(section)) is not None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@lru_cache(maxsize=4096)
def _heading_version(heading: str) -> str | None:
    """Return the first version number of a heading, without its "v", or None when it names none."""
    match = VERSION_RE.search(heading)
    return match.group(1) if match else None


def _numbers(entry: SectionEntry) -> Counter[str]:
    """Count the runs of digits in a section's own lines, link targets included."""
    return Counter(_NUMBER_RE.findall(own_body(entry)))
