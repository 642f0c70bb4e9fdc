"""Work that runs in a process of its own while doclint's process goes on with other work.

The cross-file rules of a large run spend most of their time in two
searches that do not depend on each other: sections that resemble each
other and questions asked twice. Both hold the interpreter lock for most
of their time, so threads cannot overlap them, but a second process can.
``submit`` starts one process for one call. Its arguments and result
travel as pickles, so they should be small: a list of question texts and
the pairs found, not parsed documents.
"""

from __future__ import annotations

import signal
from concurrent.futures import Future
from typing import Any, Callable, TypeVar

Result = TypeVar("Result")


def submit(function: Callable[..., Result], *arguments: Any) -> Future[Result]:
    """Run ``function(*arguments)`` in a new process and return its future at once.

    The process ends when the call returns. It ignores Ctrl-C for the same
    reason the parsing workers do (``doclint.loader``): doclint's process
    stops on it, and the process here ends when its call returns or when
    doclint's process is gone.
    """
    # Imported here: most runs never start a background process.
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(max_workers=1, initializer=_ignore_interrupts)
    future = executor.submit(function, *arguments)

    # The submitted call still runs; the executor stops its process once the call is done.
    executor.shutdown(wait=False)
    return future


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
