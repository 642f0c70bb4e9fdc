"""Detection of syntax from a newer Python than the one that runs doclint.

``ast.parse`` accepts only the grammar of the running Python, so on 3.11 a
snippet with type parameters fails to parse as if it were broken. LibCST
parses the grammar of every Python 3 version up to its own release, and its
tree shows which newer syntax the snippet uses. A snippet that LibCST
cannot parse either, or that uses no syntax newer than the running Python,
is broken.

Importing LibCST takes about 0.2 s (measured on Python 3.11), and the
running Python parses nearly every snippet, so callers import this module
only after a parse fails.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

import libcst

from doclint.i18n import N_

logger = logging.getLogger(__name__)

Version = tuple[int, int]


@dataclass(frozen=True)
class NewerSyntax:
    """Syntax that the running Python lacks, and the first Python that has it."""

    version: Version
    feature: str
    """Description of the syntax, such as ``type parameters``, marked for translation with ``N_``."""

    @property
    def version_text(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"


def running_version() -> Version:
    return (sys.version_info[0], sys.version_info[1])


def newer_syntax(source: str, running: Version | None = None) -> NewerSyntax | None:
    """Return the newest syntax in ``source`` that Python ``running`` lacks, or None.

    ``running`` defaults to the Python that runs doclint. The result is None
    as well when LibCST cannot parse the source, because then the source is
    broken in every Python version that LibCST supports.
    """
    try:
        module = libcst.parse_module(source)
    except libcst.ParserSyntaxError:
        return None
    except Exception as error:  # LibCST's parser is native code, so any failure means "unknown".
        logger.debug("LibCST could not parse a snippet (%s: %s)", type(error).__name__, error)
        return None

    finder = _FeatureFinder(module)
    try:
        module.visit(finder)
    except RecursionError:
        logger.debug("LibCST's visitor ran out of stack on a snippet")
        return None
    limit = running or running_version()
    newer = [found for found in finder.found if found.version > limit]
    return max(newer, key=lambda found: found.version) if newer else None


class _FeatureFinder(libcst.CSTVisitor):
    """Records every piece of syntax that some Python 3 version after 3.10 added."""

    def __init__(self, module: libcst.Module) -> None:
        super().__init__()
        self.module = module
        self.found: list[NewerSyntax] = []
        self.quotes: list[str] = []
        """The quotes of the f-strings around the node being visited, outermost first."""

    def _add(self, version: Version, feature: str) -> None:
        self.found.append(NewerSyntax(version, feature))

    def visit_TryStar(self, node: libcst.TryStar) -> None:
        self._add((3, 11), N_("except* (exception groups)"))

    def visit_Index(self, node: libcst.Index) -> None:
        if node.star == "*":
            self._add((3, 11), N_("a starred expression in a subscript"))

    def visit_Param(self, node: libcst.Param) -> None:
        if node.annotation is not None and isinstance(node.annotation.annotation, libcst.StarredElement):
            self._add((3, 11), N_("a starred annotation on *args"))

    def visit_TypeAlias(self, node: libcst.TypeAlias) -> None:
        self._add((3, 12), N_("the type statement"))

    def visit_TypeParameters(self, node: libcst.TypeParameters) -> None:
        self._add((3, 12), N_("type parameters"))

    def visit_TypeParam(self, node: libcst.TypeParam) -> None:
        if node.default is not None:
            self._add((3, 13), N_("a type parameter default"))

    def visit_FormattedString(self, node: libcst.FormattedString) -> None:
        self.quotes.append(node.quote)

    def leave_FormattedString(self, original_node: libcst.FormattedString) -> None:
        self.quotes.pop()

    def visit_FormattedStringExpression(self, node: libcst.FormattedStringExpression) -> None:
        """Before 3.12 the braces of an f-string could not hold its own quote, ``\\``, ``#`` or a line break."""
        code = self.module.code_for_node(node.expression)
        one_line = len(self.quotes[-1]) == 1
        if any(quote in code for quote in self.quotes) or "\\" in code or "#" in code or (one_line and "\n" in code):
            self._add((3, 12), N_("quotes, backslashes, comments or line breaks inside an f-string's braces"))

    def visit_TemplatedString(self, node: libcst.TemplatedString) -> None:
        self._add((3, 14), N_("a template string (t-string)"))

    def visit_ExceptHandler(self, node: libcst.ExceptHandler) -> None:
        self._check_bare_tuple(node.type)

    def visit_ExceptStarHandler(self, node: libcst.ExceptStarHandler) -> None:
        self._check_bare_tuple(node.type)

    def _check_bare_tuple(self, kind: libcst.BaseExpression | None) -> None:
        if isinstance(kind, libcst.Tuple) and not kind.lpar:
            self._add((3, 14), N_("several exception types without parentheses"))
