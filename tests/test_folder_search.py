"""Folder search: which files ``doclint check FOLDER`` and ``--compare-with FOLDER`` read."""

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from doclint.engine import run
from doclint.folder_search import SKIPPED_FOLDERS, documents_in, search_folder
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



GIT_ENVIRONMENT = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def git(folder: Path, *arguments: str) -> list[str]:
    """Run git in ``folder`` with no user or system configuration and return the lines it prints."""
    environment = {"PATH": os.environ["PATH"], "HOME": str(folder), **GIT_ENVIRONMENT}
    completed = subprocess.run(
        ["git", "-c", "protocol.file.allow=always", *arguments],
        cwd=folder, check=True, capture_output=True, text=True, env=environment,
    )
    return completed.stdout.splitlines()


def git_documents(folder: Path) -> list[str]:
    """Return the documents that git lists in the repository ``folder``: tracked, and untracked but not ignored."""
    listed = git(folder, "ls-files", "--cached", "--others", "--exclude-standard")
    return sorted(path for path in set(listed) if path.endswith(".md") and not path.startswith("."))


@pytest.fixture
def git_repository(tmp_path, monkeypatch):
    """The working folder, made the root of a real git repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "--quiet")
    return tmp_path


@pytest.fixture
def forced_tree(git_repository):
    """A repository with git-ignored files, some of them added with ``git add --force``."""
    write(git_repository / ".gitignore", "gen/\n*.tmp.md\n")
    write(git_repository / "gen" / ".gitignore", "!other.md\n")
    for name in ("guide.md", "a.tmp.md", "b.tmp.md", "gen/forced.md", "gen/other.md", "gen/deeper/c.md"):
        write(git_repository / name)
    git(git_repository, "add", ".gitignore", "guide.md")
    git(git_repository, "add", "--force", "a.tmp.md", "gen/forced.md")
    return git_repository


def test_tracked_ignored_file_found(forced_tree):
    assert git_documents(forced_tree) == ["a.tmp.md", "gen/forced.md", "guide.md"]
    assert documents_in(".") == ["a.tmp.md", "gen/forced.md", "guide.md"]


def test_tracked_ignored_file_compared(run_cli, forced_tree):
    bank = "# Bank\n\n## 1. Install\n\nRun the installer from the vendor site and follow the prompts until it finishes.\n"
    write(forced_tree / "gen" / "forced.md", bank)
    write(forced_tree / "z.md", bank)

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "z.md", "--compare-with", ".")

    assert code == 1
    assert stdout.splitlines()[0] == (
        'z.md:1:1: DL101 duplicate-section section "Bank" repeats section "Bank" '
        "(line 1 of gen/forced.md) word for word; remove this copy"
    )


def test_tracked_ignored_found_under_git_hook(forced_tree, monkeypatch):
    monkeypatch.setenv("GIT_DIR", str(forced_tree / "missing"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(forced_tree / "missing-index"))

    assert documents_in(".") == ["a.tmp.md", "gen/forced.md", "guide.md"]


def test_tracked_ignored_skipped_without_git(forced_tree, monkeypatch, caplog):
    monkeypatch.setenv("PATH", str(forced_tree / "no-programs"))

    with caplog.at_level(logging.DEBUG, logger="doclint.folder_search"):
        assert documents_in(".") == ["guide.md"]

    messages = [record.getMessage() for record in caplog.records if record.levelno > logging.DEBUG]
    assert messages == []
    assert any(
        record.getMessage().startswith("cannot run git in ")
        and record.getMessage().endswith(
            "): files that a pattern matches are skipped even when tracked, and a compared folder gives its "
            "untracked documents too"
        )
        for record in caplog.records
    )


def test_invalid_repository_skips_ignored(repository, caplog):
    write(repository / ".gitignore", "gen/\n")
    write(repository / "gen" / "a.md")
    write(repository / "guide.md")

    with caplog.at_level(logging.DEBUG, logger="doclint.folder_search"):
        assert documents_in(".") == ["guide.md"]

    assert any(
        record.getMessage().startswith("git ls-files failed in ")
        and record.getMessage().endswith("a compared folder gives its untracked documents too")
        for record in caplog.records
    )


def test_no_git_ls_files_when_nothing_ignored(git_repository, monkeypatch, caplog):
    write(git_repository / ".gitignore", "out/\n")
    write(git_repository / "guide.md")
    monkeypatch.setenv("PATH", str(git_repository / "no-programs"))

    with caplog.at_level(logging.DEBUG, logger="doclint.folder_search"):
        assert documents_in(".") == ["guide.md"]

    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1
    assert messages[0].startswith(f"cannot run git in {git_repository} (")
    assert messages[0].endswith("), so the default excludes file applies")


FORCED = ["out/a.md", "vendor/b/c.md", "docs/sub/secret.md", "local.md", "docs/generated/a.md", "a.tmp.md"]


@pytest.fixture
def forced_ignore_tree(ignore_tree):
    """The ignore tree in a real repository, with some of its git-ignored files added with ``git add --force``."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.rmtree(ignore_tree / ".git")
    git(ignore_tree, "init", "--quiet")
    write(ignore_tree / ".git" / "info" / "exclude", IGNORE_FILES[".git/info/exclude"])
    git(ignore_tree, "add", "--force", *FORCED)
    return ignore_tree


def test_tracked_ignored_agrees_with_git(forced_ignore_tree):
    expected = git_documents(forced_ignore_tree)

    assert set(FORCED) <= set(expected)
    assert documents_in(".") == expected
    assert documents_in("docs") == [path for path in expected if path.startswith("docs/")]


@pytest.fixture
def nested_tree(git_repository):
    """An outer repository whose ``sub`` folder is a nested repository with its own ignore files."""
    outer, nested = git_repository, git_repository / "sub"
    write(outer / ".gitignore", "notes.md\n*.draft.md\nlocal.md\n")
    write(outer / ".git" / "info" / "exclude", "/sub/docs/excluded.md\nguide.md\n")
    nested.mkdir()
    git(nested, "init", "--quiet")
    write(nested / ".gitignore", "gen/\n")
    write(nested / ".git" / "info" / "exclude", "/local.md\n")
    names = ["notes.md", "a.draft.md", "guide.md", "local.md", "docs/local.md", "docs/excluded.md", "docs/b.draft.md"]
    for name in [*names, "gen/forced.md", "gen/other.md"]:
        write(nested / name)
    for name in ["notes.md", "local.md", "kept.md"]:
        write(outer / name)
    git(nested, "add", "--force", "gen/forced.md")
    return outer


NESTED_FOUND = [
    "kept.md",
    "sub/a.draft.md",
    "sub/docs/b.draft.md",
    "sub/docs/excluded.md",
    "sub/docs/local.md",
    "sub/gen/forced.md",
    "sub/guide.md",
    "sub/notes.md",
]


def test_outer_patterns_stop_at_nested_repository(nested_tree):
    assert documents_in(".") == NESTED_FOUND


def test_named_folder_in_nested_repository(nested_tree):
    assert documents_in("sub") == [path for path in NESTED_FOUND if path.startswith("sub/")]
    assert documents_in("sub/docs") == ["sub/docs/b.draft.md", "sub/docs/excluded.md", "sub/docs/local.md"]


def test_nested_repository_agrees_with_git(nested_tree):
    outer = [path for path in git_documents(nested_tree) if not path.startswith("sub/")]
    nested = ["sub/" + path for path in git_documents(nested_tree / "sub")]

    assert documents_in(".") == sorted(outer + nested)


@pytest.fixture
def submodule_tree(git_repository, tmp_path_factory):
    """An outer repository with the submodule ``lib`` in a git-ignored folder, whose ``.git`` is a file."""
    source = tmp_path_factory.mktemp("source")
    git(source, "init", "--quiet")
    write(source / "guide.md")
    write(source / "gen" / "forced.md")
    write(source / ".gitignore", "gen/\n")
    git(source, "add", "guide.md", ".gitignore")
    git(source, "add", "--force", "gen/forced.md")
    git(source, "commit", "--quiet", "--message", "Add the guide")

    write(git_repository / ".gitignore", "guide.md\n/lib/\n")
    git(git_repository, "submodule", "--quiet", "add", "--force", str(source), "lib")
    write(git_repository / ".git" / "modules" / "lib" / "info" / "exclude", "/draft.md\n")
    write(git_repository / "lib" / "draft.md")
    write(git_repository / "lib" / "gen" / "other.md")
    write(git_repository / "lib" / "notes.md")
    return git_repository


def test_submodule_in_ignored_folder_searched(submodule_tree):
    assert (submodule_tree / "lib" / ".git").is_file()
    assert documents_in(".") == ["lib/gen/forced.md", "lib/guide.md", "lib/notes.md"]
    assert documents_in("lib") == ["lib/gen/forced.md", "lib/guide.md", "lib/notes.md"]


def test_submodule_agrees_with_git(submodule_tree):
    nested = ["lib/" + path for path in git_documents(submodule_tree / "lib")]

    assert documents_in(".") == sorted(nested)


def test_worktree_info_exclude_applied(git_repository, tmp_path_factory):
    write(git_repository / "guide.md")
    git(git_repository, "add", "guide.md")
    git(git_repository, "commit", "--quiet", "--message", "Add the guide")
    write(git_repository / ".git" / "info" / "exclude", "/local.md\n")
    worktree = tmp_path_factory.mktemp("worktrees") / "feature"
    git(git_repository, "worktree", "add", "--quiet", str(worktree))
    write(worktree / "local.md")
    write(worktree / "docs" / "local.md")

    assert (worktree / ".git").is_file()
    assert documents_in(worktree) == [str(worktree / "docs" / "local.md"), str(worktree / "guide.md")]
    assert [str(worktree / path) for path in git_documents(worktree)] == documents_in(worktree)


def git_with_user_config(folder: Path, *arguments: str) -> list[str]:
    """Run git in ``folder`` with the user configuration that the test set up in the environment."""
    environment = {**os.environ, **GIT_ENVIRONMENT}
    completed = subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, text=True, env=environment)
    return completed.stdout.splitlines()


def git_found(folder: Path) -> list[str]:
    """Return the documents that git, with the test's user configuration, lists in ``folder``: tracked, and untracked but not ignored."""
    listed = git_with_user_config(folder, "ls-files", "--cached", "--others", "--exclude-standard")
    return sorted(path for path in set(listed) if path.endswith(".md") and not path.startswith("."))


EXCLUDED_TREE = ["guide.md", "notes.draft.md", "docs/intro.md", "docs/scratch/a.md", "docs/keep.draft.md"]
EXCLUDED_PATTERNS = "*.draft.md\nscratch/\n"
NOT_EXCLUDED = ["docs/intro.md", "docs/keep.draft.md", "guide.md"]


@pytest.fixture
def excluded_tree(git_repository):
    """A repository whose .gitignore includes one file again that an excludes file would ignore."""
    for name in EXCLUDED_TREE:
        write(git_repository / name)
    write(git_repository / "docs" / ".gitignore", "!keep.draft.md\n")
    return git_repository


def test_default_excludes_file_applied(excluded_tree):
    write(Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore", EXCLUDED_PATTERNS)

    assert git_found(excluded_tree) == NOT_EXCLUDED
    assert documents_in(".") == NOT_EXCLUDED
    assert documents_in("docs") == ["docs/intro.md", "docs/keep.draft.md"]


def test_home_excludes_file_without_xdg_config_home(excluded_tree, tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", "")
    write(home / ".config" / "git" / "ignore", EXCLUDED_PATTERNS)

    assert git_found(excluded_tree) == NOT_EXCLUDED
    assert documents_in(".") == NOT_EXCLUDED


def test_global_core_excludes_file_applied(excluded_tree, tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    write(home / "my-excludes", EXCLUDED_PATTERNS)
    write(Path(os.environ["GIT_CONFIG_GLOBAL"]), "[core]\n\texcludesFile = ~/my-excludes\n")
    write(Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore", "guide.md\n")

    assert git_found(excluded_tree) == NOT_EXCLUDED
    assert documents_in(".") == NOT_EXCLUDED


def test_relative_local_excludes_file(excluded_tree):
    write(excluded_tree / "excludes.txt", EXCLUDED_PATTERNS)
    git(excluded_tree, "config", "core.excludesFile", "excludes.txt")

    assert git_found(excluded_tree) == NOT_EXCLUDED
    assert documents_in("docs") == ["docs/intro.md", "docs/keep.draft.md"]


def test_empty_core_excludes_file_names_none(excluded_tree):
    write(Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore", EXCLUDED_PATTERNS)
    git(excluded_tree, "config", "core.excludesFile", "")

    assert git_found(excluded_tree) == sorted(EXCLUDED_TREE)
    assert documents_in(".") == sorted(EXCLUDED_TREE)


def test_excluded_but_tracked_file_found(excluded_tree):
    write(Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore", EXCLUDED_PATTERNS)
    git(excluded_tree, "add", "--force", "notes.draft.md", "docs/scratch/a.md")

    assert git_found(excluded_tree) == sorted(EXCLUDED_TREE)
    assert documents_in(".") == sorted(EXCLUDED_TREE)


def test_excludes_file_applies_in_nested_repository(excluded_tree):
    write(Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore", EXCLUDED_PATTERNS)
    git(excluded_tree, "init", "--quiet", "nested")
    write(excluded_tree / "nested" / "b.draft.md")
    write(excluded_tree / "nested" / "b.md")

    assert documents_in(".") == [*NOT_EXCLUDED, "nested/b.md"]


def test_excludes_file_unread_outside_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore", EXCLUDED_PATTERNS)
    write(tmp_path / "notes.draft.md")

    assert documents_in(".") == ["notes.draft.md"]


def test_excluded_copy_not_compared(run_cli, excluded_tree):
    write(Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore", EXCLUDED_PATTERNS)
    write(excluded_tree / "guide.md", INDEX)
    write(excluded_tree / "docs" / "scratch" / "a.md", INDEX)

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", ".")

    assert (code, stdout, stderr) == (0, "No problems found in 3 files.\n", "")


GUIDE = (
    "# Guide\n\n## Install\n\nRun the installer from the vendor site and keep the default folder for the data files.\n"
)
SCRATCH_FINDINGS = {
    "a-scratch.md": (
        'guide.md:1:1: DL101 duplicate-section section "Guide" repeats section "Guide" '
        "(line 1 of a-scratch.md) word for word; remove this copy"
    ),
    "z-scratch.md": (
        'guide.md:1:1: DL101 duplicate-section section "Guide" is repeated word for word by section "Guide" '
        "(line 1 of z-scratch.md); remove one of the two copies"
    ),
}


@pytest.fixture
def committed_guide(git_repository):
    """A repository with a committed guide.md, edited and staged again, as in a commit that runs a pre-commit hook."""
    write(git_repository / "guide.md", GUIDE)
    git(git_repository, "add", "guide.md")
    git(git_repository, "commit", "--quiet", "--message", "Add the guide")
    write(git_repository / "guide.md", GUIDE + "\n## Support\n\nWrite to the team channel.\n")
    git(git_repository, "add", "guide.md")
    return git_repository


def hook_check(run_cli, *extra: str) -> tuple[int, str, str]:
    """Run what the pre-commit hook runs on the staged guide.md."""
    return run_cli("check", "--no-config", "--no-cache", "--compare-with", ".", "--leading-dash-paths", *extra, "guide.md")


@pytest.mark.parametrize("scratch", sorted(SCRATCH_FINDINGS))
def test_untracked_copy_not_compared(run_cli, committed_guide, scratch):
    shutil.copy(committed_guide / "guide.md", committed_guide / scratch)

    assert hook_check(run_cli) == (0, "No problems found in 1 file.\n", "")

    git(committed_guide, "add", scratch)
    code, stdout, _stderr = hook_check(run_cli)
    assert (code, stdout.splitlines()[0]) == (1, SCRATCH_FINDINGS[scratch])


def test_untracked_copy_logged(committed_guide, caplog):
    shutil.copy(committed_guide / "guide.md", committed_guide / "a-scratch.md")
    write(committed_guide / "drafts" / "b.md", GUIDE)

    with caplog.at_level(logging.DEBUG, logger="doclint.folder_search"):
        assert search_folder(".", tracked_only=True) == (["guide.md"], ["drafts", "a-scratch.md"])

    assert [record.getMessage() for record in caplog.records if record.getMessage().startswith("skipping")] == [
        f"skipping {committed_guide / 'drafts'}: git tracks no file in it, and only tracked documents are compared",
        f"skipping {committed_guide / 'a-scratch.md'}: git does not track it, and only tracked documents are compared",
    ]


def test_untracked_file_checked_and_compared_when_named(run_cli, committed_guide):
    shutil.copy(committed_guide / "guide.md", committed_guide / "z-scratch.md")

    code, stdout, _stderr = hook_check(run_cli, "--compare-with", "z-scratch.md")
    assert (code, stdout.splitlines()[0]) == (1, SCRATCH_FINDINGS["z-scratch.md"])

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--compare-with", ".", "z-scratch.md")
    assert (code, stdout.splitlines()[0]) == (
        1,
        'z-scratch.md:1:1: DL101 duplicate-section section "Guide" repeats section "Guide" '
        "(line 1 of guide.md) word for word; remove this copy",
    )


def test_untracked_copy_checked_in_folder(run_cli, committed_guide):
    shutil.copy(committed_guide / "guide.md", committed_guide / "z-scratch.md")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", ".")

    assert (code, stdout.splitlines()[0]) == (
        1,
        'z-scratch.md:1:1: DL101 duplicate-section [~] section "Guide" repeats section "Guide" '
        "(line 1 of guide.md) word for word; remove this copy",
    )


def test_untracked_copy_compared_without_gitignore(run_cli, committed_guide):
    shutil.copy(committed_guide / "guide.md", committed_guide / "a-scratch.md")
    write(committed_guide / ".doclint.toml", "respect-gitignore = false\n")

    code, stdout, _stderr = run_cli("check", "--no-cache", "--compare-with", ".", "guide.md")

    assert (code, stdout.splitlines()[0]) == (1, SCRATCH_FINDINGS["a-scratch.md"])


def test_untracked_copy_compared_without_git(run_cli, committed_guide, monkeypatch):
    shutil.copy(committed_guide / "guide.md", committed_guide / "a-scratch.md")
    monkeypatch.setenv("PATH", str(committed_guide / "no-programs"))

    code, stdout, _stderr = hook_check(run_cli)

    assert (code, stdout.splitlines()[0]) == (1, SCRATCH_FINDINGS["a-scratch.md"])


def test_untracked_copy_compared_outside_repository(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "guide.md", GUIDE)
    write(tmp_path / "a-scratch.md", GUIDE)

    code, stdout, _stderr = hook_check(run_cli)

    assert (code, stdout.splitlines()[0]) == (1, SCRATCH_FINDINGS["a-scratch.md"])


def test_compared_folder_without_tracked_documents(run_cli, committed_guide):
    write(committed_guide / "drafts" / "b.md", GUIDE)

    code, _stdout, stderr = run_cli("check", "--no-config", "--no-cache", "--compare-with", "drafts", "guide.md")

    assert (code, stderr) == (
        2,
        "doclint: error: drafts: no *.md, *.markdown, *.mdown or *.mkd files that git tracks found in this folder, "
        "and only those are compared; add them with git add, or name the files to compare with\n",
    )
    code, _stdout, stderr = run_cli("check", "--lang", "zh-CN", "--no-config", "--no-cache", "--compare-with", "drafts", "guide.md")
    assert (code, stderr) == (
        2,
        "doclint: 错误：drafts：这个文件夹里没有被 git 跟踪的 *.md、*.markdown、*.mdown 或 *.mkd 文件，而对照只使用被跟踪的文件；"
        "请用 git add 添加这些文件，或直接指定要对照的文件\n",
    )


def test_tracked_only_in_submodule(submodule_tree):
    git(submodule_tree / "lib", "add", "notes.md")
    write(submodule_tree / "lib" / "scratch.md")

    assert search_folder(".", tracked_only=True) == (["lib/gen/forced.md", "lib/guide.md", "lib/notes.md"], ["lib/scratch.md"])


def test_tracked_only_leaves_out_nested_repository(nested_tree):
    git(nested_tree, "add", "kept.md")

    assert search_folder(".", tracked_only=True) == (["kept.md"], ["sub"])
    assert search_folder("sub", tracked_only=True) == (["sub/gen/forced.md"], [
        "sub/docs", "sub/a.draft.md", "sub/guide.md", "sub/notes.md"
    ])


def test_tracked_only_through_folder_link(committed_guide):
    write(committed_guide / "docs" / "page.md", GUIDE)
    write(committed_guide / "docs" / "scratch.md", GUIDE)
    git(committed_guide, "add", "docs/page.md")
    os.symlink("docs", committed_guide / "docs-link")

    assert search_folder("docs-link", tracked_only=True) == (["docs-link/page.md"], ["docs-link/scratch.md"])
