"""``--format json``: one JSON object with every finding, described in docs/json-output.md."""

from __future__ import annotations

import json
from typing import TextIO

from doclint.diagnostics import Severity
from doclint.engine import RunResult

JSON_OUTPUT_VERSION = 1


class JsonReporter:
    def write(self, result: RunResult, stream: TextIO) -> None:
        report = {
            "version": JSON_OUTPUT_VERSION,
            "diagnostics": [diagnostic.to_json(result.source_of(diagnostic.path)) for diagnostic in result.diagnostics],
            "summary": {
                "files": len(result.documents),
                "errors": result.count(Severity.ERROR),
                "warnings": result.count(Severity.WARNING),
                "info": result.count(Severity.INFO),
                "fixed": result.fixed,
            },
        }
        json.dump(report, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
