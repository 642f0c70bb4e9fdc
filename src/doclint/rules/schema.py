"""Documents whose section tree does not match the JSON Schema of their kind.

A document gets its schema, in this order of precedence, from:

1. the ``doclint-schema`` key of its front matter, a built-in name or a path
   relative to the document's folder, inside the document's git repository;
2. ``Settings.schema`` (``--schema NAME|PATH``), a built-in name or a path
   relative to the working folder;
3. ``qa-article``, when most of its numbered items carry a question or an
   answer field.

Other documents get no schema check. The front matter comes first because
it is the most specific choice: a run over a folder can give every document
a default with ``--schema`` while single documents declare another kind.

The schema validates the JSON of ``doclint ast`` (docs/ast.md). Each error
is reported at the deepest node of the tree on its path that has a line,
with the message of ``schema_messages``.

The rule checks each document on its own, with schemas from the
per-process ``schema_cache``, so it can run in worker processes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

from doclint.diagnostics import Diagnostic, Severity
from doclint.frontmatter import FrontMatterError, front_matter_value
from doclint.i18n import N_, _
from doclint.model import Document, Section
from doclint.placeholders import is_placeholder
from doclint.qa import is_item
from doclint.registry import Rule
from doclint.runcache import record_dependencies
from doclint.schema_errors import SchemaError
from doclint.settings import Settings
from doclint.truncation import find_cut_off

if TYPE_CHECKING:
    from doclint.schemas import LoadedSchema

logger = logging.getLogger(__name__)

FRONT_MATTER_KEY = "doclint-schema"
QA_SCHEMA = "qa-article"
QA_FIELD_KEYS = ("question", "answer")


UNUSABLE_SCHEMA = "<unusable schema>"
"""A dependency recorded for the findings of a document whose declared schema cannot be used.

No file has this name, so the run cache never replays such findings: a
rerun checks the document again, and finds the schema once it is fixed.
"""


def check_schema_violations(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    """Validate a document against its schema.

    A schema that the document's front matter names but that cannot be used
    (missing, invalid, unresolvable) is a finding at the front matter line.
    It concerns that document only, so it does not stop the run, and the
    other documents are still checked. A schema from the settings applies
    to every document, so its errors stay SchemaError.
    """
    try:
        declared = _declared_schema(document)
        if declared is not None:
            logger.debug("%s: schema %s from the front matter", document.path, declared.schema.name)
            # Collected here, so that an error raised while validating is caught as well.
            yield from list(validate(document, declared.schema, settings))
            return
    except DeclaredSchemaError as error:
        yield _unusable_schema(document, error.line, error.problem)
        return
    except SchemaError as error:
        assert declared is not None
        yield _unusable_schema(document, declared.line, str(error))
        return

    schema = _default_schema(document, settings)
    if schema is not None:
        yield from validate(document, schema, settings)


def _unusable_schema(document: Document, line: int, problem: str) -> Diagnostic:
    record_dependencies({UNUSABLE_SCHEMA: UNUSABLE_SCHEMA})
    message = _("front matter key {key}: {problem}").format(key=FRONT_MATTER_KEY, problem=problem)
    return SCHEMA_VIOLATION.diagnostic(document, line, line, message, column=_indentation_column(document, line))


def choose_schema(document: Document, settings: Settings) -> LoadedSchema | None:
    """Return the schema that applies to a document, or None. Raises SchemaError for a schema that cannot be used."""
    declared = _declared_schema(document)
    if declared is not None:
        return declared.schema
    return _default_schema(document, settings)


def _default_schema(document: Document, settings: Settings) -> LoadedSchema | None:
    """Return the schema of a document whose front matter names none: that of the settings, or ``qa-article`` for a Q&A document."""
    if settings.schema:
        logger.debug("%s: schema %s from the settings", document.path, settings.schema)
        return _load(settings.schema)

    if looks_like_qa(document):
        logger.debug("%s: most numbered items have question or answer fields; schema %s", document.path, QA_SCHEMA)
        return _load(QA_SCHEMA)

    logger.debug("%s: no schema named and not a question-and-answer document; no schema check", document.path)
    return None


def _load(value: str, base: Path = Path(), confine_to: Path | None = None) -> LoadedSchema:
    """Load a schema through the per-process cache. jsonschema is imported only when a document gets a schema check."""
    from doclint.schema_cache import load_schema

    return load_schema(value, base, confine_to)


class DeclaredSchema(NamedTuple):
    """The schema that a document's front matter names, and the line of its key."""

    schema: LoadedSchema
    line: int


class DeclaredSchemaError(SchemaError):
    """Raised for a front matter schema that cannot be used. The message names the document and the line."""

    def __init__(self, document: Document, line: int, problem: str):
        message = _("{path}:{line}: front matter key {key}: {problem}").format(
            path=document.path, line=line, key=FRONT_MATTER_KEY, problem=problem
        )
        super().__init__(message)
        self.line = line
        self.problem = problem


def _declared_schema(document: Document) -> DeclaredSchema | None:
    """Load the schema named by the front matter. Raises DeclaredSchemaError for a value that names no usable schema."""
    try:
        declared = front_matter_value(document, FRONT_MATTER_KEY)
    except FrontMatterError as error:
        logger.warning(_("%s; its %s key, if any, is ignored"), error, FRONT_MATTER_KEY)
        return None
    if declared is None:
        return None

    if declared.value is None or (isinstance(declared.value, str) and not declared.value.strip()):
        raise DeclaredSchemaError(document, declared.line, _("the value is empty; give a schema name or a path"))
    if not isinstance(declared.value, str):
        problem = _("the value must be a schema name or a path, not {value}").format(value=_short_repr(declared.value))
        raise DeclaredSchemaError(document, declared.line, problem)

    try:
        folder = _document_folder(document)
        return DeclaredSchema(_load(declared.value.strip(), folder, _schema_root(folder)), declared.line)
    except SchemaError as error:
        raise DeclaredSchemaError(document, declared.line, str(error)) from None


def _short_repr(value: Any) -> str:
    """Return the repr of a front matter value, shortened with "..." where it is long or deeply nested.

    YAML aliases let a few lines build a list whose full repr has billions
    of characters, which would exhaust the memory of the run.
    """
    import reprlib

    shortener = reprlib.Repr()
    shortener.maxlevel = 1
    shortener.maxstring = shortener.maxother = 80
    return shortener.repr(value)


def _document_folder(document: Document) -> Path:
    """Return the folder that a path in the document's front matter is relative to; stdin uses the working folder."""
    if document.path.startswith("<"):
        return Path()
    return Path(document.path).parent


def _schema_root(folder: Path) -> Path | None:
    """Return the folder that a front matter schema, and every file it refers to, must be inside, or None.

    That is the document's repository: the nearest folder at or above the
    document's folder that contains ``.git``. In a pull request or a
    pre-commit hook the document is a contribution that the person who runs
    doclint has not read, so it must not make doclint read files elsewhere
    on the machine (see ``SchemaLoader._check_inside``). Outside a
    repository there is no such limit: the documents are the user's own.
    """
    from doclint.folder_search import work_tree_root

    root = work_tree_root(str(folder.resolve()))
    return Path(root) if root is not None else None


def is_numbered_item(section: Section) -> bool:
    """Return whether a section is a numbered item: numbered itself, with no numbered subsection.

    ``qa-article`` uses the same definition, so a numbered chapter that
    contains numbered questions is not a question itself.
    """
    return section.number is not None and not any(child.number is not None for child in section.children)


def looks_like_qa(document: Document) -> bool:
    """Return whether the document mostly has the shape of ``qa-article``.

    More than half of its numbered items must have a question or an answer
    field, and more than half of those an explanation and more than half an
    answer of two or more steps. Then the items that break the shape are the
    exceptions ``qa-article`` reports. A FAQ whose answers are prose, with
    no explanations, gets no automatic schema: every item would break it.
    """
    items = [section for section in document.walk() if is_numbered_item(section)]
    qa_items = [item for item in items if any(key in item.fields for key in QA_FIELD_KEYS)]
    if qa_items == [] or len(qa_items) * 2 <= len(items):
        return False
    explained = sum(1 for item in qa_items if "explanation" in item.fields)
    stepped = sum(1 for item in qa_items if "answer" in item.fields and len(item.fields["answer"].steps) >= 2)
    return explained * 2 > len(qa_items) and stepped * 2 > len(qa_items)


def _loops(schema: LoadedSchema) -> bool:
    """Return whether validating even an empty object against the schema never ends, as with ``{"$ref": "#"}``.

    A RecursionError while a document is validated comes either from such a
    schema or from a document nested more deeply than the interpreter's
    stack. The empty object has no depth, so a RecursionError on it comes from the schema.
    """
    try:
        schema.validator.is_valid({})
    except RecursionError:
        return True
    return False


def validate(document: Document, schema: LoadedSchema, settings: Settings) -> Iterator[Diagnostic]:
    """Validate a document's tree and yield one finding per distinct violation.

    Most documents are valid, so the schema's compiled validity check, if
    it has one, runs first, and jsonschema collects the errors only of a
    tree that the check rejects.
    """
    import referencing.exceptions

    from doclint.schema_messages import describe_errors
    from doclint.schemas import display_path

    tree = document.to_json()
    placeholder_fields = _blank_placeholder_fields(tree)
    try:
        if schema.validity_check is not None and schema.validity_check(tree):
            return
        errors = list(schema.reporting_validator.iter_errors(tree))
    except referencing.exceptions.Unresolvable as error:
        raise SchemaError(
            _("{path}: a reference cannot be resolved while checking {document} ({reason})").format(
                path=display_path(schema.path), document=document.path, reason=error
            )
        ) from None
    except RecursionError:
        if _loops(schema):
            raise SchemaError(
                _(
                    "{path}: a $ref of this schema leads back to itself with no keyword in between, so validation never "
                    "ends; fix the schema"
                ).format(path=display_path(schema.path))
            ) from None
        raise

    seen: set[tuple[int, str]] = set()
    placeholders = _placeholder_answer_lines(document)
    cut_off = _cut_off_lines(document)
    unanswered = _unanswered_lines(document)
    for violation in describe_errors(errors, tree, settings.label_table):
        if (violation.line, violation.message) in seen or violation.line in placeholders or violation.line in cut_off:
            continue
        if violation.missing == "answer" and violation.line in unanswered:
            continue
        seen.add((violation.line, violation.message))
        message = violation.message
        if violation.line in placeholder_fields:
            message = _placeholder_message(*placeholder_fields[violation.line])
        yield SCHEMA_VIOLATION.diagnostic(
            document,
            violation.line,
            violation.end_line,
            message,
            column=_indentation_column(document, violation.line),
        )


def _placeholder_answer_lines(document: Document) -> set[int]:
    """Return the lines of answers that are only a placeholder ("待补充", "TODO"), and of the empty answers of items.

    ``missing-answer`` reports those, so the schema does not report the
    same answer again as empty or for its missing steps.
    """
    from doclint.rules.answers import is_missing_answer

    lines = set()
    for section in document.walk():
        answer = section.fields.get("answer")
        if answer is None:
            continue
        placeholder = not answer.steps and answer.text.strip() and is_placeholder(answer.text)
        if placeholder or (is_item(section) and is_missing_answer(answer, document.source)):
            lines.add(answer.line)
    return lines


def _unanswered_lines(document: Document) -> set[int]:
    """Return the lines of the questions of a bank that have no answer field, which ``missing-answer`` reports."""
    from doclint.open_questions import unanswered_questions

    return {section.line for section in unanswered_questions(document)}


def _cut_off_lines(document: Document) -> range:
    """Return the lines of the last item when the document seems cut off in it, else no lines.

    ``truncated-document`` reports that item once, at the line where the
    text stops, so the schema does not report its missing fields and
    steps, which the cut caused.
    """
    cut = find_cut_off(document)
    if cut is None:
        return range(0)
    return range(cut.item.line, cut.item.end_line + 1)


def _blank_placeholder_fields(tree: dict[str, Any]) -> dict[int, tuple[dict[str, Any], dict[str, Any], str]]:
    """Empty the text of each field other than the answer that is only a placeholder, and return those fields by line.

    An explanation or a question that reads "待补充" or "TODO" says no more
    than an empty one, so the schema judges it as empty: a schema that
    requires text reports it, with the severity of an empty field, and one
    that does not require text lets it pass. A field with steps keeps its
    text. Answers keep theirs, because ``missing-answer`` reports a
    placeholder answer. The values are the section, the field and the
    placeholder text, for ``_placeholder_message``.
    """
    found: dict[int, tuple[dict[str, Any], dict[str, Any], str]] = {}
    sections = list(tree["sections"])
    while sections:
        section = sections.pop()
        sections.extend(section["children"])
        for key, field in section["fields"].items():
            text = field["text"]
            if key == "answer" or field["steps"] or not text.strip() or not is_placeholder(text):
                continue
            field["text"] = ""
            found[field["line"]] = (section, field, text)
    return found


def _placeholder_message(section: dict[str, Any], field: dict[str, Any], text: str) -> str:
    from doclint.schema_messages import section_phrase

    message = _('the {label} field of {section} is only the placeholder "{text}"; write its text in place of the placeholder')
    return message.format(label=field["label"], section=section_phrase(section), text=" ".join(text.split()))


def _indentation_column(document: Document, line: int) -> int:
    """Return the column of the first character of a line that is not a space or a tab."""
    text = document.source.line_text(line)
    return len(text) - len(text.lstrip(" \t")) + 1


SCHEMA_VIOLATION = Rule(
    code="DL401",
    name="schema-violation",
    summary=N_("A document's section tree does not match its JSON Schema, such as an item without an explanation in qa-article."),
    severity=Severity.ERROR,
    fixable=False,
    check=check_schema_violations,
    scope="document",
)

RULES = (SCHEMA_VIOLATION,)
