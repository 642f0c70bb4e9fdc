"""The pages of docs/rules/: complete headings, and examples that match what doclint prints."""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

import pytest

from doclint.parse import markdown_parser
from doclint.rules.code import RULES as CODE_RULES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"
README = Path(__file__).resolve().parent.parent / "README.md"
HEADINGS = ["What it finds", "Why it matters", "Example", "Options", "Fix"]

# The first ````markdown block of a page's Example section, and the ```text block after it.
_EXAMPLE_RE = re.compile(r"^````markdown\n(?P<markdown>.*?)^````\n.*?^```text\n(?P<output>.*?)^```\n", re.M | re.S)


def page(rule) -> str:
    return (DOCS / f"{rule.name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", CODE_RULES, ids=lambda rule: rule.name)
def test_page_headings(rule):
    tokens = markdown_parser().parse(page(rule))
    headings = [(opening.tag, inline.content) for opening, inline in zip(tokens, tokens[1:]) if opening.type == "heading_open"]
    assert headings[0] == ("h1", f"{rule.name} ({rule.code})")
    assert [text for tag, text in headings if tag == "h2"] == HEADINGS


@pytest.mark.parametrize("rule", CODE_RULES, ids=lambda rule: rule.name)
def test_readme_lists_rule(rule):
    row = f"| {rule.code} | [`{rule.name}`](docs/rules/{rule.name}.md) | {rule.severity.value} |"
    assert row in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", CODE_RULES, ids=lambda rule: rule.name)
def test_page_example_output(rule, run_cli, tmp_path, monkeypatch):
    if rule.name == "code-not-checked" and sys.version_info[:2] >= (3, 12):
        pytest.skip("the example needs a Python older than 3.12")
    example = _EXAMPLE_RE.search(page(rule))
    assert example is not None
    expected = example.group("output").splitlines()
    name = expected[0].split(":")[0]
    (tmp_path / name).write_text(example.group("markdown"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    _, stdout, _ = run_cli("check", name)
    printed = [line for line in stdout.splitlines() if line.startswith(f"{name}:")]
    assert printed == [line.replace("3.11.7", platform.python_version()) for line in expected]
