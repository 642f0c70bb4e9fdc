"""Two sections of an API reference that document two different functions, methods or properties.

Reference pages give each function, method or overload a section under a
heading that is its call signature: ``fs.copyFile(src, dest[, mode],
callback)`` and ``fs.copyFileSync(src, dest[, mode])``, or
``filehandle.read(buffer, offset, length, position)`` and
``filehandle.read([options])``. The synchronous and asynchronous forms of
a call, or two overloads, share most of their text by design: the same
parameters, the same notes, an example that differs in one name. Their
bodies score far above the near-duplicate threshold, yet each section
documents its own entry, and merging them would lose one. The same holds
for properties under headings such as ``stats.uid`` and ``stats.gid``,
and for configuration keys such as ``diff-src-prefix`` and
``diff-dst-prefix``, or ``labelBefore`` and ``labelAfter``.

A later entry still counts as a copy when its own text is the earlier
one's word for word. Two exceptions are one member of two objects
(``readable.closed`` and ``writable.closed``) and a text with no
paragraph, only a parameter list, as under ``zlib.gzip(buffer,
callback)`` and ``zlib.deflate(buffer, callback)``. It also counts as a copy
when its body names the earlier entry's function and not its own, as a
section pasted under a new signature and never adapted does. That test
is skipped when one name contains the other. Names are matched as whole
identifiers in the section's own lines, code blocks included, because
reference sections often name their function only in the example. The
other entry's name counts only in code, a code span or a code block,
because in prose it may be an ordinary word ("only keys that start
with this text" under ``Cache.items``, next to ``Cache.keys``). The same
test tells a stale part of an entry (``doclint.reference_parts``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from doclint.heading_templates import own_body
from doclint.model import Paragraph
from doclint.qa import is_item
from doclint.similarity import SectionEntry

_NAME = r"[A-Za-z_$][\w$]*(?:(?:\.|::|#|->)[A-Za-z_$][\w$]*|\[[^\]\s]+\])*"
# Labels of entry headings: "Class: ", "Static method: ", "Event: ".
_LABELS = (
    "Class|Interface|Struct|Enum|Type|Trait|Module|Namespace|Package|Event|Method|Static method|Instance method|"
    "Function|Property|Static property|Attribute|Field|Constant|Macro|Option|Setting|Hook|Command|Error|Exception"
)
_NAMED_FORMS = (
    # A call signature with an optional keyword and return annotation: ``fs.promises.open(path)``,
    # ``Foo::bar()``, ``filehandle[Symbol.asyncDispose]()``, ``str.split(sep=None) -> list[str]``.
    rf"(?:(?:new|static|async|class|def|function|method)\s+)?(?P<name>{_NAME})"
    r"\s*\([^()]*(?:\([^()]*\)[^()]*)*\)(?:\s*(?:->|:)\s*\S.*)?",
    # A property, a name of two or more parts: ``stats.uid``.
    rf"(?P<property>[A-Za-z_$][\w$]*(?:\.|::|#){_NAME})",
    # An identifier with an underscore: ``napi_get_property``, ``ERR_INVALID_ARG_TYPE``.
    r"(?P<identifier>[A-Za-z$][\w$]*_[\w$]*)",
    # A quoted event name: ``'close'``.
    r"""(?P<event>'[^'\s]+'|"[^"\s]+")""",
    # A configuration key: a lower-case name with hyphens (``diff-src-prefix``) or in camelCase (``labelBefore``).
    r"(?P<key>[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+)",
)
# The heading of an entry: a name after a label ("Class: Hmac"), a command line option
# (``--coverage-include``, ``--dns-result-order=order``), or one of the named forms after an optional label.
# Some READMEs mark each call with ">" (``> search(query, [opts]) -> Promise``), which is left out.
_ENTRY_RE = re.compile(
    rf"(?:{_LABELS}):\s*(?P<labelled>[A-Za-z_$][\w$]*)"
    r"|(?P<option>--?[A-Za-z][\w-]*(?:[= ]?[\w<>\[\]-]+)?)"
    rf"|(?:>\s*)?(?:(?:{_LABELS}):\s*)?(?:{'|'.join(_NAMED_FORMS)})"
)
_IDENTIFIER_RE = re.compile(r"[A-Za-z_$][\w$]*")
_CODE_SPAN_RE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1", re.DOTALL)
_FENCED_RE = re.compile(r"^ {0,3}(?:```|~~~)[^\n]*\n(.*?)^ {0,3}(?:```|~~~)", re.MULTILINE | re.DOTALL)


def document_other_entries(later: SectionEntry, earlier: SectionEntry) -> bool:
    """Return whether two sections document two entries of an API reference, and the later one is adapted to its own.

    Both headings must name entries. Two equal headings count as two
    entries when they are on one page under parent sections with different
    headings, as the ``close()`` methods of two classes are. Q&A items are
    left to ``doclint.distinct_items``.
    """
    if is_item(later.section) or is_item(earlier.section):
        return False
    parts, other_parts = _entry_parts(later), _entry_parts(earlier)
    if parts is None or other_parts is None:
        return False
    if _compact(later.section.heading) == _compact(earlier.section.heading):
        # One entry documented twice: two pages, or one page under one parent, repeat it.
        return later.document is earlier.document and _parent_heading(later) != _parent_heading(earlier)
    if later.clauses == earlier.clauses:
        # Text repeated word for word is a copy, unless it documents one member of two objects, as
        # ``readable.closed`` and ``writable.closed`` do, or it has no paragraph, only a parameter list.
        if not any(isinstance(block, Paragraph) for block in later.section.blocks):
            return True
        member = _member(later.section.heading)
        return member is not None and member == _member(earlier.section.heading) and parts != other_parts

    # Of two forms of one function, such as ``cp`` and ``cpSync``, the shorter name in a body may mean the
    # other entry, a shell command (``cp dir1/ dir2/``) or a system call (``fdatasync(2)``).
    return not names_other_entry(own_body(later), later.section.heading, earlier.section.heading)


def name_different_entries(later: SectionEntry, earlier: SectionEntry) -> bool:
    """Return whether two sections' headings name two different entries of an API reference.

    Merging two such sections would lose one entry, so a copy among them
    needs rewriting for its own heading.
    """
    parts, other_parts = _entry_parts(later), _entry_parts(earlier)
    if parts is None or other_parts is None:
        return False
    return _compact(later.section.heading) != _compact(earlier.section.heading)


def names_other_entry(text: str, heading: str, other_heading: str) -> bool:
    """Return whether a text under the entry ``heading`` names the entry ``other_heading`` and not its own, as a stale paste does.

    Both headings must name entries, and neither name may contain the
    other (``cp`` and ``cpSync``), as for whole entries above.
    """
    parts, other_parts = _name_parts(heading), _name_parts(other_heading)
    if parts is None or other_parts is None:
        return False
    own, other = parts - other_parts, other_parts - parts
    if not own or not other or any(_contains_either(part, other_part) for part in own for other_part in other):
        return False
    return _names_any(_code_of(text), other) and not _names_any(text, own)


def _code_of(text: str) -> str:
    """Return the code spans and the lines of the fenced code blocks of a Markdown text, one per line.

    A name in prose may be an ordinary word ("only keys that start with
    this text"), while a name in code is the API's.
    """
    spans = [match.group(2) for match in _CODE_SPAN_RE.finditer(text)]
    return "\n".join([*spans, *(match.group(1) for match in _FENCED_RE.finditer(text))])


@lru_cache(maxsize=4096)
def _entry_parts(entry: SectionEntry) -> frozenset[str] | None:
    """Return the identifiers of the entry that a section's heading names, or None when it names none.

    A lower-case name with hyphens or in camelCase names a configuration
    key only when the heading writes it as code (``#### `diff-src-prefix` ``)
    and the section gives its default or type, because headings of prose
    have such words too ("on-premises", "in-cloud", "iPhone").
    """
    match = _ENTRY_RE.fullmatch(entry.section.heading.strip())
    if match is None:
        return None
    if match.group("key") is not None and not _documents_key(entry):
        return None
    return _name_parts(entry.section.heading)


# A line that gives a configuration key's default or type: "* Default: false", "Type: String", "- 默认值：0".
_KEY_FACT_RE = re.compile(r"^\W*(?:default|type|默认值?|类型)\s*[:：]", re.IGNORECASE | re.MULTILINE)


def _documents_key(entry: SectionEntry) -> bool:
    """Return whether a section headed by a name in code gives that key's default or type, as a reference does."""
    source = entry.document.source
    if "`" not in source.line_text(entry.section.line):
        return False
    lines = "\n".join(source.line_text(line) for line in range(entry.section.line + 1, entry.section.end_line + 1))
    return _KEY_FACT_RE.search(lines) is not None


def _name_parts(heading: str) -> frozenset[str] | None:
    """Return the identifiers of the name of the entry that a heading is, or None when it is no entry's heading."""
    match = _ENTRY_RE.fullmatch(heading.strip())
    if match is None:
        return None
    groups = match.group("labelled", "option", "name", "property", "identifier", "event", "key")
    name = next(group for group in groups if group is not None)
    return frozenset(_IDENTIFIER_RE.findall(name))


@lru_cache(maxsize=4096)
def _member(heading: str) -> str | None:
    """Return the last identifier of a call signature's or a property's name (``closed`` of ``readable.closed``)."""
    match = _ENTRY_RE.fullmatch(heading.strip())
    name = match and (match.group("name") or match.group("property"))
    if not name:
        return None
    identifiers = _IDENTIFIER_RE.findall(name)
    return identifiers[-1] if identifiers else None


def _contains_either(part: str, other_part: str) -> bool:
    """Return whether one of two names contains the other, ignoring case (``Certificate`` and ``certificate``)."""
    part, other_part = part.casefold(), other_part.casefold()
    return part in other_part or other_part in part


def _parent_heading(entry: SectionEntry) -> str | None:
    """Return the heading of the section that directly contains ``entry``'s section, or None at the top level."""
    for outer in entry.document.walk():
        if any(child is entry.section for child in outer.children):
            return outer.heading
    return None


def _compact(heading: str) -> str:
    return "".join(heading.split())


def _names_any(text: str, names: frozenset[str]) -> bool:
    """Return whether a text contains one of ``names`` as a whole identifier."""
    return any(re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", text) for name in names)
