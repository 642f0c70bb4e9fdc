"""Reading keys from a document's YAML or TOML front matter.

The section tree keeps front matter as raw text, and its keys as JSON for
schemas (``front_matter_data``). This module parses it with the same
loader (PyYAML's safe loader with YAML 1.2 booleans) when a rule needs a
key, and also returns the line of the key's value so that a problem with
the value can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from doclint.front_matter_data import front_matter_loader, load_yaml
from doclint.i18n import _
from doclint.model import Document, FrontMatter

if TYPE_CHECKING:
    import yaml


class FrontMatterError(Exception):
    """Front matter that is not valid YAML or TOML. The message names the document and the line."""


@dataclass(frozen=True)
class FrontMatterValue:
    value: Any
    """The value as ``front_matter_data.front_matter_loader`` builds it (a string, a number, a list, ...)."""
    line: int
    """The document line where the value starts."""


def front_matter_value(document: Document, key: str) -> FrontMatterValue | None:
    """Return the value of a top-level front matter key, or None when the key or the front matter is absent.

    Raises FrontMatterError when the front matter is not valid YAML or TOML,
    or nests too deeply to read. When the key occurs twice, the last value
    counts, as in PyYAML.
    """
    front_matter = document.front_matter
    if front_matter is None:
        return None
    try:
        return _format_value(document, front_matter, key)
    except RecursionError:
        # Both parsers recurse once per nested bracket, so thousands of them exhaust the stack.
        raise FrontMatterError(
            _("{path}:{line}: the front matter nests too deeply to read; keep its lists and tables a few levels deep").format(
                path=document.path, line=front_matter.line
            )
        ) from None


def _format_value(document: Document, front_matter: FrontMatter, key: str) -> FrontMatterValue | None:
    """Return the value and line of a top-level key of YAML or TOML front matter, as ``front_matter_value`` does."""
    if front_matter.format == "toml":
        return _toml_value(document, front_matter, key)

    # PyYAML is imported only for documents that have front matter.
    import yaml

    # The text starts on the line after the opening "---".
    first_line = front_matter.line + 1
    try:
        # Every value is read, not only the key's, so that a value that gives the section tree no
        # data, such as "!!int abc" under another key, is reported with its line here too.
        load_yaml(front_matter.text)
        return _find_value(front_matter.text, key, first_line)
    except yaml.YAMLError as error:
        raise FrontMatterError(_describe_yaml_error(document, error, first_line)) from None


def _find_value(text: str, key: str, first_line: int) -> FrontMatterValue | None:
    """Compose the YAML into nodes, which keep their lines, and build only the key's value."""
    import yaml

    root = yaml.compose(text, Loader=front_matter_loader())
    if not isinstance(root, yaml.MappingNode):
        return None

    found: FrontMatterValue | None = None
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            value = front_matter_loader()("").construct_object(value_node, deep=True)
            # An alias (*name) composes to the node of its anchor, which starts on an earlier line than the key.
            line = max(key_node.start_mark.line, value_node.start_mark.line)
            found = FrontMatterValue(value, first_line + line)
    return found


def _toml_value(document: Document, front_matter: FrontMatter, key: str) -> FrontMatterValue | None:
    """Return the value and line of a top-level key of TOML front matter, raising FrontMatterError for invalid TOML."""
    from doclint.toml_front_matter import key_line, toml_data, toml_decode_error

    first_line = front_matter.line + 1
    try:
        table = toml_data(front_matter.text)
    except toml_decode_error():
        raise FrontMatterError(_describe_toml_error(document, front_matter)) from None

    if key not in table:
        return None
    line = key_line(front_matter.text, key, first_line)
    return FrontMatterValue(table[key], line if line is not None else front_matter.line)


def _describe_toml_error(document: Document, front_matter: FrontMatter) -> str:
    from doclint.data_syntax import toml_failure

    index, problem = toml_failure(front_matter.text)
    if index is None:
        # The text lacks its last line break, so tomllib puts an error in the last line, such as a
        # repeated key, at the end. With the break back it names that line. The first message is
        # kept, because "Unterminated string" is clearer than "Illegal character '\n'". An unclosed
        # array is still at the end, and is shown on the closing +++ line.
        index, _problem = toml_failure(front_matter.text + "\n")
    line = front_matter.line + 1 + index if index is not None else front_matter.end_line
    return _("{path}:{line}: invalid TOML in the front matter: {problem}").format(
        path=document.path, line=line, problem=problem
    )


def _describe_yaml_error(document: Document, error: yaml.YAMLError, first_line: int) -> str:
    mark = getattr(error, "problem_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    problem = getattr(error, "problem", None) or str(error)
    return _("{path}:{line}: invalid YAML in the front matter: {problem}").format(
        path=document.path, line=line, problem=problem
    )
