"""Inline suppressions: HTML comments that silence findings in one place.

- ``<!-- doclint-disable-next-line RULES -->`` silences findings that start on
  the next non-blank line, or anywhere in the code block that opens there.
- ``<!-- doclint-disable RULES -->`` ... ``<!-- doclint-enable RULES -->``
  silences findings that start between the two comments (to the end of the
  file when no enable follows).
- ``<!-- doclint-disable-file RULES -->`` silences findings anywhere in the file.

RULES are rule names or codes separated by commas or spaces; none means
every rule. A comment inside a code block is code, not a suppression.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from doclint.diagnostics import Diagnostic
from doclint.model import CodeBlock, Document

logger = logging.getLogger(__name__)

_COMMENT_RE = re.compile(
    r"<!--\s*doclint-(?P<kind>disable-next-line|disable-file|disable|enable)\b(?P<rules>[^>]*?)\s*-->"
)


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


def parse_suppressions(document: Document) -> list[Suppression]:
    """Find the suppression comments of a document, outside code blocks, with the lines they cover."""
    source = document.source
    code_blocks = _code_blocks(document)
    code_lines = {line for start, end in code_blocks.items() for line in range(start, end + 1)}
    suppressions: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for match in _COMMENT_RE.finditer(source.text):
        line, column = source.position(match.start())
        if line in code_lines:
            continue
        kind = match.group("kind")
        rules = frozenset(filter(None, re.split(r"[\s,]+", match.group("rules"))))
        if kind == "enable":
            _close(open_ranges, rules, line)
            continue

        end_line, _ = source.position(match.end())
        if kind == "disable-next-line":
            target = _next_content_line(document, end_line)
            suppression = Suppression(kind, rules, line, column, target, code_blocks.get(target, target))
        elif kind == "disable-file":
            suppression = Suppression(kind, rules, line, column, 1, source.line_count)
        else:
            suppression = Suppression(kind, rules, line, column, line, source.line_count)
            open_ranges.append(suppression)
        suppressions.append(suppression)
    return suppressions


def _close(open_ranges: list[Suppression], rules: frozenset[str], line: int) -> None:
    """End the open disable ranges that an enable comment names (all of them when it names none)."""
    for suppression in list(open_ranges):
        if not rules or suppression.rules & rules or not suppression.rules:
            suppression.end = line
            open_ranges.remove(suppression)


def _next_content_line(document: Document, line: int) -> int:
    source = document.source
    candidate = line + 1
    while candidate <= source.line_count and not source.line_text(candidate).strip():
        candidate += 1
    return min(candidate, source.line_count)


def _code_blocks(document: Document) -> dict[int, int]:
    """Map the first line of each code block of a document to its last line."""
    ends: dict[int, int] = {}

    def visit(blocks):
        for block in blocks:
            if isinstance(block, CodeBlock):
                ends[block.line] = block.end_line
            for child in getattr(block, "blocks", ()):
                visit([child])
            for item in getattr(block, "items", ()):
                visit(item.blocks)

    visit(document.blocks)
    for section in document.walk():
        visit(section.blocks)
    return ends
