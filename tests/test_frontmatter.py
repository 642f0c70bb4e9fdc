import json

import pytest

from doclint.engine import run
from doclint.front_matter_data import front_matter_key_line
from doclint.frontmatter import FrontMatterError, front_matter_value
from doclint.i18n import set_language
from doclint.parse import parse_document
from doclint.settings import Settings
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


def front_matter_json(text: str):
    return parse(text).to_json()["front_matter"]


def test_data_keeps_dates_as_written():
    data = front_matter_json("---\nowner: 王芳\nreview-date: 2026-02-30\nreviewed: 2026-01-05 10:00:00\n---\n# A\n")["data"]
    assert data == {"owner": "王芳", "review-date": "2026-02-30", "reviewed": "2026-01-05 10:00:00"}


def test_data_converts_to_json_types():
    data = front_matter_json("---\n1: one\nnull: x\nsize: .inf\ntags: !!set {a: null}\nlist: [1, 2.5, false]\n---\n")["data"]
    assert data == {"1": "one", "null": "x", "size": "inf", "tags": "{'a'}", "list": [1, 2.5, False]}


@pytest.mark.parametrize(
    "text",
    [
        "---\n- a\n- b\n---\n",
        "---\nkey: [unclosed\n---\n",
        "---\na: &a [*a]\n---\n",
        "---\n" + "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]\n" for n in range(1, 6)).replace("*l0", "x"),
    ],
    ids=["list", "invalid-yaml", "recursive", "alias-expansion"],
)
def test_data_is_null_without_mapping(text):
    assert front_matter_json(text + "---\n# A\n")["data"] is None


def test_data_keeps_long_integers_as_written():
    long_decimal = "9" * 5000
    long_hex = "0x" + "f" * 900
    text = f"---\nid: {long_decimal}\nmask: {long_hex}\nsmall: 0x10\n---\n# A\n"
    assert front_matter_json(text)["data"] == {"id": long_decimal, "mask": long_hex, "small": 16}


def test_long_integer_value_stays_text():
    found = front_matter_value(parse("---\ndoclint-schema: " + "1" * 5000 + "\n---\n"), "doclint-schema")
    assert found is not None
    assert found.value == "1" * 5000
    assert found.line == 2


def test_data_keeps_colliding_keys_apart():
    data = front_matter_json("---\n1: one\ntrue: yes\n1.0: float\n---\n# A\n")["data"]
    assert data == {"1": "one", "true": "yes", "1.0": "float"}


def test_alias_value_line_is_its_key():
    found = front_matter_value(parse("---\nbase: &b generic\ndoclint-schema: *b\n---\n"), "doclint-schema")
    assert found is not None
    assert found.value == "generic"
    assert found.line == 3


def test_data_has_only_yaml_1_2_booleans():
    text = "---\non: push\noff: [y, n, Y, N]\nanswer: yes\nreply: No\nflags: [true, True, TRUE, false, False, FALSE]\n---\n"
    data = front_matter_json(text)["data"]
    assert data == {
        "on": "push",
        "off": ["y", "n", "Y", "N"],
        "answer": "yes",
        "reply": "No",
        "flags": [True, True, True, False, False, False],
    }


def test_value_yaml_1_1_boolean_stays_text():
    found = front_matter_value(parse("---\ntitle: x\ndoclint-schema: off\n---\n"), "doclint-schema")
    assert found is not None
    assert (found.value, found.line) == ("off", 3)


def test_yaml_1_1_boolean_key_line():
    assert front_matter_key_line("title: x\non: push\n", "on", 2) == 3


def test_data_has_yaml_1_2_numbers():
    text = (
        "---\ntime: 12:30\nzip: 010\ncount: 1_000\noctal: 0o17\nhex: 0x1F\nscience: 1e3\nratio: -.5\n"
        "inf: -.Inf\nversion: 1.2.3\nexplicit: !!int 0b101\n---\n"
    )
    data = front_matter_json(text)["data"]
    assert data == {
        "time": "12:30",
        "zip": 10,
        "count": "1_000",
        "octal": 15,
        "hex": 31,
        "science": 1000.0,
        "ratio": -0.5,
        "inf": "-inf",
        "version": "1.2.3",
        "explicit": 5,
    }


@pytest.mark.parametrize("value", ["!!int abc", "!!float abc", "!!int 0x"])
def test_data_is_null_for_tagged_non_number(value):
    assert front_matter_json(f"---\ntitle: x\ncount: {value}\n---\n# A\n")["data"] is None


def test_tagged_non_number_value_is_yaml_error():
    with pytest.raises(FrontMatterError) as caught:
        front_matter_value(parse("---\ndoclint-schema: !!int abc\n---\n"), "doclint-schema")
    assert str(caught.value) == "doc.md:2: invalid YAML in the front matter: invalid integer 'abc'"


def test_tagged_non_number_error_in_chinese():
    try:
        set_language("zh-CN")
        with pytest.raises(FrontMatterError) as caught:
            front_matter_value(parse("---\ndoclint-schema: !!float abc\n---\n"), "doclint-schema")
    finally:
        set_language(None)
    assert str(caught.value) == "doc.md:2：front matter 中的 YAML 无效：无效的浮点数 'abc'"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ndoclint-schema: generic\ncount: !!int abc\n---\n# A\n", "invalid integer 'abc'"),
        ("---\ntitle: x\n[a, b]: 1\n---\n# A\n", "found unhashable key"),
    ],
)
def test_value_without_data_is_yaml_error(text, message):
    with pytest.raises(FrontMatterError) as caught:
        front_matter_value(parse(text), "doclint-schema")
    assert str(caught.value) == f"doc.md:3: invalid YAML in the front matter: {message}"


@pytest.mark.parametrize(
    "text",
    ["---\nk: " + "[" * 3000 + "]" * 3000 + "\n---\n# A\n", "+++\nk = " + "[" * 3000 + "]" * 3000 + "\n+++\n# A\n"],
)
def test_deeply_nested_front_matter_is_error(text):
    document = parse(text)
    assert front_matter_json(text)["data"] is None

    with pytest.raises(FrontMatterError) as caught:
        front_matter_value(document, "doclint-schema")
    assert str(caught.value) == (
        "doc.md:1: the front matter nests too deeply to read; keep its lists and tables a few levels deep"
    )


def test_tagged_non_number_warns_in_check(run_process, tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: x\ncount: !!float abc\n---\n# A\n\ntext\n", encoding="utf-8")
    code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "a.md")
    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr.splitlines() == [
        "doclint: warning: a.md:3: invalid YAML in the front matter: invalid float 'abc'; "
        "its doclint-schema key, if any, is ignored"
    ]


@pytest.mark.parametrize(
    ("value", "draft_type", "message"),
    [
        ("no", "boolean", 'the front matter key draft is "no", a string in YAML 1.2, where the schema requires the type '
                          '"boolean"; write true or false'),
        ("On", ["boolean", "null"], 'the front matter key draft is "On", a string in YAML 1.2, where the schema requires '
                                    'the type ["boolean", "null"]; write true or false'),
        ("maybe", "boolean", 'the front matter key draft is "maybe"; the schema requires the type "boolean"'),
    ],
)
def test_yaml_1_1_boolean_named_in_message(tmp_path, value, draft_type, message):
    schema = {"properties": {"front_matter": {"properties": {"data": {"properties": {"draft": {"type": draft_type}}}}}}}
    (tmp_path / "draft.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    path = tmp_path / "page.md"
    path.write_text(f"---\ntitle: x\ndraft: {value}\n---\n# Page\n\ntext\n", encoding="utf-8")

    result = run([str(path)], Settings(schema=str(tmp_path / "draft.schema.json")))

    assert result.errors == []
    assert [(found.rule, found.line, found.message) for found in result.diagnostics] == [("schema-violation", 3, message)]


def test_nested_missing_key_named(tmp_path):
    schema = {"properties": {"front_matter": {"properties": {"data": {"properties": {"params": {"required": ["owner"]}}}}}}}
    (tmp_path / "params.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    path = tmp_path / "page.md"
    path.write_text("---\ntitle: x\nparams:\n  team: a\n---\n# Page\n\ntext\n", encoding="utf-8")

    result = run([str(path)], Settings(schema=str(tmp_path / "params.schema.json")))

    assert [(found.rule, found.line, found.message) for found in result.diagnostics] == [
        ("schema-violation", 3, "the front matter key params has no owner key; add owner under it with its value")
    ]
