"""``check --compare-with``: documents that the cross-file rules read but that are never reported on or fixed."""

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES

ROOT = FIXTURES.parent
CROSS_FILE = FIXTURES / "cross-file"
INSTALL = CROSS_FILE / "install.md"
UPGRADE = CROSS_FILE / "upgrade.md"

SECTION = "## Notes\n\nBack up the database before every upgrade and keep the backup for 30 days.\n"


def finding_lines(stdout):
    return [line for line in stdout.splitlines() if ": DL" in line]


def test_copy_in_named_file_is_reported(run_cli):
    code, stdout, stderr = run_cli("check", str(UPGRADE), "--compare-with", str(CROSS_FILE))
    assert code == 1
    assert stderr == ""
    assert finding_lines(stdout) == [
        f'{UPGRADE}:8:1: DL101 duplicate-section section "Requirements" repeats section "Requirements" '
        f"(line 3 of {INSTALL}) word for word; remove this copy",
        f'{UPGRADE}:13:1: DL102 near-duplicate-section section "Settings" is 90% similar to section "Configuration" '
        f"(line 8 of {INSTALL}) after removing the text most sections share; merge the two or rewrite one so that "
        "each says something of its own",
    ]
    assert stdout.splitlines()[-1] == "Found 2 problems (1 error, 1 warning, 0 info) in 1 file."


def test_first_copy_in_named_file_is_reported(run_cli):
    code, stdout, stderr = run_cli("check", str(INSTALL), "--compare-with", str(CROSS_FILE))
    assert code == 1
    assert stderr == ""
    assert finding_lines(stdout) == [
        f'{INSTALL}:3:1: DL101 duplicate-section section "Requirements" is repeated word for word by section '
        f'"Requirements" (line 8 of {UPGRADE}); remove one of the two copies',
        f'{INSTALL}:8:1: DL102 near-duplicate-section section "Configuration" is mostly the same as section '
        f'"Settings" (line 13 of {UPGRADE}) after removing the text most sections share; merge the two or rewrite '
        "one so that each says something of its own",
    ]


def test_first_copy_finding_has_no_fix(run_json):
    _, found = run_json(str(INSTALL), "--compare-with", str(CROSS_FILE))
    assert [d["fix"] for d in found] == [None, None]
    assert [(r["path"], r["line"], r["message"]) for r in found[0]["related"]] == [(str(UPGRADE), 8, "the other section")]


def test_first_question_in_named_file_is_reported(run_cli):
    backup, restore = FIXTURES / "cross-file-zh" / "backup.md", FIXTURES / "cross-file-zh" / "restore.md"
    _, stdout, _ = run_cli("check", str(backup), "--compare-with", str(restore))
    assert finding_lines(stdout)[0] == (
        f'{backup}:3:1: DL201 inconsistent-answer item "1. 数据库备份" has its question asked again by item '
        f'"4. 数据库备份" (line 3 of {restore}), which answers it differently: the answer reads "每天一次。" here '
        f'and "每周一次。" at line 7 of {restore}; step 2 reads "保留最近 7 份备份。" here and "保留最近 4 份备份。" at '
        f'line 10 of {restore}; step 3 "校验" is not in the answer at line 7 of {restore}; keep one answer and '
        "correct or remove the other"
    )


def test_later_file_gets_what_one_run_reports(run_json):
    _, together = run_json(str(CROSS_FILE))
    _, second = run_json(str(UPGRADE), "--compare-with", str(CROSS_FILE))
    # The copy's first copy is only compared in the second run, so its removal is not offered there.
    assert [d["fix"] is None for d in second] == [True, True]
    assert [{**d, "fix": None} for d in second] == [{**d, "fix": None} for d in together]
    assert [(d["path"], d["line"], d["rule"]) for d in together] == [
        (str(UPGRADE), 8, "duplicate-section"),
        (str(UPGRADE), 13, "near-duplicate-section"),
    ]


def test_whole_folder_run_reports_later_copy_only(run_json):
    _, together = run_json(str(CROSS_FILE))
    assert {d["path"] for d in together} == {str(UPGRADE)}


def test_named_file_is_not_compared_with_itself(run_cli, tmp_path, monkeypatch):
    (tmp_path / "notes.md").write_text("# Notes\n\n" + SECTION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run_cli("check", "./notes.md", "--compare-with", ".", "--compare-with", str(tmp_path))
    assert (code, stdout) == (0, "No problems found in 1 file.\n")


def test_order_ignores_path_spelling(run_cli, tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("# A\n\n" + SECTION, encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n" + SECTION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code_a, stdout_a, _ = run_cli("check", str(tmp_path / "a.md"), "--compare-with", ".")
    code_b, stdout_b, _ = run_cli("check", str(tmp_path / "b.md"), "--compare-with", ".")
    assert code_a == 1
    assert finding_lines(stdout_a) == [
        f'{tmp_path / "a.md"}:3:1: DL101 duplicate-section section "Notes" is repeated word for word by section '
        '"Notes" (line 3 of b.md); remove one of the two copies'
    ]
    assert code_b == 1
    assert finding_lines(stdout_b) == [
        f'{tmp_path / "b.md"}:3:1: DL101 duplicate-section section "Notes" repeats section "Notes" '
        "(line 3 of a.md) word for word; remove this copy"
    ]


def test_compared_documents_are_never_fixed(run_cli, tmp_path):
    other = tmp_path / "a.md"
    other.write_text("# A\n\n" + SECTION + "\n" + SECTION, encoding="utf-8")
    named = tmp_path / "b.md"
    named.write_text("# B\n\n## Intro\n\nThe upgrade guide.\n\n## Intro\n\nThe upgrade guide.\n", encoding="utf-8")
    before = other.read_bytes()

    code, stdout, _ = run_cli("check", "--fix", "--unsafe-fixes", str(named), "--compare-with", str(tmp_path))
    assert code == 0
    assert stdout == "Fixed 1 problem.\nNo problems found in 1 file.\n"
    assert named.read_text(encoding="utf-8") == "# B\n\n## Intro\n\nThe upgrade guide.\n"
    assert other.read_bytes() == before


def test_copy_of_compared_section_has_no_fix(run_cli, tmp_path):
    # The compared file may be an untracked draft: it must not make --fix delete text from the named file.
    (tmp_path / "a-draft.md").write_text("# Draft\n\n" + SECTION, encoding="utf-8")
    named = tmp_path / "manual.md"
    text = "# Manual\n\n" + SECTION + "\n## Logs\n\nIn the var folder.\n"
    named.write_text(text, encoding="utf-8")

    code, stdout, _ = run_cli("check", "--fix", "--unsafe-fixes", str(named), "--compare-with", str(tmp_path))
    assert code == 1
    assert named.read_text(encoding="utf-8") == text
    assert finding_lines(stdout) == [
        f'{named}:3:1: DL101 duplicate-section section "Notes" repeats section "Notes" '
        f"(line 3 of {tmp_path / 'a-draft.md'}) word for word; remove this copy"
    ]


def test_link_ordered_by_real_path(run_cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n" + SECTION, encoding="utf-8")
    (docs / "x.md").write_text("# X\n\n" + SECTION, encoding="utf-8")
    (tmp_path / "other").mkdir()
    link = tmp_path / "other" / "link.md"
    link.symlink_to(docs / "a.md")
    before = (docs / "a.md").read_bytes()

    code, stdout, _ = run_cli("check", "--fix", "--unsafe-fixes", str(link), "--compare-with", str(docs))
    assert code == 1
    assert (docs / "a.md").read_bytes() == before
    assert finding_lines(stdout) == [
        f'{link}:3:1: DL101 duplicate-section section "Notes" is repeated word for word by section "Notes" '
        f"(line 3 of {docs / 'x.md'}); remove one of the two copies"
    ]


def test_findings_against_compared_documents_remain_after_fixing(run_cli, tmp_path):
    (tmp_path / "a.md").write_text("# A\n\n" + SECTION, encoding="utf-8")
    named = tmp_path / "b.md"
    named.write_text("# B\n\n## Intro\n\nThe upgrade guide.\n\n## Intro\n\nThe upgrade guide.\n\n" + SECTION, encoding="utf-8")

    code, stdout, _ = run_cli("check", "--fix", str(named), "--compare-with", str(tmp_path))
    assert code == 1
    assert named.read_text(encoding="utf-8") == "# B\n\n## Intro\n\nThe upgrade guide.\n\n" + SECTION
    assert finding_lines(stdout) == [
        f'{named}:7:1: DL101 duplicate-section section "Notes" repeats section "Notes" '
        f"(line 3 of {tmp_path / 'a.md'}) word for word; remove this copy"
    ]


def test_unreadable_compared_file_skipped(tmp_path):
    shutil.copy(INSTALL, tmp_path / "install.md")
    (tmp_path / "image.md").write_bytes(b"\x00\x01binary")
    completed = subprocess.run(
        [sys.executable, "-m", "doclint", "check", str(tmp_path / "install.md"), "--compare-with", str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert (completed.returncode, completed.stdout) == (0, "No problems found in 1 file.\n")
    assert completed.stderr == (
        f"doclint: warning: {tmp_path / 'image.md'}: binary file (it contains NUL bytes), "
        "so it is left out of the comparison\n"
    )


def test_missing_compare_with_path(run_cli):
    code, _, stderr = run_cli("check", str(INSTALL), "--compare-with", "no/such/folder")
    assert code == 2
    assert stderr == "doclint: error: no/such/folder: no such file or directory; check the path\n"


def test_compare_with_standard_input_is_a_usage_error(run_cli):
    code, _, stderr = run_cli("check", str(INSTALL), "--compare-with", "-")
    assert code == 2
    assert "--compare-with cannot read standard input; name files or folders" in stderr


def test_earlier_item_gets_rewrite_advice(run_cli, tmp_path):
    item = "## 1. Empty lists\n\n**Question:** What does {name}() return for an empty list?\n\n**Answer:** {answer}\n"
    answer = "It raises ValueError because an empty sequence has no element to return; pass the default keyword argument."
    (tmp_path / "a.md").write_text("# A\n\n" + item.format(name="min", answer=answer), encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n" + item.format(name="max", answer=answer + " As documented."), encoding="utf-8")

    _, earlier, _ = run_cli("check", "--no-cache", "--select", "DL102", str(tmp_path / "a.md"), "--compare-with", str(tmp_path))
    _, later, _ = run_cli("check", "--no-cache", "--select", "DL102", str(tmp_path / "b.md"), "--compare-with", str(tmp_path))
    assert finding_lines(earlier)[0].endswith(
        "but the two ask different questions; rewrite one answer so that each answers its own question"
    )
    assert finding_lines(later)[0].endswith(
        "but the two ask different questions; rewrite this answer so that it answers its own question"
    )


def test_later_named_copy_fixed_despite_draft(run_cli, tmp_path):
    # The draft has the first copy, but the named file's first copy stays, so its second copy may go.
    (tmp_path / "0draft.md").write_text("# Draft\n\n" + SECTION, encoding="utf-8")
    named = tmp_path / "t.md"
    named.write_text("# T\n\n" + SECTION + "\n## Logs\n\nIn the var folder.\n\n" + SECTION, encoding="utf-8")

    code, stdout, _ = run_cli("check", "--fix", "--unsafe-fixes", str(named), "--compare-with", str(tmp_path))
    assert code == 1
    assert named.read_text(encoding="utf-8") == "# T\n\n" + SECTION + "\n## Logs\n\nIn the var folder.\n"
    assert finding_lines(stdout) == [
        f'{named}:3:1: DL101 duplicate-section section "Notes" repeats section "Notes" '
        f"(line 3 of {tmp_path / '0draft.md'}) word for word; remove this copy"
    ]


def test_standard_input_sorts_last(run_cli, tmp_path, monkeypatch):
    # Standard input, often an unsaved editor buffer, is the later copy whatever the working folder:
    # here "<stdin>" in the working folder would sort before "z.md".
    monkeypatch.chdir(tmp_path)
    named = tmp_path / "z.md"
    text = "# Z\n\n" + SECTION
    named.write_text(text, encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--fix", "--unsafe-fixes", "-", str(named), stdin=("# Buffer\n\n" + SECTION).encode())
    assert code == 0
    assert named.read_text(encoding="utf-8") == text
    assert stdout == "# Buffer\n"
    assert stderr == "Fixed 1 problem.\nNo problems found in 2 files.\n"


def test_undecodable_compared_file_names_per_file_encoding(run_process, tmp_path):
    (tmp_path / "a.md").write_text("# A\n\ntext\n", encoding="utf-8")
    (tmp_path / "old.md").write_bytes("# Café\n\nÉté à Paris.\n".encode("latin-1"))

    code, _, stderr = run_process("check", "--no-cache", "--encoding", "utf-8", "a.md", "--compare-with", "old.md")
    assert code == 0
    assert stderr == (
        "doclint: warning: old.md: invalid utf-8 at byte 5 (line 1), so it is left out of the comparison; "
        "to compare it, name its encoding in the configuration's per-file-encoding table\n"
    )


# An original page and a later page that repeats two of its sections, as a translation does.
# A pre-commit call that stages only the original reports its counterpart findings.
ORIGINAL = "docs/getting-started/install.md"
TRANSLATION = "docs/zh/upgrade.md"


def write_translated_pages(root, translation=None, configuration=None):
    """Write the cross-file fixtures as an original page and a later copy of it, with an optional configuration file."""
    (root / "docs" / "getting-started").mkdir(parents=True)
    (root / "docs" / "zh").mkdir()
    shutil.copy(INSTALL, root / ORIGINAL)
    (root / TRANSLATION).write_text(translation or UPGRADE.read_text(encoding="utf-8"), encoding="utf-8")
    if configuration is not None:
        (root / ".doclint.toml").write_text(configuration, encoding="utf-8")


def upgrade_with(lines):
    """Return the text of upgrade.md with each of ``lines`` (line number, text) inserted before that line of the original."""
    text = UPGRADE.read_text(encoding="utf-8").split("\n")
    for line, inserted in sorted(lines, reverse=True):
        text.insert(line - 1, inserted)
    return "\n".join(text)


FIRST_COPY_FINDINGS = {
    "DL101": f'{ORIGINAL}:3:1: DL101 duplicate-section section "Requirements" is repeated word for word by section '
    f'"Requirements" (line 8 of {TRANSLATION}); remove one of the two copies',
    "DL102": f'{ORIGINAL}:8:1: DL102 near-duplicate-section section "Configuration" is mostly the same as section '
    f'"Settings" (line {{line}} of {TRANSLATION}) after removing the text most sections share; merge the two or '
    "rewrite one so that each says something of its own",
}
"""The counterpart findings on the original page; DL102's names the line of "Settings" in the copy."""


@pytest.mark.parametrize(
    ("ignored", "expected"),
    [
        (["duplicate-section"], ["DL102"]),
        (["DL101"], ["DL102"]),
        (["near-duplicate-section"], ["DL101"]),
        (["DL1"], []),
        ([], ["DL101", "DL102"]),
    ],
    ids=["name", "code", "other-rule", "prefix", "none"],
)
def test_counterpart_follows_per_file_ignores_of_the_copy(run_cli, tmp_path, monkeypatch, ignored, expected):
    selectors = ", ".join(f'"{selector}"' for selector in ignored)
    write_translated_pages(tmp_path, configuration=f'[per-file-ignores]\n"docs/zh/**" = [{selectors}]\n')
    monkeypatch.chdir(tmp_path)

    code, stdout, _ = run_cli("check", "--no-cache", "--compare-with", ".", ORIGINAL)

    assert finding_lines(stdout) == [FIRST_COPY_FINDINGS[rule].format(line=13) for rule in expected]
    assert code == (1 if expected else 0)
    _, whole, _ = run_cli("check", "--no-cache", ".")
    assert [line.split(" ")[1] for line in finding_lines(whole)] == expected


def test_counterpart_left_out_for_excluded_copy(run_cli, tmp_path, monkeypatch):
    write_translated_pages(tmp_path, configuration='exclude = ["docs/zh"]\n')
    monkeypatch.chdir(tmp_path)

    assert run_cli("check", "--no-cache", "--compare-with", ".", ORIGINAL) == (0, "No problems found in 1 file.\n", "")


# Each form of suppression comment, placed in upgrade.md (line numbers of the fixture) so that it
# silences the copy of "Requirements" (line 8) and not "Settings" (line 13).
SUPPRESSIONS = {
    "next-line-name": [(8, "<!-- doclint-disable-next-line duplicate-section -->")],
    "next-line-code": [(8, "<!-- doclint-disable-next-line DL101 -->\n")],
    "next-line-all-rules": [(8, "<!-- doclint-disable-next-line -->")],
    "range": [(8, "<!-- doclint-disable duplicate-section -->"), (13, "<!-- doclint-enable duplicate-section -->\n")],
    "range-all-rules": [(8, "<!-- doclint-disable -->"), (13, "<!-- doclint-enable -->\n")],
    "to-end-of-file": [(8, "<!-- doclint-disable DL101 -->\n")],
    "file": [(2, "<!-- doclint-disable-file duplicate-section -->\n")],
}


@pytest.mark.parametrize("form", SUPPRESSIONS)
def test_counterpart_left_out_for_suppressed_copy(run_cli, tmp_path, monkeypatch, form):
    translation = upgrade_with(SUPPRESSIONS[form])
    write_translated_pages(tmp_path, translation)
    monkeypatch.chdir(tmp_path)

    # unused-suppression runs too: the comment in the copy is used in every run that checks the copy.
    code, stdout, _ = run_cli("check", "--no-cache", "--select", "ALL", "--compare-with", ".", ORIGINAL)
    settings_line = translation.split("\n").index("## Settings") + 1
    assert finding_lines(stdout) == [FIRST_COPY_FINDINGS["DL102"].format(line=settings_line)]
    assert code == 1
    for arguments in ([TRANSLATION, "--compare-with", "."], ["."]):
        _, stdout, _ = run_cli("check", "--no-cache", "--select", "ALL", *arguments)
        assert [line.split(" ")[1] for line in finding_lines(stdout)] == ["DL102"]


def test_counterpart_names_only_the_copies_reported(run_json, tmp_path):
    # b.md's copy is accepted by a comment, c.md's is not: the finding on a.md names c.md only.
    # c.md is in a folder of its own, because three copies in one folder would be a template.
    (tmp_path / "c").mkdir()
    (tmp_path / "a.md").write_text("# A\n\n" + SECTION, encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n<!-- doclint-disable-next-line duplicate-section -->\n" + SECTION, encoding="utf-8")
    (tmp_path / "c" / "c.md").write_text("# C\n\n" + SECTION, encoding="utf-8")

    code, found = run_json("--no-cache", str(tmp_path / "a.md"), "--compare-with", str(tmp_path))

    assert code == 1
    message = (
        f'section "Notes" is repeated word for word by section "Notes" (line 3 of {tmp_path / "c" / "c.md"}); '
        "remove one of the two copies"
    )
    assert [(d["line"], d["rule"], d["message"]) for d in found] == [(3, "duplicate-section", message)]
    assert [(r["path"], r["line"]) for r in found[0]["related"]] == [(str(tmp_path / "c" / "c.md"), 3)]


@pytest.mark.parametrize("translation", ["docs/de/upgrade.md", "docs/zh/upgrade.md"], ids=["sorts-first", "sorts-last"])
def test_ignored_translation_accepted_either_side(run_cli, tmp_path, monkeypatch, translation):
    # A translation that per-file-ignores DL1 contains the accepted copies, also when its path sorts before
    # the original's: the original must not be reported as a copy of it, nor get a fix that deletes it.
    (tmp_path / "docs" / "getting-started").mkdir(parents=True)
    (tmp_path / translation).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(INSTALL, tmp_path / ORIGINAL)
    shutil.copy(UPGRADE, tmp_path / translation)
    (tmp_path / ".doclint.toml").write_text('[per-file-ignores]\n"docs/de/**" = ["DL1"]\n"docs/zh/**" = ["DL1"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert run_cli("check", "--no-cache", ".") == (0, "No problems found in 2 files.\n", "")
    assert run_cli("check", "--no-cache", "--compare-with", ".", ORIGINAL) == (0, "No problems found in 1 file.\n", "")
    assert run_cli("check", "--no-cache", "--compare-with", ".", translation) == (0, "No problems found in 1 file.\n", "")


def test_unignored_copy_sorting_first_still_reported(run_cli, tmp_path, monkeypatch):
    # Without per-file-ignores, the original is the later path here, so it is the copy that is reported.
    (tmp_path / "docs" / "getting-started").mkdir(parents=True)
    (tmp_path / "docs" / "de").mkdir()
    shutil.copy(INSTALL, tmp_path / ORIGINAL)
    shutil.copy(UPGRADE, tmp_path / "docs" / "de" / "upgrade.md")
    monkeypatch.chdir(tmp_path)

    code, stdout, _ = run_cli("check", "--no-cache", "--select", "DL101", ".")

    assert finding_lines(stdout) == [
        f'{ORIGINAL}:3:1: DL101 duplicate-section [~] section "Requirements" repeats section "Requirements" '
        '(line 8 of docs/de/upgrade.md) word for word; remove this copy'
    ]
    assert code == 1


def test_counterpart_of_question_follows_per_file_ignores(run_cli, tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "cross-file-zh", tmp_path / "faq")
    (tmp_path / ".doclint.toml").write_text('[per-file-ignores]\n"faq/restore.md" = ["inconsistent-answer"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    code, stdout, _ = run_cli("check", "--no-cache", "faq/backup.md", "--compare-with", "faq")

    assert (code, stdout) == (0, "No problems found in 1 file.\n")


def test_pre_commit_entry_passes_original_of_accepted_copies(tmp_path):
    # What the hook runs when a commit stages only the original page: its copies in the translation
    # (per-file-ignores) and in another page (a suppression comment) were accepted, so it passes.
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    entry = hook["entry"].split()
    assert entry[:2] == ["doclint", "check"]
    write_translated_pages(tmp_path, configuration='select = ["ALL"]\n[per-file-ignores]\n"docs/zh/**" = ["DL1"]\n')
    (tmp_path / "docs" / "other.md").write_text(
        "# Other\n\n<!-- doclint-disable duplicate-section near-duplicate-section -->\n"
        + INSTALL.read_text(encoding="utf-8").split("\n", 2)[2]
        + "\n<!-- doclint-enable -->\n",
        encoding="utf-8",
    )
    # Without GIT_* variables, so that a test run inside a git hook leaves the hook's repository alone.
    environment = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True, env=environment)
    subprocess.run(["git", "-C", str(tmp_path), "add", "--all"], check=True, env=environment)

    def hook_run(*files):
        completed = subprocess.run(
            [sys.executable, "-m", "doclint", *entry[1:], *files],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            env=environment,
            timeout=120,
        )
        return completed.returncode, completed.stdout, completed.stderr

    assert hook_run(ORIGINAL) == (0, "No problems found in 1 file.\n", "")
    assert hook_run(ORIGINAL, "docs/other.md", TRANSLATION) == (0, "No problems found in 3 files.\n", "")
    for copy in ("docs/other.md", TRANSLATION):
        assert hook_run(copy) == (0, "No problems found in 1 file.\n", "")


def test_missing_compare_with_path_in_chinese(run_cli):
    code, stdout, stderr = run_cli("check", "--lang", "zh-CN", "no/such/folder")
    assert (code, stdout, stderr) == (2, "", "doclint: 错误：no/such/folder：文件或目录不存在；请检查路径\n")
    code, _, stderr = run_cli("check", "--lang", "zh-CN", str(INSTALL), "--compare-with", "no/such/folder")
    assert (code, stderr) == (2, "doclint: 错误：no/such/folder：文件或目录不存在；请检查路径\n")
