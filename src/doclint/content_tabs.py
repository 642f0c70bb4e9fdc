"""A markdown-it block rule for the content tabs of pymdownx.tabbed, the tab syntax of mkdocs-material.

A tab opens with ``===`` and a quoted title, and its content is the lines
after it that are blank or indented by at least four more columns than
the ``===`` line::

    === "Python"

        ```python
        import acme
        ```

``===!`` starts a new tab group and ``===+`` selects the tab; the rule
keeps the marker as written. Without this rule, CommonMark reads the
``===`` line as a paragraph and the indented content as an indented code
block, so the fences inside are not parsed as fences.
mdit-py-plugins 0.7 has no rule for this syntax (its ``admon`` plugin
covers ``!!!`` and ``???`` only). This rule follows that plugin's form:
it emits ``tab_open`` and ``tab_close`` tokens around the content, with
the title in ``info``, and it runs inside the plugin's block rule.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

# pymdownx.tabbed's own pattern: three equals signs, the optional ! and +, spaces, a quoted title.
_TAB_START_RE = re.compile(r'={3}(?P<flags>!\+?|\+!?)? +"(?P<title>.*)" *$')

TAB_INDENT = 4
"""Columns by which a tab's content is indented past its ``===`` line."""


def content_tab(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Parse a content tab at ``start_line``: emit ``tab_open``, the tokens of its content and ``tab_close``."""
    if state.sCount[start_line] - state.blkIndent >= TAB_INDENT:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    found = _TAB_START_RE.match(state.src, start, state.eMarks[start_line])
    if found is None:
        return False
    if silent:
        return True

    content_indent = state.sCount[start_line] + TAB_INDENT
    stop = _content_end(state, start_line + 1, end_line, content_indent)

    old_parent, old_line_max, old_indent = state.parentType, state.lineMax, state.blkIndent
    state.parentType = "content_tab"
    state.lineMax = stop
    state.blkIndent = content_indent

    opening = state.push("tab_open", "div", 1)
    opening.markup = "===" + (found.group("flags") or "")
    opening.info = found.group("title")
    opening.block = True
    opening.map = [start_line, stop]
    state.md.block.tokenize(state, start_line + 1, stop)
    closing = state.push("tab_close", "div", -1)
    closing.markup = opening.markup
    closing.block = True

    state.parentType, state.lineMax, state.blkIndent = old_parent, old_line_max, old_indent
    state.line = stop
    return True


def _content_end(state: StateBlock, line: int, end_line: int, content_indent: int) -> int:
    """Return the line after a tab's content, which ends at its last non-blank line indented by ``content_indent``.

    The content stops at the first non-blank line indented less, or at
    ``end_line``. Blank lines inside the content belong to it, and those
    after its last line do not.
    """
    stop = line
    while line < end_line:
        if not state.isEmpty(line):
            if state.sCount[line] < content_indent:
                break
            stop = line + 1
        line += 1
    return stop


def content_tabs_plugin(parser: MarkdownIt) -> None:
    """Read content tabs in the ``admonition`` block rule of the admon plugin, which ``parser`` must already use.

    markdown-it tries each block rule at the start of every block and, for
    the rules that can end a paragraph, at every line of it. On the
    benchmark corpus a rule of its own for tabs added about 230,000 calls
    per 1,000 files (counted with markdown-it-py 4.3). Sharing the
    admonition rule, whose guard in ``doclint.block_guards`` accepts ``!``,
    ``?`` and ``=``, keeps that to one call per line for both syntaxes. A
    tab can end a paragraph, a list or a block quote wherever an
    admonition can.
    """
    rules = {rule.name: rule for rule in parser.block.ruler.__rules__}
    if "admonition" not in rules:
        raise ValueError("content_tabs_plugin needs the admonition rule: call parser.use(admon_plugin) before it")
    # Ruler.at replaces the function of the same Rule object, so the admonition function is kept here first.
    admonition, alt = rules["admonition"].fn, list(rules["admonition"].alt)

    def admonition_or_tab(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        position = state.bMarks[start_line] + state.tShift[start_line]
        if state.src.startswith("=", position):
            return content_tab(state, start_line, end_line, silent)
        return admonition(state, start_line, end_line, silent)

    parser.block.ruler.at("admonition", admonition_or_tab, {"alt": alt})
