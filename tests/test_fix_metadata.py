"""``--fix`` keeps a file's owner, group and extended attributes, or rewrites the file in place."""

import errno
import logging
import os
import stat
import struct

import pytest

import doclint.writer
from doclint.file_metadata import copy_extended_attributes, keep_owner

NUMBERING_GAP = "# Guide\n\n## 1. Install\n\nSteps.\n\n## 3. Start\n\nRun it.\n"
FIXED = NUMBERING_GAP.replace("## 3. Start", "## 2. Start")

# The numeric ids of another user and group, which Debian names nobody and nogroup.
NOBODY = 65534
NOGROUP = 65534

# Tags and permissions of a POSIX ACL entry, as Linux stores them in system.posix_acl_access (linux/posix_acl_xattr.h).
ACL_VERSION = 2
ACL_USER_OBJ, ACL_USER, ACL_GROUP_OBJ, ACL_MASK, ACL_OTHER = 0x01, 0x02, 0x04, 0x10, 0x20
ACL_UNDEFINED_ID = 0xFFFFFFFF

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file to another user"
)
needs_xattr = pytest.mark.skipif(not hasattr(os, "setxattr"), reason="os.setxattr is Linux only")


def guide(tmp_path):
    path = tmp_path / "guide.md"
    path.write_text(NUMBERING_GAP, encoding="utf-8")
    path.chmod(0o664)
    return path


def set_xattr_or_skip(path, name, value):
    try:
        os.setxattr(path, name, value)
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
            pytest.skip(f"the file system of {path} does not take {name}: {error.strerror}")
        raise


def acl_with_user(uid: int) -> bytes:
    """Return an access ACL for mode 0664 that also lets ``uid`` read and write."""
    entries = [
        (ACL_USER_OBJ, 6, ACL_UNDEFINED_ID),
        (ACL_USER, 6, uid),
        (ACL_GROUP_OBJ, 6, ACL_UNDEFINED_ID),
        (ACL_MASK, 6, ACL_UNDEFINED_ID),
        (ACL_OTHER, 4, ACL_UNDEFINED_ID),
    ]
    return struct.pack("<I", ACL_VERSION) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


@needs_root
def test_root_fix_keeps_owner(run_cli, tmp_path):
    path = guide(tmp_path)
    os.chown(path, NOBODY, NOGROUP)
    inode = path.stat().st_ino

    code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 0
    assert stderr == ""
    assert path.read_text(encoding="utf-8") == FIXED
    assert path.stat().st_uid == NOBODY
    assert path.stat().st_gid == NOGROUP
    # Root can give the new file the owner, so the file is still replaced atomically.
    assert path.stat().st_ino != inode
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


@needs_root
def test_root_fix_keeps_set_id_bits(run_cli, tmp_path):
    """chown clears the set-user-ID and set-group-ID bits of an executable file, so the mode is set after it."""
    path = guide(tmp_path)
    os.chown(path, NOBODY, NOGROUP)
    path.chmod(0o6775)

    run_cli("check", "--no-cache", "--fix", str(path))

    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o6775


def test_owner_not_kept_rewrites_in_place(run_cli, tmp_path, monkeypatch):
    path = guide(tmp_path)
    inode = path.stat().st_ino
    monkeypatch.setattr(doclint.writer, "keep_owner", lambda temporary, original: False)

    code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 0
    assert stderr == ""
    assert path.read_text(encoding="utf-8") == FIXED
    assert path.stat().st_ino == inode
    assert os.listdir(tmp_path) == ["guide.md"]


def test_keep_owner_false_when_chown_fails(tmp_path, monkeypatch):
    temporary = tmp_path / "new"
    temporary.write_bytes(b"")
    status = temporary.stat()
    # Another owner, as when a plain user fixes a file of someone else that a shared group may write.
    original = os.stat_result((status.st_mode, 0, 0, 1, status.st_uid + 1, status.st_gid, 0, 0, 0, 0))

    def fail_chown(path, uid, gid):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chown", fail_chown)

    assert keep_owner(str(temporary), original) is False


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may give a file to any user")
def test_plain_user_cannot_keep_other_owner(tmp_path):
    temporary = tmp_path / "new"
    temporary.write_bytes(b"")
    status = temporary.stat()
    original = os.stat_result((status.st_mode, 0, 0, 1, 0, 0, 0, 0, 0, 0))

    assert keep_owner(str(temporary), original) is False
    assert temporary.stat().st_uid == os.geteuid()


def test_keep_owner_same_owner_needs_no_chown(tmp_path, monkeypatch):
    temporary = tmp_path / "new"
    temporary.write_bytes(b"")
    calls = []
    monkeypatch.setattr(os, "chown", lambda *arguments: calls.append(arguments))

    assert keep_owner(str(temporary), temporary.stat()) is True
    assert calls == []


@needs_xattr
def test_fix_keeps_user_xattr(run_cli, tmp_path):
    path = guide(tmp_path)
    set_xattr_or_skip(path, "user.note", b"keep")

    code, _stdout, _stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert os.listxattr(path) == ["user.note"]
    assert os.getxattr(path, "user.note") == b"keep"


@needs_xattr
def test_fix_keeps_posix_acl(run_cli, tmp_path):
    path = guide(tmp_path)
    acl = acl_with_user(NOBODY)
    set_xattr_or_skip(path, "system.posix_acl_access", acl)

    run_cli("check", "--no-cache", "--fix", str(path))

    assert path.read_text(encoding="utf-8") == FIXED
    assert os.getxattr(path, "system.posix_acl_access") == acl
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


@needs_xattr
def test_xattr_failure_logged_and_fixed(run_cli, tmp_path, monkeypatch, caplog):
    path = guide(tmp_path)
    set_xattr_or_skip(path, "user.note", b"keep")

    def fail_setxattr(path, name, value):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "setxattr", fail_setxattr)
    with caplog.at_level(logging.DEBUG, logger="doclint.file_metadata"):
        code, _stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 0
    assert stderr == ""
    assert path.read_text(encoding="utf-8") == FIXED
    assert any("user.note" in record.getMessage() and record.levelno == logging.DEBUG for record in caplog.records)


def test_platform_without_xattr_skipped(tmp_path, monkeypatch):
    original = tmp_path / "old"
    original.write_bytes(b"")
    monkeypatch.delattr(os, "listxattr", raising=False)

    copy_extended_attributes(original, str(tmp_path / "new"))

    assert not (tmp_path / "new").exists()
