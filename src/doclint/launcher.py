"""The ``doclint`` console script and ``python -m doclint``: the command line, loaded inside a guard for Ctrl-C.

Loading ``doclint.cli`` and its imports takes about 50 ms. Until the
command line handles Ctrl-C, Python prints a KeyboardInterrupt traceback
for it. This module imports nothing of doclint outside the guard, so a
Ctrl-C while doclint loads or runs ends it with status 130 and no
traceback. The lines that the installer writes into the ``doclint``
script, and Python's own start-up, run before this module and are not
guarded.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130


def entry_point() -> None:
    """Import and run doclint's command line (``doclint.cli.entry_point``), ending with 130 on a Ctrl-C while it loads or starts."""
    try:
        from doclint.cli import entry_point as run_command_line
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    try:
        run_command_line()
    except KeyboardInterrupt:
        # A Ctrl-C in the few steps of the command line that run before or after its own guard.
        sys.exit(EXIT_INTERRUPTED)
