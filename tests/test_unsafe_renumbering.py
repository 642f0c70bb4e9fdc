"""heading-numbering messages after a copy that only ``--fix --unsafe-fixes`` removes."""

import re

import pytest

FIRST = "# Guide\n\n## Setup\n\nInstall the package with pip and run the setup command once on every host.\n"
COPY = "## 2. Setup\n\nInstall the package with pip and run the setup command once on every host.\n\n"
TASKS = (
    "# Tasks\n\n## 1. Intro\n\nThis page lists the tasks of the release week in the order they run.\n\n"
    + COPY
    + "## 3. Deploy\n\nCopy the build to the servers and restart the service on each of them.\n\n"
    "## 5. Verify\n\nOpen the dashboard and check that every server reports the new version.\n\n"
    "## 6. Announce\n\nWrite to the team channel that the release is out.\n"
)
CHORES = (
    "# Chores\n\n## 1. Plan\n\nAgree on the order of the chores with the people who share the house.\n\n"
    + COPY
    + "## 2. Sweep\n\nSweep the floors of the kitchen and the hall before lunch on Saturday.\n\n"
    "## 3. Mop\n\nMop the same floors once they are dry and open the windows afterwards.\n"
)
BOOK = (
    "# Book\n\n## 一、Chapter A\n\n### Setup\n\nConfigure the proxy address in the settings file before the first start.\n\n"
    "## 二、Chapter B\n\n### 1. Intro\n\nThis part explains which reports the finance team reads every month.\n\n"
    "### 2. Setup\n\nConfigure the proxy address in the settings file before the first start.\n\n"
    "### 3. Export\n\nExport the ledger as CSV from the accounting tool at the end of the month.\n\n"
    "### 5. Review\n\nCompare the exported totals with the bank statement and note any gap.\n"
)


@pytest.fixture
def pages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.md").write_text(TASKS, encoding="utf-8")
    return tmp_path


def check(run_cli, *arguments):
    return run_cli("check", "--no-config", "--no-cache", *arguments)


def headings(path) -> list[str]:
    return re.findall(r"^#+ (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)


def test_message_names_number_after_unsafe_removal(run_cli, pages):
    code, stdout, _stderr = check(run_cli, "a.md", "b.md")

    assert code == 1
    assert stdout.splitlines()[:2] == [
        'b.md:7:1: DL101 duplicate-section [~] section "2. Setup" repeats section "Setup" (line 3 of a.md) word for word; '
        "remove this copy",
        'b.md:15:4: DL402 heading-numbering [*] heading "5. Verify" skips from 3 (line 11) to 5; the fix renumbers it to 4 '
        "(the fixes renumber it to 3 instead when --unsafe-fixes also removes the copy at line 7)",
    ]


def test_unsafe_fix_writes_announced_number(run_cli, pages):
    check(run_cli, "--fix", "--unsafe-fixes", "a.md", "b.md")

    assert headings(pages / "b.md") == ["Tasks", "1. Intro", "2. Deploy", "3. Verify", "4. Announce"]


def test_safe_fix_writes_first_number(run_cli, pages):
    check(run_cli, "--fix", "a.md", "b.md")

    assert headings(pages / "b.md") == ["Tasks", "1. Intro", "2. Setup", "3. Deploy", "4. Verify", "5. Announce"]


def test_message_says_unsafe_removal_keeps_number(run_cli, pages):
    (pages / "c.md").write_text(CHORES, encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "a.md", "c.md")

    assert code == 1
    assert stdout.splitlines()[1] == (
        'c.md:11:4: DL402 heading-numbering [*] heading "2. Sweep" repeats number 2 of the heading at line 7; '
        "the fix renumbers it to 3 (the fixes leave it at 2 instead when --unsafe-fixes also removes the copy at line 7)"
    )
    check(run_cli, "--fix", "--unsafe-fixes", "a.md", "c.md")
    assert headings(pages / "c.md") == ["Chores", "1. Plan", "2. Sweep", "3. Mop"]


def test_copy_under_other_parent(run_cli, pages):
    (pages / "d.md").write_text(BOOK, encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "d.md")

    assert code == 1
    assert stdout.splitlines()[1] == (
        'd.md:23:5: DL402 heading-numbering [*] heading "5. Review" skips from 3 (line 19) to 5; the fix renumbers it to 4 '
        "(the fixes renumber it to 3 instead when --unsafe-fixes also removes the copy at line 15)"
    )
    check(run_cli, "--fix", "--unsafe-fixes", "d.md")
    assert headings(pages / "d.md")[-3:] == ["1. Intro", "2. Export", "3. Review"]


def test_suppressed_copy_changes_no_message(run_cli, pages):
    text = TASKS.replace(COPY, "<!-- doclint-disable-next-line duplicate-section -->\n" + COPY)
    (pages / "b.md").write_text(text, encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "a.md", "b.md")

    assert code == 1
    assert stdout.splitlines()[0] == (
        'b.md:16:4: DL402 heading-numbering [*] heading "5. Verify" skips from 3 (line 12) to 5; the fix renumbers it to 4'
    )


def test_message_in_chinese(run_cli, pages):
    code, stdout, _stderr = check(run_cli, "--lang", "zh-CN", "a.md", "b.md")

    assert code == 1
    assert stdout.splitlines()[1] == (
        "b.md:15:4: DL402 heading-numbering [*] 标题“5. Verify”的编号从 3（第 11 行）跳到 5；修复后改为 4"
        "（如果 --unsafe-fixes 同时删除第 7 行的副本，修复后则改为 3）"
    )


def test_unsafe_renumbering_keeps_announced_number(run_cli, pages):
    # Cited step numbers get an unsafe fix, which a later pass applies only where the first check reported a finding.
    steps = re.sub(r"^## (\d)\.", r"## Step \1:", TASKS, flags=re.MULTILINE)
    steps = steps.replace("in the order they run.", "in the order they run, and Step 5 checks them.")
    (pages / "b.md").write_text(steps, encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "a.md", "b.md")

    assert code == 1
    assert stdout.splitlines()[1] == (
        'b.md:15:9: DL402 heading-numbering [~] heading "Step 5: Verify" skips from 3 (line 11) to 5; the fix renumbers it to 4'
    )
    check(run_cli, "--fix", "--unsafe-fixes", "a.md", "b.md")
    assert headings(pages / "b.md")[1:] == ["Step 1: Intro", "Step 3: Deploy", "Step 4: Verify", "Step 5: Announce"]


def test_copy_first_in_run_changes_no_message(run_cli, pages):
    text = COPY.replace("2.", "1.") + "## 3. Deploy\n\nCopy the build to the servers.\n\n## 4. Verify\n\nOpen the dashboard.\n"
    (pages / "b.md").write_text("# Tasks\n\n" + text, encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "a.md", "b.md")

    assert code == 1
    assert stdout.splitlines()[1] == (
        'b.md:7:4: DL402 heading-numbering [*] heading "3. Deploy" skips from 1 (line 3) to 3; the fix renumbers it to 2'
    )
    check(run_cli, "--fix", "--unsafe-fixes", "a.md", "b.md")
    assert headings(pages / "b.md") == ["Tasks", "2. Deploy", "3. Verify"]


def test_message_names_every_removed_copy(run_cli, pages):
    (pages / "a0.md").write_text("# Notes\n\n## Deploy\n\nCopy the build to the servers and restart the service on each of them.\n", encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "a.md", "a0.md", "b.md")

    assert code == 1
    assert stdout.splitlines()[2] == (
        'b.md:15:4: DL402 heading-numbering [*] heading "5. Verify" skips from 3 (line 11) to 5; the fix renumbers it to 4 '
        "(the fixes renumber it to 2 instead when --unsafe-fixes also removes the copies at lines 7, 11)"
    )
    check(run_cli, "--fix", "--unsafe-fixes", "a.md", "a0.md", "b.md")
    assert headings(pages / "b.md") == ["Tasks", "1. Intro", "2. Verify", "3. Announce"]


def findings_in_b(run_cli, pages, text, *paths):
    """Write ``text`` to b.md, check it with ``paths`` before it, and return the output lines of the run, which must find problems."""
    (pages / "b.md").write_text(text, encoding="utf-8")
    code, stdout, _stderr = check(run_cli, *paths, "b.md")
    assert code == 1
    return stdout.splitlines()


def test_unsafe_renumbering_follows_renumbered_heading(run_cli, pages):
    # The first pass rewrites "Step 4" to 3 and removes the copy. The second pass renumbers the same reported heading.
    # The intro cites "Step 6", so the fixes are unsafe.
    steps = (
        "# Tasks\n\n## Step 1: Intro\n\nThis page lists the tasks of the release week, and Step 6 ends it.\n\n"
        + COPY.replace("## 2.", "## Step 2:")
        + "## Step 4: Deploy\n\nCopy the build to the servers and restart the service on each of them.\n\n"
        "## Step 4: Verify\n\nOpen the dashboard and check that every server reports the new version.\n\n"
        "## Step 6: Announce\n\nWrite to the team channel that the release is out.\n"
    )
    lines = findings_in_b(run_cli, pages, steps, "a.md")

    assert lines[1:3] == [
        'b.md:11:9: DL402 heading-numbering [~] heading "Step 4: Deploy" skips from 2 (line 7) to 4; the fix renumbers it to 3 '
        "(the fixes renumber it to 2 instead when --unsafe-fixes also removes the copy at line 7)",
        'b.md:19:9: DL402 heading-numbering [~] heading "Step 6: Announce" skips from 4 (line 15) to 6; the fix renumbers it to 5 '
        "(the fixes renumber it to 4 instead when --unsafe-fixes also removes the copy at line 7)",
    ]
    code, stdout, _stderr = check(run_cli, "--fix", "--unsafe-fixes", "a.md", "b.md")
    assert code == 0
    assert stdout == "Fixed 3 problems.\nNo problems found in 2 files.\n"
    assert headings(pages / "b.md")[1:] == ["Step 1: Intro", "Step 2: Deploy", "Step 3: Verify", "Step 4: Announce"]


def test_message_names_only_copies_of_its_run(run_cli, pages):
    # The copy under "Part A" changes no number under "Part B", so the finding there names only its own copy.
    (pages / "a0.md").write_text("# Notes\n\n## Cleanup\n\nDelete the temporary folder once the release is out.\n", encoding="utf-8")
    part_b = (
        "## Part B\n\n### 1. Package\n\nCreate the archive and sign it with the release key.\n\n"
        "### 2. Cleanup\n\nDelete the temporary folder once the release is out.\n\n"
        "### 3. Upload\n\nUpload the archive to the download server.\n\n"
        "### 5. Archive\n\nMove the builds of older releases to cold storage after a month.\n"
    )
    part_a = TASKS.replace("# Tasks\n\n", "# Tasks\n\n## Part A\n\n").replace("## ", "### ").replace("### Part A", "## Part A")
    lines = findings_in_b(run_cli, pages, part_a + "\n" + part_b, "a.md", "a0.md")

    assert lines[1] == (
        'b.md:17:5: DL402 heading-numbering [*] heading "5. Verify" skips from 3 (line 13) to 5; the fix renumbers it to 4 '
        "(the fixes renumber it to 3 instead when --unsafe-fixes also removes the copy at line 9)"
    )
    assert lines[3] == (
        'b.md:39:5: DL402 heading-numbering [*] heading "5. Archive" skips from 3 (line 35) to 5; the fix renumbers it to 4 '
        "(the fixes renumber it to 3 instead when --unsafe-fixes also removes the copy at line 31)"
    )


def test_message_names_copy_above_parent(run_cli, pages):
    # Removing the copy renumbers the parent "3." to 2, and with it the dotted number of its child.
    chapter = (
        "# Book\n\n## 1. Intro\n\nThis part explains which reports the finance team reads.\n\n"
        + COPY
        + "## 3. Export\n\nExport the ledger as CSV at the end of the month.\n\n"
        "### 3.1 Format\n\nChoose comma separated values with a header row.\n\n"
        "### 3.3 Delimiter\n\nUse a semicolon when the ledger has commas inside amounts.\n"
    )
    lines = findings_in_b(run_cli, pages, chapter, "a.md")

    assert lines[1] == (
        'b.md:19:5: DL402 heading-numbering [*] heading "3.3 Delimiter" skips from 3.1 (line 15) to 3.3; the fix renumbers it '
        "to 3.2 (the fixes renumber it to 2.2 instead when --unsafe-fixes also removes the copy at line 7)"
    )



def test_copy_removal_waits_for_renumbering(run_cli, pages):
    # The renumbering rewrites the copy's own number in the first pass, so the copy is removed one pass later.
    tasks = (
        "# Tasks\n\n## 1. Intro\n\nThis page lists the tasks of the release week in the order they run.\n\n"
        "## 3. Deploy\n\nCopy the build to the servers and restart the service on each of them.\n\n"
        + COPY.replace("2.", "4.")
        + "## 6. Verify\n\nOpen the dashboard and check that every server reports the new version.\n"
    )
    lines = findings_in_b(run_cli, pages, tasks, "a.md")

    assert lines[2] == (
        'b.md:15:4: DL402 heading-numbering [*] heading "6. Verify" skips from 4 (line 11) to 6; the fix renumbers it to 4 '
        "(the fixes renumber it to 3 instead when --unsafe-fixes also removes the copy at line 11)"
    )
    check(run_cli, "--fix", "--unsafe-fixes", "a.md", "b.md")
    assert headings(pages / "b.md") == ["Tasks", "1. Intro", "2. Deploy", "3. Verify"]
