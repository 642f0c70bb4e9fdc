"""Two sections that fill one template, each with the words or the subject of its own heading.

Reference pages and changelogs give many sections one sentence that names
the section's own subject: "The version of the package." under
``## version`` and "The name of the package." under ``## name``, or
"Moved to CHANGELOG_ARCHIVE.md#0.4.4" under ``## Version 0.4.4``. Their
bodies score far above the near-duplicate threshold, yet each section gives
what its heading promises, and merging them would lose one. A copy that
was not adapted keeps the other section's word, which its own heading does
not contain, so it is still reported.

Bodies and headings are compared as words of their normalised text
(``doclint.text.normalize``). A run of Latin letters and digits is one
word, so a version such as ``0.4.4`` is the three words ``0``, ``4`` and
``4``. Every CJK character is a word of its own. The two bodies are
aligned word by word (rapidfuzz's ``Indel``). Each stretch in which they
differ must come from the headings. Its Latin words must be words of the
section's own heading, and each run of its CJK characters a part of that
heading, as "名称" is of "## 名称" and "版本" of "## 版本".

Pages of parallel entries, such as ``buf.writeDoubleBE()`` and
``buf.writeDoubleLE()``, may differ in more than the heading's words, so
``name_own_subjects`` also accepts two bodies that each name their own
heading's subject and not the other's. Two sections with one heading on
two pages, such as the "Synopsis" of the pages ``npm-star`` and
``npm-unstar``, take their subjects from the titles of their pages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Sequence

from rapidfuzz.distance import Indel

from doclint.frontmatter import FrontMatterError, front_matter_value
from doclint.model import Document
from doclint.qa import is_item
from doclint.similarity import SectionEntry
from doclint.text import is_cjk, normalize, words as split_words


def fill_one_template(later: SectionEntry, earlier: SectionEntry) -> bool:
    """Return whether two sections' own bodies differ, and only in words that each one's heading contains.

    Q&A items are left to ``doclint.distinct_items``, which compares their
    questions and answers.
    """
    if is_item(later.section) or is_item(earlier.section):
        return False
    words, other_words = _words(later.clauses), _words(earlier.clauses)
    if words == other_words:
        return False

    heading = _heading(later.section.heading)
    other_heading = _heading(earlier.section.heading)
    # Every word that only one body has lies in a stretch where they differ, so it must come from that body's heading.
    # This test is quick, and most pairs fail it, so few pairs are aligned.
    word_set, other_set = set(words), set(other_words)
    if not heading.contains_each(word_set - other_set) or not other_heading.contains_each(other_set - word_set):
        return False
    return all(
        heading.contains(words[start:end]) and other_heading.contains(other_words[other_start:other_end])
        for start, end, other_start, other_end in _differing_stretches(words, other_words)
    )


@lru_cache(maxsize=4096)
def _words(clauses: tuple[str, ...]) -> tuple[str, ...]:
    """Return the words of a section's normalised clauses; a section is compared with up to ten others, so they are cached."""
    return tuple(split_words(" ".join(clauses)))


@lru_cache(maxsize=4096)
def _heading(heading: str) -> _Heading:
    return _Heading(heading)


def keeps_other_heading(later: SectionEntry, earlier: SectionEntry) -> bool:
    """Return whether a section's own body names the other section's heading but not its own: a stale copy.

    "包的版本……" under ``## 作者``, copied from ``## 版本``, names 版本. Such a
    section needs rewriting for its own heading rather than merging. A
    heading of fewer than two CJK characters or three other letters is
    too short to tell.
    """
    body = "".join(later.clauses).replace(" ", "")
    own = normalize(later.section.title).replace(" ", "")
    other = normalize(earlier.section.title).replace(" ", "")
    if sum(2 if is_cjk(char) else 1 for char in other) < 3 or other == own:
        return False
    return other in body and own not in body


def _differing_stretches(words: list[str], other_words: list[str]) -> list[tuple[int, int, int, int]]:
    """Return (start, end, other start, other end) of each stretch in which two word lists differ, in order."""
    stretches: list[list[int]] = []
    in_stretch = False
    for opcode in Indel.opcodes(words, other_words):
        if opcode.tag == "equal":
            in_stretch = False
        elif in_stretch:
            stretch = stretches[-1]
            stretch[1], stretch[3] = max(stretch[1], opcode.src_end), max(stretch[3], opcode.dest_end)
        else:
            stretches.append([opcode.src_start, opcode.src_end, opcode.dest_start, opcode.dest_end])
            in_stretch = True
    return [(start, end, other_start, other_end) for start, end, other_start, other_end in stretches]


class _Heading:
    """The words of a normalised heading, and its text without spaces, for ``contains``."""

    def __init__(self, heading: str):
        normalized = normalize(heading)
        self.words = set(split_words(normalized))
        self.compact = normalized.replace(" ", "")

    def contains(self, words: Sequence[str]) -> bool:
        """Return whether each Latin word is a word of the heading, and each run of CJK characters a part of it."""
        cjk_run = ""
        for word in words:
            if len(word) == 1 and is_cjk(word):
                cjk_run += word
                continue
            if cjk_run and cjk_run not in self.compact:
                return False
            cjk_run = ""
            if word not in self.words:
                return False
        return not cjk_run or cjk_run in self.compact

    def contains_each(self, words: set[str]) -> bool:
        """Return whether each word, taken alone, is a word of the heading or a CJK character in it."""
        return all(word in self.compact if len(word) == 1 and is_cjk(word) else word in self.words for word in words)


def name_own_subjects(later: SectionEntry, earlier: SectionEntry) -> bool:
    """Return whether ``later`` names its own heading's subject and not ``earlier``'s, and ``earlier`` not ``later``'s.

    Reference pages document parallel things with one template:
    ``buf.writeDoubleBE()`` and ``buf.writeDoubleLE()``, the events
    ``'connect'`` and ``'close'``, the options ``cache-min`` and
    ``cache-max``. Changelogs point each release to its notes elsewhere
    ("Moved to CHANGELOG_V5.md#5.10.1" under "Version 5.10.1 (Stable)"),
    sometimes with the version only in a link target (``_text_with_links``).
    Their bodies score far above the threshold, yet each one covers its
    own heading. The subjects of a heading are its words and version
    numbers that the other heading lacks (``_subjects``, cached,
    because a section is compared with up to ten others). The later body
    must name one of its own subjects and none of the other's, the earlier
    body none of the later one's, and the two bodies must differ in their
    sequence of words. A later copy that still names the other heading's
    subject, or that names neither, is still reported. An earlier stale
    stub that links to another release does not make a correct later stub
    a copy: the stale stub is reported against the section it repeats. Q&A
    items are left to ``doclint.distinct_items``.
    """
    if is_item(later.section) or is_item(earlier.section):
        return False
    heading, other_heading = _subjects(later.section.heading), _subjects(earlier.section.heading)
    if heading == other_heading and later.document is not earlier.document:
        # One heading on two pages, such as the "Synopsis" of "npm-star" and of "npm-unstar": the pages name the subjects.
        heading, other_heading = _page_subjects(later.document), _page_subjects(earlier.document)
    subject, other_subject = heading - other_heading, other_heading - heading
    if not subject or not other_subject:
        return False
    text, other_text = _text_with_links(later), _text_with_links(earlier)
    # Compared in order, because the versions 2.0.0 and 2.2.0 are the same set of words, "2" and "0".
    if text.split() == other_text.split():
        return False
    return _names_only(text, subject, other_subject) and not _names_any(other_text, subject)


def later_page_project(first: SectionEntry, later: SectionEntry) -> str | None:
    """Return the later page's project, as its title writes it, when a copy on another page names it and not the first page.

    Of two copies on two pages, the later one in run order is reported as
    the copy. But a README section that installs "Zeta" is Zeta's own, also
    when the Beta README that pasted it sorts first. When the text names
    the later page's project and none of the first page's subjects, the
    first copy is the paste. A project is a subject of the page's title
    (``_page_subjects``) that the page's folder names too, as ``zeta`` in
    ``zeta/README.md`` (``_projects``). Other title words name topics,
    such as "aviation" in "Cost-aware report generation for aviation",
    and a Q&A item of another page may mention them by chance. Both pages
    need a project, so a page whose title only adds words to the other's
    keeps the run order (None). So does a text that names both pages, or
    neither, and a Q&A item.
    """
    if first.document is later.document or is_item(later.section) or is_item(first.section):
        return None
    subject, other_subject = _page_subjects(later.document), _page_subjects(first.document)
    subject, other_subject = subject - other_subject, other_subject - subject
    projects = _projects(later.document, subject, first.document)
    if not projects or not _projects(first.document, other_subject, later.document):
        return None
    text, first_text = _text_with_links(later), _text_with_links(first)
    if _names_any(text, other_subject) or _names_any(first_text, other_subject):
        return None
    named = sorted(term for term in projects if _contains_word(text, term) and _contains_word(first_text, term))
    return _title_form(later.document, named[0]) if named else None


def _title_form(document: Document, term: str) -> str:
    """Return a normalised word of a page's title as the title writes it, or the word itself when the title joins it to others."""
    for word in _TITLE_WORD_RE.findall(page_title(document)):
        if normalize(word) == term:
            return word
    return term


# A run of letters and digits in a title, which ``normalize`` turns into one word.
_TITLE_WORD_RE = re.compile(r"[^\W_]+")


def _projects(document: Document, subjects: frozenset[str], other: Document) -> frozenset[str]:
    """Return the subjects that a document's folder name names and the other document's path does not.

    A project keeps its pages in a folder of its name, such as
    ``zeta/README.md``. The folder's name is a project too when a subject
    of the title contains it, as "飞鱼使用说明" does in ``飞鱼/``, because
    Chinese writes no space between the name and the words after it. A file name names a topic more often ("config.md",
    "Pool.md"), and a word of both paths, such as the ``npm`` of
    ``npm/docs/npm-ci.md`` and ``npm/docs/config.md``, names what the two
    pages share.
    """
    folder = _path_words(PurePosixPath(document.path.replace("\\", "/")).parent.name)
    other_path = _path_words(other.path)
    projects = {term for term in subjects if _contains_word(folder, term) and not _contains_word(other_path, term)}
    if folder and " " not in folder and not _contains_word(other_path, folder):
        # A title that adds words to the folder's name names it too: "飞鱼使用说明" or "飞鱼 Feiyu" in 飞鱼/.
        projects.update(folder for term in subjects if term != folder and _contains_word(term, folder))
    return frozenset(projects)


def _path_words(path: str) -> str:
    """Return the normalised words of a path's folder and file names."""
    return normalize(" ".join(PurePosixPath(path.replace("\\", "/")).parts))


# The target of an inline link or image, or an autolink.
_INLINE_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)|<([a-z][a-z0-9+.-]*:[^>\s]+)>", re.I)
# A link reference definition, and a reference link: full ([text][label]), collapsed ([label][]) or shortcut ([label]).
_DEFINITION_RE = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)", re.M)
_REFERENCE_RE = re.compile(r"\[([^\]\n]+)\](?:\[([^\]\n]*)\]|(?![(:]))")


@lru_cache(maxsize=4096)
def _text_with_links(entry: SectionEntry) -> str:
    """Return a section's normalised own text followed by the link targets of its own lines and their version numbers.

    The plain text of a section leaves link targets out, but a changelog
    stub may name its release only there: "See the [release
    notes](https://example.com/releases/v1.3.0)." under ``## 1.3.0``, or
    a reference link whose definition may be anywhere in the document.
    Cached, because a section is compared with up to ten others.
    """
    body = own_body(entry)
    if "]" not in body and "<" not in body:
        return " ".join(entry.clauses)

    targets = [target for match in _INLINE_TARGET_RE.finditer(body) for target in match.groups() if target]
    if "[" in body:
        definitions = _definitions(entry.document)
        for match in _REFERENCE_RE.finditer(body):
            target = definitions.get(_label(match.group(2) or match.group(1)))
            if target is not None:
                targets.append(target)
    versions = [normalize(version) for target in targets for version in _VERSION_RE.findall(target)]
    return " ".join([*entry.clauses, *map(normalize, targets), *versions])


def own_body(entry: SectionEntry) -> str:
    """Return the source text of a section's own lines: after its heading, before its first subsection."""
    section = entry.section
    source = entry.document.source
    last = min(section.children[0].line - 1 if section.children else section.end_line, source.line_count)
    if last <= section.line:
        return ""
    end = source.offset(last + 1) if last < source.line_count else len(source.text)
    return source.text[source.offset(section.line + 1) : end]


@lru_cache(maxsize=1024)
def _definitions(document: Document) -> dict[str, str]:
    """Map the normalised label of each link reference definition of a document to its target; the first one wins."""
    definitions: dict[str, str] = {}
    for match in _DEFINITION_RE.finditer(document.source.text):
        definitions.setdefault(_label(match.group(1)), match.group(2))
    return definitions


def _label(label: str) -> str:
    """Return a link label as CommonMark matches it: case folded, with runs of white space as one space."""
    return " ".join(label.casefold().split())


# A version number of three or more parts, such as 5.10.1 or 2014.09.24.
_VERSION_RE = re.compile(r"\d+(?:\.\d+){2,}")


@lru_cache(maxsize=4096)
def _subjects(heading: str) -> frozenset[str]:
    """Return the normalised words of a heading that contain a letter, and its version numbers.

    A word of digits only is left out, because a body mentions a number by
    chance, and two headings that differ only in it ("Python 3.11" and
    "Python 3.12") stay compared. A version number of three or more parts
    is kept, as its normalised words (``5 10 1``), because a body that
    names it refers to that release.
    """
    words = {word for word in normalize(heading).split() if not word.isdigit()}
    return frozenset(words | {normalize(version) for version in _VERSION_RE.findall(heading)})


# Minimum letters of a Latin word of a page's title that names the page's subject.
MIN_PAGE_SUBJECT_CHARS = 3


@lru_cache(maxsize=4096)
def _page_subjects(document: Document) -> frozenset[str]:
    """Return the subjects of a page's title: its front matter ``title``, else its first top-level heading, else its file name.

    A Latin word of one or two letters is left out: the "a" of a page titled
    "Guide A" is an article in most bodies. A title of several words also
    counts as one word, because a project's name is often written both
    ways ("Bright Cache" and ``pip install brightcache``).
    """
    title = page_title(document)
    subjects = {word for word in _subjects(title) if len(word) >= MIN_PAGE_SUBJECT_CHARS or is_cjk(word[0])}
    words = normalize(title).split()
    if len(words) > 1:
        subjects.add("".join(words))
    return frozenset(subjects)


def page_title(document: Document) -> str:
    """Return the title of a page: its front matter ``title``, else its first top-level heading, else its file name.

    A README often writes its title as HTML (``<h1 align="center">acme</h1>``),
    which counts as a top-level heading. A page named ``README`` or
    ``index`` takes the name of its folder, which names its project.
    """
    try:
        found = front_matter_value(document, "title")
    except FrontMatterError:
        found = None
    if found is not None and isinstance(found.value, str) and found.value.strip():
        return found.value
    if document.sections and document.sections[0].level == 1:
        return document.sections[0].heading
    html = _HTML_TITLE_RE.search(document.source.text, 0, HTML_TITLE_SEARCH_CHARS)
    if html is not None and _TAG_RE.sub("", html.group(1)).strip():
        return _TAG_RE.sub("", html.group(1))
    path = PurePosixPath(document.path.replace("\\", "/"))
    if path.stem.casefold() in _FOLDER_NAMED_STEMS and path.parent.name:
        return path.parent.name
    return path.stem


# An HTML title near the top of a page, and the tags inside it (a logo, a link).
_HTML_TITLE_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")
HTML_TITLE_SEARCH_CHARS = 4000
# File names of the kind of a page, not of its subject; the folder names the subject.
_FOLDER_NAMED_STEMS = frozenset({"readme", "index", "_index"})


def _names_only(text: str, subject: frozenset[str], other_subject: frozenset[str]) -> bool:
    """Return whether a normalised text contains one of ``subject`` and none of ``other_subject``, as whole words."""
    return _names_any(text, subject) and not _names_any(text, other_subject)


def _names_any(text: str, subject: frozenset[str]) -> bool:
    """Return whether a normalised text contains one of ``subject`` as whole words.

    Normalised Chinese text has no spaces, not even around a Latin name
    ("安装tidepool之前"), so a word may also end at a CJK character, and a
    term of CJK characters may stand anywhere.
    """
    return any(_contains_word(text, term) for term in subject)


def _contains_word(text: str, term: str) -> bool:
    """Return whether a normalised text contains a term bounded by the text's ends, spaces or CJK characters."""
    if not term:
        return False
    if is_cjk(term[0]) and is_cjk(term[-1]):
        return term in text
    start = text.find(term)
    while start != -1:
        end = start + len(term)
        if _is_boundary(text, start - 1) and _is_boundary(text, end):
            return True
        start = text.find(term, start + 1)
    return False


def _is_boundary(text: str, index: int) -> bool:
    """Return whether the character at ``index`` ends a word: outside the text, a space or a CJK character."""
    return index < 0 or index >= len(text) or text[index] == " " or is_cjk(text[index])
