"""The section tree: a document's headings, blocks and labelled fields.

Every node carries the 1-based line where it starts (``line``) and the last
line of its content (``end_line``). ``doclint ast`` prints this tree as the
JSON described in docs/ast.md, and the JSON is built by ``to_json`` here.

The nodes are slotted dataclasses: parsed trees travel from the worker
processes and out of the cache as pickles, and slotted objects load in
about 60 % of the time. Each node pickles as its class and its field
values in order (``_pickled_by_fields``), without the field names, which
takes another quarter off loading. ``Document`` keeps a ``__dict__``,
because the code checker keys a weak dictionary by it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Iterator, TypeVar, Union

from doclint.source import Source

if TYPE_CHECKING:
    from doclint.passages import DocumentPassages

AST_VERSION = 1

Node = TypeVar("Node")


def _pickled_by_fields(cls: type[Node]) -> type[Node]:
    """Make a node class pickle as the class and its field values, which unpickling passes to the constructor."""
    values = attrgetter(*(item.name for item in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: Node) -> tuple[type[Node], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@dataclass(slots=True)
class Paragraph:
    line: int
    end_line: int
    text: str
    """Plain text: markup removed, soft line breaks kept as ``\\n``."""
    markdown: str
    """The paragraph's Markdown source with its indentation removed. Only the
    tree builder reads it, so a pickled paragraph leaves it out and loads
    with ``""`` (a sixth of a parsed corpus's pickle)."""

    def __reduce__(self) -> tuple[type[Paragraph], tuple[int, int, str, str]]:
        return Paragraph, (self.line, self.end_line, self.text, "")

    def to_json(self) -> dict[str, Any]:
        return {"type": "paragraph", "line": self.line, "end_line": self.end_line, "text": self.text}


@_pickled_by_fields
@dataclass(slots=True)
class ListItem:
    line: int
    end_line: int
    number: int | None
    """The item's number in an ordered list, else None."""
    label: str | None
    """A bold label that opens the item (``**模型训练**：``), without the colon."""
    text: str
    """Plain text of the item's first paragraph, after the label."""
    blocks: list[Block] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "list_item",
            "line": self.line,
            "end_line": self.end_line,
            "number": self.number,
            "label": self.label,
            "text": self.text,
            "blocks": [block.to_json() for block in self.blocks],
        }


@_pickled_by_fields
@dataclass(slots=True)
class ListBlock:
    line: int
    end_line: int
    ordered: bool
    start: int | None
    items: list[ListItem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "list",
            "line": self.line,
            "end_line": self.end_line,
            "ordered": self.ordered,
            "start": self.start,
            "items": [item.to_json() for item in self.items],
        }


@_pickled_by_fields
@dataclass(slots=True)
class CodeBlock:
    line: int
    """The line of the opening fence, or of the first line of an indented block."""
    end_line: int
    code_line: int
    """The line of the first line of code."""
    language: str | None
    info: str
    text: str
    fenced: bool
    indent: int
    """Columns of container prefix (list indentation, ``>``) before each code line."""

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "code",
            "line": self.line,
            "end_line": self.end_line,
            "code_line": self.code_line,
            "language": self.language,
            "info": self.info,
            "fenced": self.fenced,
            "indent": self.indent,
            "text": self.text,
        }


@_pickled_by_fields
@dataclass(slots=True)
class Table:
    line: int
    end_line: int
    header: list[str]
    rows: list[list[str]]

    def to_json(self) -> dict[str, Any]:
        return {"type": "table", "line": self.line, "end_line": self.end_line, "header": self.header, "rows": self.rows}


@_pickled_by_fields
@dataclass(slots=True)
class BlockQuote:
    line: int
    end_line: int
    blocks: list[Block] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "blockquote",
            "line": self.line,
            "end_line": self.end_line,
            "blocks": [block.to_json() for block in self.blocks],
        }


@_pickled_by_fields
@dataclass(slots=True)
class Admonition:
    """A Python-Markdown admonition (``!!! note``) or mkdocs-material collapsible block (``??? tip``, ``???+ tip``)."""

    line: int
    end_line: int
    markup: str
    """The marker: ``!!!``, ``???`` or ``???+``."""
    tag: str
    """The admonition type after the marker, lower-cased: ``note``, ``tip``, ``example``."""
    title: str
    """The quoted title, else the type capitalised (``Note``); empty for ``!!! note ""``."""
    blocks: list[Block] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "admonition",
            "line": self.line,
            "end_line": self.end_line,
            "markup": self.markup,
            "tag": self.tag,
            "title": self.title,
            "blocks": [block.to_json() for block in self.blocks],
        }


@_pickled_by_fields
@dataclass(slots=True)
class ContentTab:
    """A content tab of pymdownx.tabbed: ``=== "Python"`` and the indented blocks under it."""

    line: int
    end_line: int
    markup: str
    """The marker: ``===``, or ``===`` with ``!`` (a new tab group) and ``+`` (the selected tab)."""
    title: str
    """The tab's title, without its quotes."""
    blocks: list[Block] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "tab",
            "line": self.line,
            "end_line": self.end_line,
            "markup": self.markup,
            "title": self.title,
            "blocks": [block.to_json() for block in self.blocks],
        }


@_pickled_by_fields
@dataclass(slots=True)
class HtmlBlock:
    line: int
    end_line: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"type": "html", "line": self.line, "end_line": self.end_line, "text": self.text}


@_pickled_by_fields
@dataclass(slots=True)
class ThematicBreak:
    line: int
    end_line: int

    def to_json(self) -> dict[str, Any]:
        return {"type": "thematic_break", "line": self.line, "end_line": self.end_line}


Block = Union[Paragraph, ListBlock, CodeBlock, Table, BlockQuote, Admonition, ContentTab, HtmlBlock, ThematicBreak]

CONTAINERS = (BlockQuote, Admonition, ContentTab)
"""The blocks that contain other blocks in ``blocks``, apart from lists, whose items do."""


@_pickled_by_fields
@dataclass(slots=True)
class Step:
    line: int
    end_line: int
    number: int | None
    label: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "end_line": self.end_line,
            "number": self.number,
            "label": self.label,
            "text": self.text,
        }


@_pickled_by_fields
@dataclass(slots=True)
class Field:
    """A labelled field such as ``**答案：**`` with its canonical key."""

    key: str
    """Canonical key: ``question``, ``answer``, ``explanation`` or another key of the label table."""
    label: str
    """The label as written in the document, without markup or colon."""
    line: int
    end_line: int
    text: str
    """Plain text after the label."""
    steps: list[Step] = field(default_factory=list)
    """The items of the ordered list that follows an answer, if any, and of later
    ordered lists that go on with its numbering after a paragraph."""
    code: list[CodeBlock] = field(default_factory=list)
    """The code blocks among the field's own blocks, so that an answer that is only code is not empty.
    Code inside a list item or a block quote belongs to that block and is not listed here, and
    neither is a block of white space alone, which answers nothing."""

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "line": self.line,
            "end_line": self.end_line,
            "text": self.text,
            "steps": [step.to_json() for step in self.steps],
            "code": [{"line": block.line, "end_line": block.end_line, "language": block.language} for block in self.code],
        }


@_pickled_by_fields
@dataclass(slots=True)
class Section:
    """A heading and everything up to the next heading of the same or a higher level.

    ``end_line`` is the last line of content, subsections included. A
    thematic break at the end of a section separates it from the next one
    and is not part of its span.
    """

    level: int
    line: int
    end_line: int
    column: int
    heading: str
    """Plain heading text, number included."""
    number: str | None
    """The leading number (``14`` for ``14.``, ``14、`` or ``第14题``; ``1.2`` for ``1.2``)."""
    title: str
    """The heading text after the number."""
    setext: bool = False
    kind: str = "heading"
    """``heading`` for a Markdown heading; ``item`` for a bold question paragraph
    that an answer field follows, which has no heading but forms a Q&A item."""
    blocks: list[Block] = field(default_factory=list)
    fields: dict[str, Field] = field(default_factory=dict)
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """Yield this section and its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "section",
            "line": self.line,
            "end_line": self.end_line,
            "level": self.level,
            "heading": self.heading,
            "number": self.number,
            "title": self.title,
            "setext": self.setext,
            "kind": self.kind,
            "fields": {key: value.to_json() for key, value in self.fields.items()},
            "blocks": [block.to_json() for block in self.blocks],
            "children": [child.to_json() for child in self.children],
        }


@_pickled_by_fields
@dataclass(slots=True)
class FrontMatter:
    line: int
    end_line: int
    text: str
    format: str = "yaml"
    """``yaml`` for a block between ``---`` lines, ``toml`` for one between ``+++`` lines."""

    def to_json(self) -> dict[str, Any]:
        from doclint.front_matter_data import front_matter_data

        return {
            "line": self.line,
            "end_line": self.end_line,
            "format": self.format,
            "text": self.text,
            "data": front_matter_data(self.text, self.format),
        }


def is_item(section: Section) -> bool:
    """Return whether a section is a Q&A item: it has both a question field and an answer field."""
    return "question" in section.fields and "answer" in section.fields


@dataclass(eq=False)
class Document:
    """A parsed document: front matter, the blocks before the first heading, and the sections.

    Documents compare and hash by identity, so a run's tuple of documents can key a cache.
    """

    source: Source
    front_matter: FrontMatter | None
    blocks: list[Block]
    sections: list[Section]
    forms: list[tuple[str, bool, tuple[str, ...], bool]] | None = None
    """Per section in ``walk`` order, the comparison forms the cross-file rules
    need (copy key, whether it has content, clauses, whether it is navigation), computed where the
    document is parsed and cached with it; None until computed."""
    item_keys: dict[int, tuple[str, str]] | None = None
    """For each Q&A item, by its position in ``walk`` order, its normalised
    question and a digest of its answer (``doclint.qa.item_keys``), computed
    and cached like ``forms``; None until computed."""
    own_clauses: list[tuple[str, ...]] | None = None
    """Per section in ``walk`` order, its clauses without the template of
    this document and of its heading, and without placeholders
    (``doclint.similarity.document_own_clauses``), computed and cached like
    ``forms``; None until computed."""
    dropped: list[tuple[int, int, int]] = field(default_factory=list)
    """The (first line, last line, column of the first line's content) of each range that the
    Markdown parser skipped because it is nested too deeply (``doclint.nesting_limit``).
    Nothing in these ranges is in the tree."""
    passages: DocumentPassages | None = None
    """The passages its items share (``doclint.passages.DocumentPassages``),
    computed and cached like ``forms`` when the run checks borrowed
    passages; None until computed."""

    @property
    def path(self) -> str:
        return self.source.path

    def walk(self) -> Iterator[Section]:
        """Yield every section in document order."""
        for section in self.sections:
            yield from section.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "version": AST_VERSION,
            "type": "document",
            "path": self.path,
            "line": 1,
            "end_line": self.source.last_line,
            "front_matter": self.front_matter.to_json() if self.front_matter else None,
            "blocks": [block.to_json() for block in self.blocks],
            "sections": [section.to_json() for section in self.sections],
        }
