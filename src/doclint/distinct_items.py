"""Two similar Q&A items that are distinct: they ask different questions and give different answers.

Asking the opposite case with the same options is a standard way to write
questions: "下列哪个是 Python 的不可变类型？" (answer C) and, a few items
later, "下列哪个是 Python 的可变类型？" (answer D). So is asking the same
thing of another version ("在 Python 2 中，3 / 2 的结果是多少？" and the
same for Python 3) or of another subject ("什么是栈？" and "什么是队列？").
Such items share the question's frame and often their options, so their
bodies score above the near-duplicate threshold, yet each item is right.

``near-duplicate-section`` decides with this module, for two items whose
bodies are near-duplicates:

- the questions differ (``questions_differ``) and so do the answers
  (``answers_differ``): the items are distinct and not reported;
- the questions differ but the answers are nearly the same: one answer was
  pasted, and the advice is to rewrite it. So is an answer that names the
  subject of the other item's question and nothing of its own
  (``doclint.pasted_answers``);
- otherwise one item repeats the other, and the advice is to merge them.

``borrowed-passage`` compares distinct items like any two items that no
other rule reports, so a step pasted between them is still found.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from doclint.model import Section
from doclint.qa import answer_code, is_item, question_content
from doclint.question_terms import differ_in_key_terms, differ_only_in_typos, swaps_subject
from doclint.release_notes import is_known_issues
from doclint.similarity import SectionEntry, block_texts, bounded_score, scored_form
from doclint.text import normalize, words


def distinct_items(section: Section, other: Section, threshold: float) -> bool:
    """Return whether two sections are Q&A items that ask different questions and give different answers.

    Here two questions also differ when they score below ``threshold``, as
    two questions whose options differ do ("下列哪个是可变类型？A. int …"
    and "下列哪个是不可变类型？A. list …"). ``questions_differ`` alone leaves
    such questions to the advice to merge, which suits two items with the
    same answer but not two with different answers.
    """
    if not (is_item(section) and is_item(other)):
        return False
    different_questions = not similar_questions(section, other, threshold) or questions_differ(section, other, threshold)
    return different_questions and answers_differ(section, other, threshold)


def similar_questions(section: Section, other: Section, threshold: float) -> bool:
    """Return whether two items' questions, with the code under them, score at least ``threshold``."""
    question, other_question = question_content(section), question_content(other)
    return fuzz.ratio(normalize(question), normalize(other_question)) >= threshold


def questions_differ(section: Section, other: Section, threshold: float) -> bool:
    """Return whether two items ask different questions: their key terms differ, or each asks about its own heading.

    The key terms are those of ``differ_in_key_terms``, tested only on
    questions that score at least ``threshold`` (``differ_in_terms``).
    Short questions that differ only in the subject, such as "什么是栈？"
    under the heading "栈" and "什么是队列？" under "队列", score below
    the threshold, so ``swaps_subject`` tests them with the headings. A
    flat FAQ has no headings, but there each answer names the subject of
    its own question (``answer_own_subjects``). The code blocks before an
    item's answer label are part of its question (``question_content``).
    """
    question, other_question = question_content(section), question_content(other)
    return (
        differ_in_terms(question, other_question, threshold)
        or swaps_subject(question, other_question, section.title, other.title)
        or answer_own_subjects(section, other)
    )


# Words in which two questions about two subjects differ, at most. More make two other questions.
MAX_SUBJECT_WORDS = 3


def answer_own_subjects(section: Section, other: Section) -> bool:
    """Return whether two items ask about different subjects and each answer names its own question's subject.

    "Does it work on Windows?" answered "Yes, on Windows 10 and later." and
    "Does it work on macOS?" answered "Yes, on macOS 12 and later." are two
    questions. The subject of a question is the words that the other
    question lacks (``doclint.text.words``: a CJK character or a Latin
    word each), at most ``MAX_SUBJECT_WORDS`` of them. Each answer must
    name a word of its own subject and none of the other's. An answer
    pasted under the other question still names the first subject, so it
    stays a near-duplicate. A word with a typo ("pyhton" for "python") is
    no subject (``differ_only_in_typos``).
    """
    question, other_question = question_content(section), question_content(other)
    if differ_only_in_typos(question, other_question):
        return False

    question_words = set(words(normalize(question)))
    other_question_words = set(words(normalize(other_question)))
    subject, other_subject = question_words - other_question_words, other_question_words - question_words
    if not subject or not other_subject or max(len(subject), len(other_subject)) > MAX_SUBJECT_WORDS:
        return False
    answer_words = set(words(normalize(answer_text(section))))
    other_answer_words = set(words(normalize(answer_text(other))))
    return _names_only(answer_words, subject, other_subject) and _names_only(other_answer_words, other_subject, subject)


def _names_only(answer_words: set[str], subject: set[str], other_subject: set[str]) -> bool:
    return bool(answer_words & subject) and not answer_words & other_subject


def answers_differ(section: Section, other: Section, threshold: float) -> bool:
    """Return whether two items' answers, text and steps, score below ``threshold`` or differ in a key term.

    "后进先出的线性表" and "先进先出的线性表" score 88 but swap an opposite,
    so they are two answers, not one answer pasted twice.
    """
    answer, other_answer = answer_text(section), answer_text(other)
    normalized, other_normalized = normalize(answer), normalize(other_answer)
    # Very long answers are scored on bounded forms, as near-duplicate sections are.
    score = fuzz.ratio(scored_form(normalized), scored_form(other_normalized))
    if bounded_score(score, len(normalized), len(other_normalized)) < threshold:
        return True
    return differ_in_key_terms(answer, other_answer)


def differ_in_terms(text: str, other: str, threshold: float) -> bool:
    """Return whether two texts that score at least ``threshold`` are about different things (``differ_in_key_terms``).

    The score comes first: it is the cheaper test, and most pairs of
    near-duplicate sections have headings that score far below it.
    """
    if fuzz.ratio(normalize(text), normalize(other)) < threshold:
        return False
    return differ_in_key_terms(text, other)


def answer_text(section: Section) -> str:
    """Return an item's answer as one text: the answer field's text, its steps and its code blocks."""
    answer = section.fields["answer"]
    return " ".join([answer.text, *(step.text for step in answer.steps), *(block.text for block in answer_code(section))])


# Bodies of at most this many characters are entries, such as the lines of a changelog section.
MAX_ENTRY_CHARS = 200


def entries_differ(entry: SectionEntry, other_entry: SectionEntry) -> bool:
    """Return whether two short sections other than items are entries about different things.

    A changelog's "Added" or "Changed" sections hold one or two lines
    each, so two releases' entries score high when only a version or a
    name differs: "Bump the minimum Python from 3.8 to 3.9." and "…from
    3.9 to 3.10.", or "``Store.items()`` returns the pairs." and
    "``Store.keys()`` returns the keys.". They differ in a key term
    (``differ_in_key_terms``), as two questions about different things
    do. Longer sections are left to the score, because a section rewritten
    with one number changed is still the same section. Two lists of known
    issues are no such entries: one with an issue more cites one number
    more, and ``list_known_issues`` decides whether they belong to two
    releases. Under two platforms ("Linux" and "macOS") they are compared.
    """
    section, other = entry.section, other_entry.section
    if is_item(section) or is_item(other):
        return False
    if is_known_issues(entry) and is_known_issues(other_entry):
        return False
    # The normalised clauses are never longer than the text, so most sections stop here without reading it.
    if sum(map(len, entry.clauses)) > MAX_ENTRY_CHARS or sum(map(len, other_entry.clauses)) > MAX_ENTRY_CHARS:
        return False
    text, other_text = _body_text(section), _body_text(other)
    if len(text) > MAX_ENTRY_CHARS or len(other_text) > MAX_ENTRY_CHARS:
        return False
    return differ_in_key_terms(text, other_text)


def _body_text(section: Section) -> str:
    return "\n".join(text for text, _is_code in block_texts(section.blocks))
