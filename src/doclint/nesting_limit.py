"""Recording the content that markdown-it drops because it is nested too deeply.

markdown-it stops at a nesting depth of ``maxNesting`` token levels (20 in
its CommonMark preset): a block quote adds one level, a list two (the list
and its item), an admonition or a content tab one. The block parser skips
everything inside a container at that depth, without a token or a
warning. A code block inside ten nested lists or twenty nested quotes is
never seen, and inside a list item neither is anything after it. The
limit protects the parser's recursion: each level is a few Python
frames, and thousands of nested quotes would exhaust the stack. doclint
keeps the limit, skips no more than the deep container's own lines, and
records them, so that ``code-not-checked`` can report them.
"""

from __future__ import annotations

from typing import Any, Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

DROPPED_KEY = "doclint_dropped_lines"
"""The key of the parse environment under which the dropped line ranges are recorded."""


def record_dropped_content(parser: MarkdownIt) -> MarkdownIt:
    """Make ``parser`` skip only the container's own lines at its nesting limit, and record them in its environment.

    markdown-it's ``ParserBlock.tokenize`` gives up when the state's level
    has reached ``maxNesting``: it skips to the end of its range. Inside a
    list item that range runs to the end of the document, so one item
    nested too deeply drops every later line of the file, headings and
    code included. The wrapper skips, in place of it, the lines that
    belong to the container at that depth: the blank lines and those
    indented at least to ``blkIndent``, where a normal ``tokenize`` stops
    too. It appends the skipped lines to ``env[DROPPED_KEY]`` as 0-based
    ``(first line, last line)`` with the 1-based column where the first
    line's content starts, after its quote markers and indentation.
    Nested rules call ``state.md.block.tokenize``, so every call goes
    through the wrapper.
    """
    tokenize: Callable[[StateBlock, int, int], None] = parser.block.tokenize
    max_nesting = parser.options.maxNesting

    def tokenize_within_limit(state: StateBlock, start_line: int, end_line: int) -> None:
        if state.level < max_nesting:
            tokenize(state, start_line, end_line)
            return
        first = state.skipEmptyLines(start_line)
        line, last = first, None
        while line < end_line and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
            if not state.isEmpty(line):
                last = line
            line += 1
        state.line = line
        if last is not None:
            content = state.bMarks[first] + state.tShift[first]
            column = content - (state.src.rfind("\n", 0, content) + 1) + 1
            state.env.setdefault(DROPPED_KEY, []).append((first, last, column))

    parser.block.tokenize = tokenize_within_limit  # type: ignore[method-assign]
    return parser


def dropped_lines(env: dict[str, Any], last_line: int) -> list[tuple[int, int, int]]:
    """Return the 1-based (first line, last line, column) of each range that the parse of ``env`` dropped, in order.

    Overlapping and adjacent ranges become one, with the column of the
    first, so a deep list whose many items each reach the limit gives one
    range. ``last_line`` is the document's last line: a range never ends
    after it.
    """
    merged: list[tuple[int, int, int]] = []
    for start, end, column in sorted(env.get(DROPPED_KEY, ())):
        first, last = start + 1, min(end + 1, last_line)
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last), merged[-1][2])
        else:
            merged.append((first, last, column))
    return merged
