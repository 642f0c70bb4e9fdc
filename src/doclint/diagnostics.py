"""Findings: small immutable records that every reporter reads.

Lines and columns are 1-based and columns count Unicode code points.
``end_column`` is exclusive: it is the column just after the last character
of the span, as in SARIF regions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from doclint.i18n import N_, _

SEVERITY_LABELS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The severity's name in the selected language."""
        return _(SEVERITY_LABELS[self.value])

    @property
    def rank(self) -> int:
        """Ordering for thresholds and sorting: a larger rank is more severe."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class RelatedLocation:
    """Another place a finding refers to, such as the first copy of a duplicate."""

    path: str
    line: int
    column: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the decoded source with ``replacement``.

    Offsets count characters of ``Source.text``. A pure deletion has an
    empty replacement and a pure insertion has ``start == end``.
    """

    start: int
    end: int
    replacement: str


class Applicability(str, Enum):
    SAFE = "safe"
    """Keeps the meaning of the document; ``--fix`` applies it."""
    UNSAFE = "unsafe"
    """May change what the document says; applied only with ``--unsafe-fixes``."""


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str
    """Short description of the change, such as "remove this copy (lines 265-277)"."""

    def to_json(self, source: Any) -> dict[str, Any]:
        edits = []
        for edit in self.edits:
            line, column = source.position(edit.start)
            end_line, end_column = source.position(edit.end)
            edits.append(
                {
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column,
                    "start": edit.start,
                    "end": edit.end,
                    "replacement": edit.replacement,
                }
            )
        return {"applicability": self.applicability.value, "message": self.message, "edits": edits}


def is_applicable(fix: Fix | None, unsafe: bool) -> bool:
    """Return whether ``--fix`` applies a fix: a safe one always, an unsafe one with ``--unsafe-fixes``."""
    if fix is None:
        return False
    return fix.applicability is Applicability.SAFE or unsafe


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    related: tuple[RelatedLocation, ...] = ()
    fix: Fix | None = None

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)

    def to_json(self, source: Any = None) -> dict[str, Any]:
        """Return the JSON form; ``source`` (the document's Source) is needed to place fix edits."""
        fix = self.fix.to_json(source) if self.fix is not None and source is not None else None
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "related": [location.to_json() for location in self.related],
            "fix": fix,
        }


def describe_location(path: str, line: int, origin_path: str) -> str:
    """Return "line 174" for a place in the origin's file, else "line 174 of other.md"."""
    if path == origin_path:
        return _("line {line}").format(line=line)
    return _("line {line} of {path}").format(line=line, path=path)
