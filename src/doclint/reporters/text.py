"""The default output: one finding a line, then a summary line."""

from __future__ import annotations

from typing import TextIO

from doclint.diagnostics import Severity, is_applicable
from doclint.engine import RunResult
from doclint.i18n import _, escape_controls, ngettext


SAFE_FIX_MARKER = "[*] "
UNSAFE_FIX_MARKER = "[~] "



class TextReporter:
    """Writes ``PATH:LINE:COL: CODE rule-name message`` lines and a summary.

    A message that ``--fix`` can fix starts with ``[*]``, and one that only
    ``--fix --unsafe-fixes`` fixes with ``[~]``.
    """

    def write(self, result: RunResult, stream: TextIO) -> None:
        if not result.file_count and result.errors:
            # Nothing was checked: the errors on stderr give the reason, and "No problems" would mislead.
            return
        for diagnostic in result.diagnostics:
            marker = ""
            if is_applicable(diagnostic.fix, unsafe=False):
                marker = SAFE_FIX_MARKER
            elif is_applicable(diagnostic.fix, unsafe=True):
                marker = UNSAFE_FIX_MARKER
            stream.write(
                f"{escape_controls(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}: "
                f"{diagnostic.code} {diagnostic.rule} {marker}{escape_controls(diagnostic.message)}\n"
            )
        if result.fixed:
            stream.write(ngettext("Fixed {count} problem.", "Fixed {count} problems.", result.fixed).format(count=result.fixed) + "\n")
        stream.write(summary_line(result) + "\n")
        fix_line = fixable_line(result)
        if fix_line:
            stream.write(fix_line + "\n")


def summary_line(result: RunResult) -> str:
    """Return the closing line: how many findings of each severity in how many files."""
    files = ngettext("in {files} file", "in {files} files", result.file_count).format(files=result.file_count)
    if not result.diagnostics:
        return _("No problems found {files}.").format(files=files)

    total = ngettext("Found {total} problem", "Found {total} problems", len(result.diagnostics))
    counts = [
        ngettext("{count} error", "{count} errors", result.count(Severity.ERROR)),
        ngettext("{count} warning", "{count} warnings", result.count(Severity.WARNING)),
        _("{count} info"),
    ]
    breakdown = _(", ").join(
        text.format(count=result.count(severity))
        for text, severity in zip(counts, (Severity.ERROR, Severity.WARNING, Severity.INFO))
    )
    return _("{total} ({breakdown}) {files}.").format(
        total=total.format(total=len(result.diagnostics)), breakdown=breakdown, files=files
    )


def fixable_line(result: RunResult) -> str:
    """Return the line that counts the findings --fix (or --unsafe-fixes) can fix, or ""."""
    safe = sum(1 for diagnostic in result.diagnostics if is_applicable(diagnostic.fix, unsafe=False))
    unsafe = sum(1 for diagnostic in result.diagnostics if is_applicable(diagnostic.fix, unsafe=True)) - safe
    parts = []
    if safe:
        parts.append(ngettext("[*] {count} fixable with --fix.", "[*] {count} fixable with --fix.", safe).format(count=safe))
    if unsafe and result.unsafe_fixes_applied:
        parts.append(
            ngettext(
                "[~] {count} more fixable with --fix --unsafe-fixes. The fixes of this run brought it up, and an unsafe "
                "fix applies only to a finding that a check showed first; run the command again to fix it.",
                "[~] {count} more fixable with --fix --unsafe-fixes. The fixes of this run brought them up, and an "
                "unsafe fix applies only to a finding that a check showed first; run the command again to fix them.",
                unsafe,
            ).format(count=unsafe)
        )
    elif unsafe:
        parts.append(
            ngettext(
                "[~] {count} more fixable with --fix --unsafe-fixes.", "[~] {count} more fixable with --fix --unsafe-fixes.", unsafe
            ).format(count=unsafe)
        )
    if len(parts) == 2:
        # Two sentences side by side: English puts a space between them, Chinese none.
        return _("{first} {second}").format(first=parts[0], second=parts[1])
    return "".join(parts)
