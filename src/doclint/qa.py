"""Q&A items: finding the same question asked twice, and describing how two answers differ.

An item is a section with a question field and an answer field. Two
questions are the same when rapidfuzz's ``fuzz.ratio`` of their normalised
texts reaches the same-question threshold (95 by default). Distinct
questions of a 30-item generated article reach at most about 88 ("构建医疗
知识图谱" against "构建医疗知识图谱并进行推理"), so 95 leaves room for a
changed character or two without merging different questions.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from doclint.diagnostics import describe_location
from doclint.i18n import _, format_message, ngettext
from doclint.model import Admonition, CodeBlock, ContentTab, Document, Field, Section, Step, is_item
from doclint.question_terms import same_terms, with_arabic_numerals
from doclint.similarity import LSH_MIN_TEXTS, QUESTION_SEARCH, SectionEntry, exact_copies, index_sections, scored_pairs
from doclint.step_alignment import StepEdit, align_steps
from doclint.text import is_cjk, normalize, normalize_by_clauses

if TYPE_CHECKING:
    from doclint.background import Pending

logger = logging.getLogger(__name__)

EXCERPT_CHARS = 24
MAX_LISTED_DIFFERENCES = 3

# From this many items on, and with more than one job, ``start_answer_conflicts``
# scores the questions in a process of its own. Below it the search takes less
# than starting that process.
BACKGROUND_MIN_ITEMS = LSH_MIN_TEXTS

ScoredPairs = list[tuple[int, list[tuple[int, float]]]]


def question_content(section: Section) -> str:
    """Return the content of an item's question: its text and the code blocks before the answer label.

    "What does this code print?" is about the code that follows it, and
    "Run the code above and explain the output" about the code between
    the item's heading and its question label. So two items that show
    different code contain different questions, though their question
    texts are the same. A collapsible question (``doclint.collapsible_items``)
    is about the code above its block, which its question field's ``code``
    lists though the code is outside the item.
    """
    question = section.fields["question"]
    answer_line = section.fields["answer"].line
    own = [block for block in section.blocks if isinstance(block, CodeBlock) and block.line < answer_line]
    above = [block for block in question.code if not any(block is other for other in own)]
    code = [block.text for block in above + own]
    return "\n".join([question.text, *code]) if code else question.text


def answer_code(section: Section) -> list[CodeBlock]:
    """Return the code blocks under an item's answer label, which are part of its answer.

    An answer that is only a code block, such as a function for
    "编写函数，返回最大值", can differ from another answer only in that code.
    """
    return _code_under(section, section.fields["answer"])


def _code_under(section: Section, field: Field) -> list[CodeBlock]:
    """Return the code blocks of a section that stand within a field's lines, those in its admonitions and tabs included.

    Code in a content tab (``=== "Linux"``) or a note is part of the
    answer as the tab's text is (``doclint.prose_answers.container_texts``).
    """
    found: list[CodeBlock] = []
    for block in section.blocks:
        if not field.line <= block.line <= field.end_line:
            continue
        if isinstance(block, CodeBlock):
            found.append(block)
        elif isinstance(block, (Admonition, ContentTab)):
            found.extend(container_code(block))
    return found


def container_code(block: Admonition | ContentTab) -> list[CodeBlock]:
    """Return the code blocks inside an admonition or a content tab, nested ones included, in document order."""
    found: list[CodeBlock] = []
    for inner in block.blocks:
        if isinstance(inner, CodeBlock):
            found.append(inner)
        elif isinstance(inner, (Admonition, ContentTab)):
            found.extend(container_code(inner))
    return found


def answer_signature(answer: Field) -> tuple[str, tuple[str, ...]]:
    """Return the normalised answer text and steps; equal signatures mean equal answers."""
    return normalize_by_clauses(answer.text), tuple(_step_key(step) for step in answer.steps)


def item_keys(document: Document) -> dict[int, tuple[str, str]]:
    """Map the ``walk`` position of each item of a document to its normalised question and a digest of its answer.

    Equal digests mean equal ``answer_signature`` and equal code under the answer label. The keys are computed
    where the document is parsed and kept with it, because normalising
    every answer and step of a run takes longer than comparing its questions.
    """
    keys = {}
    for position, section in enumerate(document.walk()):
        if is_item(section):
            text, steps = answer_signature(section.fields["answer"])
            code = [block.text.strip() for block in answer_code(section)]
            digest = hashlib.blake2b("\x1e".join((text, *steps, "\x1d", *code)).encode(), digest_size=16).hexdigest()
            question = with_arabic_numerals(question_content(section))
            keys[position] = (normalize_by_clauses(question), digest)
    return keys


def _item_keys(document: Document) -> dict[int, tuple[str, str]]:
    if document.item_keys is None:
        document.item_keys = item_keys(document)
    return document.item_keys


def _step_key(step: Step) -> str:
    return f"{normalize(step.label or '')}\x1f{normalize_by_clauses(step.text)}"


@dataclass(frozen=True)
class AnswerConflict:
    """A later item that asks an earlier item's question again with another answer."""

    later: SectionEntry
    earlier: SectionEntry
    score: float
    agrees_with: SectionEntry | None = None
    """An earlier item with the same question and the same answer as ``later``, or None.

    Such an item is a copy of that earlier one, so the contradiction is
    between the two earlier items and is reported there. The rules that
    report conflicts skip it, and the rules that leave conflicting pairs
    alone still do.
    """


def answer_conflicts(documents: Sequence[Document], threshold: float) -> dict[SectionEntry, AnswerConflict]:
    """Map each later item to the earlier item that asks the same question but answers it differently.

    Exact copies are left out: ``duplicate-section`` reports them. When a
    question was asked before several times, the most similar question wins.
    A later item that gives the answer of an earlier item with the same
    normalised question is still mapped, with that item as ``agrees_with``.
    """
    return _answer_conflicts(tuple(documents), threshold)


# The question search that ``start_answer_conflicts`` started, by its documents and threshold.
_pending: dict[tuple[tuple[Document, ...], float], Pending[ScoredPairs]] = {}


def start_answer_conflicts(documents: Sequence[Document], threshold: float, jobs: int | None) -> None:
    """Start scoring the questions of a large run in another process, for ``answer_conflicts`` to collect.

    Call it before other long work on the same documents, such as the
    near-duplicate section search, so that the two searches run on two
    cores at once. A run with fewer than ``BACKGROUND_MIN_ITEMS`` items,
    or with one job, scores its questions in ``answer_conflicts`` itself.
    """
    key = (tuple(documents), threshold)
    if (jobs or os.cpu_count() or 1) < 2 or key in _pending:
        return
    items = _compared_items(key[0])
    if len(items) < BACKGROUND_MIN_ITEMS:
        return

    from doclint import background

    # One search waits at a time. An older search that was never collected is stopped.
    for older in _pending.values():
        older.stop()
    _pending.clear()
    questions = distinct_questions([_item_keys(entry.document)[entry.position][0] for entry in items])
    try:
        _pending[key] = background.start(_scored_question_pairs, questions, threshold)
    except OSError as error:
        logger.debug("scoring the questions here: no process for it (%s)", error)


def _scored_question_pairs(questions: list[str], threshold: float) -> ScoredPairs:
    return list(scored_pairs(questions, threshold, QUESTION_SEARCH))


def distinct_questions(questions: Sequence[str]) -> list[str]:
    """Return the distinct normalised questions in order of first occurrence: the texts that the question search scores.

    A question bank that asks one question a hundred times has a hundred
    equal texts, and pairing every copy with every other one and with every
    copy of each similar question made the pairs grow with the square of
    the copies: 50,000 items of 500 questions passed 8 GB within 35 s.
    Equal texts score 100 against each other, so the search needs each text once.
    """
    return list(dict.fromkeys(questions))


def _compared_items(documents: tuple[Document, ...]) -> list[SectionEntry]:
    """Return the items whose questions are compared: all but exact copies and the items inside them."""
    copies = exact_copies(documents)
    return [entry for entry in index_sections(documents) if is_item(entry.section) and not copies.excludes(entry)]


@dataclass
class _Wording:
    """The items that share one question text, word for word, as candidates for the later items to report against.

    ``same_terms`` compares the question texts as written, so every item of
    a wording passes or fails it together. Of the items of a wording, a
    later item reports against the earliest one whose answer differs from
    its own. That is ``first`` unless ``first`` gives the same answer, and
    then it is ``first_other``, the earliest item whose answer differs from
    that of ``first``. Two items per wording therefore stand for all of them.
    """

    text: str
    first: int
    first_other: int | None = None

    def earliest_differing(self, signature: str, signatures: list[str]) -> int | None:
        """Return the earliest item of this wording whose answer signature is not ``signature``."""
        return self.first if signatures[self.first] != signature else self.first_other


def _wordings(items: list[SectionEntry], groups: list[int], signatures: list[str]) -> dict[int, list[_Wording]]:
    """Map each distinct question to its wordings, in the order of their first items."""
    wordings: dict[int, list[_Wording]] = {}
    by_text: dict[tuple[int, str], _Wording] = {}
    for index, (entry, group) in enumerate(zip(items, groups)):
        text = _question_text(entry)
        wording = by_text.get((group, text))
        if wording is None:
            wording = by_text[(group, text)] = _Wording(text, index)
            wordings.setdefault(group, []).append(wording)
        elif wording.first_other is None and signatures[index] != signatures[wording.first]:
            wording.first_other = index
    return wordings


@lru_cache(maxsize=4)
def _answer_conflicts(documents: tuple[Document, ...], threshold: float) -> dict[SectionEntry, AnswerConflict]:
    items = _compared_items(documents)
    keys = [_item_keys(entry.document)[entry.position] for entry in items]
    questions = [question for question, _answer in keys]
    signatures = [answer for _question, answer in keys]
    conflicts: dict[SectionEntry, AnswerConflict] = {}
    if len(items) < 2:
        return conflicts

    distinct = distinct_questions(questions)
    group_of = {question: group for group, question in enumerate(distinct)}
    groups = [group_of[question] for question in questions]
    similar = _similar_questions(_question_pairs(documents, distinct, threshold), len(distinct))
    wordings = _wordings(items, groups, signatures)
    first_answers: dict[tuple[int, str], int] = {}
    for later_index, later in enumerate(items):
        if not questions[later_index]:
            continue
        group = groups[later_index]
        same_answer = first_answers.setdefault((group, signatures[later_index]), later_index)
        best = _best_earlier(later_index, [(100.0, group), *similar[group]], wordings, signatures, _question_text(later))
        if best is not None:
            score, earlier_index = best
            agrees_with = items[same_answer] if same_answer < later_index else None
            conflicts[later] = AnswerConflict(later, items[earlier_index], score, agrees_with)
    return conflicts


def _similar_questions(pairs: ScoredPairs, count: int) -> list[list[tuple[float, int]]]:
    """Turn the scored pairs of distinct questions into each question's (score, other question) list, highest score first."""
    similar: list[list[tuple[float, int]]] = [[] for _question in range(count)]
    for later, earlier in pairs:
        for other, score in earlier:
            similar[later].append((score, other))
            similar[other].append((score, later))
    for matches in similar:
        matches.sort(key=lambda match: -match[0])
    return similar


def _best_earlier(
    later_index: int,
    candidates: list[tuple[float, int]],
    wordings: dict[int, list[_Wording]],
    signatures: list[str],
    later_question: str,
) -> tuple[float, int] | None:
    """Return the (score, index) of the earlier item that a later item reports against, or None.

    The candidates are (score, distinct question) pairs, highest score first,
    the later item's own question first at 100. The earlier item must answer
    differently and pass ``same_terms``. The highest score wins, and of equal
    scores the earliest item.
    """
    # NOTE: a question with many wordings, all of which fail ``same_terms`` or give the later item's
    # answer, is scanned whole for every later item. Such runs take time, not memory, in proportion
    # to the items times the wordings.
    best: tuple[float, int] | None = None
    for score, group in candidates:
        if best is not None and score < best[0]:
            break
        for wording in wordings.get(group, ()):
            if wording.first >= later_index or (best is not None and wording.first >= best[1]):
                break
            earlier_index = wording.earliest_differing(signatures[later_index], signatures)
            if earlier_index is None or earlier_index >= later_index:
                continue
            if best is not None and earlier_index >= best[1]:
                continue
            if same_terms(later_question, wording.text):
                best = (score, earlier_index)
    return best


def _question_text(entry: SectionEntry) -> str:
    return question_content(entry.section)


def _question_pairs(documents: tuple[Document, ...], questions: list[str], threshold: float) -> ScoredPairs:
    """Return the scored pairs of similar distinct questions: from the search started in another process, or scored here."""
    pending = _pending.pop((documents, threshold), None)
    if pending is not None:
        from doclint.background import BackgroundError

        try:
            return pending.result()
        except BackgroundError as error:
            logger.debug("scoring the questions here: their process failed (%s)", error)
    return list(scored_pairs(questions, threshold, QUESTION_SEARCH))


def describe_difference(
    later: Field,
    earlier: Field,
    earlier_path: str = "",
    later_path: str = "",
    later_code: Sequence[CodeBlock] = (),
    earlier_code: Sequence[CodeBlock] = (),
) -> str:
    """Say concretely how the later answer differs from the earlier one.

    Steps are aligned by ``align_steps``, so an inserted step does not make
    every later step look changed, and a changed step is compared with its
    most similar counterpart. At most
    three differences are listed, followed by a count of the others. A
    line of the earlier answer is named with its file when the two answers
    are in different files.
    """

    def where(line: int) -> str:
        return describe_location(earlier_path, line, later_path)

    differences = _step_differences(later.steps, earlier.steps, earlier, where)
    if normalize(later.text) != normalize(earlier.text):
        differences.insert(0, _text_difference(later, earlier, where(earlier.line)))
    if [block.text.strip() for block in later_code] != [block.text.strip() for block in earlier_code]:
        line = earlier_code[0].line if earlier_code else earlier.line
        differences.append(_("the answer's code differs from the code at {where}").format(where=where(line)))

    listed = differences[:MAX_LISTED_DIFFERENCES]
    rest = len(differences) - len(listed)
    text = _("; ").join(listed)
    if rest:
        text += ngettext(" (and {count} more difference)", " (and {count} more differences)", rest).format(count=rest)
    return text


def _text_difference(later: Field, earlier: Field, earlier_location: str) -> str:
    """Describe how the text of two answers differs, outside their steps.

    An answer whose text is empty, such as one that is all steps, is
    described as having no text, because an empty quotation would tell the
    reader nothing.
    """
    here = excerpt_difference(later.text, earlier.text)
    there = excerpt_difference(earlier.text, later.text)
    if not there:
        template = _('the answer has the text "{here}" here, and the answer at {where} has no text outside its steps')
    elif not here:
        template = _('the answer has no text outside its steps here, and the answer at {where} has the text "{there}"')
    else:
        template = _('the answer reads "{here}" here and "{there}" at {where}')
    return format_message(template, here=here, there=there, where=earlier_location)


def _step_differences(
    later_steps: list[Step], earlier_steps: list[Step], earlier: Field, where: Callable[[int], str]
) -> list[str]:
    """Describe the steps that the later answer changed, moved, dropped or added, in step order."""
    earlier_keys = [_step_key(step) for step in earlier_steps]
    later_keys = [_step_key(step) for step in later_steps]
    differences: list[str] = []
    for edit in align_steps(earlier_keys, later_keys):
        new = later_steps[edit.later] if edit.later is not None else None
        old = earlier_steps[edit.earlier] if edit.earlier is not None else None
        if edit.kind == "replace" and new is not None and old is not None:
            differences.append(_changed_step(new, old, _numbers(edit, later_steps, earlier_steps), where))
        elif edit.kind == "move" and new is not None and old is not None:
            differences.append(_moved_step(new, old, _numbers(edit, later_steps, earlier_steps), where))
        elif edit.kind == "delete" and old is not None and edit.earlier is not None:
            differences.append(_removed_step(old, _step_number(earlier_steps, edit.earlier), where))
        elif edit.kind == "insert" and new is not None and edit.later is not None:
            differences.append(_added_step(new, _step_number(later_steps, edit.later), where(earlier.line)))
    return differences


def _step_number(steps: list[Step], index: int) -> int:
    """Return the number that a rendered list shows for a step: the list's first number plus its position.

    A list that starts at 3 shows 3, 4, 5, and one written "1. 1. 1." shows
    1, 2, 3, as Markdown renders them.
    """
    first = steps[0].number
    return (first if first is not None else 1) + index


def _numbers(edit: StepEdit, later_steps: list[Step], earlier_steps: list[Step]) -> tuple[int, int]:
    """Return the shown numbers of an edit's later and earlier step."""
    assert edit.earlier is not None and edit.later is not None
    return _step_number(later_steps, edit.later), _step_number(earlier_steps, edit.earlier)


# A step with neither label nor text (a list item of code alone) is named by its number only.
def _moved_step(new: Step, old: Step, numbers: tuple[int, int], where: Callable[[int], str]) -> str:
    text = _step_excerpt(new)
    if text:
        template = _('step {number} "{text}" is step {other_number} at {where}')
    else:
        template = _("step {number} is step {other_number} at {where}")
    return format_message(template, number=numbers[0], text=text, other_number=numbers[1], where=where(old.line))


def _removed_step(old: Step, number: int, where: Callable[[int], str]) -> str:
    text = _step_excerpt(old)
    if text:
        template = _('step {number} "{text}" at {where} is missing here')
    else:
        template = _("step {number} at {where} is missing here")
    return format_message(template, number=number, text=text, where=where(old.line))


def _added_step(new: Step, number: int, answer_location: str) -> str:
    text = _step_excerpt(new)
    if text:
        template = _('step {number} "{text}" is not in the answer at {where}')
    else:
        template = _("step {number} is not in the answer at {where}")
    return format_message(template, number=number, text=text, where=answer_location)


def _changed_step(new: Step, old: Step, numbers: tuple[int, int], where: Callable[[int], str]) -> str:
    """Describe how a step changed. A step that also moved is named by its number in each answer."""
    number, other_number = numbers
    parts = []
    if normalize(new.label or "") != normalize(old.label or ""):
        here, there = (new.label or "").strip(), (old.label or "").strip()
        if not here:
            template = _('step {number} has no label here, and step {other_number} at {where} is labelled "{there}"')
        elif not there:
            template = _('step {number} is labelled "{here}" here, and step {other_number} at {where} has no label')
        elif number == other_number:
            template = _('step {number} is labelled "{here}" here and "{there}" at {where}')
        else:
            template = _(
                'step {number} is labelled "{here}" here and step {other_number} is labelled "{there}" at {where}'
            )
        parts.append(
            format_message(
                template, number=number, other_number=other_number, here=here, there=there, where=where(old.line)
            )
        )
    if normalize(new.text) != normalize(old.text):
        here, there = excerpt_difference(new.text, old.text), excerpt_difference(old.text, new.text)
        if not here:
            template = _('step {number} has no text here, and step {other_number} at {where} reads "{there}"')
        elif not there:
            template = _('step {number} reads "{here}" here, and step {other_number} at {where} has no text')
        elif number == other_number:
            template = _('step {number} reads "{here}" here and "{there}" at {where}')
        else:
            template = _('step {number} reads "{here}" here and step {other_number} reads "{there}" at {where}')
        parts.append(
            format_message(
                template, number=number, other_number=other_number, here=here, there=there, where=where(old.line)
            )
        )
    return _("; ").join(parts)


def _step_excerpt(step: Step) -> str:
    """Return the label of a step, or an excerpt of its text when it has none; empty when it has neither."""
    label = (step.label or "").strip()
    return label or excerpt(step.text)


def excerpt(text: str, start: int = 0) -> str:
    """Return about EXCERPT_CHARS characters of text from ``start``, marking cuts with "…".

    A text up to half as long again is quoted whole. A cut inside a Latin
    word moves to the word's edge when that is at most WORD_SLACK
    characters away, so that "the metrics" is not quoted as "…k the
    metrics"; CJK text has no word edges to keep, and is cut anywhere.
    """
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS * 3 // 2:
        return text
    # An excerpt near the end of the text starts earlier, so that it still shows EXCERPT_CHARS characters.
    start = max(0, min(start, len(text) - EXCERPT_CHARS))
    end = min(start + EXCERPT_CHARS, len(text))
    start, end = _word_edge(text, start, -1), _word_edge(text, end, 1)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return f"{prefix}{text[start:end].strip()}{suffix}"


WORD_SLACK = 12


def _word_edge(text: str, cut: int, direction: int) -> int:
    """Move a cut between two Latin word characters to a word edge at most WORD_SLACK away, first in ``direction`` (-1 back, 1 on)."""
    for step in (direction, -direction):
        moved = cut
        for _count in range(WORD_SLACK + 1):
            if not _inside_latin_word(text, moved):
                return moved
            moved += step
    return cut


def _inside_latin_word(text: str, cut: int) -> bool:
    return 0 < cut < len(text) and _is_latin_word(text[cut - 1]) and _is_latin_word(text[cut])


def _is_latin_word(char: str) -> bool:
    return char.isalnum() and not is_cjk(char)


def excerpt_difference(text: str, other: str) -> str:
    """Return an excerpt of ``text`` that starts shortly before where it departs from ``other``."""
    text = " ".join(text.split())
    other = " ".join(other.split())
    common = 0
    for char, other_char in zip(text, other):
        if char != other_char:
            break
        common += 1
    return excerpt(text, max(0, common - 6))
