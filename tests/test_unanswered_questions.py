"""A question without an answer in the middle of a bank is an item of its own, which missing-answer reports."""

from __future__ import annotations

import pytest

from doclint.engine import run
from doclint.i18n import set_language
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source

NO_ANSWER = "; write the answer after its question or remove the question"

CHINESE = "1、什么是GIL？\n答案：全局解释器锁。\n\n2、什么是装饰器？\n\n3、什么是生成器？\n答案：带 yield 的函数。\n"
ENGLISH = "Q1: What is the GIL?\nA: A global interpreter lock.\n\nQ2: What is a decorator?\n\nQ3: What is a generator?\nA: A function with yield.\n"
BOLD = (
    "**问题 1：什么是GIL？**\n\n**答案：** 全局解释器锁。\n\n**问题 2：什么是装饰器？**\n\n"
    "**问题 3：什么是生成器？**\n\n**答案：** 带 yield 的函数。\n"
)
FLAT = (
    "**Question:** What is the GIL?\n\n**Answer:** A global interpreter lock.\n\n**Question:** What is a decorator?\n\n"
    "**Question:** What is a generator?\n\n**Answer:** A function with yield.\n"
)
LISTED = "1. 什么是GIL？\n答案：全局解释器锁。\n\n2. 什么是装饰器？\n\n3. 什么是生成器？\n答案：带 yield 的函数。\n"


def findings(path, **settings) -> list[tuple[str, int, int, str]]:
    result = run([str(path)], Settings(cache_dir=None, **settings))
    assert result.errors == []
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics]


def write(tmp_path, text: str):
    path = tmp_path / "bank.md"
    path.write_text(text, encoding="utf-8")
    return path


def fields_of_items(text: str) -> list[tuple[int, list[str]]]:
    """Return (line, field keys) of each top-level item of a document."""
    document = parse_document(Source.from_text("bank.md", text))
    return [(section.line, list(section.fields)) for section in document.sections]


@pytest.mark.parametrize(
    ("text", "line", "heading"),
    [
        (CHINESE, 4, "2、什么是装饰器？"),
        (ENGLISH, 4, "Q2: What is a decorator?"),
        (BOLD, 5, "问题 2：什么是装饰器？"),
        (LISTED, 4, "2. 什么是装饰器？"),
    ],
    ids=["chinese", "english", "bold", "ordered-list"],
)
def test_question_between_items_is_item(tmp_path, text, line, heading):
    assert fields_of_items(text)[1] == (line, ["question"])
    assert [found for found in findings(write(tmp_path, text)) if found[0] == "DL203"] == [
        ("DL203", line, 1, f'item "{heading}" has no answer' + NO_ANSWER)
    ]


def test_unanswered_question_keeps_numbers_in_order(tmp_path):
    # Question 2 is an item of its own, so 1, 2 and 3 run on and only its missing answer is reported.
    path = write(tmp_path, CHINESE)

    assert findings(path) == [("DL203", 4, 1, 'item "2、什么是装饰器？" has no answer' + NO_ANSWER)]


def test_flat_faq_question_without_answer(tmp_path):
    assert findings(write(tmp_path, FLAT)) == [
        ("DL203", 5, 1, 'item "What is a decorator?" has no answer' + NO_ANSWER),
    ]


def test_two_questions_without_answers(tmp_path):
    text = (
        "1、什么是GIL？\n答案：全局解释器锁。\n\n2、什么是装饰器？\n\n3、什么是闭包？\n\n"
        "4、什么是协程？\n答案：可以暂停的函数。\n\n5、什么是生成器？\n答案：带 yield 的函数。\n"
    )

    assert [found for found in findings(write(tmp_path, text)) if found[0] == "DL203"] == [
        ("DL203", 4, 1, 'item "2、什么是装饰器？" has no answer' + NO_ANSWER),
        ("DL203", 6, 1, 'item "3、什么是闭包？" has no answer' + NO_ANSWER),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Numbered steps of an answer, then the next question.
        "1、如何安装？\n答案：\n1、下载安装包。\n2、运行安装程序。\n\n2、如何卸载？\n答案：在设置中删除。\n\n"
        "3、如何升级？\n答案：重新安装。\n",
        # Numbered steps of an explanation after the answer.
        "1、什么是GIL？\n答案：全局解释器锁。\n**解析：**\n1、它保护解释器状态。\n2、同一时刻只有一个线程执行字节码。\n\n"
        "3、什么是生成器？\n答案：带 yield 的函数。\n",
        # Text after the question may be its answer without a label.
        "1、什么是GIL？\n答案：全局解释器锁。\n\n2、什么是装饰器？\n\n它接收一个函数并返回一个函数。\n\n"
        "3、什么是生成器？\n答案：带 yield 的函数。\n",
        # A number that does not come next.
        "1、什么是GIL？\n答案：全局解释器锁。\n\n5、什么是装饰器？\n\n3、什么是生成器？\n答案：带 yield 的函数。\n",
        # The same cases without blank lines, where Markdown reads each bank as one paragraph.
        # Numbered steps of an answer, then the next question.
        "1、如何安装？\n答案：\n1、下载安装包。\n2、运行安装程序。\n2、如何卸载？\n答案：在设置中删除。\n"
        "3、如何升级？\n答案：重新安装。\n",
        # Steps that go on with the number of the question, then a question that does not follow the last step.
        "1、如何安装？答案：步骤如下\n2、下载安装包。\n3、运行安装程序。\n2、如何卸载？答案：在设置中删除。\n"
        "3、如何升级？答案：重新安装。\n",
        # Numbered steps of an explanation after the answer.
        "1、什么是GIL？\n答案：全局解释器锁。\n**解析：**\n1、它保护解释器状态。\n2、同一时刻只有一个线程执行字节码。\n"
        "3、什么是生成器？\n答案：带 yield 的函数。\n",
        # Text after the question may be its answer without a label.
        "1、什么是GIL？\n答案：全局解释器锁。\n2、什么是装饰器？\n它接收一个函数并返回一个函数。\n"
        "3、什么是生成器？\n答案：带 yield 的函数。\n",
        # A number that does not come next.
        "1、什么是GIL？\n答案：全局解释器锁。\n5、什么是装饰器？\n3、什么是生成器？\n答案：带 yield 的函数。\n",
    ],
    ids=[
        "answer-steps",
        "explanation-steps",
        "text-after",
        "other-number",
        "compact-answer-steps",
        "compact-continued-steps",
        "compact-explanation-steps",
        "compact-text-after",
        "compact-other-number",
    ],
)
def test_numbered_lines_in_answer_stay_text(tmp_path, text):
    assert [found for found in findings(write(tmp_path, text)) if found[0] == "DL203"] == []
    assert all("answer" in keys for _line, keys in fields_of_items(text))


def test_worksheet_with_mostly_open_questions(tmp_path):
    text = (
        "1、什么是GIL？\n答案：全局解释器锁。\n\n2、什么是装饰器？\n答案：包装函数的函数。\n\n3、什么是闭包？\n\n"
        "4、什么是协程？\n\n5、什么是生成器？\n\n6、什么是迭代器？\n答案：实现 __next__ 的对象。\n"
    )

    assert findings(write(tmp_path, text)) == []


def test_missing_answer_reported_once_under_schema(tmp_path):
    messages = [found for found in findings(write(tmp_path, CHINESE), schema="qa-article") if found[1] == 4]

    assert messages == [
        ("DL203", 4, 1, 'item "2、什么是装饰器？" has no answer' + NO_ANSWER),
        ("DL401", 4, 1, 'item "2、什么是装饰器？" has no explanation field; add it as **解析：** followed by its text'),
    ]


def test_unanswered_message_in_chinese(tmp_path):
    path = write(tmp_path, CHINESE)
    set_language("zh-CN")
    try:
        found = findings(path)
    finally:
        set_language("en")

    assert found[0] == ("DL203", 4, 1, "条目“2、什么是装饰器？”没有答案；请在问题后写出答案或删除该问题")


# The same banks written without blank lines between their lines: Markdown reads each as one paragraph.
COMPACT_INLINE = (
    "# Python 面试题\n\n1、什么是GIL？答案：全局解释器锁。\n2、什么是装饰器？\n3、什么是生成器？答案：带 yield 的函数。\n"
    "4、列表和元组有什么区别？答案：列表可变，元组不可变。\n"
)
COMPACT_LINES = (
    "1、什么是GIL？\n答案：全局解释器锁。\n2、什么是装饰器？\n3、什么是生成器？\n答案：带 yield 的函数。\n"
    "4、列表和元组有什么区别？\n答案：列表可变，元组不可变。\n"
)
COMPACT_ENGLISH = (
    "Q1: What is the GIL?\nA: A global interpreter lock.\nQ2: What is a decorator?\nQ3: What is a generator?\n"
    "A: A function with yield.\nQ4: What is a list?\nA: A mutable sequence.\n"
)
COMPACT_PAIRS = "问：什么是GIL？\n答：全局解释器锁。\n问：什么是装饰器？\n问：什么是生成器？\n答：带 yield 的函数。\n"
COMPACT_INLINE_PAIRS = "问：什么是GIL？答：全局解释器锁。\n问：什么是装饰器？\n问：什么是生成器？答：带 yield 的函数。\n"
COMPACT_BOLD = (
    "**问题 1：什么是GIL？**\n**答案：** 全局解释器锁。\n**问题 2：什么是装饰器？**\n**问题 3：什么是生成器？**\n"
    "**答案：** 带 yield 的函数。\n"
)
# The answer paragraph holds the next question, but its own question stands in the paragraph before it.
ANSWER_PARAGRAPH = "1、什么是GIL？\n\n答案：全局解释器锁。\n2、什么是装饰器？\n\n3、什么是生成器？\n答案：带 yield 的函数。\n"


@pytest.mark.parametrize(
    ("text", "line", "heading"),
    [
        (COMPACT_INLINE, 4, "2、什么是装饰器？"),
        (COMPACT_LINES, 3, "2、什么是装饰器？"),
        (COMPACT_ENGLISH, 3, "Q2: What is a decorator?"),
        (COMPACT_PAIRS, 3, "什么是装饰器？"),
        (COMPACT_INLINE_PAIRS, 2, "什么是装饰器？"),
        (ANSWER_PARAGRAPH, 4, "2、什么是装饰器？"),
        (COMPACT_BOLD, 3, "问题 2：什么是装饰器？"),
    ],
    ids=["inline-answers", "answer-lines", "english", "pairs", "inline-pairs", "answer-paragraph", "bold"],
)
def test_question_between_items_without_blank_lines(tmp_path, text, line, heading):
    assert findings(write(tmp_path, text)) == [("DL203", line, 1, f'item "{heading}" has no answer' + NO_ANSWER)]


def test_compact_unanswered_question_is_item():
    items = parse_document(Source.from_text("bank.md", COMPACT_LINES)).sections

    assert [(item.line, item.end_line, list(item.fields)) for item in items] == [
        (1, 2, ["question", "answer"]),
        (3, 3, ["question"]),
        (4, 5, ["question", "answer"]),
        (6, 7, ["question", "answer"]),
    ]
    assert items[0].fields["answer"].text == "全局解释器锁。"


def test_compact_bold_questions_are_items():
    text = (
        "**问题 1：什么是GIL？**\n**答案：** 全局解释器锁。\n**问题 2：什么是装饰器？**\n**答案：** 包装函数的函数。\n"
        "**问题 3：什么是生成器？**\n**答案：** 带 yield 的函数。\n"
    )
    items = parse_document(Source.from_text("bank.md", text)).sections

    assert [(item.line, item.end_line, item.fields["answer"].text) for item in items] == [
        (1, 2, "全局解释器锁。"),
        (3, 4, "包装函数的函数。"),
        (5, 6, "带 yield 的函数。"),
    ]


def test_compact_questions_in_a_row(tmp_path):
    text = (
        "1、什么是GIL？\n答案：全局解释器锁。\n2、什么是装饰器？\n3、下面哪个可变？\nA. list\nB. tuple\n"
        "4、什么是协程？\n答案：可以暂停的函数。\n5、什么是生成器？\n答案：带 yield 的函数。\n"
    )

    assert findings(write(tmp_path, text)) == [
        ("DL203", 3, 1, 'item "2、什么是装饰器？" has no answer' + NO_ANSWER),
        ("DL203", 4, 1, 'item "3、下面哪个可变？ A. list B. tuple" has no answer' + NO_ANSWER),
    ]


def test_compact_question_before_answer_paragraph(tmp_path):
    # The answer of Q2 follows after a blank line, so Q2 is answered and every number runs on.
    text = (
        "Q1: What is the GIL?\nA: A global interpreter lock.\nQ2: What is a decorator?\n\nA: A function that wraps one.\n\n"
        "Q3: What is a generator?\nA: A function with yield.\n"
    )

    assert findings(write(tmp_path, text)) == []
    assert [item.fields["answer"].text for item in parse_document(Source.from_text("bank.md", text)).sections] == [
        "A global interpreter lock.",
        "A function that wraps one.",
        "A function with yield.",
    ]


def test_compact_fix_writes_no_second_number(tmp_path, run_cli):
    path = write(tmp_path, COMPACT_INLINE)

    _code, stdout, _err = run_cli("check", "--no-config", "--no-cache", "--diff", "--unsafe-fixes", str(path))

    assert "DL402" not in stdout
    assert "2、" not in "".join(line for line in stdout.splitlines() if line.startswith("+"))

