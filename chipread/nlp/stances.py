"""Positions stated by a noun and a copula: "Washington's intention is to create ...", "Their view was that ..."."""

from __future__ import annotations

from itertools import compress

from .contents import content_end, trim
from .context import TokenContext
from .cues import Cue, cue_kinds
from .frames import Frame

Tokens = tuple[int, int]

# Nouns that name a position someone holds, and the kind of attribution it is.
POSITION_NOUNS = {
    **dict.fromkeys("intention intent goal aim plan hope wish ambition objective".split(), "intention"),
    **dict.fromkeys("view belief position fear concern worry expectation assessment conclusion".split(), "belief"),
    **dict.fromkeys("argument message point demand promise pledge contention claim".split(), "stance"),
}
COPULAS = frozenset("is was remains remained been".split())  # "been" after "has" / "had"
WHY = "a position stated with its noun"


def position_frames(ctx: TokenContext, heads: frozenset[int] | set[int] = frozenset()) -> list[Frame]:
    """A frame for each "someone's NOUN is/was (that|to) ...": the content from "to" (a that-clause after
    "that"), the source the possessor before the noun ("Washington's", "their"). Without one ("The goal is to
    ...") nobody is said to hold the position: the writer's words, no attribution."""
    low = ctx.low
    out = []
    kinds = cue_kinds()
    # The tokens whose word is a position noun, found by C-level iteration (most tokens are not).
    for i in compress(range(len(low)), map(POSITION_NOUNS.__contains__, low)):
        w = low[i]
        kind = POSITION_NOUNS[w]
        if ctx.quote[i] >= 0:
            continue
        k = i + 1
        if k < len(low) and low[k] in ("has", "had") and k + 1 < len(low) and low[k + 1] == "been":
            k += 1
        if k >= len(low) or low[k] not in COPULAS:
            continue
        start = k + 1
        if start + 1 >= len(low) or low[start] not in ("to", "that"):
            continue
        if low[start] == "that":
            start += 1
        a, b = ctx.bounds[ctx.sent[i]]
        source = _possessor(ctx, i, a)
        if start >= b or source is None:
            continue
        stop = content_end(ctx, start, b, heads)
        content = trim(ctx, start, stop)
        if content[1] <= content[0] or not any(t.isalnum() for t in low[content[0] : content[1]]):
            continue
        frame = Frame(Cue(i, w, kinds.get(w, kind), 1.0), source=source, why=WHY)
        frame.add(content, False)
        out.append(frame)
    return out


def _possessor(ctx: TokenContext, i: int, a: int) -> Tokens | None:
    """Whose position: "Washington's intention" (Washington), "their view" (their), "the ministry's stated aim"
    (the ministry); None for "The goal is ..."."""
    low = ctx.low
    j = i - 1
    while j > a and low[j] not in ("'s", "’s") and low[j] not in _POSSESSIVES and ctx.tx[j].islower() and i - j < 4:
        j -= 1  # adjectives between: "stated", "main", "long-standing"
    if j < a:
        return None
    if low[j] in _POSSESSIVES:
        return (j, j + 1)
    if low[j] in ("'s", "’s") and j > a:
        e = ctx.entity_of(j - 1)
        if e is not None:
            return ctx.entity_tokens(j - 1)
        k = j - 1
        while (
            k > a and ctx.tx[k - 1].isalpha() and low[k - 1] not in ("and", "or", "but", "that", "which") and j - k < 4
        ):
            k -= 1
        return (k, j)
    return None


_POSSESSIVES = frozenset("his her their its our my your".split())
