import pytest

from conftest import FIXTURES

BASE = (FIXTURES / "zh-notes.md").read_text(encoding="utf-8")


def check(run_cli, tmp_path, text, *options):
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    _, stdout, _ = run_cli("check", "--no-config", *options, str(path))
    return [(int(line.split(":")[1]), line.split(" ")[2]) for line in stdout.splitlines() if ": DL" in line]


def insert_before(text, line, comment):
    lines = text.split("\n")
    lines.insert(line - 1, comment)
    return "\n".join(lines)


def test_unsuppressed_baseline(run_cli, tmp_path):
    assert check(run_cli, tmp_path, BASE) == [(27, "near-duplicate-section"), (51, "duplicate-section")]


def test_disable_next_line_by_name(run_cli, tmp_path):
    text = insert_before(BASE, 51, "<!-- doclint-disable-next-line duplicate-section -->")
    assert check(run_cli, tmp_path, text) == [(27, "near-duplicate-section")]


def test_disable_next_line_skips_blank_lines(run_cli, tmp_path):
    text = insert_before(BASE, 51, "<!-- doclint-disable-next-line DL101 -->\n")
    assert check(run_cli, tmp_path, text) == [(27, "near-duplicate-section")]


def test_disable_next_line_other_rule_keeps_finding(run_cli, tmp_path):
    text = insert_before(BASE, 51, "<!-- doclint-disable-next-line near-duplicate-section -->")
    assert check(run_cli, tmp_path, text) == [(27, "near-duplicate-section"), (52, "duplicate-section")]


def test_disable_enable_range(run_cli, tmp_path):
    text = insert_before(BASE, 27, "<!-- doclint-disable DL102, DL101 -->")
    text = insert_before(text, 40, "<!-- doclint-enable -->")
    assert check(run_cli, tmp_path, text) == [(53, "duplicate-section")]


def test_disable_without_enable_runs_to_end(run_cli, tmp_path):
    text = insert_before(BASE, 20, "<!-- doclint-disable -->")
    assert check(run_cli, tmp_path, text) == []


def test_disable_file(run_cli, tmp_path):
    text = BASE + "\n<!-- doclint-disable-file near-duplicate-section duplicate-section -->\n"
    assert check(run_cli, tmp_path, text) == []


def test_disable_file_all_rules(run_cli, tmp_path):
    text = "<!-- doclint-disable-file -->\n" + BASE
    assert check(run_cli, tmp_path, text) == []


def test_comment_in_code_block_is_not_suppression(run_cli, tmp_path):
    text = "```markdown\n<!-- doclint-disable-file -->\n```\n\n" + BASE
    assert check(run_cli, tmp_path, text) == [(31, "near-duplicate-section"), (55, "duplicate-section")]


def test_unused_suppression_off_by_default(run_cli, tmp_path):
    text = "<!-- doclint-disable-next-line missing-answer -->\n" + BASE
    assert check(run_cli, tmp_path, text) == [(28, "near-duplicate-section"), (52, "duplicate-section")]


def test_unused_suppression_reported_when_selected(run_cli, tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("<!-- doclint-disable-next-line missing-answer -->\n" + BASE, encoding="utf-8")
    _, stdout, _ = run_cli("check", "--no-config", "--select", "DL1,unused-suppression", str(path))
    assert (
        f"{path}:1:1: DL902 unused-suppression this doclint-disable-next-line comment for missing-answer "
        "silences no finding; remove it"
    ) in stdout.splitlines()


def test_used_suppression_not_reported(run_cli, tmp_path):
    text = insert_before(BASE, 51, "<!-- doclint-disable-next-line duplicate-section -->")
    findings = check(run_cli, tmp_path, text, "--select", "DL1,DL902")
    assert findings == [(27, "near-duplicate-section")]


def test_disable_next_line_covers_code_block(run_cli, tmp_path):
    text = (
        "# Setup\n\n<!-- doclint-disable-next-line undefined-name -->\n"
        "```python\ndata = load_data()\nprint(data)\n```\n\n"
        "```python\nother = load_other()\n```\n"
    )

    assert check(run_cli, tmp_path, text) == [(10, "undefined-name")]



COPY = "# Notes\n\n## Setup\n\nInstall the tool.\n\n## Setup\n\nInstall the tool.\n"
"""A document whose second 'Setup' section (line 7) is a duplicate-section finding."""


def unknown_rule(kind, rule):
    """Return the message about a suppression comment of ``kind`` that names ``rule``, which is no rule."""
    return (
        f"this doclint-{kind} comment names {rule!r}, which is not a rule name or code, so the comment ignores it; "
        "correct the name (`doclint rules` lists the rules)"
    )


def copy_suppressed_by(comment):
    """Return COPY with ``comment`` on the line before the second 'Setup' heading, which moves to line 8."""
    at = COPY.rindex("## Setup")
    return COPY[:at] + comment + "\n" + COPY[at:]


def test_unknown_rule_warns_when_not_selected(run_process, tmp_path):
    (tmp_path / "doc.md").write_text("# Notes\n\n<!-- doclint-disable-next-line DL999 -->\nSome text.\n", encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-config", "--select", "DL101", "doc.md")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == f"doclint: warning: doc.md:3: {unknown_rule('disable-next-line', 'DL999')}\n"


def test_unknown_rule_warns_in_chinese(run_process, tmp_path):
    (tmp_path / "doc.md").write_text("# Notes\n\n<!-- doclint-disable no-such-rule -->\nSome text.\n", encoding="utf-8")

    code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "--select", "DL101", "doc.md")

    assert code == 0
    assert stderr == (
        "doclint: 警告：doc.md:3：这条 doclint-disable 注释中的 'no-such-rule' 不是规则名称或代码，注释会忽略它；"
        "请改正这个名称（`doclint rules` 会列出所有规则）\n"
    )


def test_unknown_rule_beside_used_rule_warns(run_process, tmp_path):
    (tmp_path / "doc.md").write_text(copy_suppressed_by("<!-- doclint-disable-next-line DL101, duplicat-section -->"), encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-config", "doc.md")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == f"doclint: warning: doc.md:7: {unknown_rule('disable-next-line', 'duplicat-section')}\n"


def test_unknown_rule_in_enable_comment_warns(run_process, tmp_path):
    (tmp_path / "doc.md").write_text("# Notes\n\n<!-- doclint-disable DL101 -->\nText.\n<!-- doclint-enable DL11 -->\n", encoding="utf-8")

    code, _stdout, stderr = run_process("check", "--no-config", "doc.md")

    assert code == 0
    assert stderr == f"doclint: warning: doc.md:5: {unknown_rule('enable', 'DL11')}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Notes\n\n<!-- doclint-disable-next-line DL999 -->\nSome text.\n", f"doc.md:3:1: DL902 unused-suppression {unknown_rule('disable-next-line', 'DL999')}"),
        (copy_suppressed_by("<!-- doclint-disable-next-line DL101 DL9O2 -->"), f"doc.md:7:1: DL902 unused-suppression {unknown_rule('disable-next-line', 'DL9O2')}"),
    ],
    ids=["alone", "beside-used-rule"],
)
def test_unknown_rule_is_a_finding_when_selected(run_process, tmp_path, text, expected):
    (tmp_path / "doc.md").write_text(text, encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-config", "--select", "DL101,unused-suppression", "doc.md")

    assert code == 1
    assert stderr == ""
    assert stdout.splitlines() == [expected, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."]


def test_unknown_rule_warns_on_replay_and_fix(run_process, tmp_path):
    (tmp_path / "doc.md").write_text(COPY + "\n<!-- doclint-disable-file DL999 -->\n", encoding="utf-8")
    warning = f"doclint: warning: doc.md:11: {unknown_rule('disable-file', 'DL999')}\n"

    first = run_process("check", "--no-config", "doc.md")
    replayed = run_process("check", "--no-config", "doc.md")
    fixed = run_process("check", "--no-config", "--fix", "doc.md")

    assert list((tmp_path / ".doclint_cache").glob("v*/runs/*.pickle")), "the first run was not stored for replay"
    assert first == replayed
    assert first[0] == 1
    assert first[2] == warning
    assert fixed == (0, "Fixed 1 problem.\nNo problems found in 1 file.\n", warning)
