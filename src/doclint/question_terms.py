"""Checks that tell apart two similar questions with different numbers, operators, negations or words.

Two questions that score above the same-question threshold can still ask
different things: "What does min() return for an empty list?" and the same
with max() score 97, and so do "列出前五个步骤" and "列出前十个步骤", or
"What does `a += 1` do?" and "What does `a -= 1` do?", or "列表为空" and
"列表不为空" in a longer question. The score compares normalised texts,
which keep no operators, and a numeral or a negation is one character of
many. ``same_terms`` is the check that runs after the score.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from rapidfuzz.distance import Indel, Levenshtein

from doclint.text import CHINESE_NUMERAL_CHARS, CJK_CHAR, chinese_numeral_value, normalize

# Characters after a Chinese numeral that make it a count ("三种", "五个", "两步"),
# and characters before it that make it an ordinal or a rank ("第三", "前五").
_MEASURE_WORDS = "个种项步条次位名层类点章节年天月周岁倍元秒行列页张台组对件本段句道题例款篇遍轮级维阶大小"
_RANK_WORDS = "第前后"

# Words whose presence in only one of two questions turns its meaning around. A lone "t"
# is what normalisation leaves of "n't" ("doesn't" becomes "doesn t").
_NEGATION_WORDS = frozenset({"not", "no", "never", "without", "cannot", "nor", "neither", "nothing", "t"})
# Characters that negate in Chinese, and the common words that start with one but do not negate.
_NEGATION_CHARS = "不没未无别非"
_NOT_NEGATING = frozenset({"非常", "不同", "不断", "不仅", "不但", "不少", "无论", "别的", "别人", "未来"})
# Common words that end with a negating character but do not negate ("区别" is "difference").
_NOT_NEGATING_ENDINGS = frozenset({"区别", "差别", "分别", "特别", "识别", "类别", "级别", "性别", "告别", "个别", "鉴别", "辨别", "判别", "并非"})
# Pairs of opposite characters: swapping one for the other reverses a question ("升序" and "降序").
_OPPOSITES = frozenset(
    frozenset(pair)
    for pair in ("多少", "大小", "升降", "增减", "加减", "高低", "长短", "快慢", "前后", "先后", "上下", "左右", "内外", "早晚", "新旧", "正负", "开关", "入出", "真假")
)

_NUMBER_RE = re.compile(
    rf"\d+|(?P<rank>[{_RANK_WORDS}])?(?P<numeral>[{CHINESE_NUMERAL_CHARS}]+)(?P<measure>[{_MEASURE_WORDS}])?"
)
_OPERATOR_RE = re.compile(r"[-+*/%=<>!&|^~≤≥≠×÷]+")
_CJK_RUN_RE = re.compile(f"[{CJK_CHAR}]+")
# A run of letters or digits in a normalised text that is not CJK: what ``_terms`` returns.
_TERM_RE = re.compile(f"[^\\s{CJK_CHAR}]+")
# Pairs of opposite words: one in place of the other reverses a question or a heading ("enable" and
# "disable", "启用" and "禁用"). Used for the advice of near-duplicate-section, not for the same-question test.
_OPPOSITE_WORDS = frozenset(
    frozenset(pair)
    for pair in (
        ("ascending", "descending"), ("largest", "smallest"), ("minimum", "maximum"), ("min", "max"),
        ("enable", "disable"), ("enabled", "disabled"), ("install", "uninstall"), ("start", "stop"),
        ("faster", "slower"), ("safe", "unsafe"), ("empty", "nonempty"), ("first", "last"), ("before", "after"),
        ("upload", "download"), ("encrypt", "decrypt"), ("read", "write"), ("success", "failure"),
        ("increase", "decrease"), ("open", "close"), ("add", "remove"), ("import", "export"), ("push", "pull"),
        ("启用", "禁用"), ("开启", "关闭"), ("启动", "停止"), ("增加", "减少"), ("提高", "降低"), ("上传", "下载"),
        ("加密", "解密"), ("读取", "写入"), ("成功", "失败"), ("打开", "关闭"), ("导入", "导出"), ("添加", "删除"),
        ("最大", "最小"), ("最多", "最少"), ("升序", "降序"),
    )
)
# Each Latin word of ``_OPPOSITE_WORDS`` and its opposites, and the CJK pairs, which are matched as substrings.
_LATIN_OPPOSITES = {
    word: frozenset(other for pair in _OPPOSITE_WORDS if word in pair for other in pair - {word})
    for pair in _OPPOSITE_WORDS
    for word in pair
    if word.isascii()
}
_CJK_OPPOSITES = tuple(tuple(sorted(pair)) for pair in _OPPOSITE_WORDS if not next(iter(pair)).isascii())
# English number words, which ``differ_in_key_terms`` compares like digits ("top five" and "top ten").
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
# A name of code: a word before "(", a text in backquotes, a word joined by "_" or "." ("format_batches",
# "os.path"), a camelCase word ("parseInt"), or a command-line option ("--force").
_CODE_NAME_RE = re.compile(
    r"([A-Za-z_][\w.]*)\s*\(|`([^`]+)`|\b([A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*)\b"
    r"|(?<![\w-])(--?[A-Za-z][\w-]*)"
)


def same_terms(question: str, other: str) -> bool:
    """Return whether two similar questions name the same numbers, operators and Latin words, up to a typo.

    ``question`` and ``other`` are the questions' plain texts. Their numbers
    (digits, and Chinese numerals that count or rank) must be equal and in
    the same order, and so must their operators. Their Latin words are
    aligned in order: a word that only one question has is allowed (an
    added word), but two aligned words must be equal or a typo apart
    (``_typo``), which two technical terms such as "http" and "https"
    never are. When both have words in capitals, these must be the same
    ("HTTP" and "HTTPS" name two protocols). CJK text has no such words; its
    differences are left to the score.
    """
    if numbers(question) != numbers(other) or operators(question) != operators(other):
        return False
    acronyms, other_acronyms = _acronyms(question), _acronyms(other)
    if acronyms and other_acronyms and acronyms != other_acronyms:
        # "HTTP" and "HTTPS" are a typo apart, but they name two protocols.
        return False

    normalized, other_normalized = normalize(question), normalize(other)
    terms, other_terms = _terms(normalized), _terms(other_normalized)
    in_chinese = bool(_CJK_RUN_RE.search(normalized) or _CJK_RUN_RE.search(other_normalized))
    for operation in Levenshtein.opcodes(terms, other_terms):
        replaced = terms[operation.src_start:operation.src_end]
        replacing = other_terms[operation.dest_start:operation.dest_end]
        if _NEGATION_WORDS.intersection(replaced).symmetric_difference(_NEGATION_WORDS.intersection(replacing)):
            return False
        if operation.tag != "replace":
            continue
        if len(replaced) != len(replacing):
            return False
        if not all(_typo(term, other_term, in_chinese) for term, other_term in zip(replaced, replacing)):
            return False
    return not _turned_around(normalized, other_normalized)


def differ_only_in_typos(question: str, other: str) -> bool:
    """Return whether two questions differ only in Latin words that are each a typo of the other's ("pyhton" and "python").

    A reader takes such questions for one question. A short one can still
    score below the same-question threshold, because a swap of two letters
    costs two edits: "如何查看 pyhton 的版本？" scores 92.9 against the
    question with "python". The word with the typo is then no subject of
    its own question. Two names a letter apart are no typo (``_typo``).
    """
    normalized, other_normalized = normalize(question), normalize(other)
    if normalized == other_normalized:
        return False
    if _TERM_RE.sub("#", normalized) != _TERM_RE.sub("#", other_normalized):
        return False

    in_chinese = bool(_CJK_RUN_RE.search(normalized) or _CJK_RUN_RE.search(other_normalized))
    for term, other_term in zip(_terms(normalized), _terms(other_normalized)):
        if term == other_term:
            continue
        if not (term.isalpha() and other_term.isalpha() and _typo(term, other_term, in_chinese)):
            return False
    return True


def _turned_around(question: str, other: str) -> bool:
    """Return whether the CJK characters that differ between two normalised questions negate one or swap an opposite.

    "列表为空" and "列表不为空" differ in a negation; "次数最多" and "次数最少"
    in an opposite. Words such as 非常 ("very") and 未来 ("future") start
    with a negating character but do not negate.
    """
    for operation in Levenshtein.opcodes(question, other):
        if operation.tag == "equal":
            continue
        removed = (question, operation.src_start, operation.src_end)
        added = (other, operation.dest_start, operation.dest_end)
        if _negates(*removed) or _negates(*added):
            return True
        changed = question[operation.src_start:operation.src_end], other[operation.dest_start:operation.dest_end]
        if operation.tag == "replace" and len(changed[0]) == len(changed[1]) == 1 and frozenset(changed) in _OPPOSITES:
            return True
    return False


def _negates(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` contains a negating character that neither starts nor ends a non-negating word."""
    return any(
        text[index] in _NEGATION_CHARS
        and text[index:index + 2] not in _NOT_NEGATING
        and text[max(index - 1, 0):index + 1] not in _NOT_NEGATING_ENDINGS
        for index in range(start, end)
    )


def differ_in_key_terms(text: str, other: str) -> bool:
    """Return whether two similar questions or headings are about different things, not the same thing reworded.

    The key terms decide. Both name numbers and the numbers differ
    ("前五个" and "前十个", "port 80" and "port 443", "top five" and "top
    ten"). Both have operators and these differ. One negates and the other
    does not ("use" and "not use", "为空" and "不为空"). One has a word or
    a CJK character where the other has its opposite ("enable" and
    "disable", "升序" and "降序"). Or both name code and the names differ:
    a word before "(", in backquotes, joined by "_" or ".", in camelCase,
    or an option (``min()`` and ``max()``, ``format_batches`` and
    ``format_pages``, ``--force`` and ``--user``). Or one has a Latin word
    where the other has a name a letter or two apart ("http" and "https",
    "java" and "javac", as ``_typo`` tells them apart). This is narrower than
    ``not same_terms``: a replaced everyday word ("do" and "can", "the"
    and "a"), a number on one side only, or "doesn't" against "does not"
    is a rewording here.
    """
    normalized, other_normalized = normalize(text), normalize(other)
    text_numbers, other_numbers = _all_numbers(text, normalized), _all_numbers(other, other_normalized)
    if text_numbers and other_numbers and text_numbers != other_numbers:
        return True
    text_operators, other_operators = operators(text), operators(other)
    if text_operators and other_operators and text_operators != other_operators:
        return True

    if _negated(normalized) != _negated(other_normalized) or _turned_around(normalized, other_normalized):
        return True
    if _swaps_opposite_words(normalized, other_normalized) or _name_other_things(normalized, other_normalized):
        return True
    code_names, other_code_names = _code_names(text), _code_names(other)
    return bool(code_names and other_code_names and code_names != other_code_names)


# A word in capitals, as protocols and formats are named: "HTTP", "HTTPS", "IMAP", "JSON", "UTF8".
_ACRONYM_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]+(?![A-Za-z0-9])")


def _acronyms(text: str) -> frozenset[str]:
    """Return the words in capitals of a text, which name things: "HTTP" and "HTTPS" are two protocols."""
    return frozenset(_ACRONYM_RE.findall(text))


def swaps_subject(question: str, other: str, title: str, other_title: str) -> bool:
    """Return whether two questions ask the same thing of different subjects, each the title of its own heading.

    "什么是栈？" under "1. 栈" and "什么是队列？" under "2. 队列" qualify:
    each question contains its title, and putting the other title in its
    place gives the other question. A question that is only its title has
    no frame in common with the other, so it does not qualify.
    """
    normalized, other_normalized = normalize(question), normalize(other)
    subject, other_subject = normalize(title), normalize(other_title)
    if not subject or not other_subject or subject == other_subject:
        return False
    if normalized == subject or other_normalized == other_subject:
        return False
    return subject in normalized and normalized.replace(subject, other_subject, 1) == other_normalized


# The terms of each text are cached: a section is compared with up to ten others, and a question with several.
@lru_cache(maxsize=8192)
def _all_numbers(text: str, normalized: str) -> list[int]:
    """Return the numbers of a text (``numbers``) followed by those it writes as English words."""
    return numbers(text) + [_NUMBER_WORDS[term] for term in _terms(normalized) if term in _NUMBER_WORDS]


def _swaps_opposite_words(normalized: str, other: str) -> bool:
    """Return whether one normalised text has a word where the other has its opposite (``_OPPOSITE_WORDS``).

    Latin words are compared as whole words and CJK words as substrings,
    because CJK text has no spaces between words.
    """
    words, other_words = set(_terms(normalized)), set(_terms(other))
    for word in words - other_words:
        if _LATIN_OPPOSITES.get(word, frozenset()) & (other_words - words):
            return True
    if normalized.isascii() or other.isascii():
        return False
    for first, second in _CJK_OPPOSITES:
        if (first in normalized and second in other and second not in normalized) or (
            second in normalized and first in other and first not in normalized
        ):
            return True
    return False


def _name_other_things(normalized: str, other: str) -> bool:
    """Return whether two normalised texts have, in one place, two Latin words that name two things ("java" and "javac")."""
    terms, other_terms = _terms(normalized), _terms(other)
    in_chinese = bool(_CJK_RUN_RE.search(normalized) or _CJK_RUN_RE.search(other))
    for operation in Levenshtein.opcodes(terms, other_terms):
        if operation.tag != "replace":
            continue
        replaced = terms[operation.src_start:operation.src_end]
        replacing = other_terms[operation.dest_start:operation.dest_end]
        for term, other_term in zip(replaced, replacing):
            if _extends_name(term, other_term, in_chinese):
                return True
            if Indel.distance(term, other_term) <= 2 and _distinct_terms(term, other_term):
                return True
    return False


@lru_cache(maxsize=8192)
def _negated(normalized: str) -> bool:
    """Return whether a normalised text has a Latin negation word."""
    return bool(_NEGATION_WORDS.intersection(_terms(normalized)))


@lru_cache(maxsize=8192)
def _code_names(text: str) -> list[str]:
    """Return the names of code in a text, in order (``_CODE_NAME_RE``)."""
    text = unicodedata.normalize("NFKC", text)
    return [next(group for group in match.groups() if group) for match in _CODE_NAME_RE.finditer(text)]


def with_arabic_numerals(text: str) -> str:
    """Return the text with each Chinese numeral that counts or ranks written in digits: "前十五个" becomes "前15个".

    The same-question score compares normalised texts character by
    character, so "前十五个步骤" and "前 15 个步骤" would score as two
    changed characters although they ask the same thing.
    """
    pieces = []
    position = 0
    for start, end, value in _numeral_spans(text):
        pieces += [text[position:start], str(value)]
        position = end
    return "".join(pieces) + text[position:] if pieces else text


def numbers(text: str) -> list[int]:
    """Return the numbers of a text in order: digit runs, and Chinese numerals that count or rank.

    "ipv6 on port 80" gives [6, 80], "前五个步骤" gives [5], as does
    "前 5 个步骤". A Chinese numeral counts when a measure word follows it
    ("三种") and ranks after 第, 前 or 后 ("第三"). A lone 一 before a
    measure word ("一个", "一种") is left out, because Chinese uses it as
    an article: "什么是一个进程" and "什么是进程" ask the same thing.
    """
    text = unicodedata.normalize("NFKC", text)
    spans = {start: value for start, _end, value in _numeral_spans(text)}
    found = []
    for match in _NUMBER_RE.finditer(text):
        if match.group("numeral") is None:
            found.append(int(match.group()))
        elif match.start("numeral") in spans:
            found.append(spans[match.start("numeral")])
    return found


def _numeral_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, value) of each Chinese numeral in the text that counts or ranks (see ``numbers``)."""
    for match in _NUMBER_RE.finditer(text):
        numeral = match.group("numeral")
        if numeral is None:
            continue
        if match.group("rank") is None and (match.group("measure") is None or numeral == "一"):
            continue
        value = chinese_numeral_value(numeral)
        if value is not None:
            yield match.start("numeral"), match.end("numeral"), value


@lru_cache(maxsize=8192)
def operators(text: str) -> list[str]:
    """Return the operators of a text in order: "a += 1 if x != y" gives ["+=", "!="].

    Full-width operators count as their ASCII forms ("a＜b" gives ["<"]).
    A hyphen or slash between two letters joins words ("built-in",
    "TCP/IP") and is left out, and so is a lone "!", which ends an
    exclamation. Between digits it is arithmetic ("7-2", "7/2").
    """
    text = unicodedata.normalize("NFKC", text)
    found = []
    for match in _OPERATOR_RE.finditer(text):
        operator = match.group()
        if operator == "!":
            continue
        if operator in "-/" and _joins_words(text, match.start(), match.end()):
            continue
        found.append(operator)
    return found


def _joins_words(text: str, start: int, end: int) -> bool:
    """Return whether a hyphen or slash is between two letters ("built-in", "TCP/IP"); between digits it is arithmetic ("7-2")."""
    return 0 < start and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


def _terms(question: str) -> list[str]:
    """Return the runs of letters and digits of a normalised question that are not CJK characters."""
    if question.isascii():
        return question.split()
    return _CJK_RUN_RE.sub(" ", question).split()


def _typo(term: str, other: str, in_chinese: bool) -> bool:
    """Return whether two words are one typo apart: one character added, dropped, changed or moved, after the first.

    A typo in a word of three letters or fewer, or in its first letter, is
    too often another word ("get" and "set", "lstrip" and "rstrip"), so
    such words must be equal. So must two technical terms that differ in a
    letter or two but name different things (``_distinct_terms``), and a
    name and the longer name made from it (``_extends_name``). ``in_chinese``
    is true when the question is written in Chinese.
    """
    if min(len(term), len(other)) < 4 or term[0] != other[0]:
        return term == other
    if _distinct_terms(term, other) or _extends_name(term, other, in_chinese):
        return False
    distance = Indel.distance(term, other)
    return distance <= 1 or (distance == 2 and len(term) == len(other))


# Technical terms with vowels that are a typo apart from another term but name another thing.
_DISTINCT_TERM_PAIRS = frozenset(
    frozenset(pair)
    for pair in (("imap", "imaps"), ("ldap", "ldaps"), ("json", "jsonl"), ("sass", "scss"), ("mysql", "mssql"))
)
_VOWELS = frozenset("aeiouy")


def _distinct_terms(term: str, other: str) -> bool:
    """Return whether two different lower-case words name two technical things, not one word and its typo.

    Two words without a vowel are abbreviations, and a letter more or
    less makes another name: "http" and "https", "smtp" and "smtps". This
    is the lower-case form of the rule for words in capitals. Words with vowels ("decorators",
    "colour") are read as inflections or spellings of one word, except for
    the few pairs of ``_DISTINCT_TERM_PAIRS``.
    """
    if term == other:
        return False
    if _is_abbreviation(term) and _is_abbreviation(other):
        return True
    return frozenset((term, other)) in _DISTINCT_TERM_PAIRS


# Endings that English adds to a word to make another form of it ("lists", "matches", "parsed",
# "compiler", "quickly", "taken"), the "n" that normalisation leaves of "n't" ("doesn t"), and a
# final "e" that a typo drops ("configur").
_ENGLISH_ENDINGS = frozenset({"s", "es", "d", "ed", "n", "e", "r", "er", "y", "ly"})


def _extends_name(term: str, other: str, in_chinese: bool) -> bool:
    """Return whether one word is the other plus one or two letters at its end, so that the two name two things.

    Commands and protocols are often named that way: "java" and "javac",
    "telnet" and "telnets". The shorter word must be of ASCII letters and
    three letters or longer. A doubled last letter is a typo ("instal" and
    "install"). In an English question an added English ending makes
    another form of one word ("decorator" and "decorators", "list" and
    "lists"), so only other letters make another name ("pip" and "pipx").
    Chinese does not inflect the Latin words it quotes, so in a Chinese
    question any added letters make another name.
    """
    shorter, longer = sorted((term, other), key=len)
    added = longer[len(shorter):]
    if not (shorter.isascii() and shorter.isalpha() and len(shorter) >= 3):
        return False
    if not (longer.isascii() and longer.startswith(shorter) and added.isalpha() and 1 <= len(added) <= 2):
        return False
    if added[0] == shorter[-1]:
        return False
    return in_chinese or added not in _ENGLISH_ENDINGS


def _is_abbreviation(word: str) -> bool:
    """Return whether a word has letters but no vowel, as "http", "smtp" and "mp3" have; "y" counts as a vowel."""
    letters = [char for char in word if char.isalpha()]
    return bool(letters) and _VOWELS.isdisjoint(letters)
