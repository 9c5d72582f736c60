"""The reader's decisions, without a terminal: what a label key tags, where tab stops, how a span is resized,
which mention a link takes, what a bulk action touches, and when an undo must ask first."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chipread.linking import speaker_candidates
from chipread.model import Candidate, LabelSet, Span, Suggestion, Token
from chipread.nlp.coref import PRONOUNS, mention_kind
from chipread.nlp.lexicon import ENGLISH_FUNCTION_WORDS
from chipread.nlp.quotes import Quotation, find_quotations

if TYPE_CHECKING:
    from chipread.nlp import Analysis

Range = tuple[int, int]

# Words that are never an actor, a quote or a claim on their own ("The", "of", "he").
FUNCTION_WORDS = (frozenset(w.lower() for w in ENGLISH_FUNCTION_WORDS) | PRONOUNS) - {"said"}
# A place after one of these is where something happens, not who speaks ("a visit to China", "in Tokyo").
LOCATIVE_PREPOSITIONS = frozenset(
    "in to from into at across near throughout within towards toward outside inside around via through".split()
)
PLACE_TYPES = frozenset(("GPE", "LOC", "FAC"))

# Marks that end a clause: what `,` selects up to (the reported content of "said X, adding ..." and so on).
CLAUSE_MARKS = frozenset(",;:.!?()—–")
EDGES = ("start", "end")
UNITS = ("token", "word", "clause")


def wordlike(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def is_function_word(text: str) -> bool:
    words = text.split()
    return bool(words) and all(w.lower().strip(".,;:'\"’") in FUNCTION_WORDS for w in words)


@dataclass(frozen=True, slots=True)
class Stop:
    """A place `tab` stops at: a suggestion or an entity, and the label its key would tag it as."""

    start: int
    end: int
    label: str  # the chipread label that takes it
    kind: str  # "suggestion" or "entity"
    type: str  # the suggestion type ("quote", "claim") or the entity type ("PERSON", ...)
    origin: str  # what a span tagged from it records as its origin
    item: Any  # the Suggestion or Entity


@dataclass(frozen=True, slots=True)
class Target:
    """What a key will tag or select: a range of the text and where it came from."""

    start: int
    end: int
    origin: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """Nothing worth tagging here, and why, in words (the screen adds the keys to press instead)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """The mention a link takes: the named mention itself, even when the cursor is on a pronoun for it."""

    start: int
    end: int
    text: str
    why: str  # shown in the prompt: "PERSON under the cursor", "'he' refers to Qin Gang", ...


class SpanIndex:
    """Overlap questions about one version of the session's spans (in reading order), answered by bisection."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.key = spans
        # The session hands its spans over in reading order; anything else is put in that order once.
        ordered = all(_place(a) <= _place(b) for a, b in zip(spans, spans[1:]))
        self.spans = spans if ordered else sorted(spans, key=_place)
        self._longest = max((s.end - s.start for s in spans), default=0)

    def overlapping(self, start: int, end: int, labels: Sequence[str]) -> list[Span]:
        spans = self.spans
        i = bisect_left(spans, end, key=_start)
        out: list[Span] = []
        while i > 0 and spans[i - 1].start > start - self._longest:
            i -= 1
            s = spans[i]
            if s.end > start and s.label in labels and not s.flag:
                out.append(s)
        return out

    def exact(self, start: int, end: int, label: str) -> bool:
        spans = self.spans
        i = bisect_left(spans, (start, -end), key=_place)
        while i < len(spans) and (spans[i].start, spans[i].end) == (start, end):
            if spans[i].label == label and not spans[i].flag:
                return True
            i += 1
        return False


def _start(span: Span) -> int:
    return span.start


def _place(span: Span) -> tuple[int, int]:
    return span.start, -span.end


class Reading:
    """One article's text and analysis under one label set: every decision the reader's keys ask for."""

    def __init__(self, analysis: Analysis, labels: LabelSet) -> None:
        self.analysis = analysis
        self.text = analysis.text
        self.labels = labels
        self.guidelines = analysis.guidelines
        self.tokens: Sequence[Token] = analysis.tokens
        self._token_starts = [t.start for t in self.tokens]
        self._words = [i for i, t in enumerate(self.tokens) if wordlike(t.text)]
        self._marks = [i for i, t in enumerate(self.tokens) if t.text in CLAUSE_MARKS]
        self._mark_set = frozenset(self._marks)
        # Joiners and variation selectors: part of the glyph before them, never where an edge stops.
        self._glue = frozenset(i for i, t in enumerate(self.tokens) if all(_is_glue(ch) for ch in t.text))
        self.stops = self._find_stops()
        self._stop_starts = [s.start for s in self.stops]
        self._stop_longest = max((s.end - s.start for s in self.stops), default=0)
        self._served = {s.type + s.kind: self._served_by(s) for s in self.stops}
        self._unmarked: set[int] | None = None  # suggestion stops already handled (no mark), once worked out
        self._quotations: list[Quotation] | None = None
        self._index: SpanIndex | None = None

    # -- tab stops -----------------------------------------------------------------------

    def _find_stops(self) -> list[Stop]:
        labels = self.labels
        entity_label: dict[str, str] = {}
        for label in labels.labels:
            if label.name not in labels.heads:
                for kind in label.takes:
                    entity_label.setdefault(kind, label.name)
        stops: list[Stop] = []
        for e in self.analysis.entities:
            name = entity_label.get(e.label)
            if name is not None and not (e.label in PLACE_TYPES and self.locative(e.start)):
                stops.append(Stop(e.start, e.end, name, "entity", e.label, f"entity:{e.label}", e))
        for s in self.analysis.suggestions:
            name = labels.for_suggestion(s.label)
            if name is not None:
                stops.append(Stop(s.start, s.end, name, "suggestion", s.label, suggestion_origin(s), s))
        stops.sort(key=lambda s: (s.start, -s.end))  # reading order: a claim before the name it starts with
        return stops

    def locative(self, start: int) -> bool:
        """Is the mention at `start` a place where something happens ("a visit to China") rather than an actor?"""
        i = bisect_left(self._token_starts, start)
        if i == 0:
            return False
        before = self.tokens[i - 1].text.lower()
        if before == "to" and i >= 2 and self.tokens[i - 2].text.lower() == "according":
            return False
        return before in LOCATIVE_PREPOSITIONS

    def index(self, spans: Sequence[Span]) -> SpanIndex:
        """The overlap index of these spans (the session hands back the same tuple until something changes)."""
        if self._index is None or self._index.key is not spans:
            self._index = SpanIndex(spans)
        return self._index

    def handled(self, stop: Stop, spans: Sequence[Span]) -> bool:
        """A stop is handled once a span of its label stands for it: a name once an actor span overlaps it; a
        suggestion once a span (as suggested, trimmed or grown) overlaps it more than any other suggestion of its
        type, so tagging a claim leaves the claim nested in it ("... called on Japan to drop ...") to tab to."""
        served = self._served.get(stop.type + stop.kind) or self._served_by(stop)
        found = self.index(spans).overlapping(stop.start, stop.end, served)
        if stop.kind != "suggestion" or not found:
            return bool(found)
        return any(self._best_for(span, stop.type) is stop for span in found)

    def _best_for(self, span: Span, kind: str) -> Stop | None:
        """The suggestion of this type that a span stands for: the one it overlaps most (Jaccard)."""
        best, best_score = None, 0.0
        i = bisect_left(self._stop_starts, span.end) - 1
        while i >= 0 and self._stop_starts[i] > span.start - self._stop_longest - 1:
            stop = self.stops[i]
            i -= 1
            if stop.kind != "suggestion" or stop.type != kind or stop.end <= span.start:
                continue
            overlap = min(stop.end, span.end) - max(stop.start, span.start)
            score = overlap / (max(stop.end, span.end) - min(stop.start, span.start))
            if score > best_score:
                best, best_score = stop, score
        return best

    def _served_by(self, stop: Stop) -> tuple[str, ...]:
        if stop.kind == "suggestion":
            return tuple(name for name in self.labels.heads if stop.type in self.labels.takes(name))
        return tuple(label.name for label in self.labels.labels if stop.type in label.takes) or (stop.label,)

    def next_stop(
        self,
        offset: int,
        step: int,
        spans: Sequence[Span],
        *,
        at: int | None = None,
        label: str | None = None,
        inclusive: bool = False,
    ) -> int | None:
        """The index of the next (step 1) or previous (-1) untagged stop, of one label or any.

        `at` is the stop the cursor jumped to and still stands on: the search goes on from it. Otherwise the next
        stop starts after the cursor; `inclusive` (the cursor on the article's first word) counts one that starts
        where the cursor is, so a suggestion at offset 0 is reached.
        """
        stops = self.stops
        if at is not None:
            i = at + step
        elif step > 0:
            i = (bisect_left if inclusive else bisect_right)(self._stop_starts, offset)
        else:
            i = bisect_left(self._stop_starts, offset) - 1
        while 0 <= i < len(stops):
            stop = stops[i]
            if (label is None or stop.label == label) and not self.handled(stop, spans):
                return i
            i += step
        return None

    def marks(self, spans: Sequence[Span], changed: Sequence[Range] | None = None) -> list[Range]:
        """Untagged quote and claim suggestions: drawn with a subtle mark so the analyst sees where tab goes.

        `changed`: the ranges of the spans added, removed or moved since the last call; only the suggestions they
        touch are looked at again (a tag in a long article costs what it costs in a short one).
        """
        stops = self.stops
        if self._unmarked is None or changed is None:
            indices: Sequence[int] | set[int] = range(len(stops))
            self._unmarked = set()
        else:
            indices = set()
            for a, b in changed:
                i = bisect_left(self._stop_starts, b) - 1
                while i >= 0 and self._stop_starts[i] > a - self._stop_longest - 1:
                    if stops[i].end > a:
                        indices.add(i)
                    i -= 1
        for i in indices:
            if stops[i].kind == "suggestion":
                if self.handled(stops[i], spans):
                    self._unmarked.add(i)
                else:
                    self._unmarked.discard(i)
        unmarked = self._unmarked
        return [(s.start, s.end) for i, s in enumerate(stops) if s.kind == "suggestion" and i not in unmarked]

    def pending(self, label: str, spans: Sequence[Span]) -> list[Stop]:
        """Every untagged stop of one label (what "accept every suggestion of this label" would tag)."""
        return [s for s in self.stops if s.label == label and s.kind == "suggestion" and not self.handled(s, spans)]

    # -- what a label key tags -------------------------------------------------------------

    def target(self, label: str, offset: int, jumped: Stop | None = None) -> Target | Refusal:
        """What `label`'s key tags when nothing is selected: the stop tab jumped to if it fits the label, else
        the fitting suggestion, quotation, sentence, entity or word under the cursor."""
        labels = self.labels
        if label in labels.heads:
            takes = labels.takes(label)
            if jumped is not None and jumped.kind == "suggestion" and jumped.type in takes:
                return Target(jumped.start, jumped.end, jumped.origin)
            found = [s for s in self.analysis.suggestions_at(offset) if s.label in takes]
            if found:
                s = min(found, key=lambda s: s.end - s.start)
                return Target(s.start, s.end, suggestion_origin(s))
            if "quote" in takes and "claim" not in takes:
                quoted = self.quotation(offset)
                return Target(*quoted, "quotation") if quoted else Refusal(f"no {label} suggestion or quotation here")
            sentence = self.sentence(offset)
            return Target(*sentence, "sentence") if sentence else Refusal(f"no {label} suggestion or sentence here")
        if jumped is not None and jumped.kind == "entity":
            return Target(jumped.start, jumped.end, jumped.origin)
        entity = self.analysis.entity_at(offset)
        if entity is not None:
            return Target(entity.start, entity.end, f"entity:{entity.label}")
        token = self.analysis.token_at(offset)
        if token is None or not wordlike(token.text):
            return Refusal(f"no {label} suggestion or word here")
        return self.check(label, token.start, token.end) or Target(token.start, token.end, "token")

    def check(self, label: str, start: int, end: int) -> Refusal | None:
        """Why [start, end) should not be tagged `label` by a key alone (a function word, a pronoun), or None."""
        piece = self.text[start:end]
        if not wordlike(piece):
            return Refusal(f"{_quoted(piece)} has no word in it: nothing tagged as {label}")
        if label in self.labels.heads or not is_function_word(piece):
            return None
        if label in self.labels.actors:
            named = self.analysis.referent(start, end)
            if named is not None:
                return Refusal(
                    f"{_quoted(piece)} is a pronoun for {_quoted(named.text)}: tag the name, or link to {_quoted(piece)} "
                    "and the link takes the name"
                )
        return Refusal(f"{_quoted(piece)} is a function word, not an {label}")

    # -- selections the keys make ---------------------------------------------------------

    def sentence(self, offset: int) -> Range | None:
        """The sentence under the cursor, as the guidelines shape a claim (the same extent as a claim suggestion)."""
        s = self.analysis.sentence_at(offset)
        if s is None:
            return None
        start, end = self.guidelines.content_extent(self.text, s.start, s.end)
        return (start, end) if end > start else None

    def clause(self, offset: int) -> Range | None:
        """From the word under the cursor to the end of its clause (the next , ; : . or dash in its sentence),
        shaped as the guidelines shape a claim (the mark kept only with host punctuation in)."""
        i = self.analysis.token_index_at(offset)
        sentence = self.analysis.sentence_at(offset)
        if i is None or sentence is None:
            return None
        end = i
        tokens = self.tokens
        while end + 1 < len(tokens) and tokens[end + 1].start < sentence.end:
            if tokens[end + 1].text in CLAUSE_MARKS:
                end += 1  # the mark itself: the guidelines decide whether it stays
                break
            end += 1
        start, stop = self.guidelines.content_extent(self.text, tokens[i].start, tokens[end].end)
        return (start, stop) if stop > start and wordlike(self.text[start:stop]) else None

    def quotation(self, offset: int) -> Range | None:
        """The innermost quotation around the cursor, shaped as the guidelines shape a quote suggestion."""
        if self._quotations is None:
            self._quotations = find_quotations(self.text)
        best: Quotation | None = None
        for q in self._quotations:
            if q.start <= offset <= q.end and (best is None or q.start >= best.start):
                best = q
        return self.guidelines.quote_extent(self.text, best.start, best.end) if best is not None else None

    # -- span editing ----------------------------------------------------------------------

    def resize(self, start: int, end: int, edge: str, step: int, unit: str) -> Range | None:
        """[start, end) with one edge moved by a token or a word: step 1 grows the span, -1 shrinks it.

        None when it cannot move (the text's edge, or a span that would be left with no word in it).
        """
        tokens = self.tokens
        if not tokens or end <= start:
            return None
        first = max(0, bisect_right(self._token_starts, start) - 1)
        if tokens[first].end <= start:
            first += 1
        last = max(first, bisect_left(self._token_starts, end) - 1)
        outward = step > 0
        if edge == "end":
            index = self._move(last, 1 if outward else -1, unit, skip_current=not outward)
            if index is None or index < first:
                return None
            new = (start, tokens[index].end)
        else:
            index = self._move(first, -1 if outward else 1, unit, skip_current=not outward)
            if index is None or index > last:
                return None
            new = (tokens[index].start, end)
        return new if wordlike(self.text[new[0] : new[1]]) else None

    def _move(self, index: int, direction: int, unit: str, *, skip_current: bool) -> int | None:
        """The token an edge moves to from token `index`. Growing by a word takes in the next word (and any
        punctuation before it); shrinking by a word gives up the edge's word and anything beyond the next one."""
        n = len(self.tokens)
        if unit == "clause":
            return self._move_clause(index, direction, grow=not skip_current)
        if unit == "token":
            index += direction
            while 0 <= index < n and index in self._glue:
                index += direction
            if direction > 0:  # an end takes the joiners and selectors that follow its glyph
                while index + 1 < n and index + 1 in self._glue:
                    index += 1
            return index if 0 <= index < n else None
        words = self._words
        here = bisect_left(words, index)  # words[here] is the edge token if it is a word, else the next word
        if skip_current:
            at_word = here < len(words) and words[here] == index
            if direction < 0:  # the end gives up its word: the last word before it becomes the end
                k = here - 1 if at_word else here - 2
            else:  # the start gives up its word (after any opening punctuation)
                k = here + 1
        else:
            k = bisect_right(words, index) if direction > 0 else here - 1
        return words[k] if 0 <= k < len(words) else None

    def _move_clause(self, index: int, direction: int, *, grow: bool) -> int | None:
        """An edge moved by a clause: to the word before the next (or after the previous) , ; : . or dash.
        Growing steps over the marks beside the edge first; shrinking gives up the edge's clause."""
        tokens, marks, n = self.tokens, self._marks, len(self.tokens)

        def word(i: int) -> bool:
            return 0 <= i < n and i not in self._mark_set and wordlike(tokens[i].text)

        if direction > 0 and grow:  # the end takes in the next clause
            i = index + 1
            while i < n and not word(i):
                i += 1
            if i >= n:
                return None
            k = bisect_right(marks, i)
            j = (marks[k] if k < len(marks) else n) - 1
            sentence = self.analysis.sentence_at(tokens[i].start)  # a headline has no full stop: stop at its end
            if sentence is not None:
                j = min(j, bisect_left(self._token_starts, sentence.end) - 1)
        elif direction < 0 and grow:  # the start takes in the clause before it
            i = index - 1
            while i >= 0 and not word(i):
                i -= 1
            if i < 0:
                return None
            k = bisect_left(marks, i) - 1
            j = marks[k] + 1 if k >= 0 else 0
            sentence = self.analysis.sentence_at(tokens[i].start)
            if sentence is not None:
                j = max(j, bisect_left(self._token_starts, sentence.start))
            while j < i and not word(j):
                j += 1
            return j
        elif direction < 0:  # the end gives up its last clause
            i = index
            while i >= 0 and not word(i):
                i -= 1
            k = bisect_left(marks, i) - 1
            if k < 0:
                return None
            j = marks[k] - 1
        else:  # the start gives up its first clause
            i = index
            while i < n and not word(i):
                i += 1
            k = bisect_right(marks, i)
            if k >= len(marks):
                return None
            j = marks[k] + 1
            while j < n and not word(j):
                j += 1
            return j if j < n else None
        while j >= 0 and not word(j):
            j -= 1
        return j if j >= 0 else None

    # -- linking -------------------------------------------------------------------------

    def candidates(self, head: Span, spans: Sequence[Span]) -> list[Speaker]:
        """Who said `head`, best first, each a named mention (a pronoun candidate becomes its referent)."""
        out: list[Speaker] = []
        seen: set[Range] = set()
        for c in speaker_candidates(self.analysis, head, spans, self.labels.actors, self.labels):
            speaker = self._named(c.start, c.end) or Speaker(c.start, c.end, c.text, f"{c.label}, {c.reason}")
            if (speaker.start, speaker.end) not in seen and (speaker.start, speaker.end) != (head.start, head.end):
                seen.add((speaker.start, speaker.end))
                out.append(speaker)
        return out

    def proposal(self, stop: Stop, spans: Sequence[Span], extent: Range | None = None) -> Speaker | None:
        """The speaker enter links when it takes a quote or claim suggestion tab jumped to: what the link
        proposes first once the suggestion is tagged (so the prompt names it before the key is pressed).

        `extent`: the suggestion as the resize keys trimmed or grew it; the speaker is ranked for that span, as
        the link offered after tagging it would rank it.
        """
        if stop.kind != "suggestion" or stop.label not in self.labels.heads:
            return None
        start, end = extent or (stop.start, stop.end)
        head = Span("", "", start, end, stop.label, self.text[start:end], "", origin=stop.origin)
        found = self.candidates(head, spans)
        return found[0] if found else None

    def fits(self, label: str, start: int, end: int, spans: Sequence[Span]) -> Refusal | None:
        """Why enter should not take [start, end) as `label` (a stop trimmed or grown into no word, a function
        word for an actor, a span already tagged with the label), or None."""
        refused = self.check(label, start, end)
        if refused is None and self.index(spans).exact(start, end, label):
            refused = Refusal(f"{_quoted(self.text[start:end])} is already tagged {label}")
        return refused

    def speaker_at(
        self, offset: int, selection: Range | None, spans: Sequence[Span], head: Span | None = None
    ) -> Speaker | Refusal:
        """The mention the cursor (or a selection) points at while linking, inside the quote or claim or not.

        A pronoun or a description ("he", "the ministry") gives the named mention it refers to.
        """
        if selection is not None:
            start, end = selection
            named = self._named(start, end)
            if named is not None:
                return named
            if is_function_word(self.text[start:end]) or not wordlike(self.text[start:end]):
                return Refusal(f"{_quoted(self.text[start:end])} names nobody")
            return Speaker(start, end, self.text[start:end], "selection")
        actors = [
            s
            for s in spans
            if s.start <= offset < s.end and s.label in self.labels.actors and not s.flag and s is not head
        ]
        if actors:
            actor = min(actors, key=lambda s: s.end - s.start)
            named = self._named(actor.start, actor.end)
            return named or Speaker(actor.start, actor.end, actor.text, f"tagged {actor.label}")
        entity = self.analysis.entity_at(offset)
        if entity is not None:
            return Speaker(entity.start, entity.end, entity.text, f"{entity.label} under the cursor")
        i = self.analysis.token_index_at(offset)
        if i is None:
            return Refusal("no word under the cursor")
        if self.tokens[i].text.lower() == "the" and i + 1 < len(self.tokens):
            # "the" of "the Ministry of Commerce": the name it begins.
            entity = self.analysis.entity_at(self.tokens[i + 1].start)
            if entity is not None:
                return Speaker(entity.start, entity.end, entity.text, f"{entity.label} under the cursor")
        # A pronoun, or a description around the cursor ("the ministry", "its spokeswoman").
        for a, b in ((i, i), (i - 1, i), (i, i + 1), (i - 2, i), (i - 1, i + 1), (i, i + 2)):
            if 0 <= a and b < len(self.tokens):
                named = self._named(self.tokens[a].start, self.tokens[b].end)
                if named is not None:
                    return named
        token = self.tokens[i]
        if not wordlike(token.text) or is_function_word(token.text):
            return Refusal(f"{_quoted(token.text)} names nobody: move to a name")
        return Speaker(token.start, token.end, token.text, "word under the cursor")

    def _named(self, start: int, end: int) -> Speaker | None:
        """For a pronoun or a description at [start, end): the named mention it refers to, else None."""
        if mention_kind(self.text[start:end].split()) is None:
            return None
        named: Candidate | None = self.analysis.referent(start, end)
        if named is None or (named.start, named.end) == (start, end):
            return None
        return Speaker(named.start, named.end, named.text, f"{_quoted(self.text[start:end])} refers to it")

    # -- bulk ----------------------------------------------------------------------------

    def mentions(self, start: int, end: int, label: str, spans: Sequence[Span]) -> list[Range]:
        """Every other mention of the text at [start, end) (whole words, same spelling) not yet tagged `label`."""
        needle = self.text[start:end]
        if not wordlike(needle):
            return []
        index = self.index(spans)
        found: list[Range] = []
        pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
        for m in pattern.finditer(self.text):
            entity = self.analysis.entity_at(m.start())
            if entity is not None and (entity.start, entity.end) != m.span() and entity.end >= m.end():
                continue  # part of a longer name ("China" in "Bank of China")
            if not index.exact(m.start(), m.end(), label):
                found.append(m.span())
        return found

    # -- search --------------------------------------------------------------------------

    def search(self, query: str, offset: int, step: int) -> Range | None:
        return search(self.text, query, offset, step)


def search(text: str, query: str, offset: int, step: int) -> Range | None:
    """The next match of `query` starting after `offset` (step 1) or before it (-1), wrapping round; any case."""
    if not query:
        return None
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    found = [m.span() for m in pattern.finditer(text)]
    if not found:
        return None
    starts = [a for a, _ in found]
    if step > 0:
        return found[bisect_right(starts, offset) % len(found)]
    return found[bisect_left(starts, offset) - 1]  # -1 wraps round to the last match


def _is_glue(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) in ("Cf", "Mn", "Me") or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF


def suggestion_origin(s: Suggestion) -> str:
    return f"suggestion:{s.reason.split(':')[0]}"


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 30 else text[:29] + "…")


class UndoGuard:
    """When `u` (or `U`) must ask first: the article file keeps its history across runs, so the next undo may be
    yesterday's work. Steps made, undone or redone in this run sit on top of the stacks; below them, the first press
    only says what it would do, and the same key again, from the same place, does it."""

    def __init__(self) -> None:
        self._undo: dict[str, int] = {}  # per article: how many of the top undo steps are from this run
        self._redo: dict[str, int] = {}
        self._armed: tuple[str, bool, object] | None = None

    def pushed(self, article: str) -> None:
        self._undo[article] = self._undo.get(article, 0) + 1
        self._redo[article] = 0  # a new step drops the redo steps
        self._armed = None

    def moved(self, article: str, undo: bool) -> None:
        """An undo (or redo) was done: that step now sits on the other stack, made in this run."""
        done, other = (self._undo, self._redo) if undo else (self._redo, self._undo)
        done[article] = max(0, done.get(article, 0) - 1)
        other[article] = other.get(article, 0) + 1
        self._armed = None

    def must_ask(self, article: str, undo: bool, where: object) -> bool:
        """True when this press should only describe the step: it is older than this run and the same key was not
        just pressed from the same place (`where`: anything that says where the cursor is)."""
        fresh = (self._undo if undo else self._redo).get(article, 0) > 0
        if fresh or self._armed == (article, undo, where):
            self._armed = None
            return False
        self._armed = (article, undo, where)
        return True

    def disarm(self) -> None:
        self._armed = None
