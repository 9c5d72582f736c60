"""Re-anchoring spans after an article's text changed: carry each span over exactly, or flag it.

With the text the spans were made on (the store keeps it), a span moves exactly when it lies in a
stretch the change left alone; one in a changed stretch is looked for only there, between the
unchanged text around it, and kept only if it is there once. Without that text (work from before
the store kept texts) a span's text is looked for in the whole article and taken only where
nothing else could be meant: its one occurrence, or the one at the shift the spans before it
moved by. Never a guess: an ambiguous span is flagged and reported, and no two spans are moved
onto one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chipread.model import Span, span_order
from chipread.store.textmap import TextMap

ORPHANED = "orphaned: its text is no longer in the article"
CHANGED = "changed: the text where it was changed, and it is no longer there; tag it again where it belongs"
AMBIGUOUS = "ambiguous: its text is in the changed article more than once; tag the right one again"


def reanchor(spans: Sequence[Span], text: str, old_text: str | None = None) -> list[tuple[Span, Span]]:
    """(old, new) for every span that had to move or be flagged; spans that still match are left out.

    old_text: the text the spans were made on, when known (exact carrying over).
    """
    textmap = TextMap(old_text, text) if old_text is not None and old_text != text else None
    placed: dict[tuple[int, int, str], str] = {}  # where spans sit now -> the span id there
    moves: list[tuple[Span, tuple[int, int] | str]] = []
    shift = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.id)):
        if textmap is None and _still_there(span, text):
            shift = 0
            moves.append((span, (span.start, span.end)))
            continue
        if textmap is not None:
            found = _carried(textmap, span, text)
        else:
            found = _searched(span, text, span.start + shift)
        if isinstance(found, tuple):
            shift = found[0] - span.start
        moves.append((span, found))
    for span, found in moves:
        if found == (span.start, span.end):
            placed.setdefault((*found, span.label), span.id)
    changed: list[tuple[Span, Span]] = []
    for span, found in moves:
        if isinstance(found, tuple) and found != (span.start, span.end):
            if placed.setdefault((*found, span.label), span.id) != span.id:
                found = AMBIGUOUS  # another span of this label is there already: never two on one
        if isinstance(found, tuple):
            start, end = found
            if (start, end) != (span.start, span.end) or span.flag:
                changed.append((span, span.moved(start=start, end=end, text=text[start:end], flag=None)))
        elif span.flag != found:
            changed.append((span, span.moved(flag=found)))
    return changed


def _still_there(span: Span, text: str) -> bool:
    return 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text


def _carried(textmap: TextMap, span: Span, text: str) -> tuple[int, int] | str:
    """Exactly where the span's stretch of the old text went, or found once in what replaced it."""
    old = textmap.old_text
    if not (0 <= span.start < span.end <= len(old)) or old[span.start : span.end] != span.text:
        # Flagged before, or edited by hand: its old place says nothing; fall back to looking for it.
        return _searched(span, text, None)
    mapped = textmap.map(span.start, span.end)
    if mapped is not None:
        return mapped
    lo, hi = textmap.region(span.start, span.end)
    hits = _occurrences(text, span.text, lo, hi)
    if len(hits) == 1:
        return hits[0]
    if hits:
        return AMBIGUOUS
    return CHANGED if span.text in text else ORPHANED


def _searched(span: Span, text: str, near: int | None) -> tuple[int, int] | str:
    hits = _occurrences(text, span.text, 0, len(text))
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        # The spans before it moved by `shift`: the occurrence exactly there is this one, no other.
        exact = [hit for hit in hits if hit[0] == near]
        return exact[0] if exact else AMBIGUOUS
    return ORPHANED


def _occurrences(text: str, needle: str, lo: int, hi: int) -> list[tuple[int, int]]:
    if not needle.strip():
        return []
    hits = []
    at = text.find(needle, lo, hi)
    while at != -1:
        hits.append((at, at + len(needle)))
        at = text.find(needle, at + 1, hi)
    if not hits:
        # Whitespace is what cleaning and editors change most: match it loosely as a last resort.
        pattern = re.compile(r"\s+".join(re.escape(part) for part in needle.split()))
        hits = [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]
    return hits


def reanchored(spans: Sequence[Span], text: str, old_text: str | None = None) -> tuple[Span, ...]:
    """The spans as they stand against `text`: moved where carried over, flagged otherwise, in reading order."""
    moves = {old.id: new for old, new in reanchor(spans, text, old_text)}
    if not moves:
        return tuple(spans)
    return tuple(sorted((moves.get(s.id, s) for s in spans), key=span_order))
