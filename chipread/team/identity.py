"""One name, two people? Two stores whose annotator of the same name annotated the same articles independently."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chipread.model import Annotations

History = Mapping[str, frozenset[str]]  # article id -> the span ids made on it


def history(files: Iterable[Annotations]) -> dict[str, frozenset[str]]:
    """An annotator's history as far as it can be compared: which span ids they made on which article."""
    return {ann.article_id: frozenset(s.id for s in ann.spans) for ann in files if ann.spans}


@dataclass(frozen=True)
class SameName:
    """`name` in two stores: both annotated `shared` articles and, on those, never made the same span."""

    name: str
    here: str
    there: str
    shared: int

    def message(self) -> str:
        return (
            f"{self.name!r} in {self.here} and {self.name!r} in {self.there} annotated {self.shared} of the same "
            f"article(s) independently (no span in common): two people under one name? "
            f"give one of them another name (merge --rename {self.name}=NEW)"
        )


def disjoint(name: str, here: str, mine: History, there: str, theirs: History) -> SameName | None:
    """A SameName when the two histories overlap in articles but share no span there; None otherwise."""
    shared = [article for article in mine.keys() & theirs.keys() if mine[article] and theirs[article]]
    if not shared or any(mine[a] & theirs[a] for a in shared):
        return None
    return SameName(name, here, there, len(shared))


def same_names(here: str, mine: Mapping[str, History], there: str, theirs: Mapping[str, History]) -> list[SameName]:
    """Every annotator name of both stores whose histories are disjoint."""
    found = []
    for name in sorted(mine.keys() & theirs.keys()):
        hit = disjoint(name, here, mine[name], there, theirs[name])
        if hit is not None:
            found.append(hit)
    return found
