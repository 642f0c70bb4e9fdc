"""Questions asked in collapsible admonitions and <details> blocks are Q&A items, and admonitions and tabs count in prose answers."""

import pytest

from doclint.engine import run
from doclint.model import Admonition, HtmlBlock, Paragraph
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES


def sections_of(text: str, path: str = "faq.md"):
    """Parse a document and return its top-level sections."""
    return parse_document(Source.from_text(path, text)).sections


def findings(path):
    """Check a file or folder with the default settings and return (line, code, message) of each finding."""
    result = run([str(path)], Settings())
    assert result.errors == []
    return [(d.line, d.code, d.message) for d in result.diagnostics]


def fields_of(section):
    return {key: (field.line, field.end_line, field.text) for key, field in section.fields.items()}


def test_admonition_question_is_item():
    [top] = sections_of((FIXTURES / "collapsible-faq.md").read_text(encoding="utf-8"))
    account, sign_in = top.children
    reset, change, two = account.children

    assert (reset.kind, reset.level, reset.line, reset.end_line, reset.heading) == (
        "item", 3, 7, 10, "How do I reset my password?"
    )
    assert fields_of(reset) == {
        "question": (7, 7, "How do I reset my password?"),
        "answer": (
            9, 10,
            "Open Settings → Account and choose Reset password. A mail with\n"
            "a link arrives within five minutes, and the link works for one day.",
        ),
    }
    assert (change.line, change.fields["answer"].line) == (12, 14)
    assert fields_of(two)["answer"] == (19, 19, "Yes, as long as each one uses its own e-mail address.")
    assert account.blocks == []


def test_details_question_is_item():
    [top] = sections_of((FIXTURES / "collapsible-faq.md").read_text(encoding="utf-8"))
    sign_in = top.children[1]
    admonition, reload, signed_out, reload_again = sign_in.children

    assert admonition.line == 23
    assert (reload.kind, reload.line, reload.end_line) == ("item", 27, 33)
    assert fields_of(reload) == {
        "question": (28, 28, "Why does the sign-in page reload?"),
        "answer": (30, 31, "Your browser blocks third-party cookies. Allow cookies for\nlogin.example.com and sign in again."),
    }
    assert (signed_out.line, signed_out.end_line) == (35, 40)
    assert (reload_again.line, reload_again.fields["question"].line) == (42, 43)
    assert sign_in.blocks == []


def test_collapsible_faq_findings():
    assert findings(FIXTURES / "collapsible-faq.md") == [
        (
            12, "DL102",
            'item "How do I change my e-mail address?" is 100% similar to item "How do I reset my password?" (line 7) '
            "after removing the text most sections share; merge the two or rewrite one so that each says something "
            "of its own",
        ),
        (
            23, "DL201",
            'item "How do I reset my password?" asks the question of item "How do I reset my password?" (line 7) '
            'again but answers it differently: the answer reads "Ask an administrator of…" here and '
            '"Open Settings → Account…" at line 9; keep one answer and correct or remove the other',
        ),
        (
            42, "DL201",
            'item "Why does the sign-in page reload ?" asks the question of item "Why does the sign-in page reload?" '
            '(line 27) again but answers it differently: the answer reads "The session server is down…" here and '
            '"Your browser blocks third…" at line 30; keep one answer and correct or remove the other',
        ),
    ]


def test_collapsible_faq_findings_zh():
    assert findings(FIXTURES / "collapsible-faq-zh.md") == [
        (
            9, "DL102",
            'item "如何修改邮箱地址？" is 100% similar to item "如何重置密码？" (line 5) after removing the text most '
            "sections share, but the two ask different questions; rewrite this answer so that it answers its own question",
        ),
        (
            19, "DL201",
            'item "如何重置密码？" asks the question of item "如何重置密码？" (line 5) again but answers it differently: '
            'the answer reads "请团队管理员为你设置新密码。" here and "打开设置 → 账户，选择重置密码。五分钟内会收到…" at line 7; '
            "keep one answer and correct or remove the other",
        ),
        (
            30, "DL201",
            'item "为什么登录页面不断刷新？" asks the question of item "为什么登录页面不断刷新？" (line 23) again but answers it '
            'differently: the answer reads "会话服务器暂时不可用，请等几分钟再试。" here and '
            '"浏览器拦截了第三方 Cookie。请允许 login…" at line 26; keep one answer and correct or remove the other',
        ),
    ]


@pytest.mark.parametrize("name", ["admonition-notes.md", "collapsible-examples.md", "details-log.md"])
def test_collapsible_blocks_without_questions_stay_blocks(name):
    document = parse_document(Source.from_text(name, (FIXTURES / name).read_text(encoding="utf-8")))

    assert [section.kind for section in document.walk()] == ["heading"] * len(list(document.walk()))
    assert findings(FIXTURES / name) == []


def test_lone_collapsible_question_is_block():
    [top] = sections_of('# Tutorial\n\n??? example "What does this print?"\n\n    It prints 3.\n\nThe end.\n')

    assert top.children == []
    assert isinstance(top.blocks[0], Admonition)


def test_lone_question_admonition_is_item():
    [top] = sections_of('# Account\n\n!!! question "How do I reset my password?"\n\n    Open the settings page.\n')

    [item] = top.children
    assert fields_of(item) == {
        "question": (3, 3, "How do I reset my password?"),
        "answer": (5, 5, "Open the settings page."),
    }


def test_lone_details_question_is_block():
    [top] = sections_of("# Notes\n\n<details>\n<summary>Why?</summary>\n\nBecause.\n\n</details>\n")

    assert top.children == []
    assert [type(block) for block in top.blocks] == [HtmlBlock, Paragraph, HtmlBlock]


def test_details_in_one_html_block():
    text = (
        "# FAQ\n\n"
        "<details><summary>Why is it slow?</summary>It reads the whole file first.</details>\n"
        "<details>\n<summary>Why does it <b>stop</b>?</summary>\n<p>The disk is full &amp; read-only.</p>\n</details>\n"
    )
    [top] = sections_of(text)
    slow, stop = top.children

    assert (slow.line, slow.end_line) == (3, 3)
    assert fields_of(slow) == {"question": (3, 3, "Why is it slow?"), "answer": (3, 3, "It reads the whole file first.")}
    assert (stop.line, stop.end_line) == (4, 7)
    assert fields_of(stop) == {
        "question": (5, 5, "Why does it stop?"),
        "answer": (6, 6, "The disk is full & read-only."),
    }
    assert top.blocks == []


def test_details_sharing_a_block_end_at_their_close(tmp_path):
    page = tmp_path / "faq.md"
    answer = "Open the settings page and choose Reset password.\n\n</details>\n"
    page.write_text(
        "# FAQ\n\n"
        f"<details>\n<summary>How do I reset my password?</summary>\n\n{answer}"
        "<details>\n<summary>How do I change my e-mail address?</summary>\n\nWrite to the support team.\n\n</details>\n"
        f"<details>\n<summary>How do I reset my password?</summary>\n\n{answer}",
        encoding="utf-8",
    )
    [top] = sections_of(page.read_text(encoding="utf-8"))

    assert [(item.line, item.end_line, item.fields["question"].line) for item in top.children] == [
        (3, 8, 4), (9, 14, 10), (15, 20, 16)
    ]
    assert findings(page) == [
        (
            15, "DL101",
            'item "How do I reset my password?" repeats item "How do I reset my password?" (line 3) word for word; '
            "remove this copy",
        )
    ]


def test_unclosed_details_is_block():
    [top] = sections_of("# FAQ\n\n<details>\n<summary>Why?</summary>\n\nBecause.\n\n<details>\n<summary>How?</summary>\n\nSo.\n")

    assert top.children == []


def test_labelled_answer_in_admonition_wins():
    [top] = sections_of(
        '# FAQ\n\n??? question "Why?"\n\n    Some context.\n\n    **Answer:** Because.\n\n'
        '??? question "How?"\n\n    Slowly.\n'
    )

    why_item, how_item = top.children
    assert fields_of(why_item)["answer"] == (7, 7, "Because.")
    assert fields_of(how_item)["answer"] == (11, 11, "Slowly.")


def test_placeholder_in_collapsible_is_missing(tmp_path):
    page = tmp_path / "faq.md"
    page.write_text(
        '# FAQ\n\n??? question "Does it run on Windows?"\n\n    TODO\n\n??? question "Is it typed?"\n\n    Yes.\n',
        encoding="utf-8",
    )

    assert findings(page) == [
        (5, "DL203", 'item "Does it run on Windows?" has no answer, only the placeholder "TODO"; write the answer or remove the item')
    ]


def test_admonition_title_markup_removed():
    [top] = sections_of(
        '# FAQ\n\n??? question "How do I use **Redis** with `pip`?"\n\n    Install the extra.\n\n'
        '??? question "Is it typed?"\n\n    Yes.\n'
    )

    redis, _typed = top.children
    assert redis.heading == "How do I use Redis with pip?"
    assert fields_of(redis)["question"] == (3, 3, "How do I use Redis with pip?")


def test_question_about_code_above_is_its_own():
    text = (FIXTURES / "collapsible-quiz.md").read_text(encoding="utf-8")
    [top] = sections_of(text)
    [first], [second] = (part.children for part in top.children)

    assert [(block.line, block.end_line) for block in first.fields["question"].code] == [(5, 8)]
    assert [(block.line, block.end_line) for block in second.fields["question"].code] == [(16, 19)]
    assert findings(FIXTURES / "collapsible-quiz.md") == []
