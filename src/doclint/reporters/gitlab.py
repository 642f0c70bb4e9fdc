"""``--format gitlab``: a GitLab Code Quality report, a JSON array of issues.

GitLab reads the report from a job's ``artifacts:reports:codequality``
file and shows the issues in the merge request. It compares the issues of
the merge request with those of the target branch by fingerprint, so the
fingerprint does not depend on line numbers (see ``fingerprints``).
"""

from __future__ import annotations

from typing import Any, TextIO

from doclint.diagnostics import Diagnostic, Severity
from doclint.engine import RunResult
from doclint.reporters.fingerprints import fingerprints
from doclint.reporters.json_text import dumps
from doclint.reporters.paths import message_with_report_paths, report_path

# GitLab's scale is info, minor, major, critical, blocker. doclint's errors
# (copied or contradicting content) are serious but break nothing, so they are
# major. Critical and blocker are left for defects that break a build.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class GitlabReporter:
    def write(self, result: RunResult, stream: TextIO) -> None:
        issues = [issue(diagnostic, fingerprint) for diagnostic, fingerprint in zip(result.diagnostics, fingerprints(result))]
        stream.write(dumps(issues, indent=2) + "\n")


def issue(diagnostic: Diagnostic, fingerprint: str) -> dict[str, Any]:
    """Return a finding as a Code Quality issue, located by its first and last line."""
    return {
        "description": message_with_report_paths(diagnostic, "CI_PROJECT_DIR"),
        "check_name": diagnostic.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[diagnostic.severity],
        "location": {
            "path": report_path(diagnostic.path, "CI_PROJECT_DIR"),
            "lines": {"begin": diagnostic.line, "end": diagnostic.end_line},
        },
    }
