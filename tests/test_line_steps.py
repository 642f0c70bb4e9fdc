"""Steps numbered line by line in a form Markdown reads as text: 1、, １., （1）, ①."""

from doclint.engine import run
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source


def answer_of(text: str):
    document = parse_document(Source.from_text("doc.md", text))
    return next(section for section in document.walk() if "answer" in section.fields).fields["answer"]


def steps_of(field):
    return [(step.line, step.end_line, step.number, step.text) for step in field.steps]


ITEM = "## 1. 二分查找\n\n**题目：** 前提是什么？\n\n**答案：**\n\n"


def test_bracketed_numbers_in_one_paragraph():
    answer = answer_of(ITEM + "（1）数据顺序存储。\n（2）数据有序排列。\n")

    assert steps_of(answer) == [(7, 7, 1, "数据顺序存储。"), (8, 8, 2, "数据有序排列。")]
    assert answer.text == ""


def test_ascii_bracketed_numbers_in_paragraphs():
    answer = answer_of(ITEM + "(1) 数据顺序存储。\n\n(2) 数据有序排列。\n\n(3) 能随机访问。\n")

    assert steps_of(answer) == [(7, 7, 1, "数据顺序存储。"), (9, 9, 2, "数据有序排列。"), (11, 11, 3, "能随机访问。")]
    assert answer.end_line == 11


def test_circled_numbers():
    answer = answer_of(ITEM + "① 深度优先搜索。\n② 广度优先搜索。\n")

    assert steps_of(answer) == [(7, 7, 1, "深度优先搜索。"), (8, 8, 2, "广度优先搜索。")]


def test_full_width_digits_mixed_with_ascii():
    # Only "１." opens the paragraph, so Markdown reads the "2." and "3." lines as its text too.
    answer = answer_of(ITEM + "１. 浅拷贝只复制外层。\n2. 深拷贝复制所有层级。\n３．用 copy 模块。\n")

    assert steps_of(answer) == [(7, 7, 1, "浅拷贝只复制外层。"), (8, 8, 2, "深拷贝复制所有层级。"), (9, 9, 3, "用 copy 模块。")]


def test_repeated_number_is_still_a_step():
    answer = answer_of(ITEM + "1、进入项目目录。\n2、运行 python -m venv .venv。\n2、激活虚拟环境。\n")

    assert steps_of(answer) == [
        (7, 7, 1, "进入项目目录。"),
        (8, 8, 2, "运行 python -m venv .venv。"),
        (9, 9, 2, "激活虚拟环境。"),
    ]


def test_steps_on_label_line_and_after():
    answer = answer_of("## 1. 查找\n\n**题目：** 前提？\n\n**答案：**（1）顺序存储。\n\n（2）有序排列。\n")

    assert steps_of(answer) == [(5, 5, 1, "顺序存储。"), (7, 7, 2, "有序排列。")]
    assert answer.text == ""


def test_other_family_continues_step():
    answer = answer_of(ITEM + "1、安装：\n（1）下载安装包。\n（2）运行安装程序。\n2、验证版本。\n")

    assert steps_of(answer) == [(7, 9, 1, "安装：\n（1）下载安装包。\n（2）运行安装程序。"), (10, 10, 2, "验证版本。")]


def test_text_between_step_paragraphs_stays_text():
    answer = answer_of(ITEM + "（1）数据顺序存储。\n\n注意链表不行。\n\n（2）数据有序排列。\n")

    assert steps_of(answer) == [(7, 7, 1, "数据顺序存储。"), (11, 11, 2, "数据有序排列。")]
    assert answer.text == "注意链表不行。"


def test_numbers_inside_sentences_stay_text():
    answer = answer_of(ITEM + "(1) 式和 (2) 式相加，得到结果。\n")

    assert answer.steps == []
    assert answer.text == "(1) 式和 (2) 式相加，得到结果。"


def test_one_numbered_line_stays_text():
    answer = answer_of(ITEM + "（1）见教材第三章。\n\n其余略。\n")

    assert answer.steps == []
    assert answer.text == "（1）见教材第三章。\n\n其余略。"


def test_first_number_other_than_one_stays_text():
    answer = answer_of(ITEM + "（2）数据顺序存储。\n（3）数据有序排列。\n")

    assert answer.steps == []


def test_decimal_numbers_are_no_markers():
    answer = answer_of(ITEM + "1.5 倍的空间。\n2.5 倍的时间。\n")

    assert answer.steps == []


def test_list_before_numbered_lines_wins():
    answer = answer_of(ITEM + "1. 顺序存储。\n2. 有序排列。\n\n补充：\n\n（1）链表不行。\n（2）无序不行。\n")

    assert steps_of(answer) == [(7, 7, 1, "顺序存储。"), (8, 8, 2, "有序排列。")]
    assert answer.text == "补充：\n\n（1）链表不行。\n（2）无序不行。"


def test_numbered_lines_outside_fields_stay_paragraphs():
    document = parse_document(Source.from_text("doc.md", "# 说明\n\n（1）第一点。\n（2）第二点。\n"))

    [section] = document.sections
    assert section.fields == {}
    assert [block.to_json()["text"] for block in section.blocks] == ["（1）第一点。\n（2）第二点。"]


def findings(tmp_path, text, rule):
    path = tmp_path / "题库.md"
    path.write_text(text, encoding="utf-8")
    result = run([str(path)], Settings())
    assert result.errors == []
    return [(d.line, d.message) for d in result.diagnostics if d.rule == rule]


LIST_ITEM = "### 1. 深拷贝\n\n**题目：** 深拷贝和浅拷贝有何区别？\n\n**答案：**\n\n1. 浅拷贝只复制外层。\n2. 深拷贝复制所有层级。\n\n**解析：** 嵌套时才有差别。\n\n"


def test_full_width_copy_is_duplicate_not_inconsistent(tmp_path):
    copy = LIST_ITEM.replace("### 1.", "### 2.").replace("1. 浅", "１. 浅")
    text = "# 题库\n\n" + LIST_ITEM + copy

    assert findings(tmp_path, text, "inconsistent-answer") == []
    assert findings(tmp_path, text, "duplicate-section") == [
        (14, 'section "2. 深拷贝" repeats section "1. 深拷贝" (line 3) word for word; remove this copy')
    ]


def test_chinese_numbered_copy_is_duplicate(tmp_path):
    copy = LIST_ITEM.replace("### 1.", "### 2.").replace("1. 浅", "1、浅").replace("2. 深", "2、深")
    text = "# 题库\n\n" + LIST_ITEM + copy

    assert [line for line, _message in findings(tmp_path, text, "duplicate-section")] == [14]


def test_repeated_number_counts_steps_for_schema(tmp_path):
    text = "# 题库\n\n" + LIST_ITEM.replace("1. 浅拷贝只复制外层。\n2. 深拷贝复制所有层级。", "1、浅拷贝只复制外层。\n2、深拷贝复制所有层级。\n2、用 copy 模块。")
    path = tmp_path / "题库.md"
    path.write_text(text, encoding="utf-8")

    result = run([str(path)], Settings(schema="qa-article"))

    # The schema counts three steps; only the repeated number is reported, by step-numbering.
    assert [d.rule for d in result.diagnostics] == ["step-numbering"]


def test_line_with_two_markers_is_not_step():
    document = parse_document(Source.from_text("doc.md", ITEM + "**解析：**\n\n① 正确。\n③ 正确。\n\n②④错误：说反了。\n"))
    explanation = document.sections[0].fields["explanation"]

    assert steps_of(explanation) == [(9, 9, 1, "正确。"), (10, 10, 3, "正确。")]
    assert explanation.text == "②④错误：说反了。"


def test_two_markers_of_other_families_open_step():
    answer = answer_of(ITEM + "1、（1）先下载。\n2、运行。\n")

    assert steps_of(answer) == [(7, 7, 1, "（1）先下载。"), (8, 8, 2, "运行。")]


def test_lazy_line_in_list_item_is_step():
    answer = answer_of(ITEM + "1. 下载。\n2、**运行**：安装程序。\n３．验证。\n5. 完成。\n")

    assert steps_of(answer) == [
        (7, 7, 1, "下载。"),
        (8, 8, 2, "安装程序。"),
        (9, 9, 3, "验证。"),
        (10, 10, 5, "完成。"),
    ]
    assert answer.steps[1].label == "运行"


def test_lazy_line_that_does_not_count_on_stays_text():
    answer = answer_of(ITEM + "1. 下载。\n3、运行。\n（2）再试。\n2. 验证。\n")

    assert steps_of(answer) == [(7, 9, 1, "下载。\n3、运行。\n（2）再试。"), (10, 10, 2, "验证。")]
