"""MyST code directives: ```` ```{code-cell} ipython3 ```` and ```` ```{code-block} python ````.

Jupyter Book and jupytext's MyST format write a notebook's code cells as
fences whose info string is a directive in braces with the language as its
argument. The content may start with the directive's options, as
``:key: value`` lines or as a YAML block between two ``---`` lines, which
are not code. This module reads the language and counts those lines.
"""

from __future__ import annotations

import re

# Directives whose content is code in the language of their argument.
CODE_DIRECTIVES = frozenset({"code-cell", "code-block", "code", "sourcecode"})

_DIRECTIVE_RE = re.compile(r"^\{(?P<name>[\w-]+)\}(?:\s+(?P<argument>\S+))?")
_OPTION_RE = re.compile(r"^:[\w-]+:")
_YAML_FENCE = "---"


def directive_language(info: str) -> tuple[bool, str | None]:
    """Return whether an info string names a MyST code directive, and the language of its argument.

    ``{code-cell}`` without an argument takes the notebook kernel's
    language, which the fence does not name, so its language is None.
    """
    found = _DIRECTIVE_RE.match(info.strip())
    if found is None or found.group("name").lower() not in CODE_DIRECTIVES:
        return False, None
    argument = found.group("argument")
    return True, argument.lower() if argument else None


def option_line_count(text: str) -> int:
    """Return how many lines at the start of a directive's content are its options.

    The options are a YAML block that opens and closes with ``---``, or
    the ``:key: value`` lines before the first other line. A ``---`` that
    is never closed is taken as content, so no code is dropped.
    """
    lines = text.split("\n")
    if lines and lines[0].strip() == _YAML_FENCE:
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() == _YAML_FENCE:
                return index + 1
        return 0
    count = 0
    while count < len(lines) and _OPTION_RE.match(lines[count]):
        count += 1
    return count
