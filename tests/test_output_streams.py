"""Standard streams that fail or are closed: one error line and exit status 2, never a traceback or status 3.

Each test runs doclint in a process of its own, because the failures are
those of the process's real file descriptors.
"""

import io
import os
import subprocess
import sys

import pytest

from doclint.output_streams import EXIT_BROKEN_PIPE, EXIT_INTERNAL, OutputError, WholeUtf8Writer, status_after

DUPLICATE = "# Setup\n\nInstall the tool.\n\n# Setup\n\nInstall the tool.\n"
FULL_DISK = (
    "doclint: error: cannot write to standard output (No space left on device); redirect it to a file that can be written\n"
)
needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working folder with doc.md, which repeats a section, and no cache."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text(DUPLICATE, encoding="utf-8")
    return tmp_path


def doclint(*arguments, **options):
    """Run ``python -m doclint`` with ``arguments`` and the ``subprocess.run`` options; return the completed process."""
    return subprocess.run([sys.executable, "-m", "doclint", *arguments], timeout=120, **options)


def in_shell(redirections, *arguments):
    """Run doclint from sh with ``redirections`` (such as ``>&-``); return (status, stdout, stderr)."""
    script = 'exec "$0" -m doclint "$@" ' + redirections
    completed = subprocess.run(
        ["sh", "-c", script, sys.executable, *arguments], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    return completed.returncode, completed.stdout, completed.stderr


@needs_dev_full
@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "--no-cache", "doc.md"],
        ["check", "--no-cache", "--format", "json", "doc.md"],
        ["check", "--no-cache", "--format", "sarif", "doc.md"],
        ["check", "--no-cache", "--diff", "doc.md"],
        ["ast", "doc.md"],
        ["rules"],
        ["explain", "DL101"],
        ["--help"],
        ["--version"],
        ["check", "--help"],
        ["explain", "-h"],
    ],
    ids=["text", "json", "sarif", "diff", "ast", "rules", "explain", "help", "version", "check-help", "explain-help"],
)
def test_full_disk_is_one_error(workdir, arguments):
    with open("/dev/full", "w") as full:
        completed = doclint(*arguments, stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8")

    assert completed.returncode == 2
    assert completed.stderr == FULL_DISK


@needs_dev_full
def test_help_to_full_disk_in_chinese(workdir):
    with open("/dev/full", "w") as full:
        completed = doclint("--lang", "zh-CN", "--help", stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8")

    assert completed.returncode == 2
    assert completed.stderr == "doclint: 错误：无法写入标准输出（No space left on device）；请把它重定向到可以写入的文件\n"


@needs_dev_full
def test_fix_with_full_disk(workdir):
    with open("/dev/full", "w") as full:
        completed = doclint("check", "--no-cache", "--fix", "doc.md", stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8")

    assert completed.returncode == 2
    assert completed.stderr == FULL_DISK
    assert (workdir / "doc.md").read_text(encoding="utf-8") == "# Setup\n\nInstall the tool.\n"


def test_closed_stdout(workdir):
    status, _stdout, stderr = in_shell(">&-", "check", "--no-cache", "doc.md")

    assert status == 2
    assert stderr == "doclint: error: cannot write to standard output (it is closed); redirect it to a file or to /dev/null\n"


def test_closed_stdin(workdir):
    status, stdout, stderr = in_shell("<&-", "check", "--no-cache", "-")

    assert status == 2
    assert stdout == ""
    assert stderr == (
        "doclint: error: cannot read standard input (it is closed); redirect a document to it, or name files instead of -\n"
    )


def test_closed_stderr_keeps_status(workdir):
    (workdir / "nul.md").write_bytes(b"a\x00b")

    status, stdout, _stderr = in_shell("2>&-", "check", "--no-cache", "nul.md", "doc.md")

    assert status == 2
    assert "DL101" in stdout


@needs_dev_full
def test_full_stderr_keeps_status(workdir):
    (workdir / "nul.md").write_bytes(b"a\x00b")

    status, stdout, _stderr = in_shell("2>/dev/full", "check", "--no-cache", "nul.md", "doc.md")

    assert status == 2
    assert "DL101" in stdout


@pytest.mark.parametrize(
    "arguments",
    [["rules"], ["ast", "doc.md"], ["check", "--no-cache", "doc.md"], ["explain", "DL101"], ["--help"], ["--version"], ["check", "-h"]],
    ids=["rules", "ast", "check", "explain", "help", "version", "check-help"],
)
def test_closed_pipe_is_quiet(workdir, arguments):
    reader, writer = os.pipe()
    os.close(reader)  # the reader has gone before doclint writes, as when head exits
    try:
        completed = doclint(*arguments, stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)

    assert completed.returncode == EXIT_BROKEN_PIPE
    assert completed.stderr == b""


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "text"])
def test_pipe_closed_during_report(workdir, output_format):
    # 3,000 copies make a report of several megabytes. Unbuffered, a machine format is one write, which the
    # pipe takes in part when its reader goes away after the first 64 KiB, however the processes are scheduled.
    (workdir / "doc.md").write_text(DUPLICATE * 3000, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "doclint", "check", "--no-cache", "--format", output_format, "doc.md"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    start = process.stdout.read(65536)
    process.stdout.close()
    stderr = process.stderr.read()
    status = process.wait(timeout=120)

    assert len(start) == 65536
    assert status == EXIT_BROKEN_PIPE
    assert stderr == b""


class ShortWrites(io.RawIOBase):
    """A raw byte stream that takes at most three bytes a write, as a pipe may take part of a large write."""

    def __init__(self):
        self.taken = bytearray()

    def writable(self):
        return True

    def write(self, data):
        self.taken += bytes(data[:3])
        return min(len(data), 3)


def test_whole_writer_hands_on_every_byte():
    raw = ShortWrites()

    assert WholeUtf8Writer(raw).write("问答 \udcff.md") == 7
    assert raw.taken.decode("utf-8") == "问答 \\udcff.md"


@pytest.mark.parametrize(
    ("stream", "error", "status", "expected"),
    [
        ("stdout", BrokenPipeError(32, "Broken pipe"), 1, EXIT_BROKEN_PIPE),
        ("stdout", BrokenPipeError(32, "Broken pipe"), 2, EXIT_BROKEN_PIPE),
        ("stdout", OSError(28, "No space left on device"), 0, 2),
        ("stdout", OSError(28, "No space left on device"), EXIT_BROKEN_PIPE, EXIT_BROKEN_PIPE),
        ("stdout", OSError(28, "No space left on device"), EXIT_INTERNAL, EXIT_INTERNAL),
        ("stderr", OSError(28, "No space left on device"), 1, 1),
    ],
)
def test_status_after_output_failure(stream, error, status, expected):
    assert status_after(OutputError(stream, error), status) == expected
