"""Big exports run the article-only work ahead in worker processes: same bytes, bounded read-ahead, clean fallbacks."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from chipread.export import ExportOptions, export, parallel
from chipread.export.jsonl import JsonlWriter, head_work
from tests.export.conftest import GOLDEN

ALL = ExportOptions(include_all=True)
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pool forks on Linux only")


@pytest.fixture
def pool_for_all(monkeypatch):
    """A pool for every export, 2 workers, 2 articles a chunk and 1 chunk ahead: several chunks reuse slots."""
    monkeypatch.setattr(parallel, "POOL_MIN_ARTICLES", 0)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    monkeypatch.setattr(parallel, "AHEAD", 1)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    # Other tests may leave a thread behind (spaCy's tqdm monitor): forking beside it is fine here.
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    unpacked = []
    real = parallel._unpack

    def counting(shared, packed):
        unpacked.append(packed)
        return real(shared, packed)

    monkeypatch.setattr(parallel, "_unpack", counting)
    return unpacked


def test_workers_write_the_golden_bytes(store, tmp_path, pool_for_all):
    out = tmp_path / "out.jsonl"
    report = export(store.open(), "jsonl", out, ALL)
    assert len(pool_for_all) == report.articles == 7  # every article's head came from a worker
    assert out.read_bytes() == (GOLDEN / "jsonl.jsonl").read_bytes()


def test_results_too_big_for_their_slot_are_pickled(store, tmp_path, pool_for_all, monkeypatch):
    monkeypatch.setattr(parallel, "SLOT_BYTES", 64)
    out = tmp_path / "out.jsonl"
    export(store.open(), "jsonl", out, ALL)
    assert any(isinstance(item, bytes) for packed in pool_for_all for item in packed)
    assert out.read_bytes() == (GOLDEN / "jsonl.jsonl").read_bytes()


PARENT = os.getpid()


def dies_in_a_worker(fields):
    """head_work(), except that a worker process running it dies on the spot."""
    if os.getpid() != PARENT:
        os._exit(3)
    return head_work(fields)


def test_a_dead_worker_means_this_process_does_the_work(store, tmp_path, pool_for_all, monkeypatch):
    key, prepare, _ = JsonlWriter.article_work
    monkeypatch.setattr(JsonlWriter, "article_work", (key, prepare, dies_in_a_worker))
    out = tmp_path / "out.jsonl"
    export(store.open(), "jsonl", out, ALL)
    assert pool_for_all == []  # no worker lived to send a result
    assert out.read_bytes() == (GOLDEN / "jsonl.jsonl").read_bytes()


def a_bug(fields):
    raise ZeroDivisionError("a bug in the format")


@pytest.mark.parametrize("where", ["module", "local"], ids=["in-worker", "unpicklable"])
def test_an_error_in_the_work_is_raised_as_itself(store, tmp_path, pool_for_all, monkeypatch, where):
    def local_bug(fields):  # cannot be sent to a worker: fails while pickling, then here
        raise ZeroDivisionError("a bug in the format")

    key, prepare, _ = JsonlWriter.article_work
    monkeypatch.setattr(JsonlWriter, "article_work", (key, prepare, a_bug if where == "module" else local_bug))
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n")
    with pytest.raises(ZeroDivisionError, match="a bug in the format"):
        export(store.open(), "jsonl", out, ALL)
    assert out.read_text() == "previous export\n"


def test_no_pool_for_a_small_export_nor_beside_other_threads(store, tmp_path, monkeypatch):
    made = []
    monkeypatch.setattr(parallel, "_pipeline", lambda *a, **k: made.append(a) or iter(()))
    export(store.open(), "jsonl", tmp_path / "small.jsonl", ALL)  # 7 articles: below POOL_MIN_ARTICLES
    monkeypatch.setattr(parallel, "POOL_MIN_ARTICLES", 0)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        export(store.open(), "jsonl", tmp_path / "threads.jsonl", ALL)  # a Textual app runs threads: no fork
    finally:
        stop.set()
        thread.join()
    assert made == []
    assert (tmp_path / "threads.jsonl").read_bytes() == (GOLDEN / "jsonl.jsonl").read_bytes()


def test_no_pool_where_none_can_be_made(store, tmp_path, monkeypatch):
    import concurrent.futures

    def refuse(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # e.g. no working sem_open in a sandbox

    monkeypatch.setattr(parallel, "POOL_MIN_ARTICLES", 0)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    out = tmp_path / "out.jsonl"
    export(store.open(), "jsonl", out, ALL)
    assert out.read_bytes() == (GOLDEN / "jsonl.jsonl").read_bytes()


def _double(text):
    return (text.encode() * 2,)


def test_records_stream_in_order_with_a_bounded_read_ahead(monkeypatch):
    monkeypatch.setattr(parallel, "POOL_MIN_ARTICLES", 0)
    monkeypatch.setattr(parallel, "CHUNK", 4)
    monkeypatch.setattr(parallel, "AHEAD", 2)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    read = [0]

    def records():
        for n in range(500):
            view = SimpleNamespace(article=SimpleNamespace(text=f"article {n} " * (n % 7)), cache={})
            for who in range(1 + n % 3):  # several annotators of one article follow each other
                read[0] += 1
                yield SimpleNamespace(view=view, who=who, n=n)

    seen = []
    most_ahead = 0
    for record in parallel.ahead(records(), "k", lambda view: view.article.text, _double, 500):
        assert record.view.cache["k"] == _double(record.view.article.text)
        seen.append((record.n, record.who))
        most_ahead = max(most_ahead, read[0] - len(seen))
    assert seen == [(n, who) for n in range(500) for who in range(1 + n % 3)]
    # At most (AHEAD * workers + 1) chunks in flight plus the chunk being filled, 3 records an article.
    assert most_ahead <= (2 * 2 + 2) * 4 * 3


def test_stdout_through_the_pool(store, tmp_path):
    code = (
        "import sys; import chipread.export.parallel as p; p.POOL_MIN_ARTICLES = 0; p.CHUNK = 2;"
        "unpack = p._unpack; used = [];"
        "p._unpack = lambda *a: used.append(1) or unpack(*a);"
        "from chipread.workspace import Workspace; from chipread.export import export, ExportOptions;"
        "ws = Workspace.open(sys.argv[1], db=sys.argv[2], annotator='x', write=False);"
        "print('pending', flush=False); export(ws, 'jsonl', '-', ExportOptions(include_all=True));"
        "print(len(used), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(store.corpus), str(store.db)],
        check=True,
        capture_output=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stderr.strip() == b"7"  # the workers did the heads
    # What was pending in stdout when the workers forked is written once, not once more by each worker.
    assert done.stdout.count(b"pending\n") == 1
    assert done.stdout.replace(b"pending\n", b"") == (GOLDEN / "jsonl.jsonl").read_bytes()


def test_killing_the_export_takes_its_workers_with_it(store, tmp_path):
    import signal
    import time

    code = (
        "import sys, time; import chipread.export.parallel as p; p.POOL_MIN_ARTICLES = 0; p.CHUNK = 1;"
        "import chipread.export.jsonl as j;"
        "slow = lambda fields: (time.sleep(0.5), j.head_work(fields))[1];"
        "j.JsonlWriter.article_work = ('jsonl_head', j.head_fields, slow);"
        "from chipread.workspace import Workspace; from chipread.export import export, ExportOptions;"
        "ws = Workspace.open(sys.argv[1], db=sys.argv[2], annotator='x', write=False);"
        "export(ws, 'jsonl', sys.argv[3], ExportOptions(include_all=True))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(store.corpus), str(store.db), str(tmp_path / "o.jsonl")],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def children() -> list[int]:
        out = []
        for task in Path(f"/proc/{proc.pid}/task").glob("*"):
            text = (task / "children").read_text() if (task / "children").exists() else ""
            out += [int(pid) for pid in text.split()]
        return out

    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and not workers:
        workers = children()
        time.sleep(0.05)
    assert workers, "the export forked no worker"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    alive = workers
    while time.monotonic() < deadline and alive:
        alive = [
            pid
            for pid in workers
            if Path(f"/proc/{pid}").exists()
            and "Z" not in (Path(f"/proc/{pid}/stat").read_text().split()[2:3] or ["Z"])
        ]
        time.sleep(0.05)
    assert alive == [], "workers outlived the killed export"
    assert not (tmp_path / "o.jsonl").exists()
