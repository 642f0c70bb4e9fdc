from doclint.heading_templates import fill_one_template, keeps_other_heading
from doclint.parse import parse_document
from doclint.similarity import document_entries
from doclint.source import Source

from conftest import FIXTURES
from test_duplicates import findings


def entries(text):
    return document_entries(parse_document(Source.from_text("doc.md", text)))


def test_adapted_sections_not_reported():
    page = FIXTURES / "heading-templates.md"
    result = findings(page, rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(19, 15)]
    assert result[0].message == (
        'section "Version 0.4.2" is 100% similar to section "Version 0.4.3" (line 15) after removing the text most '
        "sections share, but their headings name different things; rewrite this section so that it covers its own heading"
    )


def test_chinese_sections_adapted_to_headings():
    result = findings(FIXTURES / "heading-templates-zh.md", rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(11, 7)]
    assert result[0].message == (
        'section "作者" is 100% similar to section "版本" (line 7) after removing the text most sections share, '
        "but their headings name different things; rewrite this section so that it covers its own heading"
    )


def test_own_heading_words_fill_template():
    _top, name, version = entries(
        "# API\n\n## name\n\nThe name of the package.\n\n## version\n\nThe version of the package.\n"
    )
    assert fill_one_template(version, name)


def test_word_missing_from_heading_not_template():
    _top, name, version = entries(
        "# API\n\n## name\n\nThe name of the package.\n\n## version\n\nThe size of the package.\n"
    )
    assert not fill_one_template(version, name)


def test_words_of_other_length_fill_template():
    _top, first, second = entries(
        "# API\n\n## id\n\nThe id of the user, as the server sends it.\n\n"
        "## display name\n\nThe display name of the user, as the server sends it.\n"
    )
    assert fill_one_template(second, first)


def test_equal_bodies_not_template():
    _top, first, second = entries("# API\n\n## name\n\nThe package.\n\n## version\n\nThe package.\n")
    assert not fill_one_template(second, first)


def test_items_not_template():
    _top, first, second = entries(
        "# Q\n\n## 1. stack\n\n**Question:** What is a stack?\n\n**Answer:** A stack of plates.\n\n"
        "## 2. queue\n\n**Question:** What is a queue?\n\n**Answer:** A queue of plates.\n"
    )
    assert not fill_one_template(second, first)


def test_stale_copy_keeps_other_heading():
    _top, version, author = entries(
        "# Ref\n\n## version\n\nThe version of the package.\n\n## author\n\nThe version of the package.\n"
    )
    assert keeps_other_heading(author, version)


def test_body_naming_both_headings_not_stale():
    _top, version, author = entries(
        "# Ref\n\n## version\n\nThe version and author.\n\n## author\n\nThe version and author.\n"
    )
    assert not keeps_other_heading(author, version)
