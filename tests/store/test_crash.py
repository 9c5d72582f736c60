"""Crash safety: kill -9 (and SIGHUP) a writing process mid-step; the store always opens whole.

The kill lands after a random number of acknowledged steps (counted on the writer's pipe, never timed), so
the test does the same amount of work on an idle laptop and on two busy cores.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from chipread.store import AnnotationStore, doctor
from tests.conftest import REPO, make_article
from tests.store.writer_process import TEXT

ARTICLE = make_article(TEXT, handle="crash")


_started: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _no_writer_left_behind():
    """A writer loops until killed: whatever a test asserts, none it started outlives it."""
    yield
    while _started:
        proc = _started.pop()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def start_writer(root: Path, mode: str = "add", annotator: str = "alice") -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer_process", str(root), annotator, mode],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    _started.append(proc)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def read_until_acknowledged(proc: subprocess.Popen, steps: int) -> list[str]:
    """The writer's lines up to and including its `steps`-th "done" (it keeps writing meanwhile)."""
    assert proc.stdout is not None
    lines: list[str] = []
    done = 0
    while done < steps:
        line = proc.stdout.readline()
        assert line, f"the writer stopped after {done} of {steps} steps (exit {proc.wait()})"
        lines.append(line.rstrip("\n"))
        done += line == "done\n"
    return lines


def replay(lines: list[str], present: dict[str, bool]) -> bool:
    """Apply the writer's acknowledgements, in order, to what must now be in the store.

    Returns whether a step was in flight when the writer died (started, not acknowledged).
    """
    in_flight = False
    for line in lines:
        kind, _, span_id = line.partition(" ")
        if kind in ("added", "deleted"):
            present[span_id] = kind == "added"
        else:
            in_flight = kind == "step"
    return in_flight


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP])
def test_killed_writer_never_loses_an_acknowledged_tag(tmp_path, sig):
    root = tmp_path / "annotations"
    rng = random.Random(1234 + sig)
    present: dict[str, bool] = {}
    added_in_add_rounds = 0
    for round_ in range(25):
        mode = "churn" if round_ % 2 else "add"
        steps = rng.randint(0, 12)
        proc = start_writer(root, mode=mode)
        lines = read_until_acknowledged(proc, steps)
        proc.send_signal(sig)
        assert proc.stdout is not None
        lines += proc.stdout.read().splitlines()
        # It died of the signal sent, not of an error of its own before or after it.
        assert proc.wait(timeout=60) == -sig, f"round {round_}: the writer exited with {proc.returncode}"
        in_flight = replay(lines, present)
        if mode == "add":  # each acknowledged step of an add round tagged one new word
            added = sum(line.startswith("added ") for line in lines)
            assert added >= steps
            added_in_add_rounds += added

        # The store opens, no file is damaged, and every acknowledged change is there.
        assert [p for p in doctor.scan(root) if p.kind == "damaged"] == []
        store = AnnotationStore(root, readonly=True)
        ids = {s.id for s in store.load(ARTICLE.id, "alice").spans}
        expected = {span_id for span_id, here in present.items() if here}
        # Exactly what was acknowledged; a step in flight may have landed too (it changes one span).
        difference = ids ^ expected
        assert len(difference) <= (1 if in_flight else 0), (
            f"round {round_}: stored spans differ from the acknowledged ones by {difference} (step in flight: {in_flight})"
        )
        for span_id in difference:
            present[span_id] = span_id in ids
    # The add rounds acknowledged as many new spans as steps were counted: the kills came mid-work, not before it.
    assert len(present) >= added_in_add_rounds > 0


def test_second_writer_process_is_refused_with_who_holds_it(tmp_path):
    root = tmp_path / "annotations"
    first = start_writer(root)
    try:
        second = subprocess.run(
            [sys.executable, "-m", "tests.store.writer_process", str(root), "alice", "add"],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=30,
        )
        assert second.returncode == 3
        assert second.stdout.strip() == "locked"
        viewer = AnnotationStore(root)
        assert not viewer.claim("alice")
        assert f"pid {first.pid}" in viewer.lock_message("alice")
        # Another annotator on the same store writes in parallel without trouble.
        bob = start_writer(root, annotator="bob")
        read_until_acknowledged(bob, 2)
        bob.kill()
        bob.wait()
    finally:
        first.kill()
        first.wait()
    assert first.returncode == -signal.SIGKILL
    assert [p for p in doctor.scan(root) if p.kind == "damaged"] == []
    store = AnnotationStore(root, readonly=True)
    assert store.load(ARTICLE.id, "alice").spans
    assert store.load(ARTICLE.id, "bob").spans
    # The lock dies with its process: the next writer gets it.
    assert AnnotationStore(root).claim("alice")
