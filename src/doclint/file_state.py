"""The state of a file when doclint read it, to tell whether the file changed before a fix replaces it.

A fix takes seconds on a large file. Meanwhile an editor, ``git checkout``
or another tool may write the file, in place or by renaming a new file over
it. ``FileState`` records the file's identity (device and inode) and a
SHA-256 digest of the bytes read. ``verify_unchanged`` compares them with
the file as it is now, just before the writer replaces it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import BinaryIO

# Bytes hashed per read, so that checking a large file does not hold a second copy of it in memory.
CHUNK_SIZE = 1 << 20


class FileChangedError(Exception):
    """The file on disk is not the one that was read: another inode, or other bytes."""


@dataclass(frozen=True)
class FileState:
    """The device, inode and SHA-256 digest of a file's bytes, as doclint read them."""

    device: int
    inode: int
    digest: bytes

    @classmethod
    def of(cls, status: os.stat_result, data: bytes) -> FileState:
        """Return the state of the file whose status is ``status`` and whose bytes are ``data``."""
        return cls(status.st_dev, status.st_ino, hashlib.sha256(data).digest())


Signature = tuple[int, int, int, int, int]
"""A file's device, inode, size, modification time and change time (nanoseconds)."""


def signature(status: os.stat_result) -> Signature:
    """Return what changes in a file's status when it is written, renamed over or has its metadata changed.

    The times have the file system's granularity, which on Linux is a
    clock tick of a few milliseconds, so a write that keeps the size in
    the same tick as an earlier signature is not seen.
    """
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def read_with_state(path: str | os.PathLike[str]) -> tuple[bytes, FileState]:
    """Read a file's bytes with their state, taken from the open file, so both are of the same inode. Raises OSError."""
    with open(path, "rb") as handle:
        status = os.fstat(handle.fileno())
        data = handle.read()
    return data, FileState.of(status, data)


def verify_unchanged(handle: BinaryIO, expected: FileState) -> Signature:
    """Check that an open file is the inode that was read and still has its bytes; return its signature.

    Raises FileChangedError otherwise, and also when the file's signature
    changed while it was hashed, because a writer was then still at work.
    The handle is left at the end of the file. The caller compares the
    returned signature with the file's just before it writes, which narrows
    the window in which a change goes unseen to that last comparison.
    """
    before = os.fstat(handle.fileno())
    if (before.st_dev, before.st_ino) != (expected.device, expected.inode):
        raise FileChangedError("another file was renamed over it")

    handle.seek(0)
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK_SIZE):
        digest.update(chunk)
    if digest.digest() != expected.digest:
        raise FileChangedError("its bytes changed")

    after = signature(os.fstat(handle.fileno()))
    if after != signature(before):
        raise FileChangedError("it was written while its bytes were compared")
    return after
