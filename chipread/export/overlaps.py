"""Choosing non-overlapping spans for formats that cannot hold overlaps (IOB tags, doc.ents): longest first, then label priority."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from chipread.model import LabelSet

T = TypeVar("T")


def label_rank(labels: LabelSet) -> dict[str, int]:
    return {name: i for i, name in enumerate(labels.names)}


def rule_text(labels: LabelSet) -> str:
    names = " > ".join(labels.names) or "alphabetical"
    return f"longest first, then label priority {names}, then the earlier one"


def non_overlapping(items: Sequence[tuple[int, int, str, T]], rank: dict[str, int]) -> tuple[list[T], list[T]]:
    """(kept, dropped) of items (start, end exclusive, label, payload), ranges in any unit (tokens here).

    Rule: the longest range wins; equal lengths go by the label's place in the label set
    (actor before claim before quote by default; unknown labels after, alphabetically), then
    the earlier start. The kept ones come back in text order.
    """
    order = sorted(
        range(len(items)),
        key=lambda i: (-(items[i][1] - items[i][0]), rank.get(items[i][2], len(rank)), items[i][2], items[i][0], i),
    )
    taken: list[tuple[int, int]] = []
    kept_idx, dropped = [], []
    for i in order:
        start, end = items[i][0], items[i][1]
        if any(start < e and s < end for s, e in taken):
            dropped.append(items[i][3])
        else:
            taken.append((start, end))
            kept_idx.append(i)
    kept_idx.sort(key=lambda i: (items[i][0], items[i][1]))
    return [items[i][3] for i in kept_idx], dropped
