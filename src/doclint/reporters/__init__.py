"""Output formats. Each reporter is a small class registered here by name.

This module imports no reporter and not the engine, so that the command
line can list the format names without loading the rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from doclint.engine import RunResult

# Format name -> "module:class". Modules are imported only when their format is used.
REPORTERS = {
    "text": "doclint.reporters.text:TextReporter",
    "json": "doclint.reporters.json:JsonReporter",
    "github": "doclint.reporters.github:GithubReporter",
    "sarif": "doclint.reporters.sarif:SarifReporter",
    "rdjsonl": "doclint.reporters.rdjsonl:RdjsonlReporter",
    "gitlab": "doclint.reporters.gitlab:GitlabReporter",
}


class Reporter(Protocol):
    def write(self, result: RunResult, stream: TextIO) -> None:
        """Write the findings of a run to ``stream``."""


def get_reporter(name: str) -> Reporter:
    """Return a new reporter for a format name listed in REPORTERS."""
    module_name, class_name = REPORTERS[name].split(":")
    return getattr(importlib.import_module(module_name), class_name)()
