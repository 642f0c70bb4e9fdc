"""Syntax errors of JSON, TOML and YAML blocks at file positions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.codeblocks import CodeLine
from doclint.data_syntax import PARSER_MESSAGES, DataSyntaxError, _toml_failure, data_syntax_error


def lines_of(text: str, first_line: int = 1, shift: int = 0) -> list[CodeLine]:
    return [CodeLine(first_line + index, shift, line) for index, line in enumerate(text.split("\n"))]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("json", '{"a": 1 "b": 2}', DataSyntaxError(3, 11, "Expecting ',' delimiter")),
        ("json", '{"a":\n', DataSyntaxError(3, 8, "Expecting value")),
        ("toml", "a = 1\na = 2", DataSyntaxError(4, 8, "Cannot overwrite a value")),
        ("toml", 'a = "x', DataSyntaxError(3, 9, "Illegal character '\\n'")),
        ("yaml", "a: b: c", DataSyntaxError(3, 7, "mapping values are not allowed here")),
        ("yml", "a: 1\n\x07", DataSyntaxError(4, 3, "unacceptable character #x0007")),
    ],
)
def test_data_syntax_error_positions(language, text, expected):
    assert data_syntax_error(lines_of(text, 3, 2), language) == expected


@pytest.mark.parametrize(("text", "column"), [("a: [", 7), ("[", 4), ("{", 4), ("- [", 6), ("[[", 5)])
def test_yaml_unclosed_flow_one_line(text, column):
    # PyYAML puts the context of this error after the last line of the text.
    assert data_syntax_error(lines_of(text, 3, 2), "yaml") == DataSyntaxError(
        3, column, "expected the node content, but found '<stream end>'", "while parsing a flow node", 3
    )


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["json", "toml", "yaml"]),
    st.lists(st.sampled_from(["a: [", "{", "}", "[", "]", '"x', "a = 1", "a:", "- b", "  c: d", "", "#", "\t", "'", ",", "&a", "*a", "!!x"]), min_size=1, max_size=6),
)
def test_data_syntax_error_stays_in_block(language, pieces):
    lines = lines_of("\n".join(pieces), 3, 2)

    error = data_syntax_error(lines, language)

    if error is not None:
        assert 3 <= error.line <= 3 + len(pieces) - 1
        assert error.context_line is None or 3 <= error.context_line <= 3 + len(pieces) - 1


@pytest.mark.parametrize("text", ['{"a": 1,}', "[1 2]", '{"a" 1}', "1 2", '"abc', '"\\q"', '"\\u12"', ""])
def test_json_messages_in_catalog(text):
    with pytest.raises(json.JSONDecodeError) as raised:
        json.loads(text)
    assert raised.value.msg in PARSER_MESSAGES


@pytest.mark.parametrize("text", ["a = \n", "a\n", "[a\n", "a = [1\n", "a = {b = 1\n", "a = 1\na = 2\n"])
def test_toml_messages_in_catalog(text):
    failure = _toml_failure(text)
    assert failure is not None
    assert failure.problem in PARSER_MESSAGES or failure.problem.startswith("Cannot declare")


def test_json_problem_translated(run_process, tmp_path):
    (tmp_path / "d.md").write_text('# T\n\n```json\n{"a": 1, b: 2}\n```\n', encoding="utf-8")
    _, stdout, _ = run_process("--lang", "zh-CN", "check", "--no-cache", "d.md")
    assert stdout.splitlines()[0] == "d.md:4:10: DL303 code-syntax-error JSON 无法解析：此处应为用双引号括起的属性名；请修正 JSON，或给代码块标注它实际使用的语言"
