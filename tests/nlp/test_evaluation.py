"""Floors just below today's scores, so a regression shows (the figures: benchmarks/eval_ner.py)."""

from __future__ import annotations

import pytest

from chipread.nlp.evaluation import load_gold, predict_with, score

from .conftest import DATA


@pytest.mark.parametrize(
    "name, floor_all, floors",
    [
        ("seeds", 0.98, {"PERSON": 0.97, "GPE": 0.98, "NORP": 0.97, "ORG": 0.93, "DATE": 0.97}),
        ("holdout", 0.96, {"PERSON": 0.93, "GPE": 0.96, "NORP": 0.97, "ORG": 0.93, "DATE": 0.97}),
        ("fresh", 0.85, {"PERSON": 0.82, "GPE": 0.95, "DATE": 0.97}),
    ],
)
def test_builtin_f1_floors(builtin, name, floor_all, floors):
    s = score(load_gold(DATA / f"{name}.jsonl"), predict_with(builtin))
    assert s.prf()[2] >= floor_all
    for label, floor in floors.items():
        assert s.prf(label)[2] >= floor, label
    if name != "fresh":
        assert s.date_values_right >= s.date_values - 2


def test_gold_records_are_self_consistent():
    for name in ("seeds", "holdout", "fresh", "blind"):
        for rec in load_gold(DATA / f"{name}.jsonl"):
            assert rec.text and rec.entities
            for e in rec.entities:
                assert rec.text[e["start"] : e["end"]] == e["text"]
            spans = sorted((e["start"], e["end"]) for e in rec.entities)
            assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_scorer_counts_exact_matches_only():
    from chipread.model import Entity
    from chipread.nlp.evaluation import GoldRecord

    rec = GoldRecord("x", "Wang Wentao met", None, ({"start": 0, "end": 11, "label": "PERSON", "text": "Wang Wentao"},))
    s = score([rec], lambda r: [Entity(0, 4, "PERSON", "Wang", "t")])
    assert (s.tp["PERSON"], s.fp["PERSON"], s.fn["PERSON"]) == (0, 1, 1)
    s = score([rec], lambda r: [Entity(0, 11, "PERSON", "Wang Wentao", "t")])
    assert s.prf() == (1.0, 1.0, 1.0)
