from pathlib import Path

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from doclint.parse import markdown_parser, parse_document
from doclint.plain_text import inline_plain_text, token_text
from doclint.source import decode

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def markdown_it_text(content: str, env: dict | None = None) -> str:
    """The plain text that markdown-it's own inline parser gives for a span."""
    parser = markdown_parser()
    children: list[Token] = []
    parser.inline.parse(content, parser, env if env is not None else {}, children)
    return token_text(children)


def plain(content: str, env: dict | None = None) -> str:
    return inline_plain_text(content, markdown_parser(), env if env is not None else {})


def test_plain_span_keeps_text_and_line_breaks():
    assert plain("第一行  \n   第二行 \n\t第三行") == "第一行\n第二行\n第三行"


def test_bold_label_before_a_space_is_dropped():
    assert plain("**答案：** B") == "答案： B"


def test_bold_punctuation_before_letter_literal():
    # CommonMark: "**" after "：" and before "对" is not right-flanking, so it closes nothing.
    assert plain("**答案：**对") == "**答案：**对"


def test_bold_letter_before_letter_closes():
    assert plain("**Answer**yes") == "Answeryes"


def test_bold_opening_space_stays_literal():
    assert plain("** 答案：** B") == "** 答案：** B"


def test_code_span_and_link_go_through_markdown_it():
    assert plain("调用 `load_data()` 见 [文档](https://example.com)") == "调用 load_data() 见 文档"


def test_reference_link_uses_the_block_environment():
    parser = markdown_parser()
    env: dict = {}
    tokens = parser.parse("see [the guide][g]\n\n[g]: https://example.com\n", env)
    span = next(token for token in tokens if token.type == "inline")
    assert inline_plain_text(span.content, parser, env) == "see the guide"


def test_escapes_and_entities_keep_their_characters():
    assert plain(r"a \*b\* &amp; c") == "a *b* & c"


def test_image_keeps_its_alternative_text():
    assert plain("![图 1](a.png) 说明") == "图 1 说明"


_ALPHABET = st.sampled_from(list("ab答案：，。?？!*_ `\\[]()<>&;\n\t") + ["  \n", "**", "答案："])


@settings(max_examples=600, deadline=None)
@given(st.lists(_ALPHABET, max_size=24).map("".join))
@example("**答案：** 对")
@example("**答案：**对")
@example("**x**  \n  y")
@example("**a**b**")
def test_matches_markdown_it_on_generated(content):
    content = content.strip()
    assert plain(content) == markdown_it_text(content)


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.md")) + [FIXTURES / "000.txt"], ids=lambda path: path.name)
def test_matches_markdown_it_on_fixtures(path):
    parser = markdown_parser()
    env: dict = {}
    spans = [token.content for token in parser.parse(decode(str(path), path.read_bytes()).text, env) if token.type == "inline"]
    assert spans
    assert [inline_plain_text(span, parser, env) for span in spans] == [markdown_it_text(span, env) for span in spans]


def test_seed_answer_text_after_label():
    document = parse_document(decode("000.txt", (FIXTURES / "000.txt").read_bytes()))
    first = next(section for section in document.walk() if section.number == "1")
    assert first.fields["answer"].text == "利用深度学习模型实现疾病自动诊断的步骤如下："
    assert first.fields["answer"].steps[1].text.startswith("选择合适的深度学习模型，如卷积神经网络（CNN）")
