"""The Simplified Chinese side of doclint: the catalog, the language selection and the translated output."""

from __future__ import annotations

import json
import logging
import os
import platform
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from string import Formatter
from typing import Any, Iterator

import pytest
from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from conftest import SEED
from doclint.data import rule_doc
from doclint.i18n import _, display_width, format_message, set_language, wrap_display
from doclint.registry import all_rules
from doclint.rule_docs import PAGE_HEADINGS, rule_help
from doclint.schema_message_forms import is_by_language

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "doclint"
CATALOG = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "doclint.po"
SCHEMAS = REPO / "rules" / "schemas"
ZH_DOCS = REPO / "docs" / "rules" / "zh-CN"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "N_plural": (1, 2)}

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A printf-style conversion such as %s, %d or %(name)s; %% is a literal percent sign.
PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]")
# Quoted text of the document (headings, passages): English output quotes it with "…", Chinese with “…”.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")

ZH_SEED_LINES = [
    "fixtures/000.txt:265:1: DL101 duplicate-section [*] 章节“21. 医疗知识图谱构建与推理”与章节“14. 医疗知识图谱构建与推理”（第 174 行）逐字重复；请删除这份副本",
    "fixtures/000.txt:187:1: DL102 near-duplicate-section 章节“15. 医疗机器人运动规划”与章节“8. 医疗机器人”（第 96 行）的相似度为 82%（已去除多数章节共有的文本）；请合并这两个章节，或改写其中一个，让两者各有各的内容",
    "fixtures/000.txt:397:1: DL201 inconsistent-answer 条目“完整答案示例”与条目“10. 医疗数据隐私保护”（第 122 行）问的是同一个问题，但答案不同：第 2 步的标签在此处是“模型训练”，在第 129 行是“模型训练与优化”；请保留一个答案，修改或删除另一个",
    "fixtures/000.txt:419:8: DL302 unused-import [~] 'numpy as np' 已导入，但本代码块和文档中后面的 Python 代码块都没有使用；请删除该导入",
    "fixtures/000.txt:422:8: DL301 undefined-name 名称 'load_data' 未定义：本代码块和文档中前面的 Python 代码块都没有定义或导入它；请在这一行之前定义或导入",
]
ZH_SEED_SUMMARY = [
    "在 1 个文件中发现 20 个问题（14 个错误，6 个警告，0 个提示）。",
    "[*] 其中 10 个可用 --fix 修复。[~] 另有 1 个可用 --fix --unsafe-fixes 修复。",
]
EN_SEED_SUMMARY = [
    "Found 20 problems (14 errors, 6 warnings, 0 info) in 1 file.",
    "[*] 10 fixable with --fix. [~] 1 more fixable with --fix --unsafe-fixes.",
]
FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<code>DL\d{3}) (?P<rule>[a-z-]+) (?P<message>.*)$")


@pytest.fixture(autouse=True)
def english_afterwards():
    """Select English again after each test, since the language is global and other tests expect English."""
    yield
    set_language(None)


def load_catalog():
    with CATALOG.open("rb") as handle:
        return read_po(handle)


def translations() -> list[Message]:
    return [message for message in load_catalog() if message.id]


def message_key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def schema_messages(value: Any) -> Iterator[str]:
    """Yield the x-doclint-message templates of a parsed schema, which doclint translates before filling in."""
    if isinstance(value, list):
        for item in value:
            yield from schema_messages(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "x-doclint-message" and isinstance(item, str):
                yield item
            elif key == "x-doclint-message" and not is_by_language(item):
                yield from (template for template in item.values() if isinstance(template, str))
            else:
                yield from schema_messages(item)


def used_messages() -> dict[str, str | tuple[str, ...]]:
    """Return every message the code and the built-in schemas use, by singular form."""
    found: dict[str, str | tuple[str, ...]] = {}
    for _filename, _line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found[message_key(message)] = message
    for path in SCHEMAS.glob("*.json"):
        for template in schema_messages(json.loads(path.read_text(encoding="utf-8"))):
            found[template] = template
    return found


def placeholders(text: str) -> set[tuple[str, str | None, str | None]] | list[str]:
    """Return a message's format fields: brace fields as a set, else printf conversions in order."""
    fields = {(name, spec, conversion) for _literal, name, spec, conversion in Formatter().parse(text) if name is not None}
    if fields:
        return fields
    return PERCENT_FIELD.findall(text.replace("%%", ""))


def message_text(line: str) -> str:
    match = FINDING.match(line)
    assert match is not None, line
    return match.group("message")


def run_doclint(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
    """Run ``python -m doclint`` in the repository with the given locale variables and no others."""
    environ = {name: value for name, value in os.environ.items() if name not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    environ.update(variables)
    return subprocess.run(
        [sys.executable, "-m", "doclint", *arguments],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


# The catalog


def test_catalog_has_every_used_message():
    catalog_ids = {message_key(message.id) for message in translations()}
    missing = sorted(set(used_messages()) - catalog_ids)
    assert missing == [], "run `python scripts/messages.py update` and translate these"


def test_catalog_has_no_unused_message():
    catalog_ids = {message_key(message.id) for message in translations()}
    unused = sorted(catalog_ids - set(used_messages()))
    assert unused == [], "run `python scripts/messages.py update` to drop these"


def test_catalog_plural_forms_match_code():
    used = used_messages()
    for message in translations():
        assert message.id == used.get(message_key(message.id), message.id)


def test_catalog_header_complete():
    catalog = load_catalog()
    assert not catalog.fuzzy
    assert catalog.project == "doclint"
    assert catalog.version == "0.1.0"
    assert catalog.num_plurals == 1
    assert "LANGUAGE" not in catalog.language_team
    assert "EMAIL@ADDRESS" not in catalog.last_translator


@pytest.mark.parametrize("message", translations(), ids=lambda message: message_key(message.id)[:60])
def test_translation_complete(message):
    assert "fuzzy" not in message.flags
    forms = message.string if isinstance(message.id, tuple) else (message.string,)
    assert len(forms) == 1, "Chinese has one plural form"
    for form in forms:
        assert form.strip(), "empty translation"
        assert "\n" not in form or "\n" in message_key(message.id), "a one-line message became several lines"


@pytest.mark.parametrize("message", translations(), ids=lambda message: message_key(message.id)[:60])
def test_translation_keeps_placeholders(message):
    originals = message.id if isinstance(message.id, tuple) else (message.id,)
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    fields = [placeholders(original) for original in originals]
    for form in forms:
        if all(field == fields[0] for field in fields):
            assert placeholders(form) == fields[0]
        else:
            # click's plural pairs differ ("{choice}" / "{choices}") and fill in every field of both,
            # so Chinese, with one form for every count, may use the fields of either.
            assert placeholders(form) <= set().union(*fields)


def test_compiled_catalog_current():
    buffer = BytesIO()
    write_mo(buffer, load_catalog(), use_fuzzy=False)
    committed = CATALOG.with_suffix(".mo").read_bytes()
    assert committed == buffer.getvalue(), "run `python scripts/messages.py compile`"


# Language selection from the locale variables


def test_lang_variable_selects_chinese():
    completed = run_doclint("check", "fixtures/000.txt", LANG="zh_CN.UTF-8")
    lines = completed.stdout.splitlines()
    assert completed.returncode == 1
    assert completed.stderr == ""
    for expected in ZH_SEED_LINES:
        assert expected in lines
    assert lines[-2:] == ZH_SEED_SUMMARY


def test_lang_variable_every_finding_chinese():
    completed = run_doclint("check", "fixtures/000.txt", LANG="zh_CN.UTF-8")
    findings = completed.stdout.splitlines()[:-2]
    assert len(findings) == 20
    for line in findings:
        # The quoted headings and passages are Chinese in any language; the rest of the message must be too.
        assert CJK.search(QUOTED.sub("", message_text(line))), line


def test_lang_option_overrides_lang_variable():
    completed = run_doclint("check", "--lang", "en", "fixtures/000.txt", LANG="zh_CN.UTF-8")
    lines = completed.stdout.splitlines()
    assert lines[-2:] == EN_SEED_SUMMARY
    assert (
        'fixtures/000.txt:265:1: DL101 duplicate-section [*] section "21. 医疗知识图谱构建与推理" repeats section '
        '"14. 医疗知识图谱构建与推理" (line 174) word for word; remove this copy'
    ) in lines
    for line in lines[:-2]:
        assert not CJK.search(QUOTED.sub("", message_text(line))), line


@pytest.mark.parametrize(
    ("variables", "summary"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "在 1 个文件中发现 1 个问题（0 个错误，1 个警告，0 个提示）。"),
        ({"LANG": "zh_SG.UTF-8"}, "在 1 个文件中发现 1 个问题（0 个错误，1 个警告，0 个提示）。"),
        ({"LANG": "zh"}, "在 1 个文件中发现 1 个问题（0 个错误，1 个警告，0 个提示）。"),
        ({"LANG": "C"}, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
        ({"LANG": "POSIX"}, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
        ({"LANG": "en_US.UTF-8"}, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
        ({"LANG": "zh_TW.UTF-8"}, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
        ({}, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
        ({"LC_ALL": "C", "LC_MESSAGES": "zh_CN.UTF-8"}, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "在 1 个文件中发现 1 个问题（0 个错误，1 个警告，0 个提示）。"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}, "在 1 个文件中发现 1 个问题（0 个错误，1 个警告，0 个提示）。"),
        ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "在 1 个文件中发现 1 个问题（0 个错误，1 个警告，0 个提示）。"),
    ],
    ids=lambda value: (
        ",".join(f"{name}={setting}" for name, setting in value.items()) or "unset"
        if isinstance(value, dict)
        else ("zh-CN" if CJK.search(value) else "en")
    ),
)
def test_locale_variables_choose_language(variables, summary):
    completed = run_doclint("check", "fixtures/numbering.md", **variables)
    assert completed.stdout.splitlines()[-2] == summary


# Output formats and commands


def test_json_keys_english_messages_chinese(run_cli):
    code, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "--format", "json", str(SEED))
    diagnostics = json.loads(stdout)["diagnostics"]
    duplicate = next(item for item in diagnostics if item["line"] == 265)
    assert code == 1
    assert set(duplicate) == {
        "path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "related", "fix"
    }
    assert duplicate["rule"] == "duplicate-section"
    assert duplicate["severity"] == "error"
    assert duplicate["message"] == (
        "章节“21. 医疗知识图谱构建与推理”与章节“14. 医疗知识图谱构建与推理”（第 174 行）逐字重复；请删除这份副本"
    )
    assert duplicate["related"][0]["message"] == "首次出现"
    assert set(duplicate["fix"]) == {"applicability", "message", "edits"}
    assert duplicate["fix"]["applicability"] == "safe"
    assert duplicate["fix"]["message"] == "删除这份副本（第 265-277 行）"


def test_builtin_schema_messages_chinese(run_cli, tmp_path):
    document = tmp_path / "bank.md"
    document.write_text(
        "## 1. 索引的作用\n\n**题目：** 数据库索引有什么作用？\n\n**答案：** 要点如下：\n\n"
        "- 索引是按键排序的数据结构。\n- 在常用于查询条件的列上建立索引。\n\n**解析：**\n",
        encoding="utf-8",
    )
    _code, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "--select", "schema-violation", str(document))
    messages = [message_text(line) for line in stdout.splitlines()[:-1]]
    assert messages == [
        "条目“1. 索引的作用”的“答案”字段中的步骤是无序列表；请按 1.、2.、3. 编号",
        "条目“1. 索引的作用”的“解析”字段为空；请在标签后写上内容",
    ]


def test_cross_file_locations_chinese(run_cli, monkeypatch):
    monkeypatch.chdir(REPO / "fixtures")
    code, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "cross-file-zh")
    lines = stdout.splitlines()
    assert code == 1
    assert lines[0] == (
        "cross-file-zh/restore.md:3:1: DL201 inconsistent-answer 条目“4. 数据库备份”与条目“1. 数据库备份”"
        "（cross-file-zh/backup.md 第 3 行）问的是同一个问题，但答案不同："
        "答案在此处是“每周一次。”，在 cross-file-zh/backup.md 第 7 行是“每天一次。”；"
        "第 2 步在此处是“保留最近 4 份备份。”，在 cross-file-zh/backup.md 第 10 行是“保留最近 7 份备份。”；"
        "此处缺少第 3 步“校验”（见 cross-file-zh/backup.md 第 11 行）；请保留一个答案，修改或删除另一个"
    )
    assert lines[1] == (
        "cross-file-zh/restore.md:12:1: DL201 inconsistent-answer 条目“5. 日志归档”与条目“2. 日志归档”"
        "（cross-file-zh/backup.md 第 13 行）问的是同一个问题，但答案不同："
        "第 2 步“加密”不在 cross-file-zh/backup.md 第 17 行的答案中；请保留一个答案，修改或删除另一个"
    )
    assert len(lines) == 3


def test_step_alignment_messages_chinese(run_cli, monkeypatch):
    monkeypatch.chdir(REPO / "fixtures")
    _code, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "step-alignment.md")
    messages = [message_text(line) for line in stdout.splitlines()[:-1]]
    assert messages == [
        "条目“3. Deploying again”与条目“1. Deploying”（第 3 行）问的是同一个问题，但答案不同："
        "第 1 步“Tag”不在第 7 行的答案中；第 3 步的标签在此处是“Upload”，第 2 步的标签在第 10 行是“Push”；"
        "请保留一个答案，修改或删除另一个",
        "条目“4. Rolling back again”与条目“2. Rolling back”（第 13 行）问的是同一个问题，但答案不同："
        "此处的第 2 步“Check the error rate.”在第 21 行是第 3 步；请保留一个答案，修改或删除另一个",
    ]


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("见{where}", {"where": "a.md 第 7 行"}, "见 a.md 第 7 行"),
        ("见{where}", {"where": "第 7 行"}, "见第 7 行"),
        ("见{where}", {"where": "./a.md 第 7 行"}, "见 ./a.md 第 7 行"),
        ("不在{where}的答案中", {"where": "7"}, "不在 7 的答案中"),
        ("（{where}）", {"where": "a.md 第 7 行"}, "（a.md 第 7 行）"),
        ("“{text}”", {"text": "abc"}, "“abc”"),
        ("{name}已导入", {"name": "'np'"}, "'np'已导入"),
        ("在{a}{b}", {"a": "x", "b": "中"}, "在 x中"),
        ('item "{heading}".', {"heading": "推理"}, 'item "推理".'),
        ("{score:.1f}% {{literal}}", {"score": 2.25}, "2.2% {literal}"),
        ("{value!r}和", {"value": "b"}, "'b'和"),
    ],
)
def test_format_message_spacing(template, values, expected):
    assert format_message(template, **values) == expected


def test_check_help_chinese(run_cli):
    code, stdout, _stderr = run_cli("--lang", "zh-CN", "check", "--help")
    lines = stdout.splitlines()
    assert code == 0
    assert lines[0] == "用法：doclint check [选项] PATH..."
    assert "选项：" in lines
    assert "  --fix                           应用安全修复并写回文件，然后报告剩余的问题。" in lines
    assert "  -h, --help                      显示此帮助信息并退出。" in lines
    for line in lines:
        assert display_width(line) <= 80, line


def test_group_help_chinese(run_cli):
    code, stdout, _stderr = run_cli("--lang", "zh-CN", "--help")
    lines = stdout.splitlines()
    assert code == 0
    assert lines[0] == "用法：doclint [选项] 命令 [参数]..."
    assert "命令：" in lines
    assert "  check    检查文档，报告或修复问题。" in lines


def test_english_help_unchanged_by_chinese_support(run_cli):
    _code, stdout, _stderr = run_cli("--lang", "en", "check", "--help")
    lines = stdout.splitlines()
    assert lines[0] == "Usage: doclint check [OPTIONS] PATH..."
    assert "Options:" in lines
    assert "  --fix                           Apply safe fixes and write the files back;" in lines


def test_rules_chinese_columns_aligned(run_cli):
    code, stdout, _stderr = run_cli("rules", "--lang", "zh-CN")
    lines = stdout.splitlines()
    row = re.compile(r"^(DL\d{3})  (\S+) +(?P<severity>错误|警告|提示) +(?P<fix>可修复|不安全修复|-) +(?P<summary>\S.*)$")
    matches = [row.match(line) for line in lines]
    assert code == 0
    assert lines[0] == "DL101  duplicate-section       错误  可修复      章节与前面的章节逐字重复。"
    assert all(matches), lines
    assert len(lines) == len(all_rules())
    for column in ("severity", "fix", "summary"):
        starts = {display_width(line[: match.start(column)]) for line, match in zip(lines, matches)}
        assert len(starts) == 1, f"the {column} column starts at display columns {sorted(starts)}"


def test_rules_chinese_languages(run_cli):
    _code, stdout, _stderr = run_cli("rules", "--lang", "zh-CN")
    line = next(line for line in stdout.splitlines() if line.startswith("DL303"))
    assert line.endswith("代码块无法按其标注的语言解析。语言：python、py、python3、py3、pycon、ipython、ipython3、json、toml、yaml、yml。")


def test_wrap_display_breaks_by_columns():
    text = "供跨文件规则对照的文件或文件夹（可重复指定）：其中的文档只参与比较，使用 --compare-with . 时相同。"
    assert wrap_display(text, 20) == [
        "供跨文件规则对照的文",
        "件或文件夹（可重复指",
        "定）：其中的文档只参",
        "与比较，使用",
        "--compare-with . 时",
        "相同。",
    ]


def test_wrap_display_keeps_punctuation_attached():
    assert wrap_display("一二三四五。六", 10) == ["一二三四", "五。六"]
    assert wrap_display("一二三四（五六", 10) == ["一二三四", "（五六"]
# Rule documentation


def test_explain_prints_chinese_page(run_cli):
    code, stdout, _stderr = run_cli("explain", "DL101", "--lang", "zh-CN")
    assert code == 0
    assert stdout == (ZH_DOCS / "duplicate-section.md").read_text(encoding="utf-8")
    assert stdout.splitlines()[0] == "# duplicate-section (DL101)"


def test_explain_chinese_from_lang_variable():
    completed = run_doclint("explain", "heading-numbering", LANG="zh_CN.UTF-8")
    assert completed.stdout == (ZH_DOCS / "heading-numbering.md").read_text(encoding="utf-8")


def translated(message: str) -> str:
    """Return a message's Chinese translation."""
    set_language("zh-CN")
    try:
        return _(message)
    finally:
        set_language(None)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_every_rule_has_chinese_page(rule):
    page = (ZH_DOCS / f"{rule.name}.md").read_text(encoding="utf-8")
    lines = page.splitlines()
    expected = [f"## {translated(heading)}" for heading in PAGE_HEADINGS]
    level_two = [line for line in lines if line.startswith("## ")]
    assert lines[0] == f"# {rule.name} ({rule.code})"
    assert [heading for heading in level_two if heading in expected] == expected
    assert rule_doc(rule.name, "zh-CN") == page


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_chinese_page_describes_rule(rule):
    """SARIF and the other rule-describing formats take the first paragraph under the translated heading."""
    page = (ZH_DOCS / f"{rule.name}.md").read_text(encoding="utf-8")
    set_language("zh-CN")
    described = rule_help(rule)
    assert described.markdown == page
    assert CJK.search(described.description)
    if rule.name in SUMMARY_DESCRIBED:
        # The page's first paragraph introduces a table or list, so the summary stands in for it.
        assert described.description == _(rule.summary)
        return
    assert described.description != _(rule.summary)
    assert described.description.split("。")[0] in " ".join(page.split())


SUMMARY_DESCRIBED = {"code-syntax-error", "code-not-checked", "unused-suppression"}


# The first ```text block of the Example section, and the Markdown block before it when there is one.
_MARKDOWN = re.compile(r"^(?P<fence>````?)markdown\n(?P<markdown>.*?)^(?P=fence)\n", re.M | re.S)
_OUTPUT = re.compile(r"^```text\n(?P<output>.*?)^```\n", re.M | re.S)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_chinese_page_example_output(rule, run_cli, tmp_path, monkeypatch):
    """The example finding of each Chinese page is what doclint prints with --lang zh-CN.

    The example's input is the page's Markdown block, or the repository
    file that the output names (the seed article, the GB18030 fixture).
    """
    if rule.name == "code-not-checked" and sys.version_info[:2] >= (3, 12):
        pytest.skip("the example needs a Python older than 3.12")
    # The example's Markdown may contain level-2 headings, so the section ends at the next page heading.
    example = re.compile(rf"^## {translated('Example')}\n(?P<section>.*?)^## {translated('Options')}\n", re.M | re.S)
    section = example.search((ZH_DOCS / f"{rule.name}.md").read_text(encoding="utf-8"))
    assert section is not None
    output = _OUTPUT.search(section.group("section"))
    assert output is not None
    expected = output.group("output").splitlines()
    name = expected[0].split(":")[0]
    if (REPO / name).is_file():
        monkeypatch.chdir(REPO)
    else:
        markdown = _MARKDOWN.search(section.group("section"))
        assert markdown is not None, f"{name} is not in the repository, so the page needs a markdown block"
        (tmp_path / name).write_text(markdown.group("markdown"), encoding="utf-8")
        monkeypatch.chdir(tmp_path)

    _code, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "--select", "ALL", name)
    printed = [line for line in stdout.splitlines() if line.startswith(f"{name}:") and f" {rule.code} " in line]
    expected = [line.replace("3.11.7", platform.python_version()) for line in expected]
    if (REPO / name).is_file():
        assert [line for line in expected if line not in printed] == []
    else:
        assert printed == expected


# click's own usage errors


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--lang", "zh-CN", "check"], "doclint: 错误：缺少参数 'PATH...'。（参见 'doclint check --help'）"),
        (["check", "--lang", "zh-CN", "--formt", "text", "x.md"], "doclint: 错误：没有选项 '--formt'。是否想用 '--format'？（参见 'doclint check --help'）"),
        (["check", "--lang=zh-CN", "--jobs"], "doclint: 错误：选项 '--jobs' 缺少值。（参见 'doclint check --help'）"),
        (["--lang", "zh-CN", "check", "--fix=1", "x.md"], "doclint: 错误：选项 '--fix' 不接受值。（参见 'doclint check --help'）"),
        (
            ["--lang", "zh-CN", "check", "--format", "nope", "x.md"],
            "doclint: 错误：'--format' 的值无效：'nope' 不是 'text'、'json'、'github'、'sarif'、'rdjsonl'、'gitlab' 之一。（参见 'doclint check --help'）",
        ),
        (["--lang", "zh-CN", "rules", "a", "b"], "doclint: 错误：多出了参数（a b）。（参见 'doclint rules --help'）"),
        (["--lang", "zh-CN", "chek"], "doclint: 错误：没有命令 'chek'。是否想用 'check'？（参见 'doclint --help'）"),
        (["check", "--jobs"], "doclint: error: Option '--jobs' requires an argument. (see 'doclint check --help')"),
        (["check", "--formt", "text", "x.md"], "doclint: error: No such option '--formt'. Did you mean '--format'? (see 'doclint check --help')"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_click_usage_errors_in_selected_language(run_cli, arguments, expected):
    code, stdout, stderr = run_cli(*arguments)
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [expected]


def test_click_usage_errors_follow_lang_variable():
    completed = run_doclint("check", "--bogus", LANG="zh_CN.UTF-8")
    assert completed.returncode == 2
    assert completed.stderr.splitlines() == [
        "doclint: 错误：没有选项 '--bogus'。（参见 'python -m doclint check --help'）"
    ]


def test_logged_warning_prefix_in_chinese():
    completed = run_doclint("check", "--lang", "zh-CN", "--no-cache", "--unsafe-fixes", "fixtures/en-faq.md")

    assert completed.stderr.splitlines() == [
        "doclint: 警告：--unsafe-fixes 不与 --fix 或 --diff 一起用时不起作用；请加上其中一个来应用修复"
    ]


def test_logged_error_prefix_in_chinese():
    from doclint.cli import _LogFormatter

    set_language("zh-CN")
    record = logging.LogRecord("doclint", logging.ERROR, __file__, 1, "写入失败", None, None)
    assert _LogFormatter().format(record) == "doclint: 错误：写入失败"


def test_config_folder_is_usage_error(run_cli, tmp_path):
    code, _stdout, stderr = run_cli("--lang", "zh-CN", "check", "--config", str(tmp_path), str(SEED))
    assert code == 2
    assert stderr.splitlines() == [f"doclint: 错误：{tmp_path}：是文件夹；请给 --config 传入配置文件，例如 .doclint.toml"]


def test_translated_click_messages_are_clicks_own():
    import click

    from doclint.click_messages import MESSAGES

    found = {
        message
        for _filename, _line, message, _comments, _context in extract_from_dir(
            Path(click.__file__).parent, method_map=[("**.py", "python")], keywords={"_": None, "ngettext": (1, 2)}
        )
    }
    stale = [message for message in MESSAGES if message not in found]
    assert stale == [], "the installed click no longer has these messages; update doclint.click_messages"


def catalog_templates() -> list[str]:
    """Every message of the Chinese catalog that takes named values, in English and in Chinese."""
    path = Path(__file__).resolve().parent.parent / "src" / "doclint" / "locale" / "zh_CN" / "LC_MESSAGES" / "doclint.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    templates = []
    for message in catalog:
        for text in [message.id, message.string]:
            for template in text if isinstance(text, (list, tuple)) else [text]:
                if template and any(name for _literal, name, _spec, _conversion in Formatter().parse(template)):
                    templates.append(template)
    return templates


@pytest.mark.parametrize("value", ["abc", "推理", "a.md 第 7 行", "./a.md", "7", "（注）", ""])
def test_format_message_fast_path_same(value):
    from doclint.i18n import _format_spaced

    templates = catalog_templates()
    assert len(templates) > 100

    for template in templates:
        names = {name.split(".")[0].split("[")[0] for _literal, name, _spec, _conversion in Formatter().parse(template) if name}
        values = {name: value for name in names}
        try:
            expected = _format_spaced(template, values)
        except (ValueError, TypeError):
            continue

        assert format_message(template, **values) == expected, template


def test_close_option_suggested_only(run_cli):
    _code, _stdout, stderr = run_cli("--lang", "zh-CN", "check", "--formt", "json", "x.md")
    assert stderr.strip() == "doclint: 错误：没有选项 '--formt'。是否想用 '--format'？（参见 'doclint check --help'）"
    _code, _stdout, stderr = run_cli("check", "--bogus", "x.md")
    assert stderr.strip() == "doclint: error: No such option '--bogus'. (see 'doclint check --help')"


def test_choice_error_english_keeps_commas(run_cli):
    _code, _stdout, stderr = run_cli("check", "--format", "nope", "x.md")
    assert "'nope' is not one of 'text', 'json', 'github', 'sarif', 'rdjsonl', 'gitlab'." in stderr


def test_ast_on_folder_names_fix(run_cli, tmp_path):
    code, _stdout, stderr = run_cli("--lang", "zh-CN", "ast", str(tmp_path))
    assert code == 2
    assert stderr.strip() == f"doclint: 错误：{tmp_path}：这是目录，这里需要文件；请指定其中的一个文件（doclint check 也能检查整个文件夹）"


def test_join_items_by_language():
    from doclint.i18n import join_items

    assert join_items(["a", "b", "c"]) == "a, b, c"
    assert join_items([]) == ""
    set_language("zh-CN")
    try:
        assert join_items(["a", "b", "c"]) == "a、b、c"
    finally:
        set_language(None)
