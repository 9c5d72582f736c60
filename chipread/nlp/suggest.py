"""Quote and claim suggestions with their proposed speakers, shaped by the project's guidelines."""

from __future__ import annotations

from dataclasses import replace

from chipread.guidelines import DEFAULT_GUIDELINES, Guidelines
from chipread.model import Candidate, Entity, Sentence, Suggestion, Token

from .attribution import Frame, find_frames
from .context import TokenContext
from .speakers import SpeakerResolver


def suggest(
    text: str,
    tokens: list[Token],
    sentences: list[Sentence],
    entities: list[Entity],
    guidelines: Guidelines = DEFAULT_GUIDELINES,
) -> list[Suggestion]:
    """One suggestion per attributed content: a quote for a direct quotation, a claim for indirect content,
    each with the rule that found it and its speaker candidates (named mentions, best first)."""
    if not tokens:
        return []
    ctx = TokenContext(text, tokens, sentences, entities)
    resolver = SpeakerResolver(ctx)
    # (suggestion, how wide the report it comes from is): a quote found inside nested claims belongs to the
    # innermost one.
    out: list[tuple[Suggestion, int]] = []
    frames = sorted(find_frames(ctx, nested=guidelines.nested), key=lambda f: f.cue.head)
    quoted = {(a, b) for f in frames for (a, b), d in zip(f.contents, f.direct) if d}
    for frame in frames:
        speakers = resolver.candidates(frame.source, ctx.sent[frame.cue.head])
        for piece, ((a, b), direct) in enumerate(zip(frame.contents, frame.direct)):
            if speakers and frame.continued and speakers[0].label in _NAMED:
                # A quotation that continues a speaker links to their mention beside it, if there is one.
                near = resolver.mention_near(_entity(speakers[0]), a, b)
                if near.start != speakers[0].start:
                    speakers = (replace(speakers[0], start=near.start, end=near.end, text=near.text),)
            made = _suggestion(ctx, frame, a, b, direct, speakers, guidelines, piece)
            if made is None or not guidelines.suggests(made.kind):
                continue
            out.append((made, 0))
            if guidelines.nested and not direct:
                out.extend((q, b - a) for q in _quotes_inside(ctx, frame, a, b, speakers, guidelines, quoted))
    return _one_each(out)


_NAMED = ("PERSON", "ORG", "GPE", "NORP")


def _entity(c: Candidate) -> Entity:
    return Entity(c.start, c.end, c.label, c.text, "speaker")


def _one_each(found: list[tuple[Suggestion, int]]) -> list[Suggestion]:
    """One suggestion per extent and label, from the narrowest report that holds it, in text order."""
    best: dict[tuple[int, int, str], tuple[Suggestion, int]] = {}
    for s, width in found:
        key = (s.start, s.end, s.label)
        if key not in best or width < best[key][1]:
            best[key] = (s, width)
    return sorted((s for s, _ in best.values()), key=lambda s: (s.start, s.end, s.label))


def _quotes_inside(ctx: TokenContext, frame: Frame, a: int, b: int, speakers, guidelines: Guidelines, quoted):
    """The quoted words inside a claim ('said the talks were "frank and useful"'): the speaker's own words."""
    seen = set()
    for i in range(a, b):
        k = ctx.quote[i]
        if k < 0 or k in seen:
            continue
        seen.add(k)
        q = ctx.quotes[k]
        first, last = ctx.tok_after(q.start), ctx.tok(q.end + q.width - 1)
        if q.open_ended or first < a or last >= b + 1 or (first, last + 1) in quoted:
            continue
        extent = guidelines.quote_extent(ctx.text, q.start, q.end)
        if extent is None:
            continue
        start, end = extent
        reason = f"quote: quoted words in what follows '{ctx.tx[frame.cue.head]}' ({frame.cue.probability:.2f})"
        yield Suggestion(start, end, "quote", ctx.text[start:end], reason, speakers, frame.cue.kind)


def _suggestion(
    ctx: TokenContext, frame: Frame, a: int, b: int, direct: bool, speakers, guidelines: Guidelines, piece: int
):
    text = ctx.text
    cue = ctx.tx[frame.cue.head]
    if direct and ctx.quote[a] >= 0:
        q = ctx.quotes[ctx.quote[a]]
        extent = guidelines.quote_extent(text, q.start, q.end)
        if extent is None:
            return None
        start, end = extent
        label, kind = "quote", frame.cue.kind  # a quotation is of its cue's kind ('"...," she warned': stance)
    else:
        start, end = ctx.chars(a, b)
        if guidelines.claim_subject and frame.source is not None and frame.source[0] < a:
            # From the subject, or from the cue where it comes first ("According to the company, ...").
            start = ctx.starts[min(frame.source[0], frame.cue.head)]
        elif guidelines.complementizer:
            # "said that it would ...", "said that, if elected, he would ...": the clause with its "that".
            k = a - 1
            while k > frame.cue.head and ctx.low[k] == ",":
                k -= 1
            if k > frame.cue.head and ctx.low[k] == "that":
                start = ctx.starts[k]
        start, end = guidelines.content_extent(text, start, end)
        if end - start < 2 or not any(c.isalnum() for c in text[start:end]):
            return None
        label, kind = "claim", frame.cue.kind
    why = frame.why if piece == 0 else f"quotation continued after '{cue}'"
    reason = f"{label}: {why} (cue '{cue}', {frame.cue.probability:.2f})"
    return Suggestion(start, end, label, text[start:end], reason, speakers, kind)
