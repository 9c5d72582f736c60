"""The built-in recognizer: capitalisation rules, bundled gazetteers and article consistency."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import fields
from datetime import date
from itertools import compress

from chipread.model import Entity, Sentence, Token

from . import lexicon as L
from .cues import cue_kinds
from .dates import DATE_PATTERN, normalise_date
from .gazetteer import Gazetteer
from .lemma import lemma
from .sentences import split_sentences
from .tokenizer import token_arrays, tokenize

SOURCE = "builtin"


def _bundled() -> Gazetteer:
    g = Gazetteer(source=SOURCE)
    for label, names in (
        ("GPE", L.COUNTRIES),
        ("GPE", L.CITIES),
        ("NORP", L.NATIONALITIES),
        ("ORG", L.ORGANISATIONS),
        ("LOC", L.LOCATIONS),
        ("FAC", L.FACILITIES),
        ("EVENT", L.EVENTS),
    ):
        for name in names:
            if g.label_of(name) is None:
                g.add(label, name)
    return g


_GAZ: Gazetteer | None = None


def bundled_gazetteer() -> Gazetteer:
    """Countries, cities, nationalities, organisations, regions, landmarks and events."""
    global _GAZ
    if _GAZ is None:
        _GAZ = _bundled()
    return _GAZ


_OPENING = frozenset("“‘«([{\"'")
_HYPHEN_STOP = frozenset(
    "led based listed born backed owned made run centred centered style era wide bound funded "
    "linked registered headquartered flagged controlled dominated allied friendly type like "
    "specific related level class grown bred raised educated trained speaking language "
    "american british built designed inspired sponsored occupied administered affiliated "
    "aligned leaning majority minority era".split()
)
_GPE_AFTER = frozenset(
    "county counties province provinces district districts city town village villages region "
    "municipality prefecture state suburb suburbs borough oblast governorate".split()
)
_ORG_AFTER = frozenset("party parties movement alliance coalition bloc faction militia".split())
_DATE_TRIGGERS = frozenset(
    [m.capitalize() for m in L.MONTHS]
    + [m.capitalize() + "." for m in L.MONTHS]
    + [w.capitalize() for w in L.WEEKDAYS]
    + "this This last Last next Next past Past previous Previous coming Coming earlier Earlier "
    "later Later recent Recent yesterday Yesterday today Today tomorrow Tomorrow".split()
)
_MAY_PREPS = frozenset(
    "in In since Since by until from of during early late mid through to and or between before after till".split()
)
_TITLECASE_LOWER = frozenset("a an the and or but nor of in on at to for by with from as vs via per".split())
_PLACE_PREPS = frozenset("in near outside from across around".split())
_EVENT_YEAR_WORDS = frozenset("Euro Expo Olympics Games Cup Eurovision Copa Worlds".split())
_DEPARTMENT_WORDS = L.TITLE_MODIFIERS | frozenset("State Commerce Defense War Navy Army".split())
_CONNECTORS = frozenset("of and & the".split())
_TITLE_WORDS = L.TITLE_HEADS | L.HONORIFICS
_NOT_NAME = L.COMMON_WORDS | L.ORG_SUFFIXES | L.LOC_SUFFIXES | L.FAC_SUFFIXES | L.EVENT_SUFFIXES


_DETERMINERS = frozenset("the a an this that these those its their our his her".split())
_ADVERBS_BEFORE_VERB = frozenset(
    "also later then has had have once previously repeatedly reportedly earlier again".split()
)
_ATTRIBUTION_BEFORE_VERB = frozenset(",\"”’'")
# Words that end a place phrase: "injured in Kuressaare on Sunday", "born in Kuressaare and".
_PLACE_FOLLOWERS = frozenset(
    "on at and or where when who whose last this since after before during until amid near 's ’s to into "
    "earlier yesterday today will would is was are were has had have could can may might should must".split()
)


# Cue kinds (chipread/nlp/data/cues.txt) whose verbs report what someone said or thinks: "said", "warned", "believes".
_REPORTING_KINDS = frozenset(("speech", "stance", "belief"))


def _reports(word: str) -> bool:
    """Whether a lower-case word reports speech, a stance or a belief ("said", "warned", "according")."""
    return cue_kinds().get(lemma(word)) in _REPORTING_KINDS


def _plural_noun(w: str) -> bool:
    # "Residents", "Witnesses", "Protesters": a role noun or an agent-noun plural.
    low = w.lower()
    if not low.endswith("s"):
        return False
    roles = L.ROLE_NOUNS
    if low in roles or low[:-1] in roles or (low.endswith("es") and low[:-2] in roles):
        return True
    return low.endswith(("ers", "ists", "ents", "ants", "ians", "ors", "ees"))


_FUTURE_WORDS = frozenset(
    "will 'll ’ll shall upcoming scheduled due expected set planned plans plan going next tomorrow "
    "forthcoming coming".split()
)
_PAST_WORDS = frozenset(
    "was were had did said told met took held went came gave made saw spoke won lost left began fell rose "
    "sent found hit struck beat died killed sold bought paid ran wrote led shot broke fled".split()
)
_SENTENCE_STOPS = frozenset(".!?;")


def _future_context(d: _Doc, a: int, b: int) -> bool:
    """Is the verb nearest to tokens [a, b) about the future? The nearest tense marker decides:
    "will", "is scheduled", "next" for the future; "said", "was", a verb in -ed for the past."""
    tx, first = d.tx, d.sent_first
    lo = a
    while lo > 0 and lo > a - 10 and not first[lo]:
        lo -= 1
    hi = b
    while hi < d.n and hi < b + 10 and not first[hi]:
        hi += 1
    for dist in range(1, 11):
        for k in (a - dist, b - 1 + dist):
            if k < lo or k >= hi or tx[k] in _SENTENCE_STOPS:
                continue
            w = tx[k].lower()
            if w in _FUTURE_WORDS:
                return True
            if w in _PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w.isalpha()):
                return False
    return False


def _is_acronym(s: str) -> bool:
    # "ASML", "G7", "G-7", "COP28": capitals (and digits) only, at least two letters or one+digit.
    # (An acronym has no lower-case letter and some capital: str.isupper() turns most words away at once.)
    if len(s) < 2 or len(s) > 8 or not s.isupper() or s in L.NOT_ACRONYMS:
        return False
    if not all(c.isupper() or c.isdigit() or c in "-&" for c in s):
        return False
    letters = sum(1 for c in s if c.isalpha())
    return letters >= 2 or (letters == 1 and any(c.isdigit() for c in s))


def _wordish(s: str) -> bool:
    return all(c.isalnum() or c in ".-'’&" for c in s)


def _name_word(w: str) -> bool:
    """Can a capitalised token that is not all letters be part of a name? "U.S.-led", "Tokyo-based" are
    adjectives, "A$" a currency: not name words."""
    k = w.find("-")
    return _wordish(w) and not (k > 0 and k + 1 < len(w) and w[k + 1].islower())


# Function words of other languages that are not English ones too (a word in both counts as English).
_ONLY_FOREIGN = L.FOREIGN_FUNCTION_WORDS - L.ENGLISH_FUNCTION_WORDS


class _Doc:
    """Per-article working state (token features computed once)."""

    def __init__(self, text: str, tokens: list[Token], sentences: list[Sentence]):
        self.text = text
        self.tokens = tokens
        self.n = n = len(tokens)
        self.st, self.en, self.tx = token_arrays(tokens)
        tx = self.tx
        self.cap = cap = [w[0].isupper() and (w.isalpha() or _name_word(w)) for w in tx]
        first = [False] * n
        starts = self.st
        bounds = []
        for sent in sentences:
            a = bisect_left(starts, sent.start)
            b = bisect_left(starts, sent.end, a)
            bounds.append((a, b))
            if a < n:
                first[a] = True
        self.sent_first = list(first)
        # Words right after an opening quote or bracket behave like sentence starts.
        initial = first
        for i in compress(range(n - 1), map(_OPENING.__contains__, tx)):
            if i == 0 or tokens[i - 1].ws or tx[i - 1] in ":—–":
                initial[i + 1] = True
        self.initial = initial
        self.lower_seen = set(filter(str.islower, tx))
        self.cap_mid = {tx[i] for i in compress(range(n), cap) if not initial[i]}
        # Headline-style Title Case sentences: only known names count there.
        titlecase = [False] * n
        common = L.COMMON_WORDS
        for a, b in bounds:
            if b - a < 4 or not (cap[a + 1] or cap[a + 2]):
                continue
            # Title Case: only short function words stay lowercase ("China Pushes Japan To Lift"). (Most
            # sentences show a lower-case word within a few: the list of words is made for the others only.)
            if not all(w[0].isupper() or w in _TITLECASE_LOWER for w in tx[a:b] if w[0].isalpha()):
                continue
            words = [w for w in tx[a:b] if w[0].isalpha()]
            if len(words) >= 4 and any(w in common for w in words[1:]):
                for i in range(a, b):
                    titlecase[i] = True
        self.titlecase = titlecase
        # Sentences in another language (more of its function words than of English's): every
        # noun is capitalised there, so only known names and given-name persons count.
        # A short sentence says little on its own, so a mostly foreign article counts too.
        foreign = [False] * n
        is_english, is_foreign = L.ENGLISH_FUNCTION_WORDS.__contains__, _ONLY_FOREIGN.__contains__
        counts = []
        # Most articles hold none of the foreign words: one set operation settles them.
        for a, b in bounds if not L.FOREIGN_FUNCTION_WORDS.isdisjoint(tx) else ():
            words = tx[a:b]
            counts.append((sum(map(is_english, words)), sum(map(is_foreign, words))))
        doc_e = sum(e for e, _ in counts)
        doc_f = sum(f for _, f in counts)
        doc_foreign = doc_f >= 5 and doc_f > 2 * doc_e
        for (a, b), (e, f) in zip(bounds, counts):
            if (f >= 3 and f > e) or (doc_foreign and not (e >= 3 and e > f)):
                for i in range(a, b):
                    foreign[i] = True
        self.foreign = foreign


# Entity is a frozen slotted dataclass whose __init__ goes through object.__setattr__ for each field; setting
# the slots directly (as the tokenizer does for its tokens) halves the cost of the article's hundreds of
# entities. The check keeps this in step with chipread.model.
_ENTITY_FIELDS = ("start", "end", "label", "text", "source", "value")
if tuple(f.name for f in fields(Entity)) != _ENTITY_FIELDS:
    raise TypeError(f"chipread.nlp.builtin makes entities of the fields {_ENTITY_FIELDS}: update _entity()")
_ENTITY_SLOTS = tuple(getattr(Entity, name).__set__ for name in _ENTITY_FIELDS)


def _entity(start: int, end: int, label: str, text: str, value: str | None) -> Entity:
    """Entity(start, end, label, text, SOURCE, value), made without the dataclass __init__."""
    set_start, set_end, set_label, set_text, set_source, set_value = _ENTITY_SLOTS
    e = object.__new__(Entity)
    set_start(e, start)
    set_end(e, end)
    set_label(e, label)
    set_text(e, text)
    set_source(e, SOURCE)
    set_value(e, value)
    return e


class BuiltinRecognizer:
    """Rules + bundled gazetteers + within-article consistency; pure Python, no model."""

    name = "builtin"

    def __init__(self) -> None:
        self.gaz = bundled_gazetteer()

    def __call__(self, text: str, *, published: date | None = None) -> list[Entity]:
        tokens = tokenize(text)
        return self.recognize(text, tokens, split_sentences(text, tokens), published)

    # -- the pipeline ------------------------------------------------------------------------
    def recognize(
        self, text: str, tokens: list[Token], sentences: list[Sentence], published: date | None = None
    ) -> list[Entity]:
        if not tokens:
            return []
        d = _Doc(text, tokens, sentences)
        spans: list[tuple[int, int, str, str]] = []  # token a, token b (excl), label, rule
        blocked = [False] * d.n
        self._dates(d, spans, blocked)
        self._runs(d, spans, blocked)
        spans = self._acronyms_in_parens(d, spans)
        spans = self._consistency(d, spans)
        spans.sort()
        out: list[Entity] = []
        st, en = d.st, d.en
        tx = d.tx
        for a, b, label, _rule in spans:
            s, e = st[a], en[b - 1]
            surface = text[s:e]
            value = None
            if label == "DATE":
                # A bare weekday follows the tense around it: "will take place on Saturday".
                future = b - a == 1 and tx[a].lower() in L.WEEKDAYS and _future_context(d, a, b)
                value = normalise_date(surface, published, future)
            out.append(_entity(s, e, label, surface, value))
        return out

    def _dates(self, d: _Doc, spans: list, blocked: list[bool]) -> None:
        # The date pattern is tried only where a date can start (a month, a weekday, a number,
        # a relative word): running it over the whole text costs more than the rest together.
        tx, st, en, n, text = d.tx, d.st, d.en, d.n, d.text
        match = DATE_PATTERN.match
        found = []
        where = {i for i, w in enumerate(tx) if w in _DATE_TRIGGERS or w[0].isdigit()}
        where.update(k - 2 for k in compress(range(n), map("ago".__eq__, tx)) if k >= 2)  # "two weeks ago"
        for i in sorted(where):
            m = match(text, st[i])
            if m is not None:
                found.append((i, m.end()))
            elif tx[i] == "May" and i > 0 and tx[i - 1] in _MAY_PREPS and not (i + 1 < n and d.cap[i + 1]):
                found.append((i, d.en[i]))
        last = -1
        for a, e in found:
            b = bisect_left(en, e, a)
            if b >= n or en[b] != e or a <= last:
                continue
            b += 1
            if b - a == 1 and self._month_as_name(d, a):
                continue
            last = b - 1
            # "Euro 2024": a competition, not a date.
            if b - a == 1 and a > 0 and tx[a - 1] in _EVENT_YEAR_WORDS and tx[a].isdigit():
                spans.append((a - 1, b, "EVENT", "event-year"))
                blocked[a - 1] = blocked[a] = True
                continue
            spans.append((a, b, "DATE", "date"))
            for i in range(a, b):
                blocked[i] = True

    @staticmethod
    def _month_as_name(d: _Doc, a: int) -> bool:
        """A bare month right before a name, with no preposition before it: "April Ryan"."""
        tx, n = d.tx, d.n
        w = tx[a]
        if w not in L.NAME_WORDS or a + 1 >= n or not d.cap[a + 1]:
            return False
        nxt = tx[a + 1]
        if not nxt.isalpha() or nxt in L.COMMON_WORDS or nxt.lower() in L.MONTHS or nxt.lower() in L.WEEKDAYS:
            return False
        prev = tx[a - 1] if a else ""
        # "in April", "since May" are dates; "Will Smith and April Ryan" is not.
        return prev in ("", "and", "or") or (prev not in _MAY_PREPS and not prev[0].isdigit())

    def _runs(self, d: _Doc, spans: list, blocked: list[bool]) -> None:
        tx, cap, n = d.tx, d.cap, d.n
        sent_first = d.sent_first
        i = 0
        # A run starts at a capitalised token that no date and no earlier run has taken.
        for start in compress(range(n), cap):
            if start < i or blocked[start]:
                continue
            i = start
            j = i + 1
            while j < n and not blocked[j] and not sent_first[j]:
                t = tx[j]
                if cap[j]:
                    j += 1
                    continue
                glued = d.en[j - 1] == d.st[j]
                if t == "-" and glued and j + 1 < n and d.st[j + 1] == d.en[j] and not blocked[j + 1]:
                    nxt = tx[j + 1]
                    if cap[j + 1] or (nxt.islower() and nxt.isalpha() and nxt not in _HYPHEN_STOP):
                        j += 2
                        continue
                    break
                if (
                    t == "of"
                    and j + 1 < n
                    and (tx[j - 1] in L.ORG_OF_HEADS or tx[j - 1] in L.LOC_OF_HEADS or tx[j - 1] in L.TITLE_HEADS)
                ):
                    k = j + 1
                    if k < n and tx[k] == "the":
                        k += 1
                    if k < n and not blocked[k] and (cap[k] or tx[k].isdigit()) and not d.sent_first[k]:
                        j = k + 1
                        continue
                    break
                if t in ("and", "&") and j + 1 < n and cap[j + 1] and not blocked[j + 1]:
                    j += 1
                    continue
                if t in L.PERSON_PARTICLES:
                    # "von der Leyen", "de la Cruz": up to three particles before the surname.
                    k = j + 1
                    while k < n and k - j < 3 and tx[k] in L.PERSON_PARTICLES and not blocked[k]:
                        k += 1
                    if k < n and cap[k] and not blocked[k] and not sent_first[k]:
                        j = k
                        continue
                    break
                break
            while j > i and (tx[j - 1] in _CONNECTORS or tx[j - 1] in L.PERSON_PARTICLES or tx[j - 1] == "-"):
                j -= 1
            self._classify(d, i, j, spans, context=i)
            i = max(j, i + 1)

    # -- classification of one capitalised run ------------------------------------------------
    def _classify(self, d: _Doc, i: int, j: int, spans: list, context: int) -> None:
        tx = d.tx
        gaz = self.gaz
        if i >= j:
            return
        if d.titlecase[i]:
            self._gaz_only(d, i, j, spans)
            return
        if d.foreign[i]:
            self._foreign(d, i, j, spans)
            return
        # "Helena Horton Environment reporter": a desk or beat before a role noun is no name part.
        if j < d.n and tx[j].lower() in L.ROLE_NOUNS and not d.cap[j]:
            while j - i > 1 and tx[j - 1] in L.TITLE_MODIFIERS:
                j -= 1
        # Leading words capitalised only by position ("The", "However", "Neighbouring").
        m, m_at = None, -1  # the gazetteer's match at token m_at, kept for the lookup below
        while i < j and tx[i] not in _TITLE_WORDS and tx[i] not in L.TITLE_MODIFIERS:
            m, m_at = gaz.match_at(tx, i), i
            if m:
                break
            w = tx[i]
            if (w in L.ORG_OF_HEADS or w in L.ORG_SUFFIXES) and j - i >= 2 and w not in _CONNECTORS:
                break
            if w in L.NAME_WORDS and i + 1 < j and self._name_like(d, i + 1):
                break  # "Will Smith"
            if w in _CONNECTORS or w == "-" or (w in L.COMMON_WORDS and d.initial[i]):
                i += 1
                continue
            if d.initial[i] and (w.lower() in d.lower_seen or w.endswith(("ing", "ed", "ly")) and w not in d.cap_mid):
                i += 1
                continue
            break
        while j > i and (tx[j - 1] in _CONNECTORS or tx[j - 1] == "-"):
            j -= 1
        if i >= j:
            return
        run = tx[i:j]
        if m_at != i:
            m = gaz.match_at(tx, i)
        if m is not None and m[0] == j:
            spans.append((i, j, m[1], "gazetteer"))
            return
        # "X and Y" is one name only when it is known or ends like an organisation.
        if ("and" in run or "&" in run) and not (run[-1] in L.ORG_SUFFIXES or "&" in run):
            k = i
            for p in range(i, j + 1):
                if p == j or tx[p] == "and":
                    self._classify(d, k, p, spans, context=k if k != i else context)
                    k = p + 1
            return
        last = run[-1]
        size = j - i
        if j < d.n and tx[j] in _ORG_AFTER and not d.cap[j]:
            spans.append((i, j, "ORG", "org-noun-after"))
            return
        # Organisation, place, facility, law and event shapes.
        if size >= 2 and last in L.LAW_SUFFIXES:
            spans.append((i, j, "LAW", "law-suffix"))
            return
        if size >= 2 and last in L.FAC_SUFFIXES and last not in L.ORG_SUFFIXES:
            spans.append((i, j, "FAC", "facility-suffix"))
            return
        if size >= 2 and last in L.ORG_SUFFIXES and not (m and m[1] == "GPE" and m[0] == j - 1 and last in ("City",)):
            if not self._title_then_name(d, i, j):
                spans.append((i, j, "ORG", "org-suffix"))
                return
        for k in range(i, j - 1):
            if tx[k + 1] == "of" and (tx[k] in L.ORG_OF_HEADS or tx[k] in L.LOC_OF_HEADS):
                if tx[k] in L.ORG_OF_HEADS and tx[k] not in L.LOC_OF_HEADS:
                    spans.append((i, j, "ORG", "org-of"))
                else:
                    spans.append((i, j, "LOC", "loc-of"))
                return
        if size >= 2 and last in L.LOC_SUFFIXES:
            spans.append((i, j, "LOC", "loc-suffix"))
            return
        if size >= 2 and last in L.EVENT_SUFFIXES and last not in _TITLE_WORDS:
            spans.append((i, j, "EVENT", "event-suffix"))
            return
        if (
            size >= 2
            and _is_acronym(run[0])
            and (m is None or m[1] == "ORG")
            and not any(w in _TITLE_WORDS for w in run)
        ):
            spans.append((i, j, "ORG", "acronym-led"))
            return
        if self._title(d, i, j, spans):
            return
        # A known place or organisation followed by other capitalised words: "Tokyo Electron".
        if m is not None and m[1] in ("GPE", "LOC", "ORG"):
            rest = range(m[0], j)
            if (
                rest
                and not any(gaz.match_at(tx, k) for k in rest)
                and not any(tx[k] in L.GIVEN_NAMES or tx[k] in _TITLE_WORDS for k in rest)
            ):
                if any(d.cap[k] and tx[k] not in L.COMMON_WORDS for k in rest) or m[1] != "GPE":
                    spans.append((i, j, "ORG", "place-led-name"))
                    return
        if self._person(d, i, j, spans, context):
            return
        # Unknown words before a known place: a club or company ("Atlético Madrid").
        if size >= 2:
            k = j - 1
            while k > i and not self.gaz.match_at(tx, k):
                k -= 1
            mk = self.gaz.match_at(tx, k) if k > i else None
            if (
                mk is not None
                and mk[0] == j
                and mk[1] == "GPE"
                and all(
                    d.cap[p]
                    and not self.gaz.match_at(tx, p)
                    and tx[p] not in L.GIVEN_NAMES
                    and tx[p] not in _TITLE_WORDS
                    and tx[p] not in L.TITLE_MODIFIERS
                    for p in range(i, k)
                )
            ):
                spans.append((i, j, "ORG", "name-before-place"))
                return
        # Known names inside the run; classify what lies between them on its own.
        k = i
        found_any = False
        p = i
        while p < j:
            mm = gaz.match_at(tx, p) if d.cap[p] else None
            if mm is not None and mm[0] <= j:
                if k < p:
                    self._leftover(d, k, p, spans, context if k == i else k)
                spans.append((p, mm[0], mm[1], "gazetteer"))
                found_any = True
                p = k = mm[0]
                continue
            p += 1
        if found_any:
            if k < j:
                self._leftover(d, k, j, spans, k)
            return
        self._leftover(d, i, j, spans, context)

    def _foreign(self, d: _Doc, i: int, j: int, spans: list) -> None:
        """A run in a non-English sentence: known names, and a given name with its surname
        ("Bundeskanzler Olaf Scholz" gives "Olaf Scholz")."""
        tx = d.tx
        for k in range(i, j - 1):
            if tx[k] in L.GIVEN_NAMES and not self.gaz.match_at(tx, k):
                e = k + 1
                while e < j and (self._name_like(d, e) or (tx[e].lower() in L.PERSON_PARTICLES and e + 1 < j)):
                    e += 1
                if e > k + 1:
                    self._gaz_only(d, i, k, spans)
                    spans.append((k, e, "PERSON", "given-name"))
                    self._foreign(d, e, j, spans)
                    return
        self._gaz_only(d, i, j, spans)

    def _gaz_only(self, d: _Doc, i: int, j: int, spans: list) -> None:
        p = i
        while p < j:
            mm = self.gaz.match_at(d.tx, p)
            if mm is not None and mm[0] <= j:
                spans.append((p, mm[0], mm[1], "gazetteer"))
                p = mm[0]
            else:
                p += 1

    def _title_then_name(self, d: _Doc, i: int, j: int) -> bool:
        return any(d.tx[k] in L.HONORIFICS for k in range(i, j - 1))

    def _title(self, d: _Doc, i: int, j: int, spans: list) -> bool:
        """Title + name ("Chinese Foreign Minister Qin Gang"): the name is a PERSON."""
        tx = d.tx
        h = -1
        for k in range(j - 2, i - 1, -1):
            if tx[k] in _TITLE_WORDS:
                h = k
                break
        if h < 0:
            # A title with nothing after it ("US Commerce Secretary"): keep the place part.
            if tx[j - 1] in _TITLE_WORDS:
                s = j - 1
                while s > i and (tx[s - 1] in _DEPARTMENT_WORDS or tx[s - 1] in _TITLE_WORDS):
                    s -= 1
                if s > i:
                    self._classify(d, i, s, spans, context=i)
                return True
            return False
        k = h + 1
        if k < j and tx[k] == "of":
            k += 1
            if k < j and tx[k] == "the":
                k += 1
            while k < j - 1 and tx[k] in _DEPARTMENT_WORDS:
                k += 1
        while k < j - 1 and (tx[k] in _TITLE_WORDS or tx[k] in ("General",)):
            k += 1
        name = (k, j)
        s = h
        while s > i and (tx[s - 1] in _DEPARTMENT_WORDS or tx[s - 1] in _TITLE_WORDS):
            s -= 1
        if s > i:
            self._classify(d, i, s, spans, context=i)
        a, b = name
        if 0 < b - a <= 5 and not self.gaz.match_at(tx, a):
            spans.append((a, b, "PERSON", "title+name"))
        elif b > a:
            self._classify(d, a, b, spans, context=a)
        return True

    def _name_like(self, d: _Doc, k: int) -> bool:
        w = d.tx[k]
        if w in _NOT_NAME or w.lower() in d.lower_seen or _is_acronym(w) or self.gaz.match_at(d.tx, k):
            return False
        return w[0].isupper() and (
            w.replace("-", "").replace("'", "").replace("’", "").isalpha() or (len(w) == 2 and w[1] == ".")
        )

    def _surname_like(self, d: _Doc, k: int) -> bool:
        """After a first name, a word that is also an ordinary word is a surname ("Young", "May")."""
        w = d.tx[k]
        if self._name_like(d, k) or w in L.NAME_WORDS:
            return True
        return (
            w not in _NOT_NAME
            and w.isalpha()
            and w[0].isupper()
            and not _is_acronym(w)
            and not self.gaz.match_at(d.tx, k)
        )

    def _person(self, d: _Doc, i: int, j: int, spans: list, context: int) -> bool:
        tx = d.tx
        size = j - i
        words = [k for k in range(i, j) if d.cap[k]]
        if not words or size > 6:
            return False
        first = tx[i]
        # A role noun just before: "striker Marek Kowalczyk", "His lawyer, Michael Tran".
        c = context - 1
        if c >= 0 and tx[c] == ",":
            c -= 1
        role = c >= 0 and tx[c].lower() in L.ROLE_NOUNS and not d.cap[c]
        name_like = all(
            self._name_like(d, k) or tx[k].lower() in L.PERSON_PARTICLES or tx[k] == "-" for k in range(i, j)
        )
        if role and name_like and size <= 5:
            spans.append((i, j, "PERSON", "role+name"))
            return True
        given = first in L.GIVEN_NAMES or (first in L.NAME_WORDS and self._name_like(d, i + 1))
        if (
            size >= 2
            and given
            and all(
                self._surname_like(d, k)
                or tx[k].lower() in L.PERSON_PARTICLES
                or tx[k] == "-"
                or tx[k] in L.GIVEN_NAMES
                for k in range(i + 1, j)
            )
        ):
            spans.append((i, j, "PERSON", "given-name"))
            return True
        if 2 <= size <= 4 and first in L.SURNAMES_FIRST and self._name_like(d, i + 1):
            spans.append((i, j, "PERSON", "family-name-first"))
            return True
        if size >= 2 and len(first) == 2 and first[1] == "." and first[0].isupper() and name_like:
            spans.append((i, j, "PERSON", "initials"))
            return True
        n_words = sum(1 for k in range(i, j) if tx[k] != "-")
        if n_words == 2 and not name_like and self._name_like(d, i) and self._surname_like(d, j - 1):
            name_like = tx[j - 1] in L.NAME_WORDS  # "Theresa May"
        if 2 <= n_words <= 3 and name_like and not (d.initial[i] and tx[i] not in d.cap_mid and n_words < 2):
            spans.append((i, j, "PERSON", "unknown-name-pair"))
            return True
        return False

    def _leftover(self, d: _Doc, i: int, j: int, spans: list, context: int) -> None:
        """Capitalised words no rule has claimed: judge them by their neighbours."""
        tx = d.tx
        while i < j and ((tx[i] in L.COMMON_WORDS and d.initial[i]) or tx[i] in _CONNECTORS or tx[i] == "-"):
            i += 1
            context = i
        while j > i and (tx[j - 1] in _CONNECTORS or tx[j - 1] == "-" or tx[j - 1] in L.COMMON_WORDS):
            j -= 1
        if i >= j:
            return
        if j - i >= 2:
            if self._person(d, i, j, spans, context):
                return
            if not d.initial[i] or tx[i] in d.cap_mid:
                spans.append((i, j, "ORG", "capitalised-sequence"))
            return
        w = tx[i]
        if _is_acronym(w):
            spans.append((i, j, "ORG", "acronym"))
            return
        if w in _TITLE_WORDS or w in L.TITLE_MODIFIERS or w in L.GIVEN_NAMES:
            return
        n = d.n
        evidence = self._person_evidence(d, i, context)
        if evidence:
            spans.append((i, j, "PERSON", evidence))
            return
        if d.initial[i] and w not in d.cap_mid:
            if self._coordinated_with_known(d, i):
                spans.append((i, j, "ORG", "coordinated-with-known"))
                return
            if not (j < n and tx[j] == "," and w.isalpha() and not w.endswith(("ing", "ed", "ly"))):
                return
        if w.lower() in d.lower_seen or not w[0].isupper() or len(w) < 2:
            return
        nxt = tx[j] if j < n else ""
        if nxt == "-" and j + 1 < n and tx[j + 1] in ("based", "listed", "headquartered", "born", "registered"):
            spans.append((i, j, "GPE", "place-based"))
            return
        if nxt.lower() in _GPE_AFTER:
            spans.append((i, j, "GPE", "place-noun"))
            return
        if nxt == "," and j + 1 < n:
            mm = self.gaz.match_at(tx, j + 1)
            if mm is not None and mm[1] == "GPE" and not (mm[0] < n and tx[mm[0]] in ("'s", "’s")):
                spans.append((i, j, "GPE", "place-comma-country"))
                return
        c = context - 1
        prev = tx[c] if c >= 0 else ""
        if prev in L.ORG_DESCRIPTORS:
            spans.append((i, j, "ORG", "org-descriptor"))
            return
        if prev.lower() in L.ROLE_NOUNS and not d.cap[c]:
            spans.append((i, j, "PERSON", "role+name"))
            return
        if prev in _PLACE_PREPS and self._place_like(d, i):
            spans.append((i, j, "GPE", "place-preposition"))
            return
        spans.append((i, j, "ORG", "unknown-capitalised"))

    def _person_evidence(self, d: _Doc, i: int, context: int) -> str | None:
        """Why one unknown capitalised word is a person's name, from what surrounds it:
        "Kagame said", "said Kowalczyk", "Trump's spokesman", "Zelenskiy, who", "Ntaganda, 52,"."""
        tx, n = d.tx, d.n
        w = tx[i]
        if not w.isalpha() or w.lower() in d.lower_seen or w in L.GIVEN_NAMES:
            return None
        p = tx[context - 1].lower() if context > 0 else ""
        if p in _DETERMINERS or p in _PLACE_PREPS or (i > 0 and tx[i - 1].lower() in _DETERMINERS):
            return None  # "the Guardian said", "traders in Kano told": no person's name
        k = i + 1
        nxt = tx[k] if k < n else ""
        if nxt in _ADVERBS_BEFORE_VERB and k + 1 < n:
            k += 1
            nxt = tx[k]
        if nxt in L.PERSON_VERBS:
            # "Residents said", "Witnesses told": a plural noun opening the sentence is no name.
            if d.initial[i] and w not in d.cap_mid and _plural_noun(w):
                return None
            return "name+speech-verb"
        nxt = tx[i + 1] if i + 1 < n else ""
        if nxt in ("'s", "’s") and i + 2 < n:
            # One adjective may come between: "Trump's former lawyer".
            noun = tx[i + 3] if i + 3 < n and tx[i + 2].islower() and tx[i + 2] not in L.PERSON_POSSESSED else tx[i + 2]
            if noun.lower() in L.PERSON_POSSESSED:
                return "possessive+person-noun"
        if nxt == "," and i + 2 < n:
            after = tx[i + 2]
            if after == "who":
                return "name+who"
            if after.isdigit() and 0 < int(after) < 120 and i + 3 < n and tx[i + 3] in (",", ")"):
                return "name+age"
        if p in L.PERSON_VERBS and context >= 2 and tx[context - 2] in _ATTRIBUTION_BEFORE_VERB:
            return "speech-verb+name"  # '"...," said Kowalczyk'
        return None

    def _coordinated_with_known(self, d: _Doc, i: int) -> bool:
        """ "Hamas and Israel": an unknown word joined to a known place or organisation."""
        tx, n = d.tx, d.n
        w = tx[i]
        if i + 2 >= n or tx[i + 1] not in ("and", "or", "&") or not w.isalpha():
            return False
        if w.lower() in d.lower_seen or w.endswith(("ing", "ed", "ly")) or w in L.COMMON_WORDS:
            return False
        m = self.gaz.match_at(tx, i + 2)
        return m is not None and m[1] in ("GPE", "ORG")

    def _place_like(self, d: _Doc, i: int) -> bool:
        """After "in", "from" ...: is the unknown word a place? Not "in Q3", "in Python by",
        "in Marketing", "in Building 4": a place ends the phrase (punctuation, a date, "on",
        "and" ...) and looks like a name, not a gerund, a code or a numbered unit."""
        tx, n = d.tx, d.n
        w = tx[i]
        if not w.isalpha() or w.endswith("ing") or w in _NOT_NAME:
            return False
        if i + 1 >= n:
            return True
        nxt = tx[i + 1]
        if (d.cap[i + 1] and nxt not in _DATE_TRIGGERS) or nxt[0].isdigit():
            return False
        if nxt in ("in", "of") and i + 2 < n and d.cap[i + 2]:
            return True  # a place in a place, or in a month: "from Kourou in French Guiana"
        return (
            nxt in _PLACE_FOLLOWERS
            or _reports(nxt)
            or not nxt[0].isalnum()
            or d.sent_first[i + 1]
            or nxt in _DATE_TRIGGERS
        )

    # -- article-level passes -----------------------------------------------------------------
    def _acronyms_in_parens(self, d: _Doc, spans: list) -> list:
        """ "Asia-Pacific Economic Cooperation (APEC)": the acronym takes its long form's label."""
        by_end = {b: k for k, (_a, b, _l, _r) in enumerate(spans)}
        tx = d.tx
        for k, (a, b, _label, rule) in enumerate(spans):
            if b - a == 1 and a >= 2 and tx[a - 1] == "(" and b < d.n and tx[b] == ")":
                prev = by_end.get(a - 1)
                if prev is not None and spans[prev][2] in ("ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"):
                    plabel = spans[prev][2]
                    if rule in ("acronym", "unknown-capitalised") or plabel == "ORG":
                        spans[k] = (a, b, plabel, "acronym-of-long-form")
        return spans

    def _consistency(self, d: _Doc, spans: list) -> list:
        """Once "Wang Wentao" is a PERSON, a later (or earlier) "Wang" is one too."""
        tx = d.tx
        weak = {"unknown-capitalised", "capitalised-sequence", "place-preposition", "acronym"}
        alias: dict[str, str] = {}
        for a, b, label, rule in spans:
            if rule in weak or label == "DATE":
                continue
            if label == "PERSON":
                for k in range(a, b):
                    w = tx[k]
                    if (
                        d.cap[k]
                        and len(w) > 1
                        and not w.endswith(".")
                        and w not in L.PERSON_PARTICLES
                        and w not in L.COMMON_WORDS
                        and w not in L.GIVEN_NAMES
                    ):
                        alias.setdefault(w, "PERSON")
            elif label == "ORG" and b - a >= 2:
                w = tx[a]
                if d.cap[a] and w not in L.COMMON_WORDS and not self.gaz.match_at(tx, a) and w not in L.GIVEN_NAMES:
                    alias.setdefault(w, "ORG")
            if b - a >= 1:
                alias.setdefault(" ".join(tx[a:b]), label)
        # Single guesses vote: the same word gets the same label throughout the article.
        votes: dict[str, Counter] = {}
        for a, b, label, rule in spans:
            if b - a == 1 and rule in weak:
                votes.setdefault(tx[a], Counter())[label] += 1
        out = []
        covered = [False] * d.n
        for a, b, label, rule in spans:
            if b - a == 1 and rule in weak:
                w = tx[a]
                if w in alias:
                    label, rule = alias[w], "consistency"
                else:
                    label = votes[w].most_common(1)[0][0]
            out.append((a, b, label, rule))
            covered[a:b] = [True] * (b - a)
        for k in compress(range(d.n), d.cap):
            if not covered[k]:
                w = tx[k]
                label = alias.get(w)
                if label is not None and not (k + 1 < d.n and d.cap[k + 1] and not covered[k + 1]):
                    out.append((k, k + 1, label, "consistency"))
                    covered[k] = True
        return out
