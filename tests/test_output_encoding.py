"""Standard output in an encoding that cannot hold every character, such as a Windows runner's cp1252."""

import json
import os
import subprocess
import sys

import pytest

from conftest import FIXTURES

ZH = FIXTURES / "zh-differing-headings.md"


def run_with_output_encoding(encoding, *arguments):
    """Run ``python -m doclint`` with standard output in ``encoding``; return (exit code, stdout bytes, stderr)."""
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    completed = subprocess.run(
        [sys.executable, "-m", "doclint", *arguments], capture_output=True, env=environment, timeout=120
    )
    return completed.returncode, completed.stdout, completed.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("output_format", ["json", "sarif", "github", "rdjsonl", "gitlab"])
def test_machine_formats_written_in_utf8(output_format):
    code, stdout, stderr = run_with_output_encoding("cp1252", "check", "--no-cache", "--format", output_format, str(ZH))
    assert (code, stderr) == (1, "")
    assert "列出前十个步骤" in stdout.decode("utf-8")


def test_json_output_parses_as_utf8():
    _, stdout, _ = run_with_output_encoding("ascii", "check", "--no-cache", "--format", "json", str(ZH))
    diagnostics = json.loads(stdout.decode("utf-8"))["diagnostics"]
    assert diagnostics[0]["message"].startswith('section "2. 列出前十个步骤" is 98% similar')


def test_text_escapes_unencodable_characters():
    code, stdout, stderr = run_with_output_encoding("cp1252", "check", "--no-cache", str(ZH))
    assert (code, stderr) == (1, "")
    first = stdout.decode("cp1252").splitlines()[0]
    assert first.startswith(f'{ZH}:7:1: DL102 near-duplicate-section section "2. \\u5217\\u51fa\\u524d\\u5341')


def test_ast_written_in_utf8():
    code, stdout, _ = run_with_output_encoding("cp1252", "ast", str(ZH))
    assert code == 0
    assert json.loads(stdout.decode("utf-8"))["sections"][0]["children"][0]["title"] == "列出前五个步骤"
