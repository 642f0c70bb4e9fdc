"""An item whose answer answers another item's question: an answer pasted under the wrong question.

Two items with the same answer and unrelated questions ("What is a
decorator?" and "How does garbage collection work?") score as
near-duplicates, and merging them would lose a question. The pasted answer
names the subject of the question it was written for and nothing of the
question above it: "A decorator is a function that …" under the question
about garbage collection. ``near-duplicate-section`` then advises to
rewrite the pasted answer instead of merging the items.

A question's terms are the words that tell what it is about:

- each Latin word of at least ``MIN_LATIN_CHARS`` letters that is not a
  common question word, cut to its first ``LATIN_STEM_CHARS`` letters, so
  that "install" in an answer matches "installation" in a question;
- each pair of adjacent CJK characters, because Chinese writes words
  without spaces and many of its words are two characters long, except
  pairs that only frame a question or are everyday words such as "一个"
  (``_CJK_QUESTION_PAIRS``).

A term that many questions of a document share, such as "steps" in a
bank that asks "What are the steps of …?" again and again, is part of the
document's question frame (``frame_terms``) and tells nothing about a
subject.

An answer that names a term of its own question, however few, may well
answer it, and the items keep the advice to merge. That includes a term
that both questions share.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from doclint.distinct_items import answer_text
from doclint.model import Document, Section
from doclint.qa import is_item, question_content
from doclint.question_terms import differ_only_in_typos
from doclint.text import CJK_CHAR, normalize

MIN_LATIN_CHARS = 4
LATIN_STEM_CHARS = 5

# A term in at least this share of a document's questions, and in at least
# MIN_FRAME_QUESTIONS of them, belongs to the document's question frame.
FRAME_SHARE = 0.25
MIN_FRAME_QUESTIONS = 3

_LATIN_QUESTION_WORDS = frozenset(
    {
        "what", "when", "which", "where", "whom", "whose", "does", "with", "from", "that", "this", "these",
        "those", "have", "there", "their", "your", "into", "about", "should", "would", "could", "will", "they",
        "them", "than", "then", "also", "been", "being", "were", "some", "more", "most", "only", "other", "such",
        "each", "many", "much", "very", "just", "like", "make", "need", "explain", "describe", "difference",
        "between", "mean", "means", "work", "works", "happens", "example", "give", "list", "name", "without",
        "within", "through", "using", "while", "after", "before", "under", "over", "across", "against", "during",
    }
)
# Pairs that frame a question, and everyday words such as "一个" that any answer may use.
_CJK_QUESTION_PAIRS = frozenset(
    {
        "什么", "么是", "是什", "如何", "怎么", "为什", "哪些", "哪个", "一下", "解释", "介绍", "区别", "简述",
        "说明", "请问", "有哪", "有什", "么区", "的区", "之间", "作用", "请解", "请简", "请说", "请介",
        "怎样", "是否", "能否", "一个", "一种", "一些", "这个", "这些", "那个", "那些", "可以", "我们",
        "如果", "因为", "所以", "以及", "进行",
    }
)


def answers_other_question(section: Section, document: Document, other: Section, other_document: Document) -> bool:
    """Return whether the answer of item ``section`` names the subject of item ``other``'s question but not its own.

    Each subject is the set of terms of one question that the other
    question lacks, less its document's question frame. Both must be
    non-empty: two questions with the same terms are one question, which
    ``inconsistent-answer`` and the advice to merge cover. An answer that
    names a term the two questions share ("install" in "How do I install
    acme?" and "What is the installation procedure?") may answer both.
    Two questions that differ only in a typo ("pyhton" and "python") are
    one question too (``differ_only_in_typos``).
    """
    question, other_question = question_content(section), question_content(other)
    if differ_only_in_typos(question, other_question):
        return False

    own_terms = subject_terms(question)
    other_terms = subject_terms(other_question)
    frame = frame_terms(document)
    own_subject = own_terms - other_terms - frame
    other_subject = other_terms - own_terms - frame_terms(other_document)
    if not own_subject or not other_subject:
        return False

    answer_terms = subject_terms(answer_text(section))
    return bool(answer_terms & other_subject) and not answer_terms & (own_terms - frame)


@lru_cache(maxsize=4096)
def frame_terms(document: Document) -> frozenset[str]:
    """Return the terms that at least ``FRAME_SHARE`` of the document's questions, and ``MIN_FRAME_QUESTIONS``, share."""
    questions = [question_content(section) for section in document.walk() if is_item(section)]
    counts = Counter(term for question in questions for term in subject_terms(question))
    floor = max(MIN_FRAME_QUESTIONS, math.ceil(FRAME_SHARE * len(questions)))
    return frozenset(term for term, count in counts.items() if count >= floor)


@lru_cache(maxsize=4096)
def subject_terms(text: str) -> frozenset[str]:
    """Return the terms of a text, as the module docstring defines them."""
    terms: set[str] = set()
    for match in _runs_pattern().finditer(normalize(text)):
        run = match.group()
        if match.lastgroup == "cjk":
            pairs = {run[index : index + 2] for index in range(len(run) - 1)}
            terms |= pairs - _CJK_QUESTION_PAIRS
        elif len(run) >= MIN_LATIN_CHARS and run.isalpha() and run not in _LATIN_QUESTION_WORDS:
            terms.add(run[:LATIN_STEM_CHARS])
    return frozenset(terms)


@lru_cache(maxsize=1)
def _runs_pattern() -> re.Pattern[str]:
    # Compiled on first use, as in doclint.text, because a pattern with the CJK ranges takes about 2 ms to compile.
    return re.compile(f"(?P<cjk>[{CJK_CHAR}]+)|(?P<latin>[^\\s{CJK_CHAR}]+)")
