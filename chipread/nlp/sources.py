"""Choosing a cue's source among the noun phrases of its sentence, with a model trained on PolNeAR."""

from __future__ import annotations

import re
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
_HAS_WORD = re.compile(r"\w").search
_PREPS = frozenset("by of to for with from at in on about against".split())
# Pronouns that are a noun phrase by themselves ("he", "who"); words that join two nouns into one phrase.
_ALONE = (PRONOUNS - _POSSESSIVE_PRONOUNS) | RELATIVE_PRONOUNS
_JOINERS = frozenset(("of", "'s", "’s", "&"))
_NOT_IN_PHRASE = _PUNCT | _STOP | _AUX | NOT_NOMINAL | (PRONOUNS - _POSSESSIVE_PRONOUNS)


def noun_chunks(ctx: TokenContext, a: int, b: int, verbs: set[int]) -> list[Tokens]:
    """Noun phrases of tokens [a, b) by a shallow rule: names, pronouns, and runs of determiners, adjectives
    and nouns (joined by "of" and "'s"), broken at verbs, prepositions, conjunctions and punctuation."""
    low, ent = ctx.low, ctx.ent
    nominal = _nominal_flags(ctx, a, b, verbs)
    out: list[Tokens] = []
    i = a
    while i < b:
        w = low[i]
        if w in _ALONE:
            out.append((i, i + 1))
            i += 1
            continue
        if not nominal[i - a]:
            i += 1
            continue
        j = i
        while j < b and j - i < 12:
            if ent[j] >= 0:
                j = max(j + 1, ctx.entity_tokens(j)[1])
                continue
            if j > i and low[j] in _DETERMINERS and ent[j - 1] >= 0:
                break  # "On Monday the ministry said": a determiner after a name starts another phrase
            if nominal[j - a] or (low[j] in _JOINERS and j + 1 < b and nominal[j + 1 - a] and j > i):
                j += 1
                continue
            break
        out.append((i, min(j, b)))
        i = max(j, i + 1)
    return out


def _nominal_flags(ctx: TokenContext, a: int, b: int, verbs: set[int]) -> list[bool]:
    """Can each token of [a, b) be part of a noun phrase? (One pass, no call per token.)"""
    low, ent = ctx.low, ctx.ent
    return [
        e >= 0
        or (
            w not in _NOT_IN_PHRASE
            and i not in verbs
            and not w.endswith(("n't", "n’t"))
            and not (len(w) > 4 and w.endswith("ly"))
            # A past form after a noun is a verb ("the ministry announced"), after a determiner an adjective.
            and not (len(w) > 4 and w.endswith("ed") and i > 0 and low[i - 1] not in _DETERMINERS)
            and (w.isalnum() or _HAS_WORD(w) is not None)  # a word character (determiners are words)
        )
        for i, w, e in zip(range(a, b), low[a:b], ent[a:b])
    ]


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-10" if n <= 10 else "11+"


def _ctype(ctx: TokenContext, c: Tokens) -> str:
    s, e = c
    w = ctx.low[s]
    if e - s == 1 and (w in PRONOUNS or w in RELATIVE_PRONOUNS):
        return "PRP-" + w
    held = set(ctx.ent[s:e])
    held.discard(-1)
    labels = {ctx.entities[k].label for k in held} - {""}
    for label in ("PERSON", "ORG", "GPE", "NORP"):
        if label in labels:
            return label + ("-only" if ctx.entity_tokens(s) == c else "")
    return "NP" if not labels else "NP-" + sorted(labels)[0]


def source_features(
    ctx: TokenContext,
    h: int,
    c: Tokens,
    rule: Tokens | None,
    chunks: list[Tokens],
    ctype: str | None = None,
    others: int | None = None,
) -> list[str]:
    """Features of noun phrase c as the source of the cue at token h (`chunks`: the noun phrases around it,
    in text order; `ctype` and `others`, c's type and the number of phrases between it and the cue, when the
    caller knows them already)."""
    low = ctx.low
    s, e = c
    a, _ = ctx.bounds[ctx.sent[h]]
    side = "before" if e <= h else "after"
    between = range(e, h) if side == "before" else range(h + 1, s)
    t = ctype if ctype is not None else _ctype(ctx, c)
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
    bw = low[between.start : between.stop]
    if "," in bw:
        f.append("comma-between|" + side)
    if "and" in bw or "but" in bw:
        f.append("and-between|" + side)
    if max(ctx.quote[between.start : between.stop], default=-1) >= 0:  # a token in a quotation
        f.append("quote-between|" + side)
    if "that" in bw or "who" in bw or "which" in bw:
        f.append("rel-between|" + side)
    if "(" in bw:
        f.append("paren-between")
    if others is None:
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
    # The phrase's last word tells a speaker ("spokesman", "officials") from a thing said or done ("plan",
    # "footage"); its length, a name from a long description. Measured on PolNeAR dev (gold cues): sources
    # right 0.852 -> 0.876.
    f.append("head=" + (low[e - 1] if ctx.ent[e - 1] < 0 else "ENT") + "|" + side)
    f.append("len=" + _bucket(e - s) + t)
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
        self._types: dict[Tokens, str] = {}

    def type_of(self, c: Tokens) -> str:
        """A phrase's type for the source model (its entity label, PRP-he, NP...), worked out once."""
        t = self._types.get(c)
        if t is None:
            t = self._types[c] = _ctype(self.ctx, c)
        return t

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
    # Phrases between a candidate and the cue, by position: the phrases are in order and never overlap.
    before = [o for o in near if o[1] <= h]
    after = [o for o in near if o[0] > h]
    between = {o: len(before) - k - 1 for k, o in enumerate(before)}
    between.update((o, k) for k, o in enumerate(after))
    best, best_p = None, 0.0
    for c in candidates(ctx, h, rule, near):
        features = source_features(ctx, h, c, rule, near, chunks.type_of(c), between.get(c))
        p = model.probability(features)
        if p > best_p:
            best, best_p = c, p
    return best if best_p >= 0.2 else None
