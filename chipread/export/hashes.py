"""Stable hashes and ids for exported tasks: sha256-based, never Python's per-process hash()."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def signed32(data: str) -> int:
    """The first 4 bytes of sha256(data) as a signed 32-bit int: the range of Prodigy's hashes."""
    return int.from_bytes(hashlib.sha256(data.encode("utf-8")).digest()[:4], "big", signed=True)


def input_hash(text: str) -> int:
    """Prodigy's `_input_hash` identifies the input (the text); ours is signed32(text)."""
    return signed32(text)


def task_hash(
    input_h: int, spans: Iterable[tuple[int, int, str]], relations: Iterable[tuple[int, int, int, int, str]]
) -> int:
    """`_task_hash`: the input hash plus the annotation (spans, then relations by their ends' offsets).

    As in Prodigy the annotator is not part of it: two annotators who made the same
    annotation give the same task hash, which is what review tools group by.
    """
    body = ";".join(f"{s},{e},{label}" for s, e, label in spans)
    rels = ";".join(f"{a},{b},{c},{d},{label}" for a, b, c, d, label in relations)
    return signed32(f"{input_h}|{body}|{rels}")


def stable_id(*parts: object) -> str:
    """A 12-hex-digit id from its parts: imported spans without ids get the same id every time."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


def split_key(seed: int, article_id: str) -> str:
    """The order articles are dealt into splits: sha256 of the seed and the article id."""
    return hashlib.sha256(f"{seed}:{article_id}".encode()).hexdigest()
