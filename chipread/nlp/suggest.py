"""Quote, claim and speaker suggestions from quotation marks, reporting verbs and entities."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from chipread.guidelines import DEFAULT_GUIDELINES, Guidelines
from chipread.model import Candidate, Entity, Sentence, Suggestion, Token

from . import lexicon as L
from .quotes import Quotation, find_quotations
from .tokenizer import token_arrays

# Verbs that report speech or take a stance: one list, in lexicon (REPORTING_VERBS is their union).
SPEECH_VERBS = L.SPEECH_VERBS
STANCE_VERBS = L.STANCE_VERBS
_CALL_PARTICLES = frozenset(("on", "for", "upon"))
_SKIP_BEFORE_VERB = frozenset(
    "also has had have was were is are will would could may might then later earlier again "
    "previously recently further separately reportedly repeatedly publicly privately yesterday "
    "today".split()
)
_PRONOUNS = {
    "he": "PERSON",
    "she": "PERSON",
    "He": "PERSON",
    "She": "PERSON",
    "it": "ORG",
    "It": "ORG",
    "they": "ORG",
    "They": "ORG",
}
_CLAUSE_STOP = frozenset(',;:“”"‘’()—–')
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_ROLE_HEADS = frozenset(
    "ministry spokesman spokeswoman spokesperson statement government officials official sources "
    "source minister president company police authorities agency office analysts analyst "
    "lawyer prosecutors court report reports data survey study".split()
)


class _Ctx:
    def __init__(self, text: str, tokens: list[Token], sentences: list[Sentence], entities: list[Entity]):
        self.text = text
        self.tokens = tokens
        self.starts, self.ends, self.tx = token_arrays(tokens)
        self.sentences = sentences
        self.entities = sorted(entities, key=lambda e: (e.start, e.end))
        # Reporting-verb candidates, found in one pass over the article.
        self.verb_hits = [i for i, w in enumerate(self.tx) if w in _TRIGGERS]
        self.ent_at = [-1] * len(tokens)
        for k, e in enumerate(self.entities):
            a = bisect_left(self.starts, e.start)
            b = bisect_left(self.starts, e.end)
            for i in range(a, b):
                self.ent_at[i] = k

    def tok(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def sentence_tokens(self, s: Sentence) -> tuple[int, int]:
        return bisect_left(self.starts, s.start), bisect_left(self.starts, s.end)

    def cand_entity(self, k: int, reason: str, score: float) -> Candidate:
        e = self.entities[k]
        return Candidate(e.start, e.end, e.text, e.label, reason, score)

    def cand_tokens(self, a: int, b: int, label: str, reason: str, score: float) -> Candidate:
        s, e = self.starts[a], self.ends[b - 1]
        return Candidate(s, e, self.text[s:e], label, reason, score)

    def last_entity_before(self, i: int, labels: tuple[str, ...]) -> int | None:
        for k in range(i - 1, -1, -1):
            e = self.ent_at[k]
            if e >= 0 and self.entities[e].label in labels:
                return e
        return None


_TRIGGERS = L.REPORTING_VERBS | {"called", "calls", "call", "According"}


def _verbs_in(ctx: _Ctx, a: int, b: int) -> list[tuple[int, int, str]]:
    """Reporting verbs in tokens [a, b): (first token, last token excl, kind)."""
    tx = ctx.tx
    out = []
    hits = ctx.verb_hits
    for i in hits[bisect_left(hits, a) : bisect_left(hits, b)]:
        w = tx[i]
        if w in SPEECH_VERBS:
            out.append((i, i + 1, "speech"))
        elif w == "according" or w == "According":
            if i + 1 < b and tx[i + 1] == "to":
                out.append((i, i + 2, "according"))
        elif w.startswith("call") and w in ("called", "calls", "call"):
            if i + 1 < b and tx[i + 1] in _CALL_PARTICLES:
                out.append((i, i + 2, "stance"))
        else:
            out.append((i, i + 1, "stance"))
    return out


def _subject_before(ctx: _Ctx, v: int, a: int) -> list[Candidate]:
    """The speaker written before the verb at token v (sentence starts at a)."""
    tx, ent_at = ctx.tx, ctx.ent_at
    verb = tx[v]
    i = v - 1
    while i >= a and (
        tx[i] in _SKIP_BEFORE_VERB
        or (ent_at[i] >= 0 and ctx.entities[ent_at[i]].label == "DATE")
        or tx[i] in ("on", "in", "late", "early")
    ):
        i -= 1
    if i < a:
        return []
    w = tx[i]
    if w in ("been", "be", "being") and verb != "quoted":
        return []  # passive ("it has been argued"): nobody is named as the speaker
    k = ent_at[i]
    if k >= 0 and ctx.entities[k].label in _SPEAKER_LABELS and not _after_preposition(ctx, k, a):
        return [ctx.cand_entity(k, f"subject of '{verb}'", 0.9)]
    if w in _PRONOUNS:
        return _pronoun(ctx, i, verb)
    if w == ",":
        # Apposition or relative clause between commas: "the bloc's commissioner, Thierry Breton,
        # said", "Zhang Wei, a professor at Fudan University, said", "The official, who ..., told".
        cands = _comma_subject(ctx, i, a, verb)
        if cands:
            return cands
    if w in ("and", "but", "or") or w in _CLAUSE_STOP:
        # "Qin ... and said", "Many officials in Japan, who ..., have expressed": the subject
        # is the one that opens the sentence.
        return _sentence_subject(ctx, a, v, verb)
    # A noun phrase: walk back to the clause boundary ("sources familiar with the matter said").
    j = i
    while j > a and tx[j - 1] not in _CLAUSE_STOP and tx[j - 1] not in ("that", "and", "but", "while", "as", "when"):
        j -= 1
    if i - j + 1 > 10:
        j = i - 9
    return _np_candidates(ctx, j, i + 1, f"subject of '{verb}'")


def _after_preposition(ctx: _Ctx, k: int, a: int) -> bool:
    """Is entity k the object of a preposition ("traders in Kano", "analysts at Nomura")?"""
    i = bisect_left(ctx.starts, ctx.entities[k].start)
    return i > a and ctx.tx[i - 1] in _PREPOSITIONS and ctx.tx[i - 1] != "of"


def _pronoun(ctx: _Ctx, i: int, verb: str) -> list[Candidate]:
    w = ctx.tx[i]
    want = ("PERSON",) if _PRONOUNS[w] == "PERSON" else ("ORG", "GPE")
    ante = ctx.last_entity_before(i, want)
    out = []
    if ante is not None:
        out.append(
            ctx.cand_entity(ante, f"'{w}', subject of '{verb}', refers to the last {want[0].lower()} named", 0.7)
        )
    out.append(ctx.cand_tokens(i, i + 1, "PRON", f"pronoun subject of '{verb}'", 0.3))
    return out


_OPENERS = frozenset(
    "In On At During After Before Since Last Earlier Later However Still But And Meanwhile "
    "Separately Also Then Under Without Despite According".split()
)


def _sentence_subject(ctx: _Ctx, a: int, v: int, verb: str) -> list[Candidate]:
    tx, ent_at = ctx.tx, ctx.ent_at
    start = a
    while start < v and tx[start] in ("“", '"', "‘", "'"):
        start += 1
    if start < v and tx[start] in _OPENERS:
        comma = next((k for k in range(start, min(v, start + 12)) if tx[k] == ","), None)
        if comma is not None:
            start = comma + 1
    if start < v and tx[start] in _PRONOUNS:
        return _pronoun(ctx, start, verb)
    k = ent_at[start] if start < v else -1
    if (
        k >= 0
        and ctx.entities[k].label in _SPEAKER_LABELS
        and ctx.entities[k].label != "GPE"
        or (k >= 0 and ctx.entities[k].label == "GPE" and not _possessive(ctx, ctx.entities[k].end))
    ):
        e = ctx.entities[k]
        if not (e.label == "ORG" and _possessive(ctx, e.end)):
            return [ctx.cand_entity(k, f"subject of the sentence with '{verb}'", 0.75)]
    end = next((k for k in range(start, v) if tx[k] in _CLAUSE_STOP and k > start + 6), v)
    end = min(end, start + 12)
    if end <= start:
        return []
    return _np_candidates(ctx, start, end, f"subject of the sentence with '{verb}'")


def _np_candidates(ctx: _Ctx, a: int, b: int, why: str) -> list[Candidate]:
    tx, ent_at = ctx.tx, ctx.ent_at
    ents = []
    for i in range(a, b):
        k = ent_at[i]
        if k >= 0 and (not ents or ents[-1] != k):
            ents.append(k)
    ents = [k for k in ents if ctx.entities[k].label in _SPEAKER_LABELS]
    persons = [k for k in ents if ctx.entities[k].label == "PERSON"]
    orgs = [k for k in ents if ctx.entities[k].label == "ORG"]
    # A person named in the phrase speaks for it ("the EU's commissioner, Thierry Breton");
    # otherwise its last organisation ("a statement from the Ministry of Commerce").
    best = persons[:1] or orgs[-1:]
    out = []
    if best:
        out.append(ctx.cand_entity(best[0], f"{why} (named in the phrase)", 0.85))
    while a < b and tx[a].lower() in ("a", "an", "the", "its", "their", "his", "her"):
        a += 1
    if a < b and (not best or any(tx[i].lower() in _ROLE_HEADS for i in range(a, b))):
        out.append(ctx.cand_tokens(a, b, "NP", why, 0.6 if not best else 0.4))
    for k in ents:
        if k not in best:
            out.append(ctx.cand_entity(k, f"{why} (place or group in the phrase)", 0.35))
    return out


_RELATIVES = frozenset("who whom whose which that where when".split())
_PREPOSITIONS = frozenset(
    "on in at to for from with by via during after before about over under into through across "
    "against among between within without per as than like upon onto toward towards outside inside near "
    "beside behind along around amid despite".split()
)
_TITLE_START = L.TITLE_HEADS | L.HONORIFICS | L.TITLE_MODIFIERS


def _comma_subject(ctx: _Ctx, c2: int, a: int, verb: str) -> list[Candidate]:
    """The subject of a verb right after a comma that closes an apposition or relative clause.

    c2 is that comma. The phrase between it and the comma before (c1) is the insert; the phrase
    opening the clause, before c1, is the subject: "The official, who declined to be named,
    told" -> "The official"; in an apposition a person named in the opening phrase speaks
    ("Zhang Wei, a professor at Fudan University, said"), else one named in the insert ("The
    spokesman, Ahmed Saleh, said"). [] when there is no such pair of commas.
    """
    tx, ent_at = ctx.tx, ctx.ent_at
    c1 = _opening_comma(ctx, c2, a)
    if c1 is None:
        return []
    h = c1
    while h > a and tx[h - 1] not in (",", ";", ":") and tx[h - 1] not in _OPEN_QUOTES:
        h -= 1
    if h >= c1:
        return []
    why = f"subject of '{verb}'"
    if tx[c1 + 1].lower() in _RELATIVES:
        return _np_candidates(ctx, h, c1, f"{why} (before a relative clause)")
    for label, kind in (("PERSON", "person"), ("ORG", "organisation")):
        for lo, hi, where in ((h, c1, "opening the clause"), (c1 + 1, c2, "in apposition")):
            for k in range(lo, hi):
                e = ent_at[k]
                if e >= 0 and ctx.entities[e].label == label and not _after_preposition(ctx, e, lo):
                    return [ctx.cand_entity(e, f"{why} (the {kind} {where})", 0.85)]
    return _np_candidates(ctx, h, c1, f"{why} (apposition)")


_OPEN_QUOTES = frozenset("“‘\"'")


def _opening_comma(ctx: _Ctx, c2: int, a: int) -> int | None:
    """The comma opening the insert that the comma at c2 closes, or None."""
    tx = ctx.tx
    k = c2 - 1
    while k > a:
        w = tx[k]
        if w == ",":
            return k if k + 1 < c2 else None
        if w in (";", ":", "”") or w in _OPEN_QUOTES:
            return None
        k -= 1
    return None


def _names_speaker_after(ctx: _Ctx, v: int, i: int, b: int) -> bool:
    """Does the verb at v name its speaker at token i ("said Jordi Puig", "said Foreign Minister
    Qin")? Never after "told" or "asked": what follows them is the one spoken to."""
    if i >= b or ctx.tx[v] in L.ADDRESSEE_VERBS:
        return False
    e = ctx.ent_at[i]
    if e >= 0 and ctx.entities[e].label in ("PERSON", "ORG", "NORP") and ctx.entities[e].start == ctx.starts[i]:
        return True
    return ctx.tx[i] in _TITLE_START


def _subject_after(ctx: _Ctx, v: int, b: int) -> list[Candidate]:
    """Inverted attribution: '..., said Mr Qin' / 'says Foreign Minister Qin Gang'.

    The name must come before any preposition ("said on Twitter" names the medium) and never
    after a verb whose object is the one spoken to ("told Reuters").
    """
    tx, ent_at = ctx.tx, ctx.ent_at
    if tx[v] in L.ADDRESSEE_VERBS:
        return []
    i = v + 1
    while (
        i < b and i < v + 7 and tx[i] not in _CLAUSE_STOP and tx[i] not in (".", "that") and tx[i] not in _PREPOSITIONS
    ):
        k = ent_at[i]
        if k >= 0 and ctx.entities[k].label in ("PERSON", "ORG"):
            return [ctx.cand_entity(k, f"named after '{tx[v]}'", 0.9)]
        i += 1
    return []


def _after_according(ctx: _Ctx, v_end: int, b: int) -> tuple[list[Candidate], int]:
    tx = ctx.tx
    j = v_end
    while j < b and tx[j] not in (",", ".", ";", "”", '"') and j < v_end + 14:
        j += 1
    return _np_candidates(ctx, v_end, j, "after 'according to'"), j


def _dedupe(cands: list[Candidate]) -> tuple[Candidate, ...]:
    seen: dict[tuple[int, int], Candidate] = {}
    for c in cands:
        key = (c.start, c.end)
        if key not in seen or seen[key].score < c.score:
            seen[key] = c
    return tuple(sorted(seen.values(), key=lambda c: (-c.score, c.start)))


def _speakers(ctx: _Ctx, verb: tuple[int, int, str], a: int, b: int) -> list[Candidate]:
    v, v_end, kind = verb
    if kind == "according":
        return _after_according(ctx, v_end, b)[0]
    tx = ctx.tx
    cands = []
    prev = tx[v - 1] if v > a else ""
    if _is_quote_mark(prev) or v == a or (prev == "," and _names_speaker_after(ctx, v, v_end, b)):
        # Inverted attribution: '"...," said Jordi Puig', 'Prices will rise, said Mr Qin'.
        cands += _subject_after(ctx, v, b)
        if cands:
            return cands
    if prev == "," and tx[v].endswith("ing") and v - 1 > a:
        # A participle after a comma ("..., warning that"): the sentence's subject speaks.
        cands += _sentence_subject(ctx, a, v, tx[v])
        if cands:
            return cands
    cands += _subject_before(ctx, v, a)
    if not cands:
        cands += _subject_after(ctx, v, b)
    if not cands:
        for i in range(v - 1, a - 1, -1):
            k = ctx.ent_at[i]
            if k >= 0 and ctx.entities[k].label in _SPEAKER_LABELS:
                cands.append(ctx.cand_entity(k, f"nearest name before '{tx[v]}'", 0.4))
                break
    return cands


def suggest(
    text: str,
    tokens: list[Token],
    sentences: list[Sentence],
    entities: list[Entity],
    guidelines: Guidelines = DEFAULT_GUIDELINES,
) -> list[Suggestion]:
    """Quote and claim suggestions, each with its rule and speaker candidates (best first), shaped by the
    guidelines (extents, and which kinds of attribution are suggested)."""
    if not tokens:
        return []
    ctx = _Ctx(text, tokens, sentences, entities)
    out: list[Suggestion] = []
    quotes = [q for q in find_quotations(text) if q.depth == 0]
    sent_verbs: list[list[tuple[int, int, str]]] = []
    sent_bounds = []
    for s in sentences:
        a, b = ctx.sentence_tokens(s)
        sent_bounds.append((a, b))
        sent_verbs.append(_verbs_in(ctx, a, b))
    out.extend(_claims(ctx, sentences, sent_bounds, sent_verbs, quotes))
    out.extend(_quotes(ctx, sentences, sent_bounds, sent_verbs, quotes, guidelines))
    out = [_shaped(text, s, guidelines) for s in out if guidelines.suggests(s.kind)]
    out = [s for s in out if s is not None]
    out.sort(key=lambda s: (s.start, s.end, s.label))
    return out


def _shaped(text: str, s: Suggestion, guidelines: Guidelines) -> Suggestion | None:
    """The suggestion with the extent the guidelines ask for (quotes are shaped where they are found)."""
    if s.label == "quote":
        return s
    start, end = guidelines.content_extent(text, s.start, s.end)
    return replace(s, start=start, end=end, text=text[start:end]) if end > start else None


def _inside_quote(quotes: list[Quotation], start: int, end: int) -> bool:
    # Top-level quotations do not overlap: only the last one opening before `start` can hold it.
    i = bisect_left(quotes, start, key=_q_start) - 1
    return i >= 0 and quotes[i].start < start and end <= quotes[i].end + 1


def _q_start(q: Quotation) -> int:
    return q.start


def _claims(ctx: _Ctx, sentences, bounds, verbs, quotes) -> list[Suggestion]:
    tx, text = ctx.tx, ctx.text
    out = []
    for s_idx, _sent in enumerate(sentences):
        a, b = bounds[s_idx]
        for verb in verbs[s_idx]:
            v, v_end, kind = verb
            # Verbs inside a direct quotation are the speaker's words, not the report.
            if _inside_quote(quotes, ctx.starts[v], ctx.ends[v]):
                continue
            speakers = _speakers(ctx, verb, a, b)
            end_tok = b
            while end_tok > a and tx[end_tok - 1] in (".", "!", "?", "”", '"', "’"):
                end_tok -= 1
            span = None
            word = " ".join(tx[v:v_end])
            if word in ("added", "adds") and not any(tx[k] == "that" for k in range(v_end, min(b, v_end + 3))):
                continue  # "added a third goal": only "added that ..." reports speech
            if kind == "according":
                _c, j = _after_according(ctx, v_end, b)
                if v > a and tx[v - 1] == ",":
                    span = (a, v - 1, "claim-according: the statement before 'according to'")
                elif j < b and tx[j] == ",":
                    k = j + 1
                    if k < b and tx[k] in _RELATIVES:
                        # "According to MSF, which runs a centre there, the number ...": past the clause.
                        k = next((p + 1 for p in range(k, end_tok) if tx[p] == ","), end_tok)
                    span = (k, end_tok, "claim-according: the statement after 'according to ...,'")
            elif kind == "speech":
                span = _speech_claim(ctx, v, v_end, a, b, end_tok, word)
            else:
                span = (a, end_tok, f"claim-stance-verb: sentence with '{word}'")
            if span is None:
                continue
            sa, sb, reason = span
            if sb <= sa:
                continue
            start, end = ctx.starts[sa], ctx.ends[sb - 1]
            while start < end and text[start] in "“\"‘'":
                start += 1
            # Keep quotation marks balanced: a claim ending inside a quote takes its closing mark.
            piece = text[start:end]
            if (piece.count('"') % 2 or piece.count("“") > piece.count("”")) and end < len(text) and text[end] in '"”':
                end += 1
            if _inside_quote(quotes, start, end) or end - start < 12:
                continue
            out.append(Suggestion(start, end, "claim", text[start:end], reason, _dedupe(speakers)))
            break  # one claim per sentence: the first reporting verb governs it
    return out


_CLAUSE_AFTER_VERBS = frozenset("said says say added argued insisted claimed noted stressed told tells".split())
_STATEMENT_NOUNS = frozenset(
    "statement release interview briefing email post video message letter filing address speech remarks "
    "conference tweet".split()
)
_WHEN_WORDS = frozenset("on late early earlier later this last".split())


def _speech_claim(ctx: _Ctx, v: int, v_end: int, a: int, b: int, end_tok: int, word: str):
    """(first token, last token excl, reason) of the claim a speech verb reports, or None."""
    tx = ctx.tx
    prev = tx[v - 1] if v > a else ""
    if _is_quote_mark(prev) or v == a:
        # '"...," said Jordi Puig, the regional water agency's director': the quote is the
        # statement; what follows the verb is the speaker and a description of them.
        return None
    if prev == "," and _names_speaker_after(ctx, v, v_end, b):
        # "Japan's curbs will drive Beijing's self-reliance, says Foreign Minister Qin Gang".
        return (a, v - 1, f"claim-reported-speech: statement before '{word}' (speaker named after it)")
    after = _skip_addressee(ctx, v_end, end_tok) if tx[v] in L.ADDRESSEE_VERBS else _skip_when(ctx, v_end, end_tok)
    that = next((k for k in range(v_end, min(b, v_end + 10)) if tx[k] == "that"), None)
    if that is not None and not any(tx[k] in (".", ";") for k in range(v_end, that)):
        return (that + 1, end_tok, f"claim-reported-speech: clause after '{word} ... that'")
    quoted = any(_is_quote_mark(tx[k]) or tx[k] in "“‘" for k in range(v_end, end_tok))
    if v > a and not quoted and _only_when_after(ctx, v_end, end_tok):
        # "..., a statement from the ministry said Monday." - the report comes first.
        comma = next((k for k in range(v - 1, a, -1) if tx[k] == ","), None)
        if comma is not None and not _is_quote_mark(tx[comma - 1]):
            return (a, comma, f"claim-reported-speech: statement before '{word}'")
        return None
    if prev == "," and _opening_comma(ctx, v - 1, a) is None:
        return None  # "Prices will rise, said the bank's economist": the statement came first
    if any(_is_quote_mark(tx[k]) for k in range(a, v)):
        return None  # '"...," Quiroga told reporters outside the palace': the quote was the statement
    if (
        word in _CLAUSE_AFTER_VERBS
        and end_tok - after >= 3
        and tx[after] not in ("“", '"', "‘", ":", ",")
        and tx[after] not in _PREPOSITIONS  # "said in a televised address": no clause follows
        and _looks_like_clause(ctx, after, end_tok)
        and not _negated_subject(ctx, v, a)
    ):
        return (after, end_tok, f"claim-reported-speech: clause after '{word}'")
    return None


# Objects of "said" that are no statement: "said nothing", "said so", "said goodbye".
_NOT_A_CLAUSE = frozenset(
    "anything nothing something everything so little much more less yes no goodbye hello sorry thanks otherwise".split()
)
_FINITE = frozenset(
    "is are was were will would could can may might must should shall has have had do does did "
    "'s 're 'll 'd ’s ’re ’ll ’d won't can't cannot".split()
)


def _looks_like_clause(ctx: _Ctx, i: int, end: int) -> bool:
    """Do tokens [i, end) read as a reported clause (a finite verb, no bare object first)?"""
    tx = ctx.tx
    if tx[i].lower() in _NOT_A_CLAUSE:
        return False
    for k in range(i + 1, end):
        w = tx[k]
        if w in _FINITE or (
            w.islower() and len(w) > 3 and w.endswith(("ed", "es", "s")) and not w.endswith(("ss", "us", "is"))
        ):
            return True
    return False


def _negated_subject(ctx: _Ctx, v: int, a: int) -> bool:
    """ "Nobody said ...", "No one told ...": nobody made the claim."""
    i = v - 1
    while i >= a and ctx.tx[i] in _SKIP_BEFORE_VERB:
        i -= 1
    if i < a:
        return False
    w = ctx.tx[i].lower()
    return w in ("nobody", "none", "neither") or (w == "one" and i > a and ctx.tx[i - 1].lower() == "no")


_MEDIA_NOUNS = frozenset(
    "news conference briefing agency newspaper broadcaster radio television station magazine interview "
    "programme program podcast channel".split()
)


def _skip_addressee(ctx: _Ctx, i: int, end: int) -> int:
    """The token after the one spoken to: "told [Reuters] ...", "told [the BBC] ...", "told [a
    news conference] ...", "told [reporters] [on Monday] ..."."""
    tx, ent_at = ctx.tx, ctx.ent_at
    if i < end and tx[i] in ("the", "a", "an", "his", "her", "their", "its"):
        i += 1
    if i < end and ent_at[i] >= 0:
        k = ent_at[i]
        while i < end and ent_at[i] == k:
            i += 1
    elif i < end:
        i += 1
        while i < end and tx[i] in _MEDIA_NOUNS:
            i += 1
    return _skip_when(ctx, i, end)


def _skip_when(ctx: _Ctx, i: int, end: int) -> int:
    """Past "on Monday", "late on Tuesday", "yesterday" at token i."""
    tx, ent_at = ctx.tx, ctx.ent_at
    k = i
    while k < end and (tx[k] in _WHEN_WORDS or (ent_at[k] >= 0 and ctx.entities[ent_at[k]].label == "DATE")):
        k += 1
    # "said on Monday": the date is skipped, its preposition too; "said in Paris" keeps "in".
    return k if k == i or ent_at[k - 1] >= 0 or tx[k - 1] not in ("on",) else i


def _only_when_after(ctx: _Ctx, i: int, end: int) -> bool:
    """Nothing after a speech verb but when and how it was said ("said Monday", "said late on
    Tuesday in a statement", "said, adding ...")."""
    tx, ent_at = ctx.tx, ctx.ent_at
    while i < end:
        w = tx[i]
        e = ent_at[i]
        if w == ",":
            return True
        if e >= 0 and ctx.entities[e].label == "DATE":
            i += 1
            continue
        if w in _WHEN_WORDS:
            i += 1
            continue
        if w == "in" and i + 1 < end and tx[i + 1] in ("a", "an"):
            k = i + 2
            while k < end and k < i + 5 and tx[k] not in _STATEMENT_NOUNS and tx[k].islower():
                k += 1
            if k < end and tx[k] in _STATEMENT_NOUNS:
                i = k + 1
                continue
        return False
    return True


def _possessive(ctx: _Ctx, end: int) -> bool:
    i = bisect_left(ctx.starts, end)
    return i < len(ctx.tx) and ctx.tx[i] in ("'s", "’s", "'", "’")


def _is_quote_mark(s: str) -> bool:
    return s in ("”", '"', "’", "'")


def _quotes(ctx: _Ctx, sentences, bounds, verbs, quotes, guidelines: Guidelines) -> list[Suggestion]:
    text = ctx.text
    sent_starts = [s.start for s in sentences]
    out: list[Suggestion] = []
    prev_speakers: tuple[Candidate, ...] = ()
    prev_q_sentence = -2
    prev_q: Quotation | None = None
    for q in quotes:
        ia, ib = q.inner
        while ia < ib and text[ia].isspace():
            ia += 1
        while ib > ia and text[ib - 1].isspace():
            ib -= 1
        if ib <= ia:
            continue
        words = len(text[ia:ib].split())
        s_idx = max(0, bisect_right(sent_starts, q.start) - 1)
        # The quote may run over several sentences: look at the one where it closes too.
        e_idx = max(0, bisect_right(sent_starts, max(q.end - 1, q.start)) - 1)
        a, _ = bounds[s_idx]
        _, b = bounds[e_idx]
        qa = ctx.tok(q.start)
        qb = ctx.tok(q.end) + (0 if q.open_ended else 1)
        reason = None
        speakers: list[Candidate] = []
        # 1. A reporting verb right after the closing mark: '..." he said.'
        after = [v for v in verbs[e_idx] if qb <= v[0] <= qb + 6]
        before = [v for s in range(s_idx, e_idx + 1) for v in verbs[s] if v[1] <= qa and v[0] >= qa - 8]
        inside_sentence = [v for s in range(s_idx, e_idx + 1) for v in verbs[s] if not (qa <= v[0] < qb)]
        if after:
            v = after[0]
            speakers = _speakers(ctx, v, bounds[e_idx][0], bounds[e_idx][1])
            reason = f"quote-attributed: followed by '{ctx.tx[v[0]]}'"
        elif before:
            v = before[-1]
            interrupted = (
                prev_q is not None
                and prev_q.end < ctx.starts[v[0]]
                and prev_q_sentence == s_idx
                and q.start - prev_q.end < 60
            )
            speakers = _speakers(ctx, v, a, qa)
            if interrupted and prev_speakers and not speakers:
                speakers = list(prev_speakers)
            reason = (
                f"quote-continued: resumes after '{ctx.tx[v[0]]}' interrupted it"
                if interrupted
                else f"quote-attributed: introduced by '{ctx.tx[v[0]]}'"
            )
        elif inside_sentence:
            v = inside_sentence[0]
            speakers = _speakers(ctx, v, a, b)
            reason = f"quote-in-report: quoted words in a sentence with '{ctx.tx[v[0]]}'"
        elif prev_speakers and s_idx - prev_q_sentence <= 2 and words >= 4:
            speakers = [
                Candidate(
                    c.start, c.end, c.text, c.label, "same speaker as the previous quote", round(c.score * 0.6, 2)
                )
                for c in prev_speakers
            ]
            reason = "quote-continued: no verb nearby, follows an attributed quote"
        if reason is None or (not speakers and words < 4):
            continue
        cands = _dedupe(speakers)
        extent = guidelines.quote_extent(text, q.start, q.end)
        if extent is None:
            continue
        out.append(Suggestion(*extent, "quote", text[slice(*extent)], reason, cands))
        if cands:
            prev_speakers = cands
        prev_q_sentence = e_idx
        prev_q = q
    return out
