"""Shared helpers for the NLP tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session")
def gold_texts() -> list[str]:
    out = []
    for name in ("seeds", "holdout", "fresh"):
        for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            out.append(json.loads(line)["text"])
    return out


@pytest.fixture(scope="session")
def builtin():
    from chipread.nlp import load_recognizer

    return load_recognizer("builtin")


def ents(recognizer, text, published=None):
    return {(e.text, e.label) for e in recognizer(text, published=published)}
