"""An answer written on the line of its question: ``1、什么是GIL？答案：…``, ``1、简述GIL。答案：…``, ``Q1: What is X? A: It is …``.

Some banks put a question and its answer on one line. The parser cuts a
paragraph that opens with a question where an answer label follows on
the same line. The label may follow a question mark (``?`` or ``？``), a
sentence end (``。``, ``！``, or ``.`` and ``!`` before a space), or
spaces, and the first such place cuts. The answer then becomes a field
of its own, as if it stood on the next line. A later label, such as one
in the answer, cuts nothing.

A label right after a word (``本节的答案：见下文``) or inside quotes
(``prints "Answer: 42"``) cuts nothing, because it is part of the
sentence there. After spaces alone, the label or the character before
the spaces must be outside ASCII (``请写出快速排序 答：…``,
``简述GIL 答案：…``), because in English prose "the line Answer: 42" is
a sentence too. Whether the text before the label asks something
(``asks``) tells a question from a numbered step of prose such as
``1、本节介绍安装。答案：见下文``, which the parser then keeps whole.
"""

from __future__ import annotations

import re

from doclint.fields import LabelTable

# A place where an answer label may start on the line of its question: after a question mark, a sentence end, or
# spaces after other text. The group ``mark`` is the question mark or sentence end, which stays with the question.
_CUT_RE = re.compile(r"(?:(?P<mark>[?？。！]|[.!](?=[ \t]))|(?<=\S)(?=[ \t]))[ \t]*")

# The option after ``A`` on the same line, as in ``A: list  B: tuple``: a ``B`` with a separator after white space.
_NEXT_OPTION_RE = re.compile(r"\sB\s*[:：.．)）、]")


# A sentence end inside a question's text: full-width or ASCII, a full stop only before white space (``os.path``).
_SENTENCE_END_RE = re.compile(r"[。！!；;]|\.\s")

# The sentence end that closes the text of a question, before its answer label.
_CLOSING_END_RE = re.compile(r"(?:[。！!]|\.)[ \t]*$")

# A question mark, which ends the question of a question with an instruction after it.
_QUESTION_MARK_RE = re.compile(r"[?？]")

# A line that names itself a question: "Q3:", "Question 3.", "Exercise 2:". After such an opening, an English
# answer label may follow a full stop ("Q3: Explain the GIL. Answer: a lock."); after a bare number it may not.
_QUESTION_PREFIX_RE = re.compile(r"\s*(?:Q|Question|Exercise|Problem)\s*\d*\s*[:：.)]", re.IGNORECASE)


# Words that make a text a question or a task without a question mark: "简述GIL", "请写出快速排序", "Explain the GIL".
# Words that also describe a section in prose, such as 介绍, 说明 and 解释 ("本节介绍安装"), count only after 请 or 试
# or before 一下.
_QUESTION_WORD_RE = re.compile(
    r"什么|为什么|为何|如何|怎么|怎样|哪|吗|是否|能否|可否|多少|简述|简要|概述|阐述|论述|列举|写出|写一个|举例|区别|异同|谈谈"
    r"|实现|编写|设计|计算|证明|推导|判断|给出|画出"
    r"|[请试](?:问|写|简|述|论|说|解|介|描|列|比|举|给|分析)|(?:介绍|说明|解释|描述)一下"
    r"|\b(?:what|why|how|when|where|which|who|explain|describe|define|compare|list|name|write|implement|calculate|prove)\b",
    re.IGNORECASE,
)


def asks(question: str) -> bool:
    """Return whether a text asks something: it has a question mark or a question word such as 什么, 简述 or "explain"."""
    return _QUESTION_MARK_RE.search(question) is not None or _QUESTION_WORD_RE.search(question) is not None


def is_one_sentence(question: str) -> bool:
    """Return whether the text of a question, before its question mark, is one sentence.

    A numbered step that states a task and then asks about it ("1.
    Install the package. Why? A: …") is a step of a tutorial rather than
    a question with its answer, so such a line is not cut.
    """
    return _SENTENCE_END_RE.search(question) is None


def asks_one_question(question: str) -> bool:
    """Return whether the text of a question before its answer label is one question, task or question with an instruction.

    The text is one sentence (``什么是GIL？``, ``简述GIL。``), or a question
    and one sentence after it (``下面的代码输出什么？请说明原因。``). A
    sentence before the question (``Install the package. Why?``) makes
    the line a step of a tutorial, and empty text no question at all.
    """
    body = _CLOSING_END_RE.sub("", question.strip())
    if not body:
        return False

    before_mark, mark, instruction = _split_at_mark(body)
    if not mark:
        return is_one_sentence(body)
    return is_one_sentence(before_mark) and is_one_sentence(instruction)


def _split_at_mark(body: str) -> tuple[str, str, str]:
    """Split text at its first question mark into (before, the mark, after); the mark is "" when there is none."""
    found = _QUESTION_MARK_RE.search(body)
    if found is None:
        return body, "", ""
    return body[: found.start()], found.group(), body[found.end():]


def may_answer_inline(markdown: str) -> bool:
    """Return whether a paragraph may hold an answer on the line of its question, by tests cheaper than the label search.

    The paragraph needs a question mark with text after it on its line,
    or a colon or ``【`` after a sentence end or a space, which every
    answer label needs. Most paragraphs
    have neither, and this test spares them the search for a label.
    """
    if ("?" in markdown or "？" in markdown) and _TEXT_AFTER_MARK_RE.search(markdown) is not None:
        return True
    if "【" in markdown and _BRACKET_LABEL_RE.search(markdown) is not None:
        return True
    # Each colon is looked at with the text just before it, because a search of the whole paragraph tries a label
    # at every space: on 1,000 generated pages that made this test cost more than the rest of the inline answers.
    for colon in ("：", ":"):
        end = markdown.find(colon)
        while end != -1:
            if _LABEL_BEFORE_COLON_RE.search(markdown, max(0, end - LABEL_LOOKBACK_CHARS), end) is not None:
                return True
            end = markdown.find(colon, end + 1)
    return False


# A question mark with more text after it on its line.
_TEXT_AFTER_MARK_RE = re.compile(r"[?？][ \t]*[^\s]")

# A sentence end or spaces after other text, then optional bold markers: where an answer label may start.
_BEFORE_LABEL = r"(?:[。！.!]|\S[ \t])[ \t]*(?:\*\*|__)?"
# A bracketed label after it (``。【答案】``), which needs no colon.
_BRACKET_LABEL_RE = re.compile(_BEFORE_LABEL + "【")
# A word of a label at the end of the text up to its colon: ``。答案``, `` 答``, ``. Answer``, ``。**答案**``.
_LABEL_BEFORE_COLON_RE = re.compile(_BEFORE_LABEL + r"\w{1,16}[ \t]*(?:\*\*|__)?[ \t]*\Z")
# How far before a colon the label may start: a sentence end, bold markers, 16 letters and spaces fit. A label
# after more spaces than that is not found.
LABEL_LOOKBACK_CHARS = 64


def inline_answer(markdown: str, labels: LabelTable) -> tuple[int, int] | None:
    """Find the first place on a line that an answer label follows: a question mark, a sentence end or spaces.

    Returns two offsets into ``markdown``, or None. The first is the end
    of the question, just after its question mark or sentence end, and the
    second the start of the answer label. The label is one of ``labels`` for the
    ``answer`` key, such as ``答案：``, ``答：`` or ``A:``. After spaces
    alone, the label or the character before the spaces must be outside
    ASCII. After an ASCII full stop or exclamation mark, an ASCII label
    cuts only a line that names itself a question (``Q3: …``), because a
    numbered step of a tutorial may go on with "Answer: yes to the prompt". Only a question mark cuts after the first line, because a
    question of several lines ends with one. A one-letter label that opens a list of options
    (``A: list  B: tuple``, or ``B:`` on the next line) is no answer.
    """
    first_line_end = len(markdown.partition("\n")[0])
    for place in _CUT_RE.finditer(markdown):
        mark = place.group("mark")
        if place.start() >= first_line_end and mark not in ("?", "？"):
            # A question on more lines than one ends with its question mark, as the lines before the answer did.
            continue
        rest = markdown[place.end():]
        if not rest or rest.startswith(("\n", "\r")):
            continue
        found = labels.match(rest)
        if found is None or found.key != "answer":
            continue
        if len(found.label) == 1 and _NEXT_OPTION_RE.search(found.rest.partition("\n")[0]):
            continue
        if mark is None and found.label.isascii() and markdown[place.start() - 1].isascii():
            continue
        if mark in (".", "!") and found.label.isascii() and _QUESTION_PREFIX_RE.match(markdown) is None:
            # "1. Start the installer. Answer: yes to the licence prompt." is a step of a tutorial.
            continue
        question_end = place.end("mark") if mark is not None else place.start()
        return question_end, place.end()
    return None
