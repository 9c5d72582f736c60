"""Run a format's article-only work (jsonl: each article's head and tokens) ahead in worker processes, in order.

A big export spends most of its time on work that depends on an article's text alone. Here
that work runs in forked worker processes a few chunks ahead of the writer, while this
process reads the store and writes; results are handed to the records in their order,
and at most `AHEAD` chunks per worker are in flight, so memory stays flat however big the
export. Small exports, platforms without a safe fork, and any failure of the pool run the
same work in this process instead (the work is a pure function: the bytes are the same).

Results are bytes and arrays (jsonl: ~60 KB of tokens per article, most of the output).
Pickled through a pipe they would cost both processes more than the tokens themselves, so
each chunk in flight has a slot in an anonymous shared mapping made before the fork: the
worker copies its results there and sends only where they are; a result that
does not fit is pickled as usual.
"""

from __future__ import annotations

import mmap
import os
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from chipread.forking import can_fork, cores, die_with_parent

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .records import ExportedArticle, Record

# Below this many articles the pool's start (~10 ms a worker) and messages do not pay.
POOL_MIN_ARTICLES = 200
# Articles per message, at most: fewer, larger messages (one costs ~0.1 ms of this process's time).
CHUNK = 16
# Characters of text per message, at most (a long article goes alone): jsonl makes ~15 bytes of
# a character, so a chunk's results stay well inside its slot.
CHUNK_CHARS = 64_000
# Chunks in flight per worker: enough to keep workers busy, few enough to bound memory.
AHEAD = 2
MAX_WORKERS = 4
# Shared bytes per chunk in flight; only the pages used become resident (~1 MB a chunk of news).
SLOT_BYTES = 4 << 20

# prepare(view) -> what work needs of an article, picklable and small (not the view: it holds the workspace).
Prepare = Callable[["ExportedArticle"], Any]
# work(prepared) -> a tuple; its bytes and array.array items travel through shared memory, others pickled.
Work = Callable[[Any], tuple]


def worker_count() -> int:
    """Workers for this machine: one a core (this process, which reads the store and writes, shares
    them: on 2 cores 2 workers beat 1 when the vocabulary is large), none on a single core."""
    count = cores()
    return min(count, MAX_WORKERS) if count > 1 else 0


_shared: mmap.mmap | None = None  # in a worker: the slots, inherited through fork


class _InSlot(NamedTuple):
    """Where a worker put a bytes or array result in the shared slots."""

    typecode: str  # "" for bytes
    pos: int
    size: int


def _start_worker(shared: mmap.mmap, parent: int) -> None:
    global _shared
    _shared = shared
    # A killed chipread (kill -9, a closed pipe) takes its workers with it: no orphan keeps the
    # output pipe or the store's lock file open.
    die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent stops the export and the pool, workers stay quiet.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(work: Work, inputs: list, slot: int) -> list[list]:
    """work() over inputs in a worker; its bytes and arrays go to the chunk's slot, _InSlot says where."""
    shared = _shared
    assert shared is not None
    pos = slot * SLOT_BYTES
    end = pos + SLOT_BYTES
    out = []
    for prepared in inputs:
        packed: list = []
        for item in work(prepared):
            if not isinstance(item, (bytes, array)):
                packed.append(item)
                continue
            data = memoryview(item).cast("B")
            size = data.nbytes
            if pos + size > end:
                packed.append(item)  # does not fit: pickled
                continue
            shared[pos : pos + size] = data
            packed.append(_InSlot(getattr(item, "typecode", ""), pos, size))
            pos += size
        out.append(packed)
    return out


def _unpack(shared: mmap.mmap, packed: list) -> tuple:
    out = []
    for item in packed:
        if type(item) is _InSlot:
            typecode, pos, size = item
            data = shared[pos : pos + size]  # a copy: the slot is free again at once
            item = array(typecode, data) if typecode else data
        out.append(item)
    return tuple(out)


def ahead(records: Iterator[Record], key: str, prepare: Prepare, work: Work, articles: int) -> Iterator[Record]:
    """`records`, with view.cache[key] = work(prepare(view)) set for each article before its records come.

    Without a pool nothing is set: the writer does the work itself when the key is missing.
    """
    count = worker_count()
    if articles < POOL_MIN_ARTICLES or count < 1 or not can_fork():
        yield from records
        return
    limit = AHEAD * count
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Made before the workers are forked (on the first submit), so they share it; with fork the
        # initializer's arguments are inherited, not pickled.
        shared = mmap.mmap(-1, (limit + 1) * SLOT_BYTES)
        pool = ProcessPoolExecutor(
            max_workers=count,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(shared, os.getpid()),
        )
    except Exception:  # noqa: BLE001 - no pool here (no semaphores, no fork...): the work runs in this process
        yield from records
        return
    try:
        yield from _pipeline(pool, shared, records, key, prepare, work, limit)
    finally:
        # Waits for the chunks still in flight (a few, small) rather than cancelling them: with
        # cancel_futures=True, Python 3.11 can wait forever for a chunk that failed to pickle.
        pool.shutdown(wait=True)
        shared.close()


def _pipeline(
    pool: Any, shared: mmap.mmap, records: Iterator[Record], key: str, prepare: Prepare, work: Work, limit: int
) -> Iterator[Record]:
    held: deque[tuple[int, Record]] = deque()  # records waiting for their article's result, in order
    flying: deque[tuple[Future | None, list[ExportedArticle]]] = deque()
    batch: list[ExportedArticle] = []  # articles for the next chunk
    chars = 0  # their text's length
    launched = 0  # chunks sent; chunk k uses slot k % (limit + 1): at most limit + 1 are in flight
    seen = 0  # articles met so far; the n-th article has number n - 1
    landed = 0  # articles whose result is in their view's cache
    broken = False
    last = None

    def launch() -> None:
        nonlocal batch, chars, broken, launched
        future = None
        if not broken:
            try:
                future = pool.submit(_run_chunk, work, [prepare(view) for view in batch], launched % (limit + 1))
            except Exception:  # noqa: BLE001 - e.g. a daemon process may not fork: go on in this process
                broken = True
        flying.append((future, batch))
        batch = []
        chars = 0
        launched += 1

    def land() -> None:
        nonlocal landed, broken
        future, views = flying.popleft()
        results = None
        if future is not None:
            try:
                results = [_unpack(shared, packed) for packed in future.result()]
            except Exception:  # noqa: BLE001 - a worker died or failed: this process redoes it (and raises a real error)
                broken = True
        if results is None:
            results = [work(prepare(view)) for view in views]
        for view, result in zip(views, results):
            view.cache[key] = result
        landed += len(views)

    for record in records:
        if record.view is not last:
            last = record.view
            seen += 1
            batch.append(last)
            chars += len(last.article.text)
            if len(batch) == CHUNK or chars >= CHUNK_CHARS:
                launch()
                while len(flying) > limit:
                    land()
        held.append((seen - 1, record))
        while held and held[0][0] < landed:
            yield held.popleft()[1]
    if batch:
        launch()
    while flying:
        land()
        while held and held[0][0] < landed:
            yield held.popleft()[1]
