"""One article's tokens as attribution rules read them: words, entities, sentences and quotations per token."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from chipread.model import Entity, Sentence, Token

from .quotes import Quotation, find_quotations
from .tokenizer import token_arrays


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
    )

    def __init__(self, text: str, tokens: list[Token], sentences: list[Sentence], entities: list[Entity]) -> None:
        self.text = text
        self.tokens = tokens
        self.starts, self.ends, self.tx = token_arrays(tokens)
        self.low = [w.lower() for w in self.tx]
        n = len(tokens)
        starts = self.starts
        self.entities = sorted(entities, key=lambda e: (e.start, e.end))
        self._ent_starts = [e.start for e in self.entities]
        self.ent = [-1] * n
        for k, e in enumerate(self.entities):
            for i in range(bisect_left(starts, e.start), bisect_left(starts, e.end)):
                self.ent[i] = k
        self.sentences = sentences
        self.bounds: list[tuple[int, int]] = []
        self.sent = [0] * n
        for k, s in enumerate(sentences):
            a, b = bisect_left(starts, s.start), bisect_left(starts, s.end)
            self.bounds.append((a, b))
            self.sent[a:b] = [k] * (b - a)
        self.quotes: list[Quotation] = [q for q in find_quotations(text) if q.depth == 0]
        self.quote = [-1] * n
        for k, q in enumerate(self.quotes):
            a = bisect_left(starts, q.start)
            b = bisect_right(starts, q.end + q.width - 1) if not q.open_ended else bisect_left(starts, q.end)
            self.quote[a:b] = [k] * (b - a)

    def __len__(self) -> int:
        return len(self.tx)

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
        if k < 0:
            return i, i + 1
        e = self.entities[k]
        return bisect_left(self.starts, e.start), bisect_left(self.starts, e.end)

    def entities_before(self, offset: int) -> int:
        """How many entities start before offset (for walking back through them)."""
        return bisect_left(self._ent_starts, offset)
