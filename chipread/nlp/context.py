"""One article's tokens as attribution rules read them: words, entities, sentences and quotations per token."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

from chipread.model import Entity, Sentence, Token

from .coref import PRONOUNS
from .quotes import Quotation, find_quotations
from .tokenizer import token_arrays

_QUOTE_MARKS = frozenset("\"“”'‘’«»„")
# A word's class for context features, unless an entity holds it (see TokenContext.classes).
_WORD_CLASS = {**dict.fromkeys(_QUOTE_MARKS, "Q"), **dict.fromkeys(PRONOUNS, "PRP")}
_START = attrgetter("start")
_START_END = attrgetter("start", "end")


class TokenContext:
    """Per-token arrays computed once per article, so every rule is a list lookup.

    tx/low: token texts and their lower case; ent: index into `entities` or -1; sent: sentence index;
    quote: index into `quotes` (top-level quotations) of the quotation holding the token, or -1.
    """

    __slots__ = (
        "text",
        "tokens",
        "starts",
        "ends",
        "tx",
        "low",
        "entities",
        "ent",
        "sentences",
        "bounds",
        "sent",
        "quotes",
        "quote",
        "_ent_starts",
        "_ent_ranges",
        "_classes",
        "_quote_ranges",
        "_quote_edges",
    )

    def __init__(self, text: str, tokens: list[Token], sentences: list[Sentence], entities: list[Entity]) -> None:
        self.text = text
        self.tokens = tokens
        self.starts, self.ends, self.tx = token_arrays(tokens)
        self.low = list(map(str.lower, self.tx))
        n = len(tokens)
        starts = self.starts
        self.entities = sorted(entities, key=_START_END)
        self._ent_starts = list(map(_START, self.entities))
        self.ent = [-1] * n
        # The tokens from each entity's start to the one its end falls before (entity_tokens() answers with them).
        self._ent_ranges = [(bisect_left(starts, e.start), bisect_left(starts, e.end)) for e in self.entities]
        for k, (a, b) in enumerate(self._ent_ranges):
            self.ent[a:b] = [k] * (b - a)
        self.sentences = sentences
        self.bounds: list[tuple[int, int]] = []
        self.sent = [0] * n
        for k, s in enumerate(sentences):
            a, b = bisect_left(starts, s.start), bisect_left(starts, s.end)
            self.bounds.append((a, b))
            self.sent[a:b] = [k] * (b - a)
        self._classes: list[str] | None = None
        self.quotes: list[Quotation] = [q for q in find_quotations(text) if q.depth == 0]
        self.quote = [-1] * n
        self._quote_ranges: list[tuple[int, int]] = []
        for k, q in enumerate(self.quotes):
            a = bisect_left(starts, q.start)
            b = bisect_right(starts, q.end + q.width - 1) if not q.open_ended else bisect_left(starts, q.end)
            self.quote[a:b] = [k] * (b - a)
            self._quote_ranges.append((a, b))
        self._quote_edges: tuple[list[int], list[int]] | None = None

    def __len__(self) -> int:
        return len(self.tx)

    @property
    def classes(self) -> list[str]:
        """Each token's class for context features: its entity label, PRP for a pronoun, Q for a quotation
        mark, else the lower-case word (computed once per article, on first use)."""
        if self._classes is None:
            low = self.low
            classes = list(map(_WORD_CLASS.get, low, low))
            # Entities in the order `ent` was filled: where two overlap, the later one's label stays.
            for (a, b), e in zip(self._ent_ranges, self.entities):
                classes[a:b] = [e.label] * (b - a) if e.label else map(_WORD_CLASS.get, low[a:b], low[a:b])
            self._classes = classes
        return self._classes

    @property
    def quote_edges(self) -> tuple[list[int], list[int]]:
        """(last, first): in order, the tokens k inside a quotation whose next token (k + 1) is not in the same
        one, and those whose previous token (k - 1) is not; computed once per article, on first use."""
        if self._quote_edges is None:
            quote, n = self.quote, len(self.quote)
            # Only where a quotation's token range begins or ends can `quote` change from one token to the next.
            near = {k for a, b in self._quote_ranges for k in (a - 1, a, b - 1, b)}
            last = sorted(k for k in near if 0 <= k < n - 1 and quote[k] >= 0 and quote[k + 1] != quote[k])
            first = sorted(k for k in near if 0 < k < n and quote[k] >= 0 and quote[k - 1] != quote[k])
            self._quote_edges = (last, first)
        return self._quote_edges

    def tok(self, offset: int) -> int:
        """The token at or before a character offset."""
        return bisect_right(self.starts, offset) - 1

    def tok_after(self, offset: int) -> int:
        """The first token starting at or after a character offset."""
        return bisect_left(self.starts, offset)

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Character span of tokens [a, b)."""
        return self.starts[a], self.ends[b - 1]

    def entity_label(self, i: int) -> str:
        k = self.ent[i]
        return self.entities[k].label if k >= 0 else ""

    def entity_of(self, i: int) -> Entity | None:
        k = self.ent[i]
        return self.entities[k] if k >= 0 else None

    def entity_tokens(self, i: int) -> tuple[int, int]:
        """Token range of the entity holding token i (i alone when there is none)."""
        k = self.ent[i]
        return (i, i + 1) if k < 0 else self._ent_ranges[k]

    def entities_before(self, offset: int) -> int:
        """How many entities start before offset (for walking back through them)."""
        return bisect_left(self._ent_starts, offset)
