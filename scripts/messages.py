"""Maintain the message catalogs: extract the messages, update the catalogs, compile them.

Usage: python scripts/messages.py update    # extract, then merge into every .po
       python scripts/messages.py compile   # write the .mo file next to every .po

Messages are the strings passed to ``_``, ``N_`` and ``ngettext`` in
``src/doclint``. The catalogs are ``src/doclint/locale/LANG/LC_MESSAGES/doclint.po``;
the compiled ``.mo`` files are committed with them, because doclint loads
them at run time and a wheel built without Babel must still carry them.
The test suite fails when a catalog is missing a message, has one the code
no longer uses, has an empty or fuzzy translation, or when a ``.mo`` file is
older than its ``.po`` file. Needs Babel (in the test extra).
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "doclint"
LOCALE = PACKAGE / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """Return a catalog of every message in the package's source, without locations."""
    catalog = Catalog(project="doclint", charset="utf-8")
    for _filename, _line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message)
    return catalog


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
        missing = sum(1 for message in catalog if message.id and not message.string)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {missing} untranslated")


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
