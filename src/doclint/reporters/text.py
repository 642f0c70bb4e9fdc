"""The default output: one finding a line, then a summary line."""

from __future__ import annotations

from typing import TextIO

from doclint.diagnostics import Severity
from doclint.engine import RunResult
from doclint.i18n import _, ngettext


class TextReporter:
    """Writes ``PATH:LINE:COL: CODE rule-name message`` lines and a summary."""

    def write(self, result: RunResult, stream: TextIO) -> None:
        for diagnostic in result.diagnostics:
            stream.write(
                f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: "
                f"{diagnostic.code} {diagnostic.rule} {diagnostic.message}\n"
            )
        stream.write(summary_line(result) + "\n")


def summary_line(result: RunResult) -> str:
    """Return the closing line: how many findings of each severity in how many files."""
    files = ngettext("in {files} file", "in {files} files", len(result.documents)).format(files=len(result.documents))
    if not result.diagnostics:
        return _("No problems found {files}.").format(files=files)

    total = ngettext("Found {total} problem", "Found {total} problems", len(result.diagnostics))
    counts = [
        ngettext("{count} error", "{count} errors", result.count(Severity.ERROR)),
        ngettext("{count} warning", "{count} warnings", result.count(Severity.WARNING)),
        _("{count} info"),
    ]
    breakdown = ", ".join(
        text.format(count=result.count(severity))
        for text, severity in zip(counts, (Severity.ERROR, Severity.WARNING, Severity.INFO))
    )
    return _("{total} ({breakdown}) {files}.").format(
        total=total.format(total=len(result.diagnostics)), breakdown=breakdown, files=files
    )
