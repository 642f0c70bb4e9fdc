"""Failures of standard output and standard error: a full disk, a closed pipe, a stream closed at start.

None of them is a bug in doclint, so none gets the internal-error report.
Standard output that cannot be written gives one line on standard error
and exit status 2, like an input that cannot be read. A reader that
closes the pipe early (``doclint check . | head -1``) is no error: the run
ends quietly with status 141, the status a shell reports for a process
that SIGPIPE ended, as ``grep`` or ``cat`` end in that pipeline.
doclint does not let SIGPIPE end it, because its worker pools talk over
pipes too. Standard error that cannot be written is passed over: no
message could be shown, and the exit status stays what the run decided.
"""

from __future__ import annotations

import errno
import os
import sys
from contextlib import contextmanager
from typing import BinaryIO, Iterator, TextIO

from doclint.i18n import _

EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_BROKEN_PIPE = 128 + 13
"""The status a shell reports for a process ended by SIGPIPE (signal 13)."""


class OutputError(Exception):
    """Standard output or standard error could not be written. ``stream`` is ``"stdout"`` or ``"stderr"``."""

    def __init__(self, stream: str, error: OSError):
        super().__init__(stream, error)
        self.stream = stream
        self.error = error


@contextmanager
def writing_to(stream: TextIO | None) -> Iterator[None]:
    """Turn an ``OSError`` raised while writing to ``stream`` into ``OutputError``, naming standard output or error."""
    try:
        yield
    except OSError as error:
        raise OutputError("stderr" if stream is not None and stream is sys.stderr else "stdout", error) from error


class WholeUtf8Writer:
    """A text stream that writes UTF-8 to a byte stream and hands on every byte, however few each write takes.

    Standard output without a buffer (``PYTHONUNBUFFERED`` set) takes a
    large write in part when its reader closes the pipe during it. A
    ``TextIOWrapper`` then drops the rest without an error, so a JSON
    report cut short would end with the status of a complete one. Writing
    the rest again reaches the closed pipe and raises ``BrokenPipeError``.
    Characters that UTF-8 cannot hold (lone surrogates from a file name)
    become backslash escapes, as in the text output.
    """

    def __init__(self, buffer: BinaryIO):
        self._buffer = buffer

    def write(self, text: str) -> int:
        data = memoryview(text.encode("utf-8", "backslashreplace"))
        while data:
            written = self._buffer.write(data)
            if written is None:
                # A non-blocking stream that is full, which a BufferedWriter reports the same way.
                raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))
            data = data[written:]
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()


def closed_output_message() -> str:
    """Return the error for a process started with standard output closed (``doclint check . >&-``)."""
    return _("cannot write to standard output (it is closed); redirect it to a file or to /dev/null")


def output_error_message(error: OSError) -> str:
    """Return the error for standard output that failed with ``error``, such as a full disk."""
    return _("cannot write to standard output ({reason}); redirect it to a file that can be written").format(
        reason=error.strerror or error
    )


def is_broken_pipe(error: OSError) -> bool:
    """Return whether ``error`` means that the reader of a pipe closed it."""
    return isinstance(error, BrokenPipeError) or error.errno in (errno.EPIPE, errno.ECONNRESET)


def status_after(failure: OutputError, status: int) -> int:
    """Return the exit status of a run whose ``failure`` happened after the run decided ``status``.

    An internal error keeps status 3. A closed pipe gives 141 and standard
    output that cannot be written gives 2, whatever the findings. Standard
    error that cannot be written leaves the status as it is.
    """
    if status == EXIT_INTERNAL or failure.stream == "stderr":
        return status
    if is_broken_pipe(failure.error):
        return EXIT_BROKEN_PIPE
    return status if status == EXIT_BROKEN_PIPE else EXIT_USAGE
