"""Numbered headings that state a task (``### 8. 解释一下CAP定理``) are the question of their item."""

from doclint.parse import parse_document
from doclint.source import Source

TASKS = (
    "# 后端面试题\n\n"
    "### 1. 什么是幂等性？\n\n**答案：**\n\n1、多次执行结果相同；\n2、GET天然幂等；\n\n**解析：** 考察接口设计。\n\n"
    "### 2. 解释一下CAP定理\n\n**答案：**\n\n1、C是一致性；\n2、A是可用性；\n\n**解析：** 考察分布式基础。\n"
)


def items_of(text: str):
    document = parse_document(Source.from_text("bank.md", text))
    [chapter] = document.sections
    return chapter.children


def test_task_heading_is_question():
    task = items_of(TASKS)[1]
    question = task.fields["question"]

    assert question.text == "解释一下CAP定理"
    assert (question.line, question.label) == (12, "")


def test_topic_heading_needs_question_field():
    text = TASKS.replace("### 1. 什么是幂等性？\n\n", "### 1. 幂等性\n\n**题目：** 什么是幂等性？\n\n")
    topic, task = items_of(text)

    assert topic.fields["question"].label == "题目"
    assert "question" not in task.fields


def test_task_heading_schema_passes(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bank.md").write_text(TASKS, encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--schema", "qa-article", "bank.md")

    assert stdout == "No problems found in 1 file.\n"
    assert code == 0


def test_text_before_answer_keeps_topic():
    text = TASKS.replace("### 2. 解释一下CAP定理\n\n", "### 2. CAP定理\n\n【考题】CAP分别指什么？\n\n")
    task = items_of(text)[1]

    assert "question" not in task.fields
