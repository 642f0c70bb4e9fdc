"""Rule declarations and the registry that lists them.

A rule is declared once, in its module, with its code, name, summary,
default severity and whether it offers fixes. ``doclint rules`` and the
engine read these declarations, so the listing cannot drift from the code.
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Literal, Sequence

from doclint.diagnostics import Diagnostic, Fix, RelatedLocation, Severity
from doclint.model import Document, Section
from doclint.settings import Settings
from doclint.suggestions import CUTOFF as SUGGESTION_CUTOFF

# The modules that declare rules, each with a RULES tuple. Imported on first use.
RULE_MODULES = (
    "doclint.rules.duplicates",
    "doclint.rules.answers",
    "doclint.rules.passages",
    "doclint.rules.truncation",
    "doclint.rules.code",
    "doclint.rules.numbering",
    "doclint.rules.step_numbering",
    "doclint.rules.paragraph_numbering",
    "doclint.rules.schema",
    "doclint.rules.encoding",
    "doclint.rules.suppression",
)

CorpusCheck = Callable[[Sequence[Document], Settings], Iterable[Diagnostic]]
DocumentCheck = Callable[[Document, Settings], Iterable[Diagnostic]]
CounterpartMessage = Callable[[Document, Section, Document, Section, Settings], str]
"""(earlier document, earlier section, later document, later section, settings) -> the message for the earlier section."""


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
    unsafe_fixes_only: bool = False
    """Whether every fix of the rule is unsafe, so that only ``--fix --unsafe-fixes`` applies it."""
    enabled_by_default: bool = True
    """Rules that are off by default run only when ``select`` names them."""
    languages: tuple[str, ...] = ()
    """For rules on code blocks, the language tags of the blocks they check."""
    counterpart_message: CounterpartMessage | None = None
    """The message for the earlier of two sections, for a corpus rule that reports the later one and names
    the earlier one as its first related location. The engine uses it when only the earlier section is in a
    checked document, so that a file checked with ``--compare-with`` learns that a compared file repeats it."""

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
        fix: Fix | None = None,
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
            fix=fix,
        )

    def section_diagnostic(
        self,
        document: Document,
        section: Section,
        message: str,
        related: Iterable[RelatedLocation] = (),
        fix: Fix | None = None,
    ) -> Diagnostic:
        """Build a finding that spans a section from its heading to its last line."""
        return self.diagnostic(document, section.line, section.end_line, message, section.column, related, fix=fix)


def all_rules() -> list[Rule]:
    """Return every registered rule, ordered by code."""
    rules: list[Rule] = []
    for name in RULE_MODULES:
        rules.extend(importlib.import_module(name).RULES)
    return sorted(rules, key=lambda rule: rule.code)


def rules_by_code(codes: Sequence[str]) -> list[Rule]:
    """Return the rules with these codes, in the order given. Raises KeyError for an unknown code."""
    by_code = {rule.code: rule for rule in all_rules()}
    return [by_code[code] for code in codes]


def find_rule(name_or_code: str) -> Rule | None:
    """Return the rule with this name or code in any letter case (``dl304``), or None."""
    requested = name_or_code.upper()
    for rule in all_rules():
        if requested in (rule.name.upper(), rule.code):
            return rule
    return None


def known_spelling(token: str) -> str:
    """Return the rule name or code that ``token`` spells in another letter case, or ``token`` when it names no rule."""
    rule = find_rule(token)
    if rule is None:
        return token
    return rule.code if token.upper() == rule.code else rule.name


def matches(rule: Rule, token: str) -> bool:
    """Return whether a selector names a rule: its name, its code, a code prefix (``DL1``) or ``ALL``."""
    return selector_matches(token, rule.name, rule.code)


def selector_matches(token: str, name: str, code: str) -> bool:
    """Return whether a selector names the rule with this name and code, in any letter case.

    Codes and ``ALL`` are written in capitals and names in lower case, but
    ``dl101`` or ``Duplicate-Section`` can mean nothing else.
    """
    requested = token.upper()
    return requested in (name.upper(), code.upper(), "ALL") or (len(requested) >= 3 and code.upper().startswith(requested))


def is_rule_selector(token: str) -> bool:
    """Return whether a selector names at least one rule."""
    return any(matches(rule, token) for rule in all_rules())


def closest_rule(token: str) -> str | None:
    """Return the rule name or code closest to a selector that names no rule, such as ``duplicate-section`` for ``dupliate-section``.

    Letter case does not count, so ``DUPLIATE-SECTION`` gets the same hint.
    """
    import difflib

    spellings = {spelling.upper(): spelling for rule in all_rules() for spelling in (rule.name, rule.code)}
    close = difflib.get_close_matches(token.upper(), list(spellings), n=1, cutoff=SUGGESTION_CUTOFF)
    return spellings[close[0]] if close else None


def unknown_rule_hint(token: str) -> str:
    """Return what to tell a user about a selector that names no rule: the closest rule, or where the rules are listed."""
    from doclint.i18n import _

    close = closest_rule(token)
    if close is None:
        return _("`doclint rules` lists them")
    return _("did you mean {rule!r}? `doclint rules` lists them").format(rule=close)


def select_rules(select: Sequence[str] | None, ignore: Sequence[str]) -> list[Rule]:
    """Return the rules a run uses: those selected (or enabled by default) and not ignored."""
    chosen = []
    for rule in all_rules():
        selected = rule.enabled_by_default if select is None else any(matches(rule, token) for token in select)
        if selected and not any(matches(rule, token) for token in ignore):
            chosen.append(rule)
    return chosen


def settings_for_rules(settings: Settings, rules: Sequence[Rule]) -> Settings:
    """Return ``settings`` with ``select`` naming exactly ``rules`` and nothing ignored.

    A rule learns from its settings which other rules run: heading-numbering
    leaves out the copies that duplicate-section reports only when that rule
    runs. So a caller that passes its own rules gets the findings of a run
    that selects them.
    """
    return dataclasses.replace(settings, select=tuple(rule.code for rule in rules), ignore=())
