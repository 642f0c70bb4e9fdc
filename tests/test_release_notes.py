import pytest

from doclint.parse import parse_document
from doclint.release_notes import describe_other_releases, repeats_in_other_release
from doclint.rules.duplicates import ParentSections
from doclint.similarity import document_entries
from doclint.settings import Settings
from doclint.sibling_copies import reported_sibling_copies
from doclint.source import Source

from test_duplicates import findings
from test_heading_templates import entries

NOTES = {
    "2.4.14": (
        "* Add CPython 3.12.7 by @alice in https://example.com/acme/pull/3078\n"
        "* Add CPython 3.13.0rc3 by @alice in https://example.com/acme/pull/3077\n"
        "* Fix the checksum of the 3.9.20 archive by @bob in https://example.com/acme/pull/3075\n"
    ),
    "2.4.12": (
        "* Add CPython 3.13.0rc2 by @alice in https://example.com/acme/pull/3049\n"
        "* Add CPython 3.8.20 and 3.9.20 by @alice in https://example.com/acme/pull/3050\n"
        "* Fix the checksum of the 3.9.19 archive by @bob in https://example.com/acme/pull/3047\n"
    ),
}


def changelog(*releases):
    """Return a changelog with one section per (heading version, notes version) pair."""
    return "# Changelog\n\n" + "".join(f"## Release v{heading}\n\n{NOTES[notes]}\n" for heading, notes in releases)


def test_releases_with_own_numbers_not_reported(tmp_path):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(changelog(("2.4.14", "2.4.14"), ("2.4.12", "2.4.12")), encoding="utf-8")
    assert findings(page, rule="near-duplicate-section") == []


def test_notes_pasted_under_new_release_reported(tmp_path):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(changelog(("2.4.14", "2.4.12"), ("2.4.12", "2.4.12")), encoding="utf-8")
    result = findings(page, rule="near-duplicate-section")
    # The notes of 2.4.12 were pasted under 2.4.14, above them: the newer release is reported.
    assert [(d.line, d.related[0].line) for d in result] == [(3, 9)]
    assert result[0].message == (
        'section "Release v2.4.14" is 100% similar to section "Release v2.4.12" (line 9) after removing the text most '
        "sections share, but their headings name different things; rewrite this section so that it covers its own heading"
    )



def test_same_version_is_not_two_releases():
    _top, earlier, later = entries(changelog(("2.4.14", "2.4.14"), ("2.4.14", "2.4.12")))
    assert not describe_other_releases(later, earlier)


def test_headings_without_version_are_not_releases():
    text = f"# Notes\n\n## Unreleased\n\n{NOTES['2.4.14']}\n## Next\n\n{NOTES['2.4.12']}"
    _top, earlier, later = entries(text)
    assert not describe_other_releases(later, earlier)


def test_versions_with_and_without_v_and_dates():
    text = (
        f"# Changelog\n\n## 2018-12-26, Version 10.15.0 (LTS)\n\n{NOTES['2.4.14']}\n"
        f"## v6.16.0 2018-12-26\n\n{NOTES['2.4.12']}"
    )
    _top, earlier, later = entries(text)
    assert describe_other_releases(later, earlier)


def release(version, changes):
    return f"## Release {version}\n\n### New Features\n\n- Feature of release {version}.\n\n### Other Changes\n\n{changes}\n"


def test_line_without_numbers_in_each_release_not_copy(tmp_path):
    same = "- Several documentation updates and clarifications.\n"
    page = tmp_path / "CHANGES.md"
    page.write_text(
        "# Changes\n\n" + release("5.27", same) + release("5.26", "- Move the build to the new runners.\n")
        + release("5.25", same) + release("5.24", "- Drop the old installer and its tests.\n") + release("5.23", same),
        encoding="utf-8",
    )
    assert findings(page, rule="duplicate-section") == []


def test_pasted_changes_with_numbers_reported(tmp_path):
    pasted = "- Update the auth library to the latest version (#1689).\n"
    page = tmp_path / "CHANGES.md"
    page.write_text("# Changes\n\n" + release("5.25", pasted) + release("5.24", pasted), encoding="utf-8")
    result = findings(page, rule="duplicate-section")
    # The changelog lists its newest release first, so the copy under 5.25 is the paste.
    assert [(d.line, d.related[0].line) for d in result] == [(9, 19)]
    assert result[0].message.startswith(
        'section "Other Changes" under "Release 5.25" repeats section "Other Changes" under "Release 5.24" (line 19) word for word'
    )


def test_line_repeated_in_one_release_reported(tmp_path):
    same = "- Several documentation updates and clarifications.\n"
    page = tmp_path / "CHANGES.md"
    page.write_text(
        "# Changes\n\n" + release("5.26", same) + release("5.25", same) + release("5.24", same)
        + f"### Other Changes\n\n{same}",
        encoding="utf-8",
    )
    result = findings(page, rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(33, 29)]


def test_line_in_two_releases_reported(tmp_path):
    same = "- Several documentation updates and clarifications.\n"
    page = tmp_path / "CHANGES.md"
    page.write_text("# Changes\n\n" + release("5.25", same) + release("5.24", same), encoding="utf-8")
    result = findings(page, rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(9, 19)]


FIXED = "### Fixed\n\n- `Queue.size` counted running jobs.\n- The async client leaked a connection per cancelled request.\n"


def test_newest_first_paste_at_newer_release(tmp_path):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(f"# Changelog\n\n## [2.3.1] - 2025-12-01\n\n{FIXED}\n## [2.3.0] - 2025-11-10\n\n{FIXED}", encoding="utf-8")
    result = findings(page, rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(5, 12)]
    assert result[0].message == (
        'section "Fixed" under "[2.3.1] - 2025-12-01" repeats section "Fixed" under "[2.3.0] - 2025-11-10" (line 12) '
        'word for word; remove this copy unless "[2.3.1] - 2025-12-01" needs it as well'
    )
    edits = result[0].fix.edits
    assert [page.read_text(encoding="utf-8")[edit.start:edit.end] for edit in edits] == [FIXED + "\n"]


def test_oldest_first_paste_at_newer_release(tmp_path):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(f"# Changelog\n\n## [2.3.0] - 2025-11-10\n\n{FIXED}\n## [2.3.1] - 2025-12-01\n\n{FIXED}", encoding="utf-8")
    result = findings(page, rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(12, 5)]


def test_repeat_in_one_release_removed(tmp_path):
    # heading-numbering leaves out the copies that the safe fix of duplicate-section removes.
    same = "- Several documentation updates and clarifications of the whole manual.\n"
    text = "# Changes\n\n" + "".join(f"## Release {v}\n\n### Other Changes\n\n{same}\n" for v in ("5.26", "5.25", "5.24"))
    text += f"### Other Changes\n\n{same}"
    page = tmp_path / "CHANGES.md"
    page.write_text(text, encoding="utf-8")
    copies = findings(page, rule="duplicate-section")
    assert [(d.line, d.related[0].line, d.fix.applicability.value) for d in copies] == [(21, 17, "safe")]
    document = parse_document(Source.from_text(str(page), text))
    assert [section.line for section in reported_sibling_copies(document, Settings()).values()] == [21]


NOTES_2_2 = (
    "- Fix a crash when the server closes the connection during an upload of a file larger than 2 GB.\n"
    "- Quote paths with spaces in the log, so that a line can be pasted into a shell as it is.\n"
)


def test_whole_release_paste_at_newer(tmp_path):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(
        f"# Changelog\n\n## 2.3.0 (2026-05-10)\n\n{NOTES_2_2}\n## 2.2.0 (2026-03-02)\n\n{NOTES_2_2}\n"
        "## 2.1.0 (2026-01-15)\n\n- Add the `status --json` output for scripts.\n",
        encoding="utf-8",
    )
    result = findings(page, rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(3, 8)]
    assert result[0].message.startswith('section "2.3.0 (2026-05-10)" is 100% similar to section "2.2.0 (2026-03-02)" (line 8)')


def test_stale_stub_reported_in_place(tmp_path):
    # 0.4.2's stub still links to the notes of 0.4.3: the older stub is the stale one.
    page = tmp_path / "CHANGELOG.md"
    stub = "Moved to [the archive](archive.md#{version}), with the notes of every release before 0.5.\n"
    page.write_text(
        "# Changelog\n\n## Version 0.4.3\n\n" + stub.format(version="0.4.3")
        + "\n## Version 0.4.2\n\n" + stub.format(version="0.4.3"),
        encoding="utf-8",
    )
    result = findings(page, rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(7, 3)]


KNOWN = (
    "### Known issues\n\n"
    "* Timers that are not referenced may still run during `beforeExit`. See [#1264](https://example.com/acme/issues/1264).\n"
    "* A surrogate pair typed into the REPL can freeze the terminal. [#690](https://example.com/acme/issues/690)\n"
    "* `process.send()` is not synchronous as the docs suggest. [#760](https://example.com/acme/issues/760)\n"
)
FIXED = "### Fixed\n\n* The checksum of release {version} is {version}.{version}.\n\n"


def known_issues_changelog(extra=""):
    releases = [("3.0.0", KNOWN + extra), ("2.4.0", KNOWN), ("2.3.0", KNOWN)]
    return "# Changelog\n\n" + "".join(f"## Version {version}\n\n{known}\n{FIXED.format(version=version)}" for version, known in releases)


def test_known_issues_of_each_release_not_reported(tmp_path):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(known_issues_changelog("* Calling `dns.setServers()` during a query can crash. [#894](https://example.com/acme/issues/894)\n"), encoding="utf-8")
    assert findings(page, rule="duplicate-section") == []
    assert findings(page, rule="near-duplicate-section") == []


def test_known_issues_under_misplaced_notable_changes_repeat_releases():
    # Release 2.4.0 writes "Notable changes" one level too high, so its known issues sit under that heading.
    text = (
        f"# Changelog\n\n## Version 3.0.0\n\n{KNOWN}\n## Version 2.4.0\n\n## Notable changes\n\nFaster start-up.\n\n{KNOWN}\n"
        f"## Version 2.3.0\n\n{KNOWN}"
    )
    entries = document_entries(parse_document(Source.from_text("CHANGELOG.md", text)))
    group = [entry for entry in entries if entry.section.heading == "Known issues"]
    assert repeats_in_other_release(group[1], group, ParentSections().parent_of)


def test_known_issues_twice_under_one_release_reported(tmp_path):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(f"# Changelog\n\n## Version 3.0.0\n\n{KNOWN}\n{KNOWN}\n## Version 2.4.0\n\n{FIXED.format(version='2.4.0')}", encoding="utf-8")
    assert [d.line for d in findings(page, rule="duplicate-section")] == [11]


def test_known_issues_of_two_platforms_reported(tmp_path):
    page = tmp_path / "install.md"
    page.write_text(f"# Installation guide\n\n## Linux\n\nUse the package manager.\n\n{KNOWN}\n## macOS\n\nUse Homebrew.\n\n{KNOWN}", encoding="utf-8")
    assert [d.line for d in findings(page, rule="duplicate-section")] == [17]


DATED_FIXES = "### Fixed\n\n* The checksum of build {number} is {number}{number}.\n\n"


def known_issues_under(*headings, known=KNOWN):
    """Return a page with one part per heading, each listing the same known issues and a fix of its own."""
    return "# Changelog\n\n" + "".join(
        f"## {heading}\n\n{known}\n{DATED_FIXES.format(number=number)}" for number, heading in enumerate(headings, start=1)
    )


@pytest.mark.parametrize(
    ("headings", "title"),
    [
        (("2026-03-01", "2026-02-01"), "Known issues"),
        (("2026年3月1日", "2026年2月1日"), "已知问题"),
        (("March 1, 2026", "February 1, 2026"), "Known issues"),
        (("第 2 版", "第 1 版"), "已知问题"),
        (("Edition 2", "Edition 1"), "Known issues"),
        (("pytest 8.0.0 (2024-01-27)", "pytest 7.4.4 (2023-12-31)"), "Known issues"),
    ],
    ids=["iso-date", "chinese-date", "english-date", "chinese-edition", "english-edition", "named-series"],
)
def test_known_issues_of_dated_or_edited_releases_not_reported(tmp_path, headings, title):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(known_issues_under(*headings, known=KNOWN.replace("Known issues", title)), encoding="utf-8")
    assert findings(page, rule="duplicate-section") == []


def test_edited_known_issues_of_dated_releases_not_near_duplicates(tmp_path):
    extra = "* Calling `dns.setServers()` during a query can crash. [#894](https://example.com/acme/issues/894)\n"
    page = tmp_path / "CHANGELOG.md"
    page.write_text(f"# Changelog\n\n## 2026-03-01\n\n{KNOWN}{extra}\n## 2026-02-01\n\n{KNOWN}", encoding="utf-8")
    assert findings(page, rule="near-duplicate-section") == []


@pytest.mark.parametrize(
    ("first", "second"),
    [("Ubuntu 24.04", "Python 3.12"), ("Ubuntu 22.04", "Ubuntu 24.04"), ("Ubuntu 24.04", "Ubuntu 22.04")],
    ids=["two-platforms", "older-first", "newer-first"],
)
def test_known_issues_of_platform_versions_reported(tmp_path, first, second):
    page = tmp_path / "install.md"
    page.write_text(f"# Installation guide\n\n## {first}\n\nUse apt.\n\n{KNOWN}\n## {second}\n\nUse pip.\n\n{KNOWN}", encoding="utf-8")
    result = findings(page, rule="duplicate-section")

    assert [(d.line, d.related[0].line) for d in result] == [(17, 7)]
    assert result[0].message == (
        f'section "Known issues" under "{second}" repeats section "Known issues" under "{first}" (line 7) word for '
        f'word; remove this copy unless "{second}" needs it as well'
    )


def test_edited_known_issues_of_platforms_are_near_duplicates(tmp_path):
    extra = "* Calling `dns.setServers()` during a query can crash. [#894](https://example.com/acme/issues/894)\n"
    page = tmp_path / "install.md"
    page.write_text(
        f"# Installation guide\n\n## Ubuntu 24.04\n\nUse apt.\n\n{KNOWN}{extra}\n## Python 3.12\n\nUse pip.\n\n{KNOWN}",
        encoding="utf-8",
    )
    result = findings(page, rule="near-duplicate-section")

    assert [(d.code, d.line, d.related[0].line) for d in result] == [("DL102", 18, 7)]
    assert result[0].message == (
        'section "Known issues" is 88% similar to section "Known issues" (line 7) after removing the text most '
        "sections share; merge the two or rewrite one so that each says something of its own"
    )


def test_newest_dated_release_first_paste_at_newer(tmp_path):
    page = tmp_path / "CHANGELOG.md"
    page.write_text(f"# Changelog\n\n## 2025-12-01\n\n{FIXED}\n## 2025-11-10\n\n{FIXED}", encoding="utf-8")
    result = findings(page, rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(5, 12)]


def test_known_issues_of_numbered_subsections_reported(tmp_path):
    page = tmp_path / "manual.md"
    page.write_text(f"# 1. 部署\n\n## 1.2 安装\n\n先安装依赖。\n\n{KNOWN}\n## 1.3 配置\n\n再修改配置。\n\n{KNOWN}", encoding="utf-8")
    result = findings(page, rule="duplicate-section")

    assert [(d.line, d.related[0].line) for d in result] == [(17, 7)]


SHORT_KNOWN = "### {title}\n\n- The tray icon does not appear on some desktops (#512).\n- Notifications arrive late after sleep (#630).\n"
CRASH = "- Crash (#841).\n"


@pytest.mark.parametrize("title", ["Known issues", "Limitations"])
@pytest.mark.parametrize(("first", "second"), [("Linux", "macOS"), ("Python 3.12", "Python 3.11")], ids=["platforms", "platform-versions"])
def test_short_known_issues_of_platforms_compared(tmp_path, first, second, title):
    # The second list adds an issue and its number: under two parts that name no release, it is a near copy.
    known = SHORT_KNOWN.format(title=title)
    page = tmp_path / "install.md"
    page.write_text(f"# Installation guide\n\n## {first}\n\nUse apt.\n\n{known}\n## {second}\n\nUse pip.\n\n{known}{CRASH}", encoding="utf-8")
    result = findings(page, rule="near-duplicate-section")

    assert [(d.code, d.line, d.related[0].line) for d in result] == [("DL102", 16, 7)]
    assert result[0].message == (
        f'section "{title}" is 94% similar to section "{title}" (line 7) after removing the text most '
        "sections share; merge the two or rewrite one so that each says something of its own"
    )


@pytest.mark.parametrize("title", ["Known issues", "Limitations"])
def test_short_known_issues_of_releases_not_reported(tmp_path, title):
    known = SHORT_KNOWN.format(title=title)
    page = tmp_path / "CHANGELOG.md"
    page.write_text(
        f"# Changelog\n\n## 2.1.0\n\n- Add a retry option.\n\n{known}{CRASH}\n## 2.0.0\n\n- Drop Python 3.8.\n\n{known}",
        encoding="utf-8",
    )

    assert findings(page, rule="near-duplicate-section", near_duplicate_threshold=40) == []
    assert findings(page, rule="duplicate-section") == []
