"""Question banks written as plain paragraphs: ``第1题：…`` or ``Q1: …`` over ``答案：…`` are items."""

import shutil

import pytest

from doclint.engine import run
from doclint.fields import default_labels
from doclint.item_questions import is_options, plain_question
from doclint.model import Paragraph
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES

CHINESE = FIXTURES / "plain-questions-zh.md"
ENGLISH = FIXTURES / "plain-questions-en.md"
PROSE = FIXTURES / "numbered-prose-zh.md"


def parse(text: str):
    return parse_document(Source.from_text("bank.md", text))


def findings(*paths):
    result = run([str(path) for path in paths], Settings())
    assert result.errors == []
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics]


def two_items(text: str):
    """Return the two items under the document's one heading."""
    [chapter] = parse(text).sections
    first, second = chapter.children
    return first, second


def items_of(text: str) -> list[tuple[str | None, str, int, str]]:
    """Return (number, question text, line, answer text) of each item under the document's one heading."""
    [chapter] = parse(text).sections
    return [
        (item.number, item.fields["question"].text, item.line, item.fields["answer"].text)
        for item in chapter.children
    ]


def test_chinese_bank_findings():
    assert findings(CHINESE) == [
        (
            "DL201", 11, 1,
            'item "第4题：Python 中列表和元组有什么区别？" asks the question of item '
            '"第1题：Python 中列表和元组有什么区别？" (line 3) again but answers it differently: '
            'the answer reads "元组可以作为字典的键，列表不可以。" here and "列表可变，元组不可变。" at line 5; '
            "keep one answer and correct or remove the other",
        ),
        (
            "DL402", 11, 2,
            'item "第4题：Python 中列表和元组有什么区别？" skips from 2 (line 7) to 4; the fix renumbers it to 3',
        ),
        ("DL203", 17, 1, 'item "第4题：什么是 GIL？" has no answer, only the placeholder "TODO"; write the answer or remove the item'),
    ]


def test_findings_match_bold_bank(tmp_path):
    bold = tmp_path / "bold.md"
    lines = CHINESE.read_text(encoding="utf-8").splitlines(keepends=True)
    bold.write_text("".join(f"**{line.rstrip()}**\n" if line.startswith("第") else line for line in lines), encoding="utf-8")

    plain = [(code, line, message) for code, line, _column, message in findings(CHINESE)]
    assert [(code, line, message) for code, line, _column, message in findings(bold)] == plain


def test_english_bank_findings():
    assert findings(ENGLISH) == [
        (
            "DL201", 26, 1,
            'item "Question 5: How do I create a virtual environment?" asks the question of item '
            '"Q2: How do I create a virtual environment?" (line 11) again but answers it differently: '
            'the answer reads "…module, then activate it:" here and "…activate it: Install packages…" at line 12; '
            'step 2 reads "Run .venv\\Scripts\\activate…" here and "Run source .venv/bin/activate." at line 15; '
            "the answer's code differs from the code at line 19; keep one answer and correct or remove the other",
        ),
        (
            "DL402", 26, 10,
            'item "Question 5: How do I create a virtual environment?" skips from 3 (line 23) to 5; '
            "the fix renumbers it to 4",
        ),
        ("DL203", 33, 1, 'item "Q6: What is the GIL?" has no answer, only the placeholder "Answer here"; write the answer or remove the item'),
    ]


def test_numbered_prose_has_no_bank_findings():
    # The three steps are numbered 1、2、4: paragraph-numbering reports the skip, and no rule reads the lines as items.
    assert [(code, line) for code, line, _column, _message in findings(PROSE)] == [("DL404", 9)]


def test_numbered_prose_has_no_items():
    document = parse(PROSE.read_text(encoding="utf-8"))

    assert [section.kind for section in document.walk()] == ["heading", "heading"]


@pytest.mark.parametrize(
    "first, second",
    [
        ("第1题：", "第2题："),
        ("第1题.", "第2题."),
        ("第 1 题 ", "第 2 题 "),
        ("第一题：", "第二题："),
        ("题目1：", "题目2："),
        ("问题 1：", "问题 2："),
        ("1、", "2、"),
        ("1.", "2."),
        ("1）", "2）"),
        ("1：", "2："),
        ("Q1: ", "Q2: "),
        ("Q1. ", "Q2. "),
        ("Question 1: ", "Question 2: "),
        ("Exercise 1: ", "Exercise 2: "),
    ],
)
def test_numbered_forms_open_items(first, second):
    text = f"# 题库\n\n{first}什么是列表？\n\n答案：可变序列。\n\n{second}什么是元组？\n\n答案：不可变序列。\n"

    assert items_of(text) == [("1", "什么是列表？", 3, "可变序列。"), ("2", "什么是元组？", 7, "不可变序列。")]


@pytest.mark.parametrize("answer", ["答案：", "答案:", "参考答案：", "答：", "Answer: ", "A: ", "**答案：**", "【答案】"])
def test_answer_labels_close_question(answer):
    text = f"# 题库\n\n1、什么是列表？\n\n{answer}可变序列。\n\n2、什么是元组？\n\n{answer}不可变序列。\n"

    assert [number for number, _question, _line, _answer in items_of(text)] == ["1", "2"]


def test_question_and_answer_lines_without_blank_line():
    text = "# 题库\n\n第1题：什么是列表？\n答案：可变序列。\n解析：元素可以重新赋值。\n第2题：什么是元组？\n答案：不可变序列。\n"
    first, second = two_items(text)

    assert {key: (field.line, field.text) for key, field in first.fields.items()} == {
        "question": (3, "什么是列表？"),
        "answer": (4, "可变序列。"),
        "explanation": (5, "元素可以重新赋值。"),
    }
    assert (second.line, second.fields["answer"].line) == (6, 7)


def test_answer_runs_over_list_and_code():
    text = (
        "# Bank\n\nQ1: How do I make a virtual environment?\nAnswer: Two steps:\n\n"
        "1. Run venv.\n2. Activate it.\n\nThen install.\n\n```sh\npip install x\n```\n\n"
        "Q2: What is a list?\nAnswer: A sequence.\n"
    )
    first, second = two_items(text)
    answer = first.fields["answer"]

    assert (answer.line, answer.end_line) == (4, 13)
    assert answer.text == "Two steps:\n\nThen install."
    assert [step.text for step in answer.steps] == ["Run venv.", "Activate it."]
    assert (first.end_line, second.line) == (13, 15)


def test_code_between_question_and_answer(tmp_path):
    text = (
        "# 题库\n\n1、下面的代码输出什么？\n\n```python\nprint(1)\n```\n\n答案：1\n\n"
        "2、下面的代码输出什么？\n\n```python\nprint(2)\n```\n\n答案：2\n"
    )
    [chapter] = parse(text).sections

    assert [(item.line, item.fields["answer"].line) for item in chapter.children] == [(3, 9), (11, 17)]
    bank = tmp_path / "bank.md"
    bank.write_text(text, encoding="utf-8")
    assert findings(bank) == []


def test_multiple_choice_options_belong_to_question():
    text = (
        "# 题库\n\n第1题：哪个类型不可变？\nA. list\nB. tuple\n答案：B\n\n"
        "第2题：哪个类型可变？\nA. list\nB. tuple\n答案：A\n"
    )
    first, second = two_items(text)

    assert first.heading == "第1题：哪个类型不可变？ A. list B. tuple"
    assert first.fields["question"].text == "哪个类型不可变？\nA. list\nB. tuple"
    assert (first.fields["answer"].line, first.fields["answer"].text) == (6, "B")
    assert second.line == 8


def test_one_numbered_question_is_no_item():
    text = "# 练习\n\n### 8. 解释 CAP 定理\n\n先回答下面的问题：\n\n1、什么是一致性？\n\n答案：读到最新的写入。\n"

    assert [section.kind for section in parse(text).walk()] == ["heading", "heading"]


def test_numbered_lines_without_answer_are_no_items():
    text = "# 步骤\n\n1、安装依赖。\n\n2、修改配置。\n\n解析：先装依赖再改配置。\n\n3、启动服务。\n"

    assert [section.kind for section in parse(text).walk()] == ["heading"]


def test_explanation_line_stays_in_numbered_paragraph():
    text = "# 步骤\n\n1、安装依赖。\n解析：先装依赖。\n\n2、修改配置。\n解析：再改配置。\n"
    [chapter] = parse(text).sections

    assert [(block.line, block.end_line) for block in chapter.blocks] == [(3, 4), (6, 7)]


@pytest.mark.parametrize(
    "line",
    [
        "Q3 revenue grew in every region.",
        "问题 2 更难一些。",
        "一、选择题",
        "（1）什么是列表？",
        "1.5 倍的内存足够。",
        "Step 1: install",
        "第三章 列表",
        "**1. 什么是列表？**",
        "第1题",
    ],
)
def test_plain_question_rejects(line):
    assert plain_question(line, default_labels()) is None


def test_plain_question_reads_label_and_number():
    assert plain_question("问题12：什么是列表？", default_labels()) == ("12", "什么是列表？", "问题")


def test_diff_renumbers_plain_question(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(CHINESE, tmp_path / "bank.md")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--diff", "bank.md")

    assert code == 1
    assert stdout == (
        "--- a/bank.md\n+++ b/bank.md\n@@ -8,7 +8,7 @@\n \n 答案：装饰器是一个接收函数并返回函数的函数。\n \n"
        "-第4题：Python 中列表和元组有什么区别？\n+第3题：Python 中列表和元组有什么区别？\n \n"
        " 答案：元组可以作为字典的键，列表不可以。\n \n"
    )


def test_fix_renumbers_plain_question(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bank = tmp_path / "bank.md"
    shutil.copyfile(CHINESE, bank)

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--fix", "bank.md")

    questions = [line for line in bank.read_text(encoding="utf-8").splitlines() if line.startswith("第")]
    assert questions == ["第1题：Python 中列表和元组有什么区别？", "第2题：什么是装饰器？", "第3题：Python 中列表和元组有什么区别？", "第4题：什么是 GIL？"]
    assert code == 1
    assert stdout.splitlines()[-2:] == ["Fixed 1 problem.", "Found 2 problems (1 error, 1 warning, 0 info) in 1 file."]


def test_chinese_messages(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(CHINESE, tmp_path / "bank.md")

    _code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--lang", "zh-CN", "bank.md")

    assert stdout.splitlines() == [
        "bank.md:11:1: DL201 inconsistent-answer 条目“第4题：Python 中列表和元组有什么区别？”与条目“第1题：Python 中列表和元组有什么区别？”"
        "（第 3 行）问的是同一个问题，但答案不同：答案在此处是“元组可以作为字典的键，列表不可以。”，在第 5 行是“列表可变，元组不可变。”；"
        "请保留一个答案，修改或删除另一个",
        "bank.md:11:2: DL402 heading-numbering [*] 条目“第4题：Python 中列表和元组有什么区别？”的编号从 2（第 7 行）跳到 4；修复后改为 3",
        "bank.md:17:1: DL203 missing-answer 条目“第4题：什么是 GIL？”没有答案，只有占位符“TODO”；请写出答案或删除该条目",
        "在 1 个文件中发现 3 个问题（1 个错误，2 个警告，0 个提示）。",
        "[*] 其中 1 个可用 --fix 修复。",
    ]


LIST_BANK = "# 题库\n\n1. 什么是列表？\n\n答案：可变序列。\n\n2. 什么是元组？\n\n答案：不可变序列。\n\n4. 什么是列表？\n\n答案：有序的容器。\n"


def test_one_item_lists_are_questions():
    assert items_of(LIST_BANK) == [
        ("1", "什么是列表？", 3, "可变序列。"),
        ("2", "什么是元组？", 7, "不可变序列。"),
        ("4", "什么是列表？", 11, "有序的容器。"),
    ]


def test_list_bank_findings(tmp_path):
    bank = tmp_path / "bank.md"
    bank.write_text(LIST_BANK, encoding="utf-8")

    assert findings(bank) == [
        (
            "DL201", 11, 1,
            'item "4. 什么是列表？" asks the question of item "1. 什么是列表？" (line 3) again but answers it differently: '
            'the answer reads "有序的容器。" here and "可变序列。" at line 5; keep one answer and correct or remove the other',
        ),
        ("DL402", 11, 1, 'item "4. 什么是列表？" skips from 2 (line 7) to 4; the fix renumbers it to 3'),
    ]


def test_list_answers_on_next_lines():
    text = "# 题库\n\n1. 什么是列表？\n答案：可变序列。\n解析：元素可以改。\n2) 什么是元组？\n答案：不可变序列。\n"
    first, second = two_items(text)

    assert (first.heading, second.heading) == ("1. 什么是列表？", "2) 什么是元组？")
    assert {key: (field.line, field.text) for key, field in first.fields.items()} == {
        "question": (3, "什么是列表？"),
        "answer": (4, "可变序列。"),
        "explanation": (5, "元素可以改。"),
    }
    assert (second.fields["answer"].line, second.fields["answer"].text) == (7, "不可变序列。")


def test_list_answers_indented_under_items():
    text = "# 题库\n\n1. 什么是列表？\n\n   答案：可变序列。\n\n2. 什么是元组？\n\n   答案：不可变序列。\n"

    assert items_of(text) == [("1", "什么是列表？", 3, "可变序列。"), ("2", "什么是元组？", 7, "不可变序列。")]


def test_question_list_without_answers_stays_list():
    text = "# 思考题\n\n1. 什么是列表？\n2. 什么是元组？\n\n答案：见下一章。\n"
    [chapter] = parse(text).sections

    assert chapter.children == []
    assert [type(block).__name__ for block in chapter.blocks] == ["ListBlock", "Paragraph"]


def test_answer_steps_stay_steps():
    text = "# 题库\n\n1、如何部署？\n\n答案：\n\n1. 安装。\n2. 启动。\n\n2、如何回滚？\n\n答案：\n\n1. 停止。\n"
    first, second = two_items(text)

    assert [step.text for step in first.fields["answer"].steps] == ["安装。", "启动。"]
    assert [step.text for step in second.fields["answer"].steps] == ["停止。"]


def test_fix_renumbers_list_marker(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bank = tmp_path / "bank.md"
    bank.write_text(LIST_BANK, encoding="utf-8")

    run_cli("check", "--no-config", "--no-cache", "--fix", "bank.md")

    assert bank.read_text(encoding="utf-8") == LIST_BANK.replace("4. 什么", "3. 什么")


def test_blocks_under_last_list_question_stay_in_item():
    text = (
        "# 题库\n\n1. 什么是列表？\n\n   答案：可变序列。\n\n2. 怎样创建列表？\n\n   答案：用方括号。\n\n"
        "   ```python\n   items = [1, 2]\n   ```\n\n以上题目选自课后练习。\n"
    )
    [chapter] = parse(text).sections
    last = chapter.children[-1]

    assert [(type(block).__name__, block.line) for block in last.blocks] == [("Paragraph", 9), ("CodeBlock", 11)]
    assert last.end_line == 13
    assert [(type(block).__name__, block.line) for block in chapter.blocks] == [("Paragraph", 15)]


CHOICES = (
    "# 选择题\n\n第1题：下列哪个类型不可变？\n\nA. list\nB. tuple\nC. dict\n\n答案：B\n\n"
    "第2题：下列哪个类型不可变？\n\n- A. set\n- B. frozenset\n\n答案：B\n"
)


def test_options_between_question_and_answer():
    first, second = two_items(CHOICES)

    assert (first.fields["question"].line, first.fields["question"].end_line) == (3, 7)
    assert first.fields["question"].text == "下列哪个类型不可变？\n\nA. list\nB. tuple\nC. dict"
    assert second.fields["question"].text == "下列哪个类型不可变？\n\nA. set\nB. frozenset"
    assert (second.line, second.fields["answer"].line) == (11, 16)


def test_other_options_make_other_question(tmp_path):
    bank = tmp_path / "bank.md"
    bank.write_text(CHOICES, encoding="utf-8")

    assert findings(bank) == []


def test_same_options_other_answer_reported(tmp_path):
    bank = tmp_path / "bank.md"
    bank.write_text(CHOICES.replace("- A. set\n- B. frozenset\n\n答案：B", "A. list\nB. tuple\nC. dict\n\n答案：C"), encoding="utf-8")

    assert findings(bank) == [
        (
            "DL201", 11, 1,
            'item "第2题：下列哪个类型不可变？" asks the question of item "第1题：下列哪个类型不可变？" (line 3) again '
            'but answers it differently: the answer reads "C" here and "B" at line 9; keep one answer and correct or remove the other',
        ),
    ]


def test_prose_between_question_and_answer_is_no_item():
    text = "# 题库\n\n1、什么是列表？\n\n先想一想。\n\n答案：可变序列。\n\n2、什么是元组？\n\n再想一想。\n\n答案：不可变序列。\n"

    assert [section.kind for section in parse(text).walk()] == ["heading"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A. list\nB. tuple", True),
        ("A、list\nB、tuple\nC、dict", True),
        ("a) list\nb) tuple", True),
        ("A. list  B. tuple", True),
        ("B. tuple\nC. dict", False),
        ("A. list\nC. dict", False),
        ("A. list\n先想一想。", False),
        ("Answer: list", False),
    ],
)
def test_options_paragraph(text, expected):
    assert is_options(Paragraph(1, text.count("\n") + 1, text, text)) is expected


def test_list_question_with_options():
    text = (
        "# 选择题\n\n1. 哪个类型不可变？\n\n   A. list\n   B. tuple\n\n   答案：B\n\n"
        "2. 哪个类型可变？\n\n   A. list\n   B. tuple\n\n   答案：A\n"
    )

    assert items_of(text) == [
        ("1", "哪个类型不可变？\n\nA. list\nB. tuple", 3, "B"),
        ("2", "哪个类型可变？\n\nA. list\nB. tuple", 10, "A"),
    ]


def test_numbered_lines_under_labelled_question_stay_in_it():
    text = (
        "# 综合题\n\n### 5. 阅读代码\n\n**题目：** 阅读代码，回答问题。\n\n1、输出是什么？\n\n**答案：** 3\n\n"
        "2、为什么？\n\n**答案：** 因为循环执行了三次。\n"
    )
    task = parse(text).sections[0].children[0]
    question, answer = task.fields["question"], task.fields["answer"]

    assert task.children == []
    assert question.text == "阅读代码，回答问题。\n\n1、输出是什么？"
    assert (answer.line, answer.end_line, answer.text) == (9, 11, "3\n\n2、为什么？")


def test_list_question_after_answer_steps():
    text = (
        "# 题库\n\n1、如何部署？\n答案：分两步：\n\n1. 安装。\n2. 启动。\n\n"
        "3. 如何回滚？\n\n答案：停止新版本。\n"
    )
    first, second = two_items(text)

    assert [step.text for step in first.fields["answer"].steps] == ["安装。", "启动。"]
    assert first.end_line == 7
    assert (second.number, second.line, second.fields["answer"].text) == ("3", 9, "停止新版本。")


def test_answer_steps_after_list_question():
    text = "# 题库\n\n1. 如何部署？\n答案：分两步：\n\n1. 安装。\n2. 启动。\n\n2. 如何回滚？\n答案：停止新版本。\n"
    first, second = two_items(text)

    assert (first.fields["answer"].line, first.fields["answer"].end_line) == (4, 7)
    assert [step.text for step in first.fields["answer"].steps] == ["安装。", "启动。"]
    assert (second.line, second.fields["answer"].text) == (9, "停止新版本。")
