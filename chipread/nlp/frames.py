"""One cue's attribution: the source and the content that go with it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .contents import (
    MEANS,
    TOPIC_VERBS,
    absent,
    content_end,
    content_start,
    only_end_after,
    quote_ending_before,
    quote_starting_at,
    reported_before,
    skip_adjuncts,
    states_something,
    trim,
)
from .context import TokenContext
from .coref import PRONOUNS, RELATIVE_PRONOUNS
from .cues import Cue
from .phrases import FINAL, QUOTE_MARKS, is_aux, noun_phrase_after, opening_comma, subject_before

Tokens = tuple[int, int]  # token range [a, b)

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
# A cue noun followed by one of these names a topic ("allegations of espionage", "concerns about X").
_TOPIC_PREPOSITIONS = frozenset("of about over on regarding".split())


def _used_as_noun(ctx: TokenContext, h: int, a: int) -> bool:
    """Is the cue word a noun here: after a determiner, a possessive, an adjective or a preposition?"""
    if h <= a:
        return False
    before = ctx.low[h - 1]
    return (
        before in _NOUN_MARKERS
        or before.endswith(("'s", "’s"))
        or (ctx.tx[h - 1].islower() and before.endswith(("al", "ive", "ous", "ful")))
    )


_NOUN_MARKERS = frozenset(
    "the a an his her its their our my your this that these those under amid over despite after about new "
    "repeated renewed growing serious 's ’s".split()
)
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

    def add(self, piece: Tokens, direct: bool) -> None:
        """One piece of content: a quotation (direct) or reported words."""
        self.contents.append(piece)
        self.direct.append(direct)

    def add_quote_or(self, quote: Tokens | None, words: Tokens) -> None:
        """The quotation if there is one, else the words."""
        self.add(quote if quote is not None else words, quote is not None)

    @property
    def first(self) -> int:
        return min([a for a, _ in self.contents] + ([self.source[0]] if self.source else []) + [self.cue.head])

    @property
    def span(self) -> Tokens:
        return min(a for a, _ in self.contents), max(b for _, b in self.contents)


def frame_for(
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
    if h > a and low[h - 1] == "having" and h + 2 < b and low[h + 1] in ("that", "this") and low[h + 2] == ",":
        return None  # "Having said that, ...": the writer moving on, nobody's statement
    # Inverted ('"...," said Ms White', 'Prices will rise, said the economist'): the source follows.
    prev = h - 1
    while prev >= a and is_aux(low[prev]):
        prev -= 1
    inverted = cue.lemma in _INVERTING and not low[h].endswith("ing") and _inverted_at(ctx, prev, a)
    source = noun_phrase_after(ctx, end, b) if inverted else None
    if source is not None and not _ends_clause(ctx, source[1], b):
        source = None  # "..., said the bill was flawed": what follows is the content, not the speaker
    if source is None:
        source = subject_before(ctx, h, a, subjects.get(ctx.sent[h]))
        inverted = False
    if source is not None and source[1] - source[0] <= 2 and _negative(ctx, source):
        return None  # "Nobody said ...", "No one told ...": nobody made a claim
    frame.source = source
    quote_before = quote_ending_before(ctx, (source[0] if source and source[0] < h else prev + 1), a)
    if quote_before is not None:
        # '"...," he said' (and '"...," he said, "..."'): the quotation is the content.
        frame.add(quote_before, True)
        after = skip_adjuncts(ctx, max(end, source[1] if source else end), b)
        if after < b and low[after] == ",":
            after += 1
        q_after = quote_starting_at(ctx, after)
        if q_after is not None:
            frame.add(q_after, True)
        frame.why = f"quotation before '{ctx.tx[h]}'"
        return frame
    if inverted or reported_before(ctx, h, source, end, a, b):
        # "Prices will rise, the economist said." / "..., said the economist."
        stop = (source[0] if source and source[0] < h else h) - 1
        while stop > a and low[stop] != "," and h - stop < 60:
            stop -= 1
        if stop > a:
            frame.add(trim(ctx, a, stop), False)
            frame.why = f"statement before '{ctx.tx[h]}'"
            return frame
        if inverted:
            return None
    by = skip_adjuncts(ctx, end, b)
    if by + 1 < b and low[by] == "by":
        if low[by + 1].endswith("ing"):
            return None  # "replied by citing the law": how it was said; "citing" has its own frame
        if _passive(ctx, h, a):
            return _passive_frame(ctx, frame, source, by, a, b, heads)
    elif _after_be(ctx, h, a) and _participle(low[h]) and not (by < b and low[by] in _CLAUSE_AFTER_PASSIVE):
        # "Trump was criticized for his remarks", "the bill was approved on Friday": an act nobody is named for and
        # no statement; but "it has been argued that ...", "it is believed to be ..." report one.
        return None
    start = content_start(ctx, cue, end, b)
    if start < b and low[start] in _NOT_A_CLAUSE:
        return None  # "said nothing", "said goodbye": no statement follows
    if cue.lemma in _DECISIONS and start < b and low[start] == "to":
        return None  # "agreed to join", "aims to slow": a decision or a purpose, not a statement
    if cue.lemma in TOPIC_VERBS and not states_something(ctx, end, start, b):
        return None  # "discussed the export bans", "spoke by phone": a topic or an event, no position
    if absent(ctx, h, a):
        return None  # "without offering details", "made no mention": nothing was said
    if low[start : start + 3] in (["to", "be", "named"], ["to", "be", "identified"]):
        return None  # "declined to be named": anonymity, not a statement
    if source is not None and source[1] - source[0] == 1 and low[source[0]] in RELATIVE_PRONOUNS:
        # "The official, who declined to be named, told ...": the relative clause ends at its comma.
        if source[0] > a and low[source[0] - 1] == ",":
            comma = next((k for k in range(start, min(b, start + 40)) if low[k] == ","), None)
            b = comma if comma is not None else b
    if start < b and low[start] in _TOPIC_PREPOSITIONS and _used_as_noun(ctx, h, a):
        return None  # "under allegations of espionage": a topic, no statement
    stop = content_end(ctx, start, b, heads) if start < b else b
    q = quote_starting_at(ctx, start)
    if q is not None and (q[1] >= stop or only_end_after(ctx, q[1], stop)):
        frame.add(q, True)  # wholly quoted: a quote, no claim
        frame.why = f"quotation after '{ctx.tx[h]}'"
        return frame
    if start < b:
        frame.add(trim(ctx, start, stop), False)
        frame.why = f"what follows '{ctx.tx[h]}'"
    elif b < len(low) and low[b - 1] == ":":
        # "Caddell continued:" at a paragraph's end, the quotation opening the next one.
        q = quote_starting_at(ctx, b)
        if q is not None:
            frame.add(q, True)
            frame.why = f"quotation after '{ctx.tx[h]}:'"
    return frame


# Past participles that do not end in -ed/-en ("was told by", "were made by").
_IRREGULAR_PARTICIPLES = frozenset(
    "told said made held brought found thought sought taught led set put cut read heard met quoted dealt meant "
    "struck sent spent built won lost paid laid hit".split()
)
_BE = frozenset("is was were are be been being 's ’s".split())
_CLAUSE_AFTER_PASSIVE = QUOTE_MARKS | frozenset(("that", "to", "as", ":", ","))
# What a passive's content may be after its agent: "Asked by Matt Lauer whether ...".
_AFTER_AGENT = frozenset("whether if that how what why when where to about".split())


def _participle(w: str) -> bool:
    return w.endswith(("ed", "en", "wn")) or w in _IRREGULAR_PARTICIPLES


def _word_before(ctx: TokenContext, h: int, a: int) -> int:
    """The token before the cue past adverbs ("was widely criticized"); below `a` at the sentence's start."""
    j = h - 1
    while j >= a and ctx.low[j].endswith("ly") and ctx.ent[j] < 0:
        j -= 1
    return j


def _after_be(ctx: TokenContext, h: int, a: int) -> bool:
    """Is the cue right after a form of "be" (past adverbs)?"""
    j = _word_before(ctx, h, a)
    return j >= a and ctx.low[j] in _BE


def _passive(ctx: TokenContext, h: int, a: int) -> bool:
    """Is the cue a passive participle whose agent follows ("was criticized by", "the bill, opposed by",
    "Asked by")? A form of "be" before it (past adverbs), a noun or a comma right before it, or the
    sentence's start."""
    low = ctx.low
    if not _participle(low[h]):
        return False
    j = _word_before(ctx, h, a)
    if j < a or low[j] == "as":
        return True  # "Asked by ...", "As reported by ..."
    # "candidates backed by super PACs": a common noun before the participle; after a name or a pronoun it is
    # the active past ("Trump responded by ...").
    return (
        low[j] in _BE
        or low[j] == ","
        or (ctx.tx[j].isalpha() and ctx.tx[j].islower() and not is_aux(low[j]) and low[j] not in PRONOUNS)
    )


def _passive_frame(
    ctx: TokenContext, frame: Frame, subject: Tokens | None, by: int, a: int, b: int, heads: set[int] | frozenset[int]
) -> Frame | None:
    """ "The bill was opposed by House Republicans": the agent after "by" is the source; the content is what
    follows the agent ("Asked by X whether ...", "As reported by X, CLAUSE") or else the passive's subject."""
    low = ctx.low
    agent = _agent_at(ctx, by + 1, b)
    if agent is None or ctx.entity_label(agent[1] - 1) in _NOT_AGENTS or low[agent[1] - 1] in MEANS:
        return None  # "said by telephone", "approved by Friday": how or when, not who
    frame.source = agent
    after = skip_adjuncts(ctx, agent[1], b)
    h = frame.cue.head
    if after < b and low[after] == "," and h > a and low[h - 1] == "as":
        after += 1  # "As reported by Western Journalism, the Times broke the story"
    elif not (after < b and low[after] in _AFTER_AGENT):
        after = b
    if after < b:
        if low[after] == "that":
            after += 1
        stop = content_end(ctx, after, b, heads)
        if h == a or low[h - 1] == ",":
            # "Asked by X whether ..., Clinton laughed": the participle's clause ends at its comma.
            stop = next((k for k in range(after, stop) if low[k] == ","), stop)
        frame.add(trim(ctx, after, stop), False)
        frame.why = f"what follows the agent of '{ctx.tx[h]}'"
        return frame
    if subject is None or subject[0] >= h:
        return None
    frame.add(subject, False)
    frame.why = f"the subject of passive '{ctx.tx[h]}'"
    return frame


def _agent_at(ctx: TokenContext, i: int, b: int) -> Tokens | None:
    """The noun phrase after "by": a name or any run of words up to a clause boundary or a preposition."""
    low = ctx.low
    found = noun_phrase_after(ctx, i, b)
    if found is not None:
        # "Asked by Matt Lauer whether she ...": the agent ends where the question begins.
        end = next((k for k in range(found[0] + 1, found[1]) if low[k] in _AFTER_AGENT and ctx.ent[k] < 0), found[1])
        return found[0], end
    k = i
    while k < b and k - i < 8 and ctx.tx[k][:1].isalnum() and low[k] not in _AGENT_STOPS and not is_aux(low[k]):
        k += 1
    return (i, k) if k > i else None


_NOT_AGENTS = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "CARDINAL", "QUANTITY"))
_AGENT_STOPS = frozenset("who which that and but or in on at for with from to of as after before since".split())


def _ends_clause(ctx: TokenContext, i: int, b: int) -> bool:
    """Nothing but when, how or a comma after token i up to the sentence's end?"""
    i = skip_adjuncts(ctx, i, b)
    return i >= b or ctx.low[i] in FINAL or ctx.low[i] in (",", ";") or ctx.low[i] in QUOTE_MARKS


def _negative(ctx: TokenContext, source: Tokens) -> bool:
    words = ctx.low[source[0] : source[1]]
    return words[0] in ("nobody", "none", "neither", "nothing") or words == ["no", "one"]


def _inverted_at(ctx: TokenContext, prev: int, a: int) -> bool:
    """Can the cue after token `prev` come before its speaker? After a quotation, a colon, a dash or at the
    start of a sentence; after a comma only when it does not close an apposition ("Ms Roe, an economist,
    told")."""
    low = ctx.low
    if prev < a or low[prev] in (":", "—", "–", "―", "--") or low[prev] in QUOTE_MARKS:
        return True
    if low[prev] != ",":
        return False
    return (prev > a and low[prev - 1] in QUOTE_MARKS) or opening_comma(ctx, prev, a) is None


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
        q = quote_starting_at(ctx, h + 1)
        frame.add_quote_or(q, trim(ctx, h + 1, b))
        frame.why = "a name before a colon"
        return frame
    # A dash after a quotation names its author: '"..." ― Sonya Herridge'.
    q = quote_ending_before(ctx, h, a)
    source = noun_phrase_after(ctx, h + 1, b)
    if q is None or source is None:
        return None
    frame.source = source
    frame.add(q, True)
    frame.why = "a quotation signed after a dash"
    return frame


def _according_frame(ctx: TokenContext, frame: Frame, a: int, b: int, end: int) -> Frame | None:
    """'According to X, CONTENT.' or 'CONTENT, according to X.'"""
    h = frame.cue.head
    if end - h < 2:
        return None
    low = ctx.low
    k = end
    while k < b and low[k] not in (",", ";") and low[k] not in FINAL and low[k] not in QUOTE_MARKS:
        k += 1
    frame.source = trim(ctx, end, k) if k > end else None
    opening = h - a <= 2 or (
        h - a <= 4 and all(low[i] in ("but", "and", "yet", "so", "however", "also") for i in range(a, h))
    )
    if opening and k < b and low[k] == ",":
        start = k + 1
        if start < b and low[start] in RELATIVE_PRONOUNS:
            # "According to MSF, which runs a centre there, the number ...": past the relative clause.
            start = next((p + 1 for p in range(start, min(b, start + 30)) if low[p] == ","), start)
        q = quote_starting_at(ctx, start)
        frame.add_quote_or(q, trim(ctx, start, b))
        frame.why = "what follows 'according to ...,'"
        return frame
    stop = h - 1
    if stop > a and low[stop] == ",":
        q = quote_ending_before(ctx, stop + 1, a)
        frame.add_quote_or(q, trim(ctx, a, stop))
        frame.why = "what precedes ', according to'"
        return frame
    return None
