"""truncated-document: a last item cut off mid-sentence, distinguished from a short last answer."""

from __future__ import annotations

import pytest

from doclint.engine import run
from doclint.settings import Settings

TOPICS = (("数据清洗", "缺失值"), ("特征工程", "特征选择"), ("模型评估", "交叉验证"))

QUESTION = "## 4. 模型部署\n\n**题目：** 如何部署机器学习模型？\n\n"


def complete_item(number: int, topic: str, first_label: str, step_end: str = "。", explanation_end: str = "。") -> str:
    """Return an item of four labelled steps and an explanation, its sentences ending with the given marks."""
    return (
        f"## {number}. {topic}\n\n**题目：** 如何进行{topic}？\n\n**答案：**\n\n"
        f"1. **{first_label}：** 先检查数据中的{first_label}并处理{step_end}\n"
        f"2. **分析：** 分析数据分布，确定处理方法{step_end}\n"
        f"3. **实施：** 按照确定的方法实施处理{step_end}\n"
        f"4. **验证：** 检查处理结果是否符合预期{step_end}\n\n"
        f"**解释：** {topic}是机器学习流程中的重要环节{explanation_end}\n\n"
    )


def write_bank(tmp_path, last_item: str, topics=TOPICS, **marks) -> str:
    """Write a bank of complete items followed by ``last_item`` and return its path."""
    items = "".join(complete_item(number, topic, label, **marks) for number, (topic, label) in enumerate(topics, 1))
    path = tmp_path / "bank.md"
    path.write_text("# 机器学习面试题\n\n" + items + last_item, encoding="utf-8")
    return str(path)


def findings(path: str, **settings) -> list[tuple[str, int, str]]:
    result = run([path], Settings(cache_dir=None, **settings))
    assert result.errors == []
    return [(d.code, d.line, d.message) for d in result.diagnostics]


CUT_STEP = QUESTION + "**答案：**\n\n1. **打包模型：** 将训练好的模型序列化保存，并编写加载\n"
CUT_EXPLANATION = complete_item(4, "模型部署", "打包").replace("是机器学习流程中的重要环节。", "需要考虑延迟、吞吐量和")
AFTER = "; complete the item or remove it, and check whether text after it was lost as well"


@pytest.mark.parametrize(
    ("last_item", "line", "message"),
    [
        (
            CUT_STEP,
            48,
            'the document seems cut off at line 48: item "4. 模型部署" stops mid-sentence in its 答案 field, with 1 step '
            "where the items before it have 4 and without the 解释 field that most items before it have" + AFTER,
        ),
        (
            QUESTION + "**答案：**\n",
            46,
            'the document seems cut off at line 46: item "4. 模型部署" ends at the label of its 答案 field, with nothing '
            "after the label, without the 解释 field that most items before it have" + AFTER,
        ),
        (
            CUT_EXPLANATION,
            53,
            'the document seems cut off at line 53: item "4. 模型部署" stops mid-sentence in its 解释 field, without the '
            "final punctuation that this field ends with in the items before it" + AFTER,
        ),
        (
            QUESTION + "**答案：** 部署模型需要\n",
            46,
            'the document seems cut off at line 46: item "4. 模型部署" stops mid-sentence in its 答案 field, with no steps '
            "where the items before it have 4 and without the 解释 field that most items before it have" + AFTER,
        ),
    ],
    ids=["step", "label", "explanation", "answer-text"],
)
def test_cut_off_last_item(tmp_path, last_item, line, message):
    path = write_bank(tmp_path, last_item)
    assert findings(path) == [("DL204", line, message)]


def test_step_cut_in_chinese(tmp_path, run_cli):
    path = write_bank(tmp_path, CUT_STEP)
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", path)
    assert stdout.splitlines()[0] == (
        f"{path}:48:1: DL204 truncated-document 文档似乎在第 48 行被截断：条目“4. 模型部署”在“答案”字段的句子中间中断，"
        "只有 1 个步骤，而前面的条目有 4 个，并且缺少前面大多数条目都有的“解释”字段；请补全该条目或删除它，并检查它后面是否还有内容丢失"
    )


def test_empty_label_in_chinese(tmp_path, run_cli):
    path = write_bank(tmp_path, QUESTION + "**答案：**\n")
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", path)
    assert stdout.splitlines()[0] == (
        f"{path}:46:1: DL204 truncated-document 文档似乎在第 46 行被截断：条目“4. 模型部署”结束在“答案”字段的标签处，"
        "标签后面没有内容，缺少前面大多数条目都有的“解释”字段；请补全该条目或删除它，并检查它后面是否还有内容丢失"
    )


def test_cut_inside_code_fence(tmp_path):
    last = QUESTION + "**答案：**\n\n1. **保存模型：** 使用下面的代码：\n\n   ```python\n   import joblib\n   joblib.dump(model,\n"
    path = write_bank(tmp_path, last)
    assert findings(path) == [
        (
            "DL204",
            52,
            'the document seems cut off at line 52: item "4. 模型部署" ends inside a code block that is never closed, '
            "with 1 step where the items before it have 4 and without the 解释 field that most items before it have; "
            "complete the item or remove it, and check whether text after it was lost as well",
        ),
        ("DL303", 52, "Python code does not parse: '(' was never closed; correct the code, or tag the block with the language it is written in"),
    ]


def test_english_answer_cut(tmp_path):
    items = "".join(
        f"## {number}. {topic}\n\n**Question:** How do you {topic}?\n\n**Answer:**\n\n1. Open the console.\n"
        f"2. Choose {topic}.\n3. Confirm.\n\n**Explanation:** The console logs the change.\n\n"
        for number, topic in enumerate(("rotate keys", "add users", "remove users"), 1)
    )
    last = "## 4. Export data\n\n**Question:** How do you export data?\n\n**Answer:**\n\n1. Open the console and\n"
    path = tmp_path / "faq.md"
    path.write_text(items + last, encoding="utf-8")
    assert findings(str(path)) == [
        (
            "DL204",
            43,
            'the document seems cut off at line 43: item "4. Export data" stops mid-sentence in its Answer field, with '
            "1 step where the items before it have 3 and without the Explanation field that most items before it have; "
            "complete the item or remove it, and check whether text after it was lost as well",
        ),
    ]


def test_short_last_answer_with_full_stop(tmp_path):
    path = write_bank(tmp_path, QUESTION + "**答案：**\n\n1. **打包模型：** 将训练好的模型序列化保存。\n")
    assert findings(path) == [
        ("DL401", 42, 'item "4. 模型部署" has no explanation field; add it as **解释：** followed by its text'),
        ("DL401", 46, 'the 答案 field of item "4. 模型部署" has 1 step; write at least 2 steps as an ordered list'),
    ]


def test_placeholder_last_answer(tmp_path):
    path = write_bank(tmp_path, QUESTION + "**答案：** 待补充\n")
    assert [(code, line) for code, line, _message in findings(path)] == [("DL401", 42), ("DL203", 46)]


def test_one_earlier_item_not_enough(tmp_path):
    path = write_bank(tmp_path, CUT_STEP, topics=TOPICS[:1])
    codes = [code for code, _line, _message in findings(path, schema="qa-article")]
    assert "DL204" not in codes
    assert codes.count("DL401") == 2


def test_text_after_last_item(tmp_path):
    path = write_bank(tmp_path, CUT_STEP + "\n# 总结\n\n以上是常见问题。\n")
    assert "DL204" not in [code for code, _line, _message in findings(path)]


def test_unpunctuated_bank_with_complete_last_item(tmp_path):
    last = complete_item(4, "模型部署", "打包", step_end="", explanation_end="")
    path = write_bank(tmp_path, last, step_end="", explanation_end="")
    assert [finding for finding in findings(path) if finding[0] in ("DL204", "DL401")] == []


@pytest.mark.parametrize("option", ["ignore", "select"])
def test_rule_selection(tmp_path, option):
    path = write_bank(tmp_path, CUT_STEP)
    if option == "ignore":
        assert findings(path, ignore=("truncated-document",)) == []
    else:
        assert [code for code, _line, _message in findings(path, select=("DL204",))] == ["DL204"]


def test_subsection_after_last_item(tmp_path):
    path = write_bank(tmp_path, CUT_STEP + "\n### 参考\n\n见模型服务框架的官方文档。\n")
    assert "DL204" not in [code for code, _line, _message in findings(path)]


def test_flat_faq_answer_cut(tmp_path):
    questions = "".join(
        f"**问题 {number}：如何申请{target}权限？**\n\n**答案：** 在门户提交申请，等待{target}管理员审批。\n\n"
        for number, target in enumerate(("数据库", "服务器", "代码仓库"), 1)
    )
    path = tmp_path / "faq.md"
    path.write_text("# 权限问答\n\n" + questions + "**问题 4：如何申请网络权限？**\n\n**答案：** 在门户提交申请，然后\n", encoding="utf-8")
    assert findings(str(path)) == [
        (
            "DL204",
            17,
            'the document seems cut off at line 17: item "问题 4：如何申请网络权限？" stops mid-sentence in its 答案 field, '
            "without the final punctuation that this field ends with in the items before it" + AFTER,
        ),
    ]


@pytest.mark.parametrize(
    "closing",
    ["---\n", "<!-- 由生成器输出 -->\n", "***\n\n<!-- end -->\n"],
    ids=["thematic-break", "html-comment", "both"],
)
def test_cut_before_closing_marks(tmp_path, closing):
    path = write_bank(tmp_path, CUT_STEP + "\n" + closing)
    message = (
        'the document seems cut off at line 48: item "4. 模型部署" stops mid-sentence in its 答案 field, with 1 step '
        "where the items before it have 4 and without the 解释 field that most items before it have" + AFTER
    )

    assert findings(path) == [("DL204", 48, message)]


@pytest.mark.parametrize(
    "closing",
    ["---\n", "<!-- 由生成器输出 -->\n"],
    ids=["thematic-break", "html-comment"],
)
def test_complete_bank_before_closing_marks(tmp_path, closing):
    path = write_bank(tmp_path, complete_item(4, "模型部署", "打包") + closing)

    assert "DL204" not in [code for code, _line, _message in findings(path)]


def test_html_after_cut_is_content(tmp_path):
    path = write_bank(tmp_path, CUT_STEP + "\n<div>更多内容</div>\n")

    assert "DL204" not in [code for code, _line, _message in findings(path)]
