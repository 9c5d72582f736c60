"""Spread a cold parse of many articles over the machine's cores; one process when a pool cannot help or is unsafe."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from chipread.forking import can_fork, cores, die_with_parent

T = TypeVar("T")
R = TypeVar("R")

# Below this many articles, starting worker processes costs more than it saves.
POOL_MIN_TASKS = 300
MAX_WORKERS = 8


def workers() -> int:
    return min(cores(), MAX_WORKERS)


def executor(count: int):
    """A pool of `count` forked workers (imported here: only a cold open of many files needs one)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


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
