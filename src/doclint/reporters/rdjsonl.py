"""``--format rdjsonl``: reviewdog's diagnostic format, one JSON object per line.

reviewdog (``reviewdog -f=rdjsonl``) posts each finding as a review
comment on the lines it names, and a fix as a suggested change. Its
columns count UTF-8 bytes, not characters, so ``中`` is three columns
there. Every column, including the exclusive end of a range, is
converted from doclint's code points.
"""

from __future__ import annotations

from typing import Any, TextIO

from doclint.diagnostics import Diagnostic, Severity
from doclint.engine import RunResult
from doclint.reporters.json_text import dumps
from doclint.reporters.paths import report_path
from doclint.source import Source

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


class RdjsonlReporter:
    def write(self, result: RunResult, stream: TextIO) -> None:
        for diagnostic in result.diagnostics:
            record = rdjson_diagnostic(diagnostic, result.source_of(diagnostic.path))
            stream.write(dumps(record) + "\n")


def rdjson_diagnostic(diagnostic: Diagnostic, source: Source | None) -> dict[str, Any]:
    """Return a finding as a reviewdog Diagnostic message; ``source`` converts its columns to bytes."""
    span = (diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column)
    record: dict[str, Any] = {
        "message": diagnostic.message,
        "location": {"path": report_path(diagnostic.path), "range": byte_range(source, *span)},
        "severity": SEVERITIES[diagnostic.severity],
        "source": {"name": "doclint"},
        "code": {"value": diagnostic.code},
    }

    if diagnostic.fix is not None and source is not None:
        suggestions = []
        for edit in diagnostic.fix.edits:
            start, end = source.position(edit.start), source.position(edit.end)
            suggestions.append({"range": byte_range(source, *start, *end), "text": edit.replacement})
        record["suggestions"] = suggestions
    return record


def byte_range(source: Source | None, line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    """Return a reviewdog Range from code-point positions; the end stays exclusive."""
    return {
        "start": {"line": line, "column": byte_column(source, line, column)},
        "end": {"line": end_line, "column": byte_column(source, end_line, end_column)},
    }


def byte_column(source: Source | None, line: int, column: int) -> int:
    """Return the 1-based UTF-8 byte column of a code-point column, or the column itself without a source."""
    if source is None:
        return column
    start = source.offset(line)
    return len(source.text[start : start + column - 1].encode("utf-8")) + 1
