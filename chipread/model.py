"""Frozen dataclasses shared by every layer: articles, spans, relations, entities, labels."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

STATUSES = ("todo", "in_progress", "done", "skipped")
DEFAULT_RELATION = "attributed_to"


def utc_now() -> str:
    """Now, as spans, relations and states record their times: UTC, ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_id() -> str:
    """A fresh record id (spans, relations, actors): 12 random hex digits."""
    return secrets.token_hex(6)


def text_hash(text: str) -> str:
    """The 16-hex-digit fingerprint of a text: article ids and drift detection use it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the raw page that cleaning dropped, and why (navigation, caption, byline...)."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the library needs about an article without loading its text."""

    id: str
    handle: str
    path: str
    title: str
    source: str | None = None
    published: date | None = None
    chars: int = 0
    # text_hash(text): tells a stored annotation whether the text changed, without loading it.
    text_hash: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: `text` is what is annotated (headline, blank line, paragraphs)."""

    id: str
    handle: str
    path: str
    title: str
    text: str
    source: str | None = None
    published: date | None = None
    url: str | None = None
    raw: str = ""
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)

    @property
    def info(self) -> ArticleInfo:
        return ArticleInfo(
            self.id, self.handle, self.path, self.title, self.source, self.published, len(self.text), self.text_hash
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range [start, end) of Article.text made by an annotator."""

    id: str
    article_id: str
    start: int
    end: int
    label: str
    text: str
    annotator: str
    created: str = ""
    updated: str = ""
    origin: str = "manual"
    # Set when the article text changed and the span's text could not be found again.
    flag: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "annotator": self.annotator,
            "created": self.created,
            "updated": self.updated,
            "origin": self.origin,
            "flag": self.flag,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(
            id=d["id"],
            article_id=d["article_id"],
            start=int(d["start"]),
            end=int(d["end"]),
            label=d["label"],
            text=d["text"],
            annotator=d["annotator"],
            created=d.get("created", ""),
            updated=d.get("updated", ""),
            origin=d.get("origin", "manual"),
            flag=d.get("flag"),
        )

    def moved(self, **changes: Any) -> Span:
        return replace(self, **changes)


def span_order(span: Span) -> tuple[int, int, str, str]:
    """Reading order: by start, the longer of two spans first (an enclosing span before what it holds)."""
    return (span.start, -span.end, span.label, span.id)


@dataclass(frozen=True, slots=True)
class Relation:
    """A link from a quote or claim span (head) to the actor span (child) it is attributed to."""

    id: str
    article_id: str
    head: str
    child: str
    label: str = DEFAULT_RELATION
    annotator: str = ""
    created: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "head": self.head,
            "child": self.child,
            "label": self.label,
            "annotator": self.annotator,
            "created": self.created,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Relation:
        return cls(
            id=d["id"],
            article_id=d["article_id"],
            head=d["head"],
            child=d["child"],
            label=d.get("label", DEFAULT_RELATION),
            annotator=d.get("annotator", ""),
            created=d.get("created", ""),
        )


@dataclass(frozen=True, slots=True)
class ArticleState:
    """One annotator's progress on one article, and the text hash their spans were made against."""

    article_id: str
    annotator: str
    status: str = "todo"
    updated: str = ""
    text_hash: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "annotator": self.annotator,
            "status": self.status,
            "updated": self.updated,
            "text_hash": self.text_hash,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleState:
        return cls(
            article_id=d["article_id"],
            annotator=d["annotator"],
            status=d.get("status", "todo"),
            updated=d.get("updated", ""),
            text_hash=d.get("text_hash", ""),
        )


@dataclass(frozen=True, slots=True)
class Token:
    """A token of Article.text; `ws` is True when whitespace follows it (spaCy/Prodigy convention)."""

    start: int
    end: int
    text: str
    ws: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A machine highlight (not an annotation), labelled with OntoNotes names."""

    start: int
    end: int
    label: str
    text: str
    source: str
    # Normalised value: ISO date or partial date ("2023-05-29", "2023-01", "2022") for DATE.
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible speaker for a quote or claim, with the rule that found it."""

    start: int
    end: int
    text: str
    label: str
    reason: str
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed span (quote, claim or actor) with the rule that found it and speaker candidates."""

    start: int
    end: int
    label: str
    text: str
    reason: str
    candidates: tuple[Candidate, ...] = ()
    # What kind of attribution it reports (chipread.guidelines.KINDS): "speech", "belief", ...
    kind: str = "speech"

    @property
    def speaker(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


# What the suggesters propose: a direct quotation, or indirect content (Suggestion.label).
SUGGESTION_TYPES = ("quote", "claim")
# Entity types a speaker label takes by default: places (LOC), dates and nationalities (NORP) rarely say anything.
SPEAKER_TYPES = ("PERSON", "ORG", "GPE")


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    key: str
    color: str
    # What `tab` stops at for this label and what its key tags under the cursor: suggestion types
    # (SUGGESTION_TYPES) for a statement label, entity types for a speaker label.
    takes: tuple[str, ...] = ()


DEFAULT_LABELS = (
    Label("actor", "a", "#3b82f6", SPEAKER_TYPES),
    Label("claim", "c", "#f59e0b", ("claim",)),
    Label("quote", "q", "#22c55e", ("quote",)),
)


@dataclass(frozen=True, slots=True)
class LabelSet:
    labels: tuple[Label, ...] = DEFAULT_LABELS
    # Labels that may be the head (quote/claim) and the child (actor) of an attribution.
    heads: tuple[str, ...] = ("claim", "quote")
    actors: tuple[str, ...] = ("actor",)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    def get(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def by_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    def for_suggestion(self, kind: str) -> str | None:
        """The statement label that takes suggestions of this type ("quote", "claim"), or None."""
        return next((label.name for label in self.labels if label.name in self.heads and kind in label.takes), None)

    def takes(self, name: str) -> tuple[str, ...]:
        label = self.get(name)
        return label.takes if label is not None else ()

    def __contains__(self, name: object) -> bool:
        return any(label.name == name for label in self.labels)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A corpus file that could not be read, and the one-line reason."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Annotations:
    """Everything one annotator made on one article: what exports and summaries consume."""

    article_id: str
    annotator: str
    spans: tuple[Span, ...] = ()
    relations: tuple[Relation, ...] = ()
    state: ArticleState | None = None

    @property
    def status(self) -> str:
        return self.state.status if self.state else "todo"


__all__ = [
    "STATUSES",
    "DEFAULT_RELATION",
    "SPEAKER_TYPES",
    "SUGGESTION_TYPES",
    "DEFAULT_LABELS",
    "Article",
    "ArticleInfo",
    "ArticleState",
    "Annotations",
    "Candidate",
    "Entity",
    "Label",
    "LabelSet",
    "Relation",
    "Removed",
    "Sentence",
    "Skipped",
    "Span",
    "Suggestion",
    "Token",
    "span_order",
    "text_hash",
]
