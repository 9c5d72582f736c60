"""Who said what in an article: a frame for each cue, reports inside reports, quotations that continue a speaker.

The pipeline: cues come from a model (chipread.nlp.cues); around each cue, chipread.nlp.frames finds the
content (chipread.nlp.contents: what follows the cue, what precedes an inverted cue, the quotation beside
it) and the source (chipread.nlp.phrases by rule, checked by a model in chipread.nlp.sources); here,
reports inside other reports are kept or dropped by the guidelines' nesting, contents are cut at the
clauses of other reports, and quotations no cue claims continue the previous speaker's; finally
chipread.nlp.speakers names the speakers, so a proposed speaker is never "he".
"""

from __future__ import annotations

from bisect import bisect_right

from .context import TokenContext
from .coref import PRONOUNS
from .cues import THRESHOLD, Cue, score_cues
from .frames import Frame, frame_for
from .phrases import is_aux
from .sources import Chunks, choose
from .stances import position_frames
from .transcripts import transcript_turns

Tokens = tuple[int, int]  # token range [a, b)


def find_frames(ctx: TokenContext, cues: list[Cue] | None = None, nested: bool = True) -> list[Frame]:
    """Every attribution of the article: cue frames, then quotations no cue claims. With `nested`, a report
    inside another report's content is kept too; without, each word belongs to one attribution."""
    # Candidates below 0.1 are neither cues nor verbs that end a noun phrase: the model leaves them out.
    scored = score_cues(ctx, floor=0.1) if cues is None else cues
    cues = [c for c in scored if c.probability >= THRESHOLD]
    chunks = Chunks(ctx, verb_tokens(ctx, scored))
    frames: list[Frame] = []
    subjects: dict[int, Tokens] = {}  # sentence -> the source of its last frame
    heads = {c.head for c in cues}
    for cue in cues:
        frame = frame_for(ctx, cue, subjects, heads)
        if frame is None:
            continue
        rule = frame.source
        chosen = rule if _rule_suffices(ctx, cue.head, rule, frame) else choose(ctx, cue.head, rule, chunks)
        # A part of the rule's phrase ("D-Mass" of "Sen. Elizabeth Warren, D-Mass.,") stands for all of it.
        frame.source = (
            rule
            if chosen is not None and rule is not None and rule[0] <= chosen[0] and chosen[1] <= rule[1]
            else chosen
        )
        if frame.source is not None and frame.source[0] < cue.head:
            subjects[ctx.sent[cue.head]] = frame.source
        if frame.contents:
            frames.append(frame)
    positions = position_frames(ctx, heads)
    if positions:
        # "Their goal is to ...", "its stated position is that ...": the noun's own frame, not what a cue model
        # made of the noun or of a participle before it.
        taken = {k for p in positions for k in range(p.cue.head - 3, p.cue.head + 1)}
        frames = [f for f in frames if f.cue.head not in taken] + positions
    frames = _with_turns(_without_nested(ctx, frames, nested), transcript_turns(ctx), nested)
    frames.extend(_orphan_quotes(ctx, frames))
    frames.sort(key=lambda f: f.span)
    return frames


def _with_turns(frames: list[Frame], turns: list[Frame], nested: bool) -> list[Frame]:
    """A transcript's turns replace what a cue made of their label's colon; flat, a report inside a turn goes too
    (the turn, as said, holds it)."""
    if not turns:
        return frames
    colons = {t.cue.head for t in turns}
    spans = sorted(t.span for t in turns)
    starts = [a for a, _ in spans]

    def inside(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and spans[k][0] <= i < spans[k][1]

    kept = [f for f in frames if f.cue.head not in colons and (nested or not inside(f.cue.head))]
    return kept + turns


def _rule_suffices(ctx: TokenContext, h: int, rule: Tokens | None, frame: Frame) -> bool:
    """Is the rule's source as good as the model's? Measured on PolNeAR dev: always, where the source is named
    after the cue (inverted "said Ms Roe", "according to X"), beside a quotation or a statement before the cue;
    and where it is a pronoun or a name right before the cue. The model is for the rest."""
    if rule is None:
        return False
    return rule[0] > h or frame.why.startswith(_RULE_FRAMES) or plain_subject(ctx, h, rule)


def plain_subject(ctx: TokenContext, h: int, rule: Tokens | None) -> bool:
    """ "he said", "Ms Roe told": a pronoun or a name right before the cue (past auxiliaries) is its source;
    the source model is for everything else."""
    if rule is None:
        return False
    j = h - 1
    while j >= 0 and is_aux(ctx.low[j]):
        j -= 1
    if rule[1] != j + 1:
        return False
    return (rule[1] - rule[0] == 1 and ctx.low[rule[0]] in PRONOUNS) or ctx.entity_label(j) in ("PERSON", "ORG")


_RULE_FRAMES = ("quotation before", "statement before", "what precedes", "a name before a colon", "a quotation signed")


def verb_tokens(ctx: TokenContext, scored: list[Cue]) -> set[int]:
    """Tokens the cue model takes for likely cues: verbs, which end a noun phrase (past forms after a noun do
    too: chipread.nlp.sources tells them as it goes)."""
    return {c.head for c in scored if c.probability >= 0.1}


def _without_nested(ctx: TokenContext, frames: list[Frame], nested: bool) -> list[Frame]:
    """A content is cut before the next frame's source and cue when that frame is a clause of its own ("X
    said A, and Y said B"); a frame whose cue lies inside another's content is a report within the report:
    kept when `nested`, dropped otherwise (each word then belongs to one attribution, the outer)."""
    frames.sort(key=lambda f: (f.first, f.cue.head))
    kept: list[Frame] = []
    # Contents of kept frames by start; frames come in text order, so only the latest few can hold a cue.
    open_: list[tuple[int, int, Frame]] = []
    seen: set[tuple[Tokens, ...]] = set()
    for f in frames:
        h = f.cue.head
        open_ = [(ca, cb, k) for ca, cb, k in open_ if cb > h]
        # A frame cut down to nothing by an earlier report holds no words any more, so no cue either.
        inside = next((k for ca, cb, k in open_ if ca <= h < cb and k.contents), None)
        if _held_by_stronger(ctx, f, kept[-8:]):
            continue
        if inside is not None:
            stop = _clause_boundary(ctx, inside, f)
            if stop is None and not nested and _own_subject(inside, f):
                # Flat, a report with a subject of its own inside a content takes its words from the outer one
                # (PolNeAR marks the inner report).
                stop = f.first
            if stop is not None:
                _cut_before(inside, stop)
            elif not nested:
                continue
        key = tuple(f.contents)
        if key in seen:
            continue
        seen.add(key)
        kept.append(f)
        open_.extend((ca, cb, f) for ca, cb in f.contents)
    _trim_reporting_clauses(ctx, kept)
    return [k for k in kept if k.contents]


def _trim_reporting_clauses(ctx: TokenContext, frames: list[Frame]) -> None:
    """A content stops before the reporting clause of a report that holds it: in "China called on Japan to
    ..., labeling the action as ..., a statement from the ministry said", what "labeling" reports ends before
    ", a statement from the ministry said"."""
    heads = sorted((f.cue.head, f) for f in frames if f.contents and f.cue.head > f.span[0])
    if not heads:
        return
    positions = [h for h, _ in heads]
    for f in frames:
        for a, b in list(f.contents):
            i = bisect_right(positions, a)
            while i < len(heads) and positions[i] < b:
                k = heads[i][1]
                i += 1
                if k is f or not any(ka <= f.cue.head < kb for ka, kb in k.contents):
                    continue
                stop = k.source[0] if k.source is not None and a < k.source[0] < k.cue.head else k.cue.head
                _cut_before(f, stop)
                break


def _held_by_stronger(ctx: TokenContext, f: Frame, kept: list[Frame]) -> bool:
    """ "..., a statement from the ministry said Monday": a cue noun followed by who issued it is part of the
    source of the stronger cue that follows, not a report of its own."""
    h = f.cue.head
    if h + 1 >= len(ctx.low) or ctx.low[h + 1] not in ("from", "by", "of", "issued", "released", "published"):
        return False
    return any(
        ca <= k.cue.head < min(cb, ca + 12) and k.cue.probability > f.cue.probability
        for k in kept
        for ca, cb in f.contents
    )


def _clause_boundary(ctx: TokenContext, outer: Frame, inner: Frame) -> int | None:
    """Where the outer report's content ends because the inner frame starts a clause of its own: a participle
    after a comma ("X called on Japan to ..., labeling the action as ...": before the comma), or a coordinated
    clause ("X said A, and Y said B"; "X said A; Y said B": before Y). None when the inner report is part of
    what the outer one says ("X said Y had asked ...")."""
    low = ctx.low
    h = inner.cue.head
    if h - 1 > outer.cue.head and low[h - 1] == "," and low[h].endswith("ing"):
        return h - 1
    if inner.source is None or inner.source[0] <= outer.cue.head:
        return None
    i = inner.first - 1
    if i > outer.cue.head and (
        low[i] in (";", "but", "while", "whereas")
        or (low[i] == "and" and i > 0 and low[i - 1] == ",")
        or (low[i] == "," and i + 1 < len(low) and low[i + 1] in ("but", "while"))
    ):
        return inner.first
    return None


def _own_subject(outer: Frame, inner: Frame) -> bool:
    return inner.source is not None and inner.source[0] > outer.cue.head and inner.first > outer.span[0] + 2


def _cut_before(frame: Frame, stop: int) -> None:
    pieces = []
    for (a, b), direct in zip(frame.contents, frame.direct):
        if a >= stop:
            continue
        pieces.append(((a, min(b, stop)), direct))
    frame.contents = [p for p, _ in pieces]
    frame.direct = [d for _, d in pieces]


def _orphan_quotes(ctx: TokenContext, frames: list[Frame]) -> list[Frame]:
    """Quotations no cue claims: the continuation of the last speaker's quote in the two sentences before."""
    covered = sorted((a, b) for f in frames for a, b in f.contents)
    starts = [a for a, _ in covered]
    spoke = sorted((ctx.sent[f.cue.head], i) for i, f in enumerate(frames) if f.source is not None and any(f.direct))
    spoke_sentences = [s for s, _ in spoke]
    reach = max((b - a for a, b in covered), default=0)
    out = []
    for q in ctx.quotes:
        a = ctx.tok_after(q.start)
        b = (ctx.tok(q.end + q.width - 1) + 1) if not q.open_ended else ctx.tok(max(q.start, q.end - 1)) + 1
        if b <= a:
            continue
        # Inside a content already (covered intervals starting at most `reach` tokens before it)?
        i = bisect_right(starts, a) - 1
        held = False
        while i >= 0 and a - covered[i][0] <= reach:
            if covered[i][0] <= a < covered[i][1]:
                held = True
                break
            i -= 1
        if held:
            continue
        words = sum(1 for k in range(a, min(b, a + 8)) if ctx.low[k].isalnum())
        s = ctx.sent[a]
        j = bisect_right(spoke_sentences, s) - 1
        if j < 0:
            continue
        gap = s - spoke_sentences[j]
        opens_sentence = a == ctx.bounds[s][0]
        # A quotation right after a quoted speaker's sentence continues them however short ('"I would,"
        # Melanie said. "I would, Donald."'); a longer one may follow a few sentences on.
        if not (gap <= 1 and opens_sentence and words >= 2) and (words < 4 or gap > 3):
            continue
        f = frames[spoke[j][1]]
        out.append(Frame(f.cue, [(a, b)], [True], f.source, "continues the quotation before", continued=True))
    return out
