"""release_name: the release that a heading names by a version, a date or an edition."""

from __future__ import annotations

import pytest

from doclint.release_names import ReleaseName, newer, release_name


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("v2.3.0", ReleaseName("", "version", "2.3.0", (2, 3, 0))),
        ("Release v2.4.14", ReleaseName("", "version", "2.4.14", (2, 4, 14))),
        ("[1.2.0] - 2026-03-01", ReleaseName("", "version", "1.2.0", (1, 2, 0))),
        ("2018-12-26, Version 10.15.0 (LTS)", ReleaseName("", "version", "10.15.0", (10, 15, 0))),
        ("pytest 8.0.0 (2024-01-27)", ReleaseName("pytest", "version", "8.0.0", (8, 0, 0))),
        ("2026-03-01", ReleaseName("", "date", "2026-03-01", (2026, 3, 1))),
        ("2026/3/1", ReleaseName("", "date", "2026-03-01", (2026, 3, 1))),
        ("2026年3月1日", ReleaseName("", "date", "2026-03-01", (2026, 3, 1))),
        ("2026年3月", ReleaseName("", "date", "2026-03", (2026, 3))),
        ("March 1, 2026", ReleaseName("", "date", "2026-03-01", (2026, 3, 1))),
        ("1 March 2026", ReleaseName("", "date", "2026-03-01", (2026, 3, 1))),
        ("2026-03-01 (Python 3.12)", ReleaseName("", "date", "2026-03-01", (2026, 3, 1))),
        ("【重要】2026年3月1日", ReleaseName("重要", "date", "2026-03-01", (2026, 3, 1))),
        ("第 2 版", ReleaseName("", "edition", "edition 2", (2,))),
        ("第二版", ReleaseName("", "edition", "edition 2", (2,))),
        ("Edition 2", ReleaseName("", "edition", "edition 2", (2,))),
        ("2nd edition", ReleaseName("", "edition", "edition 2", (2,))),
        ("Ubuntu 24.04", None),
        ("Python 3.12", None),
        ("Install on Node.js 20.1.0", None),
        ("Linux", None),
        ("Chapter 2", None),
    ],
)
def test_release_name_of_heading(heading, expected):
    assert release_name(heading) == expected


def test_newer_compares_one_kind_and_series():
    assert newer(release_name("2026-03-01"), release_name("2026-02-01"))
    assert not newer(release_name("2026-02-01"), release_name("2026-03-01"))
    assert not newer(release_name("2026-03-01"), release_name("v2.3.0"))
    assert not newer(release_name("Qt 6.7"), release_name("GTK 4.14"))
