"""What a cue reports: where its content starts and ends, the quotation beside it."""

from __future__ import annotations

from .context import TokenContext
from .cues import Cue
from .phrases import CLAUSE_WORDS, DETERMINERS, FINAL, QUOTE_MARKS, WHEN, is_aux, verbish

Tokens = tuple[int, int]  # token range [a, b)

# Verbs whose object is the one spoken to: the content follows it ("told reporters that ...").
_ADDRESSEE = frozenset("tell inform remind assure warn ask brief notify email write".split())
_STATEMENT_NOUNS = frozenset(
    "statement interview release briefing email post video message letter filing speech remarks tweet "
    "conference op-ed column essay appearance address memo report rally event call press".split()
)

# Verbs that name a topic or an event unless a statement follows them ("discussed the bans"; "talked about
# X"; but "spoke of a 'wrongdoing'", "said in talks that ...").
TOPIC_VERBS = frozenset("discuss talk speak meet chat converse".split())


def states_something(ctx: TokenContext, end: int, start: int, b: int) -> bool:
    """Does a statement follow the cue: a clause ("that"), a quotation, or a colon?"""
    low = ctx.low
    window = range(end, min(b, start + 2))
    return any(low[k] in ("that", ":") or ctx.quote[k] >= 0 for k in window) or (start < b and ctx.quote[start] >= 0)


def absent(ctx: TokenContext, h: int, a: int) -> bool:
    """ "without offering further details", "made no mention of": the cue says that nothing was said."""
    j = h - 1
    while j >= a and ctx.low[j] in ("any", "further", "a", "an"):
        j -= 1
    return j >= a and ctx.low[j] in ("without", "no")


_PARTICLES = frozenset("out up down off back".split())


def content_start(ctx: TokenContext, cue: Cue, end: int, b: int) -> int:
    """Where the content after a cue begins: past the one spoken to, when and how it was said, "that"."""
    low = ctx.low
    if end < b and low[end] in _PARTICLES and end == cue.head + 1:
        end += 1  # the particle of a phrasal cue ("singled out", "pointed out", "spelled out") is the cue's
    i = skip_adjuncts(ctx, end, b)
    # After a particle ("warned of the debt", "called on Japan to") no one is addressed: what follows is said.
    if cue.lemma in _ADDRESSEE and not (end > cue.head + 1 and low[end - 1] in ("of", "about", "against")):
        that = next((k for k in range(i, min(b, i + 10)) if low[k] == "that"), None)
        if that is not None and not any(low[k] in (",", ";", ".") for k in range(i, that)):
            i = that
        else:
            i = _skip_addressee(ctx, i, b)
        i = skip_adjuncts(ctx, i, b)
    while i < b and low[i] in (",", ":", "that", "—", "–"):
        i += 1
    if i + 1 < b and low[i] == "about" and not _amount(low[i + 1]):
        i += 1  # "questions about his health", "worried about the debt": the topic, not its preposition
    return i


_AMOUNT_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
    "hundreds thousand thousands million half a an dozen".split()
)


def _amount(word: str) -> bool:
    """Does "about" here mean "roughly" ("said about 20 people died", "about a third")? Then it stays."""
    return word[:1].isdigit() or word[:1] in "$€£¥" or word in _AMOUNT_WORDS


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
    if low[k] in DETERMINERS:
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


# After a comma, what starts something other than the content: a contrast, a gloss, a manner.
_AFTER_THE_CONTENT = frozenset("but who which whose without though although while".split())
_DASHES = frozenset(("—", "―", "--"))


def content_end(ctx: TokenContext, start: int, b: int, heads: set[int] | frozenset[int]) -> int:
    """Where what follows a cue stops, short of the sentence's end: before a second predicate of the same
    subject ("protested the detention and called for ..."; "..., but stopped short of ..."), a gloss on the
    last word (", who ...", ", which ..."), or a participle describing the speaker (", treating ...")."""
    low = ctx.low
    for i in range(start + 2, b):
        w = low[i]
        if w not in _BREAKS:
            continue  # the commonest case, settled with one lookup
        if w == ";" or (w == "," and i + 1 < b and low[i + 1] in _AFTER_THE_CONTENT):
            return i
        if w in _DASHES and ctx.quote[i] < 0:
            return i  # "... as being in the suburbs — a metaphor for ...": the writer's aside
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
            while k < b and is_aux(low[k]):
                k += 1
            if k < b and (k in heads or (k > i + 1 and verbish(ctx.tx[k], low[k]))):
                return i - 1 if low[i - 1] == "," else i
    return b


_BREAKS = frozenset((";", ",", "and")) | _DASHES  # the only words content_end stops at


# Means of saying something, after "by" or "over": not who said it ("said by telephone").
MEANS = frozenset("telephone phone email e-mail mail video videolink text satellite fax".split())


def skip_adjuncts(ctx: TokenContext, i: int, b: int) -> int:
    """Past "on Monday", "in a statement", "on Twitter", "late Tuesday" after a cue."""
    low = ctx.low
    while i < b:
        w = low[i]
        if w in WHEN or ctx.entity_label(i) == "DATE":
            i += 1
            continue
        if w in ("in", "on", "during", "at", "via") and i + 1 < b:
            k = i + 1
            while k < b and k - i <= 5 and (low[k] in DETERMINERS or ctx.ent[k] >= 0 or low[k].isalpha()):
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
        if w == "by" and i + 1 < b and (low[i + 1] in WHEN or ctx.entity_label(i + 1) == "DATE"):
            i += 1  # "said by Friday": when, not who
            continue
        if w in ("by", "over", "via") and i + 1 < b:
            # "said by telephone", "told reporters over the phone": how it was said.
            k = i + 2 if low[i + 1] in ("the", "a") else i + 1
            if k < b and low[k] in MEANS:
                i = k + 1
                continue
        if w == "of" and i + 1 < b:
            # "says of Clinton, ...", "said of the election, ...": the topic, then what was said.
            comma = next((k for k in range(i + 1, min(b, i + 9)) if low[k] in (",", ":")), None)
            if comma is not None and not any(low[k] in CLAUSE_WORDS for k in range(i + 1, comma)):
                i = comma + 1
                continue
        break
    return i


def only_end_after(ctx: TokenContext, i: int, b: int) -> bool:
    return all(ctx.low[k] in FINAL or ctx.low[k] in QUOTE_MARKS for k in range(i, b))


def reported_before(ctx: TokenContext, h: int, source: Tokens | None, end: int, a: int, b: int) -> bool:
    """ "The rules will hurt trade, the ministry said on Monday." : a comma before the source, nothing but
    when and how after the cue."""
    if source is None or source[0] <= a or ctx.low[source[0] - 1] != ",":
        return False
    rest = skip_adjuncts(ctx, end, b)
    return rest >= b or ctx.low[rest] in FINAL or ctx.low[rest] == "," or ctx.low[rest] in QUOTE_MARKS


def trim(ctx: TokenContext, a: int, b: int) -> Tokens:
    """Tokens [a, b) without the sentence's final punctuation and stray quotation marks at either end."""
    low = ctx.low
    while b > a and (low[b - 1] in FINAL or low[b - 1] in (",", ";", ":")):
        b -= 1
    while a < b and low[a] in (",", ":", ";"):
        a += 1
    return a, b


def quote_ending_before(ctx: TokenContext, i: int, a: int) -> Tokens | None:
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


def quote_starting_at(ctx: TokenContext, i: int) -> Tokens | None:
    """The quotation that opens at token i, as tokens with its marks."""
    if i >= len(ctx.low) or ctx.quote[i] < 0:
        return None
    q = ctx.quotes[ctx.quote[i]]
    if ctx.starts[i] != q.start:
        return None
    last = ctx.tok(q.end + q.width - 1) if not q.open_ended else ctx.tok(max(q.start, q.end - 1))
    return i, last + 1
