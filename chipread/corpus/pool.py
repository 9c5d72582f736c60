"""Spread a cold parse of many articles over the machine's cores; one process when a pool cannot help or is unsafe."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many articles, starting worker processes costs more than it saves.
POOL_MIN_TASKS = 300
MAX_WORKERS = 8


def workers() -> int:
    try:
        return min(len(os.sched_getaffinity(0)), MAX_WORKERS)
    except (AttributeError, OSError):
        return min(os.cpu_count() or 1, MAX_WORKERS)


def can_fork() -> bool:
    """Whether worker processes can be forked safely here.

    Only fork is used: spawn and forkserver re-import the caller's main script in every worker, which
    silently re-runs a script that lacks an `if __name__ == "__main__"` guard. Fork is safe on Linux
    when no other thread runs (a thread could hold a lock the child would inherit, as in a Textual app);
    elsewhere the parse runs in one process.
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1


def executor(count: int):
    """A pool of `count` forked workers (imported here: only a cold open of many files needs one)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"))


def parallel_map(fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
    """fn over tasks, results in order. fn must be a module-level function (it runs in child processes)."""
    count = workers()
    if len(tasks) < POOL_MIN_TASKS or count < 2 or not can_fork():
        yield from map(fn, tasks)
        return
    done = 0
    try:
        chunk = max(8, min(64, len(tasks) // (count * 8)))
        with executor(count) as pool:
            for result in pool.map(fn, tasks, chunksize=chunk):
                yield result
                done += 1
    except (OSError, RuntimeError, ImportError, EOFError):
        # No pool here (a sandbox without semaphores, a broken worker): finish in this process.
        yield from map(fn, tasks[done:])
