"""The plain text of an inline Markdown span, parsing inline markup only where it can change the text.

The section tree keeps, for each paragraph, heading and table cell, the
text shown to a reader: markup dropped, each line break kept as ``\\n``.
The inline phase of markdown-it costs about as much as the block phase
(1.7 s against 1.5 s on the 1,000-document benchmark corpus), yet most
inline spans of a Q&A document are plain text, or plain text after one
bold label (``**答案：** B``). Those two shapes are read here directly;
every other span goes through markdown-it's own inline parser, so the
result is the one markdown-it gives.

The direct reading follows CommonMark's inline rules for exactly these
shapes (the rules for line breaks, and for a ``**`` pair at the start of a
span) and uses markdown-it's own character classes. A property test
compares it with markdown-it's inline parser on generated spans.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.token import Token

# Characters that open an inline rule of CommonMark markdown-it: escape,
# code span, emphasis, link or image, autolink or HTML, entity. A span
# without them is text and line breaks (``!`` opens an image only before ``[``).
_MARKUP_RE = re.compile(r"[\\`*_\[<&]")

# A span that opens with ``**label**`` on its first line; the label contains no markup.
_LEADING_STRONG_RE = re.compile(r"\*\*(?P<inner>[^\\`*_\[<&\n]+)\*\*")


def inline_plain_text(content: str, parser: MarkdownIt, env: dict[str, Any]) -> str:
    """Return the plain text of an inline span: markup dropped, each line break a ``\\n``.

    ``env`` is the environment of the block parse, which contains the link
    reference definitions that a span may use.
    """
    if not _MARKUP_RE.search(content):
        return _join_lines(content)

    strong = _LEADING_STRONG_RE.match(content)
    if strong is not None and not _MARKUP_RE.search(content, strong.end()):
        inner = strong.group("inner")
        rest = content[strong.end():]
        if _opens(inner[0]) and _closes(inner[-1], rest[:1] or " "):
            return _join_lines(inner + rest)
        return _join_lines(content)

    children: list[Token] = []
    parser.inline.parse(content, parser, env, children)
    return token_text(children)


def token_text(children: list[Token]) -> str:
    """Return the plain text of parsed inline tokens: markup dropped, line breaks kept."""
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "image":
            parts.append(token_text(child.children or []))
    return "".join(parts)


def _join_lines(content: str) -> str:
    """Apply CommonMark's line-break rule to markup-free text.

    Spaces before a line break are dropped (two or more make a hard
    break, which reads the same in plain text), and so are spaces and tabs
    at the start of the next line.
    """
    if "\n" not in content:
        return content
    first, *rest = content.split("\n")
    lines = [first.rstrip(" ")]
    lines.extend(line.lstrip(" \t").rstrip(" ") for line in rest[:-1])
    lines.append(rest[-1].lstrip(" \t"))
    return "\n".join(lines)


def _opens(first: str) -> bool:
    """Return whether ``**`` at the start of a span, followed by ``first``, can open emphasis."""
    return not isWhiteSpace(ord(first))


def _closes(before: str, after: str) -> bool:
    """Return whether ``**`` between ``before`` and ``after`` can close emphasis (it is right-flanking)."""
    if isWhiteSpace(ord(before)):
        return False
    if not _is_punctuation(before):
        return True
    return isWhiteSpace(ord(after)) or _is_punctuation(after)


@lru_cache(maxsize=4096)
def _is_punctuation(char: str) -> bool:
    """Return whether CommonMark counts a character as punctuation (cached: a label's last character repeats)."""
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)
