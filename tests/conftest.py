from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main
from doclint.i18n import set_language

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "000.txt"


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    """Run every test, and the commands it starts, without the developer's locale variables.

    doclint takes its language from LC_ALL, LC_MESSAGES and LANG, and the
    tests expect English unless they select another language themselves.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def no_ci_root(monkeypatch):
    """Run every test without the repository-root variables of GitHub and GitLab, which the github and gitlab formats read.

    The tests expect paths relative to their working folder, also when the
    suite itself runs in GitHub Actions or GitLab CI.
    """
    for name in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def no_user_git_config(tmp_path_factory, monkeypatch):
    """Run every test, and the git commands it starts, without the developer's global and system git configuration.

    A folder search reads the excludes file that ``core.excludesFile``
    names, by default ``$XDG_CONFIG_HOME/git/ignore``, so the developer's
    own file would change which documents the tests find.
    """
    config_home = tmp_path_factory.mktemp("user-config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config_home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture(autouse=True)
def no_cache_dir_variable(monkeypatch):
    """Run every test without the developer's DOCLINT_CACHE_DIR, so that each run keeps its cache where the test expects it."""
    monkeypatch.delenv("DOCLINT_CACHE_DIR", raising=False)


@pytest.fixture(autouse=True)
def private_cache_key(tmp_path_factory, monkeypatch):
    """Give every test its own cache signing key.

    Cache entries are signed with the key in XDG_CACHE_HOME, so an entry
    written by another test, or by an earlier run in the checkout, fails
    the signature check and is never replayed into this test.
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))


@pytest.fixture
def run_cli():
    """Run the doclint CLI in process and return (exit code, stdout, stderr).

    The CLI selects the message language for the whole process, so each
    call selects English again afterwards: a ``--lang zh-CN`` run must not
    turn the messages of the tests after it Chinese.
    """

    def invoke(*arguments: str, stdin: bytes | None = None) -> tuple[int, str, str]:
        runner = CliRunner()
        try:
            result = runner.invoke(main, list(arguments), input=stdin, catch_exceptions=False, prog_name="doclint")
        finally:
            set_language("en")
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture
def run_json(run_cli):
    """Run ``doclint check --format json`` and return (exit code, diagnostics)."""

    def invoke(*arguments: str) -> tuple[int, list[dict]]:
        code, stdout, _stderr = run_cli("check", "--format", "json", *arguments)
        return code, json.loads(stdout)["diagnostics"]

    return invoke


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A working folder with the seed and an English FAQ, and the cache inside it."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SEED, docs / "seed.md")
    shutil.copyfile(FIXTURES / "en-faq.md", docs / "faq.md")
    return docs


def is_running(pid: int) -> bool:
    """Return whether process ``pid`` exists and is not a zombie (Linux: reads /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_until_ended(pid: int, seconds: float = 10) -> bool:
    """Return whether process ``pid`` has ended, or become a zombie, within ``seconds``."""
    deadline = time.monotonic() + seconds
    while is_running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not is_running(pid)


def run_parent(script: str) -> tuple[int, int]:
    """Run a Python script that prints the pid of a child process it starts; return its exit status and that pid."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    return result.returncode, int(result.stdout)


@pytest.fixture
def run_process(tmp_path):
    """Run ``python -m doclint`` in a process of its own, in ``tmp_path``, and return (exit code, stdout, stderr).

    Warnings go through logging, whose handler writes to the stderr of the
    first run in a process, so a test of a warning runs doclint in a new one.
    """

    def invoke(*arguments: str) -> tuple[int, str, str]:
        completed = subprocess.run(
            [sys.executable, "-m", "doclint", *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            timeout=120,
        )
        return completed.returncode, completed.stdout, completed.stderr

    return invoke
