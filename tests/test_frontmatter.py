import pytest

from doclint.frontmatter import FrontMatterError, front_matter_value
from doclint.parse import parse_document
from doclint.source import Source


def parse(text: str):
    return parse_document(Source.from_text("doc.md", text))


def test_value_and_its_line():
    found = front_matter_value(parse("---\ntitle: x\ndoclint-schema: generic\n---\n# A\n"), "doclint-schema")
    assert found is not None
    assert found.value == "generic"
    assert found.line == 3


def test_value_keeps_yaml_type():
    found = front_matter_value(parse("---\ndoclint-schema:\n  - a\n  - b\n---\n"), "doclint-schema")
    assert found is not None
    assert found.value == ["a", "b"]
    assert found.line == 3


def test_last_duplicate_key_counts():
    found = front_matter_value(parse("---\nkey: first\nkey: second\n---\n"), "key")
    assert found is not None
    assert (found.value, found.line) == ("second", 3)


@pytest.mark.parametrize(
    "text",
    ["# No front matter\n", "---\ntitle: x\n---\n", "---\n- a list\n---\n", "---\n---\n# Empty\n"],
)
def test_missing_key_is_none(text):
    assert front_matter_value(parse(text), "doclint-schema") is None


def test_invalid_yaml_names_line():
    with pytest.raises(FrontMatterError) as raised:
        front_matter_value(parse("---\ntitle: ok\nlist: [a\n---\n"), "doclint-schema")
    assert str(raised.value) == "doc.md:3: invalid YAML in the front matter: expected ',' or ']', but got '<stream end>'"


def test_python_tags_are_not_constructed():
    with pytest.raises(FrontMatterError) as raised:
        front_matter_value(parse("---\nkey: !!python/object/apply:os.system ['true']\n---\n"), "key")
    assert str(raised.value).startswith("doc.md:2: invalid YAML in the front matter: could not determine a constructor")
