import random

import pytest

from rapidfuzz import fuzz

from doclint import qa
from doclint.parse import parse_document
from doclint.question_terms import same_terms
from doclint.source import Source

from test_duplicates import findings


def flat_faq(pairs):
    body = "".join(f"**Q:** {question}\n**A:** {answer}\n\n" for question, answer in pairs)
    return [parse_document(Source.from_text("faq.md", "# FAQ\n\n" + body))]


def conflicts(documents):
    found = qa.answer_conflicts(documents, 95.0)
    return {later.section.line: (conflict.earlier.section.line, conflict.score) for later, conflict in found.items()}


def conflicts_of_all_pairs(documents, threshold=95.0):
    """Pair every item with every earlier one, as a reference for the grouped search."""
    items = qa._compared_items(tuple(documents))
    keys = [qa._item_keys(entry.document)[entry.position] for entry in items]
    found = {}
    for later_index, later in enumerate(items):
        question, signature = keys[later_index]
        if not question:
            continue
        best = None
        for earlier_index in range(later_index):
            other_question, other_signature = keys[earlier_index]
            score = fuzz.ratio(question, other_question)
            if score < threshold or other_signature == signature:
                continue
            if not same_terms(qa._question_text(later), qa._question_text(items[earlier_index])):
                continue
            if best is None or score > best[1]:
                best = (items[earlier_index].section.line, score)
        if best is not None:
            found[later.section.line] = best
    return found


def test_distinct_questions_in_first_order():
    assert qa.distinct_questions(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


def test_question_search_scores_each_question_once(monkeypatch):
    searched = []
    real_scored_pairs = qa.scored_pairs

    def recording_scored_pairs(strings, threshold, search):
        searched.append(list(strings))
        return real_scored_pairs(strings, threshold, search)

    monkeypatch.setattr(qa, "scored_pairs", recording_scored_pairs)
    documents = flat_faq((f"How do I reset password number {i % 6}?", f"Answer {i}.") for i in range(600))

    found = conflicts(documents)

    assert len(searched) == 1
    assert len(searched[0]) == 6
    assert len(found) == 594


def test_repeated_question_reports_against_first_asking():
    documents = flat_faq((f"How do I reset password number {i % 6}?", f"Answer {i}.") for i in range(60))
    found = conflicts(documents)

    first_lines = {i: 3 + 3 * i for i in range(6)}
    for i in range(6, 60):
        assert found[3 + 3 * i] == (first_lines[i % 6], 100.0)


def test_grouped_search_matches_all_pairs():
    rng = random.Random(7)
    questions = [
        "How do I log in?",
        "how do I log in",
        "How do I log in **now**?",
        "How do I log out?",
        "What does `a += 1` do?",
        "What does `a -= 1` do?",
        "How do I reset my account password?",
        "How do I reset my account passwords?",
        "Where are the settings stored?",
    ]
    answers = [f"Answer {number}." for number in range(12)]
    pairs = [(rng.choice(questions), rng.choice(answers)) for _index in range(400)]
    documents = flat_faq(pairs)

    expected = conflicts_of_all_pairs(documents)

    assert len(expected) > 50
    assert conflicts(documents) == expected


def test_same_answer_later_reports_against_first_other():
    pairs = [
        ("How do I reset my account password?", "Open the settings."),
        ("How do I reset my account password?", "Ask the administrator."),
        ("How do I reset my account passwords?", "Open the settings."),
    ]
    found = conflicts(flat_faq(pairs))

    # The third item answers as the first does, so it reports against the second.
    assert found[6] == (3, 100.0)
    assert found[9][0] == 6


def test_protocols_in_capitals_are_two_questions(tmp_path):
    page = tmp_path / "ports.md"
    page.write_text("# 端口\n\n1、HTTP 默认端口是多少？答案：80。\n\n2、HTTPS 默认端口是多少？答案：443。\n", encoding="utf-8")
    assert findings(page, rule="inconsistent-answer") == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("1、http 默认端口是多少？答案：80。", "2、https 默认端口是多少？答案：443。"),
        ("1. What is the default port of http? Answer: 80.", "2. What is the default port of https? Answer: 443."),
        ("1. What is the default port of HTTP? Answer: 80.", "2. What is the default port of https? Answer: 443."),
    ],
    ids=["chinese", "english", "mixed-case"],
)
def test_protocols_in_lower_case_are_two_questions(tmp_path, first, second):
    page = tmp_path / "ports.md"
    page.write_text(f"# Ports\n\n{first}\n\n{second}\n", encoding="utf-8")
    assert findings(page, rule="inconsistent-answer") == []


def test_plural_in_lower_case_still_conflicts(tmp_path):
    page = tmp_path / "decorators.md"
    page.write_text(
        "# Python\n\n1. What does a decorator do in Python? Answer: It wraps a function.\n\n"
        "2. What does a decorators do in Python? Answer: It replaces a class.\n",
        encoding="utf-8",
    )
    [found] = findings(page, rule="inconsistent-answer")

    assert (found.code, found.line) == ("DL201", 5)
    assert found.message == (
        'item "2. What does a decorators do in Python?" asks the question of item "1. What does a decorator do in '
        'Python?" (line 3) again but answers it differently: the answer reads "It replaces a class." here and "It '
        'wraps a function." at line 3; keep one answer and correct or remove the other'
    )


def test_same_question_in_capitals_still_conflicts(tmp_path):
    page = tmp_path / "gil.md"
    page.write_text("# Python\n\n1、什么是GIL？答案：全局解释器锁。\n\n2、什么是 GIL？答案：一种垃圾回收器。\n", encoding="utf-8")
    assert [d.line for d in findings(page, rule="inconsistent-answer")] == [5]
