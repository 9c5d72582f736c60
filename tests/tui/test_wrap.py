"""The fast wrap of one-cell text gives exactly the lines of the word-by-word wrap it replaces."""

from __future__ import annotations

import random

from chipread.tui.widgets.wrap import Wrapped


def word_by_word(text: str, width: int) -> tuple[list[int], list[int]]:
    """The general wrap (_wrap) on every paragraph, as used for text with wide or zero-width characters."""
    wrapped = Wrapped("", width)
    wrapped.starts, wrapped.ends = [], []
    pos = 0
    for para in text.split("\n"):
        if not para:
            wrapped.starts.append(pos)
            wrapped.ends.append(pos)
        elif len(para) <= width:
            wrapped.starts.append(pos)
            wrapped.ends.append(pos + len(para.rstrip()))
        else:
            wrapped._wrap(para, pos, width)
        pos += len(para) + 1
    return wrapped.starts, wrapped.ends


def test_the_fast_wrap_matches_the_word_by_word_wrap_on_random_text():
    rng = random.Random(7)
    words = ["a", "bb", "said", "“quoted”", "Ministère", "don’t", "x" * 30, "y" * 70, "—", ","]
    for _ in range(3000):
        parts = [rng.choice(words) if rng.random() < 0.85 else rng.choice(["", " ", "\n", "\n\n"]) for _ in range(40)]
        text = (" " * rng.randint(1, 3)).join(parts)
        if rng.random() < 0.3:
            text = " " * rng.randint(1, 4) + text + " " * rng.randint(0, 3)
        width = rng.randint(1, 50)
        fast = Wrapped(text, width)
        assert (fast.starts, fast.ends) == word_by_word(text, width), (text, width)
