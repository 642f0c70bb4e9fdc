"""Work that runs in a process of its own while doclint's process goes on with other work.

The cross-file rules of a large run spend most of their time in two
searches that do not depend on each other: sections that resemble each
other and questions asked twice. Both hold the interpreter lock for most
of their time, so threads cannot overlap them, but a second process can.
``start`` runs one call in a new process. Its arguments and result travel
as pickles, so they should be small: a list of question texts and the
pairs found, not parsed documents.

The process must never outlive doclint's. It ignores Ctrl-C, like the
parsing workers (``doclint.loader``), because doclint's process stops on
it. doclint's process ends with ``os._exit``, which runs no clean-up, so
``stop_all`` ends the calls still running first. When doclint's process is
killed (SIGTERM, SIGHUP), ``end_with_parent`` has the kernel kill the
call's process too. Where the kernel offers no such request, the call's
process ends when it fails to send its result, because no process has the
pipe's reading end open any more.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Generic, Iterator, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

logger = logging.getLogger(__name__)

Result = TypeVar("Result")


class BackgroundError(Exception):
    """The call failed, or its process ended without sending a result."""


class Pending(Generic[Result]):
    """A call running in a process of its own, whose result ``result`` waits for."""

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self._process = process
        self._connection = connection

    def result(self) -> Result:
        """Wait for the call to return and return its result; raise BackgroundError if it failed."""
        try:
            succeeded, value = self._connection.recv()
        except (EOFError, OSError) as error:
            self._finish()
            raise BackgroundError(f"the process ended without a result (exit status {self._process.exitcode}, {error!r})") from None
        self._finish()
        if not succeeded:
            raise BackgroundError(value)
        return value

    def stop(self) -> None:
        """End the call's process if it is still running."""
        if self._process.is_alive():
            self._process.terminate()
        self._finish()

    def _finish(self) -> None:
        self._connection.close()
        self._process.join()
        _running.discard(self)


# The calls started and not yet collected or stopped.
_running: set[Pending[Any]] = set()


def start(function: Callable[..., Result], *arguments: Any) -> Pending[Result]:
    """Run ``function(*arguments)`` in a new process and return at once.

    Raises OSError when no process can be started.
    """
    # Imported here: most runs never start a background process.
    import multiprocessing

    reader, writer = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(target=_run, args=(os.getpid(), reader, writer, function, arguments), daemon=True)
    with interrupts_blocked():
        process.start()

    # Only the new process has the writing end open now, so its death ends ``recv`` with EOFError.
    writer.close()
    pending: Pending[Result] = Pending(process, reader)
    _running.add(pending)
    return pending


def stop_all() -> None:
    """End every call still running, before doclint's process ends."""
    for pending in list(_running):
        pending.stop()


@contextmanager
def interrupts_blocked() -> Iterator[None]:
    """Block Ctrl-C (SIGINT) in this thread while it starts child processes, and deliver it afterwards.

    A forked child starts with its parent's signal mask. Without the
    block, a Ctrl-C that came between the fork and the child's
    ``end_with_parent`` stopped the child with a traceback on stderr, and
    the run ended with a broken process pool instead of exit status 130.
    A Ctrl-C that reaches doclint's process meanwhile waits until the
    block ends, so it is not lost. ``--fix`` writes each file inside such a
    block too, so that a Ctrl-C never stops a write halfway. Where the
    platform has no signal masks, this does nothing.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def end_with_parent(parent: int) -> None:
    """Make this child process ignore Ctrl-C and end when its parent, process ``parent``, ends.

    Ctrl-C reaches every process of a terminal's group, and doclint's
    process stops the children itself. A parent killed by a signal stops
    nothing, and a child left behind would keep doclint's output open, so
    on Linux the kernel sends the child SIGKILL when its parent ends
    (``PR_SET_PDEATHSIG``). If the parent ended before that was set, the
    child ends at once.

    NOTE: other systems have no such request, so there a child whose
    parent was killed runs until its current work is done.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        # A process started inside ``interrupts_blocked`` has SIGINT blocked. Ignoring it discards a pending one, so unblocking is safe.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError) as error:
            logger.debug("cannot ask to end with process %d (%s)", parent, error)
    if os.getppid() != parent:
        os._exit(1)


# prctl's option number for the signal a child gets when its parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


def _run(
    parent: int, reader: Connection, writer: Connection, function: Callable[..., Any], arguments: tuple[Any, ...]
) -> None:
    """Call the function in the new process and send back (True, result) or (False, the error's description)."""
    end_with_parent(parent)
    reader.close()
    try:
        outcome = (True, function(*arguments))
    except Exception as error:
        logger.debug("background call %s failed", getattr(function, "__name__", function), exc_info=True)
        outcome = (False, f"{type(error).__name__}: {error}")

    try:
        writer.send(outcome)
    except OSError:
        # doclint's process is gone, so the result has no reader.
        pass
    finally:
        writer.close()
