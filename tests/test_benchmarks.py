"""Every benchmark still runs (tiny sizes, figures not checked): a benchmark that rots is a figure nobody can reproduce."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

RUNS = {
    "bench_store.py": ["--sizes", "100,300", "--reps", "5"],
    "bench_corpus.py": ["--articles", "60"],
    "bench_export.py": ["--articles", "40", "--small", "20", "--spans", "3", "--runs", "1"],
    "bench_ner.py": ["--repeat", "1", "--model", "none-installed"],
    "eval_ner.py": ["--model", "none-installed"],
    "bench_reader.py": ["--chars", "5000", "--spans", "40", "--moves", "4"],
    "bench_library.py": ["--articles", "200"],
    "bench_team.py": ["--articles", "10", "--agree-articles", "5"],
    "bench_keys.py": [str(REPO / "tests" / "data" / "keys_reference.jsonl")],
}
HELPERS = {"memory.py", "keyplan.py"}  # modules the scripts import, not scripts


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(RUNS))
def test_benchmark_runs_and_prints_figures(script, tmp_path):
    env = {**os.environ, "CHIPREAD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *RUNS[script]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert any(ch.isdigit() for ch in out.stdout)


def test_every_benchmark_is_covered():
    scripts = {p.name for p in (REPO / "benchmarks").glob("*.py") if p.name not in HELPERS}
    assert scripts == set(RUNS)
