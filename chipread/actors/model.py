"""The actors' data: stored actor records, actor mentions and statements as the index holds them, resolved actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """An actor the analyst confirmed: its name keys (aliases) and the spans pinned to it whatever their name."""

    id: str
    name: str
    kind: str = ""
    aliases: tuple[str, ...] = ()
    pins: tuple[str, ...] = ()  # span ids
    created: str = ""
    updated: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "pins": list(self.pins),
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ActorRecord:
        aliases, pins = d.get("aliases") or [], d.get("pins") or []
        if not isinstance(d["id"], str) or not isinstance(d["name"], str):
            raise TypeError("an actor's id and name are strings")
        if not all(isinstance(a, str) for a in aliases) or not all(isinstance(p, str) for p in pins):
            raise TypeError("an actor's aliases and pins are lists of strings")
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d.get("kind") or "",
            aliases=tuple(aliases),
            pins=tuple(pins),
            created=d.get("created", ""),
            updated=d.get("updated", ""),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor span, as the index keeps it: enough to group it without reading its article."""

    article_id: str
    span_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Statement:
    """A quote or claim attributed to actor spans; `when` is a date phrase of its sentence, if it names one."""

    article_id: str
    span_id: str
    label: str
    text: str
    start: int
    end: int
    actors: tuple[str, ...]  # the attributed actor span ids
    when: str | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A merge chipread proposes but never makes itself (metonymy, a name two actors could own)."""

    actor: str
    target: str
    reason: str


@dataclass(frozen=True)
class Actor:
    """One actor as resolved now: a stored record and the names that joined it, or a proposed group."""

    id: str
    name: str
    kind: str
    stored: bool
    keys: tuple[str, ...]  # every name key of the group
    new_keys: tuple[str, ...] = ()  # keys not (yet) confirmed in the record
    mentions: tuple[Mention, ...] = ()
    # Mentions that joined by the same-article rule (a short name after the full one), not by their key.
    by_context: tuple[str, ...] = ()
    surface: dict[str, int] = field(default_factory=dict)  # how the name was written, with counts
    # Short names several actors contain ("Wang"): confirming or merging pins their spans, never the name.
    shared: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        if not self.stored:
            return "proposed"
        return "confirmed" if not self.new_keys else "confirmed+"


@dataclass(frozen=True)
class ArticleDate:
    """An article's date for the timeline, and how it was known."""

    value: date | None
    how: str  # "stated", "set" (by the analyst), "estimated", "" (unknown)
    why: str = ""  # for an estimate: what it was estimated from

    @property
    def estimated(self) -> bool:
        return self.how == "estimated"

    def shown(self) -> str:
        """ISO, with "~" before an estimate; "-" when unknown."""
        if self.value is None:
            return "-"
        return ("~" if self.estimated else "") + self.value.isoformat()
