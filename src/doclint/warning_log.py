"""Collecting the warnings that doclint logs during a command, for the output formats that carry them.

Warnings go to standard error through ``logging``. The json, sarif and
github formats also carry them, so a CI job that reads only standard output
still learns that a file was skipped or that a suppression comment names no
rule. A collector attached to the ``doclint`` logger keeps each warning's
message as well, and leaves its way to standard error as it is.

A warning about something that many documents share, such as a schema
file, is logged with ``warn_once``, so that a command shows it once however
many documents, or worker processes, meet it.
"""

from __future__ import annotations

import logging

LOGGER_NAME = "doclint"

_logged_once: set[str] = set()
"""The messages that ``warn_once`` has logged since a collector was last attached in this process."""


def warn_once(logger: logging.Logger, message: str) -> None:
    """Log a warning unless this process logged the same message with ``warn_once`` during the current command.

    A command starts when its collector is attached (``WarningCollector.attach``).
    A caller without one, such as a program that calls ``doclint.engine.run``
    repeatedly, has each message logged once per process.
    """
    if message in _logged_once:
        return
    _logged_once.add(message)
    logger.warning("%s", message)


class WarningCollector(logging.Handler):
    """Logging handler that keeps the message of each warning record logged under ``doclint``, in the order logged.

    Records at error level and above are left out: the command line reports
    errors itself, and the reporters take them from the run's result.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.messages.append(record.getMessage())

    def attach(self) -> WarningCollector:
        """Start collecting for a new command, and return this collector. This clears the messages that ``warn_once`` logged before."""
        _logged_once.clear()
        logging.getLogger(LOGGER_NAME).addHandler(self)
        return self

    def take(self) -> list[str]:
        """Return the messages collected since the last call, and forget them."""
        messages, self.messages = self.messages, []
        return messages

    def detach(self) -> None:
        """Stop collecting; the messages collected stay."""
        logging.getLogger(LOGGER_NAME).removeHandler(self)
