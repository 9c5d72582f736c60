"""Choosing a cue's source among the noun phrases of its sentence, with a model trained on PolNeAR."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .context import TokenContext
from .coref import PRONOUNS, RELATIVE_PRONOUNS
from .linear import LinearModel, bundled

MODEL = "source_model"
Tokens = tuple[int, int]

_DETERMINERS = frozenset("the a an this that these those its their his her our my your some many several".split())
_POSSESSIVE_PRONOUNS = frozenset("his her its their our my your".split())
_AUX = frozenset(
    "has have had is was are were be been being will would could can may might must should shall do does did".split()
)
_STOP = frozenset(
    "and but or nor so yet because while whereas although though if when as since after before until unless that "
    "which who whom whose where than to in on at for from with by into during about over under against among "
    "between through without within upon via per like across toward towards amid despite not".split()
)
# Adverbs and common verbs that end a noun phrase however they are spelled ("Obama's aides were also
# complimentary, perhaps ...", "the ad uses footage").
NOT_NOMINAL = frozenset(
    "however perhaps also still then now meanwhile instead therefore thus indeed though too even only just already "
    "again once later earlier soon yet never always often usually recently reportedly allegedly apparently "
    "uses used makes made takes took gives gave comes came goes went gets got puts keeps kept seems seemed appears "
    "appeared becomes became remains remained wants needs includes included concludes concluded begins began ends "
    "ended features featured shows showed continues continued".split()
)
_PUNCT = frozenset(",;:()[]—–―-.!?…\"“”'‘’«»„")
_PREPS = frozenset("by of to for with from at in on about against".split())


def noun_chunks(ctx: TokenContext, a: int, b: int, verbs: set[int]) -> list[Tokens]:
    """Noun phrases of tokens [a, b) by a shallow rule: names, pronouns, and runs of determiners, adjectives
    and nouns (joined by "of" and "'s"), broken at verbs, prepositions, conjunctions and punctuation."""
    low = ctx.low
    out: list[Tokens] = []
    i = a
    while i < b:
        w = low[i]
        if (w in PRONOUNS and w not in _POSSESSIVE_PRONOUNS) or w in RELATIVE_PRONOUNS:
            out.append((i, i + 1))
            i += 1
            continue
        if not _nominal(ctx, i, verbs):
            i += 1
            continue
        j = i
        while j < b and j - i < 12:
            if ctx.ent[j] >= 0:
                j = max(j + 1, ctx.entity_tokens(j)[1])
                continue
            if _nominal(ctx, j, verbs) or (
                low[j] in ("of", "'s", "’s", "&") and j + 1 < b and _nominal(ctx, j + 1, verbs) and j > i
            ):
                j += 1
                continue
            break
        out.append((i, min(j, b)))
        i = max(j, i + 1)
    return out


def _nominal(ctx: TokenContext, i: int, verbs: set[int]) -> bool:
    if ctx.ent[i] >= 0:
        return True
    w = ctx.low[i]
    if w in _PUNCT or w in _STOP or w in _AUX or i in verbs or w in NOT_NOMINAL or w.endswith(("n't", "n’t")):
        return False
    if w.endswith("ly") and len(w) > 4:
        return False
    if w in PRONOUNS and w not in _POSSESSIVE_PRONOUNS:
        return False
    return w in _DETERMINERS or w in _POSSESSIVE_PRONOUNS or any(c.isalnum() for c in w)


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-10" if n <= 10 else "11+"


def _ctype(ctx: TokenContext, c: Tokens) -> str:
    s, e = c
    w = ctx.low[s]
    if e - s == 1 and (w in PRONOUNS or w in RELATIVE_PRONOUNS):
        return "PRP-" + w
    labels = {ctx.entity_label(k) for k in range(s, e)} - {""}
    for label in ("PERSON", "ORG", "GPE", "NORP"):
        if label in labels:
            return label + ("-only" if ctx.entity_tokens(s) == c else "")
    return "NP" if not labels else "NP-" + sorted(labels)[0]


def source_features(ctx: TokenContext, h: int, c: Tokens, rule: Tokens | None, chunks: list[Tokens]) -> list[str]:
    """Features of noun phrase c as the source of the cue at token h (`chunks`: the noun phrases around it,
    in text order)."""
    low = ctx.low
    s, e = c
    a, _ = ctx.bounds[ctx.sent[h]]
    side = "before" if e <= h else "after"
    between = range(e, h) if side == "before" else range(h + 1, s)
    t = _ctype(ctx, c)
    dist = _bucket(len(between))
    cue = ctx.low[h]
    f = [
        "t=" + t,
        "side=" + side,
        "dist=" + side + dist,
        "t|side=" + t + side,
        "t|dist=" + t + side + dist,
        "cue|side=" + cue + side,
    ]
    bw = [low[k] for k in between]
    if "," in bw:
        f.append("comma-between|" + side)
    if any(w in ("and", "but") for w in bw):
        f.append("and-between|" + side)
    if any(ctx.quote[k] >= 0 for k in between):
        f.append("quote-between|" + side)
    if "that" in bw or "who" in bw or "which" in bw:
        f.append("rel-between|" + side)
    if "(" in bw:
        f.append("paren-between")
    others = sum(
        1 for o in chunks if o != c and (e <= o[0] and o[1] <= h if side == "before" else h < o[0] and o[1] <= s)
    )
    f.append("chunks-between=" + side + _bucket(others))
    if rule is not None and rule[0] < e and s < rule[1]:
        f.append("rule" if (s, e) == rule else "rule-part")
    prev = low[s - 1] if s > a else "<s>"
    f.append("prev=" + (prev if prev in _PREPS or prev in _PUNCT or prev == "<s>" else "w"))
    nxt = low[e] if e < len(low) else "</s>"
    f.append(
        "next=" + (nxt if nxt in ("'s", "’s", ",", "who", "which", "that") or nxt in _AUX else "cue" if e == h else "w")
    )
    if ctx.quote[s] >= 0:
        f.append("in-quote" + ("-same" if ctx.quote[s] == ctx.quote[h] else ""))
    if ctx.sent[h] == 0:
        f.append("headline")
    if low[h].endswith("ing"):
        f.append("participle|" + side + dist)
    if others == 0:
        f.append("nearest|" + side + "|" + t)
    return f


# How far from its cue a source is looked for (tokens): bounds the work on a sentence with no end.
WINDOW_BEFORE = 18
WINDOW_AFTER = 8
NEAREST_BEFORE = 3
NEAREST_AFTER = 2


class Chunks:
    """Noun phrases of each sentence, found once per sentence however many cues it holds."""

    def __init__(self, ctx: TokenContext, verbs: set[int]) -> None:
        self.ctx = ctx
        self.verbs = verbs
        self._by_sentence: dict[int, list[Tokens]] = {}

    def around(self, h: int) -> list[Tokens]:
        """The noun phrases near token h (its sentence, within the search window)."""
        k = self.ctx.sent[h]
        chunks = self._by_sentence.get(k)
        if chunks is None:
            a, b = self.ctx.bounds[k]
            if b - a > 4 * (WINDOW_BEFORE + WINDOW_AFTER):
                # A sentence with no end (a scraped list on one line): chunk only the window.
                return noun_chunks(self.ctx, max(a, h - WINDOW_BEFORE), min(b, h + WINDOW_AFTER), self.verbs)
            chunks = self._by_sentence[k] = noun_chunks(self.ctx, a, b, self.verbs)
        lo = bisect_left(chunks, (h - WINDOW_BEFORE, -1))
        hi = bisect_right(chunks, (h + WINDOW_AFTER, -1))
        return chunks[lo:hi]


def candidates(ctx: TokenContext, h: int, rule: Tokens | None, chunks: list[Tokens]) -> list[Tokens]:
    """Candidate sources for the cue at h: the noun phrases near it outside other quotations, and the rule's
    own choice."""
    own = ctx.quote[h]
    free = [c for c in chunks if ctx.quote[c[0]] < 0 or ctx.quote[c[0]] == own]
    # The nearest few on each side: a source further away is found by the rule (an apposition, a subject
    # shared with an earlier verb), which is always a candidate.
    before = [c for c in free if c[1] <= h][-NEAREST_BEFORE:]
    after = [c for c in free if c[0] > h][:NEAREST_AFTER]
    cands = before + after
    if rule is not None and rule not in cands:
        cands.append(rule)
    return cands


def choose(
    ctx: TokenContext, h: int, rule: Tokens | None, chunks: Chunks, model: LinearModel | None = None
) -> Tokens | None:
    """The most likely source of the cue at h (the rule's choice when no model is installed)."""
    model = model or bundled(MODEL)
    if model is None:
        return rule
    near = chunks.around(h)
    best, best_p = None, 0.0
    for c in candidates(ctx, h, rule, near):
        p = model.probability(source_features(ctx, h, c, rule, near))
        if p > best_p:
            best, best_p = c, p
    return best if best_p >= 0.2 else None
