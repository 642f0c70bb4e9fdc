"""An answer on the line of its question: ``1、什么是GIL？答案：…``, ``Q1: What is X? A: …``, ``问：…？答：…``."""

import pytest

from doclint.engine import run
from doclint.fields import default_labels
from doclint.inline_answers import asks, asks_one_question, inline_answer, is_one_sentence, may_answer_inline
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source


def parse(text: str):
    return parse_document(Source.from_text("bank.md", text))


def items_of(text: str) -> list[tuple[str, int, str, int, str]]:
    """Return (heading, question line, question text, answer line, answer text) of each item under the one heading."""
    [chapter] = parse(text).sections
    return [
        (
            item.heading,
            item.fields["question"].line,
            item.fields["question"].text,
            item.fields["answer"].line,
            item.fields["answer"].text,
        )
        for item in chapter.children
    ]


def test_numbered_question_with_answer_label():
    text = "# 练习\n\n1、什么是GIL？答案：全局解释器锁。\n\n2、什么是装饰器？答案：接收函数并返回函数的函数。\n"

    assert items_of(text) == [
        ("1、什么是GIL？", 3, "什么是GIL？", 3, "全局解释器锁。"),
        ("2、什么是装饰器？", 5, "什么是装饰器？", 5, "接收函数并返回函数的函数。"),
    ]


def test_english_question_with_answer_letter():
    text = "# FAQ\n\nQ1: What is a list? A: It is a mutable sequence.\n\nQ2: What is a tuple? A: It is immutable.\n"

    assert items_of(text) == [
        ("Q1: What is a list?", 3, "What is a list?", 3, "It is a mutable sequence."),
        ("Q2: What is a tuple?", 5, "What is a tuple?", 5, "It is immutable."),
    ]


def test_labelled_question_pairs():
    text = "# 问答\n\n问：什么是列表？答：可变序列。\n\n问：什么是元组？答：不可变序列。\n"

    assert items_of(text) == [
        ("什么是列表？", 3, "什么是列表？", 3, "可变序列。"),
        ("什么是元组？", 5, "什么是元组？", 5, "不可变序列。"),
    ]


def test_one_pair_gives_section_fields():
    [section] = parse("## 列表\n\n问：什么是列表？答：可变序列。\n").sections

    assert {key: (field.line, field.text) for key, field in section.fields.items()} == {
        "question": (3, "什么是列表？"),
        "answer": (3, "可变序列。"),
    }


def test_lines_without_blank_lines():
    text = "# 练习\n\n1、什么是GIL？答案：全局解释器锁。\n解析：只在 CPython 中有。\n2、什么是装饰器？答案：包装函数的函数。\n"
    [chapter] = parse(text).sections
    first, second = chapter.children

    assert (first.line, first.fields["answer"].text, first.fields["explanation"].line) == (3, "全局解释器锁。", 4)
    assert (second.line, second.fields["answer"].text) == (5, "包装函数的函数。")


def test_ordered_list_of_one_line_pairs():
    text = "# 练习\n\n1. 什么是GIL？答案：全局解释器锁。\n2. 什么是装饰器？答案：包装函数的函数。\n"

    assert items_of(text) == [
        ("1. 什么是GIL？", 3, "什么是GIL？", 3, "全局解释器锁。"),
        ("2. 什么是装饰器？", 4, "什么是装饰器？", 4, "包装函数的函数。"),
    ]


def test_inline_pairs_compared(tmp_path):
    bank = tmp_path / "bank.md"
    bank.write_text("# 练习\n\n1、什么是GIL？答案：全局解释器锁。\n\n2、什么是GIL？答案：垃圾回收器。\n", encoding="utf-8")
    result = run([str(bank)], Settings())

    assert [(found.code, found.line) for found in result.diagnostics] == [("DL201", 5)]


@pytest.mark.parametrize(
    "markdown",
    [
        "1、下面哪个可变？A: list  B: tuple",
        "1、下面哪个可变？A: list\nB: tuple",
        "1、为什么？\n答案：因为。",
        "1、为什么？因为答案：在后面。",
        "1、为什么？答复：不知道。",
        "答案：为什么？",
    ],
)
def test_no_inline_answer(markdown):
    assert inline_answer(markdown, default_labels()) is None


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("1、什么是GIL？答案：锁", (9, 9)),
        ("Q1: Why? A: Because.", (8, 9)),
        ("问：为什么？ **答：** 因为。", (6, 7)),
    ],
)
def test_inline_answer_offsets(markdown, expected):
    assert inline_answer(markdown, default_labels()) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A code span around the question mark: the label inside it is code.
        "# 练习\n\n1、`x ? a : b` 是什么？\n\n2、下面的代码输出什么？\n",
        # Options on the question's line.
        "# 练习\n\n1、下面哪个可变？A: list  B: tuple\n\n2、下面哪个有序？A: set  B: list\n",
        # A paragraph that does not open with a question.
        "# 说明\n\n为什么要这样做？答案：见下一节。\n\n还有问题吗？答：请联系我们。\n",
    ],
)
def test_no_items_without_inline_answer(text):
    assert [section.kind for section in parse(text).walk()] == ["heading"]


def test_answer_label_in_code_span_stays_text():
    [section] = parse("## 表达式\n\n问：`c ? a : b` 的值？\n").sections

    assert {key: field.text for key, field in section.fields.items()} == {"question": "c ? a : b 的值？"}


def test_tutorial_steps_stay_steps():
    text = (
        "# Deploy\n\n1. Install the dependencies. Why? A: the build needs them.\n\n2. Edit the configuration.\n\n"
        "3. Start the service. Is it running? Answer: check the log.\n"
    )
    document = parse(text)

    assert [section.kind for section in document.walk()] == ["heading"]
    assert document.sections[0].fields == {}


@pytest.mark.parametrize(
    "question, expected",
    [
        ("什么是GIL？", True),
        ("What does os.path.join do?", True),
        ("Install the dependencies. Why?", False),
        ("已知 a=1。求 a+1 等于多少？", False),
        ("先安装依赖！为什么？", False),
    ],
)
def test_is_one_sentence(question, expected):
    assert is_one_sentence(question) is expected


def test_task_with_full_stop_and_answer_label():
    text = "# 面试题\n\n1、简述GIL。答案：全局解释器锁。\n\n2、请写出快速排序。答：先选基准，再分区。\n"

    assert items_of(text) == [
        ("1、简述GIL。", 3, "简述GIL。", 3, "全局解释器锁。"),
        ("2、请写出快速排序。", 5, "请写出快速排序。", 5, "先选基准，再分区。"),
    ]


def test_question_with_instruction_and_answer_label():
    text = "# 面试题\n\n1、下面的代码输出什么？请说明原因。答案：输出 3。\n\n2、简述GIL。答案：全局解释器锁。\n"

    assert items_of(text)[0] == ("1、下面的代码输出什么？请说明原因。", 3, "下面的代码输出什么？请说明原因。", 3, "输出 3。")


def test_task_without_end_mark_before_label():
    text = "# 面试题\n\n1、请写出快速排序 答：先选基准。\n\n2、简述GIL 答案：全局解释器锁。\n\nQ3: Explain the GIL. Answer: A lock.\n"

    assert [(question, answer) for _heading, _line, question, _answer_line, answer in items_of(text)] == [
        ("请写出快速排序", "先选基准。"),
        ("简述GIL", "全局解释器锁。"),
        ("Explain the GIL.", "A lock."),
    ]


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("1、简述GIL。答案：锁", (8, 8)),
        ("1、简述GIL。 **答案：** 锁", (8, 9)),
        ("1、请写出快速排序 答：略", (9, 10)),
        ("1、简述GIL。【答案】锁", (8, 8)),
        ("Q1. Explain the GIL. Answer: a lock", (20, 21)),
    ],
)
def test_answer_after_sentence_end_offsets(markdown, expected):
    assert inline_answer(markdown, default_labels()) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        # The label word inside a sentence, right after another word.
        "1、本节的答案：见下文的表格。",
        # A quoted label in English prose, and one after an English word and a space.
        '2. Run the script. It prints "Answer: 42" and exits.',
        "3. The line Answer: 42 appears in the log.",
        # A full stop inside a word or a number.
        "4. Call os.path.join.A: no",
        # A label of another field after the sentence.
        "5、简述GIL。解析：见下文。",
        # A sentence end on a later line of the paragraph.
        "6、阅读下面的代码\n执行结束。答案：3",
        # A tutorial step that gives the reply to an installer prompt.
        "7. Start the installer. Answer: yes to the licence prompt.",
    ],
)
def test_no_answer_after_sentence_end(markdown):
    assert inline_answer(markdown, default_labels()) is None


@pytest.mark.parametrize(
    "text",
    [
        # Numbered prose whose only label word is part of its sentence.
        "# 阅读指南\n\n1、本节的答案：见下文的表格。\n\n2、第二部分讲解配置。注意：先备份数据。\n\n3、最后一部分总结要点。\n",
        # Tutorial steps with a note and a quoted example.
        '# Deploy\n\n1. Install the dependencies. Note: use a virtual environment.\n\n'
        '2. Run the script. It prints "Answer: 42" and exits.\n\n3. Open the dashboard.\n',
        # A step that states a task, then asks.
        "# Deploy\n\n1. Install the dependencies. Why is that needed? Answer: the build uses them.\n\n2. Start it.\n",
        # Steps of a tutorial that tell what to answer the prompts of an installer.
        "# Setup\n\n1. Start the installer. Answer: yes to the licence prompt.\n\n2. Pick a folder for the files.\n\n"
        "3. Confirm the summary. Answer: yes to the final prompt.\n",
    ],
)
def test_prose_with_label_words_stays_text(text):
    assert [section.kind for section in parse(text).walk()] == ["heading"]


@pytest.mark.parametrize(
    "question, expected",
    [
        ("简述GIL。", True),
        ("下面的代码输出什么？请说明原因。", True),
        ("请写出快速排序", True),
        ("Explain the GIL.", True),
        ("Install the dependencies. Why?", False),
        ("先安装依赖。再配置。", False),
        ("下面的代码输出什么？请说明原因。再举一例。", False),
        ("。", False),
    ],
)
def test_asks_one_question(question, expected):
    assert asks_one_question(question) is expected


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("1、什么是GIL？答案：锁", True),
        ("1、简述GIL。答案：锁", True),
        ("1、请写出快速排序 答：略", True),
        ("1、简述GIL。【答案】锁", True),
        ("1、什么是GIL？", False),
        ("A plain sentence without any label.", False),
        ("1、本节讲解配置，见下文。", False),
        ("1、说明 a:b 与 c：d 的区别。答案：前者是切片", True),
        ("1、简述GIL。" + " " * 80 + "答案：锁", False),
    ],
    ids=["question-mark", "full-stop", "space", "bracket", "no-label", "plain", "prose", "later-colon", "far-label"],
)
def test_may_answer_inline(markdown, expected):
    assert may_answer_inline(markdown) is expected


@pytest.mark.parametrize(
    "step",
    ["1、本节介绍安装。答案：见下文", "1、出现提示时 回答：yes", "1、出现许可协议。回答：yes", "1、运行命令 答：yes"],
    ids=["full-stop-answer", "space-reply", "full-stop-reply", "space-short-label"],
)
def test_numbered_prose_keeps_label_line(step):
    text = f"# 安装指南\n\n{step}\n\n2、下载安装包并解压。\n\n3、运行安装程序。\n"
    [chapter] = parse(text).sections

    assert chapter.fields == {}
    assert [(block.line, block.text) for block in chapter.blocks] == [
        (3, step),
        (5, "2、下载安装包并解压。"),
        (7, "3、运行安装程序。"),
    ]


def test_numbered_prose_lines_stay_one_paragraph():
    text = "# 安装\n\n1、运行安装程序。\n2、出现提示时 回答：yes\n3、等待安装完成。\n"
    [chapter] = parse(text).sections

    assert chapter.fields == {}
    assert [(block.line, block.end_line) for block in chapter.blocks] == [(3, 5)]


def test_statement_in_bank_still_cut():
    text = "# 面试题\n\n1、什么是GIL？答案：全局解释器锁。\n\n2、列表与元组。答案：列表可变，元组不可变。\n"

    assert items_of(text) == [
        ("1、什么是GIL？", 3, "什么是GIL？", 3, "全局解释器锁。"),
        ("2、列表与元组。", 5, "列表与元组。", 5, "列表可变，元组不可变。"),
    ]


def test_statement_after_answered_line_still_cut():
    # The first line asks nothing either, but the answer field on its next line makes it a question.
    text = "# 面试题\n\n1、快速排序。\n答案：先选基准，再分区。\n\n2、归并排序。答案：先分后合。\n"

    assert items_of(text) == [
        ("1、快速排序。", 3, "快速排序。", 4, "先选基准，再分区。"),
        ("2、归并排序。", 6, "归并排序。", 6, "先分后合。"),
    ]


def test_imperative_bank_without_question_marks():
    text = "# 面试题\n\n1、实现快速排序。答案：先选基准。\n\n2、实现归并排序。答案：先分后合。\n"

    assert items_of(text) == [
        ("1、实现快速排序。", 3, "实现快速排序。", 3, "先选基准。"),
        ("2、实现归并排序。", 5, "实现归并排序。", 5, "先分后合。"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("什么是GIL？", True),
        ("简述GIL。", True),
        ("请写出快速排序", True),
        ("试比较列表和元组。", True),
        ("介绍一下装饰器。", True),
        ("Explain the GIL.", True),
        ("本节介绍安装。", False),
        ("在提示处", False),
        ("下载安装包并解压。", False),
        ("Start the installer.", False),
    ],
)
def test_asks(text, expected):
    assert asks(text) is expected
