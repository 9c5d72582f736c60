"""Who said what across the corpus: canonical actors, statements over time, wire copies (no Textual here)."""

from __future__ import annotations

from typing import Any

from .book import ActorBook, ActorRow, Dates, Entry, View
from .model import Actor, ActorRecord, ArticleDate, Mention, Statement, Suggestion
from .registry import REGISTRY_NAME, ActorRegistry


def __getattr__(name: str) -> Any:
    # Names and grouping read with chipread.nlp (a heavy import): loaded when first asked for.
    if name in ("Name", "parse_name"):
        from . import names

        return getattr(names, name)
    if name in ("Grouping", "group"):
        from . import grouping

        return getattr(grouping, name)
    raise AttributeError(name)


__all__ = [
    "REGISTRY_NAME",
    "Actor",
    "ActorBook",
    "ActorRecord",
    "ActorRegistry",
    "ActorRow",
    "ArticleDate",
    "Dates",
    "Entry",
    "Grouping",
    "Mention",
    "Name",
    "Statement",
    "Suggestion",
    "View",
    "group",
    "parse_name",
]
