"""Everything the reader needs about one article, computed once when it is opened."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from chipread.guidelines import DEFAULT_GUIDELINES, Guidelines
from chipread.model import Article, Candidate, Entity, Sentence, Suggestion, Token

from .builtin import BuiltinRecognizer
from .context import TokenContext
from .coref import mention_kind
from .recognizers import Recognizer, WithGazetteer
from .sentences import split_sentences
from .speakers import SpeakerResolver
from .suggest import suggest
from .tokenizer import snap_to_tokens, token_span, tokenize

_start = attrgetter("start")


@dataclass(frozen=True)
class Analysis:
    """Tokens, sentences, entities and suggestions of one text, with O(log n) lookups."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    suggestions: tuple[Suggestion, ...]
    recognizer: str = "builtin"
    guidelines: Guidelines = DEFAULT_GUIDELINES
    _token_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _entity_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _suggestion_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The lookup arrays are filled in place: the dataclass is frozen, its lists are not.
        self._token_starts[:] = map(_start, self.tokens)
        self._sentence_starts[:] = map(_start, self.sentences)
        self._entity_starts[:] = map(_start, self.entities)
        self._suggestion_starts[:] = map(_start, self.suggestions)

    @staticmethod
    def _at(items, starts: list[int], offset: int):
        i = bisect_right(starts, offset) - 1
        if i >= 0 and items[i].start <= offset < items[i].end:
            return items[i]
        return None

    def token_index_at(self, offset: int) -> int | None:
        i = bisect_right(self._token_starts, offset) - 1
        if i >= 0 and self.tokens[i].start <= offset < self.tokens[i].end:
            return i
        return None

    def token_at(self, offset: int) -> Token | None:
        return self._at(self.tokens, self._token_starts, offset)

    def sentence_at(self, offset: int) -> Sentence | None:
        return self._at(self.sentences, self._sentence_starts, offset)

    def entity_at(self, offset: int) -> Entity | None:
        """The entity covering offset (entities never overlap)."""
        return self._at(self.entities, self._entity_starts, offset)

    def entities_at(self, start: int, end: int | None = None) -> list[Entity]:
        """Entities overlapping [start, end) (or covering start when end is None)."""
        if end is None:
            e = self.entity_at(start)
            return [e] if e else []
        i = max(0, bisect_right(self._entity_starts, start) - 1)
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            e = self.entities[i]
            if e.end > start:
                out.append(e)
            i += 1
        return out

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """Entities overlapping [start, end): the visible ones for a screen of text."""
        return self.entities_at(start, end)

    def suggestion_at(self, offset: int, label: str | None = None) -> Suggestion | None:
        """The innermost (shortest) suggestion covering offset, optionally of one label."""
        found = self.suggestions_at(offset, label)
        return min(found, key=lambda s: s.end - s.start) if found else None

    def suggestions_at(self, offset: int, label: str | None = None) -> list[Suggestion]:
        i = bisect_right(self._suggestion_starts, offset)
        out = []
        # Suggestions may nest (a quote inside a claim): look back over those starting earlier.
        for s in self.suggestions[:i][::-1]:
            if s.start <= offset < s.end and (label is None or s.label == label):
                out.append(s)
            if len(out) >= 8:
                break
        return out

    def referent(self, start: int, end: int) -> Candidate | None:
        """The named mention a pronoun or description at [start, end) refers to ("he" -> "Qin Gang"), or None
        when the text there is not one (a name is its own referent). The suggestions' speaker rules decide."""
        if not self.tokens or mention_kind(self.text[start:end].split()) is None:
            return None
        return self._speakers.referent(start, end)

    @cached_property
    def _speakers(self) -> SpeakerResolver:
        return SpeakerResolver(TokenContext(self.text, list(self.tokens), list(self.sentences), list(self.entities)))

    def snap(self, start: int, end: int) -> tuple[int, int]:
        return snap_to_tokens(list(self.tokens), start, end)

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        return token_span(list(self.tokens), start, end)


_default: Recognizer | None = None


def analyse(
    article: Article, recognizer: Recognizer | None = None, guidelines: Guidelines = DEFAULT_GUIDELINES
) -> Analysis:
    """Tokenize, split, recognize and suggest for one article (built-in recognizer by default)."""
    global _default
    if recognizer is None:
        if _default is None:
            _default = BuiltinRecognizer()
        recognizer = _default
    return analyse_text(article.text, recognizer, published=article.published, guidelines=guidelines)


def analyse_text(
    text: str, recognizer: Recognizer, *, published=None, guidelines: Guidelines = DEFAULT_GUIDELINES
) -> Analysis:
    tokens = tokenize(text)
    sentences = split_sentences(text, tokens)
    base = recognizer.base if isinstance(recognizer, WithGazetteer) else recognizer
    if isinstance(base, BuiltinRecognizer):
        # The built-in recognizer reuses the tokens and sentences instead of recomputing them.
        entities = base.recognize(text, tokens, sentences, published)
        if isinstance(recognizer, WithGazetteer):
            entities = recognizer.gazetteer.apply(text, entities, tokens)
    else:
        entities = _non_overlapping(recognizer(text, published=published), tokens)
    suggestions = suggest(text, tokens, sentences, entities, guidelines)
    return Analysis(
        text, tuple(tokens), tuple(sentences), tuple(entities), tuple(suggestions), recognizer.name, guidelines
    )


def _non_overlapping(entities: list[Entity], tokens: list[Token]) -> list[Entity]:
    """Sorted, non-overlapping entities (a foreign recognizer may return overlaps)."""
    out: list[Entity] = []
    for e in sorted(entities, key=lambda e: (e.start, -(e.end - e.start))):
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out
