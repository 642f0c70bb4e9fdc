"""Schema messages about the tree's own structure, counts, misspelled values and the labels a document uses."""

import json

import pytest

from conftest import FIXTURES

ITEMS_ONLY_SCHEMA = {
    "properties": {
        "sections": {
            "items": {
                "properties": {
                    "children": {"items": {"properties": {"kind": {"const": "item"}, "level": {"const": 3}}}}
                }
            }
        }
    }
}
CHAPTER_ZH = "## 第一章\n\n**问题：** 什么是索引？\n**答案：** 一种数据结构。\n\n#### 其他\n\n一些说明。\n"
CHAPTER_EN = "## Chapter one\n\nIntro.\n\n#### Other\n\nSome notes.\n"


def check(run_cli, tmp_path, monkeypatch, schema, document, *options, name="doc.md"):
    """Run ``doclint check`` on one document against one schema, in tmp_path, and return its finding lines."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / name).write_text(document, encoding="utf-8")
    _code, stdout, stderr = run_cli("check", "--no-cache", "--select", "schema-violation", *options, "--schema", "s.json", name)
    assert stderr == ""
    return stdout.splitlines()[:-1]


def test_heading_for_item_chinese(run_cli, tmp_path, monkeypatch):
    assert check(run_cli, tmp_path, monkeypatch, ITEMS_ONLY_SCHEMA, CHAPTER_ZH, "--lang", "zh-CN") == [
        "doc.md:6:1: DL401 schema-violation 章节“其他”是 4 级（####）标题，而 schema 要求此处为 3 级（###）的问答条目；"
        "请把它改为加粗的问题（如 **问：…？**）并在其后加上答案字段（如 **答：**…），或把该标题移出本章节",
    ]


def test_heading_for_item_english(run_cli, tmp_path, monkeypatch):
    assert check(run_cli, tmp_path, monkeypatch, ITEMS_ONLY_SCHEMA, CHAPTER_EN) == [
        'doc.md:5:1: DL401 schema-violation section "Other" is a heading at level 4 (####), where the schema expects '
        "a question item at level 3 (###); turn it into a bold question such as **Q: …?** followed by an answer "
        "field such as **A:** …, or move the heading out of this section",
    ]


def test_heading_kind_and_level_apart(run_cli, tmp_path, monkeypatch):
    def children(properties):
        return {"properties": {"sections": {"items": {"properties": {"children": {"items": {"properties": properties}}}}}}}

    assert check(run_cli, tmp_path, monkeypatch, children({"kind": {"enum": ["item"]}}), CHAPTER_EN) == [
        'doc.md:5:1: DL401 schema-violation section "Other" is a heading at level 4 (####), where the schema expects '
        "a question item; turn it into a bold question such as **Q: …?** followed by an answer field such as "
        "**A:** …, or move the heading out of this section",
    ]
    assert check(run_cli, tmp_path, monkeypatch, children({"level": {"enum": [2, 3]}}), CHAPTER_ZH, "--lang", "zh-CN") == [
        "doc.md:6:1: DL401 schema-violation 标题“其他”是 4 级（####）标题，而 schema 要求此处为 2 级（##）或 3 级（###）；"
        "请修改 # 的个数，或把该章节移到与其级别相符的位置",
    ]


SHAPE_SCHEMA = {
    "properties": {
        "sections": {
            "items": {
                "properties": {
                    "number": {"type": "string"},
                    "setext": {"const": False},
                    "blocks": {"items": {"properties": {"type": {"enum": ["list", "code"]}, "ordered": {"const": True}}}},
                    "children": {"items": {"properties": {"kind": {"const": "heading"}, "level": {"maximum": 1}}}},
                }
            }
        }
    }
}
SHAPE_DOCUMENT = "Intro\n=====\n\nSome text.\n\n- a\n- b\n\n**Q: Why?**\n\n**A:** Because.\n\n**Q: How?**\n\n**A:** So.\n"


def test_section_block_item_structure(run_cli, tmp_path, monkeypatch):
    assert check(run_cli, tmp_path, monkeypatch, SHAPE_SCHEMA, SHAPE_DOCUMENT)[:6] == [
        'doc.md:1:1: DL401 schema-violation the heading "Intro" has no number, where the schema expects a numbered '
        'one; number it, as in "3. Intro"',
        'doc.md:1:1: DL401 schema-violation the heading "Intro" is underlined with = or -, where the schema expects '
        "# marks; write it as # Intro",
        'doc.md:4:1: DL401 schema-violation section "Intro" has a paragraph here, where the schema expects a list or '
        "a code block; write a list or a code block in its place",
        'doc.md:6:1: DL401 schema-violation the list in section "Intro" is a bullet list, where the schema expects '
        "an ordered list; number its items 1., 2., 3. instead of starting them with - or *",
        'doc.md:9:1: DL401 schema-violation item "Q: Why?" is a bold question, where the schema expects a heading; '
        "write it as a heading such as ## Q: Why?",
        'doc.md:9:1: DL401 schema-violation item "Q: Why?" is at level 2, one level below the section it stands in, '
        "where the schema expects level 1 or a higher one (fewer # marks); move it into a section one level above that",
    ]


def test_block_structure_chinese(run_cli, tmp_path, monkeypatch):
    lines = check(run_cli, tmp_path, monkeypatch, SHAPE_SCHEMA, SHAPE_DOCUMENT, "--lang", "zh-CN")
    assert lines[2:4] == [
        "doc.md:4:1: DL401 schema-violation 章节“Intro”在此处是段落，而 schema 要求此处为列表或代码块；请在此处改写为列表或代码块",
        "doc.md:6:1: DL401 schema-violation 章节“Intro”中的列表是无序列表，而 schema 要求有序列表；"
        "请用 1.、2.、3. 给各项编号，不要以 - 或 * 开头",
    ]


def test_item_level_names_parent_level(run_cli, tmp_path, monkeypatch):
    schema = {"properties": {"sections": {"items": {"properties": {"children": {"items": {"properties": {"level": {"const": 3}}}}}}}}}
    document = "# FAQ\n\n**Q: Why?**\n\n**A:** Because.\n\n**Q: How?**\n\n**A:** So.\n"
    assert check(run_cli, tmp_path, monkeypatch, schema, document)[0] == (
        'doc.md:3:1: DL401 schema-violation item "Q: Why?" is at level 2, one level below the section it stands in, '
        "where the schema expects level 3 (###); move it into a section at level 2"
    )


def test_structural_key_other_keyword(run_cli, tmp_path, monkeypatch):
    schema = {"properties": {"sections": {"items": {"properties": {"kind": {"pattern": "^x"}}}}}}
    assert check(run_cli, tmp_path, monkeypatch, schema, "# A\n") == [
        'doc.md:1:1: DL401 schema-violation "kind" of section "A" is "heading", which does not match the pattern "^x"'
    ]


LENGTH_SCHEMA = {
    "properties": {
        "front_matter": {"properties": {"data": {"properties": {"owner": {"minLength": 2}, "team": {"maxLength": 3}}}}},
        "sections": {"items": {"properties": {"fields": {"properties": {"answer": {"properties": {"steps": {"minItems": 1}}}}}}}},
    }
}
LENGTH_DOCUMENT = "---\nowner: a\nteam: infra\n---\n# 1. Title\n\n**Question:** Why?\n\n**Answer:** Because.\n"


def test_counts_agree_with_noun(run_cli, tmp_path, monkeypatch):
    assert check(run_cli, tmp_path, monkeypatch, LENGTH_SCHEMA, LENGTH_DOCUMENT) == [
        "doc.md:2:1: DL401 schema-violation the front matter key owner is 1 character long; the schema requires at least 2",
        "doc.md:3:1: DL401 schema-violation the front matter key team is 5 characters long; the schema allows at most 3",
        'doc.md:9:1: DL401 schema-violation the Answer field of item "1. Title" has no steps; '
        "write at least 1 step as an ordered list",
    ]


def test_character_count_chinese(run_cli, tmp_path, monkeypatch):
    assert check(run_cli, tmp_path, monkeypatch, LENGTH_SCHEMA, LENGTH_DOCUMENT, "--lang", "zh-CN")[0] == (
        "doc.md:2:1: DL401 schema-violation front matter 键 owner 长 1 个字符；schema 要求至少 2 个字符"
    )


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "doclint: error: unknown schema \"qa-artcle\"; did you mean \"qa-article\"? Use a built-in schema "
            "(generic, qa-article) or the path of a .json schema file",
        ),
        (
            "zh-CN",
            "doclint: 错误：未知的 schema“qa-artcle”；是否想写“qa-article”？请使用内置 schema（generic, qa-article）"
            "或 .json schema 文件的路径",
        ),
    ],
)
def test_misspelled_schema_name_suggestion(run_cli, lang, message):
    code, _stdout, stderr = run_cli("check", "--lang", lang, "--schema", "qa-artcle", str(FIXTURES / "numbering.md"))
    assert (code, stderr.splitlines()) == (2, [message])


def test_misspelled_placeholder_suggestion(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.json").write_text('{"minProperties": 1, "x-doclint-message": "{secton} is wrong"}', encoding="utf-8")
    code, _stdout, stderr = run_cli("check", "--schema", "s.json", str(FIXTURES / "numbering.md"))
    assert (code, stderr) == (
        2,
        "doclint: error: s.json: invalid x-doclint-message at $.x-doclint-message: unknown placeholder {secton}; "
        "did you mean {section}? The placeholders are {field}, {heading}, {label}, {limit}, {property}, {section}, "
        "{value}\n",
    )


def test_missing_question_uses_document_label(run_cli, tmp_path, monkeypatch):
    document = (
        "## 1. Indexes\n\n**Q:** What is an index?\n\n**Answer:** It is:\n\n1. sorted\n2. fast\n\n"
        "**Explanation:** Done.\n\n## 2. Locks\n\n**Answer:** They are:\n\n1. shared\n2. exclusive\n\n"
        "**Explanation:** Done.\n"
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text(document, encoding="utf-8")
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--select", "schema-violation", "--schema", "qa-article", "doc.md")
    assert stdout.splitlines()[0] == (
        'doc.md:12:1: DL401 schema-violation item "2. Locks" has no question field; add it as **Q:** followed by its text'
    )


CODE_SCHEMA = {
    "properties": {
        "sections": {
            "items": {
                "properties": {
                    "blocks": {
                        "items": {
                            "if": {"properties": {"type": {"const": "code"}}},
                            "then": {"properties": {"language": {"enum": ["python", "py"]}, "fenced": {"const": True}}},
                        }
                    }
                }
            }
        }
    }
}
CODE_DOCUMENT = "# Usage\n\n```js\nrun()\n```\n\n```\nrun()\n```\n\nText.\n\n    run()\n"


def test_code_block_language_and_fence(run_cli, tmp_path, monkeypatch):
    assert check(run_cli, tmp_path, monkeypatch, CODE_SCHEMA, CODE_DOCUMENT) == [
        'doc.md:3:1: DL401 schema-violation the code block in section "Usage" is marked "js", where the schema '
        'expects "python" or "py"; write python after its opening fence',
        'doc.md:7:1: DL401 schema-violation the code block in section "Usage" names no language, where the schema '
        'expects "python" or "py"; write python after its opening fence',
        'doc.md:13:5: DL401 schema-violation the code block in section "Usage" names no language, where the schema '
        'expects "python" or "py"; open it with a fence such as ```python',
        'doc.md:13:5: DL401 schema-violation the code block in section "Usage" is indented, where the schema expects '
        "a fenced one; put it between lines of ``` without the indent",
    ]
    assert check(run_cli, tmp_path, monkeypatch, CODE_SCHEMA, CODE_DOCUMENT, "--lang", "zh-CN")[0] == (
        'doc.md:3:1: DL401 schema-violation 章节“Usage”中的代码块标注的语言为 "js"，而 schema 要求 "python"或"py"；'
        "请在开头的围栏后写上 python"
    )


def test_front_matter_kind_and_level_apart(run_cli, tmp_path, monkeypatch):
    schema = {"properties": {"front_matter": {"properties": {"data": {"properties": {"kind": {"const": "item"}, "level": {"const": 3}}}}}}}
    assert check(run_cli, tmp_path, monkeypatch, schema, "---\nkind: heading\nlevel: 4\n---\n# T\n") == [
        'doc.md:2:1: DL401 schema-violation the front matter key kind is "heading"; the schema requires "item"',
        "doc.md:3:1: DL401 schema-violation the front matter key level is 4; the schema requires 3",
    ]
