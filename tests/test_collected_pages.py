"""A page that collects the sections of many other pages gets one duplicate-section finding."""

from test_duplicates import findings

COMMANDS = ["build", "clean", "deploy", "serve", "test", "watch"]
SETTINGS = ["timeout", "retries", "colour", "verbose"]


def setting_section(command, setting):
    return (
        f"### {command}-{setting}\n\n"
        f"* Default: none\n* Type: String\n\n"
        f"Sets how the {command} command treats {setting} when it runs in a folder of the workspace.\n\n"
    )


def write_site(tmp_path, commands, folder="using"):
    """Write one page per command with its settings, and a page of all settings in ``folder`` that repeats them."""
    (tmp_path / "commands").mkdir()
    pages = []
    for command in commands:
        page = tmp_path / "commands" / f"{command}.md"
        page.write_text(f"# {command}\n\n## Settings\n\n" + "".join(setting_section(command, s) for s in SETTINGS), encoding="utf-8")
        pages.append(page)
    (tmp_path / folder).mkdir()
    every = tmp_path / folder / "settings.md"
    every.write_text(
        "# All settings\n\nEvery setting of every command, in the order of the commands.\n\n## Settings\n\n"
        + "".join(setting_section(command, s) for command in commands for s in SETTINGS),
        encoding="utf-8",
    )
    return pages, every


def test_page_collecting_many_pages_one_finding(tmp_path):
    pages, every = write_site(tmp_path, COMMANDS)
    [finding] = findings(*pages, every, rule="duplicate-section")
    assert (finding.path, finding.line, finding.end_line) == (str(every), 7, 7)
    assert finding.message == (
        f'this page shares 24 sections word for word with 6 other pages, such as section "build-timeout" (line 5 of '
        f"{pages[0]}); if a script writes them from one source, add the page to per-file-ignores, otherwise keep one "
        "copy of each"
    )
    assert finding.fix is None


def test_collecting_page_sorting_first_one_finding(tmp_path):
    # In "all/", the page of all settings sorts before the command pages, whose sections are then the copies.
    pages, every = write_site(tmp_path, COMMANDS, folder="all")
    [finding] = findings(every, *pages, rule="duplicate-section")
    assert (finding.path, finding.line) == (str(every), 7)
    assert finding.message.startswith('this page shares 24 sections word for word with 6 other pages, such as section "build-timeout" (line 5 of')


def test_collecting_finding_lists_each_copy(tmp_path):
    pages, every = write_site(tmp_path, COMMANDS)
    [finding] = findings(*pages, every, rule="duplicate-section")
    assert len(finding.related) == 24
    assert (finding.related[0].path, finding.related[0].line, finding.related[0].message) == (str(pages[0]), 5, "same as line 7")
    assert (finding.related[-1].path, finding.related[-1].line) == (str(pages[-1]), 26)


def test_copies_from_few_pages_reported_one_by_one(tmp_path):
    # 16 copies, of four pages only: each copy is its own finding, with its fix.
    pages, every = write_site(tmp_path, COMMANDS[:4])
    text = every.read_text(encoding="utf-8")
    every.write_text(text + "".join(setting_section("extra", s) + "More.\n\n" for s in SETTINGS), encoding="utf-8")
    copies = findings(*pages, every, rule="duplicate-section")
    assert len(copies) == 16
    assert all(copy.path == str(every) and copy.fix is not None for copy in copies)


def test_copies_in_large_page_reported_one_by_one(tmp_path):
    # 24 copies of six pages among 50 sections of its own: less than a third of the page, so each is reported.
    pages, every = write_site(tmp_path, COMMANDS)
    own = "".join(f"### note-{number}\n\nNote {number} tells how step {number} of the release differs from the last one.\n\n" for number in range(50))
    every.write_text(every.read_text(encoding="utf-8") + own, encoding="utf-8")
    copies = findings(*pages, every, rule="duplicate-section")
    assert len(copies) == 24
    assert copies[0].message == (
        f'section "build-timeout" repeats section "build-timeout" (line 5 of {pages[0]}) word for word; remove this copy'
    )
