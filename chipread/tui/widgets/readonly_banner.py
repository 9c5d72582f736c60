"""The notice shown on every screen when another chipread holds this annotator's writer lock."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ReadOnlyBanner(Static):
    def __init__(self, reason: str | None) -> None:
        super().__init__(
            Text(f"read-only: {reason or 'another chipread is editing'}"), classes="readonly-banner", markup=False
        )
