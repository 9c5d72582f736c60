"""Turns of an interview transcript ("WALLACE: Governor, ...") as attributions: the label names the speaker."""

from __future__ import annotations

import re
from bisect import bisect_right

from .context import TokenContext
from .cues import Cue
from .frames import Frame

Tokens = tuple[int, int]

MAX_LABEL = 4  # tokens: "WALLACE", "MR. TRUMP", "SEN. TIM KAINE"
# A transcript has turns by at least two speakers, several of them: one "Update:" or "WASHINGTON:" is not one.
MIN_TURNS, MIN_SPEAKERS = 3, 2
WHY = "a turn of the transcript"
# Labels of what a page embeds or adds, in capitals like a speaker's: "VIDEO: ...", "UPDATE: ...".
_NOT_SPEAKERS = frozenset(
    (
        *"video watch photo photos image audio listen update updated note correction related source sources".split(),
        *"breaking exclusive live opinion analysis".split(),
        "editor 's note",
        "editor ’s note",
        "read more",
        "see also",
    )
)
_OPENING = frozenset("\"“‘'«„")


def transcript_turns(ctx: TokenContext) -> list[Frame]:
    """A frame per turn, when the article is a transcript: a line that opens with a speaker's label (in capitals,
    or a person's name) and a colon; the content is the rest of it up to the next line, however many sentences,
    the source the label. Nothing when fewer than MIN_TURNS turns by MIN_SPEAKERS labels are found."""
    turns: list[tuple[Tokens, Tokens]] = []
    n = len(ctx.tx)
    starts = _line_starts(ctx)  # a paragraph, or a line of one: transcripts come both ways
    ends = starts[1:] + [n]
    for a, end in zip(starts, ends):
        if a < end and ctx.tx[a] in _OPENING:
            a += 1  # '"WALLACE: ...': a transcript quoted paragraph by paragraph
        colon = next((k for k in range(a + 1, min(end, a + MAX_LABEL + 1)) if ctx.low[k] == ":"), None)
        if colon is None or colon + 1 >= end or not _label(ctx, a, colon):
            continue
        if any(w.isalnum() for w in ctx.low[colon + 1 : end]):
            turns.append(((a, colon), (colon + 1, end)))  # its final punctuation is the guidelines' to keep
    speakers = {" ".join(ctx.low[a:b]) for (a, b), _ in turns}
    if len(turns) < MIN_TURNS or len(speakers) < MIN_SPEAKERS:
        return []
    frames = []
    for source, content in turns:
        frame = Frame(Cue(source[1], ":", "speech", 1.0), source=source, why=WHY)
        frame.add(content, False)
        frames.append(frame)
    return frames


def _line_starts(ctx: TokenContext) -> list[int]:
    """The first token and each token with a line break before it."""
    n = len(ctx.tx)
    # No token holds a line break: the token after one is the first that starts past it.
    after = {bisect_right(ctx.starts, m.start()) for m in _LINE_BREAKS.finditer(ctx.text)}
    return ([0] if n else []) + sorted(i for i in after if 0 < i < n)


_LINE_BREAKS = re.compile("\n+")


def _label(ctx: TokenContext, a: int, colon: int) -> bool:
    """A speaker's label: words in capitals ("PENCE", "MR. TRUMP"), or a person's name, and nothing else."""
    words = ctx.tx[a:colon]
    if " ".join(words).lower() in _NOT_SPEAKERS:
        return False
    if all(ctx.entity_label(k) == "PERSON" for k in range(a, colon)):
        return True
    letters = "".join(ch for w in words for ch in w if ch.isalpha())
    return len(letters) >= 2 and letters.isupper() and all(w.replace(".", "").isalpha() for w in words)
