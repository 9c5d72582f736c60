"""Running the real `chipread` executable in a subprocess, on a private corpus and store."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


def chipread_executable() -> list[str]:
    script = Path(sys.executable).parent / "chipread"
    return [str(script)] if script.exists() else [sys.executable, "-m", "chipread"]


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class CLI:
    cwd: Path
    corpus: Path
    db: Path

    def __call__(
        self,
        *args: str,
        annotator: str = "alice",
        input: str | None = None,
        env: dict | None = None,
        global_opts: bool = True,
    ) -> Result:
        opts = ["--corpus", str(self.corpus), "--db", str(self.db), "--annotator", annotator] if global_opts else []
        proc = subprocess.run(
            [*chipread_executable(), *opts, *args],
            cwd=self.cwd,
            input=input,
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "200", **(env or {})},
            timeout=120,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(tmp_path, seeds_copy) -> CLI:
    return CLI(cwd=tmp_path, corpus=seeds_copy, db=tmp_path / "annotations")


def assert_one_line_error(result: Result, *needles: str) -> None:
    assert result.code != 0
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    for needle in needles:
        assert needle in lines[0], lines[0]
