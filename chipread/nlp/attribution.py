"""Who said what: each cue's source and content, quotations attached to their cues, speakers named.

The pipeline, per article: cues come from a model (chipread.nlp.cues); around each cue, rules find the
source (the subject before the cue, the name after an inverted "said", the phrase after "according
to") and the content (what follows the cue, what precedes an inverted cue, the quotation beside it);
cues nested inside another attribution's content are dropped (each word belongs to at most one
attribution, as in PolNeAR); quotations that no cue claims continue the previous speaker's quote;
finally a pronoun or description source is resolved to the named mention it refers to
(chipread.nlp.speakers), so a proposed speaker is never "he".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .context import TokenContext
from .coref import PRONOUNS, RELATIVE_PRONOUNS
from .cues import THRESHOLD, Cue, score_cues
from .lemma import lemma
from .sources import NOT_NOMINAL, Chunks, choose

Tokens = tuple[int, int]  # token range [a, b)

_AUX = frozenset(
    "has have had is was are were be been being will would could can may might must should shall do does did "
    "also not n't never just already still later earlier then repeatedly publicly previously reportedly "
    "recently again often once first now famously openly privately initially quickly immediately "
    "even only long since".split()
)
_CLAUSE_WORDS = frozenset(
    "and but or nor so yet because while whereas although though if when as since after before until unless "
    "that which who whom whose where than".split()
)
_PREPOSITIONS = frozenset(
    "in on at for from with by to into during about over under against among between through without within "
    "upon via per like across toward towards amid despite outside inside near behind around".split()
)
_PUNCT_STOP = frozenset(",;:()[]—–―-")
_STOPPERS = _AUX | _CLAUSE_WORDS | frozenset("not no".split())
_GERUND_PREPOSITIONS = frozenset("of on about for from by without in".split())
_PARTICLE_WORDS = frozenset("away out up off back down".split())
_QUOTE_MARKS = frozenset("\"“”'‘’«»„")
_FINAL = frozenset(".!?")
# Verbs whose object is the one spoken to: the content follows it ("told reporters that ...").
_ADDRESSEE = frozenset("tell inform remind assure warn ask brief notify email write".split())
# Particles that belong to the cue ("called for", "pointed out", "referring to").
_PARTICLES = {
    "call": ("for", "on", "upon"),
    "point": ("out", "to"),
    "refer": ("to",),
    "speak": ("of", "about", "out"),
    "talk": ("about",),
    "ask": ("about", "for"),
    "warn": ("of", "about", "against"),
    "complain": ("about", "of"),
    "rail": ("against",),
    "push": ("for",),
    "argue": ("for", "against"),
    "advocate": ("for",),
    "accord": ("to",),
}
_STATEMENT_NOUNS = frozenset(
    "statement interview release briefing email post video message letter filing speech remarks tweet "
    "conference op-ed column essay appearance address memo report rally event call press".split()
)
# Words that can follow a cue without starting its content ("said Monday", "said in a statement").
_WHEN = frozenset(
    "late early earlier later this last yesterday today tonight recently again also previously then "
    "once repeatedly publicly privately".split()
)
_DETERMINERS = frozenset("the a an this that these those its their his her our my your some many".split())
# Verbs that take "to" for a decision or a purpose rather than a stated position.
_DECISIONS = frozenset("agree aim try attempt seek decide choose move vote".split())
# Objects of "said" that are no statement: "said nothing", "said so", "said goodbye".
_NOT_A_CLAUSE = frozenset(
    "anything nothing something everything so little much more less yes no goodbye hello sorry thanks otherwise "
    "hi".split()
)
# Verbs that may come before their speaker ('"...," said Ms White'; "Prices will rise, says the bank").
_INVERTING = frozenset(
    "say add write ask explain note continue recall insist argue reply respond declare state conclude warn "
    "joke quip admit acknowledge observe remark announce report suggest predict counter wonder".split()
)


@dataclass
class Frame:
    """One attribution found around a cue: content pieces (token ranges), source (token range or None)."""

    cue: Cue
    contents: list[Tokens] = field(default_factory=list)
    direct: list[bool] = field(default_factory=list)
    source: Tokens | None = None
    why: str = ""
    # Quotations found after the report they continue, whose source is that report's.
    continued: bool = False

    @property
    def first(self) -> int:
        return min([a for a, _ in self.contents] + ([self.source[0]] if self.source else []) + [self.cue.head])

    @property
    def span(self) -> Tokens:
        return min(a for a, _ in self.contents), max(b for _, b in self.contents)


def find_frames(ctx: TokenContext, cues: list[Cue] | None = None, nested: bool = True) -> list[Frame]:
    """Every attribution of the article: cue frames, then quotations no cue claims. With `nested`, a report
    inside another report's content is kept too; without, each word belongs to one attribution."""
    scored = score_cues(ctx) if cues is None else cues
    cues = [c for c in scored if c.probability >= THRESHOLD]
    chunks = Chunks(ctx, verb_tokens(ctx, scored))
    frames: list[Frame] = []
    subjects: dict[int, Tokens] = {}  # sentence -> the source of its last frame
    heads = {c.head for c in cues}
    for cue in cues:
        frame = _frame(ctx, cue, subjects, heads)
        if frame is None:
            continue
        rule = frame.source
        chosen = rule if _plain_subject(ctx, cue.head, rule) else choose(ctx, cue.head, rule, chunks)
        # A part of the rule's phrase ("D-Mass" of "Sen. Elizabeth Warren, D-Mass.,") stands for all of it.
        frame.source = (
            rule
            if chosen is not None and rule is not None and rule[0] <= chosen[0] and chosen[1] <= rule[1]
            else chosen
        )
        if frame.source is not None and frame.source[0] < cue.head:
            subjects[ctx.sent[cue.head]] = frame.source
        if frame is not None and frame.contents:
            frames.append(frame)
    frames = _without_nested(ctx, frames, nested)
    frames.extend(_orphan_quotes(ctx, frames))
    frames.sort(key=lambda f: f.span)
    return frames


def _plain_subject(ctx: TokenContext, h: int, rule: Tokens | None) -> bool:
    """ "he said", "Ms Roe told": a pronoun or a name right before the cue (past auxiliaries) is its source;
    the source model is for everything else."""
    if rule is None:
        return False
    j = h - 1
    while j >= 0 and _is_aux(ctx.low[j]):
        j -= 1
    if rule[1] != j + 1:
        return False
    return (rule[1] - rule[0] == 1 and ctx.low[rule[0]] in PRONOUNS) or ctx.entity_label(j) in ("PERSON", "ORG")


def verb_tokens(ctx: TokenContext, scored: list[Cue]) -> set[int]:
    """Tokens that read as verbs, which end a noun phrase: likely cues, and past forms after a noun."""
    verbs = {c.head for c in scored if c.probability >= 0.1}
    low = ctx.low
    for i, w in enumerate(low):
        if w.endswith("ed") and len(w) > 4 and ctx.ent[i] < 0 and i > 0 and low[i - 1] not in _DETERMINERS:
            verbs.add(i)
    return verbs


# -- one cue ------------------------------------------------------------------------------------


def _frame(
    ctx: TokenContext, cue: Cue, subjects: dict[int, Tokens], heads: set[int] | frozenset[int] = frozenset()
) -> Frame | None:
    h = cue.head
    a, b = ctx.bounds[ctx.sent[h]]
    low = ctx.low
    end = _cue_end(ctx, cue, b)
    frame = Frame(cue)
    if low[h] == ":" or low[h] in ("―", "—"):
        return _colon_frame(ctx, frame, a, b)
    if cue.lemma == "accord":
        return _according_frame(ctx, frame, a, b, end)
    # Inverted ('"...," said Ms White', 'Prices will rise, said the economist'): the source follows.
    prev = h - 1
    while prev >= a and _is_aux(low[prev]):
        prev -= 1
    inverted = cue.lemma in _INVERTING and not low[h].endswith("ing") and _inverted_at(ctx, prev, a)
    source = _noun_phrase_after(ctx, end, b) if inverted else None
    if source is not None and not _ends_clause(ctx, source[1], b):
        source = None  # "..., said the bill was flawed": what follows is the content, not the speaker
    if source is None:
        source = _subject_before(ctx, h, a, subjects.get(ctx.sent[h]))
        inverted = False
    if source is not None and source[1] - source[0] <= 2 and _negative(ctx, source):
        return None  # "Nobody said ...", "No one told ...": nobody made a claim
    frame.source = source
    quote_before = _quote_ending_before(ctx, (source[0] if source and source[0] < h else prev + 1), a)
    if quote_before is not None:
        # '"...," he said' (and '"...," he said, "..."'): the quotation is the content.
        frame.contents.append(quote_before)
        frame.direct.append(True)
        after = _skip_adjuncts(ctx, max(end, source[1] if source else end), b)
        if after < b and low[after] == ",":
            after += 1
        q_after = _quote_starting_at(ctx, after)
        if q_after is not None:
            frame.contents.append(q_after)
            frame.direct.append(True)
        frame.why = f"quotation before '{ctx.tx[h]}'"
        return frame
    if inverted or _reported_before(ctx, h, source, end, a, b):
        # "Prices will rise, the economist said." / "..., said the economist."
        stop = (source[0] if source and source[0] < h else h) - 1
        while stop > a and low[stop] != "," and h - stop < 60:
            stop -= 1
        if stop > a:
            frame.contents.append(_trim(ctx, a, stop))
            frame.direct.append(False)
            frame.why = f"statement before '{ctx.tx[h]}'"
            return frame
        if inverted:
            return None
    start = _content_start(ctx, cue, end, b)
    if start < b and low[start] in _NOT_A_CLAUSE:
        return None  # "said nothing", "said goodbye": no statement follows
    if cue.lemma in _DECISIONS and start < b and low[start] == "to":
        return None  # "agreed to join", "aims to slow": a decision or a purpose, not a statement
    if low[start : start + 3] in (["to", "be", "named"], ["to", "be", "identified"]):
        return None  # "declined to be named": anonymity, not a statement
    if source is not None and source[1] - source[0] == 1 and low[source[0]] in RELATIVE_PRONOUNS:
        # "The official, who declined to be named, told ...": the relative clause ends at its comma.
        if source[0] > a and low[source[0] - 1] == ",":
            comma = next((k for k in range(start, min(b, start + 40)) if low[k] == ","), None)
            b = comma if comma is not None else b
    q = _quote_starting_at(ctx, start)
    if q is not None and (q[1] >= b or _only_end_after(ctx, q[1], b)):
        frame.contents.append(q)
        frame.direct.append(True)
        frame.why = f"quotation after '{ctx.tx[h]}'"
        return frame
    if start < b:
        frame.contents.append(_trim(ctx, start, _content_end(ctx, start, b, heads)))
        frame.direct.append(False)
        frame.why = f"what follows '{ctx.tx[h]}'"
    elif b < len(low) and low[b - 1] == ":":
        # "Caddell continued:" at a paragraph's end, the quotation opening the next one.
        q = _quote_starting_at(ctx, b)
        if q is not None:
            frame.contents.append(q)
            frame.direct.append(True)
            frame.why = f"quotation after '{ctx.tx[h]}:'"
    return frame


def _ends_clause(ctx: TokenContext, i: int, b: int) -> bool:
    """Nothing but when, how or a comma after token i up to the sentence's end?"""
    i = _skip_adjuncts(ctx, i, b)
    return i >= b or ctx.low[i] in _FINAL or ctx.low[i] in (",", ";") or ctx.low[i] in _QUOTE_MARKS


def _negative(ctx: TokenContext, source: Tokens) -> bool:
    words = ctx.low[source[0] : source[1]]
    return words[0] in ("nobody", "none", "neither", "nothing") or words == ["no", "one"]


def _inverted_at(ctx: TokenContext, prev: int, a: int) -> bool:
    """Can the cue after token `prev` come before its speaker? After a quotation, a colon, a dash or at the
    start of a sentence; after a comma only when it does not close an apposition ("Ms Roe, an economist,
    told")."""
    low = ctx.low
    if prev < a or low[prev] in (":", "—", "–", "―", "--") or low[prev] in _QUOTE_MARKS:
        return True
    if low[prev] != ",":
        return False
    return (prev > a and low[prev - 1] in _QUOTE_MARKS) or _opening_comma(ctx, prev, a) is None


def _cue_end(ctx: TokenContext, cue: Cue, b: int) -> int:
    """The token after the cue's words: its particle ("called for") comes with it."""
    h = cue.head
    end = h + 1
    particles = _PARTICLES.get(cue.lemma, ())
    if end < b and ctx.low[end] in particles:
        end += 1
    return end


def _colon_frame(ctx: TokenContext, frame: Frame, a: int, b: int) -> Frame | None:
    """'Poll: Wealthy voters abandon ...' (a headline), 'Rep. Gowdy: "I have not ..."', '... ― Sonya Herridge'."""
    h = frame.cue.head
    if ctx.low[h] == ":":
        if h - a < 1 or h - a > 8 or h + 1 >= b:
            return None
        frame.source = (a, h)
        q = _quote_starting_at(ctx, h + 1)
        frame.contents.append(q if q is not None else _trim(ctx, h + 1, b))
        frame.direct.append(q is not None)
        frame.why = "a name before a colon"
        return frame
    # A dash after a quotation names its author: '"..." ― Sonya Herridge'.
    q = _quote_ending_before(ctx, h, a)
    source = _noun_phrase_after(ctx, h + 1, b)
    if q is None or source is None:
        return None
    frame.source = source
    frame.contents.append(q)
    frame.direct.append(True)
    frame.why = "a quotation signed after a dash"
    return frame


def _according_frame(ctx: TokenContext, frame: Frame, a: int, b: int, end: int) -> Frame | None:
    """'According to X, CONTENT.' or 'CONTENT, according to X.'"""
    h = frame.cue.head
    if end - h < 2:
        return None
    low = ctx.low
    k = end
    while k < b and low[k] not in (",", ";") and low[k] not in _FINAL and low[k] not in _QUOTE_MARKS:
        k += 1
    frame.source = _trim(ctx, end, k) if k > end else None
    opening = h - a <= 2 or (
        h - a <= 4 and all(low[i] in ("but", "and", "yet", "so", "however", "also") for i in range(a, h))
    )
    if opening and k < b and low[k] == ",":
        start = k + 1
        if start < b and low[start] in RELATIVE_PRONOUNS:
            # "According to MSF, which runs a centre there, the number ...": past the relative clause.
            start = next((p + 1 for p in range(start, min(b, start + 30)) if low[p] == ","), start)
        q = _quote_starting_at(ctx, start)
        if q is not None:
            frame.contents.append(q)
            frame.direct.append(True)
        else:
            frame.contents.append(_trim(ctx, start, b))
            frame.direct.append(False)
        frame.why = "what follows 'according to ...,'"
        return frame
    stop = h - 1
    if stop > a and low[stop] == ",":
        q = _quote_ending_before(ctx, stop + 1, a)
        if q is not None:
            frame.contents.append(q)
            frame.direct.append(True)
        else:
            frame.contents.append(_trim(ctx, a, stop))
            frame.direct.append(False)
        frame.why = "what precedes ', according to'"
        return frame
    return None


# -- sources ------------------------------------------------------------------------------------


def _is_aux(w: str) -> bool:
    return w in _AUX or w.endswith(("n't", "n’t"))


def _subject_before(ctx: TokenContext, h: int, a: int, earlier: Tokens | None) -> Tokens | None:
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
        if _is_aux(w) or ctx.entity_label(j) == "DATE" or (w.endswith("ly") and len(w) > 4 and ctx.ent[j] < 0):
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
                if _verbish(ctx.tx[j], low[j]) or low[j].endswith("ed"):
                    j -= 1
                    break
                j -= 1
        elif w in _PARTICLE_WORDS and low[h].endswith("ed") and j - 1 >= a and _verbish(ctx.tx[j - 1], low[j - 1]):
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
        c1 = _opening_comma(ctx, j, a)
        if c1 is not None:
            head = _noun_phrase_ending(ctx, c1, a)
            if head is not None:
                if low[c1 + 1] in RELATIVE_PRONOUNS:
                    return head  # "The official, who declined to be named, told": the phrase before the clause
                # The phrase and what stands beside it: "a spokeswoman, Anna White," / "Clark, a general,".
                return head[0], j
        return None
    if w in RELATIVE_PRONOUNS or w == "that":
        return (j, j + 1)
    return _noun_phrase_ending(ctx, j + 1, a)


_SENTENCE_OPENERS = frozenset(
    "in on at after before during when while since as if although though because despite under with without "
    "earlier later meanwhile however still also then yesterday today last this".split()
)


def _sentence_subject(ctx: TokenContext, a: int, h: int) -> Tokens | None:
    """The noun phrase that opens the clause the cue at h belongs to (past an opening adjunct and comma)."""
    low = ctx.low
    i = a
    while i < h and (low[i] in _QUOTE_MARKS or low[i] in ("but", "and", "so", "yet", "still")):
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
        if w in _PUNCT_STOP or w in _FINAL or w in _QUOTE_MARKS or w in _CLAUSE_WORDS or _is_aux(w):
            break
        if (w in _PREPOSITIONS and w != "of") or (k > i and _verbish(ctx.tx[k], w)):
            break
        k += 1
    return (i, k) if k > i else None


def _opening_comma(ctx: TokenContext, c2: int, a: int) -> int | None:
    low = ctx.low
    k = c2 - 1
    while k > a and c2 - k < 40:
        w = low[k]
        if w == ",":
            return k if k + 1 < c2 else None
        if w in (";", ":") or w in _QUOTE_MARKS:
            return None  # (a full stop inside the sentence ends an abbreviation: "D-Mass.")
        k -= 1
    return None


def _noun_phrase_ending(ctx: TokenContext, end: int, a: int) -> Tokens | None:
    """The noun phrase that ends right before token `end` (walking left to a clause boundary)."""
    low, tx = ctx.low, ctx.tx
    j = end - 1
    if j < a:
        return None
    w = low[j]
    if w in PRONOUNS or w in RELATIVE_PRONOUNS:
        return (j, j + 1)
    if w in _PUNCT_STOP or w in _QUOTE_MARKS or w in _FINAL:
        return None
    start = j + 1
    k = j
    while k >= a and end - k <= 12:
        w = low[k]
        if ctx.ent[k] >= 0:
            ea, _ = ctx.entity_tokens(k)
            start = k = max(ea, a)
            k -= 1
            continue
        if w in _PUNCT_STOP or w in _QUOTE_MARKS or w in _FINAL or w in _CLAUSE_WORDS:
            break
        if w in _PREPOSITIONS and w != "of":
            # "traders in Kano", "a statement from the ministry": a noun before the preposition keeps the
            # phrase going; "arrived in Paris" (a verb before it) ends it.
            before = k - 1
            if (
                before < a
                or not (ctx.tx[before].islower() and ctx.tx[before].isalpha())
                or _verbish(ctx.tx[before], low[before])
                or low[before] in _STOPPERS
            ):
                break
        if _is_aux(w) and k != j:
            break
        if w in PRONOUNS and w not in ("his", "her", "its", "their", "our", "my", "your"):
            break
        if k < j and _verbish(tx[k], low[k]) and low[k + 1] not in ("of",):
            break
        start = k
        k -= 1
    if start > j:
        return None
    # A phrase opening with "of" or a possessive marker lost its head: leave it out.
    while start <= j and low[start] in ("of", "'s", "’s"):
        start += 1
    return (start, j + 1) if start <= j else None


def _verbish(word: str, low: str) -> bool:
    """A lower-case word that reads as a verb form or an adverb ("announced", "uses", "is", "however"), ending
    a noun phrase."""
    if not word.islower():
        return False
    if low in _AUX or low in NOT_NOMINAL:
        return True
    return low.endswith("ed") and len(low) > 4


def _noun_phrase_after(ctx: TokenContext, i: int, b: int) -> Tokens | None:
    """A speaker named after an inverted cue ("said Ms White", "said the company's spokesman, John Roe")."""
    low = ctx.low
    while i < b and (low[i] in _WHEN or ctx.entity_label(i) == "DATE"):
        i += 1
    if i >= b:
        return None
    if low[i] in PRONOUNS and low[i] not in ("his", "her", "its", "their"):
        return (i, i + 1)
    first = i
    if not (ctx.ent[i] >= 0 or ctx.tx[i][:1].isupper() or low[i] in _DETERMINERS):
        return None
    k = i
    while k < b and k - first < 14:
        w = low[k]
        if ctx.ent[k] >= 0:
            k = ctx.entity_tokens(k)[1]
            continue
        if w in _PUNCT_STOP or w in _FINAL or w in _QUOTE_MARKS or (w in _PREPOSITIONS and w != "of"):
            break
        if w in _CLAUSE_WORDS or w in _AUX:
            break
        k += 1
    return (first, k) if k > first else None


# -- contents -----------------------------------------------------------------------------------


def _content_start(ctx: TokenContext, cue: Cue, end: int, b: int) -> int:
    """Where the content after a cue begins: past the one spoken to, when and how it was said, "that"."""
    low = ctx.low
    i = _skip_adjuncts(ctx, end, b)
    if cue.lemma in _ADDRESSEE:
        that = next((k for k in range(i, min(b, i + 10)) if low[k] == "that"), None)
        if that is not None and not any(low[k] in (",", ";", ".") for k in range(i, that)):
            i = that
        else:
            i = _skip_addressee(ctx, i, b)
        i = _skip_adjuncts(ctx, i, b)
    while i < b and low[i] in (",", ":", "that", "—", "–"):
        i += 1
    return i


_OBJECT_PRONOUNS = frozenset("him her them me us you it".split())
_SUBJECT_PRONOUNS = frozenset("he she they i we it".split())


def _skip_addressee(ctx: TokenContext, i: int, b: int) -> int:
    """The token after the one spoken to: "told [Reuters] ...", "told [the BBC] they ...", "told [reporters]
    ...", "told [him] ..."; a content that names nobody first stays whole ("asked whether ...")."""
    low = ctx.low
    if i >= b:
        return i
    if low[i] in _OBJECT_PRONOUNS:
        return i + 1
    k = i
    if low[k] in _DETERMINERS:
        k += 1
    if k < b and ctx.ent[k] >= 0:
        k = ctx.entity_tokens(k)[1]
        while k < b and low[k] in ("'s", "’s") and k + 1 < b and ctx.tx[k + 1].islower():
            k += 2  # "told CBS's [correspondent]"
        return k
    if k > i or (k < b and ctx.tx[k].islower() and low[k].endswith("s") and low[k] not in _SUBJECT_PRONOUNS):
        # "the crowd", "reporters", "a news conference": a few nouns, up to a pronoun, "that" or a verb.
        n = 0
        while k < b and n < 3 and ctx.tx[k].islower() and low[k] not in _SUBJECT_PRONOUNS and low[k] not in _STOP_WORDS:
            k += 1
            n += 1
        return k
    return i


_STOP_WORDS = frozenset("that to if whether what how why when where who which and but or about".split()) | frozenset(
    "is are was were will would could can may might must should has have had".split()
)


def _content_end(ctx: TokenContext, start: int, b: int, heads: set[int] | frozenset[int]) -> int:
    """Where what follows a cue stops, short of the sentence's end: before a second predicate of the same
    subject ("protested the detention and called for ..."; "..., but stopped short of ..."), a gloss on the
    last word (", who ...", ", which ..."), or a participle describing the speaker (", treating ...")."""
    low = ctx.low
    i = start + 2
    while i < b:
        w = low[i]
        if w == ";" or (w == "," and i + 1 < b and low[i + 1] in ("but", "who", "which", "whose")):
            return i
        if (
            w == ","
            and i + 1 < b
            and low[i + 1].endswith("ing")
            and low[i + 1] not in ("including", "according", "regarding", "concerning", "following")
            and ctx.tx[i + 1].islower()
            and ctx.quote[i] < 0
        ):
            return i
        if w == "and" and ctx.quote[i] < 0:
            k = i + 1
            while k < b and _is_aux(low[k]):
                k += 1
            if k < b and (k in heads or (k > i + 1 and _verbish(ctx.tx[k], low[k]))):
                return i - 1 if low[i - 1] == "," else i
        i += 1
    return b


def _skip_adjuncts(ctx: TokenContext, i: int, b: int) -> int:
    """Past "on Monday", "in a statement", "on Twitter", "late Tuesday" after a cue."""
    low = ctx.low
    while i < b:
        w = low[i]
        if w in _WHEN or ctx.entity_label(i) == "DATE":
            i += 1
            continue
        if w in ("in", "on", "during", "at", "via") and i + 1 < b:
            k = i + 1
            while k < b and k - i <= 5 and (low[k] in _DETERMINERS or ctx.ent[k] >= 0 or low[k].isalpha()):
                if low[k] in _STATEMENT_NOUNS or low[k] in ("twitter", "facebook", "instagram", "television", "tv"):
                    break
                k += 1
            if (
                k < b
                and k - i <= 5
                and (low[k] in _STATEMENT_NOUNS or low[k] in ("twitter", "facebook", "instagram", "television", "tv"))
            ):
                i = k + 1
                continue
            if ctx.entity_label(i + 1) == "DATE":
                i += 1
                continue
        if w == "of" and i + 1 < b:
            # "says of Clinton, ...", "said of the election, ...": the topic, then what was said.
            comma = next((k for k in range(i + 1, min(b, i + 9)) if low[k] in (",", ":")), None)
            if comma is not None and not any(low[k] in _CLAUSE_WORDS for k in range(i + 1, comma)):
                i = comma + 1
                continue
        break
    return i


def _only_end_after(ctx: TokenContext, i: int, b: int) -> bool:
    return all(ctx.low[k] in _FINAL or ctx.low[k] in _QUOTE_MARKS for k in range(i, b))


def _reported_before(ctx: TokenContext, h: int, source: Tokens | None, end: int, a: int, b: int) -> bool:
    """ "The rules will hurt trade, the ministry said on Monday." : a comma before the source, nothing but
    when and how after the cue."""
    if source is None or source[0] <= a or ctx.low[source[0] - 1] != ",":
        return False
    rest = _skip_adjuncts(ctx, end, b)
    return rest >= b or ctx.low[rest] in _FINAL or ctx.low[rest] == "," or ctx.low[rest] in _QUOTE_MARKS


def _trim(ctx: TokenContext, a: int, b: int) -> Tokens:
    """Tokens [a, b) without the sentence's final punctuation and stray quotation marks at either end."""
    low = ctx.low
    while b > a and (low[b - 1] in _FINAL or low[b - 1] in (",", ";", ":")):
        b -= 1
    while a < b and low[a] in (",", ":", ";"):
        a += 1
    return a, b


def _quote_ending_before(ctx: TokenContext, i: int, a: int) -> Tokens | None:
    """The quotation that closes right before token i (a comma or dash between them allowed), as tokens with its
    marks, when it is a statement of its own: it opens a sentence (or follows a colon), not a title inside one
    ("on CBS's "Face the Nation," Ryan said")."""
    j = i - 1
    while j >= a and ctx.low[j] in (",", "—", "–", "―", "--"):
        j -= 1
    if j < a or ctx.quote[j] < 0:
        return None
    q = ctx.quotes[ctx.quote[j]]
    if q.open_ended or ctx.ends[j] != q.end + q.width:
        return None
    first = ctx.tok_after(q.start)
    opener = ctx.bounds[ctx.sent[first]][0]
    if first != opener and ctx.low[first - 1] not in (":", "—", "–", "―", "--", ";"):
        return None
    return first, j + 1


def _quote_starting_at(ctx: TokenContext, i: int) -> Tokens | None:
    """The quotation that opens at token i, as tokens with its marks."""
    if i >= len(ctx.low) or ctx.quote[i] < 0:
        return None
    q = ctx.quotes[ctx.quote[i]]
    if ctx.starts[i] != q.start:
        return None
    last = ctx.tok(q.end + q.width - 1) if not q.open_ended else ctx.tok(max(q.start, q.end - 1))
    return i, last + 1


# -- the article --------------------------------------------------------------------------------


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
        inside = next((k for ca, cb, k in open_ if ca <= h < cb), None)
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


def lemma_of(ctx: TokenContext, i: int) -> str:
    return lemma(ctx.low[i])
