"""No text file of the repository keeps the markers of an unresolved merge conflict.

A conflict in a README or a rule page still parses as Markdown, and the
pages ship with the wheel (``doclint explain``), so only this test stops
such a file.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["docs", "src", "rules", "fixtures", "tests", "scripts", "bench"]
SUFFIXES = {".md", ".py", ".po", ".toml", ".json", ".yaml", ".yml", ".txt"}
_MARKER_RE = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.MULTILINE)


def text_files():
    yield from (ROOT / name for name in ("README.md", "README.zh-CN.md", "pyproject.toml"))
    for folder in FOLDERS:
        yield from (path for path in sorted((ROOT / folder).rglob("*")) if path.suffix in SUFFIXES and path.is_file())


def test_no_conflict_markers():
    marked = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
        for path in text_files()
        for text in [path.read_text(encoding="utf-8", errors="replace")]
        for match in _MARKER_RE.finditer(text)
    ]
    assert marked == []
