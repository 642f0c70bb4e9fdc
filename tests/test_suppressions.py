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
