import json
import logging
import socket
import threading
from pathlib import Path
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from doclint.engine import run
from doclint.i18n import set_language
from doclint.settings import Settings

from conftest import FIXTURES, SEED

VIOLATIONS = FIXTURES / "qa-violations.md"

RUNBOOK = """\
# Disk full

## Symptoms

Writes fail with ENOSPC.

## Cause

Logs are not rotated.
"""


def schema_findings(*paths, **settings):
    result = run([str(path) for path in paths], Settings(**settings))
    assert result.errors == []
    return [d for d in result.diagnostics if d.rule == "schema-violation"]


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def test_seed_passes_qa_article():
    assert schema_findings(SEED) == []
    assert schema_findings(SEED, schema="qa-article") == []


def test_violations_fixture_three_findings():
    findings = schema_findings(VIOLATIONS)
    assert [(d.line, d.column, d.end_line) for d in findings] == [(29, 1, 38), (65, 1, 67)]
    assert [d.message for d in findings] == [
        'item "3. 医疗资源分配" has no explanation field; add it as **解析：** followed by its text',
        'the 答案 field of item "6. 疾病预测与预防" has 1 step; write at least 2 steps as an ordered list',
    ]
    assert {(d.code, d.severity.value) for d in findings} == {("DL401", "error")}


def test_violations_fixture_cli_output(run_cli):
    code, stdout, stderr = run_cli("check", "--select", "schema-violation", str(VIOLATIONS))
    assert code == 1
    assert stderr == ""
    assert stdout.splitlines() == [
        f'{VIOLATIONS}:29:1: DL401 schema-violation item "3. 医疗资源分配" has no explanation field; add it as **解析：** followed by its text',
        f'{VIOLATIONS}:65:1: DL401 schema-violation the 答案 field of item "6. 疾病预测与预防" has 1 step; '
        "write at least 2 steps as an ordered list",
        "Found 2 problems (2 errors, 0 warnings, 0 info) in 1 file.",
    ]


def test_document_without_qa_gets_no_schema():
    numbering = FIXTURES / "numbering.md"
    assert schema_findings(numbering) == []
    forced = schema_findings(numbering, schema="qa-article")
    assert forced[0].message == 'item "1. 准备环境" has no question field; add it as **题目：** or **Question:** followed by its text'
    assert (forced[0].line, forced[0].column) == (3, 1)


def test_generic_schema_accepts_every_fixture():
    paths = sorted(FIXTURES.rglob("*.md")) + [SEED]
    assert schema_findings(*paths, schema="generic") == []


def test_numbered_chapter_is_not_an_item(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(
        "# Notes\n\n## 1. Basics\n\n### 1.1 Undo\n\n**Question:** How?\n\n"
        "**Answer:** So:\n\n1. a\n2. b\n\n**Explanation:** Because.\n",
        encoding="utf-8",
    )
    assert schema_findings(path, schema="qa-article") == []


def test_bullet_list_answer(tmp_path):
    path = tmp_path / "faq.md"
    path.write_text(
        "## 1. Undo\n\n**Question:** How?\n\n**Answer:** So:\n\n- a\n- b\n\n**Explanation:** Because.\n",
        encoding="utf-8",
    )
    findings = schema_findings(path)
    assert [(d.line, d.message) for d in findings] == [
        (5, 'the steps of the Answer field of item "1. Undo" are a bullet list; number them 1., 2., 3.')
    ]


def test_empty_question_and_explanation(tmp_path):
    path = tmp_path / "faq.md"
    path.write_text(
        "## 1. Undo\n\n**Question:**\n\n**Answer:** So:\n\n1. a\n2. b\n\n**Explanation:**\n",
        encoding="utf-8",
    )
    findings = schema_findings(path)
    assert [(d.line, d.message) for d in findings] == [
        (3, 'the Question field of item "1. Undo" is empty; write its text after the label'),
        (10, 'the Explanation field of item "1. Undo" is empty; write its text after the label'),
    ]


PLACEHOLDER_FIELDS = FIXTURES / "placeholder-fields-zh.md"


def test_placeholder_explanation_and_question_reported():
    findings = schema_findings(PLACEHOLDER_FIELDS)
    assert [(d.line, d.message) for d in findings] == [
        (12, 'the 解析 field of item "1. 链表" is only the placeholder "待补充。"; write its text in place of the placeholder'),
        (23, 'the 解析 field of item "2. 哈希表" is only the placeholder "TODO"; write its text in place of the placeholder'),
        (27, 'the 题目 field of item "3. 二叉搜索树" is only the placeholder "待完善"; write its text in place of the placeholder'),
        (42, 'the 解析 field of item "4. 图" is empty; write its text after the label'),
    ]
    assert {(d.code, d.severity.value) for d in findings} == {("DL401", "error")}


def test_placeholder_answer_left_to_missing_answer():
    result = run([str(PLACEHOLDER_FIELDS)], Settings(select=("missing-answer", "schema-violation")))
    at_answer = [(d.rule, d.message) for d in result.diagnostics if d.line == 40]
    assert at_answer == [
        ("missing-answer", 'item "4. 图" has no answer, only the placeholder "待补充"; write the answer or remove the item')
    ]


def test_placeholder_explanation_chinese_message(run_cli):
    try:
        code, stdout, stderr = run_cli("check", "--lang", "zh-CN", "--select", "schema-violation", str(PLACEHOLDER_FIELDS))
    finally:
        # The in-process run keeps its language, and the tests after this one expect English.
        set_language(None)
    assert code == 1
    assert stderr == ""
    assert stdout.splitlines()[0] == (
        f"{PLACEHOLDER_FIELDS}:12:1: DL401 schema-violation 条目“1. 链表”的“解析”字段只有占位符“待补充。”；请用正文替换占位符"
    )


@pytest.mark.parametrize(("page", "lang"), [("docs/rules/schema-violation.md", "en"), ("docs/rules/zh-CN/schema-violation.md", "zh-CN")])
def test_placeholder_doc_example_is_output(page, lang, run_cli, monkeypatch):
    text = (FIXTURES.parent / page).read_text(encoding="utf-8")
    [documented] = [line for line in text.splitlines() if line.startswith(f"{PLACEHOLDER_FIELDS.name}:")]
    monkeypatch.chdir(FIXTURES)
    try:
        _code, stdout, _stderr = run_cli("check", "--lang", lang, "--select", "schema-violation", PLACEHOLDER_FIELDS.name)
    finally:
        set_language(None)
    assert documented in stdout.splitlines()


def test_placeholder_field_passes_schema_without_text_rule(tmp_path):
    schema = write_json(
        tmp_path / "present.schema.json",
        {
            "$defs": {
                "section": {
                    "properties": {
                        "fields": {"required": ["explanation"]},
                        "children": {"items": {"$ref": "#/$defs/section"}},
                    }
                }
            },
            "properties": {"sections": {"items": {"$ref": "#/$defs/section"}}},
        },
    )
    path = tmp_path / "faq.md"
    path.write_text("## 1. Undo\n\n**Answer:** Press Ctrl+Z.\n\n**Explanation:** TODO\n", encoding="utf-8")
    assert schema_findings(path, schema=str(schema)) == []


def test_english_placeholder_explanation(tmp_path):
    path = tmp_path / "faq.md"
    path.write_text(
        "## 1. Undo\n\n**Question:** How do I undo?\n\n**Answer:** So:\n\n1. a\n2. b\n\n**Explanation:** To be added.\n",
        encoding="utf-8",
    )
    findings = schema_findings(path)
    assert [(d.line, d.message) for d in findings] == [
        (10, 'the Explanation field of item "1. Undo" is only the placeholder "To be added."; write its text in place of the placeholder')
    ]


def test_user_schema_with_local_refs(tmp_path, run_cli, monkeypatch):
    write_json(
        tmp_path / "schemas" / "runbook.schema.json",
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "properties": {"sections": {"items": {"$ref": "common/runbook-section.schema.json"}}},
        },
    )
    write_json(
        tmp_path / "schemas" / "common" / "runbook-section.schema.json",
        {
            "properties": {
                "children": {
                    "allOf": [
                        {
                            "contains": {"$ref": "titles.schema.json#/$defs/symptoms"},
                            "x-doclint-message": "{section} has no Symptoms subsection",
                        },
                        {
                            "contains": {"$ref": "titles.schema.json#/$defs/mitigation"},
                            "x-doclint-message": "{section} has no Mitigation subsection",
                        },
                    ]
                }
            }
        },
    )
    write_json(
        tmp_path / "schemas" / "common" / "titles.schema.json",
        {
            "$defs": {
                "symptoms": {"properties": {"title": {"const": "Symptoms"}}},
                "mitigation": {"properties": {"title": {"const": "Mitigation"}}},
            }
        },
    )
    (tmp_path / "disk-full.md").write_text(RUNBOOK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    code, stdout, stderr = run_cli("check", "--schema", "schemas/runbook.schema.json", "disk-full.md")
    assert stderr == ""
    assert code == 1
    assert stdout.splitlines() == [
        'disk-full.md:1:1: DL401 schema-violation section "Disk full" has no Mitigation subsection',
        "Found 1 problem (1 error, 0 warnings, 0 info) in 1 file.",
    ]


def test_missing_field_hint_in_document_language(tmp_path):
    schema = write_json(tmp_path / "qa.schema.json", {"properties": {"sections": {"items": {"properties": {"fields": {"required": ["explanation"]}}}}}})
    chinese = tmp_path / "zh.md"
    chinese.write_text("## 1. 撤销\n\n**题目：** 怎样撤销？\n\n**答案：** 按 Ctrl+Z。\n", encoding="utf-8")
    mixed = tmp_path / "mixed.md"
    mixed.write_text("## 1. 撤销\n\n**题目：** 怎样撤销？\n\n**Answer:** 按 Ctrl+Z。\n", encoding="utf-8")

    chinese_messages = [d.message for d in schema_findings(chinese, schema=str(schema))]
    mixed_messages = [d.message for d in schema_findings(mixed, schema=str(schema))]

    # The document writes its labels in Chinese, so the Chinese label alone is suggested.
    assert chinese_messages == ['item "1. 撤销" has no explanation field; add it as **解析：** followed by its text']
    assert mixed_messages == ['item "1. 撤销" has no explanation field; add it as **解析：** or **Explanation:** followed by its text']


def test_draft7_schema(tmp_path):
    schema = write_json(
        tmp_path / "d7.schema.json",
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"item": {"properties": {"fields": {"required": ["answer"]}}}},
            "properties": {"sections": {"items": {"$ref": "#/definitions/item"}}},
        },
    )
    path = tmp_path / "faq.md"
    path.write_text("## 1. Undo\n\n**Question:** How?\n", encoding="utf-8")
    findings = schema_findings(path, schema=str(schema))
    assert [(d.line, d.message) for d in findings] == [(1, 'item "1. Undo" has no answer field; add it as **Answer:** followed by its text')]


def test_custom_message_placeholders(tmp_path):
    schema = write_json(
        tmp_path / "short.schema.json",
        {
            "$defs": {
                "section": {
                    "properties": {
                        "title": {
                            "maxLength": 10,
                            "x-doclint-message": {"maxLength": "{section}: title {value} is over {limit} characters"},
                        },
                        "children": {"items": {"$ref": "#/$defs/section"}},
                    }
                }
            },
            "properties": {"sections": {"items": {"$ref": "#/$defs/section"}}},
        },
    )
    path = tmp_path / "doc.md"
    path.write_text("# Guide\n\n## 2. A title that is far too long\n", encoding="utf-8")
    findings = schema_findings(path, schema=str(schema))
    assert [(d.line, d.message) for d in findings] == [
        (3, 'item "2. A title that is far too long": title "A title that is far too long" is over 10 characters')
    ]


def test_standard_message_for_other_keywords(tmp_path):
    schema = write_json(
        tmp_path / "levels.schema.json",
        {"properties": {"sections": {"maxItems": 1, "items": {"properties": {"level": {"enum": [1]}}}}}},
    )
    path = tmp_path / "doc.md"
    path.write_text("# One\n\n## Two\n\n# Three\n", encoding="utf-8")
    findings = schema_findings(path, schema=str(schema))
    assert [(d.line, d.message) for d in findings] == [
        (1, '"sections" of the document has 2 items; the schema allows at most 1'),
    ]


def test_min_items_message_singular(tmp_path):
    schema = write_json(
        tmp_path / "children.schema.json",
        {"properties": {"sections": {"items": {"properties": {"children": {"minItems": 2}}}}}},
    )
    path = tmp_path / "doc.md"
    path.write_text("# T\n\n## A\n\ntext\n", encoding="utf-8")
    findings = schema_findings(path, schema=str(schema))
    assert [d.message for d in findings] == ['"children" of section "T" has 1 item; the schema requires at least 2']


def test_fallback_message_names_keyword(tmp_path):
    schema = write_json(
        tmp_path / "no-html.schema.json",
        {"properties": {"blocks": {"items": {"not": {"properties": {"type": {"const": "html"}}}}}}},
    )
    path = tmp_path / "doc.md"
    path.write_text("Intro.\n\n<div>x</div>\n", encoding="utf-8")
    findings = schema_findings(path, schema=str(schema))
    assert [(d.line, d.message) for d in findings] == [
        (3, 'the HTML block in the document fails the schema\'s "not" constraint (schema path properties/blocks/items/not)'),
    ]


def test_schema_without_compiled_check(tmp_path):
    """unevaluatedProperties has no compiled validity check, so jsonschema alone validates the tree."""
    schema = write_json(
        tmp_path / "uneval.schema.json",
        {
            "properties": {
                "sections": {
                    "items": {"properties": {"fields": {"properties": {"question": True}, "unevaluatedProperties": False}}}
                }
            }
        },
    )
    path = tmp_path / "faq.md"
    path.write_text("## 1. Undo\n\n**Question:** How?\n\n**Explanation:** Because.\n", encoding="utf-8")
    findings = schema_findings(path, schema=str(schema))
    assert [(d.line, d.message) for d in findings] == [
        (
            1,
            '"fields" of item "1. Undo" fails the schema\'s "unevaluatedProperties" constraint '
            "(schema path properties/sections/items/properties/fields/unevaluatedProperties)",
        )
    ]


class _CountingHandler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        self.requests.append(self.path)
        body = b'{"type": "object"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def schema_server():
    """Serve a valid schema on 127.0.0.1 and record every request made to it."""
    _CountingHandler.requests = []
    server = HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _CountingHandler.requests
    server.shutdown()
    server.server_close()
    thread.join()


def test_remote_ref_is_never_fetched(tmp_path, run_cli, monkeypatch, schema_server):
    address, requests = schema_server
    reference = f"{address}/section.schema.json"
    schema = write_json(tmp_path / "remote.schema.json", {"properties": {"sections": {"items": {"$ref": reference}}}})
    connections = []
    real_connect = socket.socket.connect

    def record_connect(self, target):
        connections.append(target)
        return real_connect(self, target)

    monkeypatch.setattr(socket.socket, "connect", record_connect)
    code, stdout, stderr = run_cli("check", "--schema", str(schema), str(SEED))

    assert code == 2
    assert stdout == ""
    assert stderr == (
        f'doclint: error: {schema}: $ref "{reference}" is a remote address, which doclint never downloads; '
        "save that schema as a local file and refer to it by a relative path\n"
    )
    assert requests == []
    assert connections == []


def test_remote_id_makes_relative_ref_remote(tmp_path, run_cli):
    schema = write_json(
        tmp_path / "root.schema.json", {"$id": "https://schemas.invalid/root.json", "$ref": "common.json"}
    )
    write_json(tmp_path / "common.json", {"type": "object"})
    code, _, stderr = run_cli("check", "--schema", str(schema), str(SEED))
    assert code == 2
    assert stderr == (
        f'doclint: error: {schema}: $ref "common.json" resolves to the remote address '
        "https://schemas.invalid/common.json because the $id it is resolved against is remote, and doclint "
        "never downloads schemas; remove the $id or refer to a local file by an absolute file: address\n"
    )


INVALID_SCHEMAS = [
    (
        '{"type": "strin"}',
        "invalid schema at $.type: 'strin' is not one of ['array', 'boolean', 'integer', 'null', 'number', "
        "'object', 'string']; did you mean 'string'?",
    ),
    (
        '{"type": ["string", "strin"]}',
        "invalid schema at $.type[1]: 'strin' is not one of ['array', 'boolean', 'integer', 'null', 'number', "
        "'object', 'string']; did you mean 'string'?",
    ),
    (
        '{"type": "String"}',
        "invalid schema at $.type: 'String' is not one of ['array', 'boolean', 'integer', 'null', 'number', "
        "'object', 'string']; did you mean 'string'?",
    ),
    (
        '{"type": "text"}',
        "invalid schema at $.type: 'text' is not one of ['array', 'boolean', 'integer', 'null', 'number', "
        "'object', 'string']; fix the schema file",
    ),
    (
        '{"type": ["string", "string"]}',
        "invalid schema at $.type: ['string', 'string'] has non-unique elements; fix the schema file",
    ),
    (
        '{"type": 5}',
        "invalid schema at $.type: 5 is not of type 'string', 'array'; fix the schema file",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-07/schema#", "items": 5}',
        "invalid schema at $.items: 5 is not of type 'object', 'boolean', 'array'; fix the schema file",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-04/schema#", "exclusiveMinimum": true}',
        "invalid schema at $: 'exclusiveMinimum' requires 'minimum', which is missing; fix the schema file",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-04/schema#", "multipleOf": 0}',
        "invalid schema at $.multipleOf: 0 is less than or equal to the minimum of 0; fix the schema file",
    ),
    (
        '{"required": "x"}',
        "invalid schema at $.required: 'x' is not of type 'array'; write it as an array of property names, such as "
        '["x"]',
    ),
    (
        '{"properties": {"sections": {"items": [{"type": "object"}], "additionalItems": false}}}',
        'invalid schema at $.properties.sections.items: "items" takes one schema in Draft 2020-12, not an array; '
        'rename "items" to "prefixItems" and "additionalItems" to "items", as Draft 2020-12 names them',
    ),
    (
        '{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"list": {"$schema": '
        '"https://json-schema.org/draft/2020-12/schema", "items": [{"type": "object"}]}}}',
        'invalid schema at $.definitions.list.items: "items" takes one schema in Draft 2020-12, not an array; rename '
        '"items" to "prefixItems", which takes an array of schemas by position in Draft 2020-12',
    ),
    (
        '{"items": [{"type": "object"}]}',
        'invalid schema at $.items: "items" takes one schema in Draft 2020-12, not an array; rename "items" to '
        '"prefixItems", which takes an array of schemas by position in Draft 2020-12',
    ),
    (
        '{"$schema": "http://json-schema.org/draft-03/schema#", "properties": {"a": {"extends": "yes"}}}',
        "invalid schema at $.properties.a.extends: \"extends\" takes a schema (an object) or 'array', not 'yes'; "
        "fix the schema file",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-03/schema#", "type": ["string", 5]}',
        "invalid schema at $.type[1]: \"type\" takes a schema (an object) or 'string', not 5; fix the schema file",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-03/schema#", "dependencies": {"a": 5}}',
        "invalid schema at $.dependencies.a: \"dependencies\" takes a schema (an object) or 'string', 'array', not 5; "
        "fix the schema file",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-03/schema#", "properties": {"p": {"additionalItems": 3}}}',
        "invalid schema at $.properties.p.additionalItems: \"additionalItems\" takes a schema (an object) or "
        "'boolean', not 3; fix the schema file",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-03/schema#", "extends": [{"extends": {"minimum": "x"}}]}',
        "invalid schema at $.extends[0].extends.minimum: 'x' is not of type 'number'; fix the schema file",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"a": {"exclusiveMinimum": "yes"}}}',
        "invalid schema at $.properties.a.exclusiveMinimum: 'yes' is not of type 'boolean'; fix the schema file",
    ),
    (
        '{"required": ["a", "a"]}',
        "invalid schema at $.required: ['a', 'a'] has non-unique elements; fix the schema file",
    ),
    (
        '{"anyOf": []}',
        "invalid schema at $.anyOf: [] should be non-empty; fix the schema file",
    ),
    (
        '{"pattern": "["}',
        "invalid schema at $.pattern: '[' is not a valid regular expression (unterminated character set at position "
        "0); write it in the syntax of Python's re module, which doclint matches patterns with",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"title": {"pattern": "\\\\p{L}+"}}}',
        "invalid schema at $.properties.title.pattern: '\\\\p{L}+' is not a valid regular expression (bad escape \\p "
        "at position 0); write it in the syntax of Python's re module, which doclint matches patterns with",
    ),
    (
        '{"patternProperties": {"^x-(": {}}}',
        "invalid schema at $.patternProperties: the property name pattern '^x-(' is not a valid regular expression "
        "(missing ), unterminated subpattern at position 3); write it in the syntax of Python's re module, which "
        "doclint matches patterns with",
    ),
    (
        '{"$anchor": "1x"}',
        "invalid schema at $['$anchor']: '1x' does not match '^[A-Za-z_][-A-Za-z0-9._]*$'; fix the schema file",
    ),
    (
        '{"type": "object",}',
        "invalid JSON at line 1, column 19: Expecting property name enclosed in double quotes; fix the schema file",
    ),
    (
        '{"minItems": -1}',
        "invalid schema at $.minItems: -1 is less than the minimum of 0; fix the schema file",
    ),
    (
        '{"$schema": "https://example.invalid/my-draft", "type": "object"}',
        'unknown $schema "https://example.invalid/my-draft"; use "https://json-schema.org/draft/2020-12/schema" '
        'or "http://json-schema.org/draft-07/schema#"',
    ),
    (
        " \n",
        "the schema file is empty; write the schema as a JSON object",
    ),
    (
        '["type", "object"]',
        "a schema must be a JSON object or a boolean, not an array; fix the schema file",
    ),
    (
        '{"minItems": 1, "x-doclint-message": "needs {count}"}',
        "invalid x-doclint-message at $.x-doclint-message: unknown placeholder {count}; use {field}, {heading}, "
        "{label}, {limit}, {property}, {section}, {value}",
    ),
    (
        '{"minItems": 1, "x-doclint-message": {"minItems": "has {limit:d} steps"}}',
        "invalid x-doclint-message at $.x-doclint-message.minItems: Unknown format code 'd' for object of type "
        "'str'; placeholders are strings, so write them without a format such as :d",
    ),
    (
        '{"x-doclint-message": "open { brace"}',
        "invalid x-doclint-message at $.x-doclint-message: expected '}' before end of string; "
        "write a literal brace as {{ or }}",
    ),
    (
        '{"x-doclint-message": ["not", "a", "string"]}',
        "invalid x-doclint-message at $.x-doclint-message: it must be a string, an object that maps keywords such as "
        "required to strings, or an object that maps languages (en, zh-CN) to strings",
    ),
    (
        '{"$dynamicRef": "#nope"}',
        '$dynamicRef "#nope" cannot be resolved (no anchor nope); check the file name and the part after "#"',
    ),
    (
        '{"$schema": "https://json-schema.org/draft-07/schema#", "type": "object"}',
        'unknown $schema "https://json-schema.org/draft-07/schema#"; did you mean '
        '"http://json-schema.org/draft-07/schema#"?',
    ),
    (
        '{"$ref": "#/$defs/missing"}',
        '$ref "#/$defs/missing" cannot be resolved (nothing at /$defs/missing); check the file name and the part '
        'after "#"',
    ),
]


@pytest.mark.parametrize(("text", "problem"), INVALID_SCHEMAS)
def test_invalid_schema_is_usage_error(tmp_path, run_cli, text, problem):
    schema = tmp_path / "bad.schema.json"
    schema.write_text(text, encoding="utf-8")
    code, stdout, stderr = run_cli("check", "--schema", str(schema), str(SEED))
    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: error: {schema}: {problem}\n"


INVALID_SCHEMAS_ZH = [
    (
        '{"type": "objekt"}',
        "$.type 处的 schema 无效：'objekt' 不是 ['array', 'boolean', 'integer', 'null', 'number', 'object', "
        "'string'] 之一；是否想写 'object'？",
    ),
    ('{"required": "x"}', "$.required 处的 schema 无效：'x' 的类型不是 'array'；请把它写成属性名的数组，例如 [\"x\"]"),
    (
        '{"items": [{}], "additionalItems": false}',
        '$.items 处的 schema 无效：Draft 2020-12 中 "items" 只接受一个 schema，不接受数组；请按 Draft 2020-12 的命名把 "items" '
        '改名为 "prefixItems"，把 "additionalItems" 改名为 "items"',
    ),
    ('{"required": ["a", "a"]}', "$.required 处的 schema 无效：['a', 'a'] 中有重复的元素；请修正 schema 文件"),
    ('{"minItems": -1}', "$.minItems 处的 schema 无效：-1 小于最小值 0；请修正 schema 文件"),
    ('{"multipleOf": 0}', "$.multipleOf 处的 schema 无效：0 小于或等于最小值 0；请修正 schema 文件"),
    ('{"anyOf": []}', "$.anyOf 处的 schema 无效：[] 不能为空；请修正 schema 文件"),
    (
        '{"pattern": "["}',
        "$.pattern 处的 schema 无效：'[' 不是有效的正则表达式（unterminated character set at position 0）；"
        "doclint 用 Python 的 re 模块匹配模式，请按它的语法书写",
    ),
    (
        '{"$anchor": "1x"}',
        "$['$anchor'] 处的 schema 无效：'1x' 与模式 '^[A-Za-z_][-A-Za-z0-9._]*$' 不匹配；请修正 schema 文件",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-07/schema#", "items": 5}',
        "$.items 处的 schema 无效：5 的类型不是 'object', 'boolean', 'array'；请修正 schema 文件",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-04/schema#", "exclusiveMinimum": true}',
        "$ 处的 schema 无效：'exclusiveMinimum' 要求同时有 'minimum'，但缺少 'minimum'；请修正 schema 文件",
    ),
    (
        '{"$schema": "http://json-schema.org/draft-03/schema#", "extends": "yes"}',
        "$.extends 处的 schema 无效：\"extends\" 的值应为 schema（对象）或 'array'，而不是 'yes'；请修正 schema 文件",
    ),
    ('{"type": ', "第 1 行第 10 列的 JSON 无效：此处应为一个值；请修正 schema 文件"),
    (" \n", "schema 文件是空的；请把 schema 写成一个 JSON 对象"),
    ('{"$ref": "#/$defs/x"}', "无法解析 $ref“#/$defs/x”（/$defs/x 处没有内容）；请检查文件名和“#”后面的部分"),
    (
        '{"properties": {"a": {"$ref": "#/properties/a"}}}',
        '/properties/a/$ref 处的 $ref "#/properties/a" 在没有进入值的某个属性或元素的情况下又回到了它自身，验证将永远无法结束；'
        "请让它指向另一个子 schema",
    ),
]


@pytest.mark.parametrize(("text", "problem"), INVALID_SCHEMAS_ZH)
def test_invalid_schema_in_chinese(tmp_path, run_cli, text, problem):
    schema = tmp_path / "bad.schema.json"
    schema.write_text(text, encoding="utf-8")
    code, stdout, stderr = run_cli("check", "--lang", "zh_CN", "--schema", str(schema), str(SEED))
    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: 错误：{schema}：{problem}\n"


def test_invalid_referenced_schema_names_that_file(tmp_path, run_cli, monkeypatch):
    write_json(tmp_path / "root.schema.json", {"$ref": "parts/item.schema.json"})
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "item.schema.json").write_text('{"required": "question"}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli("check", "--schema", "root.schema.json", str(SEED))
    assert code == 2
    assert stderr == (
        "doclint: error: parts/item.schema.json: invalid schema at $.required: 'question' is not of type "
        "'array'; write it as an array of property names, such as [\"question\"]\n"
    )


@pytest.mark.parametrize(
    ("root", "value", "shown"),
    [
        ("root.schema.json", "root.schema.json", "root.schema.json"),
        ("refs/root.schema.json", "./q//../refs/root.schema.json", "refs/root.schema.json"),
    ],
)
def test_missing_referenced_file(tmp_path, run_cli, monkeypatch, root, value, shown):
    (tmp_path / "q").mkdir()
    reference = "../parts/none.json" if "/" in root else "parts/none.json"
    write_json(tmp_path / root, {"$ref": reference})
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli("check", "--schema", value, str(SEED))
    assert code == 2
    assert stderr == (
        f'doclint: error: {shown}: $ref "{reference}" names parts/none.json, which is not a file; check the file name\n'
    )


def test_schema_path_outside_working_folder_absolute(tmp_path, run_cli, monkeypatch):
    write_json(tmp_path / "refs" / "root.schema.json", {"required": "x"})
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    code, _, stderr = run_cli("check", "--schema", "../work/../refs/root.schema.json", str(SEED))
    assert code == 2
    assert stderr.startswith(f"doclint: error: {(tmp_path / 'refs' / 'root.schema.json').as_posix()}: invalid schema")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("../refs/missing.json", "refs/missing.json: schema file not found; check the path"),
        (
            "../faq.schema.yaml",
            "faq.schema.yaml: not valid JSON, and doclint reads schema files only as JSON; convert this YAML schema to "
            "JSON",
        ),
    ],
)
def test_front_matter_schema_problem_names_path(tmp_path, run_cli, monkeypatch, value, problem):
    (tmp_path / "faq.schema.yaml").write_text("type: object\nrequired: [sections]\n", encoding="utf-8")
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "a.md").write_text(f"---\ndoclint-schema: {value}\n---\n# T\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run_cli("check", "--no-cache", "q/a.md")
    assert code == 1
    assert stdout.splitlines()[0] == f"q/a.md:2:1: DL401 schema-violation front matter key doclint-schema: {problem}"


def test_unknown_schema_name(run_cli):
    code, stdout, stderr = run_cli("check", "--schema", "runbook", str(SEED))
    assert code == 2
    assert stdout == ""
    assert stderr == (
        'doclint: error: unknown schema "runbook"; use a built-in schema (generic, qa-article) '
        "or the path of a .json schema file\n"
    )


def test_missing_schema_file(run_cli, tmp_path):
    missing = tmp_path / "none.schema.json"
    code, _, stderr = run_cli("check", "--schema", str(missing), str(SEED))
    assert code == 2
    assert stderr == f"doclint: error: {missing}: schema file not found; check the path\n"


def test_front_matter_chooses_builtin(tmp_path):
    text = VIOLATIONS.read_text(encoding="utf-8")
    path = tmp_path / "bank.md"
    path.write_text("---\ntitle: 题库\ndoclint-schema: generic\n---\n" + text, encoding="utf-8")
    assert schema_findings(path) == []


def test_front_matter_path_relative_to_document(tmp_path, monkeypatch):
    write_json(
        tmp_path / "docs" / "schemas" / "needs-answer.schema.json",
        {"properties": {"sections": {"items": {"properties": {"fields": {"required": ["answer"]}}}}}},
    )
    path = tmp_path / "docs" / "faq.md"
    path.write_text(
        "---\ndoclint-schema: schemas/needs-answer.schema.json\n---\n## Undo\n\n**Question:** How?\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(FIXTURES)
    findings = schema_findings(path)
    assert [(d.line, d.message) for d in findings] == [(4, 'section "Undo" has no answer field; add it as **Answer:** followed by its text')]


def test_front_matter_overrides_schema_option(tmp_path):
    path = tmp_path / "bank.md"
    path.write_text("---\ndoclint-schema: generic\n---\n" + VIOLATIONS.read_text(encoding="utf-8"), encoding="utf-8")
    assert schema_findings(path, schema="qa-article") == []


def test_front_matter_unknown_schema(tmp_path, run_cli):
    path = tmp_path / "bank.md"
    path.write_text("---\ntitle: x\ndoclint-schema: qa\n---\n# Bank\n", encoding="utf-8")
    code, stdout, stderr = run_cli("check", "--no-cache", str(path))
    assert (code, stderr) == (1, "")
    assert stdout.splitlines()[0] == (
        f'{path}:3:1: DL401 schema-violation front matter key doclint-schema: unknown schema "qa"; use a built-in '
        "schema (generic, qa-article) or the path of a .json schema file"
    )


def test_front_matter_value_not_a_string(tmp_path, run_cli):
    path = tmp_path / "bank.md"
    path.write_text("---\ndoclint-schema: [generic]\n---\n# Bank\n", encoding="utf-8")
    code, stdout, _ = run_cli("check", "--no-cache", str(path))
    assert code == 1
    assert stdout.splitlines()[0] == (
        f"{path}:2:1: DL401 schema-violation front matter key doclint-schema: the value must be a schema name or a "
        "path, not ['generic']"
    )


def test_invalid_front_matter_is_ignored_with_warning(tmp_path, caplog):
    path = tmp_path / "bank.md"
    path.write_text("---\ntitle: [x\ndoclint-schema: generic\n---\n" + VIOLATIONS.read_text(encoding="utf-8"))
    with caplog.at_level(logging.WARNING, logger="doclint"):
        findings = schema_findings(path)
    assert len(findings) == 2
    assert [record.getMessage() for record in caplog.records] == [
        f"{path}:3: invalid YAML in the front matter: expected ',' or ']', but got ':'; "
        "its doclint-schema key, if any, is ignored"
    ]


def test_schema_url_is_not_downloaded(run_cli, tmp_path):
    document = tmp_path / "remote.md"
    document.write_text("---\ndoclint-schema: https://example.com/x.json\n---\n# Title\n", encoding="utf-8")
    code, stdout, _stderr = run_cli("check", "--no-cache", str(document))
    assert code == 1
    assert stdout.splitlines()[0] == (
        f"{document}:2:1: DL401 schema-violation front matter key doclint-schema: https://example.com/x.json: "
        "doclint does not download schemas; save the schema to a file and name its path"
    )


def test_empty_front_matter_schema_key(run_cli, tmp_path):
    document = tmp_path / "empty.md"
    document.write_text("---\ndoclint-schema:\n---\n# Title\n", encoding="utf-8")
    code, stdout, _stderr = run_cli("check", "--no-cache", str(document))
    assert code == 1
    assert stdout.splitlines()[0] == (
        f"{document}:2:1: DL401 schema-violation front matter key doclint-schema: the value is empty; give a schema "
        "name or a path"
    )


@pytest.mark.parametrize(
    ("files", "named", "problem"),
    [
        (
            {"loop.json": '{"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}'},
            "loop.json",
            'loop.json: $ref "#/$defs/a" at /$defs/a/$ref',
        ),
        ({"ma.json": '{"$ref": "mb.json"}', "mb.json": '{"$ref": "ma.json"}'}, "ma.json", 'mb.json: $ref "ma.json" at /$ref'),
        (
            {"part.json": '{"properties": {"sections": {"$ref": "#/properties/sections"}}}'},
            "part.json",
            'part.json: $ref "#/properties/sections" at /properties/sections/$ref',
        ),
        (
            {"branch.json": '{"anyOf": [{"type": "string"}, {"allOf": [{"$ref": "#"}]}]}'},
            "branch.json",
            'branch.json: $ref "#" at /anyOf/1/allOf/0/$ref',
        ),
    ],
    ids=["self", "two-files", "under-properties", "through-anyOf"],
)
def test_schema_ref_loop_is_usage_error(run_cli, tmp_path, monkeypatch, files, named, problem):
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "doc.md").write_text("# T\n\nText.\n", encoding="utf-8")

    code, _stdout, stderr = run_cli("check", "--no-cache", "--schema", named, "doc.md")

    assert code == 2
    assert stderr == (
        f"doclint: error: {problem} leads back to itself without moving into a property or an item of the value, so "
        "validation would never end; point it at another subschema\n"
    )


def test_unusable_front_matter_schema_does_not_stop_run(run_cli, tmp_path):
    (tmp_path / "a.md").write_text("---\ndoclint-schema: nope.json\n---\n\n# A\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# C\n\n```python\nimport os; print(1)\n```\n", encoding="utf-8")
    code, stdout, stderr = run_cli("check", "--no-cache", "--format", "json", str(tmp_path))
    assert (code, stderr) == (1, "")
    findings = json.loads(stdout)["diagnostics"]
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [
        (str(tmp_path / "a.md"), 2, "schema-violation"),
        (str(tmp_path / "c.md"), 4, "unused-import"),
    ]
    assert findings[0]["message"] == (
        f"front matter key doclint-schema: {tmp_path / 'nope.json'}: schema file not found; check the path"
    )


def test_unusable_front_matter_schema_not_replayed(run_cli, tmp_path, monkeypatch):
    # The finding must not outlive the problem: once the schema file exists, a cached run checks again.
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("---\ndoclint-schema: kind.json\n---\n\n# A\n\ntext\n", encoding="utf-8")
    code, stdout, _ = run_cli("check", "a.md")
    assert code == 1
    assert "schema file not found" in stdout
    Path("kind.json").write_text('{"type": "object"}', encoding="utf-8")
    code, stdout, _ = run_cli("check", "a.md")
    assert (code, stdout) == (0, "No problems found in 1 file.\n")


def test_missing_field_named_in_chinese(run_cli, tmp_path, monkeypatch):
    (tmp_path / "miss.md").write_text(
        "## 1. 准备环境\n\n**答案：**\n\n1. 甲\n2. 乙\n\n**解析：** 说明。\n\n"
        "## 2. 事务\n\n**问题：** 什么是事务？\n\n**答案：** 见下文。\n\n**解析：** 说明。\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    _code, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "--schema", "qa-article", "miss.md")
    assert stdout.splitlines()[:2] == [
        "miss.md:1:1: DL401 schema-violation 条目“1. 准备环境”缺少“题目”字段；请添加 **问题：**，并在其后写上内容",
        "miss.md:14:1: DL401 schema-violation 条目“2. 事务”的“答案”字段没有步骤；请用有序列表写出至少 2 个步骤",
    ]
    _code, stdout, _stderr = run_cli("check", "--schema", "qa-article", "miss.md")
    assert stdout.splitlines()[:2] == [
        'miss.md:1:1: DL401 schema-violation item "1. 准备环境" has no question field; '
        "add it as **问题：** followed by its text",
        'miss.md:14:1: DL401 schema-violation the 答案 field of item "2. 事务" has no steps; '
        "write at least 2 steps as an ordered list",
    ]


def _repository_with_page(tmp_path, schema_value):
    """Return a git work tree (a folder with .git) holding docs/page.md, which names ``schema_value`` in front matter."""
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    page = repository / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text(f"---\ndoclint-schema: {schema_value}\n---\n# Title\n\nText.\n", encoding="utf-8")
    return repository, page


def test_outside_schema_rejected_unread(run_cli, tmp_path, monkeypatch):
    # The outside file is an invalid schema whose value would be quoted in the message if doclint read it.
    write_json(tmp_path / "secret.json", {"type": "token-1234"})
    repository, page = _repository_with_page(tmp_path, "../../secret.json")
    monkeypatch.chdir(repository)

    code, stdout, stderr = run_cli("check", "--no-cache", "docs/page.md")

    assert (code, stderr) == (1, "")
    assert stdout.splitlines()[0] == (
        f"docs/page.md:2:1: DL401 schema-violation front matter key doclint-schema: {tmp_path / 'secret.json'}: outside "
        f"the document's repository {repository}, which a schema named in front matter must be in; move the schema "
        "into the repository or name it with --schema"
    )
    assert "token-1234" not in stdout


def test_outside_ref_rejected_unread(run_cli, tmp_path, monkeypatch):
    write_json(tmp_path / "secret.json", {"type": "token-1234"})
    repository, _page = _repository_with_page(tmp_path, "page.schema.json")
    write_json(repository / "docs" / "page.schema.json", {"$ref": "../../secret.json"})
    monkeypatch.chdir(repository)

    code, stdout, _stderr = run_cli("check", "--no-cache", "docs/page.md")

    assert code == 1
    assert stdout.splitlines()[0] == (
        "docs/page.md:2:1: DL401 schema-violation front matter key doclint-schema: docs/page.schema.json: "
        f'$ref "../../secret.json" names {tmp_path / "secret.json"}, outside the document\'s repository '
        f"{repository}, which a schema named in front matter must be in; move that file into the repository"
    )


def test_repository_schema_accepted(tmp_path, monkeypatch):
    repository, page = _repository_with_page(tmp_path, "../schemas/page.schema.json")
    write_json(repository / "schemas" / "page.schema.json", {"$ref": "common.schema.json"})
    write_json(repository / "schemas" / "common.schema.json", {"properties": {"sections": {"maxItems": 0}}})
    monkeypatch.chdir(repository)
    builtin = repository / "docs" / "builtin.md"
    builtin.write_text("---\ndoclint-schema: generic\n---\n# Title\n", encoding="utf-8")

    findings = schema_findings("docs/page.md", "docs/builtin.md")

    assert [(f.path, f.line, f.message) for f in findings] == [
        ("docs/page.md", 1, '"sections" of the document has 1 item; the schema allows at most 0'),
    ]


def test_schema_option_reads_outside_file(run_cli, tmp_path, monkeypatch):
    # --schema is the choice of the person who runs doclint, not of a document, so it may be anywhere.
    write_json(tmp_path / "shared.schema.json", {"properties": {"sections": {"maxItems": 0}}})
    repository, _page = _repository_with_page(tmp_path, "")
    (repository / "docs" / "plain.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(repository)

    code, stdout, _stderr = run_cli("check", "--no-cache", "--schema", str(tmp_path / "shared.schema.json"), "docs/plain.md")

    assert code == 1
    assert stdout.splitlines()[0].startswith("docs/plain.md:1:1: DL401 schema-violation ")


MITIGATION_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "properties": {"sections": {"items": {"properties": {"children": {"items": {"$ref": "part.schema.json"}}}}}},
}
ORDERED_STEPS_PART = {
    # A $schema of its own makes jsonschema enter this file with the draft's own validator class.
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "if": {"properties": {"title": {"const": "处理步骤"}}},
    "then": {
        "properties": {
            "blocks": {
                "contains": {
                    "required": ["type", "ordered"],
                    "properties": {"type": {"const": "list"}, "ordered": {"const": True}, "items": {"minItems": 2}},
                }
            }
        }
    },
}
BULLET_RUNBOOK = "# 运行手册：缓存宕机\n\n## 处理步骤\n\n先确认告警。\n\n- 登录跳板机。\n- 重启缓存服务。\n\n## 其他\n"


def test_contains_names_closest_element(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_json(tmp_path / "runbook.schema.json", MITIGATION_SCHEMA)
    write_json(tmp_path / "part.schema.json", ORDERED_STEPS_PART)
    (tmp_path / "cache.md").write_text(BULLET_RUNBOOK, encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-cache", "--schema", "runbook.schema.json", "cache.md")
    assert code == 1
    assert stdout.splitlines()[0] == (
        'cache.md:3:1: DL401 schema-violation "blocks" of section "处理步骤" has no element that the schema\'s '
        '"contains" accepts; the closest is at line 7: the list in section "处理步骤" is a bullet list, where '
        "the schema expects an ordered list; number its items 1., 2., 3. instead of starting them with - or *"
    )

    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", "--schema", "runbook.schema.json", "cache.md")
    assert stdout.splitlines()[0] == (
        "cache.md:3:1: DL401 schema-violation 章节“处理步骤”的“blocks”中没有满足 schema 的“contains”约束的元素；"
        "最接近的在第 7 行：章节“处理步骤”中的列表是无序列表，而 schema 要求有序列表；请用 1.、2.、3. 给各项编号，不要以 - 或 * 开头"
    )


def test_contains_on_empty_array(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_json(
        tmp_path / "code.schema.json",
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "properties": {"sections": {"items": {"properties": {"blocks": {"contains": {"properties": {"type": {"const": "code"}}}}}}}},
        },
    )
    (tmp_path / "api.md").write_text("# Intro\n\nSee below.\n\n# Empty\n\n## Child\n", encoding="utf-8")

    findings = schema_findings("api.md", schema="code.schema.json")

    assert [(f.line, f.message) for f in findings] == [
        (1, '"blocks" of section "Intro" has no element that the schema\'s "contains" accepts; the closest is at '
            'line 3: section "Intro" has a paragraph here, where the schema expects a code block; write a code block '
            "in its place"),
        (5, '"blocks" of section "Empty" is empty; the schema requires at least one element that its "contains" accepts'),
    ]


OWNER_SCHEMA = {
    "properties": {
        "front_matter": {
            "type": "object",
            "properties": {
                "data": {
                    "type": "object",
                    "required": ["owner", "review-date"],
                    "properties": {"review-date": {"type": "string", "format": "date"}, "contact": {"format": "email"}},
                }
            },
        }
    }
}


def test_front_matter_keys_and_date_format(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_json(tmp_path / "owner.schema.json", OWNER_SCHEMA)
    (tmp_path / "faq.md").write_text(
        "---\ntitle: 账单\nreview-date: 2026-02-30\ncontact: support\n---\n# 账单常见问题\n", encoding="utf-8"
    )
    (tmp_path / "ok.md").write_text("---\nowner: 王芳\nreview-date: 2026-03-01\n---\n# 付款\n", encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-cache", "--schema", "owner.schema.json", "faq.md", "ok.md")
    assert code == 1
    assert stdout.splitlines()[:3] == [
        'faq.md:1:1: DL401 schema-violation the front matter has no owner key; add a line "owner: " with its value',
        'faq.md:3:1: DL401 schema-violation the front matter key review-date is "2026-02-30", which is not a valid '
        "date; write an existing date as YYYY-MM-DD, such as 2026-12-31",
        'faq.md:4:1: DL401 schema-violation the front matter key contact is "support", which is not a valid "email"; '
        "correct the value",
    ]
    assert "ok.md" not in stdout

    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", "--schema", "owner.schema.json", "faq.md")
    assert stdout.splitlines()[:2] == [
        "faq.md:1:1: DL401 schema-violation front matter 缺少 owner 键；请添加一行“owner: ”并写上它的值",
        'faq.md:3:1: DL401 schema-violation front matter 键 review-date 的值为 "2026-02-30"，不是有效的日期；'
        "请按 YYYY-MM-DD 写一个存在的日期，例如 2026-12-31",
    ]


def test_formats_outside_standard_library_unchecked(run_cli, tmp_path, monkeypatch):
    # The test dependencies let jsonschema check uri and idn-hostname; a plain install does not, so doclint never does.
    monkeypatch.chdir(tmp_path)
    formats = {"home": "uri", "host": "idn-hostname", "since": "date"}
    schema = {"properties": {"front_matter": {"properties": {"data": {"properties": {
        key: {"format": value} for key, value in formats.items()
    }}}}}}
    write_json(tmp_path / "formats.schema.json", schema)
    (tmp_path / "page.md").write_text("---\nhome: not a uri\nhost: -bad-\nsince: 2026-13-01\n---\n# Page\n", encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-cache", "--schema", "formats.schema.json", "page.md")

    assert code == 1
    assert [line.split(" schema-violation ")[0] for line in stdout.splitlines() if "DL401" in line] == ["page.md:4:1: DL401"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"not": ' * 3000 + "{}" + "}" * 3000, "the schema is nested more than 100 levels deep; flatten it with $defs and $ref"),
        ('{"not": ' * 101 + "{}" + "}" * 101, "the schema is nested more than 100 levels deep; flatten it with $defs and $ref"),
        (
            json.dumps(
                {"$defs": {f"d{n}": {"$ref": f"#/$defs/d{n + 1}"} for n in range(800)} | {"d800": {}}, "$ref": "#/$defs/d0"}
            ),
            "its $ref chain is too long to follow; shorten the chain of references",
        ),
    ],
    ids=["deeper-than-parser", "depth-101", "long-ref-chain"],
)
def test_too_deep_schema_is_usage_error(run_cli, tmp_path, monkeypatch, text, problem):
    monkeypatch.chdir(tmp_path)
    Path("deep.schema.json").write_text(text, encoding="utf-8")
    Path("doc.md").write_text("# T\n\nText.\n", encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-cache", "--schema", "deep.schema.json", "doc.md")

    assert (code, stdout) == (2, "")
    assert stderr == f"doclint: error: deep.schema.json: {problem}\n"


def test_too_deep_front_matter_schema_spares_others(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("deep.schema.json").write_text('{"not": ' * 3000 + "{}" + "}" * 3000, encoding="utf-8")
    Path("a.md").write_text("---\ndoclint-schema: deep.schema.json\n---\n# A\n", encoding="utf-8")
    Path("b.md").write_text("# B\n\n```python\nimport os; print(1)\n```\n", encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-cache", "a.md", "b.md")

    assert (code, stderr) == (1, "")
    assert stdout.splitlines()[:2] == [
        "a.md:2:1: DL401 schema-violation front matter key doclint-schema: deep.schema.json: the schema is nested "
        "more than 100 levels deep; flatten it with $defs and $ref",
        "b.md:4:8: DL302 unused-import 'os' is imported but not used in this or a later Python block of the "
        "document; remove the import",
    ]


def test_schema_name_too_long(run_cli, tmp_path):
    name = "a" * 300
    path = tmp_path / "bank.md"
    path.write_text(f"---\ndoclint-schema: {name}\n---\n# Bank\n", encoding="utf-8")
    code, stdout, stderr = run_cli("check", "--no-cache", str(path))
    assert code == 1
    assert stderr == ""
    assert stdout.splitlines()[0] == (
        f'{path}:2:1: DL401 schema-violation front matter key doclint-schema: unknown schema "{name}"; use a built-in '
        "schema (generic, qa-article) or the path of a .json schema file"
    )

    code, stdout, stderr = run_cli("check", "--no-cache", "--schema", f"{name}.json", str(path))
    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: error: {name}.json: cannot read the schema file (File name too long); make it a readable UTF-8 file\n"


def test_front_matter_value_alias_expansion(tmp_path, run_cli):
    # Nine levels of nine aliases: 387,420,489 strings in the value, whose full repr would not fit in memory.
    levels = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 10)).replace("*l0", "x")
    path = tmp_path / "bank.md"
    path.write_text(f"---\n{levels}doclint-schema: *l9\n---\n# Bank\n", encoding="utf-8")
    code, stdout, _ = run_cli("check", "--no-cache", str(path))
    assert code == 1
    assert stdout.splitlines()[0] == (
        f"{path}:11:1: DL401 schema-violation front matter key doclint-schema: the value must be a schema name or a "
        "path, not [[...], [...], [...], [...], [...], [...], ...]"
    )


def test_front_matter_yaml_1_1_words_stay_strings(tmp_path):
    schema = write_json(
        tmp_path / "deploy.schema.json",
        {
            "properties": {
                "front_matter": {
                    "properties": {
                        "data": {
                            "required": ["on"],
                            "properties": {"on": {"type": "string"}, "published": {"enum": ["yes", "no"]}},
                        }
                    }
                }
            }
        },
    )
    passing = tmp_path / "passing.md"
    passing.write_text("---\ntitle: Deploys\non: push\npublished: no\n---\n# Deploys\n\ntext\n", encoding="utf-8")
    failing = tmp_path / "failing.md"
    failing.write_text("---\ntitle: Deploys\non: push\npublished: maybe\n---\n# Deploys\n\ntext\n", encoding="utf-8")

    findings = schema_findings(passing, failing, schema=str(schema))

    assert [(Path(d.path).name, d.line, d.message) for d in findings] == [
        ("failing.md", 4, 'the front matter key published is "maybe"; the schema allows "yes", "no"'),
    ]


def test_dependencies_with_schema_and_array(tmp_path, run_cli, monkeypatch):
    dependencies = {"owner": {"required": ["team"]}, "draft": ["reviewer"]}
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "properties": {"front_matter": {"properties": {"data": {"dependencies": dependencies}}}},
    }
    write_json(tmp_path / "page.schema.json", schema)
    (tmp_path / "page.md").write_text("---\nowner: me\n---\n# Page\n\ntext\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    code, stdout, stderr = run_cli("check", "--no-cache", "--schema", "page.schema.json", "page.md")

    assert stderr == ""
    assert stdout.splitlines()[0] == (
        'page.md:1:1: DL401 schema-violation the front matter has no team key; add a line "team: " with its value'
    )
    assert code == 1
