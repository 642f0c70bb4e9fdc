"""Choosing the cache folder (--cache-dir, DOCLINT_CACHE_DIR, cache-dir) and the warning for one that cannot be written."""

import errno
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from doclint import cachefiles, loader
from doclint.cachefiles import MAX_ENTRY_AGE
from doclint.engine import run
from doclint.settings import Settings

from conftest import SEED

DAY = 24 * 3600
DUPLICATE = "# Setup\n\nInstall the tool.\n\n# Setup\n\nInstall the tool.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with a document that repeats a section (a run exits 1), checked from its subfolder ``docs``."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "doc.md").write_text(DUPLICATE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    monkeypatch.chdir(docs)
    return tmp_path


def stored_runs(folder):
    """Return the stored run entries in a cache folder."""
    return list(Path(folder).glob("v*/runs/*.pickle"))


def write_config(project, text):
    (project / ".doclint.toml").write_text(text, encoding="utf-8")


def unwritable_message(folder, reason):
    return (
        f"{folder}: cannot write the cache ({reason}), so later runs cannot reuse this run's work; "
        "name a writable folder with --cache-dir, DOCLINT_CACHE_DIR or the cache-dir setting, or pass --no-cache"
    )


# Precedence: command line, environment, configuration file, default.


def test_default_folder_in_working_folder(project, run_cli):
    code, _stdout, _stderr = run_cli("check", "doc.md")

    assert code == 1
    assert stored_runs(project / "docs" / ".doclint_cache")


def test_config_folder_relative_to_config(project, run_cli):
    write_config(project, 'cache-dir = "build/doclint"\n')

    code, _stdout, _stderr = run_cli("check", "doc.md")

    assert code == 1
    assert stored_runs(project / "build" / "doclint")
    assert not (project / "docs" / "build").exists()
    assert not (project / "docs" / ".doclint_cache").exists()


def test_environment_over_config(project, run_cli, monkeypatch):
    write_config(project, 'cache-dir = "from-config"\n')
    monkeypatch.setenv("DOCLINT_CACHE_DIR", "from-environment")

    code, _stdout, _stderr = run_cli("check", "doc.md")

    assert code == 1
    assert stored_runs(project / "docs" / "from-environment"), "relative to the working folder"
    assert not (project / "from-config").exists()
    assert not (project / "docs" / ".doclint_cache").exists()


def test_option_over_environment_and_config(project, run_cli, monkeypatch):
    write_config(project, 'cache-dir = "from-config"\n')
    monkeypatch.setenv("DOCLINT_CACHE_DIR", "from-environment")

    code, _stdout, _stderr = run_cli("check", "--cache-dir", "from-option", "doc.md")

    assert code == 1
    assert stored_runs(project / "docs" / "from-option")
    assert not (project / "docs" / "from-environment").exists()
    assert not (project / "from-config").exists()


def test_no_cache_over_every_folder(project, run_cli, monkeypatch):
    write_config(project, 'cache-dir = "from-config"\n')
    monkeypatch.setenv("DOCLINT_CACHE_DIR", "from-environment")

    code, _stdout, _stderr = run_cli("check", "--no-cache", "--cache-dir", "from-option", "doc.md")

    assert code == 1
    assert sorted(path.name for path in project.rglob("*")) == [".doclint.toml", "doc.md", "docs", "notes.txt"]


def test_absolute_config_folder(project, run_cli, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("shared") / "cache"
    write_config(project, f"cache-dir = {json.dumps(str(elsewhere))}\n")

    code, _stdout, _stderr = run_cli("check", "doc.md")

    assert code == 1
    assert stored_runs(elsewhere)


def test_home_folder_expanded(project, run_cli, monkeypatch, tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))

    code, _stdout, _stderr = run_cli("check", "--cache-dir", "~/doclint-cache", "doc.md")

    assert code == 1
    assert stored_runs(home / "doclint-cache")
    assert not (project / "docs" / "~").exists()


# Bad values.


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (
            "../notes.txt",
            "'../notes.txt' exists and is not a folder; name a folder, which doclint creates if it is missing, "
            "or pass --no-cache",
        ),
        ("", "the value is empty; pass PATH or leave the option out"),
    ],
)
def test_bad_option_rejected(project, run_cli, value, problem):
    code, stdout, stderr = run_cli("check", "--cache-dir", value, "doc.md")

    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: error: Invalid value for '--cache-dir': {problem} (see 'doclint check --help')\n"
    assert not (project / "docs" / ".doclint_cache").exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "../notes.txt",
            "invalid value for the environment variable DOCLINT_CACHE_DIR: '../notes.txt' exists and is not a "
            "folder; name a folder, which doclint creates if it is missing, or pass --no-cache",
        ),
        ("", "the environment variable DOCLINT_CACHE_DIR is empty; set it to a folder path or unset it"),
    ],
)
def test_bad_environment_rejected(project, run_cli, monkeypatch, value, message):
    monkeypatch.setenv("DOCLINT_CACHE_DIR", value)

    code, stdout, stderr = run_cli("check", "doc.md")

    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: error: {message} (see 'doclint check --help')\n"
    assert not (project / "docs" / ".doclint_cache").exists()


def test_environment_unread_with_no_cache(project, run_cli, monkeypatch):
    monkeypatch.setenv("DOCLINT_CACHE_DIR", "")

    code, stdout, stderr = run_cli("check", "--no-cache", "doc.md")

    assert code == 1
    assert "DL101" in stdout
    assert stderr == ""


def test_environment_unread_with_option(project, run_cli, monkeypatch):
    monkeypatch.setenv("DOCLINT_CACHE_DIR", "../notes.txt")

    code, _stdout, stderr = run_cli("check", "--cache-dir", "cache", "doc.md")

    assert code == 1
    assert stderr == ""
    assert stored_runs(project / "docs" / "cache")


def test_config_naming_file_rejected(project, run_cli):
    write_config(project, 'cache-dir = "notes.txt"\n')

    code, stdout, stderr = run_cli("check", "doc.md")

    assert code == 2
    assert stdout == ""
    assert stderr == (
        f"doclint: error: {project / '.doclint.toml'}: invalid value for 'cache-dir': '{project / 'notes.txt'}' "
        "exists and is not a folder; name a folder, which doclint creates if it is missing, or pass --no-cache\n"
    )


@pytest.mark.parametrize("value", ["../gone", "../gone/cache"])
def test_option_through_broken_link_rejected(project, run_cli, value):
    (project / "gone").symlink_to("missing")

    code, stdout, stderr = run_cli("check", "--cache-dir", value, "doc.md")

    assert code == 2
    assert stdout == ""
    assert stderr == (
        "doclint: error: Invalid value for '--cache-dir': '../gone' is a symbolic link to 'missing', which does "
        "not exist; create that folder, name another folder or pass --no-cache (see 'doclint check --help')\n"
    )
    assert not (project / "missing").exists()


def test_config_broken_link_rejected_in_chinese(project, run_cli):
    (project / "gone").symlink_to("missing")
    write_config(project, 'cache-dir = "gone"\n')

    code, stdout, stderr = run_cli("check", "--lang", "zh-CN", "doc.md")

    config, link = project / ".doclint.toml", project / "gone"
    problem = f"'{link}' 是指向 'missing' 的符号链接，而后者不存在；请创建那个文件夹、指定另一个文件夹，或传入 --no-cache"
    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: 错误：{config}：'cache-dir' 的值无效：{problem}\n"


def test_missing_folder_under_link_created(project, run_cli, tmp_path_factory):
    target = tmp_path_factory.mktemp("target")
    (project / "linked").symlink_to(target)

    code, _stdout, stderr = run_cli("check", "--cache-dir", "../linked/cache", "doc.md")

    assert code == 1
    assert stderr == ""
    assert stored_runs(target / "cache")


# The .gitignore of the cache folder.


def test_created_folder_ignores_itself(project, run_cli):
    code, _stdout, _stderr = run_cli("check", "--cache-dir", "build/doclint", "doc.md")

    assert code == 1
    assert (project / "docs" / "build" / "doclint" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert not (project / "docs" / "build" / ".gitignore").exists(), "only the cache folder itself is ignored"


def test_existing_folder_keeps_git_files(project, run_cli):
    code, _stdout, _stderr = run_cli("check", "--cache-dir", ".", "doc.md")

    assert code == 1
    assert stored_runs(project / "docs")
    assert not (project / "docs" / ".gitignore").exists()


def test_gitignore_link_in_chosen_folder_kept(project, run_cli):
    """Check that a chosen folder whose .gitignore is a link to a missing file gets no .gitignore through the link."""
    target = project / "repository-gitignore"
    cache = project / "docs" / "cache"
    cache.mkdir()
    (cache / ".gitignore").symlink_to(target)

    code, _stdout, _stderr = run_cli("check", "--cache-dir", "cache", "doc.md")

    assert code == 1
    assert stored_runs(cache)
    assert not target.exists()


def test_existing_default_folder_gets_gitignore(project, run_cli):
    """Check that a .doclint_cache left by an older doclint, without a .gitignore, gets one."""
    (project / "docs" / ".doclint_cache").mkdir()

    code, _stdout, _stderr = run_cli("check", "doc.md")

    assert code == 1
    assert (project / "docs" / ".doclint_cache" / ".gitignore").is_file()


# Two folders, signing and pruning.


def test_folders_keep_entries_apart(folder, monkeypatch):
    """Check that a run with a second folder parses again and writes its own entries, leaving the first folder as it was."""
    run(["docs"], Settings(jobs=1, cache_dir="first"), replay=True)
    first = {path: path.stat().st_mtime_ns for path in Path("first").rglob("*") if path.is_file()}
    parsed = []
    parse = loader._parse
    monkeypatch.setattr(loader, "_parse", lambda job: parsed.append(job.path) or parse(job))

    run(["docs"], Settings(jobs=1, cache_dir="second"), replay=True)

    assert sorted(parsed) == ["docs/faq.md", "docs/seed.md"]
    assert {path.relative_to("second") for path in Path("second").rglob("*.pickle")} == {
        path.relative_to("first") for path in first if path.suffix == ".pickle"
    }
    assert {path: path.stat().st_mtime_ns for path in Path("first").rglob("*") if path.is_file()} == first


def test_chosen_folder_replays_run(folder, monkeypatch):
    settings = Settings(jobs=1, cache_dir="elsewhere/cache")
    first = run(["docs"], settings, replay=True)

    monkeypatch.setattr(loader, "_parse", lambda job: pytest.fail(f"{job.path} was parsed"))
    second = run(["docs"], settings, replay=True)

    assert second.documents == []
    assert second.checked == ["docs/faq.md", "docs/seed.md"]
    assert [(d.path, d.line, d.rule) for d in second.diagnostics] == [(d.path, d.line, d.rule) for d in first.diagnostics]
    assert not Path(".doclint_cache").exists()


def test_moved_folder_still_replays(folder, monkeypatch):
    """Check that a cache folder restored under another path, as CI caches are, is still used."""
    first = run(["docs"], Settings(jobs=1, cache_dir="saved"), replay=True)
    Path("saved").rename("restored")

    monkeypatch.setattr(loader, "_parse", lambda job: pytest.fail(f"{job.path} was parsed"))
    second = run(["docs"], Settings(jobs=1, cache_dir="restored"), replay=True)

    assert second.checked == ["docs/faq.md", "docs/seed.md"]
    assert len(second.diagnostics) == len(first.diagnostics)


def test_chosen_folder_pruned(folder):
    settings = Settings(jobs=1, cache_dir="elsewhere")
    documents = Path("elsewhere") / "v2" / "documents"
    run(["docs"], settings)
    stale = next(documents.glob("*/*.pickle"))
    stale.rename(stale.parent / "unused.pickle")
    unused = stale.parent / "unused.pickle"
    then = time.time() - MAX_ENTRY_AGE - DAY
    os.utime(unused, (then, then))
    (Path("elsewhere") / "v2" / "last-prune").unlink()
    with open("docs/faq.md", "a", encoding="utf-8") as handle:
        handle.write("\nOne more line.\n")

    run(["docs"], settings)

    assert not unused.exists()
    assert (Path("elsewhere") / "v2" / "last-prune").exists()


def test_seed_output_same_in_chosen_folder(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(SEED, "000.txt")
    code, uncached, _stderr = run_cli("check", "--no-cache", "000.txt")

    assert code == 1
    assert "\nFound 20 problems (14 errors, 6 warnings, 0 info) in 1 file.\n" in uncached
    for _ in range(2):  # the first run fills the folder, the second replays from it
        assert run_cli("check", "--cache-dir", "cache", "000.txt") == (1, uncached, "")
    assert stored_runs(tmp_path / "cache")


# The warning for a folder that cannot be written.


def test_unwritable_folder_warned_once(project, run_process):
    shutil.copyfile(SEED, project / "docs" / "seed.md")

    code, stdout, stderr = run_process("check", "--cache-dir", "notes.txt/cache", "docs")
    _code, uncached, _stderr = run_process("check", "--no-cache", "docs")

    assert code == 1
    assert stdout == uncached
    assert stderr == f"doclint: warning: {unwritable_message('notes.txt/cache', 'Not a directory')}\n"


def test_unwritable_warning_in_json(project, run_cli):
    code, stdout, _stderr = run_cli("check", "--format", "json", "--cache-dir", "../notes.txt/cache", "doc.md")

    assert code == 1
    report = json.loads(stdout)
    assert [finding["code"] for finding in report["diagnostics"]] == ["DL101"]
    assert report["warnings"] == [unwritable_message("../notes.txt/cache", "Not a directory")]


def test_unwritable_config_folder_warned(project, run_cli):
    # The warning lists the cache-dir setting among the fixes, because the configuration named this folder.
    write_config(project, 'cache-dir = "notes.txt/cache"\n')

    code, stdout, _stderr = run_cli("check", "--format", "json", "doc.md")

    assert code == 1
    assert json.loads(stdout)["warnings"] == [unwritable_message(project / "notes.txt" / "cache", "Not a directory")]


def test_unwritable_warning_in_sarif(project, run_cli):
    code, stdout, _stderr = run_cli("check", "--format", "sarif", "--cache-dir", "../notes.txt/cache", "doc.md")

    assert code == 1
    notifications = json.loads(stdout)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [notification["message"]["text"] for notification in notifications] == [
        unwritable_message("../notes.txt/cache", "Not a directory")
    ]


def test_read_only_folder_warned_once(folder, run_cli, monkeypatch):
    """Check that a folder where no file can be created gives one warning, however many entries the run writes.

    The test suite may run as root, which ignores permission bits, so the
    operating system's refusal is simulated where the store creates files.
    """
    def deny_create(*arguments, **options):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", deny_create)
    code, stdout, _stderr = run_cli("check", "--format", "json", "--jobs", "1", "--cache-dir", "restored", "docs")

    assert code == 1
    assert json.loads(stdout)["warnings"] == [unwritable_message("restored", "Permission denied")]
    assert not stored_runs("restored")


def test_full_disk_warned(folder, run_cli, monkeypatch):
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, descriptor, *arguments, **options):
            real_fdopen(descriptor, "wb").close()

        def __enter__(self):
            return self

        def __exit__(self, *exception):
            return False

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # The signing key is stored first, because a key that cannot be stored turns the cache off with its own warning.
    cachefiles.signing_key()
    monkeypatch.setattr(cachefiles.os, "fdopen", FullDisk)
    code, stdout, _stderr = run_cli("check", "--format", "json", "--jobs", "1", "docs")

    assert code == 1
    assert json.loads(stdout)["warnings"] == [unwritable_message(".doclint_cache", "No space left on device")]


def test_no_warning_with_no_cache(project, run_cli, monkeypatch):
    monkeypatch.setenv("DOCLINT_CACHE_DIR", "../notes.txt/cache")

    code, stdout, _stderr = run_cli("check", "--format", "json", "--no-cache", "doc.md")

    assert code == 1
    assert json.loads(stdout)["warnings"] == []


def test_replayed_run_not_warned(project, run_cli, monkeypatch):
    """Check that a read-only cache that replays the whole run gives no warning, because the run writes nothing."""
    run_cli("check", "doc.md")

    def deny_create(*arguments, **options):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", deny_create)
    code, stdout, _stderr = run_cli("check", "--format", "json", "doc.md")

    assert code == 1
    assert json.loads(stdout)["warnings"] == []


def test_unwritable_warning_in_chinese(project, run_process):
    code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--cache-dir", "notes.txt/cache", "docs")

    assert code == 1
    assert stderr == (
        "doclint: 警告：notes.txt/cache：无法写入缓存（Not a directory），因此之后的运行无法复用本次运行的结果；"
        "请用 --cache-dir、DOCLINT_CACHE_DIR 或 cache-dir 设置指定一个可写的文件夹，或传入 --no-cache\n"
    )
