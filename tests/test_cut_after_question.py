"""truncated-document at a bank that stops right after its last question, before any answer label."""

from __future__ import annotations

import pytest

from doclint.engine import run
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source

AFTER = "; complete the item or remove it, and check whether text after it was lost as well"


def findings(path, **settings) -> list[tuple[str, int, str]]:
    result = run([str(path)], Settings(cache_dir=None, **settings))
    assert result.errors == []
    return [(d.code, d.line, d.message) for d in result.diagnostics]


def write(tmp_path, text: str):
    path = tmp_path / "bank.md"
    path.write_text(text, encoding="utf-8")
    return path


PLAIN = (
    "# 数据库\n\n第1题：数据库索引有什么作用？\n\n答案：索引按键排序，查找时不必扫描全表。\n\n"
    "第2题：事务有哪些特性？\n\n答案：原子性、一致性、隔离性和持久性。\n\n第3题：数据库为什么会发生死锁？\n"
)
BOLD = (
    "# 数据库\n\n**问题 1：数据库索引有什么作用？**\n\n**答案：** 索引按键排序，查找时不必扫描全表。\n\n"
    "**问题 2：事务有哪些特性？**\n\n**答案：** 原子性、一致性、隔离性和持久性。\n\n**问题 3：数据库为什么会发生死锁？**\n"
)
HEADINGS = (
    "# 数据库\n\n## 1. 索引\n\n**题目：** 数据库索引有什么作用？\n\n**答案：** 索引按键排序，查找时不必扫描全表。\n\n"
    "## 2. 事务\n\n**题目：** 事务有哪些特性？\n\n**答案：** 原子性、一致性、隔离性和持久性。\n\n"
    "## 3. 死锁\n\n**题目：** 数据库为什么会发生死锁？\n"
)
FLAT = (
    "# FAQ\n\n**Q:** How do I reset my password?\n\n**A:** Open the settings page and choose Reset.\n\n"
    "**Q:** Can I export data?\n\n**A:** Yes, as CSV from the reports page.\n\n**Q:** How do I delete my account?\n"
)


@pytest.mark.parametrize(
    ("text", "line", "heading", "label"),
    [
        (PLAIN, 11, "第3题：数据库为什么会发生死锁？", "答案"),
        (BOLD, 11, "问题 3：数据库为什么会发生死锁？", "答案"),
        (HEADINGS, 17, "3. 死锁", "答案"),
        (FLAT, 11, "How do I delete my account?", "A"),
    ],
    ids=["plain", "bold", "headings", "flat-faq"],
)
def test_last_question_without_answer(tmp_path, text, line, heading, label):
    message = (
        f'the document seems cut off at line {line}: item "{heading}" ends after its question, without the {label} '
        "field that most items before it have" + AFTER
    )

    assert findings(write(tmp_path, text)) == [("DL204", line, message)]


def test_schema_leaves_cut_item_to_truncation(tmp_path):
    found = findings(write(tmp_path, HEADINGS), schema="qa-article")

    assert [(code, line) for code, line, _message in found if line >= 15] == [("DL204", 17)]


def test_related_location_is_question(tmp_path):
    result = run([str(write(tmp_path, PLAIN))], Settings(cache_dir=None))
    [found] = result.diagnostics

    assert [(related.line, related.message) for related in found.related] == [(11, "the item that is cut off")]


def test_trailing_question_is_item():
    [chapter] = parse_document(Source.from_text("bank.md", PLAIN)).sections
    last = chapter.children[-1]

    assert [item.line for item in chapter.children] == [3, 7, 11]
    assert (last.kind, last.number, list(last.fields)) == ("item", "3", ["question"])
    assert chapter.children[1].fields["answer"].end_line == 9


def test_trailing_question_with_code_is_item():
    text = PLAIN.replace("第3题：数据库为什么会发生死锁？\n", "第3题：下面的语句输出什么？\n\n```sql\nSELECT 1;\n```\n")
    [chapter] = parse_document(Source.from_text("bank.md", text)).sections
    last = chapter.children[-1]

    assert (last.line, last.end_line, list(last.fields)) == (11, 15, ["question"])
    assert chapter.blocks == []


def test_earlier_unanswered_question_keeps_quiet(tmp_path):
    text = HEADINGS.replace("**答案：** 原子性、一致性、隔离性和持久性。\n\n", "")

    assert findings(write(tmp_path, text)) == []


def test_one_earlier_item_not_enough(tmp_path):
    text = "# 数据库\n\n第1题：什么是索引？\n\n答案：按键排序的结构。\n\n第2题：什么是事务？\n"

    assert findings(write(tmp_path, text)) == []


@pytest.mark.parametrize(
    "last",
    [
        # Not the next number.
        "第5题：数据库为什么会发生死锁？\n",
        # No number: a closing question of the bank.
        "还有其他问题吗？\n",
        "**还有其他问题吗？**\n",
    ],
)
def test_closing_question_not_cut(tmp_path, last):
    text = PLAIN.replace("第3题：数据库为什么会发生死锁？\n", last)

    assert findings(write(tmp_path, text)) == []


def test_question_before_next_section_not_cut(tmp_path):
    text = PLAIN + "\n# 附录\n\n更多练习见下一章。\n"

    assert findings(write(tmp_path, text)) == []


def test_last_answer_step_not_question(tmp_path):
    text = (
        "# 练习\n\n1、什么是索引？\n\n答案：按键排序的结构。\n\n2、如何建立索引？\n\n答案：分三步。\n\n"
        "1、选出常用的查询条件。\n\n2、为这些列建立索引。\n\n3、检查查询计划。\n"
    )
    [chapter] = parse_document(Source.from_text("bank.md", text)).sections

    assert [item.line for item in chapter.children] == [3, 7]
    assert findings(write(tmp_path, text)) == []


def test_other_style_not_question(tmp_path):
    text = PLAIN.replace("第3题：数据库为什么会发生死锁？\n", "3、数据库为什么会发生死锁？\n")

    assert findings(write(tmp_path, text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "# 题库\n\n1. 什么是列表？\n\n答案：可变序列。\n\n2. 什么是元组？\n\n答案：不可变序列。\n\n3. 什么是字典？\n",
        "# 题库\n\n1. 什么是列表？\n答案：可变序列。\n2. 什么是元组？\n答案：不可变序列。\n3. 什么是字典？\n",
    ],
    ids=["blank-lines", "one-list"],
)
def test_list_question_without_answer(tmp_path, text):
    line = text.count("\n")
    message = (
        f'the document seems cut off at line {line}: item "3. 什么是字典？" ends after its question, without the 答案 '
        "field that most items before it have" + AFTER
    )

    assert findings(write(tmp_path, text)) == [("DL204", line, message)]


def test_answer_list_steps_not_question(tmp_path):
    text = (
        "# 题库\n\n1. 什么是索引？\n\n答案：按键排序的结构。\n\n2. 如何建立索引？\n\n答案：\n\n"
        "1. 选出常用的查询条件。\n2. 为这些列建立索引。\n\n然后检查：\n\n3. 查看查询计划。\n"
    )
    [chapter] = parse_document(Source.from_text("bank.md", text)).sections

    assert [item.line for item in chapter.children] == [3, 7]
    assert "DL204" not in [code for code, _line, _message in findings(write(tmp_path, text))]


EXPLAINED = (
    "# Python 面试题\n\n第1题：什么是GIL？\n\n解析：GIL 是 CPython 的全局解释器锁。\n\n答案：全局解释器锁。\n\n"
    "第2题：列表和元组有什么区别？\n\n解析：列表可以修改，元组创建后不能修改。\n\n答案：列表可变，元组不可变。\n\n"
    "第3题：装饰器有什么作用？\n\n解析：装饰器接收一个函数，返回一个新函数。\n"
)


def test_bank_cut_in_last_explanation(tmp_path):
    message = (
        'the document seems cut off at line 17: item "第3题：装饰器有什么作用？" ends in its 解析 field, before its '
        "answer, without the 答案 field that most items before it have" + AFTER
    )

    assert findings(write(tmp_path, EXPLAINED)) == [("DL204", 17, message)]


def test_cut_explanation_is_not_the_answer_above():
    [chapter] = parse_document(Source.from_text("bank.md", EXPLAINED)).sections

    assert [(item.line, sorted(item.fields)) for item in chapter.children] == [
        (3, ["answer", "explanation", "question"]),
        (9, ["answer", "explanation", "question"]),
        (15, ["explanation", "question"]),
    ]
    assert chapter.children[1].fields["answer"].text == "列表可变，元组不可变。"


def test_explanation_with_answer_label_after_it_not_cut(tmp_path):
    text = EXPLAINED + "\n答案：让函数在不改代码的情况下增加功能。\n"

    assert findings(write(tmp_path, text)) == []
