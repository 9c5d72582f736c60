"""What the analyst's files say about names: gazetteer entries and the actors' alias file, as groups of names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chipread.nlp.gazetteer import Gazetteer


ALIASES_FILENAME = "aliases.txt"
# Gazetteer labels (OntoNotes names) as actor kinds.
KIND_OF_LABEL = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}


@dataclass(frozen=True)
class NameGroup:
    """Names that are one actor, by the word of a file; the first is how it is shown."""

    names: tuple[str, ...]
    kind: str
    source: str  # "gazetteer" or "aliases"


@dataclass(frozen=True)
class Knowledge:
    groups: tuple[NameGroup, ...] = ()


def groups_of(gazetteer: Gazetteer | None, source: str) -> list[NameGroup]:
    if gazetteer is None:
        return []
    return [
        NameGroup(entry.names, KIND_OF_LABEL.get(entry.label, "other"), source)
        for entry in gazetteer.entries
        if len(entry.names) > 1 or source == "aliases"
    ]


def load_knowledge(gazetteer: Path | None, aliases: Path | None) -> Knowledge:
    """The gazetteer's and the alias file's name groups (both in the gazetteer format: `LABEL name | alias`)."""
    from chipread.nlp.gazetteer import load_gazetteer

    groups = groups_of(load_gazetteer(gazetteer), "gazetteer") if gazetteer else []
    groups += groups_of(load_gazetteer(aliases), "aliases") if aliases else []
    return Knowledge(tuple(groups))
