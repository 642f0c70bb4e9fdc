import random
import string

import pytest

from doclint.navigation import is_navigation
from doclint.parse import parse_document
from doclint.source import Source

from test_duplicates import findings

INSTALL_BODY = (
    "Run the installer from the folder of the project. It reads the lock file, downloads each package that the "
    "lock file names and links the packages into the folder of the project.\n\n"
)
STAR_BODY = (
    "Mark a package as a favourite of the account that is signed in. The registry keeps the list, so every "
    "machine where that account signs in shows the same favourites.\n\n"
)


# Long enough that the duplicate rules would compare the list: six names of pages.
PAGES = ["npm install", "npm config", "npm registry", "npm install-ci-test", "package.json", "npm uninstall"]


def see_also(heading, names, prefix="/commands/"):
    return f"## {heading}\n\n" + "".join(f"* [{name}]({prefix}{name.replace(' ', '-')})\n" for name in names) + "\n"


def page(tmp_path, name, title, body, links):
    path = tmp_path / name
    path.write_text(f"# {title}\n\n## Description\n\n{body}{links}", encoding="utf-8")
    return path


def section(markdown, heading):
    document = parse_document(Source.from_text("page.md", markdown))
    return next(found for found in document.walk() if found.heading == heading)


def test_see_also_lists_of_neighbours_not_reported(tmp_path):
    first = page(tmp_path, "star.md", "npm star", STAR_BODY, see_also("See Also", ["npm stars", *PAGES]))
    second = page(tmp_path, "unstar.md", "npm unstar", INSTALL_BODY, see_also("See Also", ["npm star", *PAGES]))
    assert findings(first, second, rule="near-duplicate-section") == []


def test_equal_see_also_lists_not_copies(tmp_path):
    links = see_also("See also", PAGES)
    first = page(tmp_path, "a.md", "npm ci", INSTALL_BODY, links)
    second = page(tmp_path, "b.md", "npm star", STAR_BODY, links)
    assert findings(first, second, rule="duplicate-section") == []


def test_related_links_off_site_not_reported(tmp_path):
    links = see_also("相关链接", ["Python 官方文档", "PEP 8 风格指南", "Python 教程", "标准库参考", "语言参考手册"], prefix="https://docs.python.org/3/")
    first = page(tmp_path, "a.md", "列表", STAR_BODY, links)
    second = page(tmp_path, "b.md", "字典", INSTALL_BODY, links)
    assert findings(first, second, rule="duplicate-section") == []


def test_release_links_to_changes_still_copies(tmp_path):
    notes = (
        "## Version 1.74.1 (2023-12-07)\n\n"
        "- [Resolved spurious access violations in the code generator](https://github.com/acme/tool/pull/118464)\n"
        "- [Clarify the guarantees of the discriminant function](https://github.com/acme/tool/pull/118006)\n"
        "- [Fix some regressions of subtyping](https://github.com/acme/tool/pull/116415)\n\n"
    )
    first = tmp_path / "releases-1.md"
    first.write_text(f"# Releases\n\n{notes}", encoding="utf-8")
    second = tmp_path / "releases-2.md"
    second.write_text(f"# Releases\n\n{notes}", encoding="utf-8")

    copies = findings(first, second, rule="duplicate-section")
    assert [(copy.path, copy.line) for copy in copies] == [(str(second), 1)]


def own_words(number):
    """Return a description of random letters, which no other number's resembles."""
    letters = random.Random(number)
    return " ".join("".join(letters.choices(string.ascii_lowercase, k=6)) for _index in range(30)) + ".\n\n"


def test_see_also_lists_not_reported_with_workers(tmp_path):
    # Sixteen documents start a worker, which sends its documents without their Markdown. Two of them have lists.
    paths = [page(tmp_path, f"page{number:02d}.md", f"Command {number}", own_words(number), "") for number in range(14)]
    paths.append(page(tmp_path, "page14.md", "npm star", own_words(14), see_also("See Also", ["npm stars", *PAGES])))
    paths.append(page(tmp_path, "page15.md", "npm unstar", own_words(15), see_also("See Also", ["npm star", *PAGES])))
    assert findings(*paths, rule="near-duplicate-section", jobs=2) == []


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("## Next\n\n* [Install](install.md)\n* [Configure](../configure.md)\n", True),
        ("## See also\n\n* [Python](https://python.org)\n* <https://pypi.org>\n", True),
        ("## Links\n\n[Install](install.md)\n[Configure](configure.md)\n", True),
        ("## Next\n\n* [Python](https://python.org)\n* [Install](install.md)\n", False),
        ("## See also\n\n* [Install](install.md): how to install the tool\n", True),
        ("## Next\n\n* [Install](install.md): how to install the tool\n", False),
        ("## See also\n\nRead [Install](install.md) first.\n", False),
        ("## See also\n", False),
        ("## 七、参考资料\n\n* [Python](https://python.org)\n", True),
        ("## 相关链接\n\n更多内容请参阅：\n\n* [Python](https://python.org)\n\n---\n\n<!-- end of links -->\n", True),
        ("## External links\n\n* [Mars (planet)](https://example.org/wiki/Mars_(planet))\n* [Moon](<https://example.org/a b>)\n", True),
        ("## Resources\n\n* **[Guide](https://example.org/guide 'The guide')**\n* https://example.org/faq\n", True),
        ("## 1.8.0\n\n* [Fix the parser](../../issues/211)\n* [Speed up the index](../../issues/212)\n", False),
        ("## Next\n\n* [" + "A change described in one long sentence of the notes" + "](../issues/1)\n", False),
    ],
    ids=[
        "site", "heading-off-site", "paragraph", "off-site", "description", "description-other-heading", "sentence",
        "empty", "numbered-heading",
        "intro-and-end", "parentheses", "bold-and-bare", "release-notes", "long-text",
    ],
)
def test_navigation_sections(markdown, expected):
    heading = markdown.splitlines()[0].removeprefix("## ")
    assert is_navigation(section(f"# Page\n\n{markdown}", heading)) is expected


GROUPED_SEE_ALSO = (
    "## See also\n\n{intro}"
    "### Guides\n\n"
    "- [Installing the command line tool](https://example.com/guides/install)\n"
    "- [Configuring the proxy for a company network](https://example.com/guides/proxy)\n"
    "- [Writing a plugin in Python](https://example.com/guides/plugins)\n\n"
    "### Reference\n\n"
    "- [The configuration file format](https://example.com/reference/config) - every key and its default\n"
    "- [Every command and its options](https://example.com/reference/commands)\n"
)


@pytest.mark.parametrize("intro", ["", "More pages about the tool:\n\n"], ids=["no-intro", "intro-line"])
def test_see_also_grouped_in_subsections_not_reported(tmp_path, intro):
    links = GROUPED_SEE_ALSO.format(intro=intro)
    first = page(tmp_path, "install.md", "Install", INSTALL_BODY, links)
    second = page(tmp_path, "star.md", "Star", STAR_BODY, links)
    assert findings(first, second, rule="duplicate-section") == []
    assert findings(first, second, rule="near-duplicate-section") == []


def test_prose_subsection_under_see_also_still_copy(tmp_path):
    # Under "See also", a subsection of prose is content: the pasted paragraph is reported, and the link lists are not.
    links = GROUPED_SEE_ALSO.format(intro="") + "\n### Background\n\n" + INSTALL_BODY
    first = page(tmp_path, "install.md", "Install", STAR_BODY, links)
    second = page(tmp_path, "star.md", "Star", STAR_BODY.replace("favourite", "bookmark"), links)
    [copy] = findings(first, second, rule="duplicate-section")
    assert (copy.path, copy.line, copy.end_line) == (str(second), 20, 22)
    assert copy.message == f'section "Background" repeats section "Background" (line 20 of {first}) word for word; remove this copy'
    assert copy.fix is not None
    text = second.read_text(encoding="utf-8")
    [removal] = copy.fix.edits
    assert text[removal.start:removal.end].strip() == ("### Background\n\n" + INSTALL_BODY).strip()
    assert text[:removal.start].rstrip("\n").endswith(GROUPED_SEE_ALSO.format(intro="").rstrip("\n"))
