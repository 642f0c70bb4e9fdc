import pytest

from conftest import FIXTURES
from doclint.parse import parse_document
from doclint.source import Source
from doclint.suppressions import lines_to_keep

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
    assert check(run_cli, tmp_path, BASE) == [
        (27, "near-duplicate-section"),
        (51, "duplicate-section"),
        (63, "heading-numbering"),
    ]


def test_disable_next_line_by_name(run_cli, tmp_path):
    text = insert_before(BASE, 51, "<!-- doclint-disable-next-line duplicate-section -->")
    assert check(run_cli, tmp_path, text) == [(27, "near-duplicate-section")]


def test_disable_next_line_skips_blank_lines(run_cli, tmp_path):
    text = insert_before(BASE, 51, "<!-- doclint-disable-next-line DL101 -->\n")
    assert check(run_cli, tmp_path, text) == [(27, "near-duplicate-section")]


def test_disable_next_line_other_rule_keeps_finding(run_cli, tmp_path):
    text = insert_before(BASE, 51, "<!-- doclint-disable-next-line near-duplicate-section -->")
    assert check(run_cli, tmp_path, text) == [
        (27, "near-duplicate-section"),
        (52, "duplicate-section"),
        (64, "heading-numbering"),
    ]


def test_disable_enable_range(run_cli, tmp_path):
    text = insert_before(BASE, 27, "<!-- doclint-disable DL102, DL101 -->")
    text = insert_before(text, 40, "<!-- doclint-enable -->")
    assert check(run_cli, tmp_path, text) == [(53, "duplicate-section"), (65, "heading-numbering")]


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
    assert check(run_cli, tmp_path, text) == [
        (31, "near-duplicate-section"),
        (55, "duplicate-section"),
        (67, "heading-numbering"),
    ]


def test_unused_suppression_off_by_default(run_cli, tmp_path):
    text = "<!-- doclint-disable-next-line missing-answer -->\n" + BASE
    assert check(run_cli, tmp_path, text) == [
        (28, "near-duplicate-section"),
        (52, "duplicate-section"),
        (64, "heading-numbering"),
    ]


def test_unused_suppression_reported_when_selected(run_cli, tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("<!-- doclint-disable-next-line missing-answer -->\n" + BASE, encoding="utf-8")
    _, stdout, _ = run_cli("check", "--no-config", "--select", "ALL", str(path))
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


NUMBERED = "# Doc\n\n## 1. One\n\n## 3. Three {comment}\n\n## 5. Five\n\n## 7. Seven\n"
"""Headings whose numbers skip at lines 5, 7 and 9, with a comment after the heading at line 5."""

NUMBERING_FINDINGS = [
    'doc.md:5:4: DL402 heading-numbering [*] heading "3. Three" skips from 1 (line 3) to 3; the fix renumbers it to 2',
    'doc.md:7:4: DL402 heading-numbering [*] heading "5. Five" skips from 3 (line 5) to 5; the fix renumbers it to 3',
    'doc.md:9:4: DL402 heading-numbering [*] heading "7. Seven" skips from 5 (line 7) to 7; the fix renumbers it to 4',
]


def unknown_directive(word):
    """Return the message about a comment whose directive ``doclint-WORD`` is not a doclint directive."""
    return (
        f"'doclint-{word}' is not a doclint directive, so this comment silences nothing; use one of "
        "doclint-disable-next-line, doclint-disable, doclint-enable, doclint-disable-file"
    )


@pytest.mark.parametrize("word", ["disable-line", "disable-next", "Disable"])
def test_unknown_directive_silences_nothing(run_process, tmp_path, word):
    (tmp_path / "doc.md").write_text(NUMBERED.format(comment=f"<!-- doclint-{word} DL402 -->"), encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-config", "doc.md")

    assert code == 1
    assert stdout.splitlines() == [
        *NUMBERING_FINDINGS,
        "Found 3 problems (0 errors, 3 warnings, 0 info) in 1 file.",
        "[*] 3 fixable with --fix.",
    ]
    assert stderr == f"doclint: warning: doc.md:5: {unknown_directive(word)}\n"


@pytest.mark.parametrize(
    "directive",
    ["DOCLINT-DISABLE-NEXT-LINE", "Doclint-disable", "doclint:disable", "doclint_disable", "doclint disable-next-line", "doclint\u2013disable"],
)
def test_other_spelling_of_directive_silences_nothing(run_process, tmp_path, directive):
    (tmp_path / "doc.md").write_text(NUMBERED.format(comment=f"<!-- {directive} DL402 -->"), encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-config", "doc.md")

    assert code == 1
    assert stdout.splitlines()[:3] == NUMBERING_FINDINGS
    assert stderr == (
        f"doclint: warning: doc.md:5: '{directive}' is not a doclint directive, so this comment silences nothing; use one of "
        "doclint-disable-next-line, doclint-disable, doclint-enable, doclint-disable-file\n"
    )


def test_comment_about_doclint_is_no_directive(run_process, tmp_path):
    (tmp_path / "doc.md").write_text(NUMBERED.format(comment="<!-- doclint enables these checks -->"), encoding="utf-8")

    code, _stdout, stderr = run_process("check", "--no-config", "doc.md")

    assert (code, stderr) == (1, "")


def test_unknown_directive_is_a_finding_when_selected(run_process, tmp_path):
    (tmp_path / "doc.md").write_text(NUMBERED.format(comment="<!-- doclint-disable-line DL402 -->"), encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-config", "--select", "ALL", "doc.md")

    assert code == 1
    assert stderr == ""
    assert stdout.splitlines() == [
        NUMBERING_FINDINGS[0],
        f"doc.md:5:13: DL902 unused-suppression {unknown_directive('disable-line')}",
        *NUMBERING_FINDINGS[1:],
        "Found 4 problems (0 errors, 4 warnings, 0 info) in 1 file.",
        "[*] 3 fixable with --fix.",
    ]


def test_unknown_directive_warns_in_chinese(run_process, tmp_path):
    (tmp_path / "doc.md").write_text("# Notes\n\n<!-- doclint-disable-line DL101 -->\nSome text.\n", encoding="utf-8")

    code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "doc.md")

    assert code == 0
    assert stderr == (
        "doclint: 警告：doc.md:3：'doclint-disable-line' 不是 doclint 指令，所以这条注释不会屏蔽任何问题；"
        "请改用以下之一：doclint-disable-next-line, doclint-disable, doclint-enable, doclint-disable-file\n"
    )


def test_disable_next_line_skips_quote_blank_line(run_process, tmp_path):
    (tmp_path / "doc.md").write_text(
        "> <!-- doclint-disable-next-line DL302 -->\n>\n> ```python\n> import re; print(1)\n> ```\n", encoding="utf-8"
    )

    code, stdout, stderr = run_process("check", "--no-config", "--select", "ALL", "doc.md")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == ""


def unused(kind, rules):
    """Return the message about a suppression comment of ``kind`` for ``rules`` that silences nothing."""
    return f"this doclint-{kind} comment for {rules} silences no finding; remove it"


def assert_findings(outcome, expected):
    """Assert that a run's (exit code, stdout, stderr) shows exactly the ``expected`` finding lines and no warning."""
    code, stdout, stderr = outcome
    assert stderr == ""
    if expected:
        assert code == 1
        assert stdout.splitlines()[:-1] == expected
    else:
        assert code == 0
        assert stdout == "No problems found in 1 file.\n"


@pytest.mark.parametrize(
    ("comment", "select", "expected"),
    [
        ("duplicate-section, nosuchrule", "unused-suppression", [f"doc.md:7:1: DL902 unused-suppression {unknown_rule('disable-next-line', 'nosuchrule')}"]),
        ("duplicate-section", "unused-suppression", []),
        ("DL101, DL302", "DL101,DL102,unused-suppression", []),
        ("", "DL101,DL102,unused-suppression", []),
        ("DL102", "DL101,DL102,unused-suppression", [f"doc.md:7:1: DL902 unused-suppression {unused('disable-next-line', 'DL102')}"]),
        ("", "ALL", [f"doc.md:7:1: DL902 unused-suppression {unused('disable-next-line', 'all rules')}"]),
        ("DL102, nosuchrule", "ALL", [
            f"doc.md:7:1: DL902 unused-suppression {unknown_rule('disable-next-line', 'nosuchrule')}",
            f"doc.md:7:1: DL902 unused-suppression {unused('disable-next-line', 'DL102')}",
        ]),
    ],
    ids=["copy-rule-not-run", "rule-not-run", "one-rule-not-run", "all-rules-not-run", "rule-run", "all-rules-run", "unknown-name-left-out"],
)
def test_unused_suppression_judges_rules_run(run_process, tmp_path, comment, select, expected):
    """A comment is reported as silencing nothing only when every rule it names ran, and its message lists only rule names."""
    text = COPY if comment.startswith("duplicate-section") else "# Notes\n\n## Setup\n\nInstall the tool.\n\n## Usage\n\nRun the tool.\n"
    at = text.rindex("## ")
    (tmp_path / "doc.md").write_text(text[:at] + f"<!-- doclint-disable-next-line {comment} -->\n" + text[at:], encoding="utf-8")

    assert_findings(run_process("check", "--no-config", "--select", select, "doc.md"), expected)


UNUSED_COMMENT = "# Notes\n\n<!-- doclint-disable-next-line DL101 -->\n## Setup\n\nInstall the tool.\n"
"""A document whose comment at line 3 silences no finding."""


@pytest.mark.parametrize("selector", ["DL902", "unused-suppression", "DL9"])
def test_unused_suppression_per_file_ignores(run_process, tmp_path, selector):
    (tmp_path / "doc.md").write_text(UNUSED_COMMENT, encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text(f'select = ["ALL"]\n[per-file-ignores]\n"doc.md" = ["{selector}"]\n', encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-cache", "doc.md")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == ""


@pytest.mark.parametrize(
    "configuration",
    [
        '[per-file-ignores]\n"doc.md" = ["DL1"]\n',
        '[per-file-ignores]\n"doc.md" = ["DL101"]\n',
        '[per-file-ignores]\n"*.md" = ["duplicate-section"]\n',
        'ignore = ["DL101"]\n',
    ],
    ids=["per-file-prefix", "per-file-code", "per-file-glob-name", "global"],
)
def test_comment_for_ignored_rule_not_judged(run_process, tmp_path, configuration):
    (tmp_path / "doc.md").write_text("# Notes\n\n<!-- doclint-disable-file DL101 -->\n## Setup\n\nInstall the tool.\n", encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text(configuration, encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-cache", "--select", "ALL", "doc.md")

    assert (code, stdout, stderr) == (0, "No problems found in 1 file.\n", "")


def test_comment_judged_in_file_without_ignores(run_process, tmp_path):
    # per-file-ignores turns DL101 off in other.md only, so the comment in doc.md still silences nothing.
    (tmp_path / "doc.md").write_text("# Notes\n\n<!-- doclint-disable-file DL101 -->\n## Setup\n\nInstall the tool.\n", encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('[per-file-ignores]\n"other.md" = ["DL101"]\n', encoding="utf-8")

    code, stdout, _stderr = run_process("check", "--no-cache", "--select", "ALL", "doc.md")

    assert stdout.splitlines()[0] == f"doc.md:3:1: DL902 unused-suppression {unused('disable-file', 'DL101')}"
    assert code == 1


def test_suppression_used_when_per_file_ignores_drops_finding(run_process, tmp_path):
    (tmp_path / "doc.md").write_text(copy_suppressed_by("<!-- doclint-disable-next-line duplicate-section -->"), encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('select = ["ALL"]\n[per-file-ignores]\n"doc.md" = ["DL101"]\n', encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-cache", "doc.md")

    assert (code, stdout, stderr) == (0, "No problems found in 1 file.\n", "")


def test_unused_suppression_severity_setting(run_process, tmp_path):
    (tmp_path / "doc.md").write_text(UNUSED_COMMENT, encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('select = ["ALL"]\n[severity]\nunused-suppression = "info"\n', encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-cache", "doc.md")

    assert code == 0
    assert stdout.splitlines() == [
        f"doc.md:3:1: DL902 unused-suppression {unused('disable-next-line', 'DL101')}",
        "Found 1 problem (0 errors, 0 warnings, 1 info) in 1 file.",
    ]
    assert stderr == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Notes\n\n<!-- doclint-disable-file unused-suppression -->\n\n" + UNUSED_COMMENT[len("# Notes\n\n"):], []),
        ("# Notes\n\n<!-- doclint-disable-file DL902 -->\n\n<!-- doclint-disable-next-line DL999 -->\nText.\n", []),
        ("# Notes\n\n<!-- doclint-disable-next-line DL902 -->\n<!-- doclint-disable-next-line DL101 -->\n## Setup\n", []),
        ("# Notes\n\n<!-- doclint-disable-file unused-suppression -->\n\nText.\n", [f"doc.md:3:1: DL902 unused-suppression {unused('disable-file', 'unused-suppression')}"]),
        ("# Notes\n\n<!-- doclint-disable-file -->\n\nText.\n", [f"doc.md:3:1: DL902 unused-suppression {unused('disable-file', 'all rules')}"]),
    ],
    ids=["file-silences-unused", "file-silences-unknown-name", "next-line-silences-unused", "file-silences-nothing", "all-rules-silence-nothing"],
)
def test_comment_silences_unused_suppression(run_process, tmp_path, text, expected):
    """A comment for unused-suppression silences its findings about other comments, but never the one about itself."""
    (tmp_path / "doc.md").write_text(text, encoding="utf-8")

    assert_findings(run_process("check", "--no-config", "--select", "ALL", "doc.md"), expected)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Text.", "<!-- doclint-disable-next-line DL101 -->"], {5}),
        (["<!-- doclint-disable-next-line DL102 -->", "Text."], set()),
        (["<!-- doclint-disable DL102 -->", "Text."], {4}),
        (["<!-- doclint-disable DL102 -->", "Text.", "<!-- doclint-enable DL102 -->"], set()),
        (["<!-- doclint-disable-file DL102 -->", "Text."], {4}),
        (["Text. <!-- doclint-disable-file DL102 -->", ""], set()),
        (["<!--", "doclint-disable-next-line DL101", "-->"], {4, 5, 6}),
        (["<!-- doclint-disable-line DL101 -->", "Text."], set()),
    ],
    ids=["next-line-past-end", "next-line-inside", "open-range", "closed-range", "file", "with-text", "over-lines", "unknown-directive"],
)
def test_lines_to_keep_reaching_out(lines, expected):
    """The lines 3 to 6 of the document are removed: only comments that silence lines outside them are kept."""
    body = "".join(f"{line}\n" for line in [*lines, *[""] * (3 - len(lines))])
    text = "# Doc\n\n## Copy\n" + body + "## Next\n\nMore text.\n"
    document = parse_document(Source.from_text("doc.md", text))

    assert document.source.line_text(7) == "## Next"
    assert lines_to_keep(document, 3, 6) == expected


def test_lines_to_keep_enable_of_earlier_range():
    text = "# Doc\n\n<!-- doclint-disable DL102 -->\n## Copy\n\n<!-- doclint-enable DL102 -->\n## Next\n"
    document = parse_document(Source.from_text("doc.md", text))

    assert lines_to_keep(document, 4, 6) == {6}


@pytest.mark.parametrize(
    "quoted",
    [
        "Write `<!-- doclint-disable-file -->` to silence a file.",
        "| comment |\n| --- |\n| `<!-- doclint-disable-file -->` |",
        "> Quote ``<!-- doclint-disable-file -->`` here.",
        "## Use `<!-- doclint-disable-file -->`",
    ],
    ids=["paragraph", "table", "quote", "heading"],
)
def test_comment_in_code_span_silences_nothing(run_cli, tmp_path, quoted):
    text = quoted + "\n\n" + BASE

    found = check(run_cli, tmp_path, text, "--select", "ALL")

    assert [rule for _line, rule in found] == ["near-duplicate-section", "duplicate-section", "heading-numbering"]


def test_inline_comment_in_paragraph_silences(run_cli, tmp_path):
    text = "Generated text. <!-- doclint-disable-file duplicate-section -->\n\n" + BASE

    assert [rule for _line, rule in check(run_cli, tmp_path, text, "--select", "ALL")] == ["near-duplicate-section"]


def test_code_span_and_inline_comment_same_paragraph(run_cli, tmp_path):
    text = "Quote `<!-- doclint-disable-file duplicate-section -->`, then <!-- doclint-disable-file duplicate-section -->\n\n"

    assert [rule for _line, rule in check(run_cli, tmp_path, text + BASE, "--select", "ALL")] == ["near-duplicate-section"]


@pytest.mark.parametrize(
    "head",
    [
        "| a ` | <!-- doclint-disable-file duplicate-section --> | ` b |\n| --- | --- | --- |\n| c | d | e |",
        "Title <!-- doclint-disable-file\nduplicate-section --> more\n=====",
    ],
    ids=["table-cell-between-backticks", "setext-heading-two-lines"],
)
def test_real_comment_in_table_cell_and_setext_heading(run_cli, tmp_path, head):
    found = check(run_cli, tmp_path, head + "\n\n" + BASE, "--select", "ALL")

    assert [rule for _line, rule in found] == ["near-duplicate-section"]


def test_rules_in_comments_in_any_letter_case(run_cli, tmp_path):
    text = insert_before(BASE, 51, "<!-- doclint-disable-next-line dl101 -->")
    text = insert_before(text, 27, "<!-- doclint-disable-next-line Near-Duplicate-Section -->")
    assert check(run_cli, tmp_path, text, "--select", "ALL") == []
