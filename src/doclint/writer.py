"""Writing fixed documents back to disk atomically, the way they came.

The text is encoded with the encoding it was read with, a UTF-8 byte order
mark is written again when the file had one, and line endings are never
touched because edits keep the original text's newlines. The bytes go to a
temporary file in the same folder, which is flushed to disk and then renamed
over the original, so a reader sees either the old file or the new one and a
failure leaves the original as it was.

A symbolic link is followed: the file it points to is rewritten and the
link stays a link. A file with several hard links is rewritten in place
instead, because a rename would give the name a new file and leave the
other names with the old text. That write is not atomic.
"""

from __future__ import annotations

import codecs
import logging
import os
import stat
import tempfile
from pathlib import Path

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


def write_atomic(path: Path, source: Source) -> None:
    """Replace the file at ``path`` with the encoded source, keeping its permission bits.

    Raises WriteError, with the original file unchanged, when the file is
    read-only, the folder is not writable or the write fails.
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
        _write_in_place(path, data, source)
        return

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
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        _remove_quietly(temporary)
        raise WriteError(_("{path}: writing failed ({reason}); the file was left unchanged").format(path=source.path, reason=error.strerror)) from None
    logger.debug("wrote %s (%d bytes)", path, len(data))


def _write_in_place(path: Path, data: bytes, source: Source) -> None:
    """Overwrite a file with several hard links through its own inode, so that every name shows the fixed text."""
    try:
        with path.open("r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise WriteError(_("{path}: writing failed ({reason}); the file may be incomplete").format(path=source.path, reason=error.strerror)) from None
    logger.debug("wrote %s in place (%d bytes, %d links)", path, len(data), path.stat().st_nlink)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError as error:
        logger.warning(_("could not remove the temporary file %s: %s"), path, error.strerror)
