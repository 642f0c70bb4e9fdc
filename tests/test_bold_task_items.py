"""Bold numbered tasks without a question mark (``**5. 写一个…**``) over an answer are items."""

from doclint.parse import parse_document
from doclint.rules.numbering import check_numbering
from doclint.settings import Settings
from doclint.source import Source

BANK = (
    "# 机器学习面试题\n\n"
    "**1. 什么是过拟合？**\n\n答：模型在训练集上好，在测试集上差。\n\n"
    "**2. 写一个线性回归的训练代码**\n\n答：\n```python\nw = 0.0\nprint(w)\n```\n\n"
    "**4. 什么是梯度爆炸？**\n\n答：反向传播时梯度越来越大。\n"
)


def items_of(text: str) -> list[tuple[str | None, str, int]]:
    document = parse_document(Source.from_text("bank.md", text))
    [chapter] = document.sections
    return [(item.number, item.title, item.line) for item in chapter.children]


def test_bold_task_over_answer_is_item():
    assert items_of(BANK) == [
        ("1", "什么是过拟合？", 3),
        ("2", "写一个线性回归的训练代码", 7),
        ("4", "什么是梯度爆炸？", 15),
    ]


def test_bold_task_keeps_its_question_field():
    document = parse_document(Source.from_text("bank.md", BANK))
    task = document.sections[0].children[1]

    assert task.fields["question"].text == "写一个线性回归的训练代码"
    assert task.fields["answer"].line == 9


def test_bold_numbered_line_without_answer_is_not_item():
    text = "# 笔记\n\n**1. 数据收集**\n\n收集医疗数据。\n\n**2. 模型训练**\n\n训练模型。\n"

    assert items_of(text) == []


def test_gap_after_bold_task_reported_once():
    document = parse_document(Source.from_text("bank.md", BANK))

    assert [(found.code, found.line, found.message) for found in check_numbering(document, Settings())] == [
        ("DL402", 15, 'item "4. 什么是梯度爆炸？" skips from 2 (line 7) to 4; the fix renumbers it to 3'),
    ]


def test_fix_renumbers_bold_task(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bank = tmp_path / "bank.md"
    bank.write_text(BANK.replace("**2. 写", "**3. 写"), encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--fix", "bank.md")

    bold_lines = [line for line in bank.read_text(encoding="utf-8").splitlines() if line.startswith("**")]
    assert bold_lines == ["**1. 什么是过拟合？**", "**2. 写一个线性回归的训练代码**", "**3. 什么是梯度爆炸？**"]
    assert stdout.splitlines()[0] == "Fixed 1 problem."
    assert code == 0
