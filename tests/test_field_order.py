"""Question banks that explain a question before they answer it: ``第1题：…`` over ``解析：…`` over ``答案：…``."""

from doclint.engine import run
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source


def parse(text: str):
    return parse_document(Source.from_text("bank.md", text))


def fields_of(text: str) -> list[tuple[int, dict[str, tuple[int, str]]]]:
    """Return (line, {key: (line, text)}) of each item under the document's one heading."""
    [chapter] = parse(text).sections
    return [
        (item.line, {key: (field.line, field.text) for key, field in item.fields.items()})
        for item in chapter.children
    ]


PLAIN = "# 练习\n\n第1题：什么是列表？\n\n解析：列表是内置类型。\n\n答案：可变序列。\n\n第2题：什么是元组？\n\n答案：不可变序列。\n"


def test_plain_question_explained_first():
    assert fields_of(PLAIN) == [
        (3, {"question": (3, "什么是列表？"), "explanation": (5, "列表是内置类型。"), "answer": (7, "可变序列。")}),
        (9, {"question": (9, "什么是元组？"), "answer": (11, "不可变序列。")}),
    ]


def test_explanation_first_without_blank_lines():
    text = "# 练习\n\n第1题：什么是列表？\n解析：列表是内置类型。\n答案：可变序列。\n第2题：什么是元组？\n答案：不可变序列。\n"

    assert fields_of(text) == [
        (3, {"question": (3, "什么是列表？"), "explanation": (4, "列表是内置类型。"), "answer": (5, "可变序列。")}),
        (6, {"question": (6, "什么是元组？"), "answer": (7, "不可变序列。")}),
    ]


def test_bold_question_explained_first():
    text = "# 练习\n\n**问题 1：什么是列表？**\n\n**解析：** 列表是内置类型。\n\n**答案：** 可变序列。\n\n**问题 2：什么是元组？**\n\n**答案：** 不可变序列。\n"

    assert fields_of(text) == [
        (3, {"question": (3, "什么是列表？"), "explanation": (5, "列表是内置类型。"), "answer": (7, "可变序列。")}),
        (9, {"question": (9, "什么是元组？"), "answer": (11, "不可变序列。")}),
    ]


def test_explanation_over_several_blocks():
    text = (
        "# 练习\n\n第1题：下面的代码输出什么？\n\n解析：切片不含终点。\n\n```python\nprint([1, 2, 3][:2])\n```\n\n"
        "答案：[1, 2]\n\n第2题：什么是元组？\n\n答案：不可变序列。\n"
    )

    [first, second] = parse(text).sections[0].children
    assert first.fields["explanation"].line == 5
    assert first.fields["explanation"].end_line == 9
    assert [block.line for block in first.fields["explanation"].code] == [7]
    assert first.fields["answer"].text == "[1, 2]"
    assert second.line == 13


def test_flat_faq_explained_first():
    text = (
        "# FAQ\n\n**Q:** How do I reset my password?\n\n**Explanation:** Passwords expire every 90 days.\n\n"
        "**A:** Open the settings page.\n\n**Q:** Can I export data?\n\n**A:** Yes, as CSV.\n"
    )

    assert fields_of(text) == [
        (
            3,
            {
                "question": (3, "How do I reset my password?"),
                "explanation": (5, "Passwords expire every 90 days."),
                "answer": (7, "Open the settings page."),
            },
        ),
        (9, {"question": (9, "Can I export data?"), "answer": (11, "Yes, as CSV.")}),
    ]


def test_next_question_ends_explained_question():
    # The explanation of question 1 is followed by question 2, so question 1 has no answer and opens no item.
    text = "# 练习\n\n第1题：什么是列表？\n\n解析：列表是内置类型。\n\n第2题：什么是元组？\n\n答案：不可变序列。\n\n第3题：什么是字典？\n\n答案：键值映射。\n"
    [chapter] = parse(text).sections

    assert [item.line for item in chapter.children] == [7, 11]
    assert [block.line for block in chapter.blocks] == [3, 5]


def test_next_question_line_ends_explained_question():
    text = "# 练习\n\n第1题：什么是列表？\n解析：列表是内置类型。\n第2题：什么是元组？\n答案：不可变序列。\n第3题：什么是字典？\n答案：键值映射。\n"
    [chapter] = parse(text).sections

    assert [item.line for item in chapter.children] == [5, 7]
    assert [(block.line, block.end_line) for block in chapter.blocks] == [(3, 4)]


def test_steps_with_explanations_stay_prose():
    text = "# 步骤\n\n1、安装依赖。\n\n解析：先装依赖。\n\n2、修改配置。\n\n解析：再改配置。\n"

    assert [section.kind for section in parse(text).walk()] == ["heading"]


def test_explained_item_compared_with_others(tmp_path):
    bank = tmp_path / "bank.md"
    bank.write_text(PLAIN + "\n第3题：什么是列表？\n\n答案：有序的容器。\n", encoding="utf-8")
    result = run([str(bank)], Settings())

    assert [(found.code, found.line, found.message) for found in result.diagnostics] == [
        (
            "DL201",
            13,
            'item "第3题：什么是列表？" asks the question of item "第1题：什么是列表？" (line 3) again but answers it '
            'differently: the answer reads "有序的容器。" here and "可变序列。" at line 7; keep one answer and correct or '
            "remove the other",
        )
    ]


def bank_with_explained_steps(first_step: str, step: str) -> str:
    """Return a bank of three questions whose explanations list numbered steps before the answer."""
    questions = [("如何创建虚拟环境？", 2), ("如何安装依赖？", 3), ("如何运行测试？", 2)]
    text = "# 面试题\n\n"
    for number, (question, steps) in enumerate(questions, start=1):
        listed = "".join((first_step if index == 1 else step).format(index=index) + f"第 {index} 步。\n\n" for index in range(1, steps + 1))
        text += f"第{number}题：{question}\n\n解析：\n\n{listed}答案：用工具完成。\n\n"
    return text


def test_numbered_explanation_steps_stay_in_explanation():
    # The last step has the answer after it, as a question would, but it continues the steps 1、 and 2、.
    text = bank_with_explained_steps("{index}、", "{index}、")
    assert [(line, sorted(fields)) for line, fields in fields_of(text)] == [
        (3, ["answer", "explanation", "question"]),
        (13, ["answer", "explanation", "question"]),
        (25, ["answer", "explanation", "question"]),
    ]


def test_explanation_steps_as_list_stay_in_explanation():
    # Written as a Markdown ordered list (1. and 2.), the steps are still the explanation's.
    text = bank_with_explained_steps("{index}. ", "{index}. ")
    assert [line for line, _fields in fields_of(text)] == [3, 13, 25]
    assert [fields["answer"][0] for _line, fields in fields_of(text)] == [11, 23, 33]


def test_explanation_steps_give_no_numbering_finding(tmp_path):
    path = tmp_path / "bank.md"
    for first_step, step in (("{index}、", "{index}、"), ("{index}. ", "{index}. ")):
        path.write_text(bank_with_explained_steps(first_step, step), encoding="utf-8")
        result = run([str(path)], Settings(cache_dir=None))
        assert [diagnostic.code for diagnostic in result.diagnostics] == []
