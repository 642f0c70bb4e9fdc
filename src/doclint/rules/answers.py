"""Q&A answers: the same question answered twice differently, and answers that are missing.

``inconsistent-answer`` reports an item that asks an earlier item's question
again (see ``doclint.qa`` for the same-question test) but whose answer
differs, and says which steps were added, removed or changed. Which answer
is right needs a person, so there is no automatic fix.

``missing-answer`` reports an answer field that is only a placeholder such
as "待补充", "TODO" or "Answer here" (the list is ``rules/placeholders.json``),
an answer field of an item that is empty, and the same placeholder as
the whole body of a section whose heading asks a question. On a FAQ page
the prose under such a heading is an answer field (``doclint.prose_answers``).
The duplicate rules and the schema rule ignore placeholders, so a
placeholder repeated across items is reported here and nowhere else.
``schema-violation`` leaves the answers reported here to this rule, so an
empty answer is reported once, whether or not a schema applies. The empty
answer that ends a document cut off in its last item is left to
``truncated-document``.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from doclint.diagnostics import Diagnostic, RelatedLocation, Severity, describe_location
from doclint.i18n import N_, _, format_message
from doclint.model import Document, Field, Paragraph, Section, ThematicBreak
from doclint.open_questions import unanswered_questions
from doclint.placeholders import is_placeholder
from doclint.prose_answers import asks_in_heading, own_text
from doclint.qa import answer_code, answer_conflicts, describe_difference, excerpt, is_item
from doclint.registry import Rule
from doclint.settings import Settings
from doclint.source import Source
from doclint.similarity import exact_copies, index_sections
from doclint.truncation import find_cut_off

def check_inconsistent_answers(documents: Sequence[Document], settings: Settings) -> Iterable[Diagnostic]:
    for later, conflict in answer_conflicts(documents, settings.same_question_threshold).items():
        if conflict.agrees_with is not None:
            continue
        earlier = conflict.earlier
        answer = later.section.fields["answer"]
        earlier_answer = earlier.section.fields["answer"]
        message = format_message(
            _(
                'item "{heading}" asks the question of item "{other}" ({where}) again but answers it differently: '
                "{difference}; keep one answer and correct or remove the other"
            ),
            heading=later.section.heading,
            other=earlier.section.heading,
            where=describe_location(earlier.document.path, earlier.section.line, later.document.path),
            difference=describe_difference(
                answer,
                earlier_answer,
                earlier.document.path,
                later.document.path,
                answer_code(later.section),
                answer_code(earlier.section),
            ),
        )
        related = [
            RelatedLocation(earlier.document.path, earlier.section.line, earlier.section.column, _("the same question")),
            RelatedLocation(earlier.document.path, earlier_answer.line, 1, _("the other answer")),
        ]
        yield INCONSISTENT_ANSWER.section_diagnostic(later.document, later.section, message, related)


def _asked_again_later(document: Document, section: Section, later_document: Document, later: Section, settings: Settings) -> str:
    """Return the message for the earlier of two items that ask one question, with how this answer differs from the other."""
    message = _(
        'item "{heading}" has its question asked again by item "{other}" ({where}), which answers it differently: '
        "{difference}; keep one answer and correct or remove the other"
    )
    return format_message(
        message,
        heading=section.heading,
        other=later.heading,
        where=describe_location(later_document.path, later.line, document.path),
        difference=describe_difference(
            section.fields["answer"],
            later.fields["answer"],
            later_document.path,
            document.path,
            answer_code(section),
            answer_code(later),
        ),
    )


def is_missing_answer(answer: Field, source: Source) -> bool:
    """Return whether an item's answer field is empty or only a placeholder.

    An empty answer has no text, no steps and no block after its labelled
    line other than empty code fences, so that an answer that is only a
    code block or a table counts. A generator that lost the code of an
    answer leaves its fence lines (``source``). An answer without a label
    is the prose under a question heading, which has at least one block,
    so it is missing only when it is a placeholder.
    """
    if answer.steps:
        return False
    if not answer.text.strip():
        return bool(answer.label) and not answer.code and _only_fence_lines(source, answer.line + 1, answer.end_line)
    return is_placeholder(answer.text)


# A line that opens or closes a fenced code block, with the info string of an opening fence.
_FENCE_LINE_RE = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:`{3,}[^`]*|~{3,}.*)$")


def _only_fence_lines(source: Source, first: int, last: int) -> bool:
    """Return whether the lines ``first`` to ``last`` of a file are blank or fence lines; True when there are none."""
    lines = (source.line_text(line) for line in range(first, min(last, source.line_count) + 1))
    return all(not text.strip() or _FENCE_LINE_RE.match(text) for text in lines)


def check_missing_answers(documents: Sequence[Document], settings: Settings) -> Iterable[Diagnostic]:
    copies = exact_copies(documents)
    cut_items = _cut_off_items(documents)
    unanswered = {id(section) for document in documents for section in unanswered_questions(document)}
    for entry in index_sections(documents):
        section = entry.section
        if copies.excludes(entry) or id(section) in cut_items:
            continue
        if id(section) in unanswered:
            message = _('item "{heading}" has no answer; write the answer after its question or remove the question')
            yield MISSING_ANSWER.diagnostic(
                entry.document, section.line, section.fields["question"].end_line, message.format(heading=section.heading)
            )
            continue
        placeholder = _placeholder_answer(section, entry.document.source)
        if placeholder is None:
            continue
        line, end_line, text = placeholder
        if text.strip():
            message = _(
                'item "{heading}" has no answer, only the placeholder "{text}"; write the answer or remove the item'
            )
        else:
            message = _('item "{heading}" has an empty answer; write the answer after its label or remove the item')
        yield MISSING_ANSWER.diagnostic(
            entry.document, line, end_line, message.format(heading=section.heading, text=excerpt(text))
        )


def _cut_off_items(documents: Sequence[Document]) -> set[int]:
    """Return the ids of the last items of the documents that seem cut off, which ``truncated-document`` reports."""
    cuts = (find_cut_off(document) for document in documents)
    return {id(cut.item) for cut in cuts if cut is not None}


def _placeholder_over_notes(section: Section, answer: Field) -> str | None:
    """Return the placeholder of a prose answer whose own paragraphs are only a placeholder, else None.

    The text of a prose answer includes that of its admonitions and tabs
    (``doclint.prose_answers.prose_answer``), but "TBD." over a ``!!! note``
    is still no answer.
    """
    if answer.label or answer.steps:
        return None
    blocks = [block for block in section.blocks if answer.line <= block.line <= answer.end_line]
    text = own_text(blocks)
    if not text or text == answer.text or not is_placeholder(text):
        return None
    return text


def _placeholder_answer(section: Section, source: Source) -> tuple[int, int, str] | None:
    """Return the lines and text of a section's answer when it is empty or only a placeholder, else None.

    The answer is the answer field of an item, which may also be empty.
    The prose under a question heading is that field on a FAQ page
    (``doclint.prose_answers``). A question heading that is not such an
    item, with no fields and no subsections, still has no answer when its
    body is one paragraph that is only a placeholder.
    """
    if is_item(section):
        answer = section.fields["answer"]
        placeholder = _placeholder_over_notes(section, answer)
        if placeholder is not None:
            return answer.line, answer.end_line, placeholder
        if not is_missing_answer(answer, source):
            return None
        return answer.line, answer.end_line, answer.text
    if section.kind != "heading" or section.fields or section.children:
        return None
    if not asks_in_heading(section.title):
        return None
    body = [block for block in section.blocks if not isinstance(block, ThematicBreak)]
    if len(body) != 1 or not isinstance(body[0], Paragraph):
        return None
    paragraph = body[0]
    if not paragraph.text.strip() or not is_placeholder(paragraph.text):
        return None
    return paragraph.line, paragraph.end_line, paragraph.text


INCONSISTENT_ANSWER = Rule(
    code="DL201",
    name="inconsistent-answer",
    summary=N_("An item asks an earlier item's question again but answers it differently."),
    severity=Severity.ERROR,
    fixable=False,
    check=check_inconsistent_answers,
    counterpart_message=_asked_again_later,
)

MISSING_ANSWER = Rule(
    code="DL203",
    name="missing-answer",
    summary=N_("A question has no answer, or its answer is empty or only a placeholder such as TODO or 待补充."),
    severity=Severity.WARNING,
    fixable=False,
    check=check_missing_answers,
)

RULES = (INCONSISTENT_ANSWER, MISSING_ANSWER)
