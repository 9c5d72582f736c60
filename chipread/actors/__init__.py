"""Who said what across the corpus: canonical actors, statements over time, wire copies (no Textual here)."""

from __future__ import annotations

from .book import ActorBook, ActorRow, Dates, Entry, View
from .grouping import Grouping, group
from .model import Actor, ActorRecord, ArticleDate, Mention, Statement, Suggestion
from .names import Name, parse_name
from .registry import REGISTRY_NAME, ActorRegistry

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
