"""Speakers as named mentions: a source phrase becomes the name it contains or the one a pronoun refers to."""

from __future__ import annotations

import re
from functools import cache

from chipread.model import Candidate, Entity

from . import lexicon as L
from .context import TokenContext
from .coref import GROUP_PRONOUNS, ORG_NOUNS, PERSON_NOUNS, PERSON_PRONOUNS, PRONOUNS, RELATIVE_PRONOUNS
from .phrases import noun_phrase_ending, verbish
from .wordlists import lookup

Tokens = tuple[int, int]
_SPEAKERS = ("PERSON", "ORG", "GPE", "NORP")
_FEMALE = frozenset("she her hers herself".split())
_MALE = frozenset("he him his himself".split())
_TITLES = L.HONORIFICS | L.TITLE_HEADS | L.TITLE_MODIFIERS
_POSSESSIVE = frozenset(("'s", "’s", "'", "’"))
_LOOKBACK = 6  # sentences a pronoun may reach back for its person
_PREPOSITIONS_IN_PHRASE = frozenset("in at from for with on near outside inside across".split())
_MESSAGE_NOUNS = frozenset(
    "statement release report letter email tweet post spokesman spokeswoman spokesperson official officials aide aides "
    "analysis study survey poll memo filing lawyer lawyers attorney attorneys representative representatives".split()
)


def _designation(ctx: TokenContext, e: Entity, b: int) -> Entity | None:
    """ "the Japanese foreign ministry": a nationality before an organisation's nouns names that organ, not
    the people ("Japanese foreign ministry", not "Japanese")."""
    i = ctx.tok_after(e.end)
    k = i
    while k < b and k - i < 4 and ctx.tx[k].isalpha() and ctx.tx[k].islower():
        k += 1
    if k == i or ctx.low[k - 1] not in ORG_NOUNS:
        return None
    start, end = e.start, ctx.ends[k - 1]
    return Entity(start, end, "ORG", ctx.text[start:end], "designation")


def _issuer(ctx: TokenContext, a: int, b: int) -> Tokens | None:
    """The part of "a statement from X" / "a report by X" that names X, or None."""
    low = ctx.low
    for k in range(a, min(b, a + 4)):
        if low[k] in _DOCUMENT_NOUNS and k + 2 < b and low[k + 1] in ("from", "by", "of"):
            return (k + 2, b)
    return None


_DOCUMENT_NOUNS = frozenset("statement release report letter email tweet post memo filing readout read-out".split())


def _from_source(ctx: TokenContext, a: int, k: int) -> bool:
    """Is the phrase a message or a mouthpiece of what follows the preposition at k ("a statement from the
    ministry", "a spokesman for the company")?"""
    return ctx.low[k] in ("from", "for", "of", "at") and any(ctx.low[i] in _MESSAGE_NOUNS for i in range(a, k))


@cache
def _genders() -> dict[str, str]:
    return lookup("given_names")


class SpeakerResolver:
    """Turns source phrases into speaker candidates, in text order, remembering who spoke last.

    A pronoun ("he", "she", "they", "who") points to a person or group named before it: the one who spoke
    last if they agree in kind and gender, else the nearest fitting name, most recent first (a person's
    gender comes from a given name or an honorific at any of their mentions). A description ("the ministry",
    "the senator") points to the nearest name of its kind. A phrase that holds a name gives that name.
    """

    def __init__(self, ctx: TokenContext) -> None:
        self.ctx = ctx
        self.last: Entity | None = None
        self.last_sentence = -99
        # surname -> "MALE"/"FEMALE", learned from full names and honorifics seen in the article.
        self.gender: dict[str, str] = {}
        self._learn_genders()

    def _learn_genders(self) -> None:
        ctx = self.ctx
        genders = _genders()
        for e in ctx.entities:
            if e.label != "PERSON":
                continue
            words = e.text.split()
            i = ctx.tok_after(e.start)
            before = ctx.tx[i - 1] if i > 0 else ""
            g = genders.get(before) if before in L.HONORIFICS else None
            g = g or (genders.get(words[0]) if len(words) > 1 else None)
            if g:
                self.gender.setdefault(words[-1], g)
                self.gender.setdefault(e.text, g)

    def gender_of(self, e: Entity) -> str | None:
        """A person's gender as the article shows it: their given name or honorific, or, for a surname alone,
        the full name it stands for ("Scott" after "Rakeyia Scott" is not "Keith Lamont Scott")."""
        words = e.text.split()
        if len(words) > 1:
            return self.gender.get(e.text) or _genders().get(words[0])
        return self.gender.get(words[0])

    def candidates(self, source: Tokens | None, sentence: int) -> tuple[Candidate, ...]:
        """Speaker candidates for a source phrase, best first (empty when nobody can be named)."""
        if source is None:
            return ()
        ctx = self.ctx
        a, b = source
        words = ctx.low[a:b]
        phrase = " ".join(ctx.tx[a:b])
        found: Entity | None = None
        why = ""
        if b - a == 1 and (words[0] in RELATIVE_PRONOUNS or words[0] == "that"):
            antecedent = self._antecedent_of_relative(a)
            if antecedent is None:
                return ()
            return self.candidates(antecedent, sentence)
        if b - a == 1 and (words[0] in PERSON_PRONOUNS or words[0] in GROUP_PRONOUNS):
            found = self._pronoun(a, words[0], sentence)
            if found is not None:
                found = self.latest_mention(found, ctx.starts[a])
            why = f"'{phrase}' refers to {found.text!r}" if found else ""
        else:
            issuer = _issuer(ctx, a, b)
            if issuer is not None:
                # "a statement from the country's commerce ministry": who issued it speaks.
                return self.candidates(issuer, sentence)
            found = self._name_in(a, b)
            if found is not None:
                why = f"named in the source '{_short(phrase)}'"
            else:
                found = self._description(a, b, words)
                if found is not None:
                    found = self.latest_mention(found, ctx.starts[a])
                why = f"'{_short(phrase)}' refers to {found.text!r}" if found else ""
        if found is not None:
            self._spoke(found, sentence)
            return (Candidate(found.start, found.end, found.text, found.label, why, 0.9),)
        if b - a == 1 and (words[0] in PRONOUNS or words[0] in RELATIVE_PRONOUNS):
            return ()  # a pronoun nobody named before ("I", "we" too): never proposed as the actor
        start, end = _trimmed(ctx, a, b)
        if end <= start:
            return ()
        s, e = ctx.chars(start, end)
        return (Candidate(s, e, ctx.text[s:e], "NP", f"the source '{_short(phrase)}'", 0.6),)

    def referent(self, start: int, end: int) -> Candidate | None:
        """The named mention the pronoun or description at characters [start, end) refers to, or None (the
        reader's link and its pronoun hint; suggestions resolve their sources through `candidates`, the same
        rules). Asked out of text order, so ask a resolver that resolves nothing else (Analysis keeps one):
        with nobody remembered as the last speaker, the answer depends on the text only."""
        ctx = self.ctx
        a, b = ctx.tok_after(start), ctx.tok(max(start, end - 1)) + 1
        if b <= a:
            return None
        words = ctx.low[a:b]
        phrase = " ".join(ctx.tx[a:b])
        if b - a == 1 and (words[0] in PERSON_PRONOUNS or words[0] in GROUP_PRONOUNS):
            found = self._pronoun(a, words[0], ctx.sent[a])
        else:
            found = self._description(a, b, words)
        if found is None:
            return None
        found = self.latest_mention(found, ctx.starts[a])
        return Candidate(found.start, found.end, found.text, found.label, f"'{phrase}' refers to {found.text!r}", 0.9)

    def latest_mention(self, e: Entity, before: int) -> Entity:
        """The last mention of the same person or body before a position ("Clinton" rather than the
        "Hillary Clinton" of three paragraphs up): a link goes to the nearest name."""
        ctx = self.ctx
        key = e.text.split()[-1]
        k = ctx.entities_before(before) - 1
        stop = max(-1, k - 60)
        while k > stop:
            m = ctx.entities[k]
            k -= 1
            if m.start <= e.start:
                break
            if m.label == e.label and m.end <= before and m.text.split()[-1] == key:
                return m
        return e

    def mention_near(self, e: Entity, a: int, b: int) -> Entity:
        """A mention of the same person or body in the sentences around tokens [a, b) but outside them, the
        nearest; else e ('"...," Warren said. "It's gutless"': the second quote's Warren is the one beside it)."""
        ctx = self.ctx
        key = e.text.split()[-1]
        lo = ctx.bounds[ctx.sent[a]][0]
        hi = ctx.bounds[ctx.sent[min(b, len(ctx.low)) - 1]][1] if b > a else ctx.bounds[ctx.sent[a]][1]
        best, best_d = e, None
        for m in ctx.entities[ctx.entities_before(ctx.starts[lo]) : ctx.entities_before(ctx.ends[hi - 1])]:
            if m.label != e.label or m.text.split()[-1] != key:
                continue
            i = ctx.tok_after(m.start)
            if a <= i < b:
                continue
            d = a - i if i < a else i - b
            if best_d is None or d < best_d:
                best, best_d = m, d
        return best

    def _spoke(self, e: Entity, sentence: int) -> None:
        """Who spoke last, whatever their kind (a pronoun checks the kind when it is resolved)."""
        self.last = e
        self.last_sentence = sentence

    def _name_in(self, a: int, b: int) -> Entity | None:
        """The name a source phrase holds: a person first ("the bank's economist, Jane Roe"), else an
        organisation or a country; a name followed by 's is the owner, not the speaker, unless it is alone."""
        ctx = self.ctx
        best: dict[str, Entity] = {}
        owners: list[Entity] = []
        if ctx.ent[a] < 0 and ctx.tx[a][:1].islower() or ctx.low[a] in ("the", "a", "an", "some"):
            # "traders in Kano", "a statement from the ministry": a name after a preposition is not who speaks,
            # unless the phrase is a statement or report from it.
            b = next(
                (k for k in range(a, b) if ctx.low[k] in _PREPOSITIONS_IN_PHRASE and not _from_source(ctx, a, k)), b
            )
        i = a
        while i < b:
            k = ctx.ent[i]
            if k < 0:
                i += 1
                continue
            e = ctx.entities[k]
            end = ctx.entity_tokens(i)[1]
            if e.label in _SPEAKERS and not _party_tag(e.text):
                if end < len(ctx.low) and ctx.low[end] in _POSSESSIVE and end + 1 < b:
                    owners.append(e)
                else:
                    best.setdefault(e.label, e)
                    if e.label == "PERSON" and "," not in ctx.low[a:i]:
                        # The last person named before any apposition: "Trump adviser Kellyanne Conway", but
                        # "Sen. Elizabeth Warren, D-Mass.," is Warren.
                        best["PERSON"] = e
            i = max(end, i + 1)
        if best and _modifies_a_thing(ctx, a, b):
            # "the Syrian conflict", "the U.S. intelligence community's report", "the New York businessman":
            # the name only qualifies what the phrase is about; the phrase is not that name speaking.
            return None
        if "NORP" in best and not any(label in best for label in ("PERSON", "ORG", "GPE")):
            organ = _designation(ctx, best["NORP"], b)
            if organ is not None:
                return organ
        for label in _SPEAKERS:
            if label in best:
                return best[label]
        return owners[0] if owners and b - a <= 4 else None

    def _pronoun(self, i: int, word: str, sentence: int) -> Entity | None:
        ctx = self.ctx
        person = word in PERSON_PRONOUNS
        want = ("PERSON",) if person else ("ORG", "GPE", "NORP")
        gender = "FEMALE" if word in _FEMALE else "MALE" if word in _MALE else None
        last = self.last
        if (
            last is not None
            and last.label in want
            and sentence - self.last_sentence <= 3
            and last.end <= ctx.starts[i]
            and (gender is None or self.gender_of(last) in (None, gender))
        ):
            return last
        first_sentence = max(0, sentence - _LOOKBACK)
        k = ctx.entities_before(ctx.starts[i]) - 1
        # The nearest of each lesser kind, used when no name of the pronoun's gender is found: a name whose
        # gender is not known, then one inside a prepositional phrase of the pronoun's own sentence
        # ("Campaigning against Mitt Romney in 2012, he ...").
        unknown = adjunct = None
        stop = max(-1, k - 80)
        while k > stop:
            e = ctx.entities[k]
            k -= 1
            if ctx.sent[ctx.tok(e.start)] < first_sentence:
                break
            if e.label not in want or e.end > ctx.starts[i] or _party_tag(e.text):
                continue
            if ctx.quote[ctx.tok_after(e.start)] >= 0 and ctx.quote[i] < 0:
                # '"... to make Kaine defend business as usual," he said': a name inside someone's quoted
                # words is not who "he" is.
                continue
            if ctx.sent[ctx.tok(e.start)] == sentence and _object_of_preposition(ctx, e):
                adjunct = adjunct or e
                continue
            g = self.gender_of(e) if person else None
            if gender is not None and g is not None and g != gender:
                continue
            if g == gender or not person:
                return e
            unknown = unknown or e
        fallback = unknown or adjunct
        if fallback is None and person:
            # Nobody of that gender named: the gender lists may be wrong about a name; take the nearest person.
            k = ctx.entities_before(ctx.starts[i]) - 1
            while k > stop:
                e = ctx.entities[k]
                k -= 1
                if e.label == "PERSON" and e.end <= ctx.starts[i] and not _party_tag(e.text):
                    return e
        return fallback

    def _antecedent_of_relative(self, i: int) -> Tokens | None:
        """ "Clinton, who ..." / "the official, who ...": the phrase right before the relative pronoun."""
        ctx = self.ctx
        j = i - 1
        if j >= 0 and ctx.low[j] == ",":
            j -= 1
        if j < 0:
            return None
        e = ctx.entity_of(j)
        if e is not None and e.label in ("GPE", "LOC", "FAC"):
            ea, eb = ctx.entity_tokens(j)
            if ea > 1 and ctx.low[ea - 1] in ("on", "in", "at") and ctx.tx[ea - 2][:1].isalpha():
                # "officials in Beijing, who", "Democrats on Capitol Hill, who": the people there, not the place
                return noun_phrase_ending(ctx, ea - 1, ctx.bounds[ctx.sent[j]][0]) or (ea, eb)
        if e is not None and e.label in _SPEAKERS:
            return ctx.entity_tokens(j)
        a = j
        while (
            a > 0
            and j - a < 6
            and ctx.low[a - 1] not in (",", ";", ".", "and", "but", "(", ")", "to", "by", "from", "with", "for")
            and not verbish(ctx.tx[a - 1], ctx.low[a - 1])
            and ctx.quote[a - 1] < 0
        ):
            a -= 1
        # A noun phrase before "who" ("the official, who"), not a verb phrase ("forced to defend ..., who").
        if ctx.low[a] in ("the", "a", "an", "his", "her", "their", "its") or ctx.tx[a][:1].isupper():
            return (a, j + 1)
        # Else the noun phrase that ends there ("not paying an architect who", "some economists who"), the
        # nearest noun of it ("a focal point for demonstrators here, who": the demonstrators).
        while j > a and ctx.low[j] in _TRAILING_ADVERBS:
            j -= 1
        found = noun_phrase_ending(ctx, j + 1, ctx.bounds[ctx.sent[j]][0])
        if found is None or ctx.low[found[0]] in RELATIVE_PRONOUNS:
            return None
        start = found[0]
        inner = [k for k in range(start, j) if ctx.low[k] in _PREPOSITIONS_IN_PHRASE or ctx.low[k] == "from"]
        if inner and inner[-1] + 1 <= j:
            start = inner[-1] + 1
        while start < j and ctx.tx[start].islower() and ctx.low[start].endswith("ing"):
            start += 1  # "paying an architect who": the architect
        return (start, found[1])

    def _description(self, a: int, b: int, words: list[str]) -> Entity | None:
        """'the ministry', 'the senator', 'its spokeswoman': the nearest earlier name of that kind; 'his lawyer'
        speaks for the man 'his' refers to."""
        if not words or words[0] not in ("the", "its", "his", "her", "their", "this", "that"):
            return None
        if words[0] in ("his", "her") and b - a >= 2 and words[-1] in PERSON_NOUNS:
            return self._pronoun(a, words[0], self.ctx.sent[a])
        head = words[-1]
        if head in PERSON_NOUNS:
            want = ("PERSON",)
        elif head in ORG_NOUNS:
            want = ("ORG", "GPE")
        else:
            return None
        if words[0] in ("its", "their") and head in PERSON_NOUNS:
            # "its spokeswoman" speaks for the organisation named before.
            want = ("ORG", "GPE")
        ctx = self.ctx
        last = self.last
        if last is not None and last.label in want and last.end <= ctx.starts[a]:
            if want != ("PERSON",) or ctx.sent[a] - self.last_sentence <= 3:
                return last
        k = ctx.entities_before(ctx.starts[a]) - 1
        stop = max(-1, k - 200)
        while k > stop:
            e = ctx.entities[k]
            k -= 1
            if e.label in want and (head not in ORG_NOUNS or head in e.text.lower() or want != ("ORG", "GPE")):
                return e
        return None


# Nouns that stand for people, a body or what they issue: a name before them still speaks through them
# ("Chinese officials", "the Japanese foreign ministry", "a White House statement").
_AGENT_NOUNS = (
    PERSON_NOUNS
    | ORG_NOUNS
    | _MESSAGE_NOUNS
    | _DOCUMENT_NOUNS
    | L.ORG_DESCRIPTORS
    | frozenset(
        "official leader lawmaker legislator authority source people diplomat expert officer member supporter "
        "critic voter resident worker executive investor staff camp force military police media press delegation "
        "negotiator side envoy counterpart allies ally spokespeople folks citizen".split()
    )
)
# Role nouns that a place or a nationality only qualifies: "the New York businessman" is a man, not New York.
_ROLE_HEADS = PERSON_NOUNS | L.ROLE_NOUNS


def _modifies_a_thing(ctx: TokenContext, a: int, b: int) -> bool:
    """Does the phrase [a, b) end in a lower-case noun that its names only qualify, and is that noun neither a
    body nor its mouthpiece? ("the Syrian conflict", "11 % of Democratic claims"; for a single person's role,
    "the New York businessman", a place or nationality before it qualifies too.)"""
    low, tx = ctx.low, ctx.tx
    if ctx.ent[a] >= 0:
        return False  # the phrase opens with the name: "Qin spoke" is Qin (a verb the chunker kept)
    j = b
    while j > a and low[j - 1] in (",", "'s", "’s"):
        j -= 1
    if j <= a or ctx.ent[j - 1] >= 0 or not tx[j - 1].isalpha() or not tx[j - 1].islower():
        return False
    k = j - 1
    while k > a and ctx.ent[k - 1] < 0 and tx[k - 1].isalpha() and tx[k - 1].islower():
        k -= 1
    if k == a or ctx.ent[k - 1] < 0:
        return False  # no name right before the lower-case words
    head = low[j - 1]
    if head in _ROLE_HEADS:
        return ctx.entity_label(k - 1) in ("GPE", "NORP", "LOC")
    singular = head[:-1] if head.endswith("s") and len(head) > 3 else head
    return head not in _AGENT_NOUNS and singular not in _AGENT_NOUNS


_TRAILING_ADVERBS = frozenset("here there too also now today yesterday alone".split())
_ADJUNCT_PREPOSITIONS = frozenset("against with about for to from on over by at in of like than".split())


def _object_of_preposition(ctx: TokenContext, e: Entity) -> bool:
    """Is the name inside a prepositional phrase ("met with Raimondo and US Trade Representative Katherine
    Tai")? Walks back over names, titles, "and" and commas to a preposition."""
    i = ctx.tok_after(e.start) - 1
    a = ctx.bounds[ctx.sent[i + 1]][0] if i + 1 < len(ctx.low) else 0
    while i >= a and i > ctx.tok_after(e.start) - 12:
        w = ctx.low[i]
        if w in _ADJUNCT_PREPOSITIONS:
            return True
        if not (ctx.ent[i] >= 0 or ctx.tx[i][:1].isupper() or w in ("and", ",", "the", "'s", "’s")):
            return False
        i -= 1
    return False


_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{0,6}$")


def _party_tag(name: str) -> bool:
    """US party-and-state tags ("R-Ga.", "D-Mass") that a recognizer may take for names."""
    return bool(_PARTY_TAG.match(name))


def _trimmed(ctx: TokenContext, a: int, b: int) -> Tokens:
    """A source phrase without a leading determiner or title words, for the actor span."""
    while a < b and ctx.low[a] in ("the", "a", "an"):
        a += 1
    while b > a and ctx.low[b - 1] in (",", "'s", "’s"):
        b -= 1
    return a, b


def _short(phrase: str) -> str:
    return phrase if len(phrase) <= 40 else phrase[:37] + "..."
