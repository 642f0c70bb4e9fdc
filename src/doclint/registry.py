"""Rule declarations and the registry that lists them.

A rule is declared once, in its module, with its code, name, summary,
default severity and whether it offers fixes. ``doclint rules`` and the
engine read these declarations, so the listing cannot drift from the code.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Literal, Sequence

from doclint.diagnostics import Diagnostic, RelatedLocation, Severity
from doclint.model import Document, Section
from doclint.settings import Settings

# The modules that declare rules, each with a RULES tuple. Imported on first use.
RULE_MODULES = ("doclint.rules.duplicates", "doclint.rules.numbering", "doclint.rules.schema")

CorpusCheck = Callable[[Sequence[Document], Settings], Iterable[Diagnostic]]
DocumentCheck = Callable[[Document, Settings], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    code: str
    """Stable code, such as ``DL101``. Never reused for another rule."""
    name: str
    """Kebab-case name of the problem, such as ``duplicate-section``."""
    summary: str
    severity: Severity
    fixable: bool
    check: CorpusCheck | DocumentCheck
    """With scope ``corpus``, called once with every document of the run, so that
    the rule can compare across files; with scope ``document``, once per document."""
    scope: Literal["document", "corpus"] = "corpus"

    def run(self, documents: Sequence[Document], settings: Settings) -> Iterator[Diagnostic]:
        """Run the check on the documents of a run, whatever its scope."""
        if self.scope == "corpus":
            yield from self.check(documents, settings)  # type: ignore[arg-type]
            return
        for document in documents:
            yield from self.check(document, settings)  # type: ignore[arg-type]

    def diagnostic(
        self,
        document: Document,
        line: int,
        end_line: int,
        message: str,
        column: int = 1,
        related: Iterable[RelatedLocation] = (),
        end_column: int | None = None,
    ) -> Diagnostic:
        """Build a finding of this rule from ``line`` and ``column`` to ``end_line``.

        Without ``end_column`` the finding ends at the end of ``end_line``.
        """
        if end_column is None:
            end_column = len(document.source.line_text(end_line)) + 1
        return Diagnostic(
            path=document.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            code=self.code,
            rule=self.name,
            severity=self.severity,
            message=message,
            related=tuple(related),
        )

    def section_diagnostic(
        self, document: Document, section: Section, message: str, related: Iterable[RelatedLocation] = ()
    ) -> Diagnostic:
        """Build a finding that spans a section from its heading to its last line."""
        return self.diagnostic(document, section.line, section.end_line, message, section.column, related)


def all_rules() -> list[Rule]:
    """Return every registered rule, ordered by code."""
    rules: list[Rule] = []
    for name in RULE_MODULES:
        rules.extend(importlib.import_module(name).RULES)
    return sorted(rules, key=lambda rule: rule.code)


def find_rule(name_or_code: str) -> Rule | None:
    """Return the rule with this name or code, or None."""
    for rule in all_rules():
        if name_or_code in (rule.name, rule.code):
            return rule
    return None
