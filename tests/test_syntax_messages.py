"""Python's and PyYAML's syntax error messages, given in Chinese when a run asks for it."""

import pytest
import yaml

from doclint.i18n import set_language
from doclint.syntax_messages import PYTHON_MESSAGES, YAML_MESSAGES, translated_python_message, translated_yaml_message


def python_message(code):
    with pytest.raises(SyntaxError) as raised:
        compile(code, "<block>", "exec")
    return raised.value.msg


def yaml_messages(text):
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.SafeLoader)
    return raised.value.problem, raised.value.context


@pytest.fixture
def chinese():
    set_language("zh-CN")
    yield
    set_language("en")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("if x\n    pass\n", "缺少 ':'"),
        ("def f():\nreturn 1\n", "第 1 行的函数定义后面应当是缩进的代码块"),
        ("if x:\nreturn\n", "第 1 行的 'if' 语句后面应当是缩进的代码块"),
        ("print((1)\n", "'(' 没有闭合"),
        ("x = )\n", "')' 没有对应的左括号"),
        ("x = (1]\n", "右括号 ']' 与左括号 '(' 不匹配"),
        ("s = 'abc\n", "字符串字面量没有结束（在第 1 行发现）"),
        ("x = 1，2\n", "无效字符 '，'（U+FF0C）"),
        ("x = 0x\n", "无效的十六进制字面量"),
        ("f() = 1\n", "不能给函数调用赋值；也许应当用 '==' 而不是 '='"),
        ("print 'x'\n", "调用 'print' 缺少括号，应写作 print(...)"),
        ("  x = 1\n", "意外的缩进"),
        ("return 1\n", "'return' 不在函数内"),
    ],
)
def test_python_message_in_chinese(chinese, code, expected):
    assert translated_python_message(python_message(code)) == expected


@pytest.mark.parametrize(
    ("text", "problem", "context"),
    [
        ("a: b: c\n", "这里不能出现映射的值", None),
        ("a: [1, 2\n", "应为 ',' 或 ']'，实际是 '<stream end>'", "解析流式序列时"),
        ("a:\n\tb: 1\n", "字符 '\\t' 不能作为任何记号的开头", "扫描下一个记号时"),
        ("a: 'abc\n", "内容意外结束", "扫描带引号标量时"),
        ("a:\n  - b\n c: d\n", "应为 <block end>，实际是 '<block mapping start>'", "解析块映射时"),
        ("a: *x\n", "别名 'x' 未定义", None),
    ],
)
def test_yaml_message_in_chinese(chinese, text, problem, context):
    found_problem, found_context = yaml_messages(text)
    assert translated_yaml_message(found_problem) == problem
    if context is None:
        assert found_context is None
    else:
        assert translated_yaml_message(found_context) == context


@pytest.mark.parametrize("code", ["if x\n    pass\n", "x = 1，2\n", "def f():\nreturn 1\n"])
def test_english_message_unchanged(code):
    message = python_message(code)
    assert translated_python_message(message) == message


def test_unknown_message_kept(chinese):
    assert translated_python_message("cannot delete literal") == "cannot delete literal"
    assert translated_yaml_message("found duplicate YAML directive") == "found duplicate YAML directive"


@pytest.mark.parametrize(("pattern", "template"), PYTHON_MESSAGES + YAML_MESSAGES)
def test_catalog_message_repeats_english(pattern, template):
    # An English run prints the parser's message, so each catalog message must read as its pattern does.
    import re

    values = {name: f"<{name}>" for name in re.compile(pattern).groupindex}
    example = template.format(**values)
    assert re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda found: f"<{found.group(1)}>", pattern).replace("\\", "") == example


def test_syntax_error_finding_in_chinese(run_process, tmp_path):
    (tmp_path / "d.md").write_text("# T\n\n```python\nx = 1，2\n```\n\n```yaml\na: [1, 2\n```\n", encoding="utf-8")
    _, stdout, _ = run_process("--lang", "zh-CN", "check", "--no-cache", "d.md")
    assert stdout.splitlines()[:2] == [
        "d.md:4:6: DL303 code-syntax-error Python 代码无法解析：无效字符 '，'（U+FF0C）；请修正代码，或给代码块标注它实际使用的语言",
        "d.md:8:9: DL303 code-syntax-error YAML 无法解析：应为 ',' 或 ']'，实际是 '<stream end>'（解析流式序列时，第 8 行）；请修正 YAML，或给代码块标注它实际使用的语言",
    ]
