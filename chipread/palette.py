"""Entity colours: the one source for the reader's highlights and `chipread show` (no Textual here)."""

from __future__ import annotations

# One hue per group of entity types. The reader draws them as tints (ENTITY_TINT percent over the text's
# background); at that strength a 256-colour terminal has about six hues to give, so the speaker types, places
# and dates take them and the rarer types share the neutral FALLBACK (the status line names the type).
# tests/tui/test_colours.py checks that they stay apart from each other and from the label colours there.
ENTITY_COLORS = {
    "PERSON": "#d946ef",
    "ORG": "#38bdf8",
    "GPE": "#ea580c",
    "NORP": "#4f46e5",
    "LOC": "#16a34a",
    "FAC": "#16a34a",
    "DATE": "#facc15",
    "TIME": "#facc15",
}
FALLBACK = "#9ca3af"
ENTITY_TINT = 22  # percent: subdued, so the labels' strong tints stand out
# Percent of a label's colour over the text's background: strong, and at 80 far from every entity tint in
# 256 colours too (at 75 the default quote green and the ORG tint are one cube step apart).
LABEL_TINT = 80


def entity_color(label: str) -> str:
    return ENTITY_COLORS.get(label, FALLBACK)


def entity_class(label: str) -> str:
    """The style name an entity type is drawn with: its own type, or "other" for the types sharing FALLBACK."""
    return label.lower() if label in ENTITY_COLORS else "other"


ENTITY_CLASSES = (*(label.lower() for label in ENTITY_COLORS), "other")
