"""Folder search: which files ``doclint check FOLDER`` and ``--compare-with FOLDER`` read."""

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from doclint.engine import run
from doclint.folder_search import SKIPPED_FOLDERS, documents_in
from doclint.settings import Settings

SECTION = "## Notes\n\nBack up the database before every upgrade and keep the backup for 30 days.\n"
INDEX = "# Index\n\n" + SECTION


def write(path: Path, text: str = "# Title\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """The working folder, made the root of a repository by an empty ``.git`` folder."""
    (tmp_path / ".git" / "info").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def build_copy(repository):
    """``docs/index.md`` and a git-ignored copy of it that sorts first, so that comparing it reports index.md."""
    write(repository / "docs" / "index.md", INDEX)
    write(repository / "docs" / "generated" / "html" / "index.md", INDEX)
    write(repository / "docs" / ".gitignore", "generated/\n")
    return repository


def test_ignored_copy_not_compared(run_cli, build_copy):
    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", "--compare-with", ".", "docs/index.md")

    assert (code, stdout, stderr) == (0, "No problems found in 1 file.\n", "")


def test_ignored_copy_not_compared_when_fixing(run_cli, build_copy):
    code, _stdout, _stderr = run_cli(
        "check", "--no-config", "--no-cache", "--compare-with", ".", "--fix", "--unsafe-fixes", "docs/index.md"
    )

    assert code == 0
    assert (build_copy / "docs" / "index.md").read_text(encoding="utf-8") == INDEX


def test_ignored_copy_not_checked_in_folder(run_cli, build_copy):
    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", ".")

    assert (code, stdout) == (0, "No problems found in 1 file.\n")


def test_ignored_copy_found_without_gitignore(run_cli, build_copy):
    (build_copy / ".doclint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-cache", ".")

    assert code == 1
    assert stdout.splitlines()[0] == (
        'docs/index.md:1:1: DL101 duplicate-section [~] section "Index" repeats section "Index" '
        "(line 1 of docs/generated/html/index.md) word for word; remove this copy"
    )


def test_respect_gitignore_must_be_boolean(run_cli, build_copy):
    (build_copy / ".doclint.toml").write_text('respect-gitignore = "no"\n', encoding="utf-8")

    code, _stdout, stderr = run_cli("check", "--no-cache", ".")

    assert code == 2
    assert stderr == (
        f"doclint: error: {build_copy / '.doclint.toml'}: invalid value for 'respect-gitignore': "
        "expected true or false, got 'no'\n"
    )


def test_named_ignored_file_checked(run_cli, build_copy):
    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "docs/index.md", "docs/generated/html/index.md")

    assert code == 1
    assert stdout.splitlines()[-2] == "Found 1 problem (1 error, 0 warnings, 0 info) in 2 files."


def test_named_ignored_folder_walked(build_copy):
    assert documents_in("docs/generated") == ["docs/generated/html/index.md"]


@pytest.mark.parametrize("name", sorted(SKIPPED_FOLDERS))
def test_package_folder_skipped_by_name(tmp_path, name):
    write(tmp_path / "README.md")
    write(tmp_path / name / "left-pad" / "README.md")
    write(tmp_path / "docs" / name / "README.md")

    assert documents_in(tmp_path) == [str(tmp_path / "README.md")]
    assert documents_in(tmp_path / name) == [str(tmp_path / name / "left-pad" / "README.md")]


def test_build_and_dist_searched(tmp_path):
    write(tmp_path / "build" / "README.md")
    write(tmp_path / "dist" / "README.md")

    assert documents_in(tmp_path) == [str(tmp_path / "build" / "README.md"), str(tmp_path / "dist" / "README.md")]


def test_markdown_suffixes_found(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.md", "b.markdown", "c.mdown", "d.mkd", "E.MD", "f.txt", "CMakeLists.txt", "g.rst", "h.md.txt"):
        write(tmp_path / "docs" / name)

    assert documents_in("./docs/") == ["docs/E.MD", "docs/a.md", "docs/b.markdown", "docs/c.mdown", "docs/d.mkd"]


def test_txt_files_skipped_in_folder(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    requirements = "# 1. Runtime\nclick>=8.1\n\n# 3. Tests\npytest>=8.0\n"
    write(tmp_path / "requirements.txt", requirements)
    write(tmp_path / "requirements-dev.txt", requirements)
    write(tmp_path / "guide.md", "# Guide\n\nRun the installer.\n")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", ".")

    assert (code, stdout) == (0, "No problems found in 1 file.\n")


def test_named_txt_file_checked(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "notes.txt", "# 1. Runtime\n\nclick\n\n# 3. Tests\n\npytest\n")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "notes.txt")

    assert code == 1
    assert stdout.splitlines()[0].startswith("notes.txt:5:3: DL402 heading-numbering")


IGNORE_FILES = {
    ".git/info/exclude": "/local.md\n",
    ".gitignore": "*.tmp.md\n/top.md\nout/\nguide.md/\nvendor/**\n!vendor/keep.md\n!keep.tmp.md\ndocs/**/draft-*.md\n/docs/generated/\n",
    "docs/.gitignore": "/only-here.md\n!/reinclude.tmp.md\n",
    "docs/sub/.gitignore": "*\n!*.md\n!*/\nsecret.md\n",
}
TREE = [
    "local.md",
    "docs/local.md",
    "a.tmp.md",
    "keep.tmp.md",
    "docs/b.tmp.md",
    "docs/reinclude.tmp.md",
    "top.md",
    "docs/top.md",
    "out/a.md",
    "docs/out/a.md",
    "guide.md",
    "vendor/a.md",
    "vendor/b/c.md",
    "vendor/keep.md",
    "docs/x/y/draft-1.md",
    "docs/final.md",
    "draft-2.md",
    "docs/generated/a.md",
    "generated/a.md",
    "only-here.md",
    "docs/only-here.md",
    "docs/deeper/only-here.md",
    "docs/sub/a.md",
    "docs/sub/deeper/b.md",
    "docs/sub/secret.md",
    "docs/sub/deeper/secret.md",
]
FOUND = [
    "docs/deeper/only-here.md",
    "docs/final.md",
    "docs/local.md",
    "docs/reinclude.tmp.md",
    "docs/sub/a.md",
    "docs/sub/deeper/b.md",
    "docs/top.md",
    "draft-2.md",
    "generated/a.md",
    "guide.md",
    "keep.tmp.md",
    "only-here.md",
    "vendor/keep.md",
]


@pytest.fixture
def ignore_tree(repository):
    """A repository with ignore files at three levels and in .git/info/exclude."""
    for name, patterns in IGNORE_FILES.items():
        write(repository / name, patterns)
    for name in TREE:
        write(repository / name)
    return repository


def test_gitignore_patterns_applied(ignore_tree):
    assert documents_in(".") == FOUND


def test_parent_gitignore_applied_to_subfolder(ignore_tree):
    assert documents_in("docs") == [path for path in FOUND if path.startswith("docs/")]


def test_found_list_agrees_with_git(ignore_tree):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.rmtree(ignore_tree / ".git")
    environment = {"PATH": os.environ["PATH"], "HOME": str(ignore_tree), "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "--quiet"], check=True, env=environment)
    write(ignore_tree / ".git" / "info" / "exclude", IGNORE_FILES[".git/info/exclude"])

    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"], check=True, capture_output=True, text=True, env=environment
    ).stdout.splitlines()

    assert sorted(path for path in listed if path.endswith(".md") and not path.startswith(".")) == FOUND


def test_parent_gitignore_unread_outside_repository(tmp_path):
    write(tmp_path / ".gitignore", "*.md\n")
    write(tmp_path / "docs" / ".gitignore", "draft.md\n")
    write(tmp_path / "docs" / "draft.md")
    write(tmp_path / "docs" / "guide.md")

    assert documents_in(tmp_path / "docs") == [str(tmp_path / "docs" / "guide.md")]


def test_unreadable_gitignore_warned(repository, caplog):
    os.symlink(".gitignore", repository / ".gitignore")
    write(repository / "guide.md")

    with caplog.at_level(logging.WARNING):
        assert documents_in(".") == ["guide.md"]

    assert [record.getMessage() for record in caplog.records] == [
        ".gitignore: cannot be read (Too many levels of symbolic links), so the files it lists are not ignored; "
        "make the file readable"
    ]


def test_added_gitignore_changes_replayed_run(build_copy):
    (build_copy / "docs" / ".gitignore").unlink()
    settings = Settings(jobs=1, cache_dir=str(build_copy / ".doclint_cache"))
    first = run(["."], settings, replay=True)
    assert [(d.path, d.rule) for d in first.diagnostics] == [("docs/index.md", "duplicate-section")]

    write(build_copy / "docs" / ".gitignore", "generated/\n")
    second = run(["."], settings, replay=True)
    assert second.diagnostics == []
    assert second.file_count == 1

    write(build_copy / "docs" / ".gitignore", "other/\n")
    third = run(["."], settings, replay=True)
    assert [(d.path, d.rule) for d in third.diagnostics] == [("docs/index.md", "duplicate-section")]

