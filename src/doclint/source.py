"""Reading documents from disk and mapping offsets to lines and columns.

Lines and columns are 1-based. Columns count Unicode code points, so a CJK
character or an emoji is one column. A line ends at ``\\r\\n``, ``\\r`` or
``\\n``, the same line breaks that markdown-it treats as line ends, so the
line numbers here and in the parsed tokens agree.
"""

from __future__ import annotations

import bisect
import codecs
import logging
import re
import sys
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Callable, TypeVar

from doclint.encoding_detection import detect_encoding, stray_utf8_byte, suggest_encoding, utf16_byte_order
from doclint.file_state import FileState, read_with_state
from doclint.i18n import _

NEWLINE_RE = re.compile(r"\r\n|\r|\n")

# A NUL byte in the first block of a file marks it as binary, as git does.
BINARY_PROBE_SIZE = 8000

DEFAULT_ENCODING = "utf-8"

logger = logging.getLogger(__name__)

# The byte order mark of each codec that may carry one, by codecs.lookup() name.
BYTE_ORDER_MARKS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}

# The codecs that a byte order mark identifies. UTF-32 comes first because
# its little-endian mark starts with the UTF-16 one.
MARKED_CODECS = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")


class SourceError(Exception):
    """A document that cannot be read or decoded. The message names the file."""


class UndecodableError(SourceError):
    """A document whose bytes are not text: a binary file, or bytes invalid in the encoding tried.

    ``reason`` states the problem without the path and the advice, so that
    a caller that skips the file can give other advice. An unknown encoding
    name is a plain SourceError, because no file can be read with it.
    """

    def __init__(self, message: str, path: str, reason: str, binary: bool):
        # All four are the exception's arguments, so that it is pickled whole from a worker process.
        super().__init__(message, path, reason, binary)
        self.path = path
        self.reason = reason
        self.binary = binary

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Source:
    """The decoded text of one document and how it was stored on disk.

    ``text`` excludes the byte order mark. ``newline`` is the first line
    ending found (``"\\n"`` when the file has a single line), and
    ``encoding`` is the codec that decoded the bytes, so that a fix can
    write the file back the way it came.
    """

    path: str
    text: str
    encoding: str = DEFAULT_ENCODING
    bom: bool = False
    newline: str = "\n"
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)
    detected: bool = False
    """Whether ``encoding`` was detected rather than UTF-8 or named with --encoding."""
    state: FileState | None = field(default=None, repr=False, compare=False)
    """The file's inode and digest as read, which ``--fix`` checks before replacing it; None when not read from a file."""

    @classmethod
    def from_text(
        cls, path: str, text: str, encoding: str = DEFAULT_ENCODING, bom: bool = False, detected: bool = False
    ) -> Source:
        """Build a source from decoded text, indexing its line starts."""
        if "\r" not in text:
            # The common case, indexed with str.split, which is several times faster than the pattern.
            starts = (0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1]))
            return cls(path, text, encoding, bom, "\n", starts, detected)

        positions = [0]
        newline = None
        for match in NEWLINE_RE.finditer(text):
            positions.append(match.end())
            if newline is None:
                newline = match.group()
        return cls(path, text, encoding, bom, newline or "\n", tuple(positions), detected)

    @property
    def line_count(self) -> int:
        """Lines, counting the empty line after a final line ending."""
        return len(self.line_starts)

    @property
    def last_line(self) -> int:
        """The last line that has text: a final line ending does not start another line."""
        if self.line_count > 1 and self.line_starts[-1] == len(self.text):
            return self.line_count - 1
        return self.line_count

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset in ``text``."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the text of {self.path} (0..{len(self.text)})")
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Return the character offset of a 1-based line and column."""
        if not 1 <= line <= self.line_count:
            raise ValueError(f"line {line} is outside {self.path} (1..{self.line_count})")
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """Return the text of a 1-based line without its line ending."""
        start = self.offset(line)
        end = self.line_starts[line] if line < self.line_count else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def decode(path: str, data: bytes, encoding: str | None = None) -> Source:
    """Decode the bytes of a document, raising SourceError with the fix (UndecodableError for bytes that are not text).

    Without ``encoding`` the bytes are UTF-8 (with or without a byte order
    mark), UTF-16 with a BOM, or an encoding detected with confidence; the
    Source then records ``detected``. A named encoding is used as given,
    except that a UTF-8 BOM is still recognised and kept for writing back.
    NUL bytes make the file binary, unless it is UTF-16 or UTF-32: by its
    BOM, or by the named encoding.
    """
    if b"\x00" in data[:BINARY_PROBE_SIZE] and not _nul_bytes_are_text(data, encoding):
        raise _binary_file_error(path, data, encoding)

    if encoding is None:
        return _decode_detected(path, data)
    return _decode_as(path, data, _with_byte_order(encoding, data), named=True)


def _nul_bytes_are_text(data: bytes, encoding: str | None) -> bool:
    """Return whether NUL bytes belong to the text: in UTF-16 or UTF-32, named or marked by a BOM.

    Those encodings give every ASCII character a NUL byte, so the binary
    test would reject all their files. Any encoding named whose "a"
    contains a NUL byte counts, under whatever alias the user wrote.
    """
    if encoding is None:
        return _marked_codec(data) is not None
    try:
        return b"\x00" in "a".encode(encoding)
    except (LookupError, UnicodeError):
        return False


def _binary_file_error(path: str, data: bytes, encoding: str | None) -> UndecodableError:
    """Return the error for a file with NUL bytes, naming the encoding that does not allow them when one was named.

    A file whose NUL bytes fall as in UTF-16 text without a BOM gets the
    ``--encoding`` option for its byte order instead. A named encoding may
    simply be the wrong one for a UTF-16 file, so that error also gives
    the option that reads such a file.
    """
    byte_order = utf16_byte_order(data, BINARY_PROBE_SIZE)
    if encoding is not None:
        try:
            text_codec(encoding)
        except LookupError:
            # The unknown name gets its own error, from the files that have no NUL byte.
            encoding = None
    if encoding is None and byte_order is not None:
        reason = _("NUL bytes on every other byte, as in {encoding} text without a byte order mark").format(encoding=byte_order)
        message = _("{path}: {reason}; if it is text, pass --encoding {encoding}").format(path=path, reason=reason, encoding=byte_order)
        return UndecodableError(message, path, reason, binary=False)
    if encoding is None:
        message = _("{path}: binary file (it contains NUL bytes); pass only text documents").format(path=path)
        return UndecodableError(message, path, _("binary file (it contains NUL bytes)"), binary=True)

    reason = _("binary file (it contains NUL bytes, which {encoding} text does not)").format(encoding=encoding)
    message = _(
        "{path}: binary file (it contains NUL bytes, which {encoding} text does not); "
        "pass only text documents, or name the file's encoding with --encoding, such as {suggestion}"
    ).format(path=path, encoding=encoding, suggestion=byte_order or "utf-16-le")
    return UndecodableError(message, path, reason, binary=True)


def _marked_codec(data: bytes, family: str = "utf") -> str | None:
    """Return the UTF-16 or UTF-32 codec whose BOM starts ``data``, among the codecs whose name starts with ``family``."""
    for name in MARKED_CODECS:
        if name.startswith(family) and data.startswith(BYTE_ORDER_MARKS[name]):
            return name
    return None


def _with_byte_order(name: str, data: bytes) -> str:
    """Return ``name``, or for utf-16 and utf-32 the codec of the file's byte order.

    The order is that of the file's BOM, else this machine's, which
    Python's utf-16 and utf-32 codecs assume when there is no BOM. Those
    codecs write a BOM in this machine's order whatever the file had, so
    a fix written with them would change bytes outside its edits.
    """
    try:
        family = codecs.lookup(name).name
    except LookupError:
        return name
    if family not in ("utf-16", "utf-32"):
        return name
    return _marked_codec(data, family) or f"{family}-{'le' if sys.byteorder == 'little' else 'be'}"


def _decode_detected(path: str, data: bytes) -> Source:
    """Decode UTF-8 (with or without BOM), or else an encoding detected with confidence.

    UTF-16 and UTF-32 files carry a BOM. Other encodings (GB18030, Big5,
    cp1252) are detected with charset-normalizer and accepted only with
    confidence, because a short text fits several encodings
    (``doclint.encoding_detection``).
    """
    marked = _marked_codec(data)
    if marked is not None:
        return _decode_as(path, data, marked)
    try:
        return _decode_as(path, data, DEFAULT_ENCODING)
    except SourceError as utf8_error:
        detected = detect_encoding(data)
        if detected is None:
            raise utf8_error from None
        logger.info("%s is not UTF-8; reading it as %s", path, detected)
        source = _decode_as(path, data, detected)
        return Source.from_text(path, source.text, encoding=detected, bom=False, detected=True)


def text_codec(name: str) -> codecs.CodecInfo:
    """Return the codec of a text encoding, raising LookupError for an unknown name or a codec such as rot13 or base64.

    Those exist but do not turn bytes into text. ``str.encode`` raises
    LookupError for them, and a text codec that cannot encode "a" still
    decodes.
    """
    codec = codecs.lookup(name)
    try:
        "a".encode(name)
    except UnicodeError:
        pass
    return codec


def _decode_as(path: str, data: bytes, name: str, named: bool = False) -> Source:
    """Decode the bytes as ``name``. ``named`` is True when the user chose the encoding, which changes the advice of an error."""
    try:
        codec = text_codec(name)
    except LookupError:
        raise SourceError(_("unknown encoding {name!r}; pass a Python codec name such as utf-8 or gb18030").format(name=name)) from None

    mark = BYTE_ORDER_MARKS.get(codec.name)
    bom = mark is not None and data.startswith(mark)
    if bom:
        data = data[len(mark):]

    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        position = {"path": path, "encoding": name, "byte": error.start, "line": line}
        stray = stray_utf8_byte(data)
        if stray is not None and stray == error.start:
            message = _(
                "{path}: invalid {encoding} at byte {byte} (line {line}) of a file that is UTF-8 apart from it; "
                "correct or remove that byte"
            ).format(**position)
        elif stray is not None:
            message = _(
                "{path}: invalid {encoding} at byte {byte} (line {line}), but the file is UTF-8 apart from byte "
                "{stray} (line {stray_line}); correct or remove that byte and check the file as UTF-8"
            ).format(**position, stray=stray, stray_line=data.count(b"\n", 0, stray) + 1)
        elif named:
            message = _(
                "{path}: invalid {encoding} at byte {byte} (line {line}), although that encoding was named for it; "
                "name the file's own encoding (for example {suggestion}) with --encoding, or in the configuration's "
                "encoding or per-file-encoding"
            ).format(**position, suggestion=suggest_encoding(data))
        else:
            message = _(
                "{path}: invalid {encoding} at byte {byte} (line {line}); "
                "pass --encoding with the file's encoding, for example --encoding {suggestion}"
            ).format(**position, suggestion=suggest_encoding(data))
        reason = _("invalid {encoding} at byte {byte} (line {line})").format(encoding=name, byte=error.start, line=line)
        raise UndecodableError(message, path, reason, binary=False) from None

    return Source.from_text(path, text, encoding=name, bom=bom)


def read_bytes(path: Path, display: str | None = None) -> bytes:
    """Read a document's bytes, raising SourceError that names the file and the fix."""
    return _read(path.read_bytes, display or str(path))


def read_bytes_with_state(path: Path, display: str | None = None) -> tuple[bytes, FileState]:
    """Read a document's bytes and the state of the file they came from, raising SourceError as ``read_bytes`` does."""
    return _read(lambda: read_with_state(path), display or str(path))


_Read = TypeVar("_Read")


def _read(read: Callable[[], _Read], shown: str) -> _Read:
    """Call ``read``, turning an OSError into a SourceError that names the file ``shown`` and the fix."""
    try:
        return read()
    except FileNotFoundError:
        raise SourceError(_("{path}: no such file or directory; check the path").format(path=shown)) from None
    except IsADirectoryError:
        message = _("{path}: is a directory where a file was expected; name a file in it (doclint check also reads whole folders)")
        raise SourceError(message.format(path=shown)) from None
    except PermissionError:
        raise SourceError(_("{path}: permission denied; make the file readable").format(path=shown)) from None
    except OSError as error:
        from doclint.path_errors import path_error_message

        raise SourceError(path_error_message(shown, error)) from None


def read_standard_input() -> bytes:
    """Read all of standard input, raising SourceError when it is closed or cannot be read.

    A shell that runs ``doclint check - <&-`` starts the process without
    standard input, and Python then sets ``sys.stdin`` to None.
    """
    if sys.stdin is None:
        raise SourceError(
            _("cannot read standard input (it is closed); redirect a document to it, or name files instead of -")
        )
    try:
        return sys.stdin.buffer.read()
    except OSError as error:
        raise SourceError(
            _("cannot read standard input ({reason}); redirect a document to it, or name files instead of -").format(
                reason=error.strerror or error
            )
        ) from None


def read_source(path: Path, display: str | None = None, encoding: str | None = None) -> Source:
    """Read and decode one document from disk.

    ``display`` is the path shown in messages and findings (by default the
    path as given). Raises SourceError for a missing or unreadable file.
    """
    shown = display or str(path)
    return decode(shown, read_bytes(path, shown), encoding)
