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
import sys
from contextlib import contextmanager
from typing import Iterator, TextIO

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
