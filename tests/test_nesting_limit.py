"""Content nested beyond the Markdown parser's nesting limit: reported by code-not-checked, never dropped silently."""

import pytest

from doclint.engine import run
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source

MESSAGE = (
    "DL304 code-not-checked this content is nested too deeply for the Markdown parser, so it was not read and no "
    "code in it was checked; nest it less deeply to have it checked"
)
MESSAGE_ZH = (
    "DL304 code-not-checked 这部分内容嵌套太深，Markdown 解析器没有读取它，其中的代码也都没有检查；减少嵌套层数后即可检查"
)


def nested_lists(depth: int) -> str:
    items = "".join("  " * level + "- item\n" for level in range(depth))
    indent = "  " * depth
    return f"# T\n\n{items}{indent}```python\n{indent}import os; print(1)\n{indent}```\n"


def nested_quotes(depth: int) -> str:
    prefix = "> " * depth
    return f"# T\n\n{prefix}```python\n{prefix}import os; print(1)\n{prefix}```\n"


def check(run_cli, tmp_path, text, *options):
    path = tmp_path / "deep.md"
    path.write_text(text, encoding="utf-8")
    _code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", *options, str(path))
    return [line.removeprefix(f"{path}:") for line in stdout.splitlines() if line.startswith(str(path))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (nested_lists(9), "13:26: DL302"),
        (nested_quotes(19), "4:46: DL302"),
    ],
    ids=["9-lists", "19-quotes"],
)
def test_deepest_read_nesting_is_checked(run_cli, tmp_path, text, expected):
    [finding] = check(run_cli, tmp_path, text)
    assert finding.startswith(expected)


@pytest.mark.parametrize(
    ("text", "position"),
    [(nested_lists(10), "12:21"), (nested_quotes(20), "3:41")],
    ids=["10-lists", "20-quotes"],
)
def test_dropped_content_reported(run_cli, tmp_path, text, position):
    assert check(run_cli, tmp_path, text) == [f"{position}: {MESSAGE}"]


def test_dropped_content_reported_in_chinese(run_cli, tmp_path):
    assert check(run_cli, tmp_path, nested_quotes(20), "--lang", "zh-CN") == [f"3:41: {MESSAGE_ZH}"]


def test_admonitions_count_as_nesting(run_cli, tmp_path):
    text = "# T\n\n" + "> " * 19 + "!!! note\n" + "> " * 19 + "    ```python\n" + "> " * 19 + "    import os\n"
    assert check(run_cli, tmp_path, text) == [f"4:43: {MESSAGE}"]


@pytest.mark.parametrize(
    ("text", "position"),
    [("> " * 5000 + "text\n", "1:41"), ("".join("  " * level + "- x\n" for level in range(5000)), "10:21")],
    ids=["5000-quotes", "5000-lists"],
)
def test_thousands_of_levels_one_finding(run_cli, tmp_path, text, position):
    assert check(run_cli, tmp_path, text) == [f"{position}: {MESSAGE}"]


def test_content_after_deep_list_is_read(run_cli, tmp_path):
    text = nested_lists(12) + "\nafter\n\n# Heading\n\n```python\nprint(later_name)\n```\n"
    document = parse_document(Source.from_text("deep.md", text))
    assert document.dropped == [(12, 17, 21)]
    assert document.sections[0].blocks[-1].text == "after"
    assert [section.heading for section in document.sections] == ["T", "Heading"]
    findings = check(run_cli, tmp_path, text)
    assert findings[0] == f"12:21: {MESSAGE}"
    assert findings[1].startswith("24:7: DL301 undefined-name name 'later_name'")
    assert len(findings) == 2


def test_dropped_range_in_json(run_json, tmp_path):
    path = tmp_path / "deep.md"
    path.write_text(nested_quotes(20), encoding="utf-8")
    _code, diagnostics = run_json("--no-config", "--no-cache", str(path))
    assert [(d["rule"], d["line"], d["column"], d["end_line"], d["severity"]) for d in diagnostics] == [
        ("code-not-checked", 3, 41, 5, "info")
    ]


def test_sections_differing_only_in_dropped_text_are_not_copies(tmp_path):
    # Without the dropped text in the copy key, --fix would delete the pears as a copy of the apples.
    deep = "> " * 21
    page = tmp_path / "deep.md"
    page.write_text(
        f"# A\n\nintro\n\n{deep}first text about apples\n\n# A\n\nintro\n\n{deep}completely different text about pears\n",
        encoding="utf-8",
    )
    result = run([str(page)], Settings())
    assert [d.rule for d in result.diagnostics] == ["code-not-checked", "code-not-checked"]


def test_sections_with_same_dropped_text_are_copies(tmp_path):
    deep = "> " * 21
    page = tmp_path / "deep.md"
    page.write_text(f"# A\n\nintro\n\n{deep}apples\n\n# A\n\nintro\n\n{deep}apples\n", encoding="utf-8")
    result = run([str(page)], Settings())
    assert [(d.rule, d.line) for d in result.diagnostics if d.rule == "duplicate-section"] == [("duplicate-section", 7)]
