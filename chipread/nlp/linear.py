"""A linear classifier over string features, its weights read from a JSON file shipped with chipread."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from importlib import resources
from itertools import repeat
from typing import Any

_ZEROS = repeat(0.0)


class LinearModel:
    """Binary logistic scores: sigmoid(bias + sum of the weights of the features present).

    Features absent from the weights count zero, so an unseen word changes nothing. The weights are a
    plain dict: scoring a candidate is a handful of dict lookups, which keeps attribution inside the
    reader's budget.
    """

    __slots__ = ("weights", "bias", "meta")

    def __init__(self, weights: dict[str, float], bias: float = 0.0, meta: dict[str, Any] | None = None) -> None:
        self.weights = weights
        self.bias = bias
        self.meta = meta or {}

    def margin(self, features: Iterable[str]) -> float:
        return self.bias + sum(map(self.weights.get, features, _ZEROS))

    def probability(self, features: Iterable[str]) -> float:
        m = self.margin(features)
        return 1.0 / (1.0 + math.exp(-m)) if m > -30 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"bias": self.bias, "meta": self.meta, "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]), data.get("meta", {}))


@cache
def bundled(name: str) -> LinearModel | None:
    """The model `name` shipped in chipread/nlp/data (None when it is missing: rules then work alone)."""
    try:
        raw = resources.files("chipread.nlp").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return LinearModel.from_json(json.loads(raw))


def train_logistic(
    examples: list[tuple[list[str], int]],
    epochs: int = 6,
    seed: int = 13,
    min_count: int = 2,
    l2: float = 1e-6,
    rate: float = 0.5,
) -> LinearModel:
    """Logistic regression by AdaGrad over shuffled examples (deterministic for a seed and an example order).

    Features seen fewer than min_count times are left out: they would only memorise the training set.
    Weights below 0.01 in size are dropped from the result, which keeps the shipped file small.
    """
    import random

    counts: dict[str, int] = {}
    for feats, _ in examples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    data = [(sorted({f for f in feats if counts[f] >= min_count}), y) for feats, y in examples]
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    bias = bias_g2 = 0.0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for idx in order:
            feats, y = data[idx]
            m = bias + sum(w.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-m)) if m > -30 else 0.0
            g = p - y
            if abs(g) < 1e-4:
                continue
            for f in feats:
                wf = w.get(f, 0.0)
                gf = g + l2 * wf
                acc = g2.get(f, 0.0) + gf * gf
                g2[f] = acc
                w[f] = wf - rate * gf / math.sqrt(acc)
            bias_g2 += g * g
            bias -= rate * g / math.sqrt(bias_g2)
    return LinearModel({f: round(v, 4) for f, v in sorted(w.items()) if abs(v) >= 0.01}, round(bias, 4))
