"""Soft wrapping of article text at word boundaries into visual lines (character offsets, no Textual)."""

from __future__ import annotations

import re
from bisect import bisect_right

from rich.cells import cell_len

_CHUNK = re.compile(r"\s*\S+")
# Control characters would move the terminal cursor; they are shown as spaces (same length, so offsets hold).
_CONTROL = {c: " " for c in range(32) if c != 10} | {127: " "}


def displayable(text: str) -> str:
    """The text as drawn: every character kept at its offset, tabs and control characters as spaces."""
    return text.translate(_CONTROL)


_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than the plain space


def _narrow(para: str) -> bool:
    """Is every character one cell wide and the space the only whitespace (curly quotes and accents are)?"""
    if para.isascii():
        return True
    if _OTHER_SPACE.search(para):
        return False
    return all(cell_len(ch) == 1 for ch in set(para) if not ch.isascii())


class Wrapped:
    """Visual lines of a text at one width: line i covers [starts[i], ends[i])."""

    __slots__ = ("ends", "starts", "width")

    def __init__(self, text: str, width: int) -> None:
        self.width = width = max(1, width)
        self.starts: list[int] = []
        self.ends: list[int] = []
        pos = 0
        for para in text.split("\n"):
            n = len(para)
            if n == 0:
                self.starts.append(pos)
                self.ends.append(pos)
            elif _narrow(para):
                if n <= width:
                    self.starts.append(pos)
                    self.ends.append(pos + len(para.rstrip()))
                else:
                    self._wrap_ascii(para, pos, width)
            else:
                self._wrap(para, pos, width)
            pos += n + 1

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The visual line holding offset (whitespace at a wrap point belongs to the line before)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def _wrap_ascii(self, para: str, base: int, width: int) -> None:
        """The same lines as _wrap for a paragraph of one-cell characters whose only whitespace is the space
        (ASCII once displayable() ran, and most news text), found line by line with str.rfind, not word by word."""
        starts, ends = self.starts, self.ends
        n = len(para)
        end_of_text = len(para.rstrip())
        lead = n - len(para.lstrip())
        if lead == n:
            starts.append(base)
            ends.append(base)
            return
        first_end = para.find(" ", lead)
        first_end = n if first_end < 0 else first_end
        start = 0 if first_end <= width else lead  # the first line keeps its indentation if its first word fits
        while True:
            word_end = para.find(" ", start if start >= lead or start > 0 else lead)
            word_end = n if word_end < 0 else word_end
            while word_end - start > width:  # a word wider than the view is cut into pieces
                starts.append(base + start)
                ends.append(base + start + width)
                start += width
            if end_of_text - start <= width:
                starts.append(base + start)
                ends.append(base + end_of_text)
                return
            k = para.rfind(" ", word_end, start + width + 1)
            line_end = len(para[start:k].rstrip()) + start if k >= 0 else word_end
            starts.append(base + start)
            ends.append(base + line_end)
            nxt = (k if k >= 0 else word_end) + 1
            while nxt < n and para[nxt] == " ":
                nxt += 1
            start = nxt

    def _wrap(self, para: str, base: int, width: int) -> None:
        ascii_only = para.isascii()
        measure = len if ascii_only else cell_len
        line_start = 0  # relative to para
        line_end = 0
        line_w = 0
        first = True
        for m in _CHUNK.finditer(para):
            chunk_start, word_end = m.span()
            word_start = chunk_start + (len(m.group()) - len(m.group().lstrip()))
            gap_w = measure(para[chunk_start:word_start])
            word_w = measure(para[word_start:word_end])
            if line_w == 0:
                # A paragraph's first line keeps its indentation; a wrapped line starts at its word.
                lead = gap_w if first and gap_w + word_w <= width else 0
                line_start = chunk_start if lead else word_start
                if word_w > width:
                    line_start = self._split(para, base, word_start, word_end, width, ascii_only)
                    line_end = word_end
                    line_w = measure(para[line_start:word_end])
                else:
                    line_end = word_end
                    line_w = lead + word_w
            elif line_w + gap_w + word_w <= width:
                line_end = word_end
                line_w += gap_w + word_w
            else:
                self.starts.append(base + line_start)
                self.ends.append(base + line_end)
                if word_w > width:
                    line_start = self._split(para, base, word_start, word_end, width, ascii_only)
                    line_w = measure(para[line_start:word_end])
                else:
                    line_start = word_start
                    line_w = word_w
                line_end = word_end
            first = False
        if line_w or first:
            self.starts.append(base + line_start)
            self.ends.append(base + (line_end if not first else len(para.rstrip())))

    def _split(self, para: str, base: int, start: int, end: int, width: int, ascii_only: bool) -> int:
        """Hard-break a word wider than the view; returns where its last piece starts."""
        piece_start, piece_w = start, 0
        for k in range(start, end):
            w = 1 if ascii_only else max(cell_len(para[k]), 0)
            if piece_w + w > width and piece_w:
                self.starts.append(base + piece_start)
                self.ends.append(base + k)
                piece_start, piece_w = k, 0
            piece_w += w
        return piece_start
