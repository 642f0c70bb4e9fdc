"""TOML front matter: a block between two ``+++`` lines at the top of a document, as Hugo and Zola write it.

markdown-it's front matter plugin reads only YAML between ``---`` lines,
so without this rule a TOML block would be read as paragraphs of the
first section. The rule makes the same ``front_matter`` token as the YAML
plugin, with ``+++`` as its markup. The block starts only on the first
line of the document, with ``+++`` at column 0, and ends at the next line
that is ``+++`` at column 0, so a ``+++`` further down is text. An
opening ``+++`` with no closing line is no front matter, as an unclosed
``---`` is not.

The keys of a TOML block are read with ``tomllib`` (``tomli`` on Python
3.10). ``tomllib`` gives no positions, so ``key_line`` finds the line of
a top-level key by checking each line that looks like its assignment
with ``tomllib`` itself.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

TOML_MARKER = "+++"

_PROBE_KEY = "doclint-probe-key"
"""A key that a front matter is unlikely to have, added after a prefix of the text to test whether it ends at the top level."""


def toml_front_matter_plugin(md: MarkdownIt) -> None:
    """Add the rule that reads a ``+++`` block at the top of a document as front matter."""
    md.block.ruler.before("table", "toml_front_matter", _toml_front_matter_rule)


def _toml_front_matter_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if start_line != 0 or not _is_marker(state, 0):
        return False
    closing = next((line for line in range(1, end_line) if _is_marker(state, line)), None)
    if closing is None:
        return False
    if silent:
        return True

    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.markup = TOML_MARKER
    # Between the marker lines, without the last line break; empty when the markers are adjacent.
    token.content = state.src[state.bMarks[1] : state.eMarks[closing - 1]]
    token.block = True
    token.map = [0, closing + 1]
    state.line = closing + 1
    return True


def _is_marker(state: StateBlock, line: int) -> bool:
    """Return whether a line is ``+++`` at column 0, with nothing after it but spaces or tabs."""
    return state.src[state.bMarks[line] : state.eMarks[line]].rstrip(" \t") == TOML_MARKER


def toml_data(text: str) -> dict[str, Any]:
    """Return the table of a TOML text. Raises ``tomllib.TOMLDecodeError`` for text that is not valid TOML."""
    return _tomllib().loads(text)


def key_line(text: str, key: str, first_line: int) -> int | None:
    """Return the line of the last top-level ``key`` of a valid TOML text that starts at ``first_line``, or None.

    A line that assigns the key (``key =``, ``"key" =``, ``'key' =`` or ``key.sub =``)
    could also be inside a multi-line string or array, or follow a
    ``[table]`` header, which makes it a key of that table. The text
    before it tells: that text parses, and a probe key added after it
    lands in the top-level table, only when the line starts a top-level
    statement. A table header that the key starts (``[key]``,
    ``[[key]]``, ``[key.sub]``) counts where the text before it parses.
    """
    tomllib = _tomllib()
    name = r"(?:{0}|\"{0}\"|'{0}')".format(re.escape(key))
    # The key, bare or quoted, then "=" or the "." of a dotted key such as key.sub = 1.
    pattern = re.compile(r"[ \t]*{0}[ \t]*[=.]".format(name))
    # A table header that the key starts: [key], [key.sub], [[key]] or [[key.sub]].
    header = re.compile(r"[ \t]*\[\[?[ \t]*{0}[ \t]*[\].]".format(name))
    lines = text.split("\n")
    found = None
    for index, line in enumerate(lines):
        is_header = bool(header.match(line))
        if not (is_header or pattern.match(line)):
            continue
        prefix = "\n".join(lines[:index])
        try:
            table = tomllib.loads(f'{prefix}\n"{_PROBE_KEY}" = 0\n')
        except tomllib.TOMLDecodeError:
            continue
        # A header always opens a table of the top level, so only its place at the start of a statement matters.
        if is_header or _PROBE_KEY in table:
            found = first_line + index
    return found


def toml_decode_error() -> type[Exception]:
    """Return the exception class that ``toml_data`` raises for invalid TOML."""
    return _tomllib().TOMLDecodeError


def _tomllib() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - depends on the Python that runs the tests
        import tomli as tomllib
    return tomllib
