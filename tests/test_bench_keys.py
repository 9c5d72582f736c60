"""bench_keys replays a reference annotation through the reader and proves the store then equals it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_keys.py"), *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )


def test_the_reference_is_reproduced_exactly_and_the_keys_are_counted():
    result = run(str(REPO / "tests" / "data" / "keys_reference.jsonl"))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["exact"] is True and "store equals the reference: yes" in result.stdout
    assert (out["spans"], out["spans_reproduced"], out["links"], out["links_reproduced"]) == (20, 20, 10, 10)
    assert set(out["by_label"]) == {"actor", "claim", "quote"}
    by_label = out["by_label"]
    assert sum(row["spans"] for row in by_label.values()) == 20
    spent = sum(row["keys"] for row in by_label.values())
    assert out["keys_per_span"] == round(spent / 20, 2) and spent >= 20 - 9  # at most the links' speakers free
    # Every key pressed is accounted for by kind.
    assert sum(out["where"].values()) == spent + round(out["keys_per_link"] * 10)
    # Suggestions trimmed or grown after tab, then taken by enter with their speaker: planned, pressed, and the
    # store (checked exact above) holds the edited spans and their links.
    assert out["plans"].get("enter: the suggestion resized, with its speaker", 0) >= 1


def test_a_pronoun_speaker_is_reported_as_not_reproducible_rather_than_faked(tmp_path):
    reference = json.loads((REPO / "tests" / "data" / "keys_reference.jsonl").read_text(encoding="utf-8"))
    text = reference["text"]
    he = text.index("He also called")
    reference["spans"].append({"start": he, "end": he + 2, "label": "actor", "id": "he"})
    claim = text.index("adhere to the principle")
    reference["spans"].append(
        {"start": claim, "end": claim + len("adhere to the principle"), "label": "claim", "id": "c9"}
    )
    reference["relations"].append({"head_id": "c9", "child_id": "he"})
    path = tmp_path / "with_pronoun.jsonl"
    path.write_text(json.dumps(reference, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["exact"] is False and out["links_reproduced"] == 10 and out["links"] == 11
    assert "a pronoun or description is never stored as the actor" in result.stdout


def test_a_missing_reference_is_one_line_and_a_failure():
    result = run("nowhere.jsonl")
    assert result.returncode != 0 and result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr
