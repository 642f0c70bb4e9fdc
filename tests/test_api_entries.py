import pytest

from doclint.api_entries import document_other_entries, name_different_entries

from conftest import FIXTURES
from test_duplicates import findings
from test_heading_templates import entries

READ = """### `store.read(key, callback)`

* `key` {string} The key to look up.
* `callback` {Function} Called with `(error, value)` when the lookup ends.

Looks up the value kept under `key` and passes it to `callback`. A key that
the store does not hold gives `undefined`. The lookup reads the file on the
thread pool, and keys that the store read before come from its memory.
"""



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
    ("heading", "other", "expected"),
    [("`writer.closed`", "`reader.closed`", True), ("`queue.append(message)`", "`queue.push(message)`", False)],
)
def test_same_text_under_two_entries(heading, other, expected):
    body = "Is true after the stream has emitted its close event, and false before.\n"
    _top, earlier, later = entries(f"# API\n\n## {other}\n\n{body}\n## {heading}\n\n{body}")
    assert document_other_entries(later, earlier) is expected


def test_same_parameter_list_under_two_entries():
    body = "* `buffer` {Buffer|string} The data to compress.\n* `callback` {Function} Called with the result.\n"
    text = f"# API\n\n## `zlib.deflate(buffer, callback)`\n\n{body}\n## `zlib.gzip(buffer, callback)`\n\n{body}"
    _top, earlier, later = entries(text)
    assert document_other_entries(later, earlier)


@pytest.mark.parametrize(
    ("heading", "other", "expected"),
    [
        ("`fs.copyFile(src, dest, callback)`", "`fs.copyFileSync(src, dest)`", True),
        ("`filehandle.read(buffer, offset)`", "`filehandle.read([options])`", True),
        ("Static method: `Certificate.verify(data)`", "`certificate.verify(data)`", True),
        ("`stats.uid`", "`stats.gid`", True),
        ("`napi_get_element`", "`napi_get_property`", True),
        ("Class: `Hmac`", "Class: `Hash`", True),
        ("Event: `'close'`", "Event: `'finish'`", True),
        ("`--coverage-include`", "`--coverage-exclude`", True),
        ("`str.split(sep=None) -> list[str]`", "`str.rsplit(sep=None) -> list[str]`", True),
        ("Reading values", "Reading entries", False),
        ("Tip: Caching", "Tip: Logging", False),
        ("Step 1: install", "Step 2: install", False),
        ("How do I call foo()?", "How do I call bar()?", False),
        ("Version 1.2", "Version 1.3", False),
    ],
)
def test_headings_that_name_entries(heading, other, expected):
    _top, earlier, later = entries(f"# API\n\n## {other}\n\nThe text of one part.\n\n## {heading}\n\nThe text of another.\n")
    assert name_different_entries(later, earlier) is expected
    assert document_other_entries(later, earlier) is expected


def test_prose_sections_still_reported(tmp_path):
    body = (
        "Open the settings page and choose the storage tab. Pick the folder where the values are kept, then press "
        "save and wait until the page shows the new folder.\n"
    )
    page = tmp_path / "guide.md"
    page.write_text(f"# Guide\n\n## Moving the values\n\n{body}\n## Moving the entries\n\n{body}", encoding="utf-8")
    result = findings(page, rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(7, 3)]


def test_entry_on_two_pages_reported(tmp_path):
    body = "* `buffer` {Buffer|string} The data to compress, at most one block of the stream.\n"
    body += "* `callback` {Function} Called with the compressed data or the error of the compression.\n"
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(f"# Zlib\n\n## `zlib.gzip(buffer, callback)`\n\n{body}", encoding="utf-8")
    second.write_text(f"# Streams\n\n## `zlib.gzip(buffer, callback)`\n\n{body}", encoding="utf-8")
    _top, earlier = entries(first.read_text(encoding="utf-8"))
    _top, later = entries(second.read_text(encoding="utf-8"))
    assert not document_other_entries(later, earlier)


def test_entries_marked_with_prompt_sign(tmp_path):
    # Some READMEs write each call as "> name(arguments) -> result", with an anchor before it.
    body = (
        "Searches the registry for packages that match `query` and gives their names, descriptions and "
        "versions. `opts` may set the registry, the number of results and the weights of quality, "
        "popularity and maintenance in the score.\n\n"
    )
    page = tmp_path / "README.md"
    page.write_text(
        "# libsearch\n\n## API\n\n"
        f'### <a name="search"></a> `> search(query, [opts]) -> Promise`\n\n{body}'
        f'### <a name="search-stream"></a> `> search.stream(query, [opts]) -> Stream`\n\n{body.replace("gives", "streams")}',
        encoding="utf-8",
    )
    assert findings(page, rule="near-duplicate-section") == []


@pytest.mark.parametrize("key", ["diff-{side}-prefix", "diff{Side}Prefix"], ids=["hyphens", "camel-case"])
def test_configuration_keys(tmp_path, key):
    page = tmp_path / "diff.md"
    entry = (
        "#### `" + key + "`\n\n* Default: \"{default}\"\n* Type: String\n\n"
        "The prefix to use for the {name} files in the output of the diff command, before the path of each file.\n\n"
    )
    page.write_text(
        "# diff\n\n## Configuration\n\n"
        + entry.format(side="src", Side="Src", default="a/", name="source")
        + entry.format(side="dst", Side="Dst", default="b/", name="destination"),
        encoding="utf-8",
    )
    assert findings(page, rule="near-duplicate-section") == []


@pytest.mark.parametrize("mark", ["", "`"], ids=["plain", "code"])
def test_prose_headings_with_hyphens_not_entries(tmp_path, mark):
    page = tmp_path / "deploy.md"
    body = "Install the server package, copy the sample settings file to the config folder and start the service{end}.\n\n"
    page.write_text(
        f"# Deploy guide\n\n## {mark}on-premises{mark}\n\n" + body.format(end="") + f"## {mark}in-cloud{mark}\n\n" + body.format(end=" on a VM"),
        encoding="utf-8",
    )
    assert [d.line for d in findings(page, rule="near-duplicate-section")] == [7]
