"""Messages for Draft 3 meta-schema errors whose types include a schema, built from hand-made errors."""

from collections import deque

from jsonschema.exceptions import SchemaError

from doclint.meta_schema_messages import describe_meta_schema_error

SCHEMA_OR_ARRAY = [{"$ref": "#"}, "array"]


def type_error(schema_path, path=()):
    return SchemaError(
        "'yes' is not of type",
        validator="type",
        validator_value=SCHEMA_OR_ARRAY,
        instance="yes",
        schema_path=deque(schema_path),
        path=deque(path),
    )


def test_keyword_read_from_meta_schema_path():
    error = type_error(["properties", "properties", "additionalProperties", "properties", "extends", "type"], ["properties", "a", "extends"])
    assert describe_meta_schema_error(error) == (
        "$.properties.a.extends",
        "\"extends\" takes a schema (an object) or 'array', not 'yes'",
    )


def test_keyword_named_properties_not_skipped():
    error = type_error(["properties", "properties", "additionalProperties", "type"], ["properties", "a"])
    assert describe_meta_schema_error(error) == (
        "$.properties.a",
        "\"properties\" takes a schema (an object) or 'array', not 'yes'",
    )


def test_message_without_keyword():
    error = type_error(["type"])
    assert describe_meta_schema_error(error) == ("$", "'yes' is not a schema (an object) or of type 'array'")
