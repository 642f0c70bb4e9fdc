"""Maintain the message catalogs: extract the messages, update the catalogs, compile them.

Usage: python scripts/messages.py update    # extract, then merge into every .po
       python scripts/messages.py compile   # write the .mo file next to every .po

Messages are the strings passed to ``_``, ``N_``, ``ngettext`` and ``N_plural`` in
``src/doclint``, and the ``x-doclint-message`` templates of the built-in
schemas in ``rules/schemas``, which doclint translates when it fills them
in. The catalogs are ``src/doclint/locale/LANG/LC_MESSAGES/doclint.po``;
the compiled ``.mo`` files are committed with them, because doclint loads
them at run time and a wheel built without Babel must still carry them.
The test suite fails when a catalog is missing a message, has one the code
no longer uses, has an empty or fuzzy translation, or when a ``.mo`` file
differs from a fresh compile of its ``.po`` file. Needs Babel (in the test
extra).
"""

from __future__ import annotations

import json
import sys
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from doclint.schema_message_forms import MESSAGE_KEYWORD, is_by_language

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "doclint"
LOCALE = PACKAGE / "locale"
SCHEMAS = ROOT / "rules" / "schemas"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "N_plural": (1, 2)}


def extract() -> Catalog:
    """Return a catalog of every message in the package's source and the built-in schemas, without locations."""
    catalog = Catalog(project="doclint", charset="utf-8")
    found = [
        *extract_from_dir(PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS),
        *extract_from_dir(SCHEMAS, method_map=[("**.json", extract_schema_messages)]),
    ]
    for _filename, _line, message, _comments, _context in found:
        catalog.add(message)
    return catalog


def extract_schema_messages(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Yield the ``x-doclint-message`` templates of a JSON Schema file (a Babel extraction method).

    JSON has no line numbers once parsed, so every message is given line 0.
    """
    for template in _schema_messages(json.load(fileobj)):
        yield 0, None, template, []


def _schema_messages(value: Any) -> Iterator[str]:
    """Yield every template of the ``x-doclint-message`` keywords inside a parsed schema that doclint translates.

    A message given by language (``{"en": ..., "zh-CN": ...}``) is shown
    as written, so its templates are not extracted.
    """
    if isinstance(value, list):
        for item in value:
            yield from _schema_messages(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == MESSAGE_KEYWORD and isinstance(item, str):
                yield item
            elif key == MESSAGE_KEYWORD and isinstance(item, dict) and not is_by_language(item):
                yield from (template for template in item.values() if isinstance(template, str))
            elif key != MESSAGE_KEYWORD:
                yield from _schema_messages(item)


def po_files() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/doclint.po"))


def update() -> None:
    template = extract()
    for path in po_files():
        with path.open("rb") as handle:
            catalog = read_po(handle)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, omit_header=False, no_location=True)
        missing = sum(1 for message in catalog if message.id and not _translated(message))
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {missing} untranslated")


def _translated(message: Message) -> bool:
    """Tell whether a message has a translation (every plural form of it, for a plural message)."""
    if isinstance(message.string, (list, tuple)):
        return all(message.string)
    return bool(message.string)


def compiled(path: Path) -> bytes:
    """Return the .mo bytes of a .po file."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for path in po_files():
        path.with_suffix(".mo").write_bytes(compiled(path))
        print(f"{path.with_suffix('.mo').relative_to(ROOT)}: written")


if __name__ == "__main__":
    commands = {"update": update, "compile": compile_all}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: {sys.argv[0]} update|compile")
    commands[sys.argv[1]]()
