"""A document that seems cut off in its last item, which ``doclint.truncation`` distinguishes from a short answer.

The finding stands at the last line of content, where the text stops,
and replaces what the cut would otherwise cause there: ``schema-violation``
skips the item's missing fields and steps, and ``missing-answer`` its
empty answer, because adding steps to half a sentence fixes nothing.
"""

from __future__ import annotations

from typing import Iterable

from doclint.diagnostics import Diagnostic, RelatedLocation, Severity
from doclint.fields import field_name, label_with_colon
from doclint.i18n import N_, _, join_items, ngettext
from doclint.model import Document
from doclint.registry import Rule
from doclint.settings import Settings
from doclint.truncation import CutOff, find_cut_off


def check_truncated_document(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    cut = find_cut_off(document)
    if cut is None:
        return

    message = _(
        "the document seems cut off at line {line}: {ending}, {evidence}; complete the item or remove it, and check "
        "whether text after it was lost as well"
    ).format(line=cut.line, ending=_ending_phrase(cut), evidence=_evidence_phrase(cut))
    related = [RelatedLocation(document.path, cut.item.line, cut.item.column, _("the item that is cut off"))]
    yield TRUNCATED_DOCUMENT.diagnostic(document, cut.line, cut.line, message, related=related)


def _ending_phrase(cut: CutOff) -> str:
    heading = cut.item.heading
    if cut.ending == "fence":
        return _('item "{heading}" ends inside a code block that is never closed').format(heading=heading)
    if cut.ending == "heading":
        return _('item "{heading}" stops at its heading').format(heading=heading)
    if cut.field is None:
        return _('item "{heading}" stops mid-sentence').format(heading=heading)
    if cut.ending == "question":
        return _('item "{heading}" ends after its question').format(heading=heading)
    field = _field_phrase(cut.field.key, cut.field.label)
    if cut.ending == "before-answer":
        return _('item "{heading}" ends in its {field}, before its answer').format(heading=heading, field=field)
    if cut.ending == "label":
        return _('item "{heading}" ends at the label of its {field}, with nothing after the label').format(
            heading=heading, field=field
        )
    return _('item "{heading}" stops mid-sentence in its {field}').format(heading=heading, field=field)


def _field_phrase(key: str, label: str) -> str:
    """Name a field in a sentence: ``答案 field``, ``answer (A:) field``, ``question field``."""
    return _("{name} field").format(name=_field_name_with_label(key, label))


def _field_name_with_label(key: str, label: str) -> str:
    """Name a field by its label as written, or by its key with a short label after it (``answer (A:)``, ``answer (答：)``).

    A label of one letter or character, such as ``A`` or ``答``, reads as
    a word of the sentence, so the key names the field and the label
    follows it with its colon. A field without a label, such as the
    question of ``第1题：…``, is named by its key alone. The sentence form
    and the list of missing fields both use this name, so that a message
    names a field the same way wherever the cut falls.
    """
    if len(label) > 1:
        return label
    if not label:
        return field_name(key)
    return _("{name} ({label})").format(name=field_name(key), label=label_with_colon(label))


def _evidence_phrase(cut: CutOff) -> str:
    """Word what the item lacks against the items before it: its steps and fields, else the final punctuation."""
    parts = [part for part in (_steps_phrase(cut), _fields_phrase(cut)) if part is not None]
    if not parts:
        parts.append(_("without the final punctuation that this field ends with in the items before it"))

    phrase = parts[0]
    for part in parts[1:]:
        phrase = _("{first} and {second}").format(first=phrase, second=part)
    return phrase


def _steps_phrase(cut: CutOff) -> str | None:
    """Word the steps that the item lacks, or None. An item that ends at an answer label has no steps, which its ending already says."""
    typical = cut.typical_step_count
    if typical is None or cut.ending == "label":
        return None
    if cut.step_count == 0:
        return _("with no steps where the items before it have {typical}").format(typical=typical)
    return ngettext(
        "with {count} step where the items before it have {typical}",
        "with {count} steps where the items before it have {typical}",
        cut.step_count,
    ).format(count=cut.step_count, typical=typical)


def _fields_phrase(cut: CutOff) -> str | None:
    if not cut.missing_fields:
        return None
    return ngettext(
        "without the {labels} field that most items before it have",
        "without the {labels} fields that most items before it have",
        len(cut.missing_fields),
    ).format(labels=join_items(_field_name_with_label(key, label) for key, label in cut.missing_fields))


TRUNCATED_DOCUMENT = Rule(
    code="DL204",
    name="truncated-document",
    summary=N_("A document ends in the middle of its last item, as if it was cut off."),
    severity=Severity.ERROR,
    fixable=False,
    check=check_truncated_document,
    scope="document",
)

RULES = (TRUNCATED_DOCUMENT,)
