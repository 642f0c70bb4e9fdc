"""Paths that cannot be used: each costs one error or warning line, and the other inputs are still checked.

Permission problems are simulated by making ``os.stat`` and ``os.scandir``
raise ``PermissionError`` below a folder, so that the tests also hold when
the suite runs as root, which no file mode stops.
"""

import errno
import json
import os

import pytest

DUPLICATE = "# Setup\n\nInstall the tool.\n\n# Setup\n\nInstall the tool.\n"
FINDING = "ok.md:5:1: DL101 duplicate-section"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working folder with ok.md, which repeats a section, so a run that checks it exits 1 or 2, never 0."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.md").write_text(DUPLICATE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def lock(monkeypatch):
    """Return a function that makes a folder behave as mode 000 for the current user: not listable, not searchable."""
    locked: list[str] = []
    stat, scandir = os.stat, os.scandir

    def inside(path):
        name = os.path.abspath(os.fsdecode(path))
        return any(name.startswith(folder + os.sep) for folder in locked)

    def failing_stat(path, *arguments, **options):
        if isinstance(path, (str, bytes, os.PathLike)) and inside(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return stat(path, *arguments, **options)

    def failing_scandir(path="."):
        if os.path.abspath(os.fsdecode(path)) in locked or inside(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return scandir(path)

    monkeypatch.setattr(os, "stat", failing_stat)
    monkeypatch.setattr(os, "scandir", failing_scandir)
    return lambda folder: locked.append(os.path.abspath(folder))


def test_name_too_long_is_one_error(workdir, run_cli):
    name = "a" * 300 + ".md"

    code, stdout, stderr = run_cli("check", "--no-cache", "ok.md", name)

    assert code == 2
    assert stdout.startswith(FINDING)
    assert stderr == f"doclint: error: {name}: file name too long; check the path\n"


def test_file_in_locked_folder(workdir, run_cli, lock):
    (workdir / "locked").mkdir()
    (workdir / "locked" / "a.md").write_text(DUPLICATE, encoding="utf-8")
    lock("locked")

    code, stdout, stderr = run_cli("check", "--no-cache", "--no-config", "locked/a.md", "ok.md")

    assert code == 2
    assert stdout.startswith(FINDING)
    assert stderr == "doclint: error: locked/a.md: permission denied; make it and the folders that contain it readable\n"


@pytest.mark.parametrize("config", [[], ["--no-config"]], ids=["config-search", "no-config"])
def test_unreadable_named_folder(workdir, run_cli, lock, config):
    (workdir / "noreaddir").mkdir()
    (workdir / "noreaddir" / "a.md").write_text(DUPLICATE, encoding="utf-8")
    lock("noreaddir")

    code, stdout, stderr = run_cli("check", "--no-cache", *config, "noreaddir", "ok.md")

    assert code == 2
    assert stdout.startswith(FINDING)
    assert stderr == "doclint: error: noreaddir: permission denied; make it and the folders that contain it readable\n"


@pytest.mark.parametrize("compared", ["noreaddir", "locked"])
def test_unreadable_compare_with_folder(workdir, run_cli, lock, compared):
    (workdir / compared).mkdir()
    (workdir / compared / "a.md").write_text(DUPLICATE, encoding="utf-8")
    lock(compared)

    code, stdout, stderr = run_cli("check", "--no-cache", "ok.md", "--compare-with", compared)

    assert code == 2
    assert stdout.startswith(FINDING)
    assert stderr == f"doclint: error: {compared}: permission denied; make it and the folders that contain it readable\n"


def test_named_link_loop(workdir, run_cli):
    os.symlink("loop2", workdir / "loop1")
    os.symlink("loop1", workdir / "loop2")

    code, stdout, stderr = run_cli("check", "--no-cache", "loop1", "ok.md")

    assert code == 2
    assert stdout.startswith(FINDING)
    assert stderr == "doclint: error: loop1: symbolic link loop; point the link at an existing file or folder\n"


def test_unreadable_subfolder_warned(workdir, run_cli, lock):
    (workdir / "tree" / "sub").mkdir(parents=True)
    (workdir / "tree" / "sub" / "a.md").write_text(DUPLICATE, encoding="utf-8")
    (workdir / "tree" / "clean.md").write_text("# Clean\n\nNothing repeats here.\n", encoding="utf-8")
    lock("tree/sub")

    code, stdout, _stderr = run_cli("check", "--no-cache", "--format", "json", "tree")

    assert code == 0
    report = json.loads(stdout)
    assert report["summary"]["files"] == 1
    assert report["warnings"] == [
        "tree/sub: cannot be read (Permission denied), so the documents in this folder are not checked; make it readable"
    ]


def test_link_loop_in_folder_warned(workdir, run_cli):
    (workdir / "tree").mkdir()
    (workdir / "tree" / "clean.md").write_text("# Clean\n\nNothing repeats here.\n", encoding="utf-8")
    os.symlink("b.md", workdir / "tree" / "a.md")
    os.symlink("a.md", workdir / "tree" / "b.md")

    code, stdout, _stderr = run_cli("check", "--no-cache", "--format", "json", "tree")

    assert code == 0
    assert json.loads(stdout)["warnings"] == [
        f"tree/{name}: symbolic link loop, so the file is not checked; point the link at a document or remove it"
        for name in ("a.md", "b.md")
    ]


@pytest.mark.parametrize("command", [["check", "--no-cache"], ["ast"]])
def test_config_and_no_config_rejected(workdir, run_cli, command):
    code, stdout, stderr = run_cli(*command, "--no-config", "--config", "nosuch.toml", "ok.md")

    assert code == 2
    assert stdout == ""
    assert stderr == (
        f"doclint: error: --config and --no-config cannot be combined; pass one of them (see 'doclint {command[0]} --help')\n"
    )


def test_config_name_too_long(workdir, run_cli):
    name = "c" * 300 + ".toml"

    code, _stdout, stderr = run_cli("check", "--no-cache", "--config", name, "ok.md")

    assert code == 2
    assert stderr == f"doclint: error: {name}: file name too long; check the path\n"


def test_config_link_loop(workdir, run_cli):
    os.symlink("b.toml", workdir / "a.toml")
    os.symlink("a.toml", workdir / "b.toml")

    code, _stdout, stderr = run_cli("check", "--no-cache", "--config", "a.toml", "ok.md")

    assert code == 2
    assert stderr == "doclint: error: a.toml: symbolic link loop; point the link at an existing file or folder\n"


def test_dash_file_gets_hint(workdir, run_cli):
    (workdir / "-leading.md").write_text(DUPLICATE, encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-cache", "-leading.md")

    assert code == 2
    assert stdout == ""
    assert stderr == (
        "doclint: error: No such option '-l'. -leading.md exists; to check it, put -- before the names that start "
        "with -, as in doclint check -- -leading.md (see 'doclint check --help')\n"
    )


def test_unknown_option_without_file(workdir, run_cli):
    code, _stdout, stderr = run_cli("check", "-x.md")

    assert code == 2
    assert stderr == "doclint: error: No such option '-x'. (see 'doclint check --help')\n"


OTHER_DUPLICATE = "# Notes\n\nRead the notes.\n\n# Notes\n\nRead the notes.\n"


@pytest.mark.parametrize("name", ["-leading.md", "-v.md", "--verbose.md"])
def test_leading_dash_path_checked(workdir, run_cli, name):
    (workdir / name).write_text(OTHER_DUPLICATE, encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-cache", "--leading-dash-paths", "--select", "DL101", name, "ok.md")

    assert code == 1
    assert stdout.splitlines()[:2] == [
        f'{name}:5:1: DL101 duplicate-section [*] section "Notes" repeats section "Notes" (line 1) word for word; '
        "remove this copy",
        'ok.md:5:1: DL101 duplicate-section [*] section "Setup" repeats section "Setup" (line 1) word for word; '
        "remove this copy",
    ]
    assert stdout.splitlines()[2] == "Found 2 problems (2 errors, 0 warnings, 0 info) in 2 files."
    assert stderr == ""


def test_leading_dash_paths_after_options(workdir, run_cli):
    (workdir / "-a.md").write_text(DUPLICATE, encoding="utf-8")
    (workdir / "-b.md").write_text(OTHER_DUPLICATE, encoding="utf-8")

    code, stdout, _stderr = run_cli(
        "check", "--leading-dash-paths", "--no-cache", "-a.md", "--select", "DL101", "-b.md", "--format", "json"
    )

    assert code == 1
    diagnostics = json.loads(stdout)["diagnostics"]
    assert [(finding["path"], finding["line"]) for finding in diagnostics] == [("-a.md", 5), ("-b.md", 5)]


def test_leading_dash_paths_keeps_unknown_option_error(workdir, run_cli):
    code, _stdout, stderr = run_cli("check", "--leading-dash-paths", "-x.md", "ok.md")

    assert code == 2
    assert stderr == "doclint: error: No such option '-x'. (see 'doclint check --help')\n"


def test_leading_dash_paths_keeps_misspelt_option_error(workdir, run_cli):
    code, _stdout, stderr = run_cli("check", "--leading-dash-paths", "--near-duplicate-treshold", "80", "ok.md")

    assert code == 2
    assert stderr == (
        "doclint: error: No such option '--near-duplicate-treshold'. Did you mean '--near-duplicate-threshold'? "
        "(see 'doclint check --help')\n"
    )


def test_leading_dash_paths_keeps_valid_options(workdir, run_cli):
    (workdir / "-v").write_text(DUPLICATE, encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-cache", "--leading-dash-paths", "-v", "ok.md")

    assert code == 1
    assert stdout.splitlines()[0].startswith(FINDING)
    assert stdout.splitlines()[-2] == "Found 1 problem (1 error, 0 warnings, 0 info) in 1 file."


NON_UTF8_NAME = os.fsdecode(b"bad\xffname.md")


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "rdjsonl"])
def test_non_utf8_name_valid_json(workdir, run_cli, output_format):
    (workdir / NON_UTF8_NAME).write_text(DUPLICATE, encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-cache", "--format", output_format, NON_UTF8_NAME)

    assert code == 1
    raw = stdout.encode("utf-8")  # a lone surrogate would fail here, as in a strict parser
    lines = raw.splitlines() if output_format == "rdjsonl" else [raw]
    for line in lines:
        json.loads(line)
    if output_format == "sarif":
        assert b'"uri": "bad%FFname.md"' in raw
    else:
        assert b'"bad\\\\udcffname.md"' in raw
