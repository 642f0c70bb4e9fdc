"""Warnings in the machine formats: json's ``warnings`` field, SARIF notifications and GitHub ``::warning`` commands."""

import json

import pytest

SKIPPED = (
    "docs/LICENSE.md: invalid utf-8 at byte 33 (line 3), so the file was skipped; "
    "to check it, name it with its encoding: doclint check --encoding NAME docs/LICENSE.md"
)
UNKNOWN_RULE = (
    "docs/guide.md:3: this doclint-disable-next-line comment names 'DL999', which is not a rule name or code, "
    "so the comment ignores it; correct the name (`doclint rules` lists the rules)"
)


@pytest.fixture
def warned_folder(tmp_path):
    """A folder ``docs`` whose check warns twice: a Latin-1 licence is skipped, and a comment names no rule."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# Guide\n\n<!-- doclint-disable-next-line DL999 -->\nRun the installer.\n", encoding="utf-8")
    (docs / "LICENSE.md").write_bytes(b"MIT License\n\nCopyright (c) 2024 J\xf6rg\n")
    return docs


def test_json_warnings_field(run_process, warned_folder):
    code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "--format", "json", "docs")
    output = json.loads(stdout)

    assert code == 0
    assert output["warnings"] == [SKIPPED, UNKNOWN_RULE]
    assert list(output) == ["version", "diagnostics", "summary", "warnings"]
    assert output["summary"] == {"files": 1, "errors": 0, "warnings": 0, "info": 0, "fixed": 0}
    assert stderr.splitlines() == [f"doclint: warning: {SKIPPED}", f"doclint: warning: {UNKNOWN_RULE}"]


def test_json_warnings_empty_without_warnings(run_cli, tmp_path):
    (tmp_path / "guide.md").write_text("# Guide\n\nRun the installer.\n", encoding="utf-8")

    _code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--format", "json", str(tmp_path / "guide.md"))

    assert json.loads(stdout)["warnings"] == []


def test_json_warnings_of_replayed_run(run_process, warned_folder):
    run_process("check", "--no-config", "--format", "json", "docs")

    _code, stdout, _stderr = run_process("check", "--no-config", "--format", "json", "docs")

    assert json.loads(stdout)["warnings"] == [SKIPPED, UNKNOWN_RULE]


def test_sarif_warning_notifications(run_process, warned_folder):
    code, stdout, _stderr = run_process("check", "--no-config", "--no-cache", "--format", "sarif", "docs")

    assert code == 0
    assert json.loads(stdout)["runs"][0]["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {"level": "warning", "message": {"text": SKIPPED}},
                {"level": "warning", "message": {"text": UNKNOWN_RULE}},
            ],
        }
    ]


def test_github_warning_commands(run_process, warned_folder):
    code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "--format", "github", "docs")

    assert code == 0
    assert stdout.splitlines() == [
        f"::warning file=docs/LICENSE.md,title=doclint::{SKIPPED}",
        "::warning file=docs/guide.md,line=3,title=doclint::docs/guide.md:3: this doclint-disable-next-line comment names 'DL999', which is not "
        "a rule name or code, so the comment ignores it; correct the name (`doclint rules` lists the rules)",
    ]
    assert stderr.splitlines() == [f"doclint: warning: {SKIPPED}", f"doclint: warning: {UNKNOWN_RULE}"]


def test_text_warnings_only_on_stderr(run_process, warned_folder):
    code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "docs")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr.splitlines() == [f"doclint: warning: {SKIPPED}", f"doclint: warning: {UNKNOWN_RULE}"]


def test_configuration_warning_in_json(run_process, tmp_path):
    (tmp_path / "guide.md").write_text("# Guide\n\nRun the installer.\n", encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('[labels]\nanwser = ["Antwort"]\n', encoding="utf-8")
    message = (
        f"{tmp_path / '.doclint.toml'}: [labels] key 'anwser' is not a built-in field, "
        "so its labels make fields of their own; did you mean 'answer'?"
    )

    _code, stdout, stderr = run_process("check", "--no-cache", "--format", "json", "guide.md")

    assert json.loads(stdout)["warnings"] == [message]
    assert stderr == f"doclint: warning: {message}\n"


def test_worker_warning_in_json(run_process, tmp_path):
    # The document with invalid front matter is parsed in a worker process: it is in the first chunk, and this
    # process parses chunks from the last one. Each other document has text of its own, so none is a copy.
    (tmp_path / "a-front.md").write_text("---\ntitle: [x\n---\n# Front\n\ntext\n", encoding="utf-8")
    for number in range(80):
        (tmp_path / f"d{number:02}.md").write_text(f"# Note {number}\n\nThe value of item {number} is {number * 7919}.\n", encoding="utf-8")
    message = (
        "a-front.md:2: invalid YAML in the front matter: expected ',' or ']', but got '<stream end>'; "
        "its doclint-schema key, if any, is ignored"
    )

    _code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "--jobs", "2", "--format", "json", ".")

    assert json.loads(stdout)["warnings"] == [message]
    assert stderr == f"doclint: warning: {message}\n"
