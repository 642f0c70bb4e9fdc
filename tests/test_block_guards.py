import string
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from doclint.block_guards import guard_block_rules
from doclint.content_tabs import content_tabs_plugin
from doclint.parse import markdown_parser
from doclint.toml_front_matter import toml_front_matter_plugin

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(
    path
    for folder in (ROOT / "fixtures", ROOT / "tests")
    for path in folder.rglob("*")
    if path.suffix in (".md", ".txt") and path.is_file()
)


def unguarded_parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(front_matter_plugin)
        .use(toml_front_matter_plugin)
        .use(admon_plugin)
        .use(content_tabs_plugin)
        .disable("inline")
    )


def tokens(parser: MarkdownIt, text: str) -> list[dict]:
    return [token.as_dict() for token in parser.parse(text, {})]


def test_markdown_parser_guards_ten_rules():
    rules = {rule.name: rule.fn for rule in markdown_parser().block.ruler.__rules__}
    plain = {rule.name: rule.fn for rule in unguarded_parser().block.ruler.__rules__}

    assert [name for name in rules if rules[name] is not plain[name]] == [
        "front_matter",
        "table",
        "admonition",
        "fence",
        "blockquote",
        "hr",
        "list",
        "reference",
        "html_block",
        "heading",
    ]


def test_guards_keep_alt_chains():
    guarded = guard_block_rules(unguarded_parser()).block.ruler
    plain = unguarded_parser().block.ruler

    for chain in ("", "paragraph", "reference", "blockquote", "list"):
        assert len(guarded.getRules(chain)) == len(plain.getRules(chain)), chain


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_guards_same_tokens_fixtures(path):
    text = path.read_bytes().decode("utf-8", "replace")

    assert tokens(markdown_parser(), text) == tokens(unguarded_parser(), text)


def test_guards_fixtures_found():
    assert len(DOCUMENTS) >= 20


FIRST_CHARACTERS = sorted(set(string.printable) - set("\n\r\x0b\x0c") | set("：一#＃"))


@pytest.mark.parametrize("character", FIRST_CHARACTERS)
def test_guards_same_tokens_any_first_character(character):
    line = f"{character} a"
    texts = [
        line,
        f"{character}. a",
        character * 3,
        f"text\n{line}",
        f"- item\n{line}",
        f"> quote\n{line}",
        f"a | b\n{character}-|--\nc | d",
        f"{character}--\ntitle: x\n---",
    ]

    for text in texts:
        assert tokens(markdown_parser(), text) == tokens(unguarded_parser(), text), text


# Lines that start or end every kind of block, in and out of lists and quotes.
LINES = st.sampled_from(
    [
        "",
        "text",
        "第一段文字",
        "# heading",
        "#no heading",
        "## 14. 题目",
        "Title",
        "===",
        "---",
        "***",
        "___",
        "- item",
        "-",
        "* item",
        "+ item",
        "1. item",
        "2) item",
        "10. item",
        "9. item",
        "0) item",
        "> quote",
        ">",
        "```python",
        "```",
        "~~~",
        "    indented code",
        "  - nested",
        "   > quoted",
        "| a | b |",
        "|---|---|",
        "| - | : |",
        ":--|--:",
        "a | b",
        "<div>",
        "</div>",
        "<!-- doclint-disable -->",
        "[ref]: https://example.com",
        "[ref]:",
        "\t- tab item",
        "**答案：** B",
        "!!! note",
        '!!! tip "A title"',
        "??? example",
        "???+ warning",
        '=== "Python"',
        '===+ "Shell"',
        "===",
        "    text",
        "    ```python",
        "    ```",
        "        deeper",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=14))
@example(["---", "title: x", "---", "# Heading"])
@example(["a | b", "-- | --", "c | d"])
@example(["- a", "- b", "", "  c"])
@example(["> - a", "> ---", "b"])
def test_guards_same_tokens_generated_markdown(lines):
    text = "\n".join(lines)

    assert tokens(markdown_parser(), text) == tokens(unguarded_parser(), text)
