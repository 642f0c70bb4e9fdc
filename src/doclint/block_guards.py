"""Quick rejection guards in front of markdown-it's block rules.

markdown-it tries its block rules in order at the start of every block,
and every rule that can end a paragraph again at each of its lines. Most
rules accept a line only when its first character is their marker: ``#``
for an ATX heading, ``>`` for a block quote, ``-``, ``*``, ``+`` or a digit
for a list item. Each attempt still costs a call, a debug log call and an
indentation check before the rule looks at that character. A guard checks
the character first and calls the rule only when the rule could accept it.
Every rule still decides every line it could match, so the tokens do not
change: a test parses the fixtures and generated Markdown both ways. On the
benchmark corpus the block parse took about 1.45 s without the guards and
about 1.2 s with them.

The guards go through markdown-it's own way of replacing a rule,
``Ruler.at``, with each rule's place and the chains it can end.
"""

from __future__ import annotations

from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

BlockRule = Callable[[StateBlock, int, int, bool], bool]

# The first characters that each rule can accept, from the CommonMark spec and
# markdown-it's rules: fences, block quotes, thematic breaks, list markers,
# link reference definitions, HTML blocks and ATX headings; admonition
# markers (``!!!``, ``???``) and the content tab marker (``===``), which
# doclint.content_tabs reads in the admonition rule.
FIRST_CHARACTERS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    "admonition": "!?=",
}

# The characters that can start the delimiter row of a table, the line after its header.
TABLE_DELIMITER_START = "|-:"


def guard_block_rules(parser: MarkdownIt) -> MarkdownIt:
    """Put a guard in front of each block rule of ``parser`` that has one, and return the parser.

    Rules without a guard (indented code, setext headings, paragraphs and
    any rule a plugin adds other than front matter and admonitions) are
    left as they are.
    """
    ruler = parser.block.ruler
    for rule in list(ruler.__rules__):
        guarded = _guarded(rule.name, rule.fn)
        if guarded is not None:
            ruler.at(rule.name, guarded, {"alt": list(rule.alt)})
    return parser


def _guarded(name: str, rule: BlockRule) -> BlockRule | None:
    """Return ``rule`` behind the guard for its name, or None when the name has none."""
    if name in FIRST_CHARACTERS:
        return _first_character_guard(rule, FIRST_CHARACTERS[name])
    if name == "table":
        return _table_guard(rule)
    if name == "front_matter":
        return _first_line_guard(rule)
    return None


def _first_character_guard(rule: BlockRule, characters: str) -> BlockRule:
    """Call ``rule`` only when the line's first character after its indentation is one of ``characters``.

    The rules read that character as ``state.src[pos]`` even at the end of
    an empty line, so the guard reads it the same way and rejects exactly
    the lines that the rule would reject on it.
    """

    def guarded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        position = state.bMarks[start_line] + state.tShift[start_line]
        if position < len(state.src) and state.src[position] not in characters:
            return False
        return rule(state, start_line, end_line, silent)

    return guarded


def _table_guard(rule: BlockRule) -> BlockRule:
    """Call the table rule only when a next line exists and starts like a delimiter row (``|``, ``-`` or ``:``)."""

    def guarded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        next_line = start_line + 1
        if next_line >= end_line:
            return False
        position = state.bMarks[next_line] + state.tShift[next_line]
        if position >= state.eMarks[next_line] or state.src[position] not in TABLE_DELIMITER_START:
            return False
        return rule(state, start_line, end_line, silent)

    return guarded


def _first_line_guard(rule: BlockRule) -> BlockRule:
    """Call the front matter rule only on the document's first line, the only line where front matter can start."""

    def guarded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if start_line != 0:
            return False
        return rule(state, start_line, end_line, silent)

    return guarded
