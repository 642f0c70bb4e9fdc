"""``--format github``: GitHub Actions workflow commands that annotate each finding in the pull request.

Each finding becomes one ``::error``, ``::warning`` or ``::notice`` line.
The runner reads every output line that starts with ``::`` as a command.
So text from a document (a heading, a file name) is escaped as the runner
requires, and it can never start a command of its own. GitHub shows only
the first 10 annotations of each level per step, so errors come first,
then warnings, then notices.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

from doclint.diagnostics import Diagnostic, Severity
from doclint.i18n import escape_controls
from doclint.engine import RunResult
from doclint.reporters.paths import message_with_report_paths, report_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


class GithubReporter:
    """Writes one workflow command per finding, one ``::error`` per input that could not be read and one ``::warning`` per warning.

    The errors and warnings about the run come before the findings, because
    they tell that findings may be missing (a skipped file).
    """

    def write(self, result: RunResult, stream: TextIO) -> None:
        for error in result.errors:
            stream.write(workflow_command("error", {"title": "doclint"}, error))
        for warning in result.warnings:
            stream.write(_warning_command(warning))
        for diagnostic in sorted(result.diagnostics, key=lambda diagnostic: -diagnostic.severity.rank):
            stream.write(annotation(diagnostic))


# A warning about a file starts with "PATH: " or, about a place in it, "PATH:LINE: ", as doclint writes such warnings.
# PATH may contain ":" itself, so each ": " of the first line is tried in turn.
_PLACE_END_RE = re.compile(r"(?::(?P<line>\d+))?: ")


def _warning_command(warning: str) -> str:
    """Return a warning's command, with its file, and line if any, when it starts with an existing file's name.

    GitHub then shows the warning on that file or line of the pull request,
    as it shows a finding, and the name at the start of the message is
    written as ``file=`` is, such as a skipped binary file. Any other
    warning is about the run as a whole.
    """
    place = _warning_place(warning)
    if place is None:
        return workflow_command("warning", {"title": "doclint"}, warning)

    found_path, line, end = place
    path = report_path(found_path, "GITHUB_WORKSPACE")
    if line is None:
        return workflow_command("warning", {"file": path, "title": "doclint"}, f"{path}: {warning[end:]}")
    properties = {"file": path, "line": line, "title": "doclint"}
    return workflow_command("warning", properties, f"{path}:{line}: {warning[end:]}")


def _warning_place(warning: str) -> tuple[str, str | None, int] | None:
    """Return the existing file that a warning starts with, the line after it if any, and where the text begins."""
    first_line = warning.split("\n", 1)[0]
    for found in _PLACE_END_RE.finditer(first_line):
        path = first_line[: found.start()]
        if path and os.path.isfile(path):
            return path, found.group("line"), found.end()
    return None


def annotation(diagnostic: Diagnostic) -> str:
    """Return the workflow command that annotates a finding's lines.

    GitHub accepts ``col`` and ``endColumn`` only when the annotation starts
    and ends on one line, so a finding over several lines marks whole lines.
    A place in another file that the message names is written from the
    same root as ``file``.
    """
    properties = {
        "file": report_path(diagnostic.path, "GITHUB_WORKSPACE"),
        "line": str(diagnostic.line),
        "endLine": str(diagnostic.end_line),
    }
    if diagnostic.line == diagnostic.end_line:
        properties["col"] = str(diagnostic.column)
        properties["endColumn"] = str(diagnostic.end_column)
    properties["title"] = f"doclint {diagnostic.code} {diagnostic.rule}"
    message = message_with_report_paths(diagnostic, "GITHUB_WORKSPACE")
    return workflow_command(COMMANDS[diagnostic.severity], properties, message)


def workflow_command(command: str, properties: dict[str, str], message: str) -> str:
    """Return ``::command key=value,...::message`` and a line feed, with the values and message escaped."""
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{command} {fields}::{escape_data(message)}\n"


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, carriage return and line feed, so that it stays on one line.

    Other control characters, which the log would pass to a terminal, are written as escapes (``\\x1b``).
    """
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_controls(text)


def escape_property(text: str) -> str:
    """Escape a property value: as a message, and also ``:`` and ``,``, which end a value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
