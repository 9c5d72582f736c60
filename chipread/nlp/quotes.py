"""Quotation marks paired into quotations: straight, curly, guillemets, nested, multi-paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Two apostrophes stand for a double quotation mark in some newspapers' text (''like this'').
# (Every alternative starts with a single character, so that the regex engine scans for the set of them
# instead of trying each alternative at every position: twice as fast on a long article.)
_MARKS = re.compile("\"|“|”|„|«|»|‘|’|'(?:')?|‚|\n[ \t]*\n")
_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»"}
_DOUBLE_CLOSE = {"”", "»"}
_OPEN_CONTEXT = set(" \t\n([{—–-/:;,") | {"“", "‘", '"', "«", "„"}


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: `start`/`end` are the positions of the opening and closing marks."""

    start: int
    end: int
    depth: int
    # The closing mark is missing because the quote runs on into the next paragraph.
    open_ended: bool = False
    # Characters in each mark: 2 for a double mark written as two apostrophes ('').
    width: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        """The text between the marks (end exclusive)."""
        return self.start + self.width, self.end


def _is_word(c: str) -> bool:
    return c.isalnum()


def find_quotations(text: str) -> list[Quotation]:
    """Every paired quotation in text, outer ones before the quotes they contain."""
    found: list[Quotation] = []
    stack = _Stack()
    n = len(text)

    def close_paragraph(pos: int) -> None:
        # A quote still open at a paragraph break continues only if the next paragraph opens
        # with a quotation mark (the news convention for quotes running over paragraphs).
        k = pos
        while k < n and text[k] in " \t\n":
            k += 1
        continues = k < n and (text[k] in '"“«„' or text.startswith("''", k))
        if continues and stack.items and stack.items[0][1] == "d":
            p = stack.items[0][0]
            end = pos
            while end > p and text[end - 1] in " \t\n":
                end -= 1
            found.append(Quotation(p, end, 0, open_ended=True, width=2 if stack.items[0][2] == "''" else 1))
        stack.clear()

    for m in _MARKS.finditer(text):
        i = m.start()
        c = m.group()
        if c[0] == "\n":
            if stack.items:
                close_paragraph(i)
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if c in _DOUBLE_OPEN:
            if c == "“" and stack.german:
                # German-style „…“ closes with “.
                stack.close(found, i, "d")
                continue
            stack.push(i, "d", _DOUBLE_OPEN[c])
            continue
        if c in _DOUBLE_CLOSE:
            if stack.double:
                stack.close(found, i, "d")
            continue
        if c == '"' or c == "''":
            nxt = text[i + len(c)] if i + len(c) < n else " "
            opening = prev in _OPEN_CONTEXT and not nxt.isspace()
            closing = not prev.isspace() and (nxt.isspace() or not _is_word(nxt))
            if stack.double and (closing or not opening):
                stack.close(found, i, "d")
            elif opening or not closing:
                stack.push(i, "d", c)
            continue
        # Single marks: quotation only around words, never an apostrophe inside a word.
        if _is_word(prev) and _is_word(nxt):
            continue
        top = stack.items[-1] if stack.items else None
        if c in "‘‚":
            if prev in _OPEN_CONTEXT or i == 0:
                stack.push(i, "s", "’")
            continue
        if c == "’":
            if top is not None and top[1] == "s" and not _is_word(nxt):
                stack.close(found, i, "s")
            continue
        if c == "'":
            opening = (prev in _OPEN_CONTEXT or i == 0) and nxt.isalpha()  # not the '90s
            closing = not prev.isspace() and not _is_word(nxt)
            if closing and top is not None and top[1] == "s" and top[2] == "'":
                stack.close(found, i, "s")
            elif opening:
                stack.push(i, "s", "'")
    if stack.items:
        close_paragraph(n)
    found.sort(key=lambda q: (q.start, -q.end))
    return found


class _Stack:
    """Open quotation marks, (position, kind, closer): kind "d" for double quotes, "s" for single.

    Counts of the open double marks (and of the „ ones waiting for “) answer "is one open?"
    in O(1): text with thousands of unclosed marks stays linear.
    """

    __slots__ = ("items", "double", "german")

    def __init__(self) -> None:
        self.items: list[tuple[int, str, str]] = []
        self.double = 0
        self.german = 0

    def push(self, pos: int, kind: str, closer: str) -> None:
        self.items.append((pos, kind, closer))
        if kind == "d":
            self.double += 1
            if closer == "“":
                self.german += 1

    def clear(self) -> None:
        self.items.clear()
        self.double = self.german = 0

    def close(self, found: list[Quotation], pos: int, kind: str) -> None:
        # Pop up to the innermost open mark of this kind; unclosed singles inside are dropped
        # (they were apostrophes after all, as in "the investors' money").
        items = self.items
        while items:
            p, k, closer = items.pop()
            if k == "d":
                self.double -= 1
                if closer == "“":
                    self.german -= 1
            if k == kind:
                found.append(Quotation(p, pos, len(items), width=2 if closer == "''" else 1))
                return


def quotation_at(text: str, offset: int) -> tuple[int, int] | None:
    """The innermost quotation around offset, as the span inside its marks, or None."""
    best: Quotation | None = None
    for q in find_quotations(text):
        if q.start <= offset <= q.end and (best is None or q.start >= best.start):
            best = q
    if best is None:
        return None
    a, b = best.inner
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None
