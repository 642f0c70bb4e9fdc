"""Flat FAQs: several question and answer fields under one heading, each pair an item of its own."""

from doclint.engine import run
from doclint.i18n import set_language
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES

GENERAL = FIXTURES / "flat-faq" / "general.md"
KEYS = FIXTURES / "flat-faq" / "keys.md"
CHINESE = FIXTURES / "flat-faq-zh.md"


def parse(text: str):
    return parse_document(Source.from_text("doc.md", text))


def findings(*paths, **settings):
    result = run([str(path) for path in paths], Settings(**settings))
    assert result.errors == []
    return [(d.path, d.line, d.code, d.message) for d in result.diagnostics]


def outline(section):
    fields = {key: (field.line, field.end_line, field.text) for key, field in section.fields.items()}
    return (section.kind, section.level, section.line, section.end_line, section.heading, fields)


def test_each_pair_under_a_heading_is_an_item():
    document = parse_document(Source.from_text("general.md", GENERAL.read_text(encoding="utf-8")))
    [top] = document.sections
    general, troubleshooting = top.children
    assert (general.heading, general.fields, [type(block).__name__ for block in general.blocks]) == ("General", {}, [])
    assert [outline(item) for item in general.children] == [
        (
            "item", 3, 7, 8, "Which Python versions are supported?",
            {"question": (7, 7, "Which Python versions are supported?"), "answer": (8, 8, "Python 3.9 and newer.")},
        ),
        (
            "item", 3, 10, 12, "How do I rotate my API key?",
            {
                "question": (10, 10, "How do I rotate my API key?"),
                "answer": (
                    12, 12,
                    "Open Settings > API keys, click Rotate, then update the key in every environment within 24 hours.",
                ),
            },
        ),
        (
            "item", 3, 14, 16, "Does the SDK support async?",
            {"question": (14, 14, "Does the SDK support async?"), "answer": (16, 16, "TODO")},
        ),
        (
            "item", 3, 18, 20, "Which Python versions are supported?",
            {"question": (18, 18, "Which Python versions are supported?"), "answer": (20, 20, "Python 3.8 and newer.")},
        ),
    ]
    assert [child.kind for child in troubleshooting.children] == ["heading", "heading"]


def test_chinese_labels_with_full_width_colons():
    document = parse_document(Source.from_text("faq.md", CHINESE.read_text(encoding="utf-8")))
    [top] = document.sections
    common, todo = top.children
    assert [(item.kind, item.line, item.end_line, item.heading) for item in common.children] == [
        ("item", 5, 13, "如何清理磁盘空间？"),
        ("item", 15, 23, "如何排查接口超时？"),
        ("item", 25, 33, "如何扩容消息队列？"),
        ("item", 35, 40, "如何清理磁盘空间？"),
    ]
    first = common.children[0]
    assert sorted(first.fields) == ["answer", "explanation", "question"]
    assert [step.line for step in first.fields["answer"].steps] == [9, 10, 11]
    last = common.children[3]
    assert (last.fields["question"].line, last.fields["answer"].line) == (35, 36)
    assert [step.text for step in last.fields["answer"].steps][1] == "删除超过 7 天的日志文件和临时文件。"
    assert [(item.heading, item.fields["answer"].text) for item in todo.children if item.kind == "item"] == [
        ("如何申请权限？", "待补充"),
        ("如何重置密码？", "在登录页点击“忘记密码”，按邮件里的提示设置新密码。"),
    ]


def test_one_pair_under_a_heading_keeps_its_fields():
    text = (
        "# 题库\n\n#### 14. 数据清洗\n\n**题目：** 如何清洗数据？\n\n**答案：** 步骤如下：\n\n"
        "1. **去重**：删除重复记录。\n2. **补全**：填补缺失值。\n\n**解析：** 清洗决定了模型的上限。\n"
    )
    [top] = parse(text).sections
    [item] = top.children
    assert (item.kind, item.heading, item.children) == ("heading", "14. 数据清洗", [])
    assert {key: field.line for key, field in item.fields.items()} == {"question": 5, "answer": 7, "explanation": 12}


def test_questions_without_two_answers_are_not_split():
    text = "# Quiz\n\n**Q:** What is a list?\n\n**A:** An ordered collection.\n\n**Q:** What is a tuple?\n\n**Q:** What is a set?\n"
    [section] = parse(text).sections
    assert (section.children, section.fields["question"].line, section.fields["answer"].line) == ([], 3, 5)


def test_pairs_before_the_first_heading_are_items():
    text = "Q: Is it free?\n\nA: Yes.\n\nQ: Is it open source?\n\nA: Yes, under the MIT license.\n"
    document = parse(text)
    assert document.blocks == []
    assert [(section.kind, section.level, section.line, section.heading) for section in document.sections] == [
        ("item", 1, 1, "Is it free?"),
        ("item", 1, 5, "Is it open source?"),
    ]


def test_english_flat_faq_findings():
    assert findings(GENERAL) == [
        (
            str(GENERAL), 16, "DL203",
            'item "Does the SDK support async?" has no answer, only the placeholder "TODO"; write the answer or remove '
            "the item",
        ),
        (
            str(GENERAL), 18, "DL201",
            'item "Which Python versions are supported?" asks the question of item "Which Python versions are '
            'supported?" (line 7) again but answers it differently: the answer reads "Python 3.8 and newer." here '
            'and "Python 3.9 and newer." at line 8; keep one answer and correct or remove the other',
        ),
        (
            str(GENERAL), 26, "DL203",
            'item "Why is pagination slow?" has no answer, only the placeholder "Answer here."; write the answer or '
            "remove the item",
        ),
    ]


def test_answers_of_two_flat_faqs_disagree_across_files():
    cross = [finding for finding in findings(GENERAL, KEYS) if finding[0] == str(KEYS)]
    assert cross == [
        (
            str(KEYS), 9, "DL201",
            'item "How do I rotate my API key?" asks the question of item "How do I rotate my API key?" (line 10 of '
            f'{GENERAL}) again but answers it differently: the answer reads "…environment within 7 days." here and '
            f'"…environment within 24 hours." at line 12 of {GENERAL}; keep one answer and correct or remove the other',
        )
    ]


def test_chinese_flat_faq_findings():
    set_language("zh-CN")
    try:
        result = findings(CHINESE)
    finally:
        set_language("en")
    assert [(line, code) for _path, line, code, _message in result] == [
        (30, "DL202"), (35, "DL201"), (46, "DL203"), (54, "DL203"),
    ]
    assert result[1][3] == (
        "条目“如何清理磁盘空间？”与条目“如何清理磁盘空间？”（第 5 行）问的是同一个问题，但答案不同：第 2 步在此处是"
        "“删除超过 7 天的日志文件和临时文件。”，在第 10 行是“删除超过 30 天的日志文件和临时文件。”；"
        "请保留一个答案，修改或删除另一个"
    )
    assert result[3][3] == "条目“为什么同步很慢？”没有答案，只有占位符“待补充”；请写出答案或删除该条目"


def test_copied_flat_faq_page_is_one_duplicate(tmp_path):
    first, copy = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(KEYS.read_text(encoding="utf-8"), encoding="utf-8")
    copy.write_text(KEYS.read_text(encoding="utf-8"), encoding="utf-8")
    assert [(path, line, code) for path, line, code, _message in findings(first, copy)] == [(str(copy), 1, "DL101")]


def test_placeholder_under_a_heading_that_is_no_question(tmp_path):
    text = "# Notes\n\n## Pagination\n\nTODO\n\n## Why is it slow?\n\nTODO\n\nMore later.\n\n## Why is it fast?\n\nCaching.\n"
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    assert findings(path) == []


PLAIN = FIXTURES / "flat-faq" / "plain.md"
PLAIN_ZH = FIXTURES / "flat-faq" / "plain-zh.md"
CLOSING = FIXTURES / "flat-faq" / "closing.md"
EMPTY_ANSWER = FIXTURES / "flat-faq" / "empty-answer.md"


def parse_file(path):
    return parse_document(Source.from_text(path.name, path.read_text(encoding="utf-8")))


def block_lines(section):
    return [(type(block).__name__, block.line, block.end_line) for block in section.blocks]


def test_plain_labels_on_consecutive_lines_are_pairs():
    [top] = parse_file(PLAIN).sections
    general, notes = top.children
    assert [outline(item) for item in general.children] == [
        (
            "item", 3, 5, 6, "Which Python versions are supported?",
            {"question": (5, 5, "Which Python versions are supported?"), "answer": (6, 6, "Python 3.9 and newer.")},
        ),
        (
            "item", 3, 8, 12, "Which of these types is mutable? A: tuple B: list C: str",
            {
                "question": (8, 11, "Which of these types is mutable?\nA: tuple\nB: list\nC: str"),
                "answer": (12, 12, "B, the list."),
            },
        ),
        (
            "item", 3, 14, 16, "How do I rotate my API key?",
            {
                "question": (14, 14, "How do I rotate my API key?"),
                "answer": (15, 16, "Open Settings > API keys and click Rotate.\nNote: update the key in every environment."),
            },
        ),
        (
            "item", 3, 18, 19, "Which Python versions are supported?",
            {"question": (18, 18, "Which Python versions are supported?"), "answer": (19, 19, "Python 3.8 and newer.")},
        ),
    ]
    assert (notes.children, notes.fields, block_lines(notes)) == ([], {}, [("Paragraph", 23, 24)])


def test_plain_chinese_labels_and_bold_question_are_pairs():
    [section] = parse_file(PLAIN_ZH).sections
    assert [outline(item) for item in section.children] == [
        (
            "item", 3, 3, 4, "支持哪些 Python 版本？",
            {"question": (3, 3, "支持哪些 Python 版本？"), "answer": (4, 4, "Python 3.9 及以上。")},
        ),
        (
            "item", 3, 6, 7, "问：如何轮换密钥？",
            {"question": (6, 6, "如何轮换密钥？"), "answer": (7, 7, "在控制台的“API 密钥”页面点击“轮换”。")},
        ),
        (
            "item", 3, 9, 10, "支持哪些 Python 版本？",
            {"question": (9, 9, "支持哪些 Python 版本？"), "answer": (10, 10, "Python 3.8 及以上。")},
        ),
    ]


def test_plain_label_lines_in_prose_stay_text():
    cases = {
        "# Notes\n\nWe asked users:\nQ: What do you use?\nA: Batch uploads.\n": "We asked users:\nQ: What do you use?\nA: Batch uploads.",
        "# Notes\n\nNote: keep the key secret.\nA: the first option.\n": "Note: keep the key secret.\nA: the first option.",
        "# Notes\n\n注意：密钥要保密。\n答：这是第一项。\n": "注意：密钥要保密。\n答：这是第一项。",
    }
    for text, paragraph in cases.items():
        [section] = parse(text).sections
        assert [block.text for block in section.blocks] == [paragraph]
        assert section.fields == {}


def test_same_key_plain_label_stays_text():
    [section] = parse("# Quiz\n\nAnswer: Python 3.9.\nA: the newest release.\n").sections
    assert [(field.key, field.line, field.end_line, field.text) for field in section.fields.values()] == [
        ("answer", 3, 4, "Python 3.9.\nA: the newest release.")
    ]


def test_options_with_full_width_colons_stay_in_question():
    text = "# 测验\n\n问：哪种类型可变？\nA：元组\nB：列表\n答：B\n"
    [section] = parse(text).sections
    assert {key: (field.line, field.end_line, field.text) for key, field in section.fields.items()} == {
        "question": (3, 5, "哪种类型可变？\nA：元组\nB：列表"),
        "answer": (6, 6, "B"),
    }


def test_plain_pairs_findings():
    assert findings(PLAIN, PLAIN_ZH) == [
        (
            str(PLAIN_ZH), 9, "DL201",
            'item "支持哪些 Python 版本？" asks the question of item "支持哪些 Python 版本？" (line 3) again but '
            'answers it differently: the answer reads "Python 3.8 及以上。" here and "Python 3.9 及以上。" at line 4; '
            "keep one answer and correct or remove the other",
        ),
        (
            str(PLAIN), 18, "DL201",
            'item "Which Python versions are supported?" asks the question of item "Which Python versions are '
            'supported?" (line 5) again but answers it differently: the answer reads "Python 3.8 and newer." here '
            'and "Python 3.9 and newer." at line 6; keep one answer and correct or remove the other',
        ),
    ]


def test_closing_text_after_last_pair_belongs_to_section():
    [top] = parse_file(CLOSING).sections
    billing, accounts = top.children
    assert block_lines(billing) == [("Paragraph", 17, 17), ("Table", 19, 21)]
    assert (billing.end_line, [outline(item) for item in billing.children][-1]) == (
        21,
        (
            "item", 3, 13, 15, "Can I pay by card?",
            {
                "question": (13, 13, "Can I pay by card?"),
                "answer": (15, 15, "Yes, all major cards are accepted on the billing page of the dashboard."),
            },
        ),
    )


def test_multi_paragraph_last_answer_ends_at_break():
    [top] = parse_file(CLOSING).sections
    _billing, accounts = top.children
    assert block_lines(accounts) == [("ThematicBreak", 37, 37), ("Paragraph", 39, 39)]
    assert (accounts.end_line, outline(accounts.children[-1])) == (
        39,
        (
            "item", 3, 31, 35, "How do I delete my account?",
            {
                "question": (31, 31, "How do I delete my account?"),
                "answer": (33, 35, "Open Settings and click Delete.\n\nDeleted accounts cannot be restored."),
            },
        ),
    )


def test_one_bold_item_keeps_its_later_paragraphs():
    text = "# FAQ\n\n**Q: Why?**\n\n**A:** Because.\n\nMore on that below.\n"
    [section] = parse(text).sections
    [item] = section.children
    assert (item.end_line, item.fields["answer"].end_line, section.blocks) == (7, 7, [])


def test_copied_last_pair_is_a_duplicate_with_fix(tmp_path, run_cli):
    path = tmp_path / "faq.md"
    path.write_text(CLOSING.read_text(encoding="utf-8"), encoding="utf-8")
    assert findings(path) == [
        (
            str(path), 13, "DL101",
            'item "Can I pay by card?" repeats item "Can I pay by card?" (line 5) word for word; remove this copy',
        )
    ]
    code, _stdout, stderr = run_cli("check", "--no-config", "--no-cache", "--fix", str(path))
    assert (code, stderr) == (0, "")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[8:14] == [
        "**Q:** Can I get an invoice?",
        "",
        "**A:** Yes, invoices are emailed each month to the billing contact.",
        "",
        "Still stuck? Write to billing@example.com and include your account ID.",
        "",
    ]


def test_empty_flat_answer_is_missing():
    assert findings(EMPTY_ANSWER) == [
        (
            str(EMPTY_ANSWER), 11, "DL203",
            'item "Can I rename a project?" has an empty answer; write the answer after its label or remove the item',
        )
    ]


def test_empty_answer_reported_once_under_schema(tmp_path):
    path = tmp_path / "quiz.md"
    path.write_text(
        "# Quiz\n\n## 1. Can I rename a project?\n\n**Question:** Can I rename a project?\n\n**Answer:**\n\n"
        "**Explanation:** Names are unique.\n",
        encoding="utf-8",
    )
    assert findings(path, schema="qa-article") == [
        (
            str(path), 7, "DL203",
            'item "1. Can I rename a project?" has an empty answer; write the answer after its label or remove the '
            "item",
        )
    ]


def test_empty_answer_message_in_chinese():
    set_language("zh-CN")
    try:
        result = findings(EMPTY_ANSWER)
    finally:
        set_language("en")
    assert [message for _path, _line, _code, message in result] == [
        "条目“Can I rename a project?”的答案为空；请在标签后写出答案或删除该条目"
    ]


def test_step_numbering_names_flat_item(tmp_path):
    path = tmp_path / "faq.md"
    path.write_text(
        "# FAQ\n\n**Q:** How do I install?\n\n**A:**\n\n1. Download.\n2. Run.\n4. Verify.\n\n"
        "**Q:** How do I remove it?\n\n**A:** Delete the folder.\n",
        encoding="utf-8",
    )
    assert findings(path) == [
        (
            str(path), 9, "DL403",
            'in the answer of item "How do I install?", the step number skips from 2 (line 8) to 4; the fix renumbers it to 3',
        )
    ]


def test_schema_message_names_flat_item(tmp_path):
    schema = tmp_path / "faq.schema.json"
    schema.write_text(
        '{"properties": {"sections": {"items": {"$ref": "#/$defs/section"}}}, "$defs": {"section": {'
        '"properties": {"children": {"items": {"$ref": "#/$defs/section"}}}, '
        '"if": {"required": ["kind"], "properties": {"kind": {"const": "item"}}}, '
        '"then": {"properties": {"fields": {"required": ["explanation"]}}}}}}',
        encoding="utf-8",
    )
    path = tmp_path / "faq.md"
    path.write_text("# FAQ\n\nQ: Is it free?\nA: Yes.\n\nQ: Is it open source?\nA: Yes, MIT.\n", encoding="utf-8")
    assert [message for _path, _line, code, message in findings(path, schema=str(schema)) if code == "DL401"] == [
        # The FAQ writes its labels in English, so the English label alone is suggested.
        'item "Is it free?" has no explanation field; add it as **Explanation:** followed by its text',
        'item "Is it open source?" has no explanation field; add it as **Explanation:** followed by its text',
    ]


REPEATS = FIXTURES / "flat-faq-repeats.md"
"""Flat FAQ items: a copy of the card question at line 13, a near copy of the password question at line 23,
and at line 27 a copy of the invoice question under another heading."""


def test_repeated_items_called_items():
    assert [(line, code, message) for _path, line, code, message in findings(REPEATS)] == [
        (13, "DL101", 'item "Can I pay by card?" repeats item "Can I pay by card?" (line 5) word for word; remove this copy'),
        (
            23,
            "DL102",
            'item "How do I recover my password?" is 96% similar to item "How do I reset my password?" (line 19) after '
            "removing the text most sections share; merge the two or rewrite one so that each says something of its own",
        ),
        (
            27,
            "DL101",
            'item "Can I get an invoice?" under "Accounts" repeats item "Can I get an invoice?" under "Billing" '
            '(line 9) word for word; remove this copy unless "Accounts" needs it as well',
        ),
    ]


def test_repeated_items_called_items_chinese():
    set_language("zh-CN")
    try:
        messages = [message for _path, _line, _code, message in findings(REPEATS)]
    finally:
        set_language("en")

    assert messages == [
        "条目“Can I pay by card?”与条目“Can I pay by card?”（第 5 行）逐字重复；请删除这份副本",
        "条目“How do I recover my password?”与条目“How do I reset my password?”（第 19 行）的相似度为 96%"
        "（已去除多数章节共有的文本）；请合并两者，或改写其中一个，让两者各有各的内容",
        "条目“Can I get an invoice?”（位于“Accounts”下）与条目“Can I get an invoice?”（位于“Billing”下，第 9 行）"
        "逐字重复；除非“Accounts”也需要它，否则请删除这份副本",
    ]


def test_item_repeated_in_compared_file(tmp_path, run_cli):
    card = "**Q:** Can I pay by card?\n\n**A:** Yes, all major cards are accepted on the billing page.\n"
    invoice = "**Q:** Can I get an invoice?\n\n**A:** Yes, invoices are emailed each month to the billing contact.\n"
    currency = "**Q:** Which currencies do you accept?\n\n**A:** Euros, pounds and US dollars.\n"
    (tmp_path / "a.md").write_text(f"# Billing\n\n{card}\n{invoice}", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# Payments\n\n{card}\n{currency}", encoding="utf-8")

    _code, stdout, _stderr = run_cli(
        "check", "--no-config", "--no-cache", str(tmp_path / "a.md"), "--compare-with", str(tmp_path / "b.md")
    )

    assert stdout.splitlines()[0] == (
        f'{tmp_path / "a.md"}:3:1: DL101 duplicate-section item "Can I pay by card?" is repeated word for word by '
        f'item "Can I pay by card?" (line 3 of {tmp_path / "b.md"}); remove one of the two copies'
    )


def test_item_and_headed_section_named_apart(tmp_path):
    answer = "all major cards are accepted on the billing page of the dashboard, and a receipt is emailed after each payment."
    path = tmp_path / "faq.md"
    path.write_text(
        f"# Billing\n\n**Q:** Can I pay by card?\n\n**A:** Yes, {answer}\n\n"
        "**Q:** Can I get an invoice?\n\n**A:** Yes, invoices are emailed each month to the billing contact.\n\n"
        f"## Paying by card\n\n{answer.capitalize()}\n",
        encoding="utf-8",
    )

    assert [message for _path, _line, _code, message in findings(path)] == [
        'section "Paying by card" is 89% similar to item "Can I pay by card?" (line 3) after removing the text most '
        "sections share; merge the two or rewrite one so that each says something of its own"
    ]


def test_answers_naming_own_subjects_are_distinct():
    # The Linux answer names macOS and not Linux: it was pasted, so the advice is to rewrite it.
    path = FIXTURES / "flat-faq-subjects.md"
    assert findings(path) == [
        (
            str(path),
            11,
            "DL102",
            'item "Does it work on Linux?" is 88% similar to item "Does it work on macOS?" (line 7) after removing '
            "the text most sections share, but the two ask different questions; rewrite this answer so that it "
            "answers its own question",
        )
    ]


ORPHAN_ANSWER = (
    "## 系统要求\n\n"
    "**问题：** 支持哪些操作系统？\n**答案：** Windows 10 及以上。\n\n"
    "**答案：** 至少需要 4 GB 内存。\n\n"
    "**问题：** 需要联网激活吗？\n**答案：** 首次启动时需要联网。\n"
)


def test_answer_after_answer_opens_item():
    [section] = parse(ORPHAN_ANSWER).sections
    assert [outline(item) for item in section.children] == [
        ("item", 3, 3, 4, "支持哪些操作系统？", {"question": (3, 3, "支持哪些操作系统？"), "answer": (4, 4, "Windows 10 及以上。")}),
        ("item", 3, 6, 6, "至少需要 4 GB 内存。", {"answer": (6, 6, "至少需要 4 GB 内存。")}),
        ("item", 3, 8, 9, "需要联网激活吗？", {"question": (8, 8, "需要联网激活吗？"), "answer": (9, 9, "首次启动时需要联网。")}),
    ]


def test_answer_without_question_fails_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq.schema.json").write_text(
        '{"properties": {"sections": {"items": {"properties": {"children": {"items": '
        '{"properties": {"fields": {"required": ["question", "answer"]}}}}}}}}}',
        encoding="utf-8",
    )
    (tmp_path / "faq.md").write_text(ORPHAN_ANSWER, encoding="utf-8")

    assert findings("faq.md", schema="faq.schema.json") == [
        (
            "faq.md", 6, "DL401",
            'item "至少需要 4 GB 内存。" has no question field; add it as **问题：** followed by its text',
        ),
    ]


def test_bold_questions_with_text_before_answers():
    text = (
        "# 题\n\n**题目：** 阅读代码。\n\n**1. 输出什么？**\n\n先想想。\n\n**答案：** 3\n\n"
        "**2. 为什么？**\n\n再想想。\n\n**答案：** 因为。\n"
    )
    [section] = parse(text).sections

    assert section.children == []
    assert {key: (field.line, field.end_line) for key, field in section.fields.items()} == {
        "question": (3, 7),
        "answer": (9, 13),
    }
