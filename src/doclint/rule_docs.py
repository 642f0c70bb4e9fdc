"""Rule documentation (``docs/rules/RULE-NAME.md``) for the formats that describe rules, such as SARIF.

A wheel carries the pages as ``doclint/_data/docs/rules``. A source
checkout used in place (an editable install, or ``src`` on ``sys.path``)
reads ``docs/rules`` at the top of the repository. A rule without a page
is described by its summary alone, so a missing page never stops a report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from doclint.i18n import _
from doclint.registry import Rule

logger = logging.getLogger(__name__)

DESCRIPTION_HEADING = "What it finds"


@dataclass(frozen=True)
class RuleHelp:
    description: str
    """The first paragraph under "What it finds", or the rule's summary."""
    markdown: str
    """The whole page, or the rule's summary."""


def rule_help(rule: Rule) -> RuleHelp:
    """Return the description and help page of a rule, falling back to its summary."""
    summary = _(rule.summary)
    page = _read_page(rule.name)
    if page is None:
        return RuleHelp(summary, summary)
    return RuleHelp(first_paragraph(page, DESCRIPTION_HEADING) or summary, page)


def docs_dir() -> Path | None:
    """Return the folder of the rule pages, inside the wheel or in the source checkout, or None."""
    packaged = Path(__file__).resolve().parent / "_data" / "docs" / "rules"
    checkout = Path(__file__).resolve().parents[2] / "docs" / "rules"
    for folder in (packaged, checkout):
        if folder.is_dir():
            return folder
    return None


@lru_cache(maxsize=None)
def _read_page(name: str) -> str | None:
    folder = docs_dir()
    if folder is None:
        logger.debug("no rule documentation folder; describing %s by its summary", name)
        return None
    try:
        return (folder / f"{name}.md").read_text(encoding="utf-8")
    except OSError as error:
        logger.debug("no page for %s (%s); describing it by its summary", name, error)
        return None


def first_paragraph(markdown: str, heading: str) -> str | None:
    """Return the first paragraph after the level-2 heading ``heading``, on one line, or None."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    inside = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inside = token.tag == "h2" and tokens[index + 1].content.strip() == heading
        elif inside and token.type == "paragraph_open":
            return " ".join(tokens[index + 1].content.split())
    return None
