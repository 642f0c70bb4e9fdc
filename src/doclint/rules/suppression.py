"""``unused-suppression``: a ``doclint-disable`` comment that silences nothing.

It is off by default; select it to keep suppressions from outliving the
findings they were written for. Its findings are produced after the
other rules ran (see ``doclint.suppressions.apply_suppressions``), because
only then is it known which suppressions matched; the check here
therefore yields nothing.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from doclint.diagnostics import Diagnostic, Severity
from doclint.model import Document
from doclint.i18n import N_
from doclint.registry import Rule
from doclint.settings import Settings


def check_nothing(documents: Sequence[Document], settings: Settings) -> Iterable[Diagnostic]:
    return ()


UNUSED_SUPPRESSION = Rule(
    code="DL902",
    name="unused-suppression",
    summary=N_("A doclint-disable comment silences no finding."),
    severity=Severity.WARNING,
    fixable=False,
    check=check_nothing,
    enabled_by_default=False,
)

RULES = (UNUSED_SUPPRESSION,)
