import errno
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from doclint.cachefiles import MAX_ENTRY_AGE, PRUNE_INTERVAL, SignedStore
from doclint.engine import run
from doclint.settings import Settings

DAY = 24 * 3600


def age(path, seconds):
    """Set a file's access and modification times ``seconds`` into the past."""
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture
def store(tmp_path):
    return SignedStore(tmp_path / ".doclint_cache" / "v2")


def test_read_marks_entry_used(store):
    entry = store.folder / "documents" / "ab" / "ab12.pickle"
    store.write(entry, {"value": 1})
    age(entry, 40 * DAY)

    assert store.read(entry) == {"value": 1}
    assert time.time() - entry.stat().st_mtime < 60


def test_prune_deletes_only_stale_files(store):
    fresh = store.folder / "documents" / "aa" / "fresh.pickle"
    stale = store.folder / "documents" / "bb" / "stale.pickle"
    stale_findings = store.folder / "findings" / "cc" / "stale.pickle"
    run_entry = store.folder / "runs" / "stale.pickle"
    for entry in (fresh, stale, stale_findings, run_entry):
        store.write(entry, "x")
    for entry in (stale, stale_findings, run_entry):
        age(entry, MAX_ENTRY_AGE + DAY)
    left_over = stale.parent / "half-written.tmp"
    left_over.write_bytes(b"")
    age(left_over, 2 * 3600)

    store.prune(("documents", "findings"))

    assert fresh.exists()
    assert not stale.exists()
    assert not stale_findings.exists()
    assert not left_over.exists()
    assert run_entry.exists(), "run entries are pruned by count in doclint.runcache"


def test_prune_at_most_once_per_interval(store):
    stale = store.folder / "documents" / "aa" / "stale.pickle"
    store.write(stale, "x")
    store.prune(("documents",))
    age(stale, MAX_ENTRY_AGE + DAY)

    store.prune(("documents",))
    assert stale.exists()

    age(store.folder / "last-prune", PRUNE_INTERVAL + 60)
    store.prune(("documents",))
    assert not stale.exists()


def test_future_prune_marker_prunes(store):
    """Check that a marker from a machine whose clock runs ahead does not postpone the prune until that time."""
    stale = store.folder / "documents" / "aa" / "stale.pickle"
    store.write(stale, "x")
    age(stale, MAX_ENTRY_AGE + DAY)
    marker = store.folder / "last-prune"
    marker.touch()
    age(marker, -10 * DAY)

    store.prune(("documents",))

    assert not stale.exists()
    assert marker.stat().st_mtime <= time.time()


def test_future_marker_rewritten_to_now(store):
    marker = store.folder / "last-prune"
    store.write(store.folder / "runs" / "first.pickle", "x")
    marker.touch()
    age(marker, -(PRUNE_INTERVAL + DAY))
    store.prune(("documents",))
    stale = store.folder / "documents" / "aa" / "stale.pickle"
    store.write(stale, "x")
    age(stale, MAX_ENTRY_AGE + DAY)

    store.prune(("documents",))

    assert stale.exists(), "the first prune set the marker to now, so the next one is a day away"


def test_run_prunes_old_versions_of_edited_file(folder, tmp_path):
    docs = folder
    settings = Settings(jobs=1)
    documents = tmp_path / ".doclint_cache" / "v2" / "documents"

    run([str(docs)], settings)
    first = set(documents.glob("*/*.pickle"))
    assert len(first) == 2

    with open(docs / "faq.md", "a", encoding="utf-8") as handle:
        handle.write("\nOne more line.\n")
    for entry in first:
        age(entry, MAX_ENTRY_AGE + DAY)
    (tmp_path / ".doclint_cache" / "v2" / "last-prune").unlink()
    run([str(docs)], settings)

    second = set(documents.glob("*/*.pickle"))
    assert len(second) == 2
    still_cached = first & second
    assert len(still_cached) == 1, "the seed's entry was used by the second run and is kept"
    assert all(time.time() - entry.stat().st_mtime < 60 for entry in second)


DUPLICATE = "# Setup\n\nInstall the tool.\n\n# Setup\n\nInstall the tool.\n"


@pytest.fixture
def duplicated(tmp_path, monkeypatch):
    """A working folder with one document that repeats a section, so a run exits 1."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text(DUPLICATE, encoding="utf-8")
    return tmp_path / "doc.md"


def key_file():
    return Path(os.environ["XDG_CACHE_HOME"]) / "doclint" / "cache-key"


def test_key_folder_runs_without_cache(duplicated, run_process):
    key_file().mkdir(parents=True)

    code, stdout, stderr = run_process("check", "doc.md")

    assert code == 1
    assert "DL101" in stdout
    assert stderr == (
        f"doclint: warning: {key_file()}: cannot read the cache key (Is a directory), "
        "so this run does not use the cache; remove this folder, and doclint creates the key file again, or pass --no-cache\n"
    )
    assert not Path(".doclint_cache").exists()


def test_key_folder_is_a_file(duplicated, run_process):
    key_file().parent.write_text("not a folder\n", encoding="utf-8")

    code, _stdout, stderr = run_process("check", "doc.md")

    assert code == 1
    assert stderr == (
        f"doclint: warning: {key_file().parent}: cannot read the cache key (Not a directory), so this run does not "
        "use the cache; remove this file, which is where a folder of the key should be, or pass --no-cache\n"
    )
    assert not Path(".doclint_cache").exists()


def test_unreadable_key_runs_without_cache(duplicated, run_cli, monkeypatch):
    key_file().parent.mkdir(parents=True)
    key_file().write_bytes(b"k" * 32)
    read_bytes = Path.read_bytes

    def refuse_key(path):
        if path == key_file():
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_key)
    code, stdout, stderr = run_cli("check", "--format", "json", "doc.md")

    assert code == 1
    report = json.loads(stdout)
    assert [finding["code"] for finding in report["diagnostics"]] == ["DL101"]
    assert report["warnings"] == [
        f"{key_file()}: cannot read the cache key (Permission denied), so this run does not use the cache; "
        "remove it (sudo may have left it owned by root) or pass --no-cache"
    ]
    assert not Path(".doclint_cache").exists()


def test_key_read_error_hint(duplicated, run_cli, monkeypatch):
    key_file().parent.mkdir(parents=True)
    key_file().write_bytes(b"k" * 32)
    read_bytes = Path.read_bytes

    def fail_key(path):
        if path == key_file():
            raise OSError(5, "Input/output error", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", fail_key)
    code, stdout, _stderr = run_cli("check", "--format", "json", "doc.md")

    assert code == 1
    assert json.loads(stdout)["warnings"] == [
        f"{key_file()}: cannot read the cache key (Input/output error), so this run does not use the cache; "
        "remove it, and doclint creates it again, or pass --no-cache"
    ]


def test_key_folder_warned_in_chinese(duplicated, run_process):
    key_file().mkdir(parents=True)

    code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "doc.md")

    assert code == 1
    assert stderr == (
        f"doclint: 警告：{key_file()}：无法读取缓存密钥（Is a directory），因此本次运行不使用缓存；"
        "请删除这个文件夹（doclint 会重新创建密钥文件），或传入 --no-cache\n"
    )


def test_file_as_cache_home_named(duplicated, run_process, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(duplicated))

    code, stdout, stderr = run_process("check", "doc.md")

    assert code == 1
    assert "DL101" in stdout
    assert stderr.startswith(f"doclint: warning: {duplicated}: cannot read the cache key (Not a directory), ")


def test_unstorable_key_warns_without_cache(duplicated, run_cli, monkeypatch):
    open_file = os.open

    def refuse_key(path, *arguments):
        if Path(path) == key_file():
            raise PermissionError(13, "Permission denied", str(path))
        return open_file(path, *arguments)

    monkeypatch.setattr(os, "open", refuse_key)
    code, stdout, _stderr = run_cli("check", "--format", "json", "doc.md")

    assert code == 1
    assert json.loads(stdout)["warnings"] == [
        f"{key_file()}: cannot store the cache key (Permission denied), so this run does not use the cache; "
        "make that folder writable, set XDG_CACHE_HOME to a writable folder, or pass --no-cache"
    ]
    assert not key_file().exists()
    assert not Path(".doclint_cache").exists(), "entries signed with a key that is not stored would never be used again"


def test_unwritable_key_removed_and_warned(duplicated, run_cli, monkeypatch):
    real_fdopen = os.fdopen

    def full_disk(descriptor, *arguments, **options):
        handle = real_fdopen(descriptor, *arguments, **options)
        if getattr(handle, "name", None) == descriptor and "w" in getattr(handle, "mode", ""):
            handle.close()
            raise OSError(28, "No space left on device")
        return handle

    monkeypatch.setattr(os, "fdopen", full_disk)
    code, stdout, _stderr = run_cli("check", "--format", "json", "doc.md")

    assert code == 1
    assert json.loads(stdout)["warnings"][0] == (
        f"{key_file()}: cannot store the cache key (No space left on device), so this run does not use the cache; "
        "make that folder writable, set XDG_CACHE_HOME to a writable folder, or pass --no-cache"
    )
    assert not key_file().exists(), "a key that was not written in full must not sign entries"


def test_read_skips_device_link(store):
    """Check that an entry linked to /dev/zero is ignored, because reading it would fill the memory.

    The read runs in a child process with a 2 GiB address space limit, so
    a store that reads the device fails with MemoryError there.
    """
    entry = store.folder / "runs" / "linked.pickle"
    entry.parent.mkdir(parents=True)
    entry.symlink_to("/dev/zero")
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from doclint.cachefiles import SignedStore\n"
        "store = SignedStore(Path(sys.argv[1]))\n"
        "print(store.read(Path(sys.argv[2])))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(store.folder), str(entry)], capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stdout) == (0, "None\n"), result.stderr[-500:]


class FullDisk(io.RawIOBase):
    """A writable file that fails every write as a full disk does."""

    def writable(self):
        return True

    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def fail_writes(monkeypatch):
    """Make every file that ``os.fdopen`` opens fail its writes as on a full disk."""
    real_fdopen = os.fdopen

    def fdopen_on_full_disk(descriptor, mode, **options):
        real_fdopen(descriptor, mode, **options).close()
        return FullDisk()

    monkeypatch.setattr(os, "fdopen", fdopen_on_full_disk)


def test_write_on_full_disk_leaves_no_file(store, monkeypatch):
    """Check that a failed write removes its temporary file, which would otherwise stay until the daily prune."""
    store.write(store.folder / "runs" / "earlier.pickle", "x")
    entry = store.folder / "documents" / "ab" / "ab12.pickle"
    entry.parent.mkdir(parents=True)
    fail_writes(monkeypatch)
    store.write(entry, {"value": 1})
    monkeypatch.undo()

    assert list(entry.parent.iterdir()) == []
    assert store.read(entry) is None


def test_gitignore_on_full_disk_removed(store, monkeypatch):
    """Check that a .gitignore that a full disk left empty is removed, so that the next write creates it again."""
    fail_writes(monkeypatch)
    store.write(store.folder / "runs" / "first.pickle", "x")
    monkeypatch.undo()

    assert not (store.folder.parent / ".gitignore").exists()
    store.write(store.folder / "runs" / "first.pickle", "x")
    assert (store.folder.parent / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_write_keeps_gitignore_link(store, tmp_path):
    """Check that a .gitignore link in the cache folder, to a missing file, is not followed when an entry is written."""
    target = tmp_path / "repository" / ".gitignore"
    target.parent.mkdir()
    marker = store.folder.parent / ".gitignore"
    marker.parent.mkdir()
    marker.symlink_to(target)
    entry = store.folder / "documents" / "ab" / "ab12.pickle"

    store.write(entry, {"value": 1})

    assert not target.exists()
    assert marker.is_symlink()
    assert store.read(entry) == {"value": 1}


def test_write_creates_gitignore(store):
    """Check that the first entry written creates a .gitignore that ignores the cache folder."""
    store.write(store.folder / "runs" / "first.pickle", "x")

    assert (store.folder.parent / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
