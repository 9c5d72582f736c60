"""kill -9 during a merge of two 100-article stores, at random acknowledged steps: never unreadable, never a span lost."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from chipread.store import AnnotationStore, doctor, journal
from tests.conftest import REPO
from tests.team.merge_process import build

pytestmark = pytest.mark.slow


def state(root: Path) -> dict[tuple[str, str], frozenset[str]]:
    """(annotator, article) -> span ids, read as a second process would (read-only, every file parsed)."""
    store = AnnotationStore(root, readonly=True)
    try:
        return {
            (who, meta["article_id"]): frozenset(s.id for s in ann.spans)
            for who in store.annotators()
            for _, meta, ann in store.iter_files(who)
        }
    finally:
        store.close()


def merged(dest: Path, source: Path, into: Path) -> dict:
    shutil.copytree(dest, into)
    proc = subprocess.run(
        [sys.executable, "-m", "tests.team.merge_process", str(into), str(source)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return state(into)


def test_kill_9_at_random_steps_of_a_merge(tmp_path):
    dest, source = tmp_path / "dest", tmp_path / "source"
    build(dest, source, articles=100)
    before = state(dest)
    after = merged(dest, source, tmp_path / "reference")
    assert len(before) == 200 and len(after) == 300  # ana and bo; then cy's 100 files too
    steps = sum(1 for k in after if k in before and after[k] != before[k]) + (len(after) - len(before))
    assert steps == 200  # ana's 100 changed files and cy's 100 new ones
    rng = random.Random(20240612)
    outcomes = set()
    # Kill points across staging (before the commit), around it, and while files move into place.
    points = sorted(
        {0, 1, steps - 1, steps, steps + 1, steps + 2, 2 * steps} | {rng.randint(0, 2 * steps + 1) for _ in range(9)}
    )
    for round_, point in enumerate(points):
        root = tmp_path / f"round{round_}"
        shutil.copytree(dest, root)
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.team.merge_process", str(root), str(source)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        acks = []
        for _ in range(point):
            line = proc.stdout.readline().strip()
            if not line or line == "done":
                break
            acks.append(line)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        committed = "committed 1" in acks

        # Right after the kill: every file opens, and no span of either side was lost or invented.
        assert [p for p in doctor.scan(root) if p.kind == "damaged"] == []
        now = state(root)
        for key, ids in before.items():
            assert ids <= now[key], f"round {round_}: a span of {key} was lost"
        for key, ids in now.items():
            assert ids <= after[key], f"round {round_}: {key} holds spans no store had"

        # The next writer of each annotator finishes a committed merge; an uncommitted one leaves no trace.
        with AnnotationStore(root) as store:
            for who in ("ana", "bo", "cy"):
                store.claim(who)
        final = state(root)
        assert final in (before, after), f"round {round_}: half a merge survived (acks: {acks[-3:]})"
        if committed:
            assert final == after
        assert not (root / journal.PENDING).exists()
        outcomes.add("merged" if final == after else "untouched")
        shutil.rmtree(root)
    assert outcomes == {"merged", "untouched"}  # the kills landed both before and after the commit
