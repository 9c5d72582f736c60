"""Re-anchoring spans after an article's text changed: find each span's text again, or flag it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chipread.model import Span, span_order

ORPHANED = "orphaned: its text is no longer in the article"


def reanchor(spans: Sequence[Span], text: str) -> list[tuple[Span, Span]]:
    """(old, new) for every span that had to move or be flagged; spans that still match are left out.

    Spans are visited in order and each is searched nearest to where the shift of the previous
    anchored span predicts it, so a paragraph inserted above moves every later span with it.
    """
    changed: list[tuple[Span, Span]] = []
    shift = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.id)):
        if 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text:
            shift = 0
            if span.flag:
                changed.append((span, span.moved(flag=None)))
            continue
        found = _find(text, span.text, span.start + shift)
        if found is None:
            if span.flag != ORPHANED:
                changed.append((span, span.moved(flag=ORPHANED)))
            continue
        start, end = found
        shift = start - span.start
        changed.append((span, span.moved(start=start, end=end, text=text[start:end], flag=None)))
    return changed


def find_near(text: str, needle: str, near: int) -> tuple[int, int] | None:
    """Where `needle` occurs in `text` nearest to offset `near` (exactly, else with looser whitespace)."""
    return _find(text, needle, near)


def _find(text: str, needle: str, near: int) -> tuple[int, int] | None:
    if not needle.strip():
        return None
    hits = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]
    if not hits:
        # Whitespace is what cleaning and editors change most: match it loosely as a last resort.
        pattern = r"\s+".join(re.escape(part) for part in needle.split())
        hits = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    if not hits:
        return None
    return min(hits, key=lambda hit: (abs(hit[0] - near), hit[0]))


def reanchored(spans: Sequence[Span], text: str) -> tuple[Span, ...]:
    """The spans as they stand against `text`: moved where found again, flagged otherwise, in reading order."""
    moves = {old.id: new for old, new in reanchor(spans, text)}
    if not moves:
        return tuple(spans)
    return tuple(sorted((moves.get(s.id, s) for s in spans), key=span_order))
