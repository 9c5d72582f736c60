"""Token-level categories of an annotation: the unit of kappa and alpha (which labels cover each token)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from chipread.model import Token

OUTSIDE = "O"


def covering(tokens: list[Token], spans: Iterable[tuple[int, int, str]]) -> list[frozenset[str]]:
    """For each token, the labels of the spans that share a character with it."""
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    cover: list[set[str]] = [set() for _ in tokens]
    for start, end, label in spans:
        # Tokens with end > start and start < end.
        for i in range(bisect_right(ends, start), bisect_left(starts, end)):
            cover[i].add(label)
    return [frozenset(c) for c in cover]


def categories(cover: list[frozenset[str]], label: str | None = None) -> list[str]:
    """One category per token: for one label, that label or O; for all, the labels joined by '+' (O if none)."""
    if label is not None:
        return [label if label in c else OUTSIDE for c in cover]
    return ["+".join(sorted(c)) if c else OUTSIDE for c in cover]
