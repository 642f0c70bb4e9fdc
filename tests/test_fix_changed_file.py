"""``--fix`` leaves alone a file that changed between its read and the write of its fixes.

The change is made deterministically, from a hook between the fixing and
the writing (or between the writer's last two checks), not by a timed
second process.
"""

import hashlib
import os

import pytest

import doclint.fixer
import doclint.writer
from doclint.file_state import FileChangedError, FileState, read_with_state, verify_unchanged

NUMBERING_GAP = "# Guide\n\n## 1. Install\n\nSteps.\n\n## 3. Start\n\nRun it.\n"
FIXED = NUMBERING_GAP.replace("## 3. Start", "## 2. Start")
EDIT = "\n## 9. Added while fixing\n\nText.\n"


def changed_message(path) -> str:
    return (
        f"doclint: error: {path}: the file changed while doclint was fixing it, so it was left as it is; "
        "run doclint again to fix it\n"
    )


@pytest.fixture
def after_fixing(monkeypatch):
    """Run a function on the files after the fixes are computed and before any file is written."""

    def install(change):
        original = doclint.fixer.fix_documents

        def fix_then_change(*arguments, **keywords):
            outcome = original(*arguments, **keywords)
            change()
            return outcome

        monkeypatch.setattr(doclint.fixer, "fix_documents", fix_then_change)

    return install


def test_appended_edit_is_kept(run_cli, tmp_path, after_fixing):
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text(NUMBERING_GAP.replace("Guide", "Other guide").replace("Steps.", "Other steps."), encoding="utf-8")

    def append():
        with path.open("a", encoding="utf-8") as handle:
            handle.write(EDIT)

    after_fixing(append)
    code, stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path), str(other))

    assert code == 2
    assert stderr == changed_message(path)
    assert path.read_text(encoding="utf-8") == NUMBERING_GAP + EDIT
    assert "## 2. Start" in other.read_text(encoding="utf-8")
    assert "Fixed 1 problem." in stdout
    assert sorted(os.listdir(tmp_path)) == ["guide.md", "other.md"]


def test_rename_save_is_kept(run_cli, tmp_path, after_fixing):
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")

    def save_as_editor():
        saved = tmp_path / ".guide.md.swp"
        saved.write_text(NUMBERING_GAP + EDIT, encoding="utf-8")
        os.replace(saved, path)

    after_fixing(save_as_editor)
    code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 2
    assert stderr == changed_message(path)
    assert path.read_text(encoding="utf-8") == NUMBERING_GAP + EDIT


def test_rename_with_same_bytes_is_a_change(run_cli, tmp_path, after_fixing):
    """A new inode may carry other owner, permissions or links, so the bytes alone do not make it the same file."""
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")
    inode = path.stat().st_ino

    def save_same_text():
        saved = tmp_path / "guide.md.new"
        saved.write_text(NUMBERING_GAP, encoding="utf-8")
        os.replace(saved, path)

    after_fixing(save_same_text)
    code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert path.stat().st_ino != inode
    assert code == 2
    assert stderr == changed_message(path)
    assert path.read_text(encoding="utf-8") == NUMBERING_GAP


def test_cached_document_checked_too(run_cli, tmp_path, after_fixing, monkeypatch):
    """A document that comes from the parse cache still has the state of this run's read."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")
    run_cli("check", str(path))

    def append():
        with path.open("a", encoding="utf-8") as handle:
            handle.write(EDIT)

    after_fixing(append)
    code, _stdout, stderr = run_cli("check", "--fix", str(path))

    assert code == 2
    assert stderr == changed_message(path)
    assert path.read_text(encoding="utf-8") == NUMBERING_GAP + EDIT


def test_removed_file_is_not_recreated(run_cli, tmp_path, after_fixing):
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")

    after_fixing(path.unlink)
    code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 2
    assert stderr.startswith(f"doclint: error: {path}: ")
    assert os.listdir(tmp_path) == []


def test_hard_linked_file_edit_is_kept(run_cli, tmp_path, after_fixing):
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")
    link = tmp_path / "link.md"
    os.link(path, link)

    def append():
        with link.open("a", encoding="utf-8") as handle:
            handle.write(EDIT)

    after_fixing(append)
    code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 2
    assert stderr == changed_message(path)
    assert path.read_text(encoding="utf-8") == NUMBERING_GAP + EDIT
    assert os.path.samefile(path, link)


def test_hard_linked_file_fixed_when_unchanged(run_cli, tmp_path):
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")
    os.link(path, tmp_path / "link.md")

    code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 0
    assert stderr == ""
    assert (tmp_path / "link.md").read_text(encoding="utf-8") == FIXED


def test_write_after_hash_is_seen(run_cli, tmp_path, monkeypatch):
    """A write between the digest comparison and the rename changes the size, which the last status check sees."""
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")
    original = doclint.writer.verify_unchanged

    def verify_then_append(handle, expected):
        checked = original(handle, expected)
        with path.open("a", encoding="utf-8") as appended:
            appended.write(EDIT)
        return checked

    monkeypatch.setattr(doclint.writer, "verify_unchanged", verify_then_append)
    code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 2
    assert stderr == changed_message(path)
    assert path.read_text(encoding="utf-8") == NUMBERING_GAP + EDIT
    assert os.listdir(tmp_path) == ["guide.md"]


def test_changed_message_in_chinese(run_cli, tmp_path, after_fixing):
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")

    def append():
        with path.open("a", encoding="utf-8") as handle:
            handle.write(EDIT)

    after_fixing(append)
    code, _stdout, stderr = run_cli("check", "--lang", "zh-CN", "--no-cache", "--fix", str(path))

    assert code == 2
    assert f"{path}：doclint 修复期间该文件被改动过" in stderr


def test_state_records_inode_and_digest(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"# A\n")

    data, state = read_with_state(path)

    assert data == b"# A\n"
    assert state.inode == path.stat().st_ino
    assert state.device == path.stat().st_dev
    assert state.digest == hashlib.sha256(b"# A\n").digest()


def test_verify_accepts_unchanged_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"# A\n" * 300_000)
    _data, state = read_with_state(path)

    with path.open("rb") as handle:
        checked = verify_unchanged(handle, state)

    assert checked[1] == path.stat().st_ino
    assert checked[2] == path.stat().st_size


def test_verify_rejects_same_size_edit(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"# A\n")
    _data, state = read_with_state(path)
    path.write_bytes(b"# B\n")

    with path.open("rb") as handle, pytest.raises(FileChangedError, match="bytes changed"):
        verify_unchanged(handle, state)


def test_verify_rejects_other_inode(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"# A\n")
    state = FileState(path.stat().st_dev, path.stat().st_ino + 1, hashlib.sha256(b"# A\n").digest())

    with path.open("rb") as handle, pytest.raises(FileChangedError, match="renamed over"):
        verify_unchanged(handle, state)
