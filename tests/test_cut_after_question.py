"""truncated-document at a bank that stops right after its last question or at the heading of its next item."""

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
COMPACT = (
    "# Python 面试题\n\n1、什么是GIL？答案：全局解释器锁。\n2、什么是装饰器？答案：接收函数并返回函数的函数。\n"
    "3、什么是生成器？答案：带 yield 的函数。\n4、列表和元组有什么区别？答案：列表可变，元组不可变。\n5、什么是闭包？\n"
)
COMPACT_ENGLISH = (
    "Q1: What is the GIL?\nA: A global interpreter lock.\nQ2: What is a decorator?\nA: A function that wraps one.\n"
    "Q3: What is a generator?\nA: A function with yield.\nQ4: What is a list?\nA: A mutable sequence.\n"
    "Q5: What is a closure?\n"
)
COMPACT_BOLD = (
    "# 题库\n\n**问题 1：什么是GIL？**\n**答案：** 全局解释器锁。\n**问题 2：什么是装饰器？**\n**答案：** 包装函数的函数。\n"
    "**问题 3：什么是生成器？**\n"
)
COMPACT_LINES = "1、什么是GIL？\n答案：全局解释器锁。\n2、什么是装饰器？\n答案：包装函数的函数。\n3、什么是闭包？\n"


@pytest.mark.parametrize(
    ("text", "line", "heading", "label"),
    [
        (PLAIN, 11, "第3题：数据库为什么会发生死锁？", "答案"),
        (BOLD, 11, "问题 3：数据库为什么会发生死锁？", "答案"),
        (HEADINGS, 17, "3. 死锁", "答案"),
        (FLAT, 11, "How do I delete my account?", "answer (A:)"),
        # Banks written without blank lines, where Markdown reads the last question as a line of the answer above it.
        (COMPACT, 7, "5、什么是闭包？", "答案"),
        (COMPACT + "\n---\n", 7, "5、什么是闭包？", "答案"),
        (COMPACT_ENGLISH + "<!-- end -->\n", 9, "Q5: What is a closure?", "answer (A:)"),
        (COMPACT_LINES, 5, "3、什么是闭包？", "答案"),
        (COMPACT_BOLD, 7, "问题 3：什么是生成器？", "答案"),
    ],
    ids=[
        "plain",
        "bold",
        "headings",
        "flat-faq",
        "compact",
        "compact-break",
        "compact-comment",
        "compact-lines",
        "compact-bold",
    ],
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


ZH_AFTER = "；请补全该条目或删除它，并检查它后面是否还有内容丢失"
BOLD_ITEMS = (
    "# 数据库面试题\n\n**问题：数据库索引有什么作用？**\n\n**答案：** 索引按键排序，查找时不必扫描全表。\n\n"
    "**问题：事务有哪些特性？**\n\n**答案：** 原子性、一致性、隔离性和持久性。\n\n"
)
HEADING_ITEMS = (
    "# 数据库面试题\n\n### 第28题\n\n**题目：** 数据库索引有什么作用？\n\n**答案：** 索引按键排序，查找时不必扫描全表。\n\n"
    "### 第29题\n\n**题目：** 事务有哪些特性？\n\n**答案：** 原子性、一致性、隔离性和持久性。\n\n"
)
ENGLISH_ITEMS = (
    "# Database\n\n## 1. Indexes\n\n**Q:** What does an index do?\n\n**A:** It keeps keys sorted.\n\n"
    "## 2. Transactions\n\n**Q:** What are the properties of a transaction?\n\n**A:** Atomicity and durability.\n\n"
)


def test_unnumbered_bold_question_last(tmp_path):
    path = write(tmp_path, BOLD_ITEMS + "**最后一个问题是什么？**\n")

    assert findings(path) == [
        (
            "DL204",
            11,
            'the document seems cut off at line 11: item "最后一个问题是什么？" ends after its question, without the '
            "答案 field that most items before it have" + AFTER,
        )
    ]


@pytest.mark.parametrize(
    "closing", ["**还有其他问题吗？**", "**需要更多帮助吗？**", "**Still have questions?**", "**Need more help?**", "**Anything else?**"]
)
def test_closing_bold_question_last(tmp_path, closing):
    path = write(tmp_path, BOLD_ITEMS + closing + "\n")

    assert findings(path) == []


@pytest.mark.parametrize("last", ["**Are there any known problems with Safari?**", "**升级到 3.0 后还有哪些已知问题？**"])
def test_bold_question_about_something_last(tmp_path, last):
    path = write(tmp_path, BOLD_ITEMS + last + "\n")

    assert [(code, line) for code, line, _message in findings(path)] == [("DL204", 11)]


def test_bold_question_with_text_after_it(tmp_path):
    path = write(tmp_path, BOLD_ITEMS + "**还有问题吗？**\n\n请在群里提问。\n")

    assert findings(path) == []


@pytest.mark.parametrize(
    ("text", "line", "heading", "fields"),
    [
        (HEADING_ITEMS + "### 第30题\n", 15, "第30题", "题目, 答案"),
        (ENGLISH_ITEMS + "## 3.\n", 15, "3.", "question (Q:), answer (A:)"),
    ],
    ids=["chinese", "english"],
)
def test_empty_item_heading_last(tmp_path, text, line, heading, fields):
    message = (
        f'the document seems cut off at line {line}: item "{heading}" stops at its heading, without the {fields} '
        "fields that most items before it have" + AFTER
    )

    assert findings(write(tmp_path, text)) == [("DL204", line, message)]


@pytest.mark.parametrize(
    "text",
    [
        HEADING_ITEMS.replace("### ", "## ") + "## 参考资料\n",
        ENGLISH_ITEMS + "## See also\n",
        # A heading with a title: a worksheet writes tasks as headings with nothing under them.
        HEADING_ITEMS + "### 第30题：什么是死锁？\n",
        # Another level or another numbering style is no item of the bank.
        HEADING_ITEMS + "## 第30题\n",
        HEADING_ITEMS + "### 30.\n",
        # A number that does not come next.
        HEADING_ITEMS + "### 第32题\n",
        # A question without an answer before the heading.
        HEADING_ITEMS.replace("**答案：** 原子性、一致性、隔离性和持久性。\n\n", "") + "### 第30题\n",
    ],
    ids=["references", "see-also", "titled", "level", "style", "number", "unanswered"],
)
def test_last_heading_not_cut(tmp_path, text):
    assert [found for found in findings(write(tmp_path, text)) if found[0] == "DL204"] == []


def test_short_labels_named_by_key(tmp_path):
    text = (
        "# FAQ\n\n**Q:** What does an index do?\n\n**A:** It keeps keys sorted.\n\n"
        "**Q:** What is a transaction?\n\n**A:** A unit of work.\n\n"
        "**Q:** What is a deadlock?\n\n**A:** Two transactions wait for each other\n"
    )

    assert findings(write(tmp_path, text)) == [
        (
            "DL204",
            13,
            'the document seems cut off at line 13: item "What is a deadlock?" stops mid-sentence in its answer (A:) '
            "field, without the final punctuation that this field ends with in the items before it" + AFTER,
        )
    ]


def test_short_labels_in_chinese(tmp_path, run_cli):
    path = write(
        tmp_path,
        "# 问答\n\n问：什么是索引？\n\n答：按键排序的结构。\n\n问：什么是事务？\n\n答：一组操作。\n\n问：什么是死锁？\n\n答：两个事务互相等待\n",
    )
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", str(path))

    assert stdout.splitlines()[0] == (
        f"{path}:13:1: DL204 truncated-document 文档似乎在第 13 行被截断：条目“什么是死锁？”在“答案（答：）”字段的句子中间中断，"
        "结尾没有前面条目的该字段都有的句末标点" + ZH_AFTER
    )


def test_inline_answer_label_cut(tmp_path):
    text = "# 面试题\n\n1、简述GIL。答案：全局解释器锁。\n\n2、请写出快速排序。答：先选基准，再分区。\n\n3、什么是协程？答案：\n"

    assert findings(write(tmp_path, text)) == [
        (
            "DL204",
            7,
            'the document seems cut off at line 7: item "3、什么是协程？" ends at the label of its 答案 field, with nothing '
            "after the label, without the final punctuation that this field ends with in the items before it" + AFTER,
        )
    ]


LATIN_PAIRS = "# FAQ\n\n**Q:** What is a list?\n\n**A:** An ordered sequence.\n\n**Q:** What is a tuple?\n\n**A:** A fixed sequence.\n\n"
CJK_PAIRS = "# 常见问题\n\n**问：** 什么是列表？\n\n**答：** 有序的序列。\n\n**问：** 什么是元组？\n\n**答：** 不可变的序列。\n\n"


@pytest.mark.parametrize(
    ("text", "line", "ending", "field"),
    [
        (LATIN_PAIRS + "**Q:** What is a set?\n", 11, "ends after its question, without the", "answer (A:) field that most items before it have"),
        (LATIN_PAIRS + "**Q:** What is a set?\n\n**A:** A collection of\n", 13, "stops mid-sentence in its", "answer (A:) field, without the final punctuation that this field ends with in the items before it"),
        (CJK_PAIRS + "**问：** 什么是集合？\n", 11, "ends after its question, without the", "answer (答：) field that most items before it have"),
        (CJK_PAIRS + "**问：** 什么是集合？\n\n**答：** 无序的值，并且\n", 13, "stops mid-sentence in its", "answer (答：) field, without the final punctuation that this field ends with in the items before it"),
    ],
    ids=["latin-after-question", "latin-in-answer", "cjk-after-question", "cjk-in-answer"],
)
def test_short_label_named_alike_wherever_cut(tmp_path, text, line, ending, field):
    heading = "What is a set?" if text.startswith("# FAQ") else "什么是集合？"
    message = f'the document seems cut off at line {line}: item "{heading}" {ending} {field}' + AFTER

    assert findings(write(tmp_path, text)) == [("DL204", line, message)]


@pytest.mark.parametrize(
    ("text", "line", "ending"),
    [
        (LATIN_PAIRS + "**Q:** What is a set?\n", 11, "在题目之后就结束了，缺少前面大多数条目都有的“答案（A:）”字段"),
        (LATIN_PAIRS + "**Q:** What is a set?\n\n**A:** A collection of\n", 13, "在“答案（A:）”字段的句子中间中断，结尾没有前面条目的该字段都有的句末标点"),
        (CJK_PAIRS + "**问：** 什么是集合？\n", 11, "在题目之后就结束了，缺少前面大多数条目都有的“答案（答：）”字段"),
        (CJK_PAIRS + "**问：** 什么是集合？\n\n**答：** 无序的值，并且\n", 13, "在“答案（答：）”字段的句子中间中断，结尾没有前面条目的该字段都有的句末标点"),
    ],
    ids=["latin-after-question", "latin-in-answer", "cjk-after-question", "cjk-in-answer"],
)
def test_short_label_named_alike_in_chinese(tmp_path, run_cli, text, line, ending):
    path = write(tmp_path, text)
    heading = "What is a set?" if text.startswith("# FAQ") else "什么是集合？"
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", str(path))

    assert stdout.splitlines()[0] == (
        f"{path}:{line}:1: DL204 truncated-document 文档似乎在第 {line} 行被截断：条目“{heading}”{ending}" + ZH_AFTER
    )


def test_missing_fields_listed_in_chinese(tmp_path, run_cli):
    path = write(tmp_path, HEADING_ITEMS + "### 第30题\n")
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", str(path))

    assert stdout.splitlines()[0] == (
        f"{path}:15:1: DL204 truncated-document 文档似乎在第 15 行被截断：条目“第30题”只有标题，标题下面没有内容，"
        "缺少前面大多数条目都有的“题目、答案”字段" + ZH_AFTER
    )


NUMBER_HEADINGS = (
    "# 数据库\n\n### 第1题\n\n数据库索引有什么作用？\n\n**答案：** 索引按键排序，查找时不必扫描全表。\n\n"
    "### 第2题\n\n事务有哪些特性？\n\n**答案：** 原子性、一致性、隔离性和持久性。\n\n"
    "### 第3题\n\n数据库为什么会发生死锁？\n"
)


@pytest.mark.parametrize("closing", ["", "\n---\n", "\n<!-- 生成结束 -->\n", "\n---\n\n<!-- 生成结束 -->\n"])
@pytest.mark.parametrize(
    ("text", "line", "heading"),
    [(NUMBER_HEADINGS, 17, "第3题"), (PLAIN, 11, "第3题：数据库为什么会发生死锁？")],
    ids=["number-headings", "plain"],
)
def test_question_cut_before_closing_marks(tmp_path, text, line, heading, closing):
    message = (
        f'the document seems cut off at line {line}: item "{heading}" ends after its question, without the 答案 field '
        "that most items before it have" + AFTER
    )

    assert findings(write(tmp_path, text + closing)) == [("DL204", line, message)]


def test_number_heading_paragraph_is_question():
    document = parse_document(Source.from_text("bank.md", NUMBER_HEADINGS))
    [chapter] = document.sections
    fields = [(section.heading, {key: (field.line, field.text) for key, field in section.fields.items()}) for section in chapter.children]

    assert fields == [
        ("第1题", {"question": (5, "数据库索引有什么作用？"), "answer": (7, "索引按键排序，查找时不必扫描全表。")}),
        ("第2题", {"question": (11, "事务有哪些特性？"), "answer": (13, "原子性、一致性、隔离性和持久性。")}),
        ("第3题", {"question": (17, "数据库为什么会发生死锁？")}),
    ]


def test_number_heading_with_prose_not_cut(tmp_path):
    # Text after the question paragraph may be its answer, written in prose.
    text = NUMBER_HEADINGS + "\n两个事务互相等待对方的锁。\n"

    assert [found for found in findings(write(tmp_path, text)) if found[0] == "DL204"] == []


def test_titled_number_heading_not_cut(tmp_path):
    # A heading with a title names a topic: it is no question number alone.
    text = NUMBER_HEADINGS.replace("### 第3题\n", "### 第3题：死锁\n")

    assert [found for found in findings(write(tmp_path, text)) if found[0] == "DL204"] == []


def test_one_number_heading_item_not_bank():
    text = "# 安装\n\n## 1.\n\n下载安装包。\n\n**答案：** 见下文。\n\n## 2.\n\n运行安装程序。\n"
    document = parse_document(Source.from_text("steps.md", text))

    assert [list(section.fields) for section in document.sections[0].children] == [["answer"], []]


@pytest.mark.parametrize("after", ["\n后面还有一段说明。\n", "\n# 附录\n\n参考资料。\n"])
def test_compact_last_line_before_text_stays_answer(tmp_path, after):
    document = parse_document(Source.from_text("bank.md", COMPACT + after))
    items = document.sections[0].children

    assert [item.line for item in items] == [3, 4, 5, 6]
    assert items[-1].fields["answer"].text == "列表可变，元组不可变。\n5、什么是闭包？"
    assert findings(write(tmp_path, COMPACT + after)) == []
