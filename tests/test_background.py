"""Calls run in a process of their own: results, failures, and no process left behind."""

import os
import signal
import sys
import time

import pytest

from doclint import background
from doclint.background import BackgroundError

from conftest import run_parent, wait_until_ended


def test_result_comes_back():
    assert background.start(pow, 2, 10).result() == 1024


def test_raised_error_named():
    pending = background.start(int, "ten")

    with pytest.raises(BackgroundError, match=r"^ValueError: invalid literal for int\(\) with base 10: 'ten'$"):
        pending.result()


def test_dead_process_has_no_result():
    pending = background.start(os._exit, 3)

    with pytest.raises(BackgroundError, match="ended without a result .exit status 3"):
        pending.result()


def test_stop_all_ends_running_calls():
    pending = background.start(time.sleep, 60)
    started = time.monotonic()

    background.stop_all()

    assert not pending._process.is_alive()
    assert time.monotonic() - started < 10
    assert not background._running


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_call_ends_after_parent_exits():
    # The parent starts a call, then ends with os._exit, as doclint does, without stop_all.
    parent = (
        "import os, time\n"
        "from doclint import background\n"
        "pending = background.start(time.sleep, 0.5)\n"
        "print(pending._process.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    status, child = run_parent(parent)

    assert status == 0
    assert wait_until_ended(child)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ending with the parent needs Linux")
def test_call_ends_when_parent_is_killed():
    # A call busy for a minute: only the kernel's signal on the parent's death can end it in time.
    parent = (
        "import os, signal, time\n"
        "from doclint import background\n"
        "pending = background.start(time.sleep, 60)\n"
        "print(pending._process.pid, flush=True)\n"
        "time.sleep(0.5)\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
    )
    status, child = run_parent(parent)

    assert status == -signal.SIGTERM
    assert wait_until_ended(child)


def _interrupt_state() -> tuple[bool, bool]:
    """Return whether SIGINT is blocked in this process and whether it is ignored."""
    blocked = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    return blocked, signal.getsignal(signal.SIGINT) == signal.SIG_IGN


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks")
def test_call_ignores_ctrl_c_unblocked():
    state_before = _interrupt_state()

    child_state = background.start(_interrupt_state).result()

    assert child_state == (False, True)
    assert _interrupt_state() == state_before


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks")
def test_interrupt_waits_for_block_end():
    received = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: received.append(number))
    try:
        with background.interrupts_blocked():
            os.kill(os.getpid(), signal.SIGINT)
            blocked_during = _interrupt_state()[0]
            received_during = list(received)
        received_after = list(received)
    finally:
        signal.signal(signal.SIGINT, previous)

    assert blocked_during
    assert received_during == []
    assert received_after == [signal.SIGINT]
