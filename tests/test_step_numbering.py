import re
from pathlib import Path

import pytest

from doclint.diagnostics import Applicability
from doclint.engine import run
from doclint.fixer import apply_edits
from doclint.parse import parse_document
from doclint.rules.step_numbering import check_step_numbering
from doclint.settings import Settings
from doclint.source import Source

from conftest import SEED

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def findings_of(text: str):
    document = parse_document(Source.from_text("doc.md", text))
    return list(check_step_numbering(document, Settings()))


def item(steps: str, heading: str = "2. 虚拟环境") -> str:
    return f"## {heading}\n\n**题目：** 如何做？\n\n**答案：**\n\n{steps}\n**解析：** 说明。\n"


def fixed(text: str) -> str:
    [*findings] = findings_of(text)
    return apply_edits(text, list(findings[0].fix.edits))


def test_seed_has_no_step_findings():
    result = run([str(SEED)], Settings())
    assert [d for d in result.diagnostics if d.rule == "step-numbering"] == []


def test_markdown_list_skip():
    [found] = findings_of(item("1. 甲\n2. 乙\n4. 丙\n"))
    assert (found.code, found.line, found.column, found.end_column) == ("DL403", 9, 1, 2)
    assert found.message == (
        'in the answer of item "2. 虚拟环境", the step number skips from 2 (line 8) to 4; the fix renumbers it to 3'
    )
    assert found.fix.applicability is Applicability.SAFE
    assert [(r.line, r.message) for r in found.related] == [(8, "previous step")]


def test_numbered_lines_repeat_unsafe_fix():
    [found] = findings_of(item("1、甲\n2、乙\n2、丙\n"))
    assert found.line == 9
    assert found.message == (
        'in the answer of item "2. 虚拟环境", step number 2 repeats the number of the step at line 8; the fix renumbers it to 3'
    )
    assert found.fix.applicability is Applicability.UNSAFE
    assert fixed(item("1、甲\n2、乙\n2、丙\n")) == item("1、甲\n2、乙\n3、丙\n")


def test_one_finding_for_one_wrong_number():
    [found] = findings_of(item("1. 甲\n2. 乙\n2. 丙\n4. 丁\n"))
    assert found.line == 9
    assert found.message == (
        'in the answer of item "2. 虚拟环境", step number 2 repeats the number of the step at line 8; the fix renumbers it to 3'
    )
    [circled] = findings_of(item("①甲\n②乙\n②丙\n④丁\n"))
    assert circled.line == 9
    assert circled.message.endswith("repeats the number of the step at line 8; the fix renumbers it to ③")


def test_fix_leaves_number_after_unreported_step():
    findings = findings_of(item("1. 甲\n3. 乙\n4. 丙\n4. 丁\n"))
    assert [found.line for found in findings] == [8, 10]
    assert findings[1].message == (
        'in the answer of item "2. 虚拟环境", step number 4 repeats the number of the step at line 9; '
        "the fix leaves it at 4 and renumbers the previous step to 3"
    )


def test_backwards_step():
    back = findings_of(item("1. 甲\n3. 乙\n2. 丙\n"))
    assert back[1].message == (
        'in the answer of item "2. 虚拟环境", the step number goes back from 3 (line 8) to 2; the fix renumbers it to 3'
    )


def test_suppressed_run_keeps_both_breaks():
    text = item("1、甲\n<!-- doclint-disable-next-line step-numbering -->\n3、乙\n3、丙\n")
    findings = findings_of(text)
    assert [(found.line, found.fix) for found in findings] == [(9, None), (10, None)]
    assert findings[1].message.endswith("repeats the number of the step at line 9; expected 4")


def test_full_width_and_circled_digits_kept():
    assert fixed(item("１．甲\n２．乙\n４．丙\n")) == item("１．甲\n２．乙\n３．丙\n")
    [circled] = findings_of(item("①甲\n②乙\n④丙\n"))
    assert circled.message.endswith("the fix renumbers it to ③")
    assert (circled.column, circled.end_column) == (1, 2)
    assert fixed(item("（1）甲\n（2）乙\n（2）丙\n")) == item("（1）甲\n（2）乙\n（3）丙\n")


def test_no_report_for_correct_or_lazy_numbers():
    assert findings_of(item("1. 甲\n2. 乙\n3. 丙\n")) == []
    assert findings_of(item("1. 甲\n1. 乙\n1. 丙\n")) == []
    assert findings_of(item("- 甲\n- 乙\n")) == []
    assert findings_of(item("3. 甲\n4. 乙\n")) == []


def test_second_list_in_new_paragraph():
    steps = "1、甲\n2、乙\n\n1、丙\n2、丁\n"
    assert findings_of(item(steps)) == []
    [found] = findings_of(item("1、甲\n2、乙\n\n1、丙\n3、丁\n"))
    assert found.line == 11
    assert found.message.endswith("skips from 1 (line 10) to 3; the fix renumbers it to 2")


def test_suppressed_step_gets_no_fix():
    text = item("1、甲\n2、乙\n<!-- doclint-disable-next-line step-numbering -->\n4、丙\n5、丁\n")
    findings = findings_of(text)
    assert [found.fix for found in findings] == [None]
    assert findings[0].message.endswith("expected 3")


def test_only_answer_steps_checked():
    from doclint.fields import LabelTable, default_labels

    labels = LabelTable({**default_labels().synonyms, "note": ["备注"]})
    text = "## 3. 题\n\n**题目：** 问？\n\n**答案：** 答。\n\n**解析：**\n\n1. 甲\n3. 乙\n\n**备注：**\n\n1. 丙\n2. 丁\n2. 戊\n"
    document = parse_document(Source.from_text("doc.md", text), labels)
    assert list(check_step_numbering(document, Settings())) == []


def test_explanation_statement_references_not_steps():
    text = (
        "## 1. 关于进程的说法\n\n**题目：** 下列说法正确的是？\n\n**答案：**\n\n1. 选 B。\n2. ①③的说法正确。\n\n"
        "**解析：**\n\n① 正确，进程是一次运行活动。\n③ 正确，每个进程有独立的地址空间。\n\n②④错误：进程不等于线程。\n"
    )
    assert findings_of(text) == []


def test_chinese_message(run_cli, tmp_path, monkeypatch):
    (tmp_path / "步骤.md").write_text(item("1. 甲\n2. 乙\n4. 丙\n", "1. 安装"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _code, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "步骤.md")
    assert stdout.splitlines()[0] == (
        "步骤.md:9:1: DL403 step-numbering [*] 条目“1. 安装”的答案中，步骤编号从 2（第 8 行）跳到 4；修复后改为 3"
    )


def test_unfixed_expected_in_same_digits():
    text = item("<!-- doclint-disable-next-line DL403 -->\n１．甲\n２．乙\n４．丙\n")
    [found] = findings_of(text)
    assert found.message.endswith("expected ３")


def test_page_example_output(run_cli, tmp_path, monkeypatch):
    page = (DOCS / "step-numbering.md").read_text(encoding="utf-8")
    example = re.search(r"^````markdown\n(?P<markdown>.*?)^````\n.*?^```text\n(?P<output>.*?)^```\n", page, re.M | re.S)
    assert example is not None
    (tmp_path / "steps.md").write_text(example.group("markdown"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _code, stdout, _stderr = run_cli("check", "steps.md")
    printed = [line for line in stdout.splitlines() if line.startswith("steps.md:")]
    assert printed == example.group("output").splitlines()


def test_fix_renumbers_markdown_list(run_cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text(item("1. 甲\n2. 乙\n4. 丙\n5. 丁\n"), encoding="utf-8")
    run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == item("1. 甲\n2. 乙\n3. 丙\n4. 丁\n")


def test_lazy_line_counts_and_fix_unsafe():
    text = item("1. 下载。\n2、运行安装程序。\n4. 验证。\n")
    [found] = findings_of(text)
    assert found.line == 9
    assert found.message == (
        'in the answer of item "2. 虚拟环境", the step number skips from 2 (line 8) to 4; the fix renumbers it to 3'
    )
    assert found.fix.applicability is Applicability.UNSAFE
    assert fixed(text) == item("1. 下载。\n2、运行安装程序。\n3. 验证。\n")
