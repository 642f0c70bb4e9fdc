"""The release that a heading names: a version, a date or an edition, and the series it belongs to.

A changelog names each release by a version (``## v2.3.0``,
``## [1.2.0] - 2026-03-01``), a date (``## 2026-03-01``,
``## 2026年3月1日``) or an edition (``## 第 2 版``, ``## Edition 2``).
The words before that name are the series: ``pytest 8.0.0`` and
``pytest 7.4.4`` are two releases of the series "pytest", and
``Release v2.4.14`` and ``v2.4.12`` two of one unnamed series, because
words such as "Release" and "Version" only introduce the name.

A guide with one part per platform names its parts with version numbers
too (``## Ubuntu 24.04``, ``## Python 3.12``), but its parts are no
releases. A heading whose series contains a known platform name
(``_PLATFORMS``) therefore names no release, and two headings of
different series, such as ``Ubuntu 24.04`` and ``Debian 12.5``, are no two
releases of one changelog.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from doclint.text import chinese_numeral_value

# A version of two or more parts, with an optional "v": "0.10.42", "v2.4.14", "5.24".
VERSION_RE = re.compile(r"(?<![\w.])v?(\d+(?:\.\d+)+)(?![\w.]*\d)", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
            ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
            ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A date: "2026-03-01", "2026/3/1", "2026年3月1日", "2026年3月", "March 1, 2026", "1 March 2026".
_DATE_RE = re.compile(
    r"(?<!\d)(?P<iso_year>\d{4})[-/](?P<iso_month>\d{1,2})[-/](?P<iso_day>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<cjk_year>\d{4})\s*年\s*(?P<cjk_month>\d{1,2})\s*月(?:\s*(?P<cjk_day>\d{1,2})\s*[日号])?"
    rf"|\b(?P<month_first>{_MONTH_NAME})\.?\s+(?P<day_after>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year_after>\d{{4}})\b"
    rf"|\b(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month_after>{_MONTH_NAME})\.?,?\s+(?P<year_last>\d{{4}})\b",
    re.IGNORECASE,
)
# An edition: "第 2 版", "第二版", "Edition 2", "2nd edition".
_EDITION_RE = re.compile(
    r"第\s*(?P<cjk>\d+|[零〇一二两三四五六七八九十百]+)\s*版(?!本)"
    r"|\bedition\s+(?P<after>\d+)\b"
    r"|\b(?P<before>\d+)(?:st|nd|rd|th)\s+edition\b",
    re.IGNORECASE,
)
# Words of a heading that only introduce a release name ("Release", "What's new in").
_RELEASE_WORDS = frozenset(
    {
        "release", "released", "version", "ver", "v", "edition", "changelog", "changes", "notes", "update", "what", "s",
        "new", "in", "for", "of", "the", "版本", "发布", "更新", "发行", "版",
    }
)
# Operating systems, runtimes and other products whose versions name the parts of an installation guide.
# NOTE: the changelog of one of these products ("## Python 3.12", "## Python 3.11") is read as such a guide too.
_PLATFORMS = frozenset(
    {
        "ubuntu", "debian", "fedora", "centos", "rhel", "rocky", "almalinux", "alpine", "arch", "opensuse", "suse",
        "sles", "alma", "linux", "macos", "osx", "windows", "freebsd", "android", "ios", "ipados", "python", "node", "nodejs",
        "java", "jdk", "openjdk", "go", "golang", "ruby", "php", "perl", "rust", "dotnet", "net", "cuda", "gcc",
        "clang", "llvm", "xcode", "postgresql", "postgres", "mysql", "mariadb", "redis", "mongodb", "docker",
        "kubernetes", "chrome", "firefox", "safari", "edge",
    }
)
_NUMBER_RE = re.compile(r"\d+")
# Latin words and runs of Han, kana or Hangul; CJK punctuation such as "【重要】" is no part of a series name.
_SERIES_WORD_RE = re.compile("[A-Za-z]+|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


class ReleaseName(NamedTuple):
    """The release that a heading names: its series (the words before the name, possibly empty), kind and name.

    ``kind`` is "version", "date" or "edition", and ``order`` the numbers
    of the name (``(2, 3, 0)``, ``(2026, 3, 1)``, ``(2,)``), which sort
    releases of one kind from the oldest to the newest.
    """

    series: str
    kind: str
    name: str
    order: tuple[int, ...]


@lru_cache(maxsize=4096)
def release_name(heading: str) -> ReleaseName | None:
    """Return the release that a heading names by a version, a date or an edition, or None.

    A version is taken before a date and a date before an edition, because
    one day may see releases of several versions: ``2018-12-26, Version
    10.15.0`` is release 10.15.0. A name after a platform name is skipped,
    so ``2026-03-01 (Python 3.12)`` is release 2026-03-01 and ``Ubuntu
    24.04`` names no release. Dates are compared in ISO form, so
    ``2026年3月1日`` and ``2026-03-01`` are one release.
    """
    for kind, find in (("version", _version), ("date", _date), ("edition", _edition)):
        found = find(heading)
        if found is None:
            continue
        start, name = found
        series = _series(heading[:start])
        if series is not None:
            return ReleaseName(series, kind, name, tuple(int(number) for number in _NUMBER_RE.findall(name)))
    return None


def newer(release: ReleaseName, other: ReleaseName) -> bool:
    """Return whether a release is newer than another of its series and kind; False for releases that do not compare."""
    return release.kind == other.kind and same_series(release, other) and release.order > other.order


def same_series(release: ReleaseName, other: ReleaseName) -> bool:
    """Return whether two releases belong to one series: equal series words, or none before one of the names.

    A changelog may write "Changes in 2.3.0" over one release and "2.2.0"
    over the next, but "Qt 6.7" and "GTK 4.14" are two products.
    """
    return release.series == other.series or not release.series or not other.series


def _version(heading: str) -> tuple[int, str] | None:
    match = VERSION_RE.search(heading)
    return (match.start(), match.group(1)) if match else None


def _date(heading: str) -> tuple[int, str] | None:
    match = _DATE_RE.search(heading)
    if match is None:
        return None

    parts = match.groupdict()
    if parts["iso_year"]:
        year, month, day = parts["iso_year"], parts["iso_month"], parts["iso_day"]
    elif parts["cjk_year"]:
        year, month, day = parts["cjk_year"], parts["cjk_month"], parts["cjk_day"]
    elif parts["month_first"]:
        year, month, day = parts["year_after"], str(_MONTHS[parts["month_first"].lower()]), parts["day_after"]
    else:
        year, month, day = parts["year_last"], str(_MONTHS[parts["month_after"].lower()]), parts["day_first"]
    name = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return match.start(), name


def _edition(heading: str) -> tuple[int, str] | None:
    match = _EDITION_RE.search(heading)
    if match is None:
        return None

    number = match.group("cjk") or match.group("after") or match.group("before")
    value = int(number) if number.isdigit() else chinese_numeral_value(number)
    if value is None:
        return None
    return match.start(), f"edition {value}"


def _series(prefix: str) -> str | None:
    """Return the words before a release name that are no release words, lower case, or None when one names a platform."""
    words = [word.lower() for word in _SERIES_WORD_RE.findall(prefix)]
    words = [word for word in words if word not in _RELEASE_WORDS and word not in _MONTHS]
    if _PLATFORMS.intersection(words):
        return None
    return " ".join(words)
