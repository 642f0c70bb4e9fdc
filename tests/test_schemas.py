import json
import socket
from pathlib import Path

import pytest
from jsonschema.validators import Draft7Validator, Draft202012Validator, validator_for
from referencing import Registry

from doclint.engine import load
from doclint.schema_ref_loops import find_ref_loop
from doclint.schemas import SchemaError, SchemaLoader, builtin_schema_names, is_schema_path, schema_file
from doclint.settings import Settings

from conftest import SEED


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_builtin_schemas_load():
    loader = SchemaLoader()
    assert builtin_schema_names() == ["generic", "qa-article"]
    for name in builtin_schema_names():
        schema = loader.load(name)
        assert schema.path.name == f"{name}.schema.json"
        assert isinstance(schema.validator, Draft202012Validator)


def test_builtin_schemas_pass_meta_schemas():
    """Check the built-in schemas here, because a run skips their meta-schema check."""
    for name in builtin_schema_names():
        contents = json.loads(schema_file(name, Path()).read_text(encoding="utf-8"))
        validator_for(contents).check_schema(contents)


def test_builtin_schemas_have_no_ref_loop():
    """Check the built-in schemas here, because a run skips their reference loop check."""
    loader = SchemaLoader()
    for name in builtin_schema_names():
        loaded = loader.load(name)
        contents = json.loads(loaded.path.read_text(encoding="utf-8"))
        resolver = Registry().with_contents([(loaded.path.as_uri(), contents)]).resolver(base_uri=loaded.path.as_uri())
        assert find_ref_loop(contents, resolver, Draft202012Validator) is None


def test_builtin_load_skips_meta_check(monkeypatch, tmp_path):
    checked = []
    monkeypatch.setattr(Draft202012Validator, "check_schema", classmethod(lambda cls, schema, format_checker=None: checked.append(schema)))
    for name in builtin_schema_names():
        SchemaLoader().load(name)
    assert checked == []

    copy = write_json(tmp_path / "copy.schema.json", json.loads(schema_file("generic", Path()).read_text(encoding="utf-8")))
    SchemaLoader().load(str(copy))
    assert len(checked) == 1


def test_builtin_schemas_accept_seed_tree():
    tree = load(str(SEED), Settings()).to_json()
    loader = SchemaLoader()
    for name in builtin_schema_names():
        assert list(loader.load(name).validator.iter_errors(tree)) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("qa-article", False), ("generic", False), ("my.schema.json", True), ("schemas/runbook", True), ("a.JSON", True), ("a.yaml", True), ("a.YML", True)],
)
def test_name_or_path(value, expected):
    assert is_schema_path(value) is expected


def test_nested_refs_resolve_against_referring_file(tmp_path):
    write_json(tmp_path / "root.json", {"$ref": "parts/level.json"})
    write_json(tmp_path / "parts" / "level.json", {"properties": {"level": {"$ref": "limits.json#/$defs/top"}}})
    write_json(tmp_path / "parts" / "limits.json", {"$defs": {"top": {"maximum": 2}}})
    validator = SchemaLoader().load(str(tmp_path / "root.json")).validator
    assert validator.is_valid({"level": 2})
    assert not validator.is_valid({"level": 3})


def test_draft_from_dollar_schema(tmp_path):
    path = write_json(tmp_path / "d7.json", {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"})
    assert isinstance(SchemaLoader().load(str(path)).validator, Draft7Validator)


def test_referenced_file_inherits_draft(tmp_path):
    root = write_json(
        tmp_path / "root.json",
        {"$schema": "http://json-schema.org/draft-07/schema#", "$ref": "tuple.json"},
    )
    # An array of schemas under "items" is valid in Draft 7 and invalid in Draft 2020-12.
    write_json(tmp_path / "tuple.json", {"items": [{"type": "integer"}, {"type": "string"}]})
    validator = SchemaLoader().load(str(root)).validator
    assert validator.is_valid([1, "a"])
    assert not validator.is_valid(["a", 1])


def test_ids_inside_the_file_resolve_locally(tmp_path):
    path = write_json(
        tmp_path / "ids.json",
        {
            "$id": "https://schemas.invalid/root.json",
            "$defs": {"part": {"$id": "https://schemas.invalid/part.json", "type": "object"}},
            "$ref": "part.json",
        },
    )
    validator = SchemaLoader().load(str(path)).validator
    assert validator.is_valid({})
    assert not validator.is_valid([])


def test_meta_schema_reference_needs_no_network(tmp_path, monkeypatch):
    path = write_json(tmp_path / "meta.json", {"$ref": "https://json-schema.org/draft/2020-12/schema"})
    monkeypatch.setattr(socket.socket, "connect", _no_connection)
    validator = SchemaLoader().load(str(path)).validator
    assert validator.is_valid({"type": "object"})
    assert not validator.is_valid({"type": "strin"})


def test_remote_ref_raises_without_connecting(tmp_path, monkeypatch):
    path = write_json(tmp_path / "remote.json", {"$defs": {"x": {"$ref": "http://schemas.invalid/x.json#/a"}}})
    monkeypatch.setattr(socket.socket, "connect", _no_connection)
    with pytest.raises(SchemaError) as raised:
        SchemaLoader().load(str(path))
    assert str(raised.value) == (
        f'{path}: $ref "http://schemas.invalid/x.json#/a" is a remote address, which doclint never downloads; '
        "save that schema as a local file and refer to it by a relative path"
    )


def test_each_file_read_once(tmp_path, monkeypatch):
    write_json(tmp_path / "root.json", {"allOf": [{"$ref": "part.json"}, {"$ref": "part.json#/$defs/a"}]})
    write_json(tmp_path / "part.json", {"$defs": {"a": {"type": "object"}}})
    loader = SchemaLoader()
    first = loader.load(str(tmp_path / "root.json"))
    (tmp_path / "part.json").write_text("not JSON any more", encoding="utf-8")
    assert loader.load(str(tmp_path / "root.json")) is first


def _no_connection(self, address):
    raise AssertionError(f"doclint opened a network connection to {address}")


@pytest.mark.parametrize("path", ["/tmp/schemas/item.schema.json", "/tmp/my%20schemas/%E4%B8%AD.json", "/C:/x/y.json"])
def test_url2pathname_matches_the_standard_library(path):
    from urllib.request import url2pathname as standard

    from doclint.schemas import url2pathname

    assert url2pathname(path) == standard(path)


DRAFT_7 = "http://json-schema.org/draft-07/schema#"


def test_dependencies_after_list_checked(tmp_path):
    path = write_json(tmp_path / "d.json", {"$schema": DRAFT_7, "dependencies": {"a": ["b"], "c": {"$ref": "missing.json"}}})
    with pytest.raises(SchemaError) as raised:
        SchemaLoader().load(str(path))
    assert str(raised.value) == f'{path}: $ref "missing.json" names {tmp_path / "missing.json"}, which is not a file; check the file name'


def test_dependencies_after_list_pointer_checked(tmp_path):
    path = write_json(tmp_path / "d.json", {"$schema": DRAFT_7, "dependencies": {"a": ["b"], "c": {"$ref": "#/definitions/x"}}})
    with pytest.raises(SchemaError) as raised:
        SchemaLoader().load(str(path))
    assert str(raised.value) == (
        f'{path}: $ref "#/definitions/x" cannot be resolved (nothing at /definitions/x); check the file name and the '
        'part after "#"'
    )


def test_draft_3_dependencies_after_string_checked(tmp_path):
    schema = {"$schema": "http://json-schema.org/draft-03/schema#", "dependencies": {"a": "b", "c": {"$ref": "none.json"}}}
    path = write_json(tmp_path / "d.json", schema)
    with pytest.raises(SchemaError) as raised:
        SchemaLoader().load(str(path))
    assert str(raised.value) == f'{path}: $ref "none.json" names {tmp_path / "none.json"}, which is not a file; check the file name'


def test_dependencies_after_list_declare_ids(tmp_path):
    schema = {
        "$schema": DRAFT_7,
        "dependencies": {"a": ["b"], "c": {"$id": "inner.json", "type": "string"}, "d": {"$id": "#word", "minLength": 2}},
        "properties": {"x": {"$ref": "inner.json"}, "y": {"$ref": "#word"}},
    }
    validator = SchemaLoader().load(str(write_json(tmp_path / "d.json", schema))).validator
    assert validator.is_valid({"x": "s", "y": "ab"})
    assert not validator.is_valid({"x": 1})
    assert not validator.is_valid({"y": "a"})


def test_dependencies_with_schema_first(tmp_path):
    schema = {"$schema": DRAFT_7, "dependencies": {"c": {"required": ["d"]}, "a": ["b"]}}
    validator = SchemaLoader().load(str(write_json(tmp_path / "d.json", schema))).validator
    assert validator.is_valid({"a": 1, "b": 2})
    assert not validator.is_valid({"a": 1})
    assert not validator.is_valid({"c": 1})


def test_embedded_id_is_not_read_as_file(tmp_path):
    schema = {"definitions": {"part": {"$id": "part.json", "type": "object"}}, "$ref": "part.json"}
    validator = SchemaLoader().load(str(write_json(tmp_path / "e.json", schema))).validator
    assert validator.is_valid({})
    assert not validator.is_valid([])


def test_recursion_into_parts_is_no_loop(tmp_path):
    schema = {"$defs": {"node": {"properties": {"children": {"items": {"$ref": "#/$defs/node"}}}, "required": ["t"]}}, "$ref": "#/$defs/node"}
    validator = SchemaLoader().load(str(write_json(tmp_path / "tree.json", schema))).validator
    assert validator.is_valid({"t": 1, "children": [{"t": 2, "children": []}]})
    assert not validator.is_valid({"t": 1, "children": [{"children": []}]})


def test_ignored_ref_sibling_is_no_loop(tmp_path):
    # Draft 7 applies only the "$ref" of an object that has one, so the "allOf" that would lead back is never applied.
    schema = {
        "$schema": DRAFT_7,
        "definitions": {"a": {"$ref": "#/definitions/b", "allOf": [{"$ref": "#/definitions/a"}]}, "b": {"type": "object"}},
        "$ref": "#/definitions/a",
    }
    validator = SchemaLoader().load(str(write_json(tmp_path / "d7.json", schema))).validator
    assert validator.is_valid({})
    assert not validator.is_valid([])


def test_repeated_keys_warned_in_file_order(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text(
        '{"properties": {"a": {"minLength": 2}}, "x-note": {"a/b": 1, "a/b": 2}, "properties": {"b": {}}, "properties": {}}',
        encoding="utf-8",
    )
    schema = SchemaLoader().load(str(path))
    assert schema.warnings == (
        f'{path}: key "properties" at /properties appears more than once in its object, and only the last value is '
        "used, so the earlier ones check nothing; merge them into one",
        f'{path}: key "a/b" at /x-note/a~1b appears more than once in its object, and only the last value is used, '
        "so the earlier ones check nothing; merge them into one",
    )
    assert schema.validator.is_valid({"a": 1})


def test_repeated_key_warning_in_chinese(run_process, tmp_path):
    (tmp_path / "dup.schema.json").write_text('{"type": "object", "type": "array"}', encoding="utf-8")
    (tmp_path / "d.md").write_text("# Item\n\ntext\n", encoding="utf-8")

    _code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "--no-cache", "--schema", "dup.schema.json", "d.md")

    assert stderr.splitlines() == [
        'doclint: 警告：dup.schema.json：/type 处的键 "type" 在同一个对象中出现了不止一次，而只有最后一个值会被使用，'
        "因此前面的都不检查任何内容；请把它们合并为一个"
    ]


def test_pointer_into_other_file_names_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_json(tmp_path / "parts" / "defs.json", {"definitions": {"y": {}}})
    write_json(tmp_path / "schemas" / "root.json", {"$ref": "../parts/defs.json#/definitions/x"})
    with pytest.raises(SchemaError) as raised:
        SchemaLoader().load("schemas/root.json")
    assert str(raised.value) == (
        'schemas/root.json: $ref "../parts/defs.json#/definitions/x" cannot be resolved (nothing at /definitions/x in '
        'parts/defs.json); check the file name and the part after "#"'
    )


def test_reference_with_backslash_names_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_json(tmp_path / "parts" / "item.json", {"type": "object"})
    write_json(tmp_path / "root.json", {"$ref": "parts\\item.json"})
    with pytest.raises(SchemaError) as raised:
        SchemaLoader().load("root.json")
    assert str(raised.value) == (
        'root.json: $ref "parts\\item.json" names parts\\item.json, which is not a file; a reference separates '
        "folders with /, so write it with / in place of \\"
    )


def test_meta_schema_formats_limited_to_checked_ones(tmp_path):
    # "uri-reference" is checked only where rfc3986-validator or rfc3987 is installed, so it is not checked at all.
    write_json(tmp_path / "a b.json", {"type": "object"})
    path = write_json(tmp_path / "root.json", {"properties": {"front_matter": {"$ref": "a b.json"}}})
    validator = SchemaLoader().load(str(path)).validator
    assert validator.is_valid({"front_matter": {}})
    assert not validator.is_valid({"front_matter": []})
