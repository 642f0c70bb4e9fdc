"""Writing fixed documents back to disk atomically, the way they came.

The text is encoded with the encoding it was read with, a UTF-8 byte order
mark is written again when the file had one, and line endings are never
touched because edits keep the original text's newlines. The bytes go to a
temporary file in the same folder, which is flushed to disk and then renamed
over the original, so a reader sees either the old file or the new one and a
failure leaves the original as it was.

A file is replaced only while it is still the one that was read: the same
inode with the same bytes (``doclint.file_state``). An edit saved during
the fix, in place or by an editor that renames a new file over the old
one, makes the writer leave the file alone, so the edit is kept and the
fix can be run again. The check runs after the new file is written, right
before the rename, so that only a change in the short time between the
last check and the rename is lost.

The new file gets the original's permission bits, owner, group and
extended attributes, which carry ACLs and SELinux labels
(``doclint.file_metadata``). An extended attribute that this process may
not set is left out. Its timestamps are new.

A symbolic link is followed: the file it points to is rewritten and the
link stays a link. Two kinds of file are rewritten in place instead,
through their own inode, and that write is not atomic. The first is a
file with several hard links, because a rename would give one name a new
file and leave the other names with the old text. The second is a file
whose owner or group this process may not give to a new file. A plain
user may edit another user's file through a group's write permission,
and a rename would make the file theirs. Emacs makes the same choice by default when it saves a
file (its ``backup-by-copying-when-mismatch`` option).
"""

from __future__ import annotations

import codecs
import logging
import os
import stat
import tempfile
from pathlib import Path

from doclint.file_metadata import copy_extended_attributes, keep_owner
from doclint.file_state import FileChangedError, FileState, signature, verify_unchanged
from doclint.source import BYTE_ORDER_MARKS, Source
from doclint.i18n import _

logger = logging.getLogger(__name__)


class WriteError(Exception):
    """A fixed document that could not be written. The message names the file and the fix."""


def encode(source: Source) -> bytes:
    """Encode a source's text as it was stored: same encoding, BOM restored."""
    try:
        data = source.text.encode(source.encoding)
    except UnicodeEncodeError as error:
        raise WriteError(
            f"{source.path}: the fixed text cannot be encoded as {source.encoding} "
            f"({error.reason} at character {error.start}); the file was left unchanged"
        ) from None
    mark = BYTE_ORDER_MARKS.get(codecs.lookup(source.encoding).name, b"")
    if source.bom and not data.startswith(mark):
        data = mark + data
    return data


def write_atomic(path: Path, source: Source, expected: FileState | None = None) -> None:
    """Replace the file at ``path`` with the encoded source, keeping its metadata as the module docstring lists.

    ``expected`` is the state of the file when it was read. The file is
    replaced only while it still has that inode and those bytes, so that a
    change made meanwhile, by a write or by renaming another file over it,
    is never lost. None skips that check. Raises WriteError, with the
    original file unchanged, when the file changed, is read-only, the folder
    is not writable or the write fails.
    """
    data = encode(source)
    path = Path(os.path.realpath(path))
    try:
        status = path.stat()
    except OSError as error:
        raise WriteError(_("{path}: cannot be written ({reason}); the file was left unchanged").format(path=source.path, reason=error.strerror)) from None
    mode = stat.S_IMODE(status.st_mode)
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise WriteError(_("{path}: the file is read-only; make it writable or use --diff to see the fixes").format(path=source.path))
    if status.st_nlink > 1:
        _write_in_place(path, data, source, expected)
        return

    temporary = _write_temporary(path, data, source)
    replaced = False
    try:
        if keep_owner(temporary, status):
            copy_extended_attributes(path, temporary)
            # After chown, which clears the set-user-ID and set-group-ID bits.
            os.chmod(temporary, mode)
            _replace_unchanged(temporary, path, source, expected)
            replaced = True
    except OSError as error:
        raise WriteError(_("{path}: writing failed ({reason}); the file was left unchanged").format(path=source.path, reason=error.strerror)) from None
    finally:
        if not replaced:
            _remove_quietly(temporary)
    if not replaced:
        logger.debug("%s: a new file cannot have its owner %d and group %d; rewriting it in place", path, status.st_uid, status.st_gid)
        _write_in_place(path, data, source, expected)
        return
    logger.debug("wrote %s (%d bytes)", path, len(data))


def _write_temporary(path: Path, data: bytes, source: Source) -> str:
    """Write the data to a new temporary file beside ``path``, flushed to disk, and return its path."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".doclint-tmp", dir=path.parent)
    except OSError as error:
        raise WriteError(
            _("{path}: cannot be written ({reason}); make its folder writable or use --diff to see the fixes").format(
                path=source.path, reason=error.strerror
            )
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        _remove_quietly(temporary)
        raise WriteError(_("{path}: writing failed ({reason}); the file was left unchanged").format(path=source.path, reason=error.strerror)) from None
    return temporary


def _replace_unchanged(temporary: str, path: Path, source: Source, expected: FileState | None) -> None:
    """Rename ``temporary`` over ``path`` unless the file at ``path`` is no longer the one that was read.

    The file is hashed first, then its status is compared once more right
    before the rename. A write that lands between that comparison and the
    rename, or that keeps the size within the file system's timestamp
    granularity after the hash, is still lost: POSIX has no rename that
    fails when the target changed.
    """
    if expected is not None:
        try:
            with path.open("rb") as handle:
                checked = verify_unchanged(handle, expected)
            if signature(os.stat(path)) != checked:
                raise FileChangedError("it changed after its bytes were compared")
        except FileNotFoundError:
            raise _changed_error(source, "it was removed") from None
        except FileChangedError as error:
            raise _changed_error(source, str(error)) from None
    os.replace(temporary, path)


def _write_in_place(path: Path, data: bytes, source: Source, expected: FileState | None) -> None:
    """Overwrite a file through its own inode, which keeps every name, the owner and all metadata.

    The file is first checked as in ``_replace_unchanged``, through the
    same open file, and a write that lands between that check and this
    write is lost.
    """
    try:
        handle = path.open("r+b")
    except OSError as error:
        raise WriteError(_("{path}: cannot be written ({reason}); the file was left unchanged").format(path=source.path, reason=error.strerror)) from None
    with handle:
        if expected is not None:
            try:
                verify_unchanged(handle, expected)
            except FileChangedError as error:
                raise _changed_error(source, str(error)) from None
            except OSError as error:
                raise WriteError(_("{path}: cannot be written ({reason}); the file was left unchanged").format(path=source.path, reason=error.strerror)) from None
        try:
            handle.seek(0)
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        except OSError as error:
            raise WriteError(_("{path}: writing failed ({reason}); the file may be incomplete").format(path=source.path, reason=error.strerror)) from None
    logger.debug("wrote %s in place (%d bytes, %d links)", path, len(data), path.stat().st_nlink)


def _changed_error(source: Source, reason: str) -> WriteError:
    logger.debug("%s changed since it was read: %s", source.path, reason)
    return WriteError(
        _("{path}: the file changed while doclint was fixing it, so it was left as it is; run doclint again to fix it").format(
            path=source.path
        )
    )


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError as error:
        logger.warning(_("could not remove the temporary file %s: %s"), path, error.strerror)
