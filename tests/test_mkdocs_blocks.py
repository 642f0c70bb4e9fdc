"""Admonitions and content tabs: their indented content is Markdown, and its code is checked at its file positions."""

from doclint.model import Admonition, CodeBlock, ContentTab, Paragraph
from doclint.parse import parse_document
from doclint.source import Source

from conftest import FIXTURES

BLOCKS = FIXTURES / "code" / "mkdocs-blocks.md"


def parse(text: str):
    return parse_document(Source.from_text("doc.md", text))


def test_fixture_code_findings_at_file_positions(run_json):
    _, diagnostics = run_json("--no-config", str(BLOCKS))
    assert [(d["rule"], d["line"], d["column"], d["end_column"]) for d in diagnostics] == [
        ("unused-import", 7, 12, 15),
        ("undefined-name", 8, 14, 25),
        ("undefined-name", 13, 11, 23),
        ("unused-import", 18, 12, 14),
        ("undefined-name", 25, 16, 23),
        ("code-syntax-error", 31, 15, 15),
        ("undefined-name", 38, 15, 27),
        ("undefined-name", 45, 15, 27),
    ]


def test_admonition_tree():
    [section] = parse(BLOCKS.read_text(encoding="utf-8")).sections
    note, collapsed, expanded = section.blocks[:3]
    assert (note.line, note.end_line, note.markup, note.tag, note.title) == (3, 9, "!!!", "note", "Note")
    assert [type(block) for block in note.blocks] == [Paragraph, CodeBlock]
    assert note.blocks[0].text == "Install the client first."
    code = note.blocks[1]
    assert (code.line, code.code_line, code.language, code.fenced, code.indent) == (6, 7, "python", True, 4)
    assert code.text == "import sys\nclient = make_client()\n"
    assert (collapsed.markup, collapsed.tag, collapsed.title) == ("???", "tip", "Collapsed")
    assert (expanded.markup, expanded.tag, expanded.title) == ("???+", "example", "展开的示例")


def test_content_tab_tree():
    [section] = parse(BLOCKS.read_text(encoding="utf-8")).sections
    tabs = [block for block in section.blocks if isinstance(block, ContentTab)]
    assert [(tab.line, tab.end_line, tab.markup, tab.title) for tab in tabs] == [
        (21, 26, "===", "Python"),
        (28, 32, "===!", "YAML"),
        (34, 39, "===", "Nested"),
        (48, 52, "===", "Shell"),
    ]
    [inner] = tabs[2].blocks
    assert isinstance(inner, Admonition)
    [code] = inner.blocks
    assert (code.line, code.language, code.indent) == (37, "python", 8)


def test_ast_json_of_admonition_and_tab():
    text = '!!! tip ""\n    Text.\n\n=== "A"\n\n    More.\n'
    document = parse(text)
    assert [block.to_json() for block in document.blocks] == [
        {
            "type": "admonition", "line": 1, "end_line": 2, "markup": "!!!", "tag": "tip", "title": "",
            "blocks": [{"type": "paragraph", "line": 2, "end_line": 2, "text": "Text."}],
        },
        {
            "type": "tab", "line": 4, "end_line": 6, "markup": "===", "title": "A",
            "blocks": [{"type": "paragraph", "line": 6, "end_line": 6, "text": "More."}],
        },
    ]


def test_tab_ends_at_less_indented_line():
    text = '=== "A"\n\n    First.\n\n        code\n\nAfter the tab.\n'
    [tab, after] = parse(text).blocks
    assert (tab.line, tab.end_line) == (1, 5)
    assert [(type(block), block.line) for block in tab.blocks] == [(Paragraph, 3), (CodeBlock, 5)]
    assert (type(after), after.line, after.text) == (Paragraph, 7, "After the tab.")


def test_lines_that_are_no_tab_or_admonition():
    for text in ("=== Python\n\n    code\n", "===\n", "!!!\n    code\n", "    !!! note\n        code\n"):
        document = parse(text)
        assert not any(isinstance(block, (Admonition, ContentTab)) for block in document.blocks), text


def test_setext_heading_stays_a_heading():
    [section] = parse("Title\n===\n\nText.\n").sections
    assert (section.heading, section.setext) == ("Title", True)


def test_untagged_code_in_admonition(run_json, tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("!!! note\n    Run this:\n\n        print(missing)\n", encoding="utf-8")
    _, diagnostics = run_json("--no-config", "--untagged-python", str(path))
    assert [(d["rule"], d["line"], d["column"]) for d in diagnostics] == [("undefined-name", 4, 15)]


def test_unused_import_fix_in_tab(run_cli, tmp_path):
    path = tmp_path / "doc.md"
    path.write_text('=== "Python"\n\n    ```python\n    import os\n    import sys\n    print(sys.argv)\n    ```\n', encoding="utf-8")
    code, _stdout, _stderr = run_cli("check", "--no-config", "--fix", "--unsafe-fixes", str(path))
    assert code == 0
    assert path.read_text(encoding="utf-8") == '=== "Python"\n\n    ```python\n    import sys\n    print(sys.argv)\n    ```\n'
