"""Warnings for keywords next to "$ref" that Draft 7 and earlier drafts ignore."""

import json

import pytest
from jsonschema import validators

from doclint.schema_ref_siblings import ignored_ref_siblings, ignored_ref_siblings_message
from doclint.schemas import SchemaLoader

DRAFT7 = "http://json-schema.org/draft-07/schema#"
DRAFT201909 = "https://json-schema.org/draft/2019-09/schema"

ITEM_SCHEMA = {
    "$schema": DRAFT7,
    "definitions": {"item": {"type": "object"}},
    "properties": {
        "front_matter": {"$ref": "#/definitions/item", "required": ["answer"], "description": "the item"},
        "sections": {"$ref": "#/definitions/item", "minProperties": 1, "title": "sections"},
    },
}
ITEM_WARNING = (
    'item.schema.json: keywords next to "$ref" at /properties/front_matter/required, '
    "/properties/sections/minProperties check nothing, because drafts before 2019-09 ignore them; "
    'put the "$ref" and those keywords in separate branches of "allOf", or declare Draft 2019-09 or later in $schema'
)


@pytest.mark.parametrize(
    ("validator_class", "applies_siblings"),
    [
        (validators.Draft4Validator, False),
        (validators.Draft6Validator, False),
        (validators.Draft7Validator, False),
        (validators.Draft201909Validator, True),
        (validators.Draft202012Validator, True),
    ],
)
def test_jsonschema_ref_sibling_behaviour(validator_class, applies_siblings):
    schema = {"definitions": {"item": {"type": "object"}}, "$ref": "#/definitions/item", "required": ["answer"]}
    assert validator_class(schema).is_valid({}) is not applies_siblings


def test_draft3_ignores_ref_siblings():
    schema = {"definitions": {"n": {"type": "number"}}, "$ref": "#/definitions/n", "minimum": 5}
    assert validators.Draft3Validator(schema).is_valid(1)
    assert ignored_ref_siblings(schema, validators.Draft3Validator) == ["/minimum"]


def test_validating_siblings_listed_in_file_order():
    assert ignored_ref_siblings(ITEM_SCHEMA, validators.Draft7Validator) == [
        "/properties/front_matter/required",
        "/properties/sections/minProperties",
    ]


def test_annotations_and_unknown_siblings_not_listed():
    schema = {"$ref": "#/definitions/a", "description": "d", "definitions": {"a": {}}, "$comment": "c", "requird": []}
    assert ignored_ref_siblings(schema, validators.Draft7Validator) == []


def test_later_drafts_not_listed():
    schema = {"$ref": "#/$defs/a", "required": ["x"], "$defs": {"a": {}}}
    assert ignored_ref_siblings(schema, validators.Draft201909Validator) == []
    assert ignored_ref_siblings(schema, validators.Draft202012Validator) == []


def test_subschema_schema_decides_draft():
    schema = {"properties": {"a": {"$schema": DRAFT201909, "$ref": "#/x", "required": ["b"]}}}
    assert ignored_ref_siblings(schema, validators.Draft7Validator) == []
    older = {"$schema": DRAFT7, "$ref": "#/x", "required": ["b"]}
    assert ignored_ref_siblings({"properties": {"a": older}}, validators.Draft202012Validator) == [
        "/properties/a/required"
    ]


def test_ref_as_property_name_not_a_reference():
    schema = {"properties": {"$ref": {"type": "string"}, "type": {"type": "string"}}, "required": ["$ref"]}
    assert ignored_ref_siblings(schema, validators.Draft7Validator) == []


def test_message_shortens_long_pointer_list():
    pointers = [f"/properties/{name}/required" for name in "abcde"]
    assert ignored_ref_siblings_message("s.json", pointers) == (
        's.json: keywords next to "$ref" at /properties/a/required, /properties/b/required, /properties/c/required '
        "and 2 more check nothing, because drafts before 2019-09 ignore them; "
        'put the "$ref" and those keywords in separate branches of "allOf", or declare Draft 2019-09 or later in $schema'
    )


def test_loaded_schema_has_one_warning(tmp_path):
    path = tmp_path / "item.schema.json"
    path.write_text(json.dumps(ITEM_SCHEMA), encoding="utf-8")
    schema = SchemaLoader().load(str(path))
    assert schema.warnings == (ITEM_WARNING.replace("item.schema.json", str(path), 1),)


def test_cli_warns_once_per_file(run_process, tmp_path):
    (tmp_path / "item.schema.json").write_text(json.dumps(ITEM_SCHEMA), encoding="utf-8")
    for index in range(2):
        (tmp_path / f"d{index}.md").write_text(f"# Item {index}\n\ntext\n", encoding="utf-8")

    code, stdout, stderr = run_process(
        "check", "--no-config", "--no-cache", "--schema", "item.schema.json", "--format", "json", "d0.md", "d1.md"
    )

    assert code == 1
    assert json.loads(stdout)["warnings"] == [ITEM_WARNING]
    assert stderr.splitlines() == [f"doclint: warning: {ITEM_WARNING}"]


def test_cli_warning_in_chinese(run_process, tmp_path):
    schema = {"$schema": DRAFT7, "$ref": "#/definitions/a", "required": ["x"], "definitions": {"a": {}}}
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "d.md").write_text("# Item\n\ntext\n", encoding="utf-8")

    _code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "--no-cache", "--schema", "s.json", "d.md")

    assert stderr.splitlines() == [
        'doclint: 警告：s.json：/required 处与 "$ref" 并列的关键字不检查任何内容，因为 2019-09 之前的草案会忽略它们；'
        '请把 "$ref" 和这些关键字分别放进 "allOf" 的不同分支，或在 $schema 中声明 Draft 2019-09 或更新的草案'
    ]


def test_siblings_in_dependencies_after_list():
    schema = {"dependencies": {"a": ["b"], "c": {"$ref": "#/definitions/d", "required": ["e"]}}, "definitions": {"d": {}}}
    assert ignored_ref_siblings(schema, validators.Draft7Validator) == ["/dependencies/c/required"]
