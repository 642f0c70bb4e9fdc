"""Garbage-collector thresholds for a check run.

A run allocates millions of small objects that live until the run ends
(tokens, tree nodes, clauses, comparison texts) and makes almost no
reference cycles. CPython's default thresholds (700, 10, 10) start a
collection every 700 net allocations, and each one walks objects that
are all still alive. On the 1,000-document benchmark corpus that was 1.3 s
of a 9.2 s one-job run, with the same peak memory either way
(docs/benchmarks.md). A run therefore raises the thresholds, which keeps
cycle collection for the rare cycles without the cost of the frequent
passes.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

# Collect the young generation every 100,000 net allocations, and each older
# generation after 50 and 1,000 collections of the one below it.
RUN_THRESHOLDS = (100_000, 50, 1_000)


def use_run_thresholds() -> None:
    """Set the run thresholds for the rest of this process (a pool worker, or the command line process)."""
    gc.set_threshold(*RUN_THRESHOLDS)


@contextmanager
def run_thresholds() -> Iterator[None]:
    """Use the run thresholds inside the block and restore the previous ones after it."""
    previous = gc.get_threshold()
    gc.set_threshold(*RUN_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
