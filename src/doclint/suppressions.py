"""Inline suppressions: HTML comments that silence findings in one place.

- ``<!-- doclint-disable-next-line RULES -->`` silences findings that start on
  the next non-blank line, or anywhere in the code block that opens there.
- ``<!-- doclint-disable RULES -->`` ... ``<!-- doclint-enable RULES -->``
  silences findings that start between the two comments (to the end of the
  file when no enable follows).
- ``<!-- doclint-disable-file RULES -->`` silences findings anywhere in the file.

RULES are rule names or codes separated by commas or spaces; none means
every rule. A comment inside a code block or a code span is code, not a
suppression. The word after ``doclint-`` must be one of these four
directives in full. A comment with another word, such as
``doclint-disable-line``, or another spelling of a directive, such as
``doclint:disable``, silences nothing and is reported.

The engine calls ``apply_suppressions`` after the rules ran. It drops the
silenced findings and reports the comments that silence nothing or name
no rule. For a document that is only compared (``--compare-with``), the
engine calls ``unsilenced``, which applies the comments without judging them.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Collection, Iterable, Iterator, Mapping, NamedTuple, Sequence

from markdown_it.token import Token

from doclint.diagnostics import Diagnostic
from doclint.i18n import _
from doclint.model import Block, CodeBlock, Document, HtmlBlock, Paragraph, Section, Table

logger = logging.getLogger(__name__)

# The directive runs to the first space or to the comment's end, so that a
# misspelt one such as ``doclint-disable-line`` is not read as ``disable``.
# The second form catches other spellings of a directive (``DOCLINT-DISABLE``,
# ``doclint:disable``, ``doclint disable-next-line``), which silence nothing
# and are reported.
_COMMENT_RE = re.compile(
    r"<!--\s*(?P<directive>doclint-[^\s>]*?|(?i:doclint)[-_:\s\u2013\u2014]*(?i:disable|enable)(?:[-_][^\s>]*?)?)"
    r"(?P<rules>(?:\s[^>]*?)?)\s*-->"
)
_PREFIX = "doclint-"

_BLANK_RE = re.compile(r"[\s>]*")
"""A blank line, in a block quote too."""

DIRECTIVES = ("disable-next-line", "disable", "enable", "disable-file")
"""The directive words a suppression comment may have after ``doclint-``."""


@dataclass
class Suppression:
    kind: str
    """``disable-next-line``, ``disable``, ``disable-file`` (an ``enable`` closes a ``disable``)."""
    rules: frozenset[str]
    """Rule names and codes; empty means every rule."""
    line: int
    column: int
    start: int
    """First line silenced."""
    end: int
    """Last line silenced."""
    used: bool = field(default=False)

    def covers(self, diagnostic: Diagnostic) -> bool:
        in_rules = not self.rules or diagnostic.rule in self.rules or diagnostic.code in self.rules
        return in_rules and self.start <= diagnostic.line <= self.end


@dataclass(frozen=True)
class SuppressionComment:
    """One ``doclint-`` comment outside code blocks, as written."""

    kind: str
    """The directive word after ``doclint-``: one of ``DIRECTIVES``, or an unknown word that makes the comment silence nothing."""
    rules: frozenset[str]
    """The rule names and codes the comment lists; empty means every rule."""
    line: int
    column: int
    end_line: int
    """The line on which the comment ends."""
    written: str = ""
    """The directive as written, such as ``doclint:disable``, when it does not start with ``doclint-``."""

    @property
    def directive(self) -> str:
        """The directive as written: ``doclint-`` and the kind, or the other spelling."""
        return self.written or _PREFIX + self.kind

    @property
    def is_directive(self) -> bool:
        """Whether the comment's word after ``doclint-`` is one of ``DIRECTIVES``."""
        return self.kind in DIRECTIVES


def find_comments(document: Document) -> list[SuppressionComment]:
    """Find the suppression comments of a document, outside code blocks, in text order.

    A rule name or code in any letter case (``dl101``) is taken as the rule's own spelling.
    """
    from doclint.registry import known_spelling

    source = document.source
    matches = list(_COMMENT_RE.finditer(source.text))
    if not matches:
        return []

    blocks = list(_all_blocks(document))
    code_lines = {line for block in blocks if isinstance(block, CodeBlock) for line in range(block.line, block.end_line + 1)}
    html = _HtmlComments(document, blocks)
    comments = []
    for match in matches:
        line, column = source.position(match.start())
        if line in code_lines or not html.is_comment(line, match.group()):
            continue
        rules = frozenset(known_spelling(name) for name in re.split(r"[\s,]+", match.group("rules")) if name)
        end_line, _end_column = source.position(match.end())
        directive = match.group("directive")
        if directive.startswith(_PREFIX):
            comments.append(SuppressionComment(directive[len(_PREFIX):], rules, line, column, end_line))
        else:
            comments.append(SuppressionComment(directive, rules, line, column, end_line, written=directive))
    return comments


def parse_suppressions(document: Document, comments: Sequence[SuppressionComment] | None = None) -> list[Suppression]:
    """Return the suppressions of a document's comments (found with ``find_comments`` when not given), with the lines they cover."""
    if comments is None:
        comments = find_comments(document)
    if not comments:
        return []

    source = document.source
    code_blocks = _code_blocks(document)
    suppressions: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for comment in comments:
        kind, rules, line, column = comment.kind, comment.rules, comment.line, comment.column
        if not comment.is_directive:
            continue
        if kind == "enable":
            _close(open_ranges, rules, line)
            continue

        if kind == "disable-next-line":
            target = _next_content_line(document, comment.end_line)
            suppression = Suppression(kind, rules, line, column, target, code_blocks.get(target, target))
        elif kind == "disable-file":
            suppression = Suppression(kind, rules, line, column, 1, source.line_count)
        else:
            suppression = Suppression(kind, rules, line, column, line, source.line_count)
            open_ranges.append(suppression)
        suppressions.append(suppression)
    return suppressions


def lines_to_keep(document: Document, first: int, last: int) -> set[int]:
    """Return the lines from ``first`` to ``last`` that a fix removing those lines must keep.

    These are the lines of the suppression comments whose effect reaches
    outside them: a disable-next-line comment before the next section, a
    disable comment whose range goes on, a disable-file comment, and an
    enable comment that ends a range opened before. Removed with a copied
    section, such a comment would stop silencing findings that remain.
    Only comments with nothing else on their lines are kept, so that the
    lines kept contain no text of the copy.
    """
    source = document.source
    end = source.offset(last + 1) if last < source.line_count else len(source.text)
    if "doclint-" not in source.text[source.offset(first) : end]:
        return set()

    comments = find_comments(document)
    inside = [comment for comment in comments if first <= comment.line and comment.end_line <= last]
    if not inside:
        return set()

    suppressions = parse_suppressions(document, comments)
    reaching = {
        (suppression.line, suppression.column) for suppression in suppressions if suppression.start < first or suppression.end > last
    }
    closing = {suppression.end for suppression in suppressions if suppression.kind == "disable" and suppression.line < first}
    kept: set[int] = set()
    for comment in inside:
        reaches = (comment.line, comment.column) in reaching or (comment.kind == "enable" and comment.line in closing)
        lines = range(comment.line, comment.end_line + 1)
        if reaches and _only_comments(document, lines):
            kept.update(lines)
    return kept


def _only_comments(document: Document, lines: range) -> bool:
    """Return whether the lines contain nothing but doclint comments and white space."""
    text = "\n".join(document.source.line_text(line) for line in lines)
    return not _COMMENT_RE.sub("", text).strip()


def unknown_rules(comment: SuppressionComment, known: Collection[str]) -> list[str]:
    """Return the names a comment lists that are not in ``known`` (every rule's name and code), sorted.

    A comment matches findings by exact name or code, so a code prefix
    such as ``DL1`` or ``ALL``, which ``--select`` accepts, is unknown here too.
    """
    return sorted(comment.rules.difference(known))


class Applied(NamedTuple):
    """The findings of a run after its suppression comments were applied."""

    kept: list[Diagnostic]
    """The findings that no comment silences."""
    silenced: list[Diagnostic]
    """The findings that a comment silences."""
    reports: list[Diagnostic]
    """The unused-suppression findings about the comments, to which the caller applies the configuration as to ``kept``."""
    warnings: list[str]
    """The warning lines that stand in for those findings when unused-suppression did not run."""


def apply_suppressions(
    documents: Sequence[Document],
    diagnostics: list[Diagnostic],
    run: Collection[str],
    ignored_in: Mapping[str, Collection[str]] | None = None,
) -> Applied:
    """Drop suppressed findings, and report the suppression comments that silence nothing or name no rule.

    ``run`` contains the names of the rules that ran. The comments get
    unused-suppression findings when that rule is in ``run``, and warning
    lines when it is not (see ``_comment_reports``). ``ignored_in`` maps a
    document's path to the names of the rules whose findings the
    configuration drops in that document (per-file-ignores). A comment
    for such a rule is not judged there, as if the rule had not run.
    """
    from doclint.registry import all_rules
    from doclint.rules.suppression import UNUSED_SUPPRESSION

    comments = {document.path: find_comments(document) for document in documents}
    by_path = {document.path: (document, parse_suppressions(document, comments[document.path])) for document in documents}
    kept, silenced = _split(diagnostics, {path: suppressions for path, (_document, suppressions) in by_path.items()})

    known = {name: rule.name for rule in all_rules() for name in (rule.name, rule.code)}
    judged = frozenset(run) if UNUSED_SUPPRESSION.name in run else None
    reports: list[Diagnostic] = []
    warnings: list[str] = []
    for document, suppressions in by_path.values():
        judged_here = judged.difference((ignored_in or {}).get(document.path, ())) if judged is not None else None
        findings, document_warnings = _comment_reports(document, comments[document.path], suppressions, known, judged_here)
        reports.extend(findings)
        warnings.extend(document_warnings)
    return Applied(kept, silenced, reports, warnings)


def unsilenced(documents: Sequence[Document], diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Return the findings that no suppression comment of their document silences.

    This is for findings in documents that are compared but not reported
    on (``--compare-with``): it reads their comments without judging
    them, so nothing is reported about a comment there.
    """
    by_path = {document.path: parse_suppressions(document) for document in documents}
    kept, _silenced = _split(diagnostics, by_path)
    return kept


def _split(
    diagnostics: Sequence[Diagnostic], suppressions_by_path: Mapping[str, Sequence[Suppression]]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Return the findings that no suppression of their document silences, and those that one does."""
    kept = []
    silenced = []
    for diagnostic in diagnostics:
        if _silence(diagnostic, suppressions_by_path[diagnostic.path]):
            silenced.append(diagnostic)
        else:
            kept.append(diagnostic)
    return kept, silenced


def _comment_reports(
    document: Document,
    comments: Sequence[SuppressionComment],
    suppressions: Sequence[Suppression],
    known: Mapping[str, str],
    judged: frozenset[str] | None,
) -> tuple[list[Diagnostic], list[str]]:
    """Return the unused-suppression findings of one document's comments, or the warnings about them.

    ``known`` maps every rule's name and code to its name. ``judged``
    contains the names of the rules that ran when unused-suppression ran
    too, and is None when it did not.

    A comment with an unknown directive, or one that names no rule (a name
    or code not in ``known``), misleads its author into thinking that a
    finding is silenced. So each such directive or name is reported whether
    or not unused-suppression is selected. It becomes
    a finding of that rule when the rule is selected, and otherwise a
    warning line, which leaves the exit status as it is. A comment that
    silences nothing gets a finding only when the rule is selected
    (``_unused_reports``). Other comments silence these findings as they
    silence any rule's.
    """
    from doclint.rules.suppression import UNUSED_SUPPRESSION

    findings = []
    warnings = []
    for comment in comments:
        for message in _comment_problems(comment, known):
            if judged is not None:
                findings.append(UNUSED_SUPPRESSION.diagnostic(document, comment.line, comment.line, message, comment.column))
            else:
                warnings.append(_("{path}:{line}: {message}").format(path=document.path, line=comment.line, message=message))
    if judged is None:
        return findings, warnings

    findings = [finding for finding in findings if not _silence(finding, suppressions)]
    return findings + _unused_reports(document, suppressions, known, judged), warnings


def _unused_reports(
    document: Document, suppressions: Sequence[Suppression], known: Mapping[str, str], judged: frozenset[str]
) -> list[Diagnostic]:
    """Return the unused-suppression findings about the suppressions that silence nothing and that ``_is_judged`` accepts.

    A comment for unused-suppression is used when it silences such a
    finding about another comment. So the findings are made first, and a
    finding about a comment that silences another one is then dropped.
    The message lists only the known names, because each unknown name has
    a finding of its own.
    """
    from doclint.rules.suppression import UNUSED_SUPPRESSION

    candidates = []
    for suppression in suppressions:
        if suppression.used or not _is_judged(suppression, known, judged):
            continue
        names = ", ".join(sorted(suppression.rules.intersection(known))) or _("all rules")
        message = _("this doclint-{kind} comment for {rules} silences no finding; remove it").format(
            kind=suppression.kind, rules=names
        )
        finding = UNUSED_SUPPRESSION.diagnostic(document, suppression.line, suppression.line, message, suppression.column)
        candidates.append((suppression, finding))

    reported = [(suppression, finding) for suppression, finding in candidates if not _silence(finding, suppressions)]
    return [finding for suppression, finding in reported if not suppression.used]


def _silence(diagnostic: Diagnostic, suppressions: Sequence[Suppression]) -> bool:
    """Return whether any of the suppressions silences a finding, and mark each one that does as used.

    A comment never silences the unused-suppression finding about itself,
    which is the one at its own line and column. Otherwise a comment for
    unused-suppression that silences nothing would hide the finding that
    reports it.
    """
    from doclint.rules.suppression import UNUSED_SUPPRESSION

    about_comment_at = (diagnostic.line, diagnostic.column) if diagnostic.code == UNUSED_SUPPRESSION.code else None
    covering = [
        suppression
        for suppression in suppressions
        if suppression.covers(diagnostic) and (suppression.line, suppression.column) != about_comment_at
    ]
    for suppression in covering:
        suppression.used = True
    if covering:
        logger.debug("%s:%d: %s suppressed by a comment", diagnostic.path, diagnostic.line, diagnostic.rule)
    return bool(covering)


def _is_judged(suppression: Suppression, known: Mapping[str, str], judged: frozenset[str]) -> bool:
    """Return whether every rule that a suppression names is in ``judged``, so that silencing nothing shows it is unused.

    A comment for a rule that did not run may silence that rule's findings
    in a run that selects it. A comment for every rule needs every rule to
    have run. A comment whose names are all unknown is not judged either,
    because its unknown names already have findings.
    """
    if not suppression.rules:
        return judged.issuperset(known.values())

    named = {known[name] for name in suppression.rules if name in known}
    return bool(named) and judged.issuperset(named)


def _comment_problems(comment: SuppressionComment, known: Mapping[str, str]) -> list[str]:
    """Return the messages about a comment's unknown directive, or else about each rule name it lists that is not in ``known``.

    A comment with an unknown directive silences nothing whatever it lists,
    so its names are not checked.
    """
    if not comment.is_directive:
        directives = ", ".join(f"doclint-{directive}" for directive in DIRECTIVES)
        message = _(
            "'{directive}' is not a doclint directive, so this comment silences nothing; use one of {directives}"
        ).format(directive=comment.directive, directives=directives)
        return [message]

    return [
        _(
            "this doclint-{kind} comment names {rule!r}, which is not a rule name or code, so the comment ignores it; "
            "correct the name (`doclint rules` lists the rules)"
        ).format(kind=comment.kind, rule=rule)
        for rule in unknown_rules(comment, known)
    ]


def _close(open_ranges: list[Suppression], rules: frozenset[str], line: int) -> None:
    """End the open disable ranges that an enable comment names (all of them when it names none)."""
    for suppression in list(open_ranges):
        if not rules or suppression.rules & rules or not suppression.rules:
            suppression.end = line
            open_ranges.remove(suppression)


def _next_content_line(document: Document, line: int) -> int:
    """Return the first line after ``line`` with content, or the last line.

    A line of only ``>`` markers is blank too, because it is the blank
    line of a block quote.
    """
    source = document.source
    candidate = line + 1
    while candidate <= source.line_count and _BLANK_RE.fullmatch(source.line_text(candidate)):
        candidate += 1
    return min(candidate, source.line_count)


def _code_blocks(document: Document) -> dict[int, int]:
    """Map the first line of each code block of a document to its last line."""
    return {block.line: block.end_line for block in _all_blocks(document) if isinstance(block, CodeBlock)}


def _all_blocks(document: Document) -> Iterator[Block]:
    """Yield every block of a document, those inside lists and block quotes too."""

    def visit(blocks: Iterable[Block]) -> Iterator[Block]:
        for block in blocks:
            yield block
            yield from visit(getattr(block, "blocks", ()))
            for item in getattr(block, "items", ()):
                yield from visit(item.blocks)

    yield from visit(document.blocks)
    for section in document.walk():
        yield from visit(section.blocks)


class _HtmlComments:
    """Tell the HTML comments of a document from text that only looks like one, such as a comment quoted in a code span.

    markdown-it reads ``<!-- ... -->`` as HTML in an HTML block, or as
    inline HTML in a paragraph, a heading or a table cell, unless a code
    span takes it first (`` `<!-- doclint-disable -->` `` is text). When a
    comment-like text starts in a block, the block's inline spans are
    parsed with markdown-it. A table row is parsed cell by cell, because
    the table rule splits it before the inline parse. Each inline HTML
    comment found is matched to one such text of the same characters, in
    order.
    """

    def __init__(self, document: Document, blocks: Sequence[Block]):
        self.source = document.source
        self.html_blocks = [(block.line, block.end_line) for block in blocks if isinstance(block, HtmlBlock)]
        self.tables = {(block.line, block.end_line) for block in blocks if isinstance(block, Table)}
        self.inline_blocks = [(block.line, block.end_line) for block in blocks if isinstance(block, (Paragraph, Table))]
        self.inline_blocks += [(section.line, self._heading_end(section)) for section in document.walk()]
        self.unmatched: dict[tuple[int, int], Counter[str]] = {}

    def is_comment(self, line: int, text: str) -> bool:
        """Return whether ``text``, which starts on ``line``, is an HTML comment for markdown-it."""
        span = next((span for span in self.inline_blocks if span[0] <= line <= span[1]), None)
        if span is None:
            return any(start <= line <= end for start, end in self.html_blocks)

        if span not in self.unmatched:
            self.unmatched[span] = self._inline_comments(span)
        unmatched = self.unmatched[span]
        if unmatched[text] <= 0:
            return False
        unmatched[text] -= 1
        return True

    def _heading_end(self, section: Section) -> int:
        """Return the last line of a heading's text: its own line, or the line above a setext heading's underline."""
        if not section.setext:
            return section.line
        line = section.line
        while line < section.end_line and not _SETEXT_UNDERLINE_RE.fullmatch(self.source.line_text(line + 1)):
            line += 1
        return line

    def _inline_comments(self, span: tuple[int, int]) -> Counter[str]:
        """Count the inline HTML comments that markdown-it finds in the lines of one block."""
        lines = [self.source.line_text(line) for line in range(span[0], span[1] + 1)]
        if span in self.tables:
            spans = [cell for line in lines for cell in _TABLE_PIPE_RE.split(line)]
        else:
            spans = ["\n".join(lines)]
        return Counter(comment for text in spans for comment in _html_comments_in(text))


_SETEXT_UNDERLINE_RE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")

_TABLE_PIPE_RE = re.compile(r"(?<!\\)\|")
"""A pipe that separates table cells: one without a backslash before it."""


def _html_comments_in(text: str) -> Iterator[str]:
    """Yield the HTML comments that markdown-it's inline parser finds in ``text``."""
    from doclint.parse import markdown_parser

    parser = markdown_parser()
    tokens: list[Token] = []
    parser.inline.parse(text, parser, {}, tokens)
    yield from (token.content for token in tokens if token.type == "html_inline" and token.content.startswith("<!--"))
