"""Noun phrases around a cue, by rule: its subject before it, a speaker named after it, the phrase opening a clause."""

from __future__ import annotations

from .context import TokenContext
from .coref import PRONOUNS, RELATIVE_PRONOUNS
from .sources import NOT_NOMINAL

Tokens = tuple[int, int]  # token range [a, b)

AUX = frozenset(
    "has have had is was are were be been being will would could can may might must should shall do does did "
    "also not n't never just already still later earlier then repeatedly publicly previously reportedly "
    "recently again often once first now famously openly privately initially quickly immediately "
    "even only long since".split()
)
CLAUSE_WORDS = frozenset(
    "and but or nor so yet because while whereas although though if when as since after before until unless "
    "that which who whom whose where than".split()
)
_PREPOSITIONS = frozenset(
    "in on at for from with by to into during about over under against among between through without within "
    "upon via per like across toward towards amid despite outside inside near behind around".split()
)
_PUNCT_STOP = frozenset(",;:()[]—–―-")
_STOPPERS = AUX | CLAUSE_WORDS | frozenset("not no".split())
_GERUND_PREPOSITIONS = frozenset("of on about for from by without in".split())
_PARTICLE_WORDS = frozenset("away out up off back down".split())
QUOTE_MARKS = frozenset("\"“”'‘’«»„")
FINAL = frozenset(".!?")
# Words that can follow a cue without starting its content ("said Monday", "said in a statement").
WHEN = frozenset(
    "late early earlier later this last yesterday today tonight recently again also previously then "
    "once repeatedly publicly privately".split()
)
DETERMINERS = frozenset("the a an this that these those its their his her our my your some many".split())


def is_aux(w: str) -> bool:
    return w in AUX or w.endswith(("n't", "n’t"))


def subject_before(ctx: TokenContext, h: int, a: int, earlier: Tokens | None) -> Tokens | None:
    """The noun phrase the cue at h is said by, written before it. Auxiliaries, adverbs, dates and a
    parenthesis are skipped ("Sen. Ted Cruz (R-Tex) is endorsing"), and so is a governing verb before
    "to" ("he refused to pledge"); a participle after a comma ("..., saying") or a verb coordinated with
    an earlier one ("... and warned") shares the clause's subject (`earlier`: the source of the
    sentence's previous frame, else the sentence's first noun phrase); a comma pair holds an apposition or
    a relative clause ("Clark, a retired general, said")."""
    low = ctx.low
    j = h - 1
    while j >= a:
        w = low[j]
        if is_aux(w) or ctx.entity_label(j) == "DATE" or (w.endswith("ly") and len(w) > 4 and ctx.ent[j] < 0):
            j -= 1
        elif w == ")":
            k = j
            while k > a and low[k] != "(" and j - k < 12:
                k -= 1
            if low[k] != "(":
                break
            j = k - 1
        elif w == "to" and j - 1 >= a and ctx.tx[j - 1].islower() and low[j - 1] not in _PREPOSITIONS:
            j -= 2  # "refused to", "wants to", "appeared to"
        elif w in _GERUND_PREPOSITIONS and low[h].endswith("ing") and j - 1 >= a and ctx.tx[j - 1].islower():
            # "stopped short of calling", "insisted on saying": past the governing phrase to its subject.
            j -= 2
            while j >= a and ctx.tx[j].islower() and ctx.tx[j].isalpha() and low[j] not in _STOPPERS and h - j < 6:
                if verbish(ctx.tx[j], low[j]) or low[j].endswith("ed"):
                    j -= 1
                    break
                j -= 1
        elif w in _PARTICLE_WORDS and low[h].endswith("ed") and j - 1 >= a and verbish(ctx.tx[j - 1], low[j - 1]):
            j -= 2  # "came away convinced", "ended up persuaded"
        else:
            break
    if j < a:
        return None
    w = low[j]
    participle = low[h].endswith("ing")
    if w in ("and", "but", "or") or (w == "," and participle):
        return earlier or _sentence_subject(ctx, a, h)
    if w.endswith("ing") and j - 1 >= a and low[j - 1] == "," and ctx.ent[j] < 0:
        # "..., raising concerns that ...": the noun cue's participle shares the clause's subject.
        return earlier or _sentence_subject(ctx, a, h)
    if w == ",":
        c1 = opening_comma(ctx, j, a)
        if c1 is not None:
            head = noun_phrase_ending(ctx, c1, a)
            if head is not None:
                if low[c1 + 1] in RELATIVE_PRONOUNS:
                    return head  # "The official, who declined to be named, told": the phrase before the clause
                # The phrase and what stands beside it: "a spokeswoman, Anna White," / "Clark, a general,".
                return head[0], j
        return None
    if w in RELATIVE_PRONOUNS or w == "that":
        return (j, j + 1)
    return noun_phrase_ending(ctx, j + 1, a)


_SENTENCE_OPENERS = frozenset(
    "in on at after before during when while since as if although though because despite under with without "
    "earlier later meanwhile however still also then yesterday today last this".split()
)


def _sentence_subject(ctx: TokenContext, a: int, h: int) -> Tokens | None:
    """The noun phrase that opens the clause the cue at h belongs to (past an opening adjunct and comma)."""
    low = ctx.low
    i = a
    while i < h and (low[i] in QUOTE_MARKS or low[i] in ("but", "and", "so", "yet", "still")):
        i += 1
    opener = low[i] in _SENTENCE_OPENERS or ctx.entity_label(i) == "DATE"
    # "Chastened by the analyses, Trump revised ...": a participle phrase opens the sentence.
    opener = opener or (i < h and ctx.tx[i][:1].isupper() and low[i].endswith(("ed", "ing")) and ctx.ent[i] < 0)
    if i < h and opener:
        comma = next((k for k in range(i, min(h, i + 14)) if low[k] == ","), None)
        if comma is None:
            return None
        i = comma + 1
    # "On Thursday, however, Trump ...": past a discourse adverb between commas.
    while i < h and (low[i] in NOT_NOMINAL or low[i] == ",") and ctx.ent[i] < 0:
        i += 1
    return _noun_phrase_at(ctx, i, h)


def _noun_phrase_at(ctx: TokenContext, i: int, b: int) -> Tokens | None:
    """The noun phrase that starts at token i (up to its verb)."""
    low = ctx.low
    if i >= b:
        return None
    if low[i] in PRONOUNS:
        return (i, i + 1)
    k = i
    while k < b and k - i < 10:
        w = low[k]
        if ctx.ent[k] >= 0:
            k = max(k + 1, ctx.entity_tokens(k)[1])
            continue
        if w in _PUNCT_STOP or w in FINAL or w in QUOTE_MARKS or w in CLAUSE_WORDS or is_aux(w):
            break
        if (w in _PREPOSITIONS and w != "of") or (k > i and verbish(ctx.tx[k], w)):
            break
        k += 1
    return (i, k) if k > i else None


def opening_comma(ctx: TokenContext, c2: int, a: int) -> int | None:
    low = ctx.low
    k = c2 - 1
    while k > a and c2 - k < 40:
        w = low[k]
        if w == ",":
            return k if k + 1 < c2 else None
        if w in (";", ":") or w in QUOTE_MARKS:
            return None  # (a full stop inside the sentence ends an abbreviation: "D-Mass.")
        k -= 1
    return None


def noun_phrase_ending(ctx: TokenContext, end: int, a: int) -> Tokens | None:
    """The noun phrase that ends right before token `end` (walking left to a clause boundary)."""
    low, tx = ctx.low, ctx.tx
    j = end - 1
    if j < a:
        return None
    w = low[j]
    if w in PRONOUNS or w in RELATIVE_PRONOUNS:
        return (j, j + 1)
    if w in _PUNCT_STOP or w in QUOTE_MARKS or w in FINAL:
        return None
    start = j + 1
    k = j
    while k >= a and end - k <= 12:
        w = low[k]
        if ctx.ent[k] >= 0:
            if ctx.entity_label(k) == "DATE" and low[start] in DETERMINERS:
                break  # "On Monday the ministry said": the date is not part of who spoke
            ea, _ = ctx.entity_tokens(k)
            start = k = max(ea, a)
            k -= 1
            continue
        if w in _PUNCT_STOP or w in QUOTE_MARKS or w in FINAL or w in CLAUSE_WORDS:
            break
        if w in _PREPOSITIONS and w != "of":
            # "traders in Kano", "a statement from the ministry": a noun before the preposition keeps the
            # phrase going; "arrived in Paris" (a verb before it) ends it.
            before = k - 1
            if (
                before < a
                or not (ctx.tx[before].islower() and ctx.tx[before].isalpha())
                or verbish(ctx.tx[before], low[before])
                or low[before] in _STOPPERS
            ):
                break
        if is_aux(w) and k != j:
            break
        if w in PRONOUNS and w not in ("his", "her", "its", "their", "our", "my", "your"):
            break
        if k < j and verbish(tx[k], low[k]) and low[k + 1] not in ("of",):
            break
        start = k
        k -= 1
    if start > j:
        return None
    # A phrase opening with "of" or a possessive marker lost its head: leave it out.
    while start <= j and low[start] in ("of", "'s", "’s"):
        start += 1
    return (start, j + 1) if start <= j else None


def verbish(word: str, low: str) -> bool:
    """A lower-case word that reads as a verb form or an adverb ("announced", "uses", "is", "however"), ending
    a noun phrase."""
    if not word.islower():
        return False
    if low in AUX or low in NOT_NOMINAL:
        return True
    return low.endswith("ed") and len(low) > 4


def noun_phrase_after(ctx: TokenContext, i: int, b: int) -> Tokens | None:
    """A speaker named after an inverted cue ("said Ms White", "said the company's spokesman, John Roe")."""
    low = ctx.low
    while i < b and (low[i] in WHEN or ctx.entity_label(i) == "DATE"):
        i += 1
    if i >= b:
        return None
    if low[i] in PRONOUNS and low[i] not in ("his", "her", "its", "their"):
        return (i, i + 1)
    first = i
    if not (ctx.ent[i] >= 0 or ctx.tx[i][:1].isupper() or low[i] in DETERMINERS):
        return None
    k = i
    while k < b and k - first < 14:
        w = low[k]
        if ctx.ent[k] >= 0:
            k = ctx.entity_tokens(k)[1]
            continue
        if w in _PUNCT_STOP or w in FINAL or w in QUOTE_MARKS or (w in _PREPOSITIONS and w != "of"):
            break
        if w in CLAUSE_WORDS or w in AUX:
            break
        k += 1
    return (first, k) if k > first else None
