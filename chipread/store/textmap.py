"""Where an old text of an article and its new text agree: the unchanged stretches of their diff.

A span made on the old text is carried to the new one exactly when it lies inside one unchanged
stretch; everything else is a change the user must hear about. The diff is by line (a cleaned
article is one paragraph a line), then by character inside each changed group of lines, after
stripping the common head and tail, so a change in one paragraph costs that paragraph.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

# Changed line groups longer than this (in characters, either side) are not diffed by character:
# a character diff costs the product of the lengths. Spans in them are searched for instead.
CHAR_DIFF_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Stretch:
    """old[old:old + size] == new[new:new + size]."""

    old: int
    new: int
    size: int


class TextMap:
    """The unchanged stretches of old -> new, and the changed regions between them."""

    def __init__(self, old: str, new: str) -> None:
        self.old_text, self.new_text = old, new
        self.stretches = _stretches(old, new)
        self._starts = [s.old for s in self.stretches]

    def map(self, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) of the old text in the new one, if it lies inside one unchanged stretch."""
        i = bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        s = self.stretches[i]
        if start >= s.old and end <= s.old + s.size:
            return start - s.old + s.new, end - s.old + s.new
        return None

    def region(self, start: int, end: int) -> tuple[int, int]:
        """The part of the new text that replaced [start, end) of the old one: from the end of the last
        unchanged stretch before it to the start of the first one after it (the context that pins it)."""
        lo, hi = 0, len(self.new_text)
        for s in self.stretches:
            if s.old + s.size <= start:
                lo = s.new + s.size
            elif s.old >= end:
                hi = s.new
                break
        return lo, max(lo, hi)

    def similarity(self) -> float:
        """The share of the old text that is unchanged in the new one."""
        return sum(s.size for s in self.stretches) / max(1, len(self.old_text))


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    # Binary search on slice equality: compares in C, a few dozen passes for any length.
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _stretches(old: str, new: str) -> list[Stretch]:
    head = _common_prefix(old, new)
    tail = _common_suffix(old, new, min(len(old), len(new)) - head)
    out = [Stretch(0, 0, head)] if head else []
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    if a and b:
        out += _line_diff(a, b, head, head)
    if tail:
        out.append(Stretch(len(old) - tail, len(new) - tail, tail))
    return _merged(out)


def _line_diff(a: str, b: str, a0: int, b0: int) -> list[Stretch]:
    a_lines, b_lines = a.splitlines(keepends=True), b.splitlines(keepends=True)
    a_at, b_at = _offsets(a_lines, a0), _offsets(b_lines, b0)
    out: list[Stretch] = []
    matcher = SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(Stretch(a_at[i1], b_at[j1], a_at[i2] - a_at[i1]))
        elif tag == "replace":
            x, y = a[a_at[i1] - a0 : a_at[i2] - a0], b[b_at[j1] - b0 : b_at[j2] - b0]
            if len(x) <= CHAR_DIFF_LIMIT and len(y) <= CHAR_DIFF_LIMIT:
                chars = SequenceMatcher(None, x, y, autojunk=False)
                out += [Stretch(a_at[i1] + m.a, b_at[j1] + m.b, m.size) for m in chars.get_matching_blocks() if m.size]
    return out


def _offsets(lines: list[str], base: int) -> list[int]:
    at = [base]
    for line in lines:
        at.append(at[-1] + len(line))
    return at


def _merged(stretches: list[Stretch]) -> list[Stretch]:
    """Adjacent stretches that continue each other become one (a span across their seam is unchanged)."""
    out: list[Stretch] = []
    for s in stretches:
        if out and out[-1].old + out[-1].size == s.old and out[-1].new + out[-1].size == s.new:
            last = out.pop()
            s = Stretch(last.old, last.new, last.size + s.size)
        out.append(s)
    return out
