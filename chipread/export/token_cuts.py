"""Tokens cut at span edges, so that every span of a record starts and ends on a token of the export itself.

A span made in chipread always lies on token boundaries; one imported from another tool may
not ("U.S." tagged inside the token "U.S.-led"). Rather than widen such a span to the tokens it
touches (and so change what was annotated), the formats that carry tokens (jsonl, conll,
spacy) cut the token in two at the span's edge, for that record only, and say how many.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence


def edges_inside(starts: Sequence[int], ends: Sequence[int], offsets: Iterable[int]) -> list[int]:
    """The offsets (sorted, once each) that fall strictly inside a token."""
    out = []
    for e in sorted(set(offsets)):
        i = bisect_right(starts, e) - 1
        if i >= 0 and starts[i] < e < ends[i]:
            out.append(e)
    return out


def cut(starts: Sequence[int], ends: Sequence[int], edges: Sequence[int]) -> tuple[list[int], list[int]]:
    """The token bounds with each token that an edge (sorted, from edges_inside) falls inside cut there."""
    new_starts: list[int] = []
    new_ends: list[int] = []
    k = 0
    for a, b in zip(starts, ends):
        while k < len(edges) and edges[k] < b:
            if edges[k] > a:
                new_starts.append(a)
                new_ends.append(edges[k])
                a = edges[k]
            k += 1
        new_starts.append(a)
        new_ends.append(b)
    return new_starts, new_ends


def cut_at_spans(
    starts: Sequence[int], ends: Sequence[int], bounds: Iterable[tuple[int, int]]
) -> tuple[list[int], list[int], int] | None:
    """(starts, ends, number of spans that needed a cut) with the tokens cut at every span edge inside a
    token, or None when every edge is on a token boundary already (the usual case: nothing is copied)."""
    bounds = list(bounds)
    edges = edges_inside(starts, ends, (o for span in bounds for o in span))
    if not edges:
        return None
    inside = set(edges)
    spans = sum(1 for a, b in bounds if a in inside or b in inside)
    new_starts, new_ends = cut(starts, ends, edges)
    return new_starts, new_ends, spans


def spaces_after(text: str, starts: Sequence[int], ends: Sequence[int]) -> list[bool]:
    """Whether one space follows each token (spaCy's `spaces`, Prodigy's `ws`): any other whitespace
    between tokens is a token of its own in the formats that use this."""
    nexts = list(starts[1:]) + [len(text)]
    return [n - e == 1 for e, n in zip(ends, nexts)]
