"""Quote, claim and speaker suggestions from quotation marks, reporting verbs and entities."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from chipread.model import Candidate, Entity, Sentence, Suggestion, Token

from .quotes import Quotation, find_quotations
from .tokenizer import token_arrays

# Verbs that report speech: the clause they introduce is a claim, their subject the speaker.
SPEECH_VERBS = frozenset(
    """
said says say saying told tells tell telling added adds stated states stressed stresses noted notes
explained explains argued argues insisted insists claimed claims asserted asserts announced
announces declared declares confirmed confirms acknowledged acknowledges admitted admits
reiterated reiterates emphasised emphasized emphasises emphasizes wrote writes tweeted posted
replied replies responded responds countered counters conceded concedes predicted predicts
suggested suggests estimated estimates maintained maintains recalled recalls revealed reveals
disclosed discloses indicated indicates signalled signaled hinted observed remarked commented
quoted
""".split()
)
# Verbs that take a stance: the whole sentence is the claim.
STANCE_VERBS = frozenset(
    """
urged urges urging warned warns warning accused accuses accusing criticised criticized
criticises criticizes criticising criticizing condemned condemns denied denies denying rejected
rejects dismissed dismisses blamed blames vowed vows pledged pledges promised promises
defended defends welcomed welcomes praised praises questioned questions complained complains
alleged alleges demanded demands appealed appeals protested protests threatened threatens
believes believed thinks hopes fears doubts slammed slams hailed hails labelled labeled
labeling labelling described describes describing expressed expresses insisting calling
""".split()
)
_CALL_PARTICLES = frozenset(("on", "for", "upon"))
_SKIP_BEFORE_VERB = frozenset(
    "also has had have was were is are will would could may might then later earlier again "
    "previously recently further separately reportedly repeatedly publicly privately yesterday "
    "today".split()
)
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "He": "PERSON", "She": "PERSON", "it": "ORG", "It": "ORG",
             "they": "ORG", "They": "ORG"}
_CLAUSE_STOP = frozenset(",;:“”\"‘’()—–")
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


_TRIGGERS = SPEECH_VERBS | STANCE_VERBS | {"called", "calls", "call", "according"}


def _verbs_in(ctx: _Ctx, a: int, b: int) -> list[tuple[int, int, str]]:
    """Reporting verbs in tokens [a, b): (first token, last token excl, kind)."""
    tx = ctx.tx
    out = []
    hits = ctx.verb_hits
    for i in hits[bisect_left(hits, a) : bisect_left(hits, b)]:
        w = tx[i]
        if w in SPEECH_VERBS:
            out.append((i, i + 1, "speech"))
        elif w == "according":
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
    while i >= a and (tx[i] in _SKIP_BEFORE_VERB or (ent_at[i] >= 0 and ctx.entities[ent_at[i]].label == "DATE")
                      or tx[i] in ("on", "in", "late", "early")):
        i -= 1
    if i < a:
        return []
    w = tx[i]
    if w in ("been", "be", "being") and verb != "quoted":
        return []  # passive ("it has been argued"): nobody is named as the speaker
    k = ent_at[i]
    if k >= 0 and ctx.entities[k].label in _SPEAKER_LABELS:
        return [ctx.cand_entity(k, f"subject of '{verb}'", 0.9)]
    if w in _PRONOUNS:
        return _pronoun(ctx, i, verb)
    if w == "," and i - 1 >= a and ent_at[i - 1] >= 0 and ctx.entities[ent_at[i - 1]].label in ("PERSON", "ORG"):
        # Apposition: "the bloc's commissioner, Thierry Breton, said".
        return [ctx.cand_entity(ent_at[i - 1], f"subject of '{verb}' (apposition)", 0.85)]
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


def _pronoun(ctx: _Ctx, i: int, verb: str) -> list[Candidate]:
    w = ctx.tx[i]
    want = ("PERSON",) if _PRONOUNS[w] == "PERSON" else ("ORG", "GPE")
    ante = ctx.last_entity_before(i, want)
    out = []
    if ante is not None:
        out.append(ctx.cand_entity(ante, f"'{w}', subject of '{verb}', refers to the last {want[0].lower()} named", 0.7))
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
    if k >= 0 and ctx.entities[k].label in _SPEAKER_LABELS and ctx.entities[k].label != "GPE" or (
        k >= 0 and ctx.entities[k].label == "GPE" and not _possessive(ctx, ctx.entities[k].end)
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


def _subject_after(ctx: _Ctx, v: int, b: int) -> list[Candidate]:
    """Inverted attribution: '..., said Mr Qin' / 'says Foreign Minister Qin Gang'."""
    tx, ent_at = ctx.tx, ctx.ent_at
    i = v + 1
    while i < b and i < v + 7 and tx[i] not in _CLAUSE_STOP and tx[i] not in (".", "that"):
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
    if prev in (",", "”", '"', "’", "'") or v == a:
        cands += _subject_after(ctx, v, b)
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


def suggest(text: str, tokens: list[Token], sentences: list[Sentence], entities: list[Entity]) -> list[Suggestion]:
    """Quote and claim suggestions, each with its rule and speaker candidates (best first)."""
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
    out.extend(_quotes(ctx, sentences, sent_bounds, sent_verbs, quotes))
    out.sort(key=lambda s: (s.start, s.end, s.label))
    return out


def _inside_quote(quotes: list[Quotation], start: int, end: int) -> bool:
    # Top-level quotations do not overlap: only the last one opening before `start` can hold it.
    i = bisect_left(quotes, start, key=_q_start) - 1
    return i >= 0 and quotes[i].start < start and end <= quotes[i].end + 1


def _q_start(q: Quotation) -> int:
    return q.start


def _claims(ctx: _Ctx, sentences, bounds, verbs, quotes) -> list[Suggestion]:
    tx, text = ctx.tx, ctx.text
    out = []
    for s_idx, sent in enumerate(sentences):
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
                    span = (j + 1, end_tok, "claim-according: the statement after 'according to ...,'")
            elif kind == "speech":
                that = next((k for k in range(v_end, min(b, v_end + 10)) if tx[k] == "that"), None)
                tail = end_tok - v_end
                if that is not None and not any(tx[k] in (".", ";") for k in range(v_end, that)):
                    span = (that + 1, end_tok, f"claim-reported-speech: clause after '{word} ... that'")
                elif v > a and tail <= 6 and not any(_is_quote_mark(tx[k]) or tx[k] in "“‘" for k in range(v_end, end_tok)):
                    # "..., a statement from the ministry said Monday." - the report comes first.
                    comma = next((k for k in range(v - 1, a, -1) if tx[k] == ","), None)
                    if comma is not None and not _is_quote_mark(tx[comma - 1]):
                        span = (a, comma, f"claim-reported-speech: statement before '{word}'")
                elif tail >= 4 and tx[v_end] not in ("“", '"', "‘", ":", ",") and word in ("said", "says", "say", "added", "argued", "insisted", "claimed", "warned", "noted", "stressed"):
                    span = (v_end, end_tok, f"claim-reported-speech: clause after '{word}'")
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


def _possessive(ctx: _Ctx, end: int) -> bool:
    i = bisect_left(ctx.starts, end)
    return i < len(ctx.tx) and ctx.tx[i] in ("'s", "’s", "'", "’")


def _is_quote_mark(s: str) -> bool:
    return s in ("”", '"', "’", "'")


def _quotes(ctx: _Ctx, sentences, bounds, verbs, quotes) -> list[Suggestion]:
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
                Candidate(c.start, c.end, c.text, c.label, "same speaker as the previous quote", round(c.score * 0.6, 2))
                for c in prev_speakers
            ]
            reason = "quote-continued: no verb nearby, follows an attributed quote"
        if reason is None or (not speakers and words < 4):
            continue
        cands = _dedupe(speakers)
        out.append(Suggestion(ia, ib, "quote", text[ia:ib], reason, cands))
        if cands:
            prev_speakers = cands
        prev_q_sentence = e_idx
        prev_q = q
    return out
