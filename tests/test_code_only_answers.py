"""A field that is only a code block: an answer for qa-article, and named as code, not as empty, by other schemas."""

from __future__ import annotations

import json

from doclint.engine import run
from doclint.settings import Settings

from conftest import FIXTURES

CODE_ONLY = FIXTURES / "code-only-answers.md"


def schema_findings(*paths, **settings):
    result = run([str(path) for path in paths], Settings(**settings))
    assert result.errors == []
    return [(d.code, d.line, d.message) for d in result.diagnostics if d.rule == "schema-violation"]


def write_steps_schema(tmp_path, constraint):
    """Write a schema that puts one constraint on the answer of every item under the title, and return its path."""
    answer = {"properties": {"fields": {"properties": {"answer": constraint}}}}
    schema = {"properties": {"sections": {"items": {"properties": {"children": {"items": answer}}}}}}
    path = tmp_path / "answer.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def test_code_answer_passes_qa_article():
    findings = schema_findings(CODE_ONLY, schema="qa-article")
    assert findings == [
        ("DL401", 43, 'the 答案 field of item "4. 如何交换两个变量？" has no steps; write at least 2 steps as an ordered list'),
        ("DL401", 56, 'the 答案 field of item "5. 如何去掉重复元素？" has no steps; write at least 2 steps as an ordered list'),
    ]


def test_code_explanation_is_not_empty():
    findings = schema_findings(CODE_ONLY, schema="qa-article")
    assert [line for _code, line, _message in findings if line in range(39, 53)] == [43]


def test_field_code_in_tree(run_cli):
    _exit, stdout, _stderr = run_cli("ast", str(CODE_ONLY))
    items = json.loads(stdout)["sections"][0]["children"]
    assert items[2]["fields"]["answer"]["code"] == [{"line": 31, "end_line": 35, "language": "python"}]
    assert items[2]["fields"]["answer"]["steps"] == []
    assert items[3]["fields"]["explanation"]["code"] == [{"line": 47, "end_line": 50, "language": "python"}]
    assert items[0]["fields"]["answer"]["code"] == []


def test_code_answer_without_steps_message(tmp_path):
    schema = write_steps_schema(tmp_path, {"properties": {"steps": {"minItems": 2}}})
    findings = schema_findings(CODE_ONLY, schema=str(schema))
    assert findings == [
        (
            "DL401",
            29,
            'the 答案 field of item "3. 如何合并两个字典？" has a code block but no steps; the schema requires at least '
            "2 steps as an ordered list, so number the steps and put the code in the step that uses it",
        ),
        ("DL401", 43, 'the 答案 field of item "4. 如何交换两个变量？" has no steps; write at least 2 steps as an ordered list'),
        ("DL401", 56, 'the 答案 field of item "5. 如何去掉重复元素？" has no steps; write at least 2 steps as an ordered list'),
    ]


def test_code_answer_without_text_message(tmp_path):
    schema = write_steps_schema(tmp_path, {"properties": {"text": {"minLength": 1}}})
    findings = schema_findings(CODE_ONLY, schema=str(schema))
    code_answer = [finding for finding in findings if finding[1] == 29]
    assert code_answer == [
        (
            "DL401",
            29,
            'the 答案 field of item "3. 如何合并两个字典？" has a code block but no text; the schema requires text of at '
            "least 1 character",
        ),
    ]


def test_code_answer_message_in_chinese(tmp_path, run_cli):
    schema = write_steps_schema(tmp_path, {"properties": {"steps": {"minItems": 2}}})
    _exit, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "--no-cache", "--schema", str(schema), str(CODE_ONLY))
    assert stdout.splitlines()[0] == (
        f"{CODE_ONLY}:29:1: DL401 schema-violation 条目“3. 如何合并两个字典？”的“答案”字段有代码块但没有步骤；"
        "schema 要求用有序列表写出至少 2 个步骤，请给步骤编号，并把代码放进用到它的步骤中"
    )


FIRST_ITEM = "## 1. Undo\n\n**Question:** How?\n\n**Answer:**\n\n1. Open it.\n2. Press undo.\n\n**Explanation:** Because.\n\n"


def write_english_faq(tmp_path, second_answer):
    """Write a two-item FAQ whose second item, "2. Redo", answers with ``second_answer`` after its label."""
    path = tmp_path / "faq.md"
    second = f"## 2. Redo\n\n**Question:** How do I redo?\n\n**Answer:**\n\n{second_answer}**Explanation:** It reapplies.\n"
    path.write_text(FIRST_ITEM + second, encoding="utf-8")
    return path


def test_english_code_answer_passes(tmp_path):
    path = write_english_faq(tmp_path, "```sh\ngit redo\n```\n\n")
    assert schema_findings(path, schema="qa-article") == []


def test_empty_answer_still_missing(tmp_path):
    path = write_english_faq(tmp_path, "")
    result = run([str(path)], Settings())
    assert [(d.code, d.line, d.message) for d in result.diagnostics] == [
        ("DL203", 16, 'item "2. Redo" has an empty answer; write the answer after its label or remove the item'),
    ]


def test_empty_code_block_is_no_answer(tmp_path):
    page = tmp_path / "bank.md"
    page.write_text(
        "# 题库\n\n"
        "## 1. 列表推导式\n\n**题目：** 如何求平方？\n\n**答案：**\n\n```python\nsquares = [x * x for x in range(10)]\n```\n\n"
        "## 2. 字典合并\n\n**题目：** 如何合并两个字典？\n\n**答案：**\n\n```python\n   \n```\n",
        encoding="utf-8",
    )
    result = run([str(page)], Settings(schema="qa-article", cache_dir=None))
    answers = [(d.code, d.line, d.message) for d in result.diagnostics if "答案" in d.message or d.rule == "missing-answer"]
    # missing-answer reports the empty fence, so the schema leaves that answer alone.
    assert answers == [
        ("DL203", 17, 'item "2. 字典合并" has an empty answer; write the answer after its label or remove the item'),
    ]
