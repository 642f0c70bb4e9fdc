"""TOML front matter between +++ lines: the section tree, its data for schemas, the doclint-schema key and errors."""

import json
import logging
from pathlib import Path

import pytest

from doclint.engine import run
from doclint.front_matter_data import front_matter_key_line
from doclint.frontmatter import FrontMatterError, front_matter_value
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source
from doclint.toml_front_matter import key_line

from conftest import FIXTURES

HUGO_PAGE = """\
+++
title = "Deploys"
draft = false
date = 2026-12-05
tags = ["ops", "ci"]

[params]
owner = "ops"
+++
# Deploys

Run the pipeline.

+++

## Rollback

Revert the commit.
"""

OWNER_SCHEMA = {
    "properties": {
        "front_matter": {
            "properties": {
                "data": {
                    "required": ["owner"],
                    "properties": {"draft": {"type": "boolean"}, "review-date": {"format": "date"}},
                }
            }
        }
    }
}


def parse(text: str):
    return parse_document(Source.from_text("doc.md", text))


def schema_findings(path, **settings):
    result = run([str(path)], Settings(**settings))
    assert result.errors == []
    return [(d.line, d.message) for d in result.diagnostics if d.rule == "schema-violation"]


def test_toml_block_is_front_matter():
    document = parse(HUGO_PAGE)
    assert document.front_matter is not None
    assert (document.front_matter.line, document.front_matter.end_line, document.front_matter.format) == (1, 9, "toml")
    assert document.front_matter.text.splitlines()[0] == 'title = "Deploys"'
    assert [(section.line, section.title) for section in document.walk()] == [(10, "Deploys"), (16, "Rollback")]


def test_plus_line_in_body_is_text():
    document = parse(HUGO_PAGE)
    paragraphs = [block.text for block in document.sections[0].blocks]
    assert paragraphs == ["Run the pipeline.", "+++"]
    assert document.sections[0].blocks[1].line == 14


@pytest.mark.parametrize(
    "text",
    ["# Title\n\n+++\ntitle = 'x'\n+++\n", "+++\ntitle = 'x'\n\n# Title\n", " +++\ntitle = 'x'\n+++\n# Title\n"],
    ids=["not-first-line", "unclosed", "indented"],
)
def test_not_toml_front_matter(text):
    assert parse(text).front_matter is None


def test_yaml_front_matter_format():
    document = parse("---\ntitle: x\n---\n# A\n")
    assert document.front_matter.format == "yaml"
    assert document.to_json()["front_matter"]["format"] == "yaml"


def test_toml_data_as_json():
    front_matter = parse(HUGO_PAGE).to_json()["front_matter"]
    assert front_matter["format"] == "toml"
    assert front_matter["data"] == {
        "title": "Deploys",
        "draft": False,
        "date": "2026-12-05",
        "tags": ["ops", "ci"],
        "params": {"owner": "ops"},
    }


def test_toml_times_in_iso_8601():
    text = "+++\nat = 1979-05-27T07:32:00-08:00\nlocal = 1979-05-27T07:32:00\nwake = 07:32:00\n+++\n"
    data = parse(text).to_json()["front_matter"]["data"]
    assert data == {"at": "1979-05-27T07:32:00-08:00", "local": "1979-05-27T07:32:00", "wake": "07:32:00"}


def test_invalid_toml_has_no_data():
    assert parse('+++\ntitle = "x\n+++\n').to_json()["front_matter"]["data"] is None


def test_toml_key_line_skips_strings_and_tables():
    text = 'text = """\nowner = "in a string"\n"""\nlist = [\n  "owner = 1",\n]\n[params]\nowner = "table"\n'
    assert key_line(text, "owner", 2) is None
    assert key_line(text + "", "list", 2) == 5
    assert key_line('"owner" = "a"\n', "owner", 2) == 2
    assert key_line("owner.team = 'a'\n", "owner", 2) == 2
    assert front_matter_key_line("title = 'a'\nowner = 'b'\n", "owner", 2, "toml") == 3


def test_toml_key_line_of_table_header():
    assert key_line("title = 'a'\n\n[params]\nowner = 1\n", "params", 2) == 4
    assert key_line("[[params]]\nowner = 1\n", "params", 2) == 2
    assert key_line("[ params.team ]\nowner = 1\n", "params", 2) == 2
    assert key_line('title = """\n[params]\n"""\n[params]\n', "params", 2) == 5
    assert key_line("[parameters]\nowner = 1\n", "params", 2) is None


@pytest.mark.parametrize(
    ("params", "front_matter", "finding"),
    [
        (
            {"properties": {"owner": {"type": "string"}}},
            'title = "x"\n\n[params]\nowner = 1\n',
            (4, 'the front matter key params.owner is 1; the schema requires the type "string"'),
        ),
        (
            {"required": ["owner"]},
            'title = "x"\n[params]\nteam = "a"\n',
            (3, "the front matter key params has no owner key; add owner under it with its value"),
        ),
    ],
)
def test_toml_table_finding_at_header(tmp_path, params, front_matter, finding):
    schema = {"properties": {"front_matter": {"properties": {"data": {"properties": {"params": params}}}}}}
    (tmp_path / "params.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    path = tmp_path / "page.md"
    path.write_text(f"+++\n{front_matter}+++\n# Page\n\ntext\n", encoding="utf-8")

    assert schema_findings(path, schema=str(tmp_path / "params.schema.json")) == [finding]


def test_toml_schema_key_value_and_line():
    found = front_matter_value(parse('+++\ntitle = "x"\ndoclint-schema = "generic"\n+++\n# A\n'), "doclint-schema")
    assert found is not None
    assert (found.value, found.line) == ("generic", 3)
    assert front_matter_value(parse('+++\n[params]\ndoclint-schema = "generic"\n+++\n'), "doclint-schema") is None


def test_invalid_toml_names_line():
    with pytest.raises(FrontMatterError) as caught:
        front_matter_value(parse('+++\ntitle = "x"\ndraft = yes\n+++\n# A\n'), "doclint-schema")
    assert str(caught.value) == "doc.md:3: invalid TOML in the front matter: Invalid value"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('+++\ntitle = "x"\ntitle = "y"\n+++\n# A\n', "doc.md:3: invalid TOML in the front matter: Cannot overwrite a value"),
        ('+++\ntitle = "x"\ndraft =\n+++\n# A\n', "doc.md:3: invalid TOML in the front matter: Invalid value"),
    ],
)
def test_toml_error_in_last_line_named_there(text, message):
    with pytest.raises(FrontMatterError) as caught:
        front_matter_value(parse(text), "doclint-schema")
    assert str(caught.value) == message


def test_unclosed_toml_array_named_at_closing_line():
    with pytest.raises(FrontMatterError) as caught:
        front_matter_value(parse("+++\ntags = [1,\n+++\n# A\n"), "doclint-schema")
    assert str(caught.value).startswith("doc.md:3: invalid TOML in the front matter: ")


def test_toml_front_matter_chooses_schema(tmp_path):
    (tmp_path / "owner.schema.json").write_text(json.dumps(OWNER_SCHEMA), encoding="utf-8")
    path = tmp_path / "deploys.md"
    path.write_text('+++\ntitle = "Deploys"\ndraft = "no"\ndoclint-schema = "owner.schema.json"\n+++\n# Deploys\n\ntext\n', encoding="utf-8")

    assert schema_findings(path) == [
        (1, 'the front matter has no owner key; add a line "owner = " with its value'),
        (3, 'the front matter key draft is "no"; the schema requires the type "boolean"'),
    ]


def test_toml_generic_schema_overrides_qa_article(tmp_path):
    path = tmp_path / "bank.md"
    text = (FIXTURES / "qa-violations.md").read_text(encoding="utf-8")
    path.write_text('+++\ntitle = "题库"\ndoclint-schema = "generic"\n+++\n' + text, encoding="utf-8")
    assert schema_findings(path) == []
    assert schema_findings(tmp_path / "bank.md", schema="qa-article") == []


def test_invalid_toml_schema_key_ignored_with_warning(tmp_path, caplog):
    path = tmp_path / "bank.md"
    path.write_text('+++\ntitle = [1,\ndoclint-schema = "generic"\n+++\n# Bank\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="doclint"):
        schema_findings(path)
    assert [record.getMessage() for record in caplog.records] == [
        f"{path}:3: invalid TOML in the front matter: Invalid value; its doclint-schema key, if any, is ignored"
    ]


def test_invalid_toml_warning_in_chinese(run_process, tmp_path):
    (tmp_path / "bank.md").write_text('+++\ntitle = "x\n+++\n# Bank\n', encoding="utf-8")
    _code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "--no-cache", "bank.md")
    assert stderr.splitlines() == [
        "doclint: 警告：bank.md:2：front matter 中的 TOML 无效：字符串没有结束；忽略其中的 doclint-schema 键（如有）"
    ]
