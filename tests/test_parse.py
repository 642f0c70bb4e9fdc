from doclint.model import CodeBlock, HtmlBlock, ListBlock, Paragraph, Table
from doclint.parse import code_language, parse_document, split_number
from doclint.source import Source, read_source

from conftest import FIXTURES, SEED


def parse(text: str):
    return parse_document(Source.from_text("doc.md", text))


def test_seed_sections_and_lines():
    document = parse_document(read_source(SEED))
    sections = list(document.walk())
    assert [section.line for section in sections[:3]] == [3, 5, 18]
    items = [section for section in sections if section.level == 4]
    assert len(items) == 30
    assert [item.number for item in items] == [str(number) for number in range(1, 31)]
    assert items[13].line == 174
    assert items[13].title == "医疗知识图谱构建与推理"
    assert items[13].end_line == 185


def test_seed_trailing_thematic_break_not_in_span():
    document = parse_document(read_source(SEED))
    item_30 = [section for section in document.walk() if section.number == "30"][0]
    assert item_30.line == 382
    assert item_30.end_line == 393


def test_seed_fields_and_steps():
    document = parse_document(read_source(SEED))
    item_14 = [section for section in document.walk() if section.number == "14"][0]
    question = item_14.fields["question"]
    answer = item_14.fields["answer"]
    explanation = item_14.fields["explanation"]
    assert (question.line, question.label) == (176, "题目")
    assert question.text == "如何利用深度学习模型构建医疗知识图谱并进行推理？"
    assert (answer.line, answer.end_line) == (178, 183)
    assert [step.line for step in answer.steps] == [180, 181, 182, 183]
    assert [step.label for step in answer.steps] == ["数据收集与预处理", "模型训练", "模型评估与优化", "推理与应用"]
    assert answer.steps[3].text == "将训练好的模型应用于实际场景，如医学图像与文本信息融合，为医生提供综合性的诊断建议。"
    assert explanation.line == 185


def test_label_without_space_after_bold():
    document = parse("# Q\n\n**题目：**如何排序？\n\n**答案：**使用 sort。\n")
    fields = document.sections[0].fields
    assert fields["question"].text == "如何排序？"
    assert fields["answer"].text == "使用 sort。"


def test_label_forms_english_and_colon_outside_bold():
    document = parse("# Q\n\n**Question**: Why?\n\nAnswer: Because.\n\n__Explanation:__ It is so.\n")
    fields = document.sections[0].fields
    assert fields["question"].text == "Why?"
    assert fields["answer"].text == "Because."
    assert fields["explanation"].text == "It is so."


def test_consecutive_labels_split_paragraph():
    document = parse("# Q\n\n**题目：** 1+1 等于几？  \n**答案：** 2\n解释在下一行。\n\nAfter.\n")
    section = document.sections[0]
    assert [(block.line, block.end_line, block.text) for block in section.blocks] == [
        (3, 3, "题目： 1+1 等于几？"),
        (4, 5, "答案： 2\n解释在下一行。"),
        (7, 7, "After."),
    ]
    assert section.fields["question"].text == "1+1 等于几？"
    # A field runs to the next label, so the answer takes the paragraph after it too.
    assert (section.fields["answer"].line, section.fields["answer"].text) == (4, "2\n解释在下一行。\n\nAfter.")


def test_soft_break_before_label_splits_paragraph():
    document = parse("# Q\n\n**Question:** Why?\n**Answer:** Because.\n")
    fields = document.sections[0].fields
    assert (fields["question"].line, fields["question"].text) == (3, "Why?")
    assert (fields["answer"].line, fields["answer"].text) == (4, "Because.")


def test_choice_lines_do_not_split_paragraph():
    document = parse("# Q\n\n**Question:** Which is prime?\nA: 4\nB: 5\n\n**Answer:** B\n")
    fields = document.sections[0].fields
    assert fields["question"].text == "Which is prime?\nA: 4\nB: 5"
    assert (fields["answer"].line, fields["answer"].text) == (7, "B")


def test_code_span_across_label_with_reference_whole():
    document = parse("# Q\n\n**Question:** What is `a\n**Answer:** b` &#10; here?\n\n**Answer:** nothing\n")
    fields = document.sections[0].fields
    assert (fields["answer"].line, fields["answer"].text) == (6, "nothing")


def test_code_span_lines_split_at_labels():
    document = parse("# Q\n\n**Question:** What does `len()` return?\n**Answer:** Its `size`.\n")
    section = document.sections[0]
    assert [(block.line, block.end_line, block.text) for block in section.blocks] == [
        (3, 3, "Question: What does len() return?"),
        (4, 4, "Answer: Its size."),
    ]
    assert (section.fields["question"].line, section.fields["question"].text) == (3, "What does len() return?")
    assert (section.fields["answer"].line, section.fields["answer"].text) == (4, "Its size.")


def test_chinese_code_span_lines_split_at_labels():
    document = parse("# Q\n\n**题目：** `len()` 返回什么？\n**答案：** 元素的个数。\n")
    fields = document.sections[0].fields
    assert (fields["question"].line, fields["question"].text) == (3, "len() 返回什么？")
    assert (fields["answer"].line, fields["answer"].text) == (4, "元素的个数。")


def test_character_references_split_at_labels():
    document = parse("# Q\n\n**Question:** a &#10; b\n**Answer:** c &amp; d\n\nAfter.\n")
    section = document.sections[0]
    assert [(block.line, block.end_line, block.text) for block in section.blocks] == [
        (3, 3, "Question: a \n b"),
        (4, 4, "Answer: c & d"),
        (6, 6, "After."),
    ]


def test_hard_breaks_before_labels_split():
    document = parse("# Q\n\n**Question:** `a`\\\n**Answer:** `b`  \n   **Explanation:** `c`\n")
    fields = document.sections[0].fields
    assert [(key, field.line, field.text) for key, field in fields.items()] == [
        ("question", 3, "a"),
        ("answer", 4, "b"),
        ("explanation", 5, "c"),
    ]


def test_code_span_after_label_line_split():
    document = parse("# Q\n\n**Question:** Why?\n**Answer:** `a\nb` then\n**Explanation:** `c`.\n")
    fields = document.sections[0].fields
    assert (fields["answer"].line, fields["answer"].end_line, fields["answer"].text) == (4, 5, "a b then")
    assert (fields["explanation"].line, fields["explanation"].text) == (6, "c.")


def test_code_span_across_label_keeps_paragraph_whole():
    document = parse("# Q\n\n**Question:** Why `a\n**Answer:** b` here?\n")
    [paragraph] = document.sections[0].blocks
    assert paragraph.text == "Question: Why a **Answer:** b here?"
    assert "answer" not in document.sections[0].fields


def test_unpaired_bold_is_not_a_label():
    document = parse("# Q\n\n**Answer: maybe\n")
    assert document.sections[0].fields == {}


def test_step_label_with_colon_inside_bold():
    document = parse("# Q\n\n**Answer:** Steps:\n\n1. **Build:** run make.\n2. Plain step.\n")
    steps = document.sections[0].fields["answer"].steps
    assert [(step.label, step.text) for step in steps] == [("Build", "run make."), (None, "Plain step.")]


def test_setext_headings():
    document = parse("Title\n=====\n\nText.\n\nPart\n----\n\nMore.\n")
    title = document.sections[0]
    assert (title.level, title.line, title.setext) == (1, 1, True)
    part = title.children[0]
    assert (part.level, part.line, part.title) == (2, 6, "Part")
    assert part.end_line == 9


def test_heading_inside_fence_is_not_a_section():
    document = parse("# Real\n\n```markdown\n## Not a heading\n```\n")
    assert [section.title for section in document.walk()] == ["Real"]
    code = document.sections[0].blocks[0]
    assert isinstance(code, CodeBlock)
    assert (code.line, code.code_line, code.end_line, code.language) == (3, 4, 5, "markdown")


def test_html_block_lines_are_not_headings():
    document = parse("# Real\n\n<details>\n# inside html\n</details>\n")
    assert [section.title for section in document.walk()] == ["Real"]
    assert isinstance(document.sections[0].blocks[0], HtmlBlock)


def test_front_matter_is_metadata():
    document = parse("---\ntitle: x\n---\n# Heading\n\nBody.\n")
    assert document.front_matter is not None
    assert (document.front_matter.line, document.front_matter.end_line) == (1, 3)
    assert document.front_matter.text == "title: x"
    assert [(section.line, section.title) for section in document.walk()] == [(4, "Heading")]


def test_blocks_of_a_section():
    text = "# S\n\nPara\nwrapped.\n\n- a\n- b\n\n| h1 | h2 |\n| -- | -- |\n| x | y |\n\n    indented code\n"
    blocks = parse(text).sections[0].blocks
    assert isinstance(blocks[0], Paragraph)
    assert (blocks[0].line, blocks[0].end_line) == (3, 4)
    assert isinstance(blocks[1], ListBlock)
    assert [item.text for item in blocks[1].items] == ["a", "b"]
    assert isinstance(blocks[2], Table)
    assert (blocks[2].header, blocks[2].rows) == (["h1", "h2"], [["x", "y"]])
    assert isinstance(blocks[3], CodeBlock)
    assert (blocks[3].line, blocks[3].fenced, blocks[3].language) == (13, False, None)


def test_fence_in_list_item_keeps_indent():
    document = parse("# S\n\n1. Step\n\n   ```python\n   x = 1\n   ```\n")
    item = document.sections[0].blocks[0].items[0]
    code = item.blocks[1]
    assert (code.line, code.code_line, code.indent, code.text) == (5, 6, 3, "x = 1\n")


def test_split_number_forms():
    assert split_number("14. 医疗知识图谱") == ("14", "医疗知识图谱")
    assert split_number("14、医疗") == ("14", "医疗")
    assert split_number("第14题 排序") == ("14", "排序")
    assert split_number("第14题：排序") == ("14", "排序")
    assert split_number("第 3 题. 排序") == ("3", "排序")
    assert split_number("第1章.1 小节") == ("1", ".1 小节")
    assert split_number("1.2 Scope") == ("1.2", "Scope")
    assert split_number("3) Third") == ("3", "Third")
    assert split_number("2024 in review") == (None, "2024 in review")
    assert split_number("9: 2023-12-01") == ("9", "2023-12-01")
    assert split_number("Plain title") == (None, "Plain title")


def test_code_language_forms():
    assert code_language('python title="x.py"') == "python"
    assert code_language("{.python .numberLines}") == "python"
    assert code_language("Python3") == "python3"
    assert code_language("") is None


def test_myst_directive_language():
    assert code_language("{code-cell} ipython3") == "ipython3"
    assert code_language("{code-block} Python") == "python"
    assert code_language("{code-cell}") is None
    assert code_language("{note} python") == "note"


def test_myst_directive_options_not_code():
    document = parse(
        "# T\n\n```{code-cell} ipython3\n:tags: [hide-input]\n:linenos:\nx = 1\n```\n\n"
        "```{code-cell} python\n---\ntags: [hide-output]\n---\ny = 2\n```\n\n"
        "```{code-block} python\n---\nnot closed\n```\n"
    )
    blocks = [block for block in document.sections[0].blocks if isinstance(block, CodeBlock)]
    assert [(block.code_line, block.text) for block in blocks] == [
        (6, "x = 1\n"),
        (13, "y = 2\n"),
        (17, "---\nnot closed\n"),
    ]


def test_crlf_line_numbers_match_lf():
    text = (FIXTURES / "zh-notes.md").read_text(encoding="utf-8")
    lf = [(section.line, section.end_line) for section in parse(text).walk()]
    crlf = [(section.line, section.end_line) for section in parse(text.replace("\n", "\r\n")).walk()]
    assert crlf == lf


def test_ast_json_every_node_has_line():
    document = parse_document(read_source(SEED))

    def check(node):
        if isinstance(node, dict):
            if "type" in node:
                assert isinstance(node["line"], int), node
            for value in node.values():
                check(value)
        elif isinstance(node, list):
            for value in node:
                check(value)

    tree = document.to_json()
    assert tree["version"] == 1
    check(tree)


def test_split_number_chinese_numerals():
    assert split_number("第四章 线性回归") == ("4", "线性回归")
    assert split_number("第二十一题 排序") == ("21", "排序")
    assert split_number("第一百零五章 附录") == ("105", "附录")
    assert split_number("十二、附录") == ("12", "附录")
    assert split_number("一、概述") == ("1", "概述")
    assert split_number("一个问题") == (None, "一个问题")
    assert split_number("三角函数") == (None, "三角函数")


def test_chapter_copies_with_chinese_numerals_are_duplicates():
    from doclint.rules.duplicates import check_duplicates
    from doclint.settings import Settings

    text = "## 第一章 线性回归\n\n用最小二乘法拟合直线。\n\n## 第二章 决策树\n\n按信息增益划分。\n\n## 第三章 线性回归\n\n用最小二乘法拟合直线。\n"
    document = parse(text)
    findings = list(check_duplicates([document], Settings()))
    assert [(finding.line, finding.related[0].line) for finding in findings] == [(9, 1)]


def test_pickled_tree_keeps_every_field_but_markdown():
    import pickle

    from doclint.model import Paragraph
    from doclint.source import decode

    document = parse_document(decode(str(SEED), SEED.read_bytes()))

    loaded = pickle.loads(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))

    assert loaded.to_json() == document.to_json()
    assert loaded.sections[0].children[0].fields == document.sections[0].children[0].fields
    paragraphs = [block for section in loaded.walk() for block in section.blocks if isinstance(block, Paragraph)]
    assert paragraphs
    assert {paragraph.markdown for paragraph in paragraphs} == {""}


def test_list_after_paragraph_continues_steps():
    text = "## 1. Release\n\n**Answer:**\n\n1. Build.\n2. Test.\n\nWait.\n\n3. Push.\n\nThen:\n\n1. A new list.\n"

    answer = parse_document(Source.from_text("release.md", text)).sections[0].fields["answer"]

    assert [(step.number, step.text) for step in answer.steps] == [(1, "Build."), (2, "Test."), (3, "Push.")]
    assert answer.text == "Wait.\n\nThen:"


def test_split_number_skips_times_and_ratios():
    # A colon between digits writes a time, a ratio or a verse, not a number and its separator.
    assert split_number("09:30 主题演讲") == (None, "09:30 主题演讲")
    assert split_number("14：00 午后") == (None, "14：00 午后")
    assert split_number("3:2 aspect") == (None, "3:2 aspect")


def answer_of(text: str):
    document = parse(text)
    return next(section for section in document.walk() if "answer" in section.fields).fields["answer"]


def test_chinese_numbered_lines_are_steps():
    answer = answer_of(
        "## 1. 死锁\n\n**题目：** 原因？\n\n**答案：** 原因如下：\n1、**互相等待**：各自持有锁。\n2．加锁顺序不同，\n  会循环等待。\n"
    )

    assert answer.text == "原因如下："
    assert [(step.line, step.end_line, step.number, step.label, step.text) for step in answer.steps] == [
        (6, 6, 1, "互相等待", "各自持有锁。"),
        (7, 8, 2, None, "加锁顺序不同，\n会循环等待。"),
    ]


def test_chinese_numbered_lines_in_later_paragraph():
    answer = answer_of("## 1. 死锁\n\n**题目：** 原因？\n\n**答案：** 原因如下：\n\n1、互相等待。\n2、加锁顺序不同。\n")

    assert answer.text == "原因如下："
    assert [(step.line, step.text) for step in answer.steps] == [(7, "互相等待。"), (8, "加锁顺序不同。")]


def test_numbered_lines_with_skipped_number_are_steps():
    answer = answer_of("## 1. 死锁\n\n**题目：** 原因？\n\n**答案：** 原因如下：\n1、互相等待。\n3、加锁顺序不同。\n")

    assert [(step.line, step.number, step.text) for step in answer.steps] == [(6, 1, "互相等待。"), (7, 3, "加锁顺序不同。")]
    assert answer.text == "原因如下："


def test_bracketed_labels_with_and_without_colon():
    text = "## 1. 哈希\n\n【题目】哈希表如何解决冲突？\n\n**【答案】：**\n\n1. 开放定址法。\n2. 链地址法。\n\n【解析】：链地址法简单。\n"

    fields = parse(text).sections[0].fields

    assert [(key, field.label, field.line, field.end_line, field.text) for key, field in fields.items()] == [
        ("question", "题目", 3, 3, "哈希表如何解决冲突？"),
        ("answer", "答案", 5, 8, ""),
        ("explanation", "解析", 10, 10, "链地址法简单。"),
    ]
    assert [step.line for step in fields["answer"].steps] == [7, 8]


def test_bracketed_labels_split_a_paragraph():
    fields = parse("## 1. 哈希\n\n【题目】如何解决冲突？\n【答案】链地址法。\n【解析】实现简单。\n").sections[0].fields

    assert [(key, field.line, field.text) for key, field in fields.items()] == [
        ("question", 3, "如何解决冲突？"),
        ("answer", 4, "链地址法。"),
        ("explanation", 5, "实现简单。"),
    ]


def test_bracketed_text_without_label_is_no_field():
    assert parse("## 1. 说明\n\n【注意】先排序。\n").sections[0].fields == {}
