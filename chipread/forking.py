"""When worker processes may be forked, how many, and that they die with their parent: for the corpus parse."""

from __future__ import annotations

import os
import sys
import threading


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be forked safely here.

    Only fork is used: spawn and forkserver re-import the caller's main script in every worker, which
    silently re-runs a script that lacks an `if __name__ == "__main__"` guard. Fork is safe on Linux
    when no other thread runs (a thread could hold a lock the child would inherit, as in a Textual app);
    elsewhere the work runs in one process.
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1


def die_with_parent(parent: int) -> None:
    """In a forked worker: be killed when the parent dies (Linux), so no orphan outlives a killed chipread."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
