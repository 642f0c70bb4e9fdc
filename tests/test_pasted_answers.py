"""An answer pasted under an unrelated question gets the advice to rewrite it, not to merge the items."""

import pytest

from doclint.engine import run
from doclint.parse import parse_document
from doclint.qa import is_item
from doclint.pasted_answers import answers_other_question, frame_terms, subject_terms
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES

MERGE = "merge the two or rewrite one so that each says something of its own"
REWRITE = "but the two ask different questions; rewrite this answer so that it answers its own question"

DECORATOR_ANSWER = """**Answer:**

1. A decorator is a function that takes another function and returns a new function that wraps it.
2. It is applied with the `@name` syntax placed on the line above a function definition.

**Explanation:** Decorators add behaviour such as logging, caching or access checks without changing the code.
"""
GIL_ITEM = """## 3. What is the GIL?

**Answer:**

1. The global interpreter lock lets only one thread execute Python bytecode at a time.
2. It simplifies memory management in CPython but limits CPU-bound threads.

**Explanation:** Use processes or native extensions for CPU-bound parallel work.
"""


def near_duplicates(path):
    result = run([str(path)], Settings(cache_dir=None))
    assert result.errors == []
    return [(found.line, found.message) for found in result.diagnostics if found.rule == "near-duplicate-section"]


def bank(first_question, second_question, answer=DECORATOR_ANSWER):
    return (
        f"# Interview questions\n\n## 1. {first_question}\n\n{answer}\n"
        f"## 2. {second_question}\n\n{answer}\n{GIL_ITEM}"
    )


def test_pasted_answer_english(tmp_path):
    path = tmp_path / "bank.md"
    path.write_text(bank("What is a Python decorator?", "How does garbage collection work in CPython?"), encoding="utf-8")
    assert near_duplicates(path) == [
        (
            12,
            'section "2. How does garbage collection work in CPython?" is 100% similar to section '
            f'"1. What is a Python decorator?" (line 3) after removing the text most sections share, {REWRITE}',
        )
    ]


def test_pasted_answer_chinese():
    [(line, message)] = near_duplicates(FIXTURES / "pasted-answer-zh.md")
    assert line == 14
    assert message == (
        'section "2. 垃圾回收" is 92% similar to section "1. 装饰器" (line 3) after removing the text most '
        f"sections share, {REWRITE}"
    )


def test_answers_that_keep_merge(tmp_path):
    cases = [
        # The answer names "install", which the second question writes as "installation": one question asked twice.
        ("How do I install acme?", "What is the installation procedure?", "Run `pip install acme`, then `acme --version`."),
        # An answer that names neither question's subject gives no sign of which question it belongs to.
        ("What is a Python decorator?", "How does garbage collection work?", "It depends on the interpreter and platform."),
    ]
    for first, second, answer in cases:
        path = tmp_path / "faq.md"
        path.write_text(bank(first, second, f"**Answer:**\n\n{answer}\n"), encoding="utf-8")
        [(line, message)] = near_duplicates(path)
        assert line == 9
        assert message.endswith(MERGE)


def test_pasted_answer_sharing_everyday_word(tmp_path):
    # "一个" is in the second question and in the pasted answer, and names no subject of either.
    answer = (
        "**答案：** 全局解释器锁是一把互斥锁，它保证同一时刻只有一个线程执行字节码，"
        "所以多线程程序在计算密集的任务上无法利用多个核心。\n"
    )
    text = (
        f"# 题库\n\n## 1. 什么是全局解释器锁？\n\n{answer}\n## 2. 如何反转一个字符串？\n\n{answer}\n"
        "## 3. 什么是装饰器？\n\n**答案：** 装饰器接收一个函数并返回新函数，常用于日志、缓存和权限检查。\n"
    )
    path = tmp_path / "bank.md"
    path.write_text(text, encoding="utf-8")
    assert near_duplicates(path) == [
        (
            7,
            'section "2. 如何反转一个字符串？" is 100% similar to section "1. 什么是全局解释器锁？" (line 3) '
            f"after removing the text most sections share, {REWRITE}",
        )
    ]


def test_subject_terms_skip_question_words():
    assert subject_terms("What are the steps of schema migration?") == {"steps", "schem", "migra"}
    assert subject_terms("什么是 Python 装饰器？") == {"pytho", "装饰", "饰器"}
    assert subject_terms("请解释一个装饰器") == {"释一", "个装", "装饰", "饰器"}


def test_frame_terms_of_repeated_question_form():
    text = "# Bank\n\n" + "".join(
        f"## {number}. Topic {number}\n\n**Question:** What are the steps of {topic}?\n\n**Answer:** Do it.\n\n"
        for number, topic in enumerate(["schema migration", "price estimation", "entity linking", "rate limiting"], 1)
    )
    document = parse_document(Source.from_text("bank.md", text))
    assert frame_terms(document) == {"steps"}


def test_same_terms_are_no_subject():
    text = bank("What is a Python decorator?", "What is a decorator in Python?")
    document = parse_document(Source.from_text("bank.md", text))
    first, second, _gil = [section for section in document.walk() if is_item(section)]
    assert not answers_other_question(second, document, first, document)


VERSION_BANK = """# 常见问题

## 1. 查看版本

**题目：** 如何查看 python 的版本？

**答案：** 在终端运行 python --version 命令，输出即为当前解释器的信息。

## 2. 查看版本号

**题目：** 如何查看 {typo} 的版本？

**答案：** 在终端运行 {answer} -V 命令，输出即为当前解释器的信息。
"""


@pytest.mark.parametrize(
    ("answer_word", "score"),
    [
        # The later answer spells "python" right, so it seemed to name the other question's subject.
        ("python", 92),
        # Each answer names the word of its own question, but "pyhton" is a typo, not a subject of its own.
        ("pyhton", 90),
    ],
)
def test_typo_in_question_is_no_subject(tmp_path, answer_word, score):
    path = tmp_path / "bank.md"
    path.write_text(VERSION_BANK.format(typo="pyhton", answer=answer_word), encoding="utf-8")

    assert near_duplicates(path) == [
        (
            9,
            f'section "2. 查看版本号" is {score}% similar to section "1. 查看版本" (line 3) after removing the text '
            f"most sections share; {MERGE}",
        )
    ]
