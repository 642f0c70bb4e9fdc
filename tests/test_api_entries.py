import pytest

from doclint.api_entries import document_other_entries, name_different_entries
from doclint.parse import parse_document
from doclint.similarity import document_entries
from doclint.source import Source

from conftest import FIXTURES
from test_duplicates import findings

READ = """### `store.read(key, callback)`

* `key` {string} The key to look up.
* `callback` {Function} Called with `(error, value)` when the lookup ends.

Looks up the value kept under `key` and passes it to `callback`. A key that
the store does not hold gives `undefined`. The lookup reads the file on the
thread pool, and keys that the store read before come from its memory.
"""


def entries(text):
    return document_entries(parse_document(Source.from_text("doc.md", text)))


def test_page_of_entries_reports_only_the_stale_copy():
    # A function and its synchronous form, two overloads, two properties and a method of two classes are entries.
    # Only store.delete(key) is reported, because it still shows the text and example of store.readSync(key).
    result = findings(FIXTURES / "api-entries.md", rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(66, 22)]
    assert result[0].message == (
        'section "store.delete(key)" is 100% similar to section "store.readSync(key)" (line 22) after removing the '
        "text most sections share, but their headings name different things; rewrite this section so that it covers "
        "its own heading"
    )


def test_entry_copied_to_another_page_is_reported(tmp_path):
    # Paths are read in sorted order, so cache.md comes first and the copy on store.md is the one reported.
    first, second = tmp_path / "store.md", tmp_path / "cache.md"
    first.write_text(f"# Store\n\n{READ}", encoding="utf-8")
    second.write_text(f"# Cache\n\n{READ}Values longer than a page are read in parts.\n", encoding="utf-8")
    result = findings(first, second, rule="near-duplicate-section")
    assert [(d.path, d.line, d.related[0].path, d.related[0].line) for d in result] == [(str(first), 3, str(second), 3)]
    assert result[0].message.startswith('section "store.read(key, callback)" is ')
    assert result[0].message.endswith("; merge the two or rewrite one so that each says something of its own")


def test_entry_repeated_under_one_parent_is_reported():
    _top, _class, earlier, later = entries(f"# Store\n\n## Class: `Store`\n\n{READ}\n{READ}")
    assert not document_other_entries(later, earlier)


@pytest.mark.parametrize(
    ("heading", "other"),
    [
        ("`fs.copyFile(src, dest, callback)`", "`fs.copyFileSync(src, dest)`"),
        ("`filehandle.read(buffer, offset)`", "`filehandle.read([options])`"),
        ("Static method: `Certificate.verify(data)`", "`certificate.verify(data)`"),
        ("`stats.uid`", "`stats.gid`"),
        ("`napi_get_element`", "`napi_get_property`"),
        ("Class: `Hmac`", "Class: `Hash`"),
        ("Event: `'close'`", "Event: `'finish'`"),
        ("`--coverage-include`", "`--coverage-exclude`"),
        ("`str.split(sep=None) -> list[str]`", "`str.rsplit(sep=None) -> list[str]`"),
    ],
)
def test_headings_that_name_entries(heading, other):
    _top, earlier, later = entries(f"# API\n\n## {other}\n\nThe text of one entry.\n\n## {heading}\n\nThe text of another.\n")
    assert name_different_entries(later, earlier)
    assert document_other_entries(later, earlier)


@pytest.mark.parametrize(
    ("heading", "other"),
    [
        ("Reading values", "Reading entries"),
        ("Tip: Caching", "Tip: Logging"),
        ("Step 1: install", "Step 2: install"),
        ("How do I call foo()?", "How do I call bar()?"),
        ("Version 1.2", "Version 1.3"),
    ],
)
def test_headings_that_name_no_entry(heading, other):
    _top, earlier, later = entries(f"# Guide\n\n## {other}\n\nThe text of one part.\n\n## {heading}\n\nThe text of another.\n")
    assert not name_different_entries(later, earlier)
    assert not document_other_entries(later, earlier)


def test_prose_sections_still_reported(tmp_path):
    body = (
        "Open the settings page and choose the storage tab. Pick the folder where the values are kept, then press "
        "save and wait until the page shows the new folder.\n"
    )
    page = tmp_path / "guide.md"
    page.write_text(f"# Guide\n\n## Moving the values\n\n{body}\n## Moving the entries\n\n{body}", encoding="utf-8")
    result = findings(page, rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(7, 3)]
