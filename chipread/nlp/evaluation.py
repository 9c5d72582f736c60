"""Exact-match precision, recall and F1 per label of a recognizer against a gold JSONL file."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from chipread.model import Entity

# The labels the gold sets annotate; predictions of other labels (CARDINAL, MONEY...) are
# outside the annotation scheme and are not counted as errors.
GOLD_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "DATE")


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    published: date | None
    entities: tuple[dict, ...]
    source: str = ""


def load_gold(path: str | Path) -> list[GoldRecord]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        pub = date.fromisoformat(r["published"]) if r.get("published") else None
        out.append(GoldRecord(r["id"], r["text"], pub, tuple(r["entities"]), r.get("source", "")))
    return out


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    date_values: int = 0
    date_values_right: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        if label is None:
            tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        else:
            tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def support(self, label: str) -> int:
        return self.tp[label] + self.fn[label]

    def table(self) -> str:
        rows = [f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
        for label in GOLD_LABELS:
            if self.support(label) == 0 and self.fp[label] == 0:
                continue
            p, r, f = self.prf(label)
            pred = self.tp[label] + self.fp[label]
            rows.append(f"{label:<8} {p:6.3f} {r:6.3f} {f:6.3f} {self.support(label):5d} {pred:5d}")
        p, r, f = self.prf()
        gold = sum(self.support(x) for x in GOLD_LABELS)
        pred = sum(self.tp.values()) + sum(self.fp.values())
        rows.append(f"{'ALL':<8} {p:6.3f} {r:6.3f} {f:6.3f} {gold:5d} {pred:5d}")
        if self.date_values:
            rows.append(
                f"DATE values right (on exact DATE matches with a gold value): "
                f"{self.date_values_right}/{self.date_values}"
            )
        return "\n".join(rows)


def score(records: list[GoldRecord], predict) -> Scores:
    """predict(record) -> list[Entity]; exact (start, end, label) match."""
    s = Scores()
    for rec in records:
        pred = [e for e in predict(rec) if e.label in GOLD_LABELS]
        gold = {(e["start"], e["end"], e["label"]): e for e in rec.entities}
        seen = set()
        for e in pred:
            key = (e.start, e.end, e.label)
            if key in gold and key not in seen:
                s.tp[e.label] += 1
                seen.add(key)
                g = gold[key]
                if e.label == "DATE" and "value" in g:
                    s.date_values += 1
                    s.date_values_right += int(e.value == g["value"])
            else:
                s.fp[e.label] += 1
                s.errors.append((rec.id, "FP", e.label, e.text))
        for key, g in gold.items():
            if key not in seen:
                s.fn[key[2]] += 1
                s.errors.append((rec.id, "FN", key[2], g["text"]))
    return s


def predict_with(recognizer):
    def predict(rec: GoldRecord) -> list[Entity]:
        return recognizer(rec.text, published=rec.published)

    return predict


__all__ = ["GOLD_LABELS", "GoldRecord", "Scores", "load_gold", "predict_with", "score", "Entity"]
