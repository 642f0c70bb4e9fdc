"""Warnings for schema keywords that the schema's draft does not define, such as a misspelled "minLenght"."""

import json

import pytest
from jsonschema.validators import Draft4Validator, Draft7Validator, Draft202012Validator

from doclint.schema_keywords import ALL_DRAFTS, REPLACEMENTS, draft_keywords, draft_name, unknown_keyword_message, unknown_keywords
from doclint.schemas import SchemaLoader, builtin_schema_names

ANSWER_SCHEMA = {
    "properties": {
        "sections": {
            "items": {
                "properties": {
                    "fields": {"requird": ["answer"], "properties": {"answer": {"minLenght": 3}}},
                }
            }
        }
    }
}
REQUIRD = (
    'answer.schema.json: unknown keyword "requird" at /properties/sections/items/properties/fields/requird, '
    'which JSON Schema ignores, so it checks nothing; did you mean "required"?'
)
MINLENGHT = (
    'answer.schema.json: unknown keyword "minLenght" at '
    "/properties/sections/items/properties/fields/properties/answer/minLenght, which JSON Schema ignores, "
    'so it checks nothing; did you mean "minLength"?'
)


def write_json(path, value):
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def keywords(schema, validator_class=Draft202012Validator):
    return [(found.keyword, found.pointers, found.suggestion) for found in unknown_keywords(schema, validator_class)]


def test_misspelled_keywords_suggest_close_one():
    assert keywords(ANSWER_SCHEMA) == [
        ("requird", ("/properties/sections/items/properties/fields/requird",), "required"),
        ("minLenght", ("/properties/sections/items/properties/fields/properties/answer/minLenght",), "minLength"),
    ]


def test_annotations_and_extensions_accepted():
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/s",
        "$comment": "note",
        "title": "T",
        "description": "D",
        "default": {},
        "examples": [{}],
        "deprecated": False,
        "readOnly": False,
        "writeOnly": False,
        "format": "date",
        "x-owner": "docs team",
        "x-doclint-message": "{section} is wrong",
        "$defs": {"step": {"type": "string", "contentMediaType": "text/plain"}},
        "definitions": {"old": {"$anchor": "old", "minLength": 1}},
    }
    assert keywords(schema) == []


def test_property_names_and_values_not_keywords():
    schema = {
        "properties": {"minLenght": {"const": {"requird": 1}}, "tilte": {"enum": [{"foo": 1}]}},
        "default": {"bar": 2},
        "examples": [{"baz": 3}],
    }
    assert keywords(schema) == []


def test_keywords_inside_subschemas_found():
    schema = {
        "allOf": [{"maxItem": 2}],
        "items": {"minItem": 1},
        "not": {"patern": "a"},
        "$defs": {"step": {"enun": [1]}},
        "patternProperties": {"^a": {"tpye": "string"}},
    }
    assert keywords(schema) == [
        ("maxItem", ("/allOf/0/maxItem",), "maxItems"),
        ("minItem", ("/items/minItem",), "minItems"),
        ("patern", ("/not/patern",), "pattern"),
        ("enun", ("/$defs/step/enun",), "enum"),
        ("tpye", ("/patternProperties/^a/tpye",), "type"),
    ]


def test_repeated_keyword_listed_once():
    schema = {"properties": {"a": {"foo": 1}, "b": {"foo": 2}}}
    assert keywords(schema) == [("foo", ("/properties/a/foo", "/properties/b/foo"), None)]


def test_pointer_escapes_slash_and_tilde():
    schema = {"properties": {"a/b~c": {"foo": 1}}}
    assert keywords(schema) == [("foo", ("/properties/a~1b~0c/foo",), None)]


def test_other_draft_keyword_named():
    found = unknown_keywords({"prefixItems": [{"type": "string"}], "const": 1}, Draft7Validator)
    assert [(item.keyword, item.draft, item.in_other_draft) for item in found] == [("prefixItems", "Draft 7", True)]
    assert [item.keyword for item in unknown_keywords({"const": 1, "examples": []}, Draft4Validator)] == ["const"]


def test_deprecated_keywords_of_2020_12_unknown():
    found = unknown_keywords({"dependencies": {"a": ["b"]}}, Draft202012Validator)
    assert [(item.keyword, item.draft, item.in_other_draft) for item in found] == [("dependencies", "Draft 2020-12", True)]
    assert "dependencies" in draft_keywords(Draft7Validator)


def test_draft_names():
    assert draft_name(Draft4Validator) == "Draft 4"
    assert draft_name(Draft202012Validator) == "Draft 2020-12"


def test_builtin_schemas_have_no_unknown_keywords():
    for name in builtin_schema_names():
        schema = SchemaLoader().load(name)
        contents = json.loads(schema.path.read_text(encoding="utf-8"))
        assert keywords(contents) == [], name
        assert schema.warnings == ()


def test_loaded_schema_warnings_cover_referenced_files(tmp_path):
    write_json(tmp_path / "common.schema.json", {"$defs": {"step": {"maxLenght": 5}}})
    root = write_json(tmp_path / "root.schema.json", {"$ref": "common.schema.json#/$defs/step", "tilte": "Root"})
    schema = SchemaLoader().load(str(root))
    assert [warning.split(": ", 1)[0] for warning in schema.warnings] == [str(root), str(tmp_path / "common.schema.json")]
    assert 'did you mean "title"?' in schema.warnings[0]
    assert 'did you mean "maxLength"?' in schema.warnings[1]


def test_cli_warns_once_per_keyword(run_process, tmp_path):
    write_json(tmp_path / "answer.schema.json", ANSWER_SCHEMA)
    for index in range(3):
        (tmp_path / f"d{index}.md").write_text(
            f"---\ndoclint-schema: answer.schema.json\n---\n# Item {index}\n\ntext\n", encoding="utf-8"
        )

    code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "d0.md", "d1.md", "d2.md")

    assert code == 0
    assert stdout == "No problems found in 3 files.\n"
    assert stderr.splitlines() == [f"doclint: warning: {REQUIRD}", f"doclint: warning: {MINLENGHT}"]


def test_cli_warns_again_on_cached_run(run_process, tmp_path):
    write_json(tmp_path / "answer.schema.json", ANSWER_SCHEMA)
    (tmp_path / "d.md").write_text("# Item\n\ntext\n", encoding="utf-8")

    first = run_process("check", "--no-config", "--schema", "answer.schema.json", "--format", "json", "d.md")
    second = run_process("check", "--no-config", "--schema", "answer.schema.json", "--format", "json", "d.md")

    assert json.loads(first[1])["warnings"] == [REQUIRD, MINLENGHT]
    assert json.loads(second[1])["warnings"] == [REQUIRD, MINLENGHT]


def test_front_matter_schema_warned_when_cached(run_process, tmp_path):
    write_json(tmp_path / "answer.schema.json", ANSWER_SCHEMA)
    (tmp_path / "d.md").write_text("---\ndoclint-schema: answer.schema.json\n---\n# Item\n\ntext\n", encoding="utf-8")

    first = run_process("check", "--no-config", "d.md")
    second = run_process("check", "--no-config", "d.md")

    assert first[2].splitlines() == [f"doclint: warning: {REQUIRD}", f"doclint: warning: {MINLENGHT}"]
    assert second[2].splitlines() == [f"doclint: warning: {REQUIRD}", f"doclint: warning: {MINLENGHT}"]


def test_cli_warning_in_chinese(run_process, tmp_path):
    write_json(tmp_path / "answer.schema.json", {"requird": ["a"]})
    (tmp_path / "d.md").write_text("# Item\n\ntext\n", encoding="utf-8")

    _code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "--no-cache", "--schema", "answer.schema.json", "d.md")

    assert stderr.splitlines() == [
        'doclint: 警告：answer.schema.json：/requird 处的关键字 "requird" 不是 JSON Schema 的关键字，会被忽略，'
        '因此它不检查任何内容；是否想写 "required"？'
    ]


def test_message_shortens_long_pointer_list():
    schema = {"properties": {name: {"foo": 1} for name in "abcde"}}
    [found] = unknown_keywords(schema, Draft202012Validator)
    assert unknown_keyword_message("s.json", found) == (
        's.json: unknown keyword "foo" at /properties/a/foo, /properties/b/foo, /properties/c/foo and 2 more, '
        "which JSON Schema ignores, so it checks nothing; correct its name, or start it with x- if it is a note for readers"
    )


def test_message_for_other_draft_keyword():
    [found] = unknown_keywords({"$schema": "http://json-schema.org/draft-07/schema#", "unevaluatedProperties": False}, Draft7Validator)
    assert unknown_keyword_message("s.json", found) == (
        's.json: keyword "unevaluatedProperties" at /unevaluatedProperties is not part of Draft 7, the draft of this '
        "schema, so it checks nothing; use a keyword of Draft 7, or declare a draft that has it in $schema"
    )


def test_message_names_dependencies_replacements():
    [found] = unknown_keywords({"dependencies": {"a": ["b"]}}, Draft202012Validator)
    assert found.replacements == ("dependentRequired", "dependentSchemas")
    assert unknown_keyword_message("s.json", found) == (
        's.json: keyword "dependencies" at /dependencies is not part of Draft 2020-12, the draft of this schema, so it '
        'checks nothing; use "dependentRequired" or "dependentSchemas" in its place, or declare a draft that has it '
        "in $schema"
    )


def test_message_names_one_replacement():
    [found] = unknown_keywords({"prefixItems": [{"type": "string"}]}, Draft7Validator)
    assert unknown_keyword_message("s.json", found) == (
        's.json: keyword "prefixItems" at /prefixItems is not part of Draft 7, the draft of this schema, so it checks '
        'nothing; in Draft 7, an array "items" takes the schemas by position, so rename "prefixItems" to "items"'
    )


def test_replacements_only_of_schema_draft():
    [found] = unknown_keywords({"$recursiveRef": "#"}, Draft7Validator)
    assert found.replacements == ()
    [found] = unknown_keywords({"$recursiveRef": "#"}, Draft202012Validator)
    assert found.replacements == ("$dynamicRef",)


def test_replacements_are_keywords_of_other_drafts():
    for keyword, replacements in REPLACEMENTS.items():
        assert any(keyword in draft_keywords(draft) for draft in ALL_DRAFTS), keyword
        for replacement in replacements:
            assert any(replacement in draft_keywords(draft) for draft in ALL_DRAFTS), replacement


def test_cli_replacement_warning_in_chinese(run_process, tmp_path):
    write_json(tmp_path / "answer.schema.json", {"dependencies": {"a": ["b"]}})
    (tmp_path / "d.md").write_text("# Item\n\ntext\n", encoding="utf-8")

    _code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "--no-cache", "--schema", "answer.schema.json", "d.md")

    assert stderr.splitlines() == [
        'doclint: 警告：answer.schema.json：/dependencies 处的关键字 "dependencies" 不属于本 schema 所用的 Draft 2020-12，'
        '因此它不检查任何内容；请改用 "dependentRequired" 或 "dependentSchemas"，或在 $schema 中声明包含它的草案版本'
    ]


DRAFT_7 = "http://json-schema.org/draft-07/schema#"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


ITEMS_FIXES = [
    # An array "items" is an error of the Draft 2020-12 meta-schema, so it reaches this check in a subschema of that draft.
    (
        {"$schema": DRAFT_7, "properties": {"s": {"$schema": DRAFT_2020_12, "items": [{}], "additionalItems": False}}},
        Draft7Validator,
        's.json: keyword "additionalItems" at /properties/s/additionalItems is not part of Draft 2020-12, the draft of '
        'this schema, so it checks nothing; in Draft 2020-12, "prefixItems" takes the array of schemas by position '
        'and "items" the schema of the elements after them, so rename "items" to "prefixItems" and "additionalItems" '
        'to "items"',
    ),
    (
        {"prefixItems": [{}], "additionalItems": False},
        Draft202012Validator,
        's.json: keyword "additionalItems" at /additionalItems is not part of Draft 2020-12, the draft of this '
        'schema, so it checks nothing; in Draft 2020-12, "items" takes the schema of the elements after '
        '"prefixItems", so rename "additionalItems" to "items"',
    ),
    (
        {"prefixItems": [{}], "items": False},
        Draft7Validator,
        's.json: keyword "prefixItems" at /prefixItems is not part of Draft 7, the draft of this schema, so it checks '
        'nothing; in Draft 7, an array "items" takes the schemas by position and "additionalItems" the schema of the '
        'elements after them, so rename "items" to "additionalItems" and "prefixItems" to "items"',
    ),
]


@pytest.mark.parametrize(("schema", "validator_class", "message"), ITEMS_FIXES)
def test_items_keyword_fix(schema, validator_class, message):
    [found] = unknown_keywords(schema, validator_class)
    assert unknown_keyword_message("s.json", found) == message


def test_additional_items_without_array_items():
    remove = (
        'is not part of Draft 2020-12, the draft of this schema, so it checks nothing; it would check nothing in the '
        'drafts that define it either, because they apply it only next to an array "items", so remove it'
    )
    for schema in (
        {"additionalItems": False},
        {"items": {"type": "string"}, "additionalItems": False},
        {"prefixItems": [{}], "items": True, "additionalItems": False},
    ):
        [found] = unknown_keywords(schema, Draft202012Validator)
        assert unknown_keyword_message("s.json", found) == f's.json: keyword "additionalItems" at /additionalItems {remove}'


def test_items_fixes_warned_apart():
    schema = {
        "properties": {
            "a": {"prefixItems": [{}], "additionalItems": False},
            "b": {"additionalItems": False},
            "c": {"prefixItems": [{}], "additionalItems": {"type": "string"}},
        }
    }
    found = unknown_keywords(schema, Draft202012Validator)
    assert [(item.keyword, item.pointers, item.items_fix) for item in found] == [
        ("additionalItems", ("/properties/a/additionalItems", "/properties/c/additionalItems"), "rename"),
        ("additionalItems", ("/properties/b/additionalItems",), "remove"),
    ]


def test_cli_additional_items_warning_in_chinese(run_process, tmp_path):
    write_json(tmp_path / "list.schema.json", {"properties": {"sections": {"prefixItems": [{}], "additionalItems": False}}})
    (tmp_path / "d.md").write_text("# Item\n\ntext\n", encoding="utf-8")

    _code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "--no-cache", "--schema", "list.schema.json", "d.md")

    assert stderr.splitlines() == [
        'doclint: 警告：list.schema.json：/properties/sections/additionalItems 处的关键字 "additionalItems" 不属于本 schema '
        '所用的 Draft 2020-12，因此它不检查任何内容；Draft 2020-12 中由 "items" 给出 "prefixItems" 之后各元素的 schema，'
        '请把 "additionalItems" 改名为 "items"'
    ]


def test_dependencies_after_list_walked():
    schema = {"$schema": DRAFT_7, "dependencies": {"a": ["b"], "c": {"minLenght": 3}}}
    assert keywords(schema, Draft7Validator) == [("minLenght", ("/dependencies/c/minLenght",), "minLength")]
