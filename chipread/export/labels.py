"""Labels as one-word names, for formats whose fields are separated by whitespace (brat types, CoNLL tags)."""

from __future__ import annotations


def one_word(label: str) -> str:
    """The label with each run of whitespace made '_' (a label of only whitespace becomes '_')."""
    return "_".join(label.split()) or "_"
