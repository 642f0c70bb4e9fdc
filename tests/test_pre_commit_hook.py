"""The pre-commit hook of this repository, run by the real ``pre-commit try-repo``.

``try-repo`` clones this repository at HEAD, adding the uncommitted
changes of tracked and staged files (a new, untracked file is left out),
and installs the hook's environment with pip from the package index. So
this test needs git and the index, and it is the slowest of the suite.
The two runs go in parallel, because each installs its own environment.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from doclint.folder_search import DOCUMENT_SUFFIXES, SKIPPED_FOLDERS

from conftest import FIXTURES, SEED

ROOT = Path(__file__).resolve().parents[1]


def git_free_environment(pre_commit_home):
    """Return the environment without GIT_* variables, so that a test run inside a git hook works on its own repository."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    environment["PRE_COMMIT_HOME"] = str(pre_commit_home)
    environment["PRE_COMMIT_COLOR"] = "never"
    return environment


def start_try_repo(repository, home, *files):
    return subprocess.Popen(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "doclint", "--files", *files],
        cwd=repository,
        env=git_free_environment(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def finish(process):
    output, _ = process.communicate()
    return process.returncode, output.decode("utf-8").splitlines()


def status_lines(output):
    """Return the status of each ``doclint....Passed`` line that pre-commit prints for the hook."""
    return [line.rsplit(".", 1)[-1] for line in output if line.startswith("doclint.")]


def test_hook_on_seed_and_clean_file(tmp_path):
    repository = tmp_path / "documents"
    (repository / "guides").mkdir(parents=True)
    (repository / ".github").mkdir()
    shutil.copy(SEED, repository / "000.md")
    shutil.copy(FIXTURES / "clean-qa.md", repository / "clean-qa.md")
    (repository / "requirements.txt").write_text("# 1. Runtime\nclick>=8.1\n# 3. Tests\npytest>=8.0\n", encoding="utf-8")
    (repository / "requirements-dev.txt").write_text("# 1. Runtime\nclick>=8.1\n# 3. Tests\npytest>=8.0\n", encoding="utf-8")
    # Copies that sort before clean-qa.md, so that comparing them would report clean-qa.md as the later copy.
    for copy in ("_build/clean-qa.md", "archive/clean-qa.md"):
        (repository / copy).parent.mkdir()
        shutil.copy(FIXTURES / "clean-qa.md", repository / copy)
    (repository / ".gitignore").write_text("/archive/\n", encoding="utf-8")
    shutil.copy(FIXTURES / "cross-file" / "install.md", repository / "guides" / "install.md")
    shutil.copy(FIXTURES / "cross-file" / "upgrade.md", repository / "guides" / "upgrade.md")
    shutil.copy(FIXTURES / "zh-notes.md", repository / "README")
    shutil.copy(FIXTURES / "zh-notes.md", repository / ".github" / "pull_request_template.md")
    # A page whose sections a translation and another page repeat. The user accepted both copies,
    # the translation through per-file-ignores and the other page through a comment, so the page passes.
    (repository / "docs" / "zh").mkdir(parents=True)
    section = "## Schedule\n\nThe backup job runs every night at 02:00 and keeps the last seven archives.\n"
    (repository / "docs" / "backups.md").write_text("# Backups\n\n" + section, encoding="utf-8")
    (repository / "docs" / "zh" / "backups.md").write_text("# 备份\n\n" + section, encoding="utf-8")
    (repository / "docs" / "operations.md").write_text(
        "# Operations\n\n<!-- doclint-disable-next-line duplicate-section -->\n" + section, encoding="utf-8"
    )
    (repository / ".doclint.toml").write_text('[per-file-ignores]\n"docs/zh/**" = ["duplicate-section"]\n', encoding="utf-8")
    environment = git_free_environment(tmp_path / "unused")
    subprocess.run(["git", "init", "--quiet", str(repository)], env=environment, check=True)
    subprocess.run(["git", "-C", str(repository), "add", "--all"], env=environment, check=True)
    # An untracked scratch copy that sorts before clean-qa.md: no commit contains it, so the hook leaves it out.
    shutil.copy(FIXTURES / "clean-qa.md", repository / "a-scratch.md")

    # upgrade.md repeats a section of install.md, which no run names. README,
    # the hidden template and the requirements files repeat sections too, but
    # the hook's files and exclude patterns leave them out. The copies of
    # clean-qa.md are in a folder that doclint skips by name, in a
    # git-ignored one and in an untracked file, so the compared folder
    # search leaves them out.
    failing = start_try_repo(repository, tmp_path / "home-failing", "000.md", "guides/upgrade.md")
    passing = start_try_repo(
        repository,
        tmp_path / "home-passing",
        "clean-qa.md",
        "docs/backups.md",
        "README",
        ".github/pull_request_template.md",
        "requirements.txt",
        "requirements-dev.txt",
    )
    failing_code, failing_output = finish(failing)
    passing_code, passing_output = finish(passing)

    assert failing_code == 1, "\n".join(failing_output)
    assert status_lines(failing_output) == ["Failed"]
    assert "- exit code: 1" in failing_output
    assert (
        '000.md:265:1: DL101 duplicate-section [*] section "21. 医疗知识图谱构建与推理" repeats section '
        '"14. 医疗知识图谱构建与推理" (line 174) word for word; remove this copy'
    ) in failing_output
    assert (
        'guides/upgrade.md:8:1: DL101 duplicate-section section "Requirements" repeats section "Requirements" '
        "(line 3 of guides/install.md) word for word; remove this copy"
    ) in failing_output

    assert passing_code == 0, "\n".join(passing_output)
    assert status_lines(passing_output) == ["Passed"]


def test_manifest_is_valid():
    completed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert (completed.returncode, completed.stdout) == (0, "")


def load_hook() -> dict:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize("name", ["guide" + suffix for suffix in DOCUMENT_SUFFIXES] + ["docs/GUIDE.MD"])
def test_hook_files_take_folder_suffixes(name):
    hook = load_hook()
    assert re.search(hook["files"], name)
    assert not re.search(hook["exclude"], name)


@pytest.mark.parametrize("name", ["requirements.txt", "CMakeLists.txt", "LICENSE.txt", "README", "index.md.txt"])
def test_hook_files_leave_out_other_names(name):
    assert not re.search(load_hook()["files"], name)


@pytest.mark.parametrize("folder", sorted(SKIPPED_FOLDERS) + [".github"])
def test_hook_excludes_skipped_folders(folder):
    exclude = load_hook()["exclude"]
    assert re.search(exclude, f"{folder}/README.md")
    assert re.search(exclude, f"docs/{folder}/README.md")
    assert not re.search(exclude, f"docs/my{folder}/README.md")


def run_hook_command(folder, *arguments):
    """Run the hook's entry with ``arguments`` after it in ``folder``, as pre-commit does, and return the completed process."""
    entry = load_hook()["entry"].split()
    return subprocess.run(
        [sys.executable, "-m", *entry, *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_hook_command_reads_dash_file_names(tmp_path):
    """The command that pre-commit builds: the entry, the user's args, then the staged file names."""
    section = "## Schedule\n\nThe backup job runs every night at 02:00 and keeps the last seven archives.\n"
    (tmp_path / "-notes.md").write_text("# Notes\n\n" + section, encoding="utf-8")
    (tmp_path / "backups.md").write_text("# Backups\n\n" + section, encoding="utf-8")
    user_args = ["--near-duplicate-threshold", "80"]

    completed = run_hook_command(tmp_path, *user_args, "-notes.md", "backups.md")

    assert completed.returncode == 1, completed.stderr
    assert completed.stdout.splitlines()[0] == (
        'backups.md:3:1: DL101 duplicate-section [~] section "Schedule" repeats section "Schedule" '
        "(line 3 of -notes.md) word for word; remove this copy"
    )
    assert completed.stderr == ""


def test_hook_command_skips_excluded_quietly(tmp_path):
    """A staged file that the configuration excludes is skipped without a warning above the findings."""
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "install.md").write_text("```python\ncache = Cache()\n```\n", encoding="utf-8")
    (tmp_path / "faq.md").write_text("# FAQ\n\n## How do I install it?\n\nTBD.\n", encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('exclude = ["includes"]\n', encoding="utf-8")

    completed = run_hook_command(tmp_path, "faq.md", "includes/install.md")

    assert completed.returncode == 1, completed.stderr
    assert completed.stdout.splitlines()[0] == (
        'faq.md:5:1: DL203 missing-answer item "How do I install it?" has no answer, only the placeholder "TBD."; '
        "write the answer or remove the item"
    )
    assert "includes/install.md" not in completed.stdout
    assert completed.stderr == ""
