"""Build the section tree of a document from markdown-it-py tokens.

The parser is CommonMark with tables and front matter (mdit-py-plugins),
Python-Markdown admonitions (``!!! note``, and mkdocs-material's ``??? tip``
and ``???+ tip``, by the mdit-py-plugins ``admon`` plugin) and mkdocs-material
content tabs (``=== "Python"``, ``doclint.content_tabs``). Their indented
content is parsed as Markdown, so a fence inside is a code block with its
language rather than part of an indented code block.
Only top-level headings open sections: a ``#`` line inside a fence, an
indented code block, an HTML block or a block quote never does, because
markdown-it does not emit a top-level heading token for it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from doclint.block_guards import guard_block_rules
from doclint.collapsible_items import split_collapsible_items
from doclint.end_marks import is_end_mark, without_end_marks
from doclint.content_tabs import content_tabs_plugin
from doclint.nesting_limit import dropped_lines, record_dropped_content
from doclint.fields import LabelMatch, LabelTable, default_labels, is_option, match_step_label, strip_label
from doclint.heading_numbers import read_heading_number, split_number
from doclint.heading_questions import ask_under_numbers
from doclint.inline_answers import asks, asks_one_question, inline_answer, may_answer_inline
from doclint.item_questions import ItemQuestion, bold_question, is_closing_question, is_options, plain_question
from doclint.line_steps import LineParagraph, LineSteps, has_marker, list_item_steps, may_mark, read_line_steps
from doclint.myst_code import directive_language, option_line_count
from doclint.open_question_lines import follows_number, open_question_lines
from doclint.plain_text import inline_plain_text
from doclint.prose_answers import answer_in_prose, asks_in_heading, continues_numbering
from doclint.question_lists import question_paragraph, unfold_question_lists
from doclint.model import (
    Admonition,
    Block,
    BlockQuote,
    CodeBlock,
    ContentTab,
    Document,
    Field,
    FrontMatter,
    HtmlBlock,
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Table,
    ThematicBreak,
)
from doclint.source import Source
from doclint.toml_front_matter import TOML_MARKER, toml_front_matter_plugin

@lru_cache(maxsize=None)
def markdown_parser() -> MarkdownIt:
    """Return the shared markdown-it parser: CommonMark, tables, YAML and TOML front matter, admonitions and content tabs, block phase only.

    The core ``inline`` rule is off: inline tokens keep their source
    (``content``) and no children, and ``inline_plain_text`` reads their
    text, parsing inline markup only where it can change it. The block
    rules sit behind quick guards (``doclint.block_guards``), which give
    the same tokens in less time. Content nested beyond markdown-it's
    nesting limit is recorded (``doclint.nesting_limit``).
    """
    parser = (
        MarkdownIt("commonmark")
        .enable("table")
        .use(front_matter_plugin)
        .use(toml_front_matter_plugin)
        .use(admon_plugin)
        .use(content_tabs_plugin)
        .disable("inline")
    )
    return record_dropped_content(guard_block_rules(parser))


def parse_document(source: Source, labels: LabelTable | None = None) -> Document:
    """Parse a source into its section tree."""
    parser = markdown_parser()
    env: dict[str, Any] = {}
    tokens = parser.parse(source.text, env)
    builder = _TreeBuilder(source, labels or default_labels(), parser, env)
    document = builder.build(tokens)
    document.dropped = dropped_lines(env, source.last_line)
    return document


class _TreeBuilder:
    """One pass over the token stream that builds blocks, fields and sections."""

    def __init__(self, source: Source, labels: LabelTable, parser: MarkdownIt, env: dict[str, Any]):
        self.source = source
        self.labels = labels
        self.parser = parser
        self.env = env
        self.tokens: list[Token] = []
        self.position = 0

    def build(self, tokens: list[Token]) -> Document:
        self.tokens = tokens
        self.position = 0
        front_matter = None
        preamble: list[Block] = []
        roots: list[Section] = []
        stack: list[Section] = []

        while self.position < len(tokens):
            token = tokens[self.position]
            if token.type == "front_matter":
                front_matter_format = "toml" if token.markup == TOML_MARKER else "yaml"
                front_matter = FrontMatter(token.map[0] + 1, token.map[1], token.content, front_matter_format)
                self.position += 1
            elif token.type == "heading_open":
                section = self._read_heading()
                while stack and stack[-1].level >= section.level:
                    stack.pop()
                (stack[-1].children if stack else roots).append(section)
                stack.append(section)
            else:
                block = self._read_block()
                if block is not None:
                    (stack[-1].blocks if stack else preamble).append(block)

        preamble = _split_labelled_lines(preamble, self.labels, self.source, self._plain_text)
        preamble, collapsible = split_collapsible_items(preamble, 0, self.source, self._plain_text)
        preamble, items = _split_items(preamble, 0, self.labels, self.source, self._plain_text)
        roots = _in_line_order(items, collapsible) + roots
        for section in roots:
            _finish_section(section, self.labels, self.source, self._plain_text)
        answer_in_prose(roots)
        _ask_with_numbered_headings(roots)
        ask_under_numbers(roots, self.labels)
        return Document(self.source, front_matter, preamble, roots)

    def _read_heading(self) -> Section:
        opening, inline = self.tokens[self.position], self.tokens[self.position + 1]
        self.position += 3
        line = opening.map[0] + 1
        heading = self._text(inline).strip()
        number, title = split_number(heading)
        raw_line = self.source.line_text(line)
        column = len(raw_line) - len(raw_line.lstrip(" \t")) + 1
        return Section(
            level=int(opening.tag[1]),
            line=line,
            end_line=opening.map[1],
            column=column,
            heading=heading,
            number=number,
            title=title,
            setext=opening.markup in ("=", "-"),
        )

    def _read_block(self) -> Block | None:
        """Read the block at the current token and move past it."""
        token = self.tokens[self.position]
        kind = token.type
        if kind == "paragraph_open":
            return self._read_paragraph()
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._read_list()
        if kind in ("fence", "code_block"):
            self.position += 1
            return self._code_block(token)
        if kind == "table_open":
            return self._read_table()
        if kind == "blockquote_open":
            start = self.position
            self.position += 1
            blocks = self._read_until("blockquote_close")
            return BlockQuote(self.tokens[start].map[0] + 1, self._end_line(self.tokens[start]), blocks)
        if kind == "admonition_open":
            return self._read_admonition()
        if kind == "tab_open":
            start = self.position
            self.position += 1
            blocks = self._read_until("tab_close")
            opening = self.tokens[start]
            return ContentTab(opening.map[0] + 1, self._end_line(opening), opening.markup, opening.info, blocks)
        if kind == "html_block":
            self.position += 1
            return HtmlBlock(token.map[0] + 1, self._end_line(token), token.content)
        if kind == "hr":
            self.position += 1
            return ThematicBreak(token.map[0] + 1, token.map[0] + 1)
        self.position += 1
        return None

    def _read_until(self, closing: str) -> list[Block]:
        blocks: list[Block] = []
        while self.tokens[self.position].type != closing:
            block = self._read_block()
            if block is not None:
                blocks.append(block)
        self.position += 1
        return blocks

    def _read_admonition(self) -> Admonition:
        """Read an admonition: its title tokens, which hold no block, and the blocks up to its closing token."""
        opening = self.tokens[self.position]
        self.position += 1
        if self.tokens[self.position].type == "admonition_title_open":
            self.position += 3
        blocks = self._read_until("admonition_close")
        tag = opening.meta.get("tag", "")
        return Admonition(opening.map[0] + 1, self._end_line(opening), opening.markup, tag, opening.content, blocks)

    def _read_paragraph(self) -> Paragraph:
        opening, inline = self.tokens[self.position], self.tokens[self.position + 1]
        self.position += 3
        return Paragraph(opening.map[0] + 1, self._end_line(opening), self._text(inline), inline.content)

    def _read_list(self) -> ListBlock:
        opening = self.tokens[self.position]
        ordered = opening.type == "ordered_list_open"
        closing = "ordered_list_close" if ordered else "bullet_list_close"
        start = int(opening.attrs.get("start", 1)) if ordered else None
        result = ListBlock(opening.map[0] + 1, self._end_line(opening), ordered, start)
        self.position += 1

        while self.tokens[self.position].type != closing:
            item_open = self.tokens[self.position]
            self.position += 1
            blocks = self._read_until("list_item_close")
            number = int(item_open.info) if ordered and item_open.info.isdigit() else None
            result.items.append(self._list_item(item_open, number, blocks))

        self.position += 1
        return result

    def _list_item(self, opening: Token, number: int | None, blocks: list[Block]) -> ListItem:
        label, text = None, ""
        if blocks and isinstance(blocks[0], Paragraph):
            first = blocks[0]
            text = first.text
            split = match_step_label(first.markdown)
            if split is not None:
                label = split[0]
                text = strip_label(first.text, label)
        return ListItem(opening.map[0] + 1, self._end_line(opening), number, label, text, blocks)

    def _code_block(self, token: Token) -> CodeBlock:
        line = token.map[0] + 1
        fenced = token.type == "fence"
        raw_line = self.source.line_text(line)
        if fenced:
            indent = raw_line.find(token.markup) if token.markup in raw_line else 0
        else:
            indent = len(raw_line) - len(raw_line.lstrip(" \t>"))
        info = token.info.strip() if fenced else ""
        text = token.content
        code_line = line + 1 if fenced else line
        directive, _language = directive_language(info)
        if directive:
            options = option_line_count(text)
            text = "".join(text.splitlines(keepends=True)[options:])
            code_line += options
        return CodeBlock(
            line=line,
            end_line=self._end_line(token),
            code_line=code_line,
            language=code_language(info),
            info=info,
            text=text,
            fenced=fenced,
            indent=indent,
        )

    def _read_table(self) -> Table:
        opening = self.tokens[self.position]
        rows: list[list[str]] = []
        header: list[str] = []
        row: list[str] = []
        in_head = False
        while True:
            token = self.tokens[self.position]
            self.position += 1
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "inline":
                row.append(self._text(token).strip())
            elif token.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(row)
                row = []
            elif token.type == "table_close":
                return Table(opening.map[0] + 1, self._end_line(opening), header, rows)

    def _text(self, inline: Token) -> str:
        return self._plain_text(inline.content)

    def _plain_text(self, markdown: str) -> str:
        """Return the plain text of inline Markdown, with the link reference definitions of this document."""
        return inline_plain_text(markdown, self.parser, self.env)

    def _end_line(self, token: Token) -> int:
        """Return the last non-blank line of a token's map (markdown-it counts trailing blank lines)."""
        first, end = token.map[0] + 1, token.map[1]
        while end > first and not self.source.line_text(end).strip():
            end -= 1
        return end


def code_language(info: str) -> str | None:
    """Return the language of a fence's info string, lower-cased.

    It is the first word without braces or a leading dot, so that
    ``python title="x.py"``, ``{.python .numberLines}`` and ``Python3``
    name their language the same way. A MyST code directive names it in
    its argument instead: ``{code-cell} ipython3``.
    """
    directive, language = directive_language(info)
    if directive:
        return language
    words = info.strip().lstrip("{").split()
    if not words:
        return None
    language = words[0].rstrip("}").lstrip(".").lower()
    return language or None


def _finish_section(section: Section, labels: LabelTable, source: Source, plain_text: Callable[[str], str]) -> None:
    """Split out bold-question items, then compute fields and end lines, children first."""
    blocks = _split_labelled_lines(section.blocks, labels, source, plain_text)
    blocks, collapsible = split_collapsible_items(blocks, section.level, source, plain_text)
    section.blocks, items = _split_items(blocks, section.level, labels, source, plain_text)
    section.children = _in_line_order(items, collapsible) + section.children
    for child in section.children:
        _finish_section(child, labels, source, plain_text)
    answer_in_prose(section.children)
    if "question" in section.fields:
        # A bold question paragraph is not among the item's blocks: its field was made with the item. So was the
        # prose answer of a collapsible question, which a labelled answer in its content replaces.
        question, prose = section.fields["question"], section.fields.get("answer")
        section.fields = {"question": question, **_collect_fields(section.blocks, labels)}
        if prose is not None:
            section.fields.setdefault("answer", prose)
    else:
        section.fields = _collect_fields(section.blocks, labels)
        if "answer" in section.fields and asks_in_heading(section.title):
            # The heading is the question of "## Can two processes write at once?" with an answer field under it.
            section.fields = {"question": Field("question", "", section.line, section.line, section.title), **section.fields}

    content = list(section.blocks)
    if not section.children:
        while content and isinstance(content[-1], ThematicBreak):
            content.pop()
    ends = [section.end_line]
    if content:
        ends.append(content[-1].end_line)
    if section.children:
        ends.append(section.children[-1].end_line)
    section.end_line = max(ends)


def _in_line_order(items: list[Section], collapsible: list[Section]) -> list[Section]:
    """Merge the items of question paragraphs and of collapsible questions (``doclint.collapsible_items``) by line."""
    if not collapsible:
        return items
    return sorted(items + collapsible, key=lambda item: item.line)


def _split_labelled_lines(
    blocks: list[Block], labels: LabelTable, source: Source, plain_text: Callable[[str], str]
) -> list[Block]:
    """Split each paragraph at the lines that open another field (``_field_line_starts``).

    ``**Question:** Why?`` and ``**Answer:** Because.`` on consecutive
    lines, with no blank line between them, are one paragraph in Markdown,
    but two fields to the author. Each such line starts a paragraph of its
    own, with its own line numbers.
    ``plain_text`` turns inline Markdown into plain text. Whether the
    blocks hold a question bank (``_numbered_lines_ask``) is read only when
    a numbered line that asks nothing has an answer label on it. A question
    without an answer opens a piece after the answer of the question above
    it, which may be the block before the paragraph, and at the end of a
    paragraph only when the next paragraph goes on with the bank or the
    document ends there. So each paragraph is cut knowing the piece before
    it, the block after it and, for the last one before the closing marks,
    whether the document ends.
    """
    found: list[bool] = []

    def in_bank() -> bool:
        # Read once, on first use: most sections never ask. A closure costs far less than an lru_cache per section.
        if not found:
            found.append(_numbered_lines_ask(blocks, labels))
        return found[0]

    last_content = len(blocks) - 1
    while last_content >= 0 and is_end_mark(blocks[last_content]):
        last_content -= 1
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not ("\n" in block.markdown or _may_cut_inline(block.markdown, labels)):
            result.append(block)
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        at_end = index == last_content and "\n" in block.markdown and _ends_document(blocks, source)
        above = result[-1] if result else None
        result.extend(_paragraph_fields(block, labels, plain_text, _Surroundings(in_bank, above, following, at_end)))
    return result


def _ends_document(blocks: list[Block], source: Source) -> bool:
    """Return whether nothing but blank lines follows the last of ``blocks`` in the document."""
    return not any(source.line_text(line).strip() for line in range(blocks[-1].end_line + 1, source.last_line + 1))


def _numbered_lines_ask(blocks: list[Block], labels: LabelTable) -> bool:
    """Return whether a numbered line of the blocks is a question, as a line of a bank is, rather than a step of prose.

    A numbered line (``1、…``, ``第1题：…``, an item of an ordered list)
    is a question when its text before any answer label asks (``asks``:
    a question mark or a question word such as 什么 or 简述), or when an
    answer field opens the next line or block. A bold question
    (``**问题 1：…？**``) is one too.
    """
    for index, block in enumerate(blocks):
        if isinstance(block, ListBlock) and block.ordered:
            if any(_text_asks(item.text.partition("\n")[0], labels) for item in block.items):
                return True
            continue
        if not isinstance(block, Paragraph):
            continue
        lines = block.markdown.split("\n")
        following = blocks[index + 1].markdown if index + 1 < len(blocks) and isinstance(blocks[index + 1], Paragraph) else ""
        for number, line in enumerate(lines):
            if line.lstrip().startswith(("**", "__")):
                if bold_question(line, labels) is not None:
                    return True
                continue
            question = plain_question(line, labels)
            if question is None:
                continue
            next_line = lines[number + 1] if number + 1 < len(lines) else following.partition("\n")[0]
            if _text_asks(question[1], labels) or _opening_key(next_line, labels) == "answer":
                return True
    return False


def _text_asks(text: str, labels: LabelTable) -> bool:
    """Return whether the text of a numbered line asks something before the answer label on its line, if any."""
    cut = inline_answer(text, labels)
    return asks(text[: cut[0]] if cut is not None else text)


def _may_cut_inline(line: str, labels: LabelTable) -> bool:
    """Return whether a one-line paragraph may be a question with its answer on its line (``_inline_answer_pieces``).

    Most paragraphs open no question, and that test is cheaper than the
    search for a label after the question, so it comes first.
    """
    return _opening_key(line, labels) in ("question", _PLAIN_QUESTION) and may_answer_inline(line)


class _Surroundings(NamedTuple):
    """The context of a paragraph that its field cuts read (``_field_line_starts``): the blocks around it and the bank test."""

    in_bank: Callable[[], bool] | None = None
    """Whether the blocks of the paragraph hold a question bank, read once on first use (``_inline_cut``)."""
    above: Block | None = None
    """The block before the paragraph."""
    following: Block | None = None
    """The block after the paragraph."""
    ends_document: bool = False
    """Whether the paragraph is the last content of the document: only blank lines and closing marks, such as ``---`` or an HTML comment, follow it."""


def _paragraph_fields(
    paragraph: Paragraph,
    labels: LabelTable,
    plain_text: Callable[[str], str],
    around: _Surroundings = _Surroundings(),
) -> list[Paragraph]:
    """Cut a paragraph at the lines that open another field, then each question piece after its question mark.

    The second cut is that of an answer on the line of its question
    (``1、什么是GIL？答案：…``, ``_inline_answer_pieces``).
    """
    multiline = "\n" in paragraph.markdown
    if not multiline:
        pieces = [paragraph]
    else:
        pieces = _line_pieces(paragraph, labels, plain_text, around)
    return [part for piece in pieces for part in _inline_answer_pieces(piece, labels, plain_text, around.in_bank)]


def _inline_answer_pieces(
    paragraph: Paragraph,
    labels: LabelTable,
    plain_text: Callable[[str], str],
    in_bank: Callable[[], bool] | None = None,
) -> list[Paragraph]:
    """Cut a paragraph that opens with a question where an answer label follows on its line, or return it whole.

    The question opens with a numbered question in plain text (``1、``,
    ``Q1:``) or a question label (``问：``). The answer piece starts at its
    label (``doclint.inline_answers``), on the same line, and keeps the
    later lines. The paragraph stays whole when inline markup spans the
    cut, such as a code span around ``a ? b : c``, because the two pieces'
    texts then do not give the paragraph's text. A line that opens with a
    bare number (``1、``, ``1.``) and asks nothing before its label
    (``1、本节介绍安装。答案：见下文``) is cut only when ``in_bank``
    returns True, because in numbered prose such a label is part of a step.
    """
    # Most pieces open no question, and that test is cheaper than the search for a label after the question.
    if _opening_key(paragraph.markdown.partition("\n")[0], labels) not in ("question", _PLAIN_QUESTION):
        return [paragraph]
    if not may_answer_inline(paragraph.markdown):
        return [paragraph]
    cut = _inline_cut(paragraph.markdown, labels, in_bank)
    if cut is None:
        return [paragraph]

    question_end, answer_start = cut
    question, between, answer = (
        paragraph.markdown[:question_end],
        paragraph.markdown[question_end:answer_start],
        paragraph.markdown[answer_start:],
    )
    question_text, answer_text = plain_text(question), plain_text(answer)
    if question_text + between + answer_text != paragraph.text:
        return [paragraph]

    answer_line = paragraph.line + question.count("\n")
    return [
        Paragraph(paragraph.line, answer_line, question_text, question),
        Paragraph(answer_line, paragraph.end_line, answer_text, answer),
    ]


def _inline_cut(markdown: str, labels: LabelTable, in_bank: Callable[[], bool] | None = None) -> tuple[int, int] | None:
    """Return the cut of ``doclint.inline_answers.inline_answer`` when the text before it is one question (``asks_one_question``), else None.

    With ``in_bank``, a line that opens with a bare number and whose text
    before the label asks nothing (``doclint.inline_answers.asks``) is cut
    only in a bank, where ``in_bank`` returns True.
    """
    cut = inline_answer(markdown, labels)
    if cut is None:
        return None
    body = _question_body(markdown[: cut[0]], labels)
    if not asks_one_question(body):
        return None
    if in_bank is not None and _opens_with_bare_number(markdown) and not asks(body) and not in_bank():
        return None
    return cut


def _opens_with_bare_number(markdown: str) -> bool:
    """Return whether a line opens with a number and a separator alone (``1、``, ``1.``), without a label such as ``第1题`` or ``Q1:``."""
    found = read_heading_number(markdown.partition("\n")[0].strip())
    return found is not None and found.style == "1."


def _question_body(text: str, labels: LabelTable) -> str:
    """Return the text of a question without its number or label: ``什么是GIL？`` of ``1、什么是GIL？`` or ``问：什么是GIL？``."""
    asked = plain_question(text, labels)
    if asked is not None:
        return asked[1]
    labelled = labels.match(text)
    return labelled.rest if labelled is not None else text


def _line_pieces(
    paragraph: Paragraph,
    labels: LabelTable,
    plain_text: Callable[[str], str],
    around: _Surroundings = _Surroundings(),
) -> list[Paragraph]:
    """Cut a paragraph at the lines that open another field, or return it whole.

    The source lines are cut first, and each piece keeps the line numbers
    of its own lines. A piece's plain text comes from ``_piece_texts``.
    The paragraph stays whole when that finds a cut inside inline markup,
    such as a code span opened before a labelled line and closed after it,
    because cutting there would change the text.
    """
    source_lines = paragraph.markdown.split("\n")
    starts = _field_line_starts(source_lines, labels, around)
    if len(starts) == 1:
        return [paragraph]

    bounds = list(zip(starts, [*starts[1:], len(source_lines)]))
    texts = _piece_texts(paragraph, source_lines, bounds, plain_text)
    if texts is None:
        return [paragraph]

    pieces = []
    for (start, stop), text in zip(bounds, texts):
        end_line = paragraph.line + stop - 1 if stop < len(source_lines) else paragraph.end_line
        pieces.append(Paragraph(paragraph.line + start, end_line, text, "\n".join(source_lines[start:stop])))
    return pieces


def _field_line_starts(source_lines: list[str], labels: LabelTable, around: _Surroundings = _Surroundings()) -> list[int]:
    """Return 0 and the indexes of the lines of a paragraph that open a field of their own.

    A line that opens with a bold or bracketed label (``**Answer:**``,
    ``【答案】``) always does. A line that opens with a plain label
    (``A:``, ``答：``) needs two more things. The paragraph must open with
    a label or a bold question (``Q: Why?``, ``**Q: Why?**``), and the
    line's key must differ from the key of the field it would end. So
    ``Q:`` over ``A:`` are two fields, while prose such as ``Note: …`` or
    a second ``Answer:`` line stays text. A plain ``A:`` that is an option
    of a multiple-choice question (``doclint.fields.is_option``) is text too.
    A bold question line (``**问题 2：…？**``) opens a piece when an answer
    follows it, or when it ends the paragraph after an answer and the next
    paragraph opens with an answer label or the document ends there.
    A second question label in a row (``问：…`` over ``问：…``) opens a
    field when an answer above it closed an earlier question and its own
    answer follows, because the first of the two then lost its answer.
    A paragraph that opens with a numbered question in plain text
    (``第1题：…``, ``1、…``) is cut only where an answer follows, because
    only an answer makes that numbered line a question. Its first cut is
    at an answer line (``答案：…``), or at a line of another key, such as
    ``解析：…``, when the next question or answer line after it is an
    answer. Otherwise such a line stays text. In a paragraph that opens
    with a label or a question, a numbered question line opens a piece
    too when the next question or answer line after it is an answer. So a
    bank written without blank lines falls into its questions and fields.
    A question line whose answer follows on the same line
    (``1、什么是GIL？答案：…``) is in that answer (``_key_after_line``).
    A numbered question without an answer after the answer of the numbered
    question above it opens a piece under the conditions of
    ``doclint.open_question_lines``, which ``following``, the block after
    the paragraph, and ``ends_document`` are for. That question may be ``above``, the block
    before a paragraph that opens with its answer label.
    """
    in_bank, above, following, ends_document = around
    starts = [0]
    opening_key = _opening_key(source_lines[0], labels)
    current_key = _key_after_line(source_lines[0], opening_key, labels, in_bank)
    # The line of the numbered question of the current item, and whether its answer has opened: a question without
    # an answer may follow that answer. None once another numbered line is in the answer, as its steps are.
    item_line = source_lines[0] if opening_key == _PLAIN_QUESTION else None
    answered = answer_seen = current_key == "answer"
    if opening_key == "answer" and isinstance(above, Paragraph):
        item_line = _question_line(above, labels)
    open_lines: list[int] = []
    for index in range(1, len(source_lines)):
        line = source_lines[index]
        if index in open_lines:
            starts.append(index)
            current_key, item_line, answered = _PLAIN_QUESTION, line, False
            continue
        bold = line.lstrip().startswith(("**", "__", "【"))
        if not bold and current_key is None:
            continue
        found = labels.match(line)
        if found is None and bold:
            if _opening_key(line, labels) == "question" and _bold_question_answered(
                source_lines, index, labels, current_key, following, ends_document
            ):
                starts.append(index)
                current_key, item_line = "question", None
            continue
        if found is None:
            if plain_question(line, labels) is None:
                continue
            key = _key_after_line(line, _PLAIN_QUESTION, labels, in_bank)
            if key == "answer" or _answer_line_follows(source_lines, index, labels):
                starts.append(index)
                current_key, item_line, answered = key, line, key == "answer"
                answer_seen = answer_seen or answered
            elif item_line is not None and answered:
                open_lines = open_question_lines(
                    source_lines,
                    index,
                    item_line,
                    labels,
                    lambda position: _answered_at(source_lines, position, _PLAIN_QUESTION, labels, in_bank),
                    _first_line(following),
                    ends_document,
                )
                if open_lines:
                    starts.append(index)
                    current_key, item_line, answered = _PLAIN_QUESTION, line, False
                else:
                    item_line = None
            continue
        if not bold and is_option(found.label, source_lines[index + 1:]):
            continue
        if not bold and found.key == current_key:
            if found.key != "question" or not answer_seen:
                continue
            if not _answered_at(source_lines, index, "question", labels, in_bank):
                continue
        if not bold and current_key == _PLAIN_QUESTION and found.key != "answer":
            if found.key == "question" or not _answer_line_follows(source_lines, index, labels):
                continue
        starts.append(index)
        current_key = _key_after_line(line, found.key, labels, in_bank)
        if found.key == "question":
            item_line = None
        answered = answered or current_key == "answer"
        answer_seen = answer_seen or current_key == "answer"
    return starts


def _question_line(block: Paragraph, labels: LabelTable) -> str | None:
    """Return the first line of a paragraph when it is a numbered question in plain text (``1、…``, ``Q1: …``), else None."""
    first = _first_line(block)
    return first if _opening_key(first, labels) == _PLAIN_QUESTION else None


def _bold_question_answered(
    source_lines: list[str],
    index: int,
    labels: LabelTable,
    current_key: str | None,
    following: Block | None,
    ends_document: bool,
) -> bool:
    """Return whether the bold question on line ``index`` of a paragraph opens a piece of its own.

    Its answer follows in the paragraph, or it is the last line, after an
    answer, and the next paragraph opens with an answer label or the
    document ends there (``_field_line_starts``).
    """
    if _answer_line_follows(source_lines, index, labels):
        return True
    if index != len(source_lines) - 1 or current_key != "answer":
        return False
    if ends_document:
        return True
    found = labels.match(_first_line(following))
    return found is not None and found.key == "answer"


def _first_line(block: Block | None) -> str:
    """Return the first source line of a paragraph, or "" for another block or None."""
    return block.markdown.partition("\n")[0] if isinstance(block, Paragraph) else ""


def _answered_at(
    source_lines: list[str], index: int, key: str, labels: LabelTable, in_bank: Callable[[], bool] | None
) -> bool:
    """Return whether the question on line ``index`` of a paragraph, which opens with ``key``, has an answer on its line or after it."""
    if _key_after_line(source_lines[index], key, labels, in_bank) == "answer":
        return True
    return _answer_line_follows(source_lines, index, labels)


def _key_after_line(line: str, key: str | None, labels: LabelTable, in_bank: Callable[[], bool] | None = None) -> str | None:
    """Return the key of the field that a line opening with ``key`` ends in: ``answer`` after an answer on the line of its question.

    ``in_bank`` is that of ``_inline_cut``.
    """
    if key in ("question", _PLAIN_QUESTION) and may_answer_inline(line) and _inline_cut(line, labels, in_bank) is not None:
        return "answer"
    return key


# The opening key of a paragraph whose first line is a numbered question in plain text.
_PLAIN_QUESTION = "plain question"


def _answer_line_follows(source_lines: list[str], index: int, labels: LabelTable) -> bool:
    """Return whether the first question or answer line after line ``index`` of a paragraph is an answer.

    The lines between may be the options of a multiple-choice question
    (``A. list``, ``A: list``) and fields of other keys, such as an
    explanation written before the answer. Another numbered question
    before the answer means that line ``index`` has none.
    """
    for offset, line in enumerate(source_lines[index + 1:], start=index + 1):
        found = labels.match(line)
        if found is None:
            if plain_question(line, labels) is not None:
                return False
            continue
        bold = line.lstrip().startswith(("**", "__", "【"))
        if not bold and is_option(found.label, source_lines[offset + 1:]):
            continue
        if found.key in ("question", "answer"):
            return found.key == "answer"
    return False


def _opening_key(line: str, labels: LabelTable) -> str | None:
    """Return the field key of a paragraph's first line.

    That is its label's key, ``question`` for a bold question,
    ``_PLAIN_QUESTION`` for a numbered question in plain text
    (``doclint.item_questions.plain_question``), or None.
    """
    found = labels.match(line)
    if found is not None:
        return found.key
    if line.lstrip().startswith(("**", "__")) and bold_question(line, labels) is not None:
        return "question"
    if plain_question(line, labels) is not None:
        return _PLAIN_QUESTION
    return None


def _piece_texts(
    paragraph: Paragraph, source_lines: list[str], bounds: list[tuple[int, int]], plain_text: Callable[[str], str]
) -> list[str] | None:
    """Return the plain text of each piece ``source_lines[start:stop]`` of a paragraph, or None if a cut breaks markup.

    Without a backtick or an ``&``, no inline markup adds a line break, so
    when the paragraph's text has as many lines as its source, text line
    ``i`` is the text of source line ``i``. Otherwise the lines may not
    match: a code span turns line breaks into spaces and a character
    reference such as ``&#10;`` adds one. Each piece is then parsed on its
    own, and the pieces count only if their texts, joined by line breaks,
    give the whole paragraph's text, so that each piece's text is a run of
    whole lines of it. A code span across a cut fails that test, because a
    piece parsed alone keeps the unclosed backtick as text.
    """
    text_lines = paragraph.text.split("\n")
    # NOTE: this path does not check for markup across a cut, so a link or
    # emphasis that opens before a labelled line and closes after it is cut.
    may_move_lines = "`" in paragraph.markdown or "&" in paragraph.markdown
    if not may_move_lines and len(text_lines) == len(source_lines):
        return ["\n".join(text_lines[start:stop]) for start, stop in bounds]

    texts = [_piece_text(source_lines[start:stop], stop == len(source_lines), plain_text) for start, stop in bounds]
    if "\n".join(texts) != paragraph.text:
        return None
    return texts


def _piece_text(lines: list[str], last: bool, plain_text: Callable[[str], str]) -> str:
    """Return the plain text of some lines of a paragraph, parsed as they stand in it.

    Spaces and tabs that open a line after a line break are dropped, as in
    the whole paragraph. A piece other than the last is parsed with the line
    break that follows it, so that trailing spaces or a backslash before it
    make a hard break there too, and that break is then removed.
    """
    markdown = "\n".join(lines).lstrip(" \t")
    if last:
        return plain_text(markdown)
    return plain_text(markdown + "\n").removesuffix("\n")


def _ask_with_numbered_headings(roots: list[Section]) -> None:
    """Give numbered heading items their heading as question when the document writes no question field under one.

    A bank of tasks such as ``### 8. 解释一下CAP定理`` over ``**答案：**``
    states each question in its heading, without a question mark. A
    document that writes ``**题目：**`` under some numbered headings uses
    its headings as topics, so there an item without the field still
    lacks its question. So does an item whose answer field comes after
    other text, because that text may be its question under a label that
    doclint does not know.
    """
    sections = (section for root in roots for section in root.walk())
    numbered = [section for section in sections if section.kind == "heading" and section.number is not None]
    if any(_has_labelled_question(section) for section in numbered):
        return

    for section in numbered:
        if "question" in section.fields or not _answer_opens(section):
            continue
        question = Field("question", "", section.line, section.line, section.title)
        section.fields = {"question": question, **section.fields}


def _answer_opens(section: Section) -> bool:
    """Return whether a section's first block is its answer field."""
    answer = section.fields.get("answer")
    return answer is not None and bool(section.blocks) and section.blocks[0].line == answer.line


def _has_labelled_question(section: Section) -> bool:
    """Return whether a section writes its question under a label, rather than as its heading."""
    question = section.fields.get("question")
    return question is not None and question.label != ""


def _split_items(
    blocks: list[Block], level: int, labels: LabelTable, source: Source, plain_text: Callable[[str], str]
) -> tuple[list[Block], list[Section]]:
    """Turn the Q&A items among a section's blocks into item sections.

    An item opens at a question paragraph that an answer field follows
    (``_question_starts``), at each question field of a flat FAQ
    (``_flat_item_starts``), and at an answer field of a flat FAQ that
    follows another answer.
    It runs to the next item's start. Returns the blocks before the first
    item and the items, one level below ``level``. Ordered lists of
    questions (``1. 什么是列表？`` over ``答案：…``) are unfolded first
    (``doclint.question_lists``), but only when their questions open items.
    """
    blocks, listed = _unfold_question_lists(blocks, labels, source, plain_text)
    question_starts = _question_starts(blocks, labels)
    trailing = _trailing_question(blocks, labels, source, question_starts)
    if trailing is not None:
        index, question = trailing
        blocks = [*blocks[:index], question, *blocks[index + 1:]]
        question_starts.append(index)
    flat_starts = _flat_item_starts(blocks, labels, question_starts)
    unanswered = _unanswered_questions(blocks, labels, source, question_starts)
    for index, question in unanswered:
        blocks = [*blocks[:index], question, *blocks[index + 1:]]
    question_starts = sorted(question_starts + [index for index, _question in unanswered])
    starts = sorted(set(question_starts) | set(flat_starts))
    if not starts:
        return blocks, []

    runs = [blocks[start:stop] for start, stop in zip(starts, [*starts[1:], len(blocks)])]
    # The code and options after a question without an answer are part of it, not text that closes the section.
    closing = _closing_blocks(runs, labels) if trailing is None else []
    # The blocks indented under the last question of a list belong to its item, whatever follows them.
    while closing and id(closing[0]) in listed:
        closing = closing[1:]
    if closing:
        runs[-1] = runs[-1][: len(runs[-1]) - len(closing)]

    items = []
    for start, item_blocks in zip(starts, runs):
        if start in question_starts:
            items.append(_item_section(item_blocks, level + 1, labels, source))
        else:
            items.append(_field_item_section(item_blocks, level + 1, labels, source))
    return blocks[: starts[0]] + closing, items


def _trailing_question(
    blocks: list[Block], labels: LabelTable, source: Source, question_starts: list[int]
) -> tuple[int, Paragraph] | None:
    """Return the index and paragraph of the numbered question without an answer that ends the document, or None.

    A bank cut off right after its last question (``第3题：…`` after
    ``第2题：…`` and its answer) leaves a question that no answer follows,
    so ``_question_starts`` opens no item there, and it would read as more
    text of the answer above it. It opens an item of its own, with only
    its question field, when only its code and options follow it, and
    nothing but blank lines follows in the document. It must be written
    as the next question (``_continues_questions``): its number follows
    the number of the question before it, or both are bold and
    unnumbered. A FAQ of numbered questions often closes with an
    unnumbered question such as "**Still stuck?**", which stays text
    there. Thematic breaks and HTML comments may follow it, and they
    stay in its item. The answer above it must hold no
    other numbered paragraph, because ``3、…`` after the steps ``1、…``
    and ``2、…`` of an answer is its last step. In a bank of ordered
    list items (``1. 什么是列表？``), the question is a list of one item,
    which becomes its question paragraph, as ``doclint.question_lists``
    unfolds the items with answers.
    """
    if len(question_starts) < 2:
        return None
    last_start = question_starts[-1]
    # A ``---`` line or an HTML comment may close the document after the question (``doclint.end_marks``).
    content = without_end_marks(blocks)
    index = _before_open_fields(content, last_start, labels)
    while index > last_start and (isinstance(blocks[index], CodeBlock) or is_options(blocks[index])):
        index -= 1
    block = _one_item_question(blocks[index], source)
    if index <= last_start or not isinstance(block, Paragraph) or labels.match(block.markdown) is not None:
        return None

    question, previous = _item_question(block, labels), _item_question(blocks[last_start], labels)
    if question is None or previous is None or not _continues_questions(block, question, blocks[last_start], previous):
        return None
    if any(_numbers_lines(between, labels) for between in blocks[last_start + 1:index]):
        return None
    if not _ends_document(blocks, source):
        return None
    return index, block


def _unanswered_questions(
    blocks: list[Block], labels: LabelTable, source: Source, question_starts: list[int]
) -> list[tuple[int, Paragraph]]:
    """Return the index and paragraph of each numbered question without an answer between two questions that open items.

    A bank may leave a question open in its middle (``2、…`` with no
    answer, between ``1、…`` and ``3、…`` and their answers). Without an
    item of its own it reads as more text of the answer above it, and
    nothing reports it. Each such question opens an item with only its
    question field (``_unanswered_between`` gives the conditions). In a
    bank of ordered list items (``2. 什么是装饰器？``), such a question is
    a list of one item, which becomes its question paragraph.
    """
    blocks = [_one_item_question(block, source) for block in blocks]
    found: list[tuple[int, Paragraph]] = []
    for start, stop in zip(question_starts, question_starts[1:]):
        for index in _unanswered_between(blocks, start, stop, labels):
            question = blocks[index]
            assert isinstance(question, Paragraph)
            found.append((index, question))
    return found


def _unanswered_between(blocks: list[Block], start: int, stop: int, labels: LabelTable) -> list[int]:
    """Return the indexes of the questions without an answer after the item at ``start`` and before the question at ``stop``.

    They come after the answer field of that item, each written as the
    next question after the one before it (``_continues_questions``), and
    the question at ``stop`` continues from the last of them. Only their
    code and options may follow them. The answer above may hold no
    numbered paragraph or ordered list before them, because ``2、…``
    after the step ``1、…`` of an answer is its next step, and a
    paragraph of other text after them makes them text as well.
    """
    answered = False
    found: list[int] = []
    previous = start
    for index in range(start + 1, stop):
        block = blocks[index]
        if not answered:
            answered = _is_field(block, labels, "answer")
            continue
        if found and (isinstance(block, CodeBlock) or is_options(block)):
            continue
        if not _continues_at(blocks, previous, index, labels):
            if found or _numbers_lines(block, labels):
                return []
            continue
        found.append(index)
        previous = index
    if not found or not _continues_at(blocks, previous, stop, labels):
        return []
    return found


def _continues_at(blocks: list[Block], previous: int, index: int, labels: LabelTable) -> bool:
    """Return whether the block at ``index`` is an unlabelled question written as the next question after the one at ``previous``."""
    block, previous_block = blocks[index], blocks[previous]
    if not isinstance(block, Paragraph) or not isinstance(previous_block, Paragraph) or labels.match(block.markdown):
        return False
    question, previous_question = _item_question(block, labels), _item_question(previous_block, labels)
    if question is None or previous_question is None:
        return False
    return _continues_questions(block, question, previous_block, previous_question)


def _continues_questions(block: Paragraph, question: ItemQuestion, previous_block: Block, previous: ItemQuestion) -> bool:
    """Return whether a question paragraph is written as the next question after the question paragraph before it.

    A numbered question carries the number after the one before it, in
    the same style and with the same label. An unnumbered bold question
    (``**最后一个问题是什么？**``) may follow an unnumbered bold question,
    labelled or not (``**问题：…？**``), because such a bank numbers none
    of its questions, unless it asks the reader whether anything is left
    ("**Still have questions?**", "**还有其他问题吗？**"), as a FAQ closes.
    """
    if question[0] is None and previous[0] is None:
        return _is_bold(block) and _is_bold(previous_block) and not is_closing_question(question[1])
    if question[2] != previous[2] or not follows_number(previous[0], question[0]):
        return False
    return _number_style(block) == _number_style(previous_block)


def _is_bold(block: Block) -> bool:
    """Return whether a block is a paragraph that opens with bold markers, as a bold question does."""
    return isinstance(block, Paragraph) and block.markdown.lstrip().startswith(("**", "__"))


def _before_open_fields(blocks: list[Block], last_start: int, labels: LabelTable) -> int:
    """Return the index of the last block before the fields of other keys that end ``blocks``, or the last index.

    A bank that explains each question before it answers it may stop
    inside the explanation of its last question (``第3题：…`` over
    ``解析：…``). So the field of another key that ends the blocks is
    skipped, as code and options are. Nothing is skipped when a question
    or answer label, or a numbered question, follows that field's label.
    """
    last = len(blocks) - 1
    for index in range(last, last_start, -1):
        block = blocks[index]
        if not isinstance(block, Paragraph):
            continue
        label = labels.match(block.markdown)
        if label is not None:
            opens_other_field = label.key not in ("question", "answer") and index - 1 > last_start
            return index - 1 if opens_other_field else last
        if _asks_question(block, labels):
            return last
    return last


def _one_item_question(block: Block, source: Source) -> Block:
    """Return the question paragraph of an ordered list of one one-paragraph item (``3. 什么是字典？``), else the block."""
    if not isinstance(block, ListBlock) or not block.ordered or len(block.items) != 1 or len(block.items[0].blocks) != 1:
        return block
    return question_paragraph(block.items[0], source) or block


def _numbers_lines(block: Block, labels: LabelTable) -> bool:
    """Return whether a block numbers its lines as steps or questions do: an ordered list, or a numbered paragraph."""
    if isinstance(block, ListBlock):
        return block.ordered
    return isinstance(block, Paragraph) and _asks_question(block, labels)


def _number_style(paragraph: Paragraph) -> str | None:
    """Return the numbering style (``doclint.heading_numbers``) of a question paragraph's first line, bold markers removed."""
    first = paragraph.text.partition("\n")[0].replace("**", "").replace("__", "").strip()
    found = read_heading_number(first)
    return found.style if found is not None else None


def _unfold_question_lists(
    blocks: list[Block], labels: LabelTable, source: Source, plain_text: Callable[[str], str]
) -> tuple[list[Block], set[int]]:
    """Return the blocks with their ordered lists of questions unfolded, and the ``id`` of each block from such a list.

    The lists stay lists unless a question of theirs opens an item
    (``_question_starts``), so that a section without items keeps its blocks.
    """
    unfolded = unfold_question_lists(
        blocks,
        source,
        lambda paragraph: _paragraph_fields(paragraph, labels, plain_text),
        lambda paragraph: plain_question(paragraph.markdown, labels) is not None,
        lambda following: _answer_follows(following, labels),
        lambda index: _list_of_open_field(blocks, index, labels),
    )
    if not unfolded.questions:
        return blocks, set()
    starts = _question_starts(unfolded.blocks, labels)
    if any(id(unfolded.blocks[start]) in unfolded.questions for start in starts):
        return unfolded.blocks, unfolded.members
    return blocks, set()


def _question_starts(blocks: list[Block], labels: LabelTable) -> list[int]:
    """Return the indexes of the question paragraphs that open items, each over its answer field.

    A bold question (``**问题 3：如何排序？**``, ``**Q: Why?**``) opens an
    item when an answer field follows it right away or after fields of
    other keys (``_after_other_fields``). A numbered question in plain
    text (``第1题：…``, ``问题1：…``, ``Q1: …``, ``1、…``) opens one when an
    answer field follows it. Only code blocks, the options of a
    multiple-choice question (``_question_blocks``) and fields of other
    keys may come between them, as in "第3题：下面的代码输出什么？" over
    the code and then ``答案：``. It
    takes two such questions among the blocks, bold or plain, as a flat
    FAQ takes two pairs. One numbered line over an answer is as often a
    sub-question or the last step of a task under a heading, whose answer
    it would take from that heading's item. For the same reason, a
    numbered line after a labelled question (``题目：阅读代码，回答问题。``)
    and before its answer is part of that question.
    """
    bold_starts: list[int] = []
    plain_starts: list[int] = []
    for index, block in enumerate(blocks[:-1]):
        if not isinstance(block, Paragraph):
            continue
        if bold_question(block.markdown, labels, numbered_task=True) is not None:
            rest = _after_other_fields(blocks[index + 1:], labels)
            if rest and _is_field(rest[0], labels, "answer"):
                bold_starts.append(index)
        elif (
            plain_question(block.markdown, labels) is not None
            and _answer_follows(blocks[index + 1:], labels)
            and not _in_open_question_field(blocks[:index], labels)
            and not _step_of_open_field(blocks[:index], block, labels)
        ):
            plain_starts.append(index)
    if len(bold_starts) + len(plain_starts) < 2:
        return bold_starts
    return sorted(bold_starts + plain_starts)


def _list_of_open_field(blocks: list[Block], index: int, labels: LabelTable) -> bool:
    """Return whether the ordered list at ``index`` opens at 1 in a field that an unanswered question opened.

    It is then the numbered steps of that field, such as an explanation
    written before the answer (``_step_of_open_field``), not a list of
    questions.
    """
    block = blocks[index]
    if not isinstance(block, ListBlock) or block.start not in (None, 1):
        return False
    return _open_field_label(blocks[:index], labels) is not None


def _step_of_open_field(blocks: list[Block], paragraph: Paragraph, labels: LabelTable) -> bool:
    """Return whether a numbered line is a step of a field that an unanswered question opened, such as its explanation.

    Some banks explain a question before they answer it, in numbered steps
    (``解析：`` over ``1、…`` and ``2、…``, then ``答案：…``). The last step
    has the answer after it, as a question would. It is a step when it
    follows the label of such a field (``_open_field_label``) and is
    numbered 1 or one more than the numbered line before it in the field
    (``_field_step``). A question after a question that has only an
    explanation (``第2题`` after ``第1题`` and ``解析：…``) has no numbered
    line before it in the field, so it is still a question.
    """
    start = _open_field_label(blocks, labels)
    if start is None:
        return False
    previous = None
    for block in blocks[start + 1:]:
        if isinstance(block, Paragraph) and plain_question(block.markdown, labels) is not None:
            previous = _field_step(block, labels, previous)
    return _field_step(paragraph, labels, previous) is not None


def _open_field_label(blocks: list[Block], labels: LabelTable) -> int | None:
    """Return the index of the label of the field that ``blocks`` end in, when a field of another key than question and answer opened after an unanswered question.

    The numbered lines after that label are left alone, because they may
    be the field's own steps.
    """
    label_index = None
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if not isinstance(block, Paragraph):
            continue
        label = labels.match(block.markdown)
        if label is not None:
            if label.key in ("question", "answer"):
                return None
            if label_index is None:
                label_index = index
        elif label_index is not None and _opening_key(block.markdown.partition("\n")[0], labels) in ("question", _PLAIN_QUESTION):
            return label_index
    return None


def _in_open_question_field(blocks: list[Block], labels: LabelTable) -> bool:
    """Return whether the last labelled paragraph of ``blocks`` is a question field, which no answer has closed yet."""
    for block in reversed(blocks):
        if isinstance(block, Paragraph):
            found = labels.match(block.markdown)
            if found is not None:
                return found.key == "question"
    return False


def _answer_follows(blocks: list[Block], labels: LabelTable) -> bool:
    """Return whether an answer field follows a question, after its code and options (``_question_blocks``).

    Fields of other keys may come first (``_after_other_fields``).
    """
    rest = _after_other_fields(blocks[len(_question_blocks(blocks, labels)):], labels)
    return bool(rest) and _is_field(rest[0], labels, "answer")


def _after_other_fields(blocks: list[Block], labels: LabelTable) -> list[Block]:
    """Return ``blocks`` from their first question or answer field on, past the fields of other keys that open them.

    Some banks explain a question before they answer it (``解析：…`` over
    ``答案：…``), so the fields after a question may come in any order. A
    field of another key runs over the blocks after its labelled
    paragraph, but a question paragraph there (``第2题：…``) is the next
    question, and the blocks from it on are returned, with no field before
    them. Blocks that do not open with a labelled paragraph are returned
    as they are.
    """
    previous_step: int | None = None
    for index, block in enumerate(blocks):
        found = labels.match(block.markdown) if isinstance(block, Paragraph) else None
        if found is None:
            if index == 0:
                return blocks[index:]
            if isinstance(block, Paragraph) and _asks_question(block, labels):
                previous_step = _field_step(block, labels, previous_step)
                if previous_step is None:
                    return blocks[index:]
            continue
        if found.key in ("question", "answer"):
            return blocks[index:]
        previous_step = None
    return []


def _field_step(paragraph: Paragraph, labels: LabelTable, previous: int | None) -> int | None:
    """Return the number of a numbered line in a field of another key when it is a step of that field, else None.

    An explanation before the answer may list numbered steps (``1、…``,
    ``2、…``). A line numbered 1, or one more than the step before it, is
    such a step. Another number (``第2题`` after ``第1题`` and its
    explanation) opens the next question.
    """
    found = plain_question(paragraph.markdown, labels)
    if found is None or found[0] is None or not found[0].isdigit():
        return None
    number = int(found[0])
    if number == 1 or (previous is not None and number == previous + 1):
        return number
    return None


def _asks_question(paragraph: Paragraph, labels: LabelTable) -> bool:
    """Return whether a paragraph is a bold question or a numbered question in plain text, which may open an item."""
    return (
        bold_question(paragraph.markdown, labels, numbered_task=True) is not None
        or plain_question(paragraph.markdown, labels) is not None
    )


def _question_blocks(blocks: list[Block], labels: LabelTable) -> list[Block]:
    """Return the blocks at the start of ``blocks`` that still belong to a question: code and options, not fields.

    "下面的代码输出什么？" shows its code, and a multiple-choice question
    its options (``A. list`` over ``B. tuple``), between the question and
    its answer. A paragraph of options such as ``A: list`` over ``B: tuple``
    is no answer field, because ``A:`` there is an option.
    """
    count = 0
    for block in blocks:
        if isinstance(block, Paragraph) and labels.match(block.markdown) is not None:
            break
        if not isinstance(block, CodeBlock) and not is_options(block):
            break
        count += 1
    return blocks[:count]


def _item_question(paragraph: Paragraph, labels: LabelTable) -> ItemQuestion | None:
    """Return the (number, question text, label) of a paragraph that ``_question_starts`` accepts, or None.

    A plain question's text is read from the paragraph's plain text, so
    that inline markup such as a code span reads as it does elsewhere.
    """
    question = bold_question(paragraph.markdown, labels, numbered_task=True)
    if question is not None:
        return question
    return plain_question(paragraph.text, labels) or plain_question(paragraph.markdown, labels)


def _closing_blocks(runs: list[list[Block]], labels: LabelTable) -> list[Block]:
    """Return the blocks at the end of the last item that close the enclosing section rather than the item.

    ``runs`` holds the blocks of each item, the question first. The tail
    of an item is what follows its last labelled paragraph. The last
    item's tail from its first thematic break on belongs to the section,
    as a break ends a field. When the FAQ has several items and every
    field of the other items is its labelled paragraph alone, so is the
    last answer: its whole tail, such as "Still stuck? Contact support.",
    is the section's closing text that a reader sees after the last pair.
    """
    last = runs[-1]
    tail_start = _tail_start(last, labels)
    breaks = [index for index in range(tail_start, len(last)) if isinstance(last[index], ThematicBreak)]
    cut = breaks[0] if breaks else len(last)
    if len(runs) >= 2 and all(_fields_are_paragraphs(run, labels) for run in runs[:-1]):
        cut = tail_start
    return last[cut:]


def _tail_start(run: list[Block], labels: LabelTable) -> int:
    """Return the index after the last labelled paragraph of an item's blocks; its question counts as labelled."""
    for index in range(len(run) - 1, 0, -1):
        block = run[index]
        if isinstance(block, Paragraph) and labels.match(block.markdown) is not None:
            return index + 1
    return 1


def _fields_are_paragraphs(run: list[Block], labels: LabelTable) -> bool:
    """Return whether an item's blocks after its question are only labelled paragraphs and thematic breaks."""
    return all(
        isinstance(block, ThematicBreak) or (isinstance(block, Paragraph) and labels.match(block.markdown) is not None)
        for block in run[1:]
    )


def _is_field(block: Block, labels: LabelTable, key: str) -> bool:
    """Return whether a block is a paragraph that opens with a label of ``key``."""
    if not isinstance(block, Paragraph):
        return False
    found = labels.match(block.markdown)
    return found is not None and found.key == key


def _flat_item_starts(blocks: list[Block], labels: LabelTable, question_starts: list[int]) -> list[int]:
    """Return the indexes of the fields that open the items of a flat FAQ, or none when the blocks hold one Q&A pair at most.

    A flat FAQ puts several question and answer fields under one heading
    (``**Q:** …`` over ``**A:** …``, again and again). Each question field
    then opens an item, so that every pair is checked as one Q&A item. It
    takes two questions whose next field is an answer: a section with one
    question and one answer, such as a numbered item with ``**题目：**``
    and ``**答案：**``, is itself the item and keeps its fields.

    An answer field whose previous field is an answer too opens an item
    without a question. Its question was lost, and as a second answer of
    the item above, the field would be dropped without a trace, because a
    section keeps the first field of each key.

    ``question_starts`` are the question paragraphs that open items
    (``_question_starts``). Each of them is the question of the answer
    field after it.
    """
    # Two pairs take four paragraphs, and most sections have fewer: they are not matched against the labels.
    if sum(isinstance(block, Paragraph) for block in blocks) < 4:
        return []
    starts: list[int] = []
    answered = 0
    last_key: str | None = None
    # The last question or answer key: an explanation between a question and its answer leaves the pair answered.
    pair_key: str | None = None
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        found = labels.match(block.markdown)
        if found is None:
            # A question paragraph that opens an item (``**问：如何轮换密钥？**``, ``第1题：…``) is the question
            # of the answer that follows it. One that opens none, such as a sub-question under a question field
            # with text before its answer, must not count. Otherwise its answer would count as answered, and one
            # question field with two such answers would open a single item as large as its section, whose
            # blocks open that item again, without end.
            if index in question_starts:
                last_key = pair_key = "question"
            continue
        if found.key == "question":
            starts.append(index)
        elif found.key == "answer" and pair_key == "question":
            answered += 1
        elif found.key == "answer" and last_key == "answer":
            starts.append(index)
        last_key = found.key
        if found.key in ("question", "answer"):
            pair_key = found.key
    return starts if answered >= 2 else []


def _item_section(blocks: list[Block], level: int, labels: LabelTable, source: Source) -> Section:
    """Build the item that a question paragraph opens; the paragraph becomes its question field.

    The heading of a plain question (``第1题：…``) is its paragraph on one
    line, as for a question field of a flat FAQ, and so is its title. Its
    question field also spans the code and the options between the
    paragraph and the answer (``_question_blocks``), and its text goes on
    with the text of the options, as a labelled field's text goes on with
    its later paragraphs.
    """
    paragraph = blocks[0]
    assert isinstance(paragraph, Paragraph)
    question = _item_question(paragraph, labels)
    assert question is not None
    number, text, label = question
    title = " ".join(text.split()) if "\n" in text else text

    heading = paragraph.text.replace("**", "").replace("__", "").strip()
    if "\n" in heading:
        heading = " ".join(heading.split())
    field = Field("question", label, paragraph.line, paragraph.end_line, text)
    for block in _question_blocks(blocks[1:], labels):
        field.end_line = block.end_line
        if isinstance(block, Paragraph):
            field.text += "\n\n" + block.text
        elif isinstance(block, ListBlock):
            field.text += "\n\n" + "\n".join(item.text for item in block.items)

    raw_line = source.line_text(paragraph.line)
    section = Section(
        level=level,
        line=paragraph.line,
        end_line=paragraph.end_line,
        column=len(raw_line) - len(raw_line.lstrip(" \t")) + 1,
        heading=heading,
        number=number,
        title=title,
        kind="item",
        blocks=blocks[1:],
    )
    section.fields["question"] = field
    return section


def _field_item_section(blocks: list[Block], level: int, labels: LabelTable, source: Source) -> Section:
    """Build the item of a flat FAQ that its question field opens; the field stays among its blocks.

    The item's heading is the question without its label, on one line.
    """
    paragraph = blocks[0]
    assert isinstance(paragraph, Paragraph)
    found = labels.match(paragraph.markdown)
    assert found is not None
    heading = " ".join(strip_label(paragraph.text, found.label).split())
    number, title = split_number(heading)
    raw_line = source.line_text(paragraph.line)
    return Section(
        level=level,
        line=paragraph.line,
        end_line=paragraph.end_line,
        column=len(raw_line) - len(raw_line.lstrip(" \t")) + 1,
        heading=heading,
        number=number,
        title=title,
        kind="item",
        blocks=blocks,
    )


def _collect_fields(blocks: list[Block], labels: LabelTable) -> dict[str, Field]:
    """Find the labelled fields among a section's blocks.

    A field runs from its labelled paragraph to the next labelled paragraph,
    thematic break or the section's end. A key's first occurrence wins.
    """
    fields: dict[str, Field] = {}
    for found, field_blocks in _field_runs(blocks, labels):
        field = _read_field(found, field_blocks, labels)
        fields.setdefault(field.key, field)
    return fields


def _field_runs(blocks: list[Block], labels: LabelTable) -> list[tuple[LabelMatch, list[Block]]]:
    """Split a section's blocks into fields: each label match with its labelled paragraph and the blocks after it."""
    runs: list[tuple[LabelMatch, list[Block]]] = []
    current: list[Block] | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            found = labels.match(block.markdown)
            if found is not None:
                current = [block]
                runs.append((found, current))
                continue
        if isinstance(block, ThematicBreak):
            current = None
        elif current is not None:
            current.append(block)
    return runs


def _read_field(found: LabelMatch, blocks: list[Block], labels: LabelTable) -> Field:
    """Build a field from its labelled paragraph and the blocks after it.

    The items of the first list inside it become its steps. A paragraph
    between two items ends a Markdown list, so a later ordered list whose
    first number follows the last step's (``7.`` after ``6.``) adds its
    items to the steps. Without a list before them, numbered lines that
    Markdown reads as text (``1、``, ``（1）``, ``①``, see
    ``doclint.line_steps``) are the steps. A line inside an item that goes
    on counting in such a form (``2、`` after ``1.``) is a step of its own
    (``list_item_steps``). The other paragraphs are the field's text, and
    its code blocks are its ``code``.
    """
    labelled = blocks[0]
    assert isinstance(labelled, Paragraph)
    field = Field(found.key, found.label, labelled.line, labelled.end_line, "")
    line_steps = _field_line_steps(blocks, labels)
    texts: list[str] = []
    for index, block in enumerate(blocks):
        field.end_line = max(field.end_line, block.end_line)
        if line_steps is not None and index in line_steps.text_before:
            if not field.steps:
                field.steps += line_steps.steps
            texts.append(line_steps.text_before[index])
        elif index == 0:
            texts.append(strip_label(block.text, found.label))
        elif isinstance(block, ListBlock) and (not field.steps or continues_numbering(block, field.steps)):
            if not field.steps:
                line_steps = None
            for item in block.items:
                field.steps += list_item_steps(item)
        elif isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, CodeBlock) and block.text.strip():
            field.code.append(block)
    field.text = "\n\n".join(text for text in texts if text)
    return field


def _field_line_steps(blocks: list[Block], labels: LabelTable) -> LineSteps | None:
    """Read the steps that a field's paragraphs number line by line; their indexes are those of ``blocks``.

    The labelled paragraph's first line is read without its label. A
    paragraph whose plain text has a different number of lines than its
    source (a code span across a line break) is left out, because its
    lines cannot be paired.
    """
    indexes: list[int] = []
    paragraphs: list[LineParagraph] = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        if not has_marker(block.markdown) and not (index == 0 and may_mark(block.markdown.partition("\n")[0])):
            # Most paragraphs number no line, and the labelled one can hide a marker only after its label.
            continue
        markdown_lines = block.markdown.split("\n")
        label = None
        if index == 0:
            first = labels.match(markdown_lines[0])
            if first is None:
                continue
            markdown_lines[0], label = first.rest, first.label
        if not has_marker("\n".join(markdown_lines)):
            continue
        text_lines = block.text.split("\n")
        if len(markdown_lines) != len(text_lines):
            continue
        if label is not None:
            text_lines[0] = strip_label(text_lines[0], label)
        indexes.append(index)
        paragraphs.append(LineParagraph(block.line, markdown_lines, text_lines))

    found = read_line_steps(paragraphs)
    if found is None:
        return None
    found.text_before = {indexes[position]: text for position, text in found.text_before.items()}
    return found
