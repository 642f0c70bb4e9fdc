"""Sections that only link to other pages, such as a "See also" list: navigation, not content.

The pages of a docs site end with lists of links to their neighbours
("See also", "相关链接"). Two neighbours link to nearly the same pages, so
their lists score far above the near-duplicate threshold, and two pages
of one group may have the same list. Merging or removing one of them
would break the navigation of a page, so neither duplicate rule reports
such a section.

A section is navigation when its own blocks are only links, one a line,
in list items or paragraphs, after an optional line that introduces them
and before an optional thematic break or HTML comment. Its heading,
after its number, must also name it as such (``See also``, ``Related``,
``参考资料``). Otherwise every link must lead to a page of the same site
under a short name, by an address without a scheme such as
``/commands/npm-star`` or ``../install.md``. Release notes written as
links to the changes (``[Fix a regression in the parser](https://…)``
or ``../../issues/211``) sit under a heading with a version such as
``Version 1.74.1``, so they are still compared.

A navigation heading also covers its subsections: "See also" may group
its links under "Guides" and "Reference", whose headings are then free.
Such a section is navigation when its own blocks are at most one line
that introduces its subsections (``navigation_flags``). Each subsection
is then judged on its own, so a prose subsection under it, such as a
"Support" paragraph that two pages share, is still compared, and is
the copy reported rather than the whole "See also".
"""

from __future__ import annotations

import re
from typing import Sequence

from doclint.model import HtmlBlock, ListBlock, Paragraph, Section, ThematicBreak

# The address of an inline link: balanced parentheses inside it (``Mars_(planet)``), or any text in ``<…>``.
_ADDRESS = r"(?P<address><[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
# The title after an address: in double quotes, single quotes or parentheses.
_TITLE = r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?"""
# One link alone on its line, maybe in bold, with an optional comma, full stop or separator after it: an inline
# link with its address in parentheses, a reference link (``[text][ref]`` or ``[text]``), an autolink or a bare
# address.
_LINK_LINE_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?P<bold>\*\*|__)?"
    rf"(?:\[(?P<label>[^\]\n]+)\](?:\({_ADDRESS}{_TITLE}\)|\[[^\]\n]*\])?"
    r"|<(?P<autolink>[A-Za-z][A-Za-z0-9+.-]*:[^>\s]+)>|(?P<bare>https?://\S+?))"
    r"(?P=bold)?\s*[,;.，；。|·]?\s*$"
)
# A link with a short description after it, as a "See also" list gives one: "- [Style guide](style.md) - how to
# format code", "- [风格指南](style.md)：代码格式规范".
_DESCRIBED_LINK_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?P<bold>\*\*|__)?"
    rf"\[(?P<label>[^\]\n]+)\](?:\({_ADDRESS}{_TITLE}\)|\[[^\]\n]*\])"
    r"(?P=bold)?\s*[-–—:：,，]\s*\S[^\n]{0,80}$"
)
# A scheme at the start of an address (``https:``, ``mailto:``): the link leads off the site.
_SCHEME_RE = re.compile(r"^<?[A-Za-z][A-Za-z0-9+.-]*:")
# A short line that introduces the list, ending with a colon: "更多内容请参阅：", "Other pages about the harbour:".
_INTRO_RE = re.compile(r"^[^\n]{1,80}[:：]\s*$")
# An HTML comment, which adds no content after the list.
_COMMENT_RE = re.compile(r"^\s*<!--.*-->\s*$", re.DOTALL)
# Headings of navigation sections, compared without case, spaces and a closing colon, after their number.
NAVIGATION_HEADINGS = frozenset(
    {
        "seealso", "related", "relatedpages", "relatedtopics", "relatedlinks", "relateddocs", "relatedarticles",
        "relateddocumentation", "furtherreading", "referencesandfurtherreading", "links", "usefullinks",
        "externallinks", "references", "resources", "learnmore", "moreinformation", "nextsteps",
        "参考", "参考资料", "参考链接", "参考文档", "参考文献", "参见", "另请参阅", "另请参见", "另见", "相关链接",
        "相关文档", "相关文章", "相关阅读", "相关资源", "延伸阅读", "扩展阅读", "推荐阅读", "友情链接", "更多信息", "下一步",
    }
)
# Maximum characters of a link text that names a page: a list of longer texts names changes, not pages.
MAX_PAGE_NAME_CHARS = 50


def navigation_flags(sections: Sequence[Section]) -> list[bool]:
    """Return whether each section of a document is navigation, in ``walk`` order, for its top-level ``sections``."""
    flags: list[bool] = []
    for section in sections:
        _add_flags(section, False, flags)
    return flags


def _add_flags(section: Section, under_navigation_heading: bool, flags: list[bool]) -> bool:
    """Append the flags of a section and its subsections in ``walk`` order, and return the section's flag."""
    position = len(flags)
    flags.append(False)
    named = under_navigation_heading or _is_navigation_heading(section)
    for child in section.children:
        _add_flags(child, named, flags)

    if named and section.children and _introduces_links_only(section):
        # Its subsections are compared one by one, so a prose subsection pasted under "See also" is the copy reported.
        flags[position] = True
    else:
        flags[position] = is_navigation(section, named)
    return flags[position]


def is_navigation(section: Section, named: bool = False) -> bool:
    """Return whether a section's own blocks are only links, under a navigation heading or all to pages of its site.

    Under a navigation heading, or under a section with one (``named``),
    each link may have a short description after it.
    """
    if named or _is_navigation_heading(section):
        return bool(_links(section, _DESCRIBED_LINK_RE))
    links = _links(section)
    if not links:
        return False
    # Release notes may link to their changes by relative addresses ("../../issues/211") under a version heading.
    if any(char.isdigit() for char in section.heading):
        return False
    return all(_is_page_link(link) for link in links)


def _links(section: Section, described: re.Pattern[str] | None = None) -> list[re.Match[str]]:
    """Return the link of each line of a section's own blocks, or nothing when a block or a line is not only a link.

    A short line that ends with a colon may introduce the links, and a
    thematic break or an HTML comment may follow them.
    """
    paragraphs: list[Paragraph] = []
    for position, block in enumerate(section.blocks):
        if isinstance(block, Paragraph):
            if position == 0 and len(section.blocks) > 1 and _INTRO_RE.match(block.markdown):
                continue
            paragraphs.append(block)
        elif isinstance(block, ListBlock) and all(len(item.blocks) == 1 and isinstance(item.blocks[0], Paragraph) for item in block.items):
            paragraphs.extend(item.blocks[0] for item in block.items)  # type: ignore[misc]
        elif isinstance(block, ThematicBreak) or (isinstance(block, HtmlBlock) and _COMMENT_RE.match(block.text)):
            continue
        else:
            return []

    found = []
    for paragraph in paragraphs:
        for line in paragraph.markdown.splitlines():
            match = _LINK_LINE_RE.match(line)
            if match is None and described is not None:
                match = described.match(line)
            if match is None:
                return []
            found.append(match)
    return found


def _is_navigation_heading(section: Section) -> bool:
    return _heading_key(section.title or section.heading) in NAVIGATION_HEADINGS


def _introduces_links_only(section: Section) -> bool:
    """Return whether a section has no own blocks, or only one short line ending with a colon, as "More pages:"."""
    if not section.blocks:
        return True
    block = section.blocks[0]
    return len(section.blocks) == 1 and isinstance(block, Paragraph) and _INTRO_RE.match(block.markdown) is not None


def _heading_key(heading: str) -> str:
    return "".join(heading.split()).rstrip(":：").casefold()


def _is_page_link(link: re.Match[str]) -> bool:
    """Return whether an inline link leads to a page of the same site under a short name.

    A reference link's address is elsewhere in the file, and an autolink or
    a bare address has a scheme, so neither counts.
    """
    address, label = link.group("address"), link.group("label")
    if address is None or label is None or _SCHEME_RE.match(address) is not None:
        return False
    return len(label) <= MAX_PAGE_NAME_CHARS
