"""Recognising labelled fields (``**题目：**``, ``**Answer:**``, ``【答案】``) and step labels.

Labels are matched on the text as written, not only on what CommonMark
parses as bold: under the flanking rules ``**题目：**如何…`` (no space after
the closing ``**``) is not emphasis at all, yet Chinese authors write it that
way all the time. The colon may be ASCII or full-width and may stand inside
or outside the bold markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from doclint.data import DataError, load_json
from doclint.i18n import N_, _
from doclint.text import is_cjk

_MARK = r"(?:\*\*|__)"
# Maximum number of label matches that a table keeps, so that its memory stays bounded over a large run.
MAX_CACHED_MATCHES = 50_000
_COLON = r"[:：]"


@dataclass(frozen=True)
class LabelMatch:
    key: str
    label: str
    rest: str
    """The text after the label, colon and closing markers."""


class LabelTable:
    """Maps the labels a document may use to canonical field keys."""

    def __init__(self, synonyms: dict[str, list[str]]):
        self.synonyms = synonyms
        self._keys: dict[str, str] = {}
        for key, labels in synonyms.items():
            for label in labels:
                folded = label.casefold()
                if folded in self._keys and self._keys[folded] != key:
                    raise DataError(
                        _("label {label!r} maps to both {first!r} and {second!r}").format(
                            label=label, first=self._keys[folded], second=key
                        )
                    )
                self._keys[folded] = key

        # Longest labels first, so that "答案解析" wins over "答案".
        alternatives = "|".join(re.escape(label) for label in sorted(self._keys, key=len, reverse=True))
        self._pattern = re.compile(
            rf"^\s*(?P<open>{_MARK})?\s*(?:"
            rf"【\s*(?P<bracketed>{alternatives})\s*】\s*{_COLON}?\s*(?P<close3>{_MARK})?\s*{_COLON}?"
            rf"|(?P<label>{alternatives})\s*"
            rf"(?:(?P<inner>{_COLON})\s*(?P<close1>{_MARK})?|(?P<close2>{_MARK})\s*{_COLON}))\s*",
            re.IGNORECASE,
        )
        self._matches: dict[str, LabelMatch | None] = {}

    def __repr__(self) -> str:
        # The caches key their entries on the settings' repr, so it must name the labels, not the object's address.
        return f"LabelTable({self.synonyms!r})"

    def __getstate__(self) -> dict[str, object]:
        # A worker process gets the table without the matches this process kept.
        return {**self.__dict__, "_matches": {}}

    def match(self, text: str) -> LabelMatch | None:
        """Match a field label at the start of a paragraph's text.

        A label needs a colon after it, unless it is in lenticular
        brackets: ``【答案】`` and ``【答案】：`` are labels. Bold markers are
        optional but must pair up: ``**Answer:** yes`` and ``Answer: yes``
        are fields, ``**Answer: yes`` is not.

        The parser matches each paragraph several times, and generated
        documents repeat their labelled lines, so the results are kept.
        """
        try:
            return self._matches[text]
        except KeyError:
            pass
        if len(self._matches) >= MAX_CACHED_MATCHES:
            self._matches.clear()
        found = self._matches[text] = self._match(text)
        return found

    def _match(self, text: str) -> LabelMatch | None:
        found = self._pattern.match(text)
        if not found:
            return None
        opened = found.group("open") is not None
        closed = any(found.group(name) is not None for name in ("close1", "close2", "close3"))
        if opened != closed:
            return None

        label = found.group("label") or found.group("bracketed")
        rest = text[found.end():]
        if not opened and found.group("label") is not None and is_option(label, rest.splitlines()[1:]):
            return None
        return LabelMatch(self._keys[label.casefold()], label, rest)


    def match_prefix(self, text: str, key: str) -> tuple[str, str] | None:
        """Match a label of ``key`` at the start of text, with or without a colon after it.

        Returns (label as written, the rest of the text) or None. Used
        inside bold text such as ``问题 3：如何排序？``, where a number may
        stand between the label and the colon.
        """
        for label in sorted(self.synonyms.get(key, ()), key=len, reverse=True):
            if text[: len(label)].casefold() == label.casefold():
                rest = text[len(label):]
                if rest[:1].isalpha() and rest[:1].isascii():
                    continue
                return text[: len(label)], rest
        return None


# A line that opens with a letter and a separator, as the options of a multiple-choice question do.
_OPTION_RE = re.compile(r"^\s*(?P<letter>[A-Za-z])\s*[:：.．)）、]")


def is_option(label: str, later_lines: Iterable[str]) -> bool:
    """Return whether a plain one-letter label (``A: red``, ``A：队列``) is an option of a list ``A:``, ``B:``, ….

    ``A:`` is the answer label of a Q/A pair, but a multiple-choice
    question writes its options the same way. The label is an option when
    the first of ``later_lines`` that opens with a letter and a separator
    (``B:``, ``B.``, ``B)``) carries the next letter. So an ``A:`` after
    the last option is still the answer.
    """
    if len(label) != 1 or not label.isascii() or not label.isalpha():
        return False
    following = chr(ord(label) + 1)
    for line in later_lines:
        found = _OPTION_RE.match(line)
        if found is not None:
            return found.group("letter") == following
    return False


_FIELD_NAMES = {"question": N_("question"), "answer": N_("answer"), "explanation": N_("explanation")}
"""The names of the standard field keys in messages; Chinese messages name them 题目, 答案 and 解析."""


def field_name(key: str) -> str:
    """Return how messages name a field key: translated for the standard keys, as configured for others."""
    return _(_FIELD_NAMES[key]) if key in _FIELD_NAMES else key


def label_with_colon(label: str) -> str:
    """Write a label with the colon that a writer types after it: ``答：`` after CJK, ``A:`` after Latin.

    Documents accept either colon after any label, but a message quotes the
    label as it should be written, and Chinese typesetting puts the
    full-width colon after a CJK character.
    """
    return label + ("：" if label and is_cjk(label[-1]) else ":")


@lru_cache(maxsize=None)
def default_labels() -> LabelTable:
    """Return the label table shipped in ``rules/labels.json``."""
    raw = load_json("labels.json")
    synonyms = {key: value for key, value in raw.items() if not key.startswith("$")}
    return LabelTable(synonyms)


_STEP_LABEL_RE = re.compile(
    rf"^\s*{_MARK}(?P<label>[^*_\n]+?)\s*(?P<inner>{_COLON})?\s*{_MARK}\s*(?(inner)|{_COLON})\s*"
)


def match_step_label(text: str) -> tuple[str, str] | None:
    """Split ``**模型训练**：text`` or ``**Train:** text`` into (label, rest).

    Returns None when the item does not open with a bold label and a colon.
    """
    found = _STEP_LABEL_RE.match(text)
    if not found:
        return None
    return found.group("label").strip(), text[found.end():]


def strip_label(text: str, label: str) -> str:
    """Remove a label, its colon and any bold markers left in the text from the start of plain text.

    The label was matched on the Markdown source. The plain text keeps
    ``**`` where CommonMark did not parse them as emphasis, so those are
    removed here as well.
    """
    found = _label_pattern(label).match(text)
    return text[found.end():] if found else text


@lru_cache(maxsize=256)
def _label_pattern(label: str) -> re.Pattern[str]:
    """Compile the pattern of ``strip_label`` for one label; a document repeats a few labels many times."""
    return re.compile(
        rf"^\s*(?:\*\*|__)?\s*【?\s*{re.escape(label)}\s*】?\s*(?:\*\*|__)?\s*[:：]?\s*(?:\*\*|__)?\s*", re.IGNORECASE
    )
