"""Stable identities for findings, so that CI services can follow a finding from one run to the next.

A fingerprint hashes the rule code, the file's report path and the
normalised text of the flagged lines, and no line number, so a finding
keeps its fingerprint when lines above it are added or removed. Findings
that would share one, such as two identical copies of a section in one
file, differ in their occurrence number, counted in report order.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter

from doclint.diagnostics import Diagnostic
from doclint.engine import RunResult
from doclint.reporters.paths import report_path


def fingerprints(result: RunResult) -> list[str]:
    """Return one fingerprint (64 hex digits of SHA-256) for each finding of ``result``, in order."""
    seen: Counter[tuple[str, str, str]] = Counter()
    found = []
    for diagnostic in result.diagnostics:
        key = (diagnostic.code, report_path(diagnostic.path), flagged_text(result, diagnostic))
        occurrence = seen[key]
        seen[key] += 1

        digest = hashlib.sha256()
        for part in (*key, str(occurrence)):
            # A file name that is not UTF-8 is hashed as its bytes on disk.
            digest.update(part.encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
        found.append(digest.hexdigest())
    return found


def flagged_text(result: RunResult, diagnostic: Diagnostic) -> str:
    """Return the text of the finding's lines, NFKC-normalised with runs of whitespace made one space.

    Re-wrapping or re-indenting the lines keeps the fingerprint. Without
    the document's source the text is empty, so the fingerprint rests on
    the code, the path and the occurrence.
    """
    source = result.source_of(diagnostic.path)
    if source is None:
        return ""
    lines = [source.line_text(line) for line in range(diagnostic.line, diagnostic.end_line + 1)]
    return " ".join(unicodedata.normalize("NFKC", "\n".join(lines)).split())
