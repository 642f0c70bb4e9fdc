"""Rule documentation (``docs/rules/RULE-NAME.md``) for the formats that describe rules, such as SARIF.

The pages are found by ``doclint.data.rule_doc``, in the selected language
when a translation exists. A rule without a page is described by its
summary alone, so a missing page never stops a report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from markdown_it import MarkdownIt

from doclint.data import DataError, rule_doc
from doclint.i18n import N_, _, current_language
from doclint.registry import Rule

logger = logging.getLogger(__name__)

DESCRIPTION_HEADING = N_("What it finds")
"""The heading whose first paragraph describes a rule; translated pages use its translation."""

PAGE_HEADINGS = (DESCRIPTION_HEADING, N_("Why it matters"), N_("Example"), N_("Options"), N_("Fix"))
"""The level-2 headings that every rule page has, in this order; a translated page uses their translations."""


@dataclass(frozen=True)
class RuleHelp:
    description: str
    """The first paragraph under "What it finds", or the rule's summary when the page has none or that paragraph introduces a list or table."""
    markdown: str
    """The whole page, or the rule's summary."""


def rule_help(rule: Rule) -> RuleHelp:
    """Return the description and help page of a rule, falling back to its summary."""
    summary = _(rule.summary)
    page = _read_page(rule.name)
    if page is None:
        return RuleHelp(summary, summary)
    description = first_paragraph(page, _(DESCRIPTION_HEADING))
    if description is None or description.endswith((":", "：")):
        # A paragraph that ends in a colon introduces the list or table after it, and reads as cut off alone.
        description = summary
    return RuleHelp(description, page)


def _read_page(name: str) -> str | None:
    """Return a rule's page in the selected language, or None when it is missing."""
    try:
        return rule_doc(name, current_language())
    except DataError as error:
        logger.debug("%s; describing %s by its summary", error, name)
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
