"""FAQ entries that ask in a heading and answer in prose, as MkDocs pages do, are Q&A items."""

from doclint.engine import run
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES

FAQ = FIXTURES / "mkdocs-faq.md"


def sections_of(text: str, path: str = "faq.md"):
    """Parse a document and return its top-level sections."""
    return parse_document(Source.from_text(path, text)).sections


def findings(path):
    """Check a file or folder with the default settings and return (path, line, code, message) of each finding."""
    result = run([str(path)], Settings())
    assert result.errors == []
    return [(d.path, d.line, d.code, d.message) for d in result.diagnostics]


def fields_of(section):
    return {key: (field.line, field.end_line, field.label, field.text) for key, field in section.fields.items()}


def test_heading_question_with_prose_is_item():
    [top] = sections_of(FAQ.read_text(encoding="utf-8"))
    backends, decorators, troubleshooting = top.children
    memoized, method = decorators.children

    assert fields_of(memoized) == {
        "question": (22, 22, "", "How do I invalidate a memoized call?"),
        "answer": (24, 25, "", "Call invalidate on the decorated function with the same arguments:\nload_profile.invalidate(7)."),
    }
    assert fields_of(method)["answer"][:2] == (29, 34)


def test_prose_list_answer_has_steps():
    [top] = sections_of(FAQ.read_text(encoding="utf-8"))
    redis = top.children[0].children[0]

    answer = redis.fields["answer"]
    assert (answer.line, answer.end_line, answer.text) == (11, 14, "")
    assert [(step.line, step.number) for step in answer.steps] == [(11, 1), (12, 2), (14, 3)]


def test_heading_with_subsections_is_no_item():
    [top] = sections_of(FAQ.read_text(encoding="utf-8"))
    pick = top.children[2].children[1]

    assert pick.title == "Which backend should I pick?"
    assert pick.fields == {}
    assert [child.fields for child in pick.children] == [{}, {}]


def test_heading_without_question_mark_is_no_item():
    [top] = sections_of("# Notes\n\n## Redis\n\nUse a Redis URL.\n")

    assert top.children[0].fields == {}


def test_thematic_break_ends_prose_answer():
    [top] = sections_of("# FAQ\n\n## Why?\n\nBecause.\n\n---\n\nA closing note.\n\n## How?\n\nSlowly.\n")

    answer = top.children[0].fields["answer"]
    assert (answer.line, answer.end_line, answer.text) == (5, 5, "Because.")


def test_prose_answers_contradict():
    placeholder, conflict = findings(FAQ)

    assert placeholder == (
        str(FAQ), 18, "DL203",
        'item "How do I use Redis Sentinel or Cluster?" has no answer, only the placeholder "TBD."; '
        "write the answer or remove the item",
    )
    assert conflict == (
        str(FAQ), 38, "DL201",
        'item "How do I invalidate a memoised call?" asks the question of item '
        '"How do I invalidate a memoized call?" (line 22) again but answers it differently: '
        'the answer reads "Clear the whole cache with…" here and "Call invalidate on the decorated…" '
        "at line 24; keep one answer and correct or remove the other",
    )


def test_copied_prose_item_is_duplicate_only(tmp_path):
    page = tmp_path / "faq.md"
    answer = "Call `cache.clear()`. It removes every entry of the namespace.\n"
    page.write_text(
        f"# FAQ\n\n## How do I clear the cache?\n\n{answer}\n## How do I delete a key?\n\nCall `cache.delete(key)`.\n\n"
        f"## How do I clear the cache ?\n\n{answer}",
        encoding="utf-8",
    )

    assert [(line, code) for _path, line, code, _message in findings(page)] == [(11, "DL101")]


def test_prose_answers_across_pages(tmp_path):
    (tmp_path / "faq.md").write_text(
        "# FAQ\n\n## How do I clear the cache?\n\nCall `cache.clear()`.\n\n## Is it typed?\n\nYes.\n",
        encoding="utf-8",
    )
    (tmp_path / "troubleshooting.md").write_text(
        "# Troubleshooting\n\n## How do I clear the cache?\n\nDelete the cache file; no call removes every entry.\n\n"
        "## Why are values bytes?\n\nThe serializers differ.\n",
        encoding="utf-8",
    )

    [(path, line, code, message)] = findings(tmp_path)
    assert (path, line, code) == (str(tmp_path / "troubleshooting.md"), 3, "DL201")
    assert message.startswith('item "How do I clear the cache?" asks the question of item "How do I clear the cache?" (line 3 of ')


def test_one_line_html_answer_is_not_empty(tmp_path):
    page = tmp_path / "faq.md"
    page.write_text(
        '# FAQ\n\n## What does the cache look like?\n\n<img src="cache.png" alt="">\n\n## Is it typed?\n\nYes.\n',
        encoding="utf-8",
    )

    assert [fields_of(section) for section in sections_of(page.read_text(encoding="utf-8"))[0].children][0] == {
        "question": (3, 3, "", "What does the cache look like?"),
        "answer": (5, 5, "", ""),
    }
    assert findings(page) == []


def test_placeholder_with_note_is_missing(tmp_path):
    page = tmp_path / "faq.md"
    page.write_text(
        "# FAQ\n\n## How do I use Redis Cluster?\n\nTBD.\n\n!!! note\n\n    Planned for 2.4.\n\n"
        "## Is it typed?\n\nYes.\n",
        encoding="utf-8",
    )

    assert findings(page) == [
        (
            str(page), 5, "DL203",
            'item "How do I use Redis Cluster?" has no answer, only the placeholder "TBD."; '
            "write the answer or remove the item",
        )
    ]


def test_lone_question_heading_is_no_item():
    [top] = sections_of("# Part 1\n\n## Install\n\nRun pip.\n\n## Configure\n\nSet the URL.\n\n## What's next?\n\nRead part 2.\n")

    assert [section.fields for section in top.children] == [{}, {}, {}]


def test_tutorial_next_steps_do_not_conflict(tmp_path):
    for part in (1, 2, 3):
        (tmp_path / f"part{part}.md").write_text(
            f"# Part {part}\n\nThe tutorial text of part {part}.\n\n## What's next?\n\n"
            f"Continue with part {part + 1}, where you learn about topic {part + 1}.\n",
            encoding="utf-8",
        )

    assert findings(tmp_path) == []


def test_lone_question_placeholder_is_missing(tmp_path):
    page = tmp_path / "guide.md"
    page.write_text("# Guide\n\n## Install\n\nRun pip.\n\n## Does it run on Windows?\n\nTODO\n", encoding="utf-8")

    assert findings(page) == [
        (
            str(page), 9, "DL203",
            'item "Does it run on Windows?" has no answer, only the placeholder "TODO"; write the answer or remove the item',
        )
    ]


def test_prose_answer_reads_tabs_and_notes():
    [top] = sections_of((FIXTURES / "tabbed-answers.md").read_text(encoding="utf-8"))
    install, _upgrade, _install_again, settings, _settings_again = top.children

    assert fields_of(install)["answer"] == (
        5, 15, "", "Install it with the package manager of your platform.\n\nLinux\n\nmacOS\n\nUse Homebrew: brew install acme-client."
    )
    assert fields_of(settings)["answer"] == (37, 41, "", "In ~/.config/acme/settings.toml.\n\nVersion 1 stored them in ~/.acme.")


def test_answers_differing_in_tabs_conflict():
    assert [finding[1:] for finding in findings(FIXTURES / "tabbed-answers.md")] == [
        (
            21, "DL201",
            'item "How do I install the client ?" asks the question of item "How do I install the client?" (line 3) '
            'again but answers it differently: the answer reads "…macOS Download the disk…" here and '
            '"…macOS Use Homebrew: brew…" at line 5; the answer\'s code differs from the code at line 9; '
            "keep one answer and correct or remove the other",
        ),
        (
            43, "DL201",
            'item "Where are the settings stored ?" asks the question of item "Where are the settings stored?" (line 35) '
            'again but answers it differently: the answer reads "…toml. The path is the same…" here and '
            '"…toml. Version 1 stored them…" at line 37; keep one answer and correct or remove the other',
        ),
    ]


def test_answers_differing_in_tabs_conflict_zh():
    assert [finding[1:] for finding in findings(FIXTURES / "tabbed-answers-zh.md")] == [
        (
            19, "DL201",
            'item "如何安装客户端？" asks the question of item "如何安装客户端？" (line 3) again but answers it differently: '
            'the answer reads "…sudo snap install acme-…" here and "…sudo apt install acme-client…" at line 5; '
            "keep one answer and correct or remove the other",
        ),
        (
            39, "DL201",
            'item "配置文件存放在哪里？" asks the question of item "配置文件存放在哪里？" (line 31) again but answers it '
            'differently: the answer reads "…settings.toml。 所有平台上的路径都相同。" here and '
            '"…toml。 第 1 版把配置存放在 ~/.acme…" at line 33; keep one answer and correct or remove the other',
        ),
    ]


def test_admonition_title_counts_only_when_written():
    [top] = sections_of(
        '# FAQ\n\n## Why?\n\nBecause.\n\n!!! warning "Linux only"\n\n    Needs glibc.\n\n'
        "## How?\n\nSlowly.\n\n!!! note\n\n    Really.\n"
    )
    why_section, how_section = top.children

    assert why_section.fields["answer"].text == "Because.\n\nLinux only\n\nNeeds glibc."
    assert how_section.fields["answer"].text == "Slowly.\n\nReally."


def test_labelled_answers_differing_in_tab_code(tmp_path):
    page = tmp_path / "faq.md"
    item = '## {number}. How do I install the client?\n\n**Answer:** Use the package manager.\n\n=== "Linux"\n\n    ```sh\n    {command}\n    ```\n\n'
    page.write_text(
        "# FAQ\n\n"
        + item.format(number=1, command="sudo apt install acme-client")
        + item.format(number=2, command="sudo snap install acme-client"),
        encoding="utf-8",
    )

    assert findings(page) == [
        (
            str(page), 13, "DL201",
            'item "2. How do I install the client?" asks the question of item "1. How do I install the client?" (line 3) '
            "again but answers it differently: the answer's code differs from the code at line 9; "
            "keep one answer and correct or remove the other",
        )
    ]
