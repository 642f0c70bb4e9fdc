import copy
import json

import pytest
import referencing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.engine import load
from doclint.schema_validity import compile_validity_check
from doclint.schemas import SchemaLoader
from doclint.settings import Settings

from conftest import FIXTURES, SEED

FIXTURE_TREES = [load(str(path), Settings()).to_json() for path in sorted(FIXTURES.rglob("*.md")) + [SEED]]

# Schemas that use every keyword the compiled check implements, each as
# {file name: contents}. The first file is the one loaded.
USER_SCHEMAS = {
    "applicators": {
        "root.json": {
            "properties": {
                "sections": {"items": {"$ref": "#/$defs/section"}, "maxItems": 12},
                "front_matter": {"anyOf": [{"type": "null"}, {"required": ["text"]}]},
                "blocks": {"items": {"$ref": "#/$defs/block"}},
            },
            "$defs": {
                "section": {
                    "properties": {
                        "title": {"maxLength": 40, "minLength": 1, "pattern": "^[^!]*$"},
                        "level": {"type": "integer", "minimum": 1, "maximum": 3},
                        "children": {
                            "items": {"$ref": "#/$defs/section"},
                            "contains": {"properties": {"number": {"type": "string"}}},
                            "minContains": 0,
                            "maxContains": 3,
                        },
                        "fields": {
                            "patternProperties": {"^q": {"required": ["text"]}},
                            "additionalProperties": {"$ref": "#/$defs/field"},
                        },
                    },
                    "if": {"properties": {"number": {"type": "string"}}},
                    "then": {"properties": {"fields": {"required": ["question"]}}},
                    "else": {"not": {"required": ["fields"], "properties": {"fields": {"required": ["answer"]}}}},
                },
                "field": {
                    "type": "object",
                    "properties": {
                        "steps": {"items": {"properties": {"number": {"type": ["integer", "null"]}}}},
                        "text": {"type": "string"},
                    },
                    "additionalProperties": {"not": {"type": "array"}},
                },
                "block": {
                    "oneOf": [
                        {"properties": {"type": {"const": "paragraph"}}},
                        {"properties": {"type": {"enum": ["list", "code", "table"]}}},
                        {"required": ["text"]},
                    ],
                    "allOf": [{"required": ["line"]}, {"properties": {"line": {"exclusiveMinimum": 0}}}],
                },
            },
        }
    },
    "assertions": {
        "root.json": {
            "properties": {"sections": {"items": {"$ref": "#/$defs/section"}, "uniqueItems": True}},
            "$defs": {
                "section": {
                    "minProperties": 3,
                    "maxProperties": 12,
                    "dependentRequired": {"number": ["title"]},
                    "properties": {
                        "line": {"multipleOf": 1, "exclusiveMaximum": 400},
                        "heading": {"format": "regex"},
                        "fields": {
                            "additionalProperties": False,
                            "properties": {"question": True, "answer": {}, "explanation": {"properties": {"steps": {"items": False}}}},
                        },
                        "blocks": {"maxItems": 30},
                        "children": {"items": {"$ref": "#/$defs/section"}},
                    },
                }
            },
        }
    },
    "draft7": {
        "root.json": {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {
                "section": {
                    "properties": {
                        "heading": {"$ref": "#/definitions/short", "minLength": 100},
                        "level": {"type": "integer"},
                        "fields": {"properties": {"answer": {"properties": {"steps": {"items": [{"required": ["text"]}, {"properties": {"number": {"const": 2}}}]}}}}},
                        "children": {"items": {"$ref": "#/definitions/section"}},
                    }
                },
                "short": {"type": "string", "maxLength": 30},
            },
            "properties": {
                "sections": {"items": {"$ref": "#/definitions/section"}, "contains": {"properties": {"level": {"maximum": 1}}}}
            },
        }
    },
    "mixed drafts": {
        "root.json": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "properties": {"sections": {"items": {"$ref": "parts/section.json"}}},
        },
        "parts/section.json": {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$ref": "#/definitions/titled",
            "properties": {"level": {"maximum": 1}},
            "definitions": {"titled": {"properties": {"title": {"maxLength": 12}}}},
        },
    },
    "ids and anchors": {
        "root.json": {
            "$id": "https://schemas.invalid/root.json",
            "properties": {"sections": {"items": {"$ref": "#section"}}},
            "$defs": {
                "section": {
                    "$anchor": "section",
                    "properties": {
                        "children": {"items": {"$ref": "#section"}},
                        "title": {"$ref": "#/$defs/title"},
                        "fields": {"$ref": "fields.json"},
                    },
                },
                "title": {"maxLength": 20},
                "fields": {"$id": "fields.json", "additionalProperties": {"$ref": "#/$defs/field"}, "$defs": {"field": {"required": ["steps"]}}},
            },
        }
    },
}

KEYS = [
    "sections", "children", "fields", "blocks", "number", "title", "heading", "level", "type", "text", "line",
    "steps", "question", "answer", "explanation", "front_matter", "items", "label",
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-3, max_value=500)
    | st.sampled_from([0.0, 1.0, 2.5])
    | st.text(alphabet="aq !1.\t\x1c答", max_size=6)
    | st.sampled_from(["paragraph", "list", "code", "1", "2.1", "Symptoms"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    max_leaves=25,
)


@st.composite
def mutated_trees(draw):
    """Draw a fixture's tree with a few values replaced, removed or added."""
    tree = copy.deepcopy(draw(st.sampled_from(FIXTURE_TREES)))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        containers = list(_containers(tree))
        container = draw(st.sampled_from(containers))
        if isinstance(container, dict) and container and draw(st.booleans()):
            del container[draw(st.sampled_from(sorted(container)))]
        elif isinstance(container, dict):
            container[draw(st.sampled_from(KEYS))] = draw(json_values)
        elif container and draw(st.booleans()):
            container[draw(st.integers(min_value=0, max_value=len(container) - 1))] = draw(json_values)
        else:
            container.append(draw(json_values))
    return tree


def _containers(node):
    if isinstance(node, (dict, list)):
        yield node
        for child in node.values() if isinstance(node, dict) else node:
            yield from _containers(child)


@pytest.fixture(scope="module")
def validators(tmp_path_factory):
    """Load every schema of the comparison with doclint's loader, as a run does."""
    loader = SchemaLoader()
    loaded = {name: loader.load(name).validator for name in ("qa-article", "generic")}
    for name, files in USER_SCHEMAS.items():
        folder = tmp_path_factory.mktemp(name.replace(" ", "-"))
        for relative, contents in files.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(json.dumps(contents), encoding="utf-8")
        loaded[name] = loader.load(str(folder / next(iter(files)))).validator
    return loaded


SCHEMA_NAMES = ["qa-article", "generic", *USER_SCHEMAS]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_test_schema_compiles(validators, name):
    assert compile_validity_check(validators[name]) is not None


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_fixture_trees_agree_with_is_valid(validators, name):
    validator = validators[name]
    check = compile_validity_check(validator)
    for tree in FIXTURE_TREES:
        assert check(tree) == validator.is_valid(tree), tree["path"]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(instance=mutated_trees() | json_values)
def test_generated_instances_agree_with_is_valid(validators, name, instance):
    validator = validators[name]
    assert compile_validity_check(validator)(instance) == validator.is_valid(instance)


def test_both_verdicts_are_generated(validators):
    """The comparison is only worth something if the test schemas accept some trees and reject others."""
    for name in SCHEMA_NAMES:
        check = compile_validity_check(validators[name])
        verdicts = {check(tree) for tree in FIXTURE_TREES}
        if name == "generic":
            assert verdicts == {True}
        else:
            assert verdicts == {True, False}, name


@pytest.mark.parametrize(
    "schema",
    [
        {"properties": {"fields": {"unevaluatedProperties": False}}},
        {"dependentSchemas": {"sections": {"required": ["blocks"]}}},
        {"properties": {"sections": {"prefixItems": [{"type": "object"}]}}},
        {"$ref": "https://json-schema.org/draft/2020-12/schema"},
    ],
    ids=["unevaluatedProperties", "dependentSchemas", "prefixItems", "dynamicRef in the meta-schema"],
)
def test_unsupported_keyword_gets_no_check(tmp_path, schema):
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    loaded = SchemaLoader().load(str(path))
    assert compile_validity_check(loaded.validator) is None
    assert loaded.validity_check is None


def test_loaded_builtin_schemas_use_compiled_check():
    loader = SchemaLoader()
    for name in ("qa-article", "generic"):
        loaded = loader.load(name)
        assert loaded.validity_check is not None


def test_compiled_check_resolves_no_reference(monkeypatch):
    check = compile_validity_check(SchemaLoader().load("qa-article").validator)

    def fail_lookup(self, reference):
        raise AssertionError(f"looked up {reference} while checking")

    monkeypatch.setattr(referencing._core.Resolver, "lookup", fail_lookup)
    assert all(check(tree) for tree in FIXTURE_TREES if tree["path"].endswith("000.txt"))
    assert not check({"sections": [{"number": "1", "children": [], "fields": {}}]})


def test_installed_jsonschema_tested():
    """Fails when CI installs a jsonschema release that the compiled check was not compared with.

    Until the release is added to TESTED_JSONSCHEMA (after the comparisons
    above pass with it), doclint falls back to jsonschema's own validation.
    """
    from doclint.schema_validity import jsonschema_is_tested, _jsonschema_version

    assert jsonschema_is_tested(), f"jsonschema {_jsonschema_version()} is not in TESTED_JSONSCHEMA"


def test_untested_jsonschema_not_compiled(monkeypatch):
    from doclint import schema_validity

    monkeypatch.setattr(schema_validity, "_jsonschema_version", lambda: "4.99.0")
    assert compile_validity_check(SchemaLoader().load("qa-article").validator) is None


def test_jsonschema_version_matches_metadata():
    from importlib.metadata import version

    from doclint.schema_validity import _jsonschema_version

    assert _jsonschema_version() == version("jsonschema")
