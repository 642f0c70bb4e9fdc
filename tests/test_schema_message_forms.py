"""The forms of x-doclint-message: a template, templates by keyword, and templates by language."""

import json

import pytest

from doclint.i18n import set_language
from doclint.schema_message_forms import is_by_language, message_template, unused_message_keywords

OWNER_BY_LANGUAGE = {
    "en": "the front matter has no {property} key; add the team that owns this page",
    "zh-CN": "front matter 缺少 {property} 键；请写上负责本页的团队",
}


def owner_schema(message):
    return {
        "properties": {
            "front_matter": {"properties": {"data": {"required": ["owner"], "x-doclint-message": message}}},
        }
    }


@pytest.fixture
def owner_folder(tmp_path, monkeypatch):
    """A working folder with a page ``faq.md`` whose front matter has no owner key."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq.md").write_text("---\ntitle: FAQ\n---\n# FAQ\n\ntext\n", encoding="utf-8")
    return tmp_path


def check_owner(run_cli, folder, message, *options):
    (folder / "owner.schema.json").write_text(json.dumps(owner_schema(message), ensure_ascii=False), encoding="utf-8")
    return run_cli("check", "--no-cache", *options, "--schema", "owner.schema.json", "faq.md")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "faq.md:1:1: DL401 schema-violation the front matter has no owner key; add the team that owns this page"),
        ("zh-CN", "faq.md:1:1: DL401 schema-violation front matter 缺少 owner 键；请写上负责本页的团队"),
    ],
)
def test_message_by_language_follows_lang(run_cli, owner_folder, lang, expected):
    code, stdout, stderr = check_owner(run_cli, owner_folder, OWNER_BY_LANGUAGE, "--lang", lang)
    assert code == 1
    assert stderr == ""
    assert stdout.splitlines()[0] == expected


def test_message_by_language_falls_back_to_english(run_cli, owner_folder):
    message = {"en": "add an {property} key"}
    _code, stdout, _stderr = check_owner(run_cli, owner_folder, message, "--lang", "zh-CN")
    assert stdout.splitlines()[0] == "faq.md:1:1: DL401 schema-violation add an owner key"


def test_message_by_keyword_then_language(run_cli, owner_folder):
    message = {"required": {"en-US": "no {property}", "zh": "缺少 {property}"}, "minProperties": "too few"}
    _code, stdout, _stderr = check_owner(run_cli, owner_folder, message, "--lang", "zh-CN")
    assert stdout.splitlines()[0] == "faq.md:1:1: DL401 schema-violation 缺少 owner"


def test_message_by_language_read_from_locale(run_process, tmp_path):
    (tmp_path / "faq.md").write_text("---\ntitle: FAQ\n---\n# FAQ\n\ntext\n", encoding="utf-8")
    (tmp_path / "owner.schema.json").write_text(json.dumps(owner_schema(OWNER_BY_LANGUAGE)), encoding="utf-8")
    code, stdout, _stderr = run_process("check", "--no-config", "--no-cache", "--lang", "zh_CN.UTF-8", "--schema", "owner.schema.json", "faq.md")
    assert code == 1
    assert stdout.splitlines()[0] == "faq.md:1:1: DL401 schema-violation front matter 缺少 owner 键；请写上负责本页的团队"


def test_plain_template_keeps_catalog_lookup():
    assert message_template("the {label} field of {section} is empty; write its text after the label", "anyOf").from_catalog
    assert not message_template({"en": "a", "zh-CN": "b"}, "anyOf").from_catalog


def test_template_chosen_for_keyword_and_language():
    message = {"required": {"en": "missing", "zh-CN": "缺少"}, "minItems": "few"}
    try:
        set_language("zh-CN")
        assert message_template(message, "required").text == "缺少"
        assert message_template(message, "minItems").text == "few"
        assert message_template(message, "maxItems") is None
    finally:
        set_language(None)
    assert message_template(message, "required").text == "missing"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ({"en": "a"}, True),
        ({"zh_CN": "a", "en": "b"}, True),
        ({"required": "a", "enum": "b"}, False),
        ({"not": "a", "if": "b", "const": "c"}, False),
    ],
)
def test_language_object_told_from_keyword_object(message, expected):
    assert is_by_language(message) is expected


INVALID_MESSAGES = [
    (
        {"en": "a", "required": "b"},
        'invalid x-doclint-message at $.x-doclint-message: "required" is not a language that doclint shows messages '
        "in, and an object of messages by language has only languages as keys; use en, zh-CN",
    ),
    (
        {"en": "a", "fr": "b"},
        'invalid x-doclint-message at $.x-doclint-message: "fr" is not a language that doclint shows messages in, '
        "and an object of messages by language has only languages as keys; use en, zh-CN",
    ),
    (
        {"zh-CN": "缺少"},
        'invalid x-doclint-message at $.x-doclint-message: an object of messages by language needs an "en" message, '
        "which is shown in the languages that it leaves out; add one",
    ),
    (
        {"required": {"en": "a", "zh": "b", "zh-CN": "c"}},
        'invalid x-doclint-message at $.x-doclint-message.required: "zh-CN" and "zh" both name the language zh-CN; '
        "keep one of them",
    ),
    (
        {"en": ["a"]},
        'invalid x-doclint-message at $.x-doclint-message: the message for "en" must be a string',
    ),
    (
        {"required": {"note": "a"}},
        "invalid x-doclint-message at $.x-doclint-message.required: it must be a string, an object that maps keywords "
        "such as required to strings, or an object that maps languages (en, zh-CN) to strings",
    ),
    (
        {"en": "has {count}"},
        "invalid x-doclint-message at $.x-doclint-message.en: unknown placeholder {count}; use {field}, {heading}, "
        "{label}, {limit}, {property}, {section}, {value}",
    ),
]


@pytest.mark.parametrize(("message", "problem"), INVALID_MESSAGES)
def test_invalid_message_is_usage_error(run_cli, owner_folder, message, problem):
    (owner_folder / "bad.schema.json").write_text(json.dumps({"x-doclint-message": message}), encoding="utf-8")
    code, stdout, stderr = run_cli("check", "--no-cache", "--schema", "bad.schema.json", "faq.md")
    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: error: bad.schema.json: {problem}\n"


@pytest.mark.parametrize(
    ("template", "reason"),
    [("unclosed {section", "模板结束前缺少 '}'"), ("a } b", "模板中有单独的 '}'"), ("a {", "模板中有单独的 '{'")],
)
def test_stray_brace_error_in_chinese(run_cli, owner_folder, template, reason):
    (owner_folder / "bad.schema.json").write_text(json.dumps({"x-doclint-message": template}), encoding="utf-8")
    code, _stdout, stderr = run_cli("check", "--lang", "zh-CN", "--no-cache", "--schema", "bad.schema.json", "faq.md")
    assert code == 2
    assert stderr == (
        f"doclint: 错误：bad.schema.json：$.x-doclint-message 处的 x-doclint-message 无效：{reason}；"
        "花括号本身请写成 {{ 或 }}\n"
    )


def test_message_for_missing_keyword_warned():
    schema = {
        "allOf": [{"type": "object", "x-doclint-message": {"typ": "t", "type": "u"}}],
        "required": ["a"],
        "x-doclint-message": {"maxItems": "m", "required": {"en": "r"}},
    }
    assert unused_message_keywords(schema, "$", "s.json") == [
        's.json: x-doclint-message at $.x-doclint-message has a message for "maxItems", a keyword that its schema '
        'object does not have, so the message is never shown; add "maxItems" to the object or remove its message',
        's.json: x-doclint-message at $.allOf[0].x-doclint-message has a message for "typ", a keyword that its schema '
        'object does not have, so the message is never shown; did you mean "type"?',
    ]


@pytest.mark.parametrize("message", ["{section} is wrong", {"en": "wrong", "zh-CN": "错"}, {"required": "wrong"}])
def test_message_of_present_keyword_not_warned(message):
    assert unused_message_keywords(owner_schema(message), "$", "s.json") == []


def test_property_named_like_message_not_warned():
    schema = {"properties": {"x-doclint-message": {"type": "string"}}}
    assert unused_message_keywords(schema, "$", "s.json") == []


def test_message_for_misspelled_keyword_warns_in_check(run_process, tmp_path):
    (tmp_path / "faq.md").write_text("---\ntitle: FAQ\n---\n# FAQ\n\ntext\n", encoding="utf-8")
    message = {"requird": "add an owner"}
    (tmp_path / "owner.schema.json").write_text(json.dumps(owner_schema(message)), encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "--schema", "owner.schema.json", "faq.md")

    assert code == 1
    assert stdout.splitlines()[0] == 'faq.md:1:1: DL401 schema-violation the front matter has no owner key; add a line "owner: " with its value'
    assert stderr.splitlines() == [
        "doclint: warning: owner.schema.json: x-doclint-message at "
        '$.properties.front_matter.properties.data.x-doclint-message has a message for "requird", a keyword that its '
        'schema object does not have, so the message is never shown; did you mean "required"?'
    ]
