"""heading-numbering at Q&A items without a Markdown heading: the messages call them items."""

from doclint.fixer import apply_edits
from doclint.i18n import set_language
from doclint.parse import parse_document
from doclint.rules.numbering import check_numbering
from doclint.settings import Settings
from doclint.source import Source


def numbering_findings(text: str):
    document = parse_document(Source.from_text("bank.md", text))
    return list(check_numbering(document, Settings()))


def plain_bank(numbers: list[int]) -> str:
    """Return a bank of plain ``第N题：`` questions over ``答案：`` answers, four lines per item after the title."""
    items = [f"第{number}题：问题{index}是什么？\n\n答案：回答{index}。\n" for index, number in enumerate(numbers)]
    return "# 练习\n\n" + "\n".join(items)


def test_plain_item_skip():
    findings = numbering_findings(plain_bank([1, 2, 4]))

    assert [(found.line, found.column, found.end_column) for found in findings] == [(11, 2, 3)]
    assert findings[0].message == 'item "第4题：问题2是什么？" skips from 2 (line 7) to 4; the fix renumbers it to 3'


def test_plain_item_related_location():
    findings = numbering_findings(plain_bank([1, 2, 4]))

    assert [(related.line, related.column, related.message) for related in findings[0].related] == [
        (7, 1, "previous numbered item")
    ]


def test_plain_item_fix():
    text = plain_bank([1, 2, 4])
    findings = numbering_findings(text)

    assert findings[0].fix.message == "renumber the items from line 3 so that they run from 1 to 3"
    assert "第3题：问题2是什么？" in apply_edits(text, list(findings[0].fix.edits))


def test_plain_item_backwards():
    findings = numbering_findings(plain_bank([1, 2, 3, 2]))

    assert [found.message for found in findings] == [
        'item "第2题：问题3是什么？" goes back from 3 (line 11) to 2; the fix renumbers it to 4'
    ]


def test_bold_item_repeat():
    text = "# 练习\n\n**问题 1：什么是列表？**\n\n**答案：** 可变序列。\n\n**问题 1：什么是元组？**\n\n**答案：** 不可变序列。\n"
    findings = numbering_findings(text)

    assert [(found.line, found.message) for found in findings] == [
        (7, 'item "问题 1：什么是元组？" repeats number 1 from line 3; the fix renumbers it to 2')
    ]


def test_repeat_after_fixed_item_names_previous_item():
    findings = numbering_findings(plain_bank([1, 2, 3, 5, 6, 6]))

    assert findings[-1].message == (
        'item "第6题：问题5是什么？" repeats number 6 from line 19; the fix leaves it at 6 and renumbers the previous item to 5'
    )


def test_protected_item_keeps_number():
    text = plain_bank([1, 3, 4]).replace("第4题", "<!-- doclint-disable-next-line heading-numbering -->\n第4题")
    findings = numbering_findings(text)

    assert [(found.line, found.message) for found in findings] == [
        (7, 'item "第3题：问题1是什么？" skips from 1 (line 3) to 3; the fix renumbers it to 2'),
        (
            12,
            'item "第4题：问题2是什么？" keeps number 4 because a suppression comment protects it; '
            "without the comment, the fix would renumber it to 3",
        ),
    ]


def test_item_messages_in_chinese():
    set_language("zh-CN")
    try:
        findings = numbering_findings(plain_bank([1, 2, 4]))
    finally:
        set_language(None)
    related = findings[0].related[0].message
    fix_message = findings[0].fix.message

    assert findings[0].message == "条目“第4题：问题2是什么？”的编号从 2（第 7 行）跳到 4；修复后改为 3"
    assert related == "前一个带编号的条目"
    assert fix_message == "从第 3 行起重新给条目编号，使编号从 1 连续排到 3"


def test_heading_items_keep_heading_wording():
    text = "# 练习\n\n## 第1题：什么是列表？\n\n答案：可变序列。\n\n## 第2题：什么是元组？\n\n答案：不可变序列。\n\n## 第4题：什么是字典？\n\n答案：键值映射。\n"
    findings = numbering_findings(text)

    assert findings[0].message == 'heading "第4题：什么是字典？" skips from 2 (line 7) to 4; the fix renumbers it to 3'
    assert findings[0].related[0].message == "previous numbered heading"
    assert findings[0].fix.message == "renumber the headings from line 3 so that they run from 1 to 3"


def q_bank(numbers: list[int]) -> str:
    """Return a bank of plain ``QN:`` questions over ``A:`` answers, four lines per item after the title."""
    items = [f"Q{number}: What is item {index}?\n\nA: It is item {index}.\n" for index, number in enumerate(numbers)]
    return "# Practice\n\n" + "\n".join(items)


def test_item_fix_safe_in_both_forms():
    for text in (plain_bank([1, 2, 4]), q_bank([1, 2, 4])):
        findings = numbering_findings(text)

        assert [(found.line, found.fix.applicability.value) for found in findings] == [(11, "safe")]


def test_item_fix_unsafe_when_number_cited():
    cited = {
        "第4题": plain_bank([1, 2, 4]).replace("答案：回答1。", "答案：回答1，和第4题不同。"),
        "题4": plain_bank([1, 2, 4]).replace("答案：回答1。", "答案：回答1，见题4。"),
        "第四题": plain_bank([1, 2, 4]).replace("答案：回答1。", "答案：回答1，见第四题。"),
        "Q4": q_bank([1, 2, 4]).replace("A: It is item 1.", "A: It is item 1, unlike Q4."),
        "question 4": q_bank([1, 2, 4]).replace("A: It is item 1.", "A: It is item 1, as question 4 shows."),
        "anchor": q_bank([1, 2, 4]).replace("A: It is item 1.", "A: It is item 1, [see below](#q4-what-is-item-2)."),
    }
    for form, text in cited.items():
        findings = numbering_findings(text)

        assert [(found.line, found.fix.applicability.value) for found in findings] == [(11, "unsafe")], form


def test_item_fix_safe_when_unchanged_number_cited():
    # The fix writes 3 over the 4 and leaves 1 and 2, so "第2题" still points at the same item.
    text = plain_bank([1, 2, 4]).replace("答案：回答2。", "答案：回答2，比第2题多一步。")
    findings = numbering_findings(text)

    assert [(found.line, found.fix.applicability.value) for found in findings] == [(11, "safe")]


def test_unanswered_question_counts_in_run(tmp_path, run_cli):
    # The unanswered question 2 is an item of its own: the numbers run on, and missing-answer reports it.
    path = tmp_path / "bank.md"
    path.write_text("# 题库\n\n1、什么是GIL？答案：全局解释器锁。\n\n2、什么是引用计数？\n\n3、什么是协程？答案：可以暂停和恢复的函数。\n", encoding="utf-8")

    _code, stdout, _err = run_cli("check", "--no-config", "--no-cache", "--select", "heading-numbering,missing-answer", str(path))

    assert stdout.splitlines()[0] == (
        f'{path}:5:1: DL203 missing-answer item "2、什么是引用计数？" has no answer; write the answer after its question or remove the question'
    )
    assert "DL402" not in stdout


def test_fix_unsafe_when_number_stands_between(tmp_path, run_cli):
    # Text after the unanswered question 2 may be its answer, so 2 stays text of the answer above it, and renumbering
    # 3 to 2 would write a second "2、".
    path = tmp_path / "bank.md"
    path.write_text(
        "# 题库\n\n1、什么是GIL？答案：全局解释器锁。\n\n2、什么是引用计数？\n\n每个对象记下有多少引用。\n\n"
        "3、什么是协程？答案：可以暂停和恢复的函数。\n",
        encoding="utf-8",
    )

    _code, stdout, _err = run_cli("check", "--no-config", "--no-cache", "--select", "heading-numbering", "--fix", str(path))

    assert stdout.splitlines()[0] == f'{path}:9:1: DL402 heading-numbering [~] item "3、什么是协程？" skips from 1 (line 3) to 3; the fix renumbers it to 2'
    assert path.read_text(encoding="utf-8").count("2、") == 1


def test_citation_on_item_line_makes_fix_unsafe(tmp_path, run_cli):
    path = tmp_path / "bank.md"
    path.write_text(
        "# 练习题\n\n1、列表和元组有什么区别？答案：列表可变。\n\n2、字典的键有什么要求？答案：必须可哈希。\n\n"
        "4、集合如何去重？答案：利用哈希。\n\n5、什么是切片？答案：按下标取子序列，细节见第4道题。\n",
        encoding="utf-8",
    )

    _code, stdout, _err = run_cli("check", "--no-config", "--no-cache", "--select", "heading-numbering", str(path))

    assert stdout.splitlines()[0] == f'{path}:7:1: DL402 heading-numbering [~] item "4、集合如何去重？" skips from 2 (line 5) to 4; the fix renumbers it to 3'
