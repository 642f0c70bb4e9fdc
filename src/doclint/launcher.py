"""The ``doclint`` console script and ``python -m doclint``: the command line, loaded inside a guard for Ctrl-C.

Loading ``doclint.cli`` and its imports takes about 50 ms. Until the
command line handles Ctrl-C, Python prints a KeyboardInterrupt traceback
for it. This module imports nothing of doclint outside the guard, so a
Ctrl-C while doclint loads or runs ends it with status 130 and no
traceback. The lines that the installer writes into the ``doclint``
script, and Python's own start-up, run before this module and are not
guarded. A Ctrl-C that Python can only print as "Exception ignored", because
it came during a callback, is sent again (``_deliver_interrupt_again``).
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

EXIT_INTERRUPTED = 130

RESEND_DELAY = 0.05
"""Seconds after which a Ctrl-C that Python could not raise is sent again (see ``_deliver_interrupt_again``)."""


def entry_point() -> None:
    """Import and run doclint's command line (``doclint.cli.entry_point``), ending with 130 on a Ctrl-C while it loads or starts."""
    sys.unraisablehook = _deliver_interrupt_again
    try:
        from doclint.cli import entry_point as run_command_line
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    try:
        run_command_line()
    except KeyboardInterrupt:
        # A Ctrl-C in the few steps of the command line that run before or after its own guard.
        sys.exit(EXIT_INTERRUPTED)


def _deliver_interrupt_again(unraisable: Any) -> None:
    """Send a Ctrl-C that Python could not raise to the process again, and report other unraisable errors as Python does.

    A Ctrl-C that comes while Python runs a callback that cannot raise,
    such as the one that frees an import lock, is printed as "Exception
    ignored in" and lost, so the run goes on. A thread sends SIGINT again
    RESEND_DELAY seconds later, when this hook has returned. A signal sent
    from here would raise the KeyboardInterrupt at once, inside the hook,
    where it would be lost again. When SIGINT is ignored by then, as in the
    clean-up after the command, the new signal is ignored too.

    NOTE: Windows has no SIGINT to send with ``os.kill``, so there the
    interrupt is still printed and lost.
    """
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and sys.platform != "win32":
        import threading

        resend = threading.Timer(RESEND_DELAY, os.kill, (os.getpid(), signal.SIGINT))
        resend.daemon = True
        try:
            resend.start()
            return
        except RuntimeError:
            # Python is shutting down and starts no thread.
            pass
    sys.__unraisablehook__(unraisable)
