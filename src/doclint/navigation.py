"""Sections that only link to other pages, such as a "See also" list: navigation, not content.

The pages of a docs site end with lists of links to their neighbours
("See also", "相关链接"). Two neighbours link to nearly the same pages, so
their lists score far above the near-duplicate threshold, and two pages
of one group may have the same list. Merging or removing one of them
would break the navigation of a page, so neither duplicate rule reports
such a section.

A section is navigation when its own blocks are only links, one a line,
in list items or paragraphs. Its heading must also name it as such
(``See also``, ``Related``, ``参考资料``), or every link must lead to a page
of the same site, by an address without a scheme such as
``/commands/npm-star`` or ``../install.md``. Release notes written as
links to the changes (``[Fix a regression in the parser](https://…)``)
lead elsewhere under a heading such as ``Version 1.74.1``, so they are
still compared.
"""

from __future__ import annotations

import re

from doclint.model import ListBlock, Paragraph, Section

# One link alone on its line, with an optional comma, full stop or separator after it: an inline link with its
# address in parentheses, a reference link (``[text][ref]`` or ``[text]``) or an autolink.
_LINK_LINE_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\[(?P<label>[^\]\n]+)\](?:\((?P<address>[^)\s]*)(?:\s+\"[^\"]*\")?\)|\[[^\]\n]*\])?"
    r"|<(?P<autolink>[A-Za-z][A-Za-z0-9+.-]*:[^>\s]+)>)\s*[,;.，；。|·]?\s*$"
)
# A scheme at the start of an address (``https:``, ``mailto:``): the link leads off the site.
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Headings of navigation sections, compared without case, spaces and a closing colon.
NAVIGATION_HEADINGS = frozenset(
    {
        "seealso", "related", "relatedpages", "relatedtopics", "relatedlinks", "relateddocs",
        "relateddocumentation", "furtherreading", "links", "usefullinks", "references", "learnmore",
        "moreinformation", "nextsteps", "参考", "参考资料", "参考链接", "参考文档", "参见", "另请参阅", "另见",
        "相关链接", "相关文档", "相关阅读", "延伸阅读", "扩展阅读", "更多信息", "下一步",
    }
)


def is_navigation(section: Section) -> bool:
    """Return whether a section's own blocks are only links, under a navigation heading or all to pages of its site."""
    lines = _link_lines(section)
    if not lines:
        return False
    if _heading_key(section.heading) in NAVIGATION_HEADINGS:
        return True
    return all(_is_site_link(line) for line in lines)


def _link_lines(section: Section) -> list[re.Match[str]]:
    """Return the link of each line of a section's own blocks, or nothing when a block or a line is not only a link."""
    paragraphs: list[Paragraph] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        elif isinstance(block, ListBlock) and all(len(item.blocks) == 1 and isinstance(item.blocks[0], Paragraph) for item in block.items):
            paragraphs.extend(item.blocks[0] for item in block.items)  # type: ignore[misc]
        else:
            return []

    found = []
    for paragraph in paragraphs:
        for line in paragraph.markdown.splitlines():
            match = _LINK_LINE_RE.match(line)
            if match is None:
                return []
            found.append(match)
    return found


def _heading_key(heading: str) -> str:
    return "".join(heading.split()).rstrip(":：").casefold()


def _is_site_link(link: re.Match[str]) -> bool:
    """Return whether an inline link leads to a page of the same site; a reference link's address is elsewhere in the file."""
    address = link.group("address")
    return address is not None and _SCHEME_RE.match(address) is None
