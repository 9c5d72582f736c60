"""default_corpus_path() rules, the process pool, and the layer boundary (no UI imports)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import chipread.corpus as corpus_package
from chipread.corpus import default_corpus_path, open_corpus, pool
from chipread.errors import CorpusError

from .conftest import REPO, article


def test_default_corpus_path_prefers_cwd_then_package_then_checkout(tmp_path, monkeypatch):
    here = tmp_path / "here"
    (here / "seeds").mkdir(parents=True)
    package = tmp_path / "site" / "chipread"
    monkeypatch.setattr(corpus_package, "_PACKAGE_DIR", package)
    monkeypatch.chdir(here)
    assert default_corpus_path() == here / "seeds"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site" / "seeds").mkdir(parents=True)  # an editable checkout: seeds/ beside the package
    assert default_corpus_path() == tmp_path / "site" / "seeds"
    (package / "seeds").mkdir(parents=True)  # installed: seeds/ inside the package wins over the checkout
    assert default_corpus_path() == package / "seeds"


def test_default_corpus_path_missing_everywhere(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_package, "_PACKAGE_DIR", tmp_path / "pkg" / "chipread")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusError) as error:
        default_corpus_path()
    assert "no seeds folder found" in str(error.value) and "\n" not in str(error.value)


def test_default_corpus_path_in_this_checkout(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert default_corpus_path() == REPO / "seeds"


def test_process_pool_gives_the_same_corpus(corpus_dir, monkeypatch, tmp_path):
    for n in range(12):
        (corpus_dir / f"s{n}.txt").write_text(article(n), encoding="utf-8")
    single = open_corpus(corpus_dir, cache_dir=tmp_path / "one")
    monkeypatch.setattr(pool, "POOL_MIN_TASKS", 1)
    monkeypatch.setattr(pool, "workers", lambda: 2)
    started = []
    real_executor = pool.executor
    monkeypatch.setattr(pool, "executor", lambda count: started.append(count) or real_executor(count))
    pooled = open_corpus(corpus_dir, cache_dir=tmp_path / "two")
    assert started == ([2] if pool.can_fork() else [])
    assert list(pooled) == list(single)
    assert [pooled.get(i.id) for i in pooled] == [single.get(i.id) for i in single]


def test_pool_falls_back_to_one_process_when_workers_fail(monkeypatch):
    monkeypatch.setattr(pool, "POOL_MIN_TASKS", 1)
    monkeypatch.setattr(pool, "workers", lambda: 2)
    monkeypatch.setattr(pool, "can_fork", lambda: True)

    def broken(count):
        raise OSError("no semaphores here")

    monkeypatch.setattr(pool, "executor", broken)
    assert list(pool.parallel_map(abs, [-1, -2, -3])) == [1, 2, 3]


def test_corpus_layer_imports_no_ui_or_other_layers():
    # Below the corpus only the model, the errors and the language data of chipread.nlp: dates, sentences,
    # abbreviations (its tokenizer comes with its sentences); never its recognizers or attribution models.
    language = (
        "chipread.nlp",
        "chipread.nlp.dates",
        "chipread.nlp.sentences",
        "chipread.nlp.tokenizer",
        "chipread.nlp.wordlists",
    )
    code = (
        "import sys, chipread.corpus, chipread.corpus.html, chipread.corpus.markdown, chipread.corpus.jsonl;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'click', 'tinydb')"
        " or (m.startswith('chipread.') and m.split('.')[1] not in ('corpus', 'model', 'errors', 'forking')"
        f" and m not in {language!r})];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""


def test_no_pool_while_other_threads_run(monkeypatch):
    import threading

    monkeypatch.setattr(pool, "POOL_MIN_TASKS", 1)
    monkeypatch.setattr(pool, "workers", lambda: 2)
    monkeypatch.setattr(pool, "executor", lambda count: (_ for _ in ()).throw(AssertionError("pool started")))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not pool.can_fork()
        assert list(pool.parallel_map(abs, [-1, -2])) == [1, 2]
    finally:
        stop.set()
        thread.join()


HELD_PARSE = """
import os, sys, time
from pathlib import Path
import chipread.corpus.corpus as corpus_module
from chipread.corpus import open_corpus, pool

pool.POOL_MIN_TASKS = 1
pool.workers = lambda: 2  # a pool even on one core
here = Path(sys.argv[2])
parent = os.getpid()

def held(task):
    # In a worker: say so, then hold the task until the parent's death ends this process.
    if os.getpid() != parent:
        (here / str(os.getpid())).write_text("")
        while True:
            time.sleep(60)
    raise SystemExit("the parse ran in the parent: no pool was made")

corpus_module.parse_file = held
open_corpus(Path(sys.argv[1]), cache_dir=here / "cache")
"""


@pytest.mark.slow
def test_parse_workers_die_with_a_killed_parent(tmp_path):
    """A chipread killed during a cold parse must not leave worker processes behind."""
    import os
    import signal
    import time

    # The parse runs in a fresh process (no other threads there), so it forks on any Linux.
    if not sys.platform.startswith("linux"):
        pytest.skip("parse workers are forked on Linux only")
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(64):  # several chunks of tasks, so both workers hold one
        (corpus / f"a{i}.txt").write_text(f"Headline {i}\n\nMinister Wang{i} said the plan was fine.\n")
    here = tmp_path / "workers"
    here.mkdir()
    # Every worker holds its first task until the parent is killed: the kill lands mid-parse on any machine.
    parent = subprocess.Popen([sys.executable, "-c", HELD_PARSE, str(corpus), str(here)], cwd=REPO)

    def seen() -> list[str]:
        return [p.name for p in here.iterdir() if p.name.isdigit()]

    def running(pid: str) -> bool:
        try:
            with open(f"/proc/{pid}/status") as status:
                state = next(line.split()[1] for line in status if line.startswith("State"))
        except (OSError, StopIteration):
            return False
        return state != "Z"  # a zombie is dead, waiting for init to reap it

    try:
        deadline = time.monotonic() + 120  # a generous bound for two workers to start on a busy machine
        while len(seen()) < 2 and parent.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        kids = seen()
        assert parent.poll() is None, f"the parse ended (exit {parent.returncode}) before its workers held a task"
        assert len(kids) == 2, f"workers seen: {kids}"
        os.kill(parent.pid, signal.SIGKILL)
        assert parent.wait() == -signal.SIGKILL
        deadline = time.monotonic() + 60
        while any(running(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [k for k in kids if running(k)]
        assert not left, f"worker processes outlived their killed parent: {left}"
    finally:
        # Whatever failed, nothing this test started keeps running (the workers hold their task forever).
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for k in seen():
            if running(k):
                os.kill(int(k), signal.SIGKILL)
