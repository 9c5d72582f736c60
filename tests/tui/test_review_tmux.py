"""End to end: `chipread review` in tmux settles one disagreement, then `export --annotator gold` is the dataset."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.cli.conftest import chipread_executable
from tests.team.conftest import TEXTS, annotate, articles
from tests.tui.test_e2e_tmux import Terminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_adjudicate_one_disagreement_in_tmux_and_export_gold(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_vote.txt").write_text(TEXTS["a_vote.txt"], encoding="utf-8")
    db = tmp_path / "db"
    vote = articles(corpus)["a_vote"]
    annotate(db, vote, "ana", [("Mayor Lena Ortiz", "actor"), ("Opponents", "actor")], status="done")
    annotate(db, vote, "bo", [("Mayor Lena Ortiz", "actor"), ("Opponents", "claim")], status="done")
    env = {
        "CHIPREAD_CACHE_DIR": os.environ["CHIPREAD_CACHE_DIR"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }
    command = [*chipread_executable(), "--corpus", str(corpus), "--db", str(db), "review"]
    term = Terminal(f"chipread-review-{os.getpid()}", command, env, (120, 36))
    try:
        term.wait_for("review: 0 of 1 disagreements settled")
        term.keys("Enter")
        term.wait_for("conflicting label")
        term.wait_for("disagreement 1 of 1")
        term.keys("2")  # bo's version: Opponents as a claim
        term.wait_for("saved ✓ accepted claim of bo")
        term.keys("d")
        term.wait_for("every article to review is adjudicated")
        term.keys("C-q")
        term.wait_for("CHIPREAD-EXITED-0")
    finally:
        term.close()
    out = subprocess.run(
        [*chipread_executable(), "--corpus", str(corpus), "--db", str(db), "export", "--annotator", "gold"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    (record,) = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert record["annotator"] == "gold" and record["status"] == "done"
    assert sorted((s["text"], s["label"]) for s in record["spans"]) == [
        ("Mayor Lena Ortiz", "actor"),
        ("Opponents", "claim"),
    ]
