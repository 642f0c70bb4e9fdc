"""``detected-encoding``: say which encoding doclint assumed for a file that is not UTF-8.

A GB18030 or Big5 file is read with the encoding charset-normalizer detects
with confidence. The assumption is reported at info level, so that a wrong
guess can be corrected with ``--encoding`` before ``--fix`` writes the file
back in that encoding.
"""

from __future__ import annotations

from typing import Iterable

from doclint.diagnostics import Diagnostic, Severity
from doclint.i18n import N_, _
from doclint.model import Document
from doclint.registry import Rule
from doclint.settings import Settings


def check_detected_encoding(document: Document, settings: Settings) -> Iterable[Diagnostic]:
    if document.source.detected:
        message = _(
            "the file is not UTF-8; doclint read it as {encoding}, and --fix writes it back in {encoding}; "
            "pass --encoding NAME if that is wrong"
        ).format(encoding=document.source.encoding)
        yield DETECTED_ENCODING.diagnostic(document, 1, 1, message)


DETECTED_ENCODING = Rule(
    code="DL901",
    name="detected-encoding",
    summary=N_("A file is not UTF-8 and was read in the encoding doclint detected."),
    severity=Severity.INFO,
    fixable=False,
    check=check_detected_encoding,
    scope="document",
)

RULES = (DETECTED_ENCODING,)
