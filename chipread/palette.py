"""Colours for entity types in plain-terminal output (the TUI takes its colours from app.tcss)."""

from __future__ import annotations

ENTITY_COLORS = {
    "PERSON": "#c084fc",
    "ORG": "#38bdf8",
    "GPE": "#fb923c",
    "NORP": "#f472b6",
    "LOC": "#a3e635",
    "FAC": "#a3e635",
    "DATE": "#facc15",
    "TIME": "#facc15",
    "EVENT": "#2dd4bf",
    "LAW": "#94a3b8",
    "PRODUCT": "#94a3b8",
    "MONEY": "#86efac",
    "PERCENT": "#86efac",
    "CARDINAL": "#9ca3af",
}
FALLBACK = "#9ca3af"


def entity_color(label: str) -> str:
    return ENTITY_COLORS.get(label, FALLBACK)
