"""The line under the text: what is under the cursor on the left, whether the last change is saved on the right."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

SAVED_MAX = 30  # the saved area's max-width in app.tcss, less its padding


class StatusLine(Horizontal):
    """Two plain-text parts; article text only ever arrives here inside rich Text objects."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-info", markup=False)
        yield Static(id="status-saved", markup=False)

    def on_mount(self) -> None:
        self._info = self.query_one("#status-info", Static)
        self._saved = self.query_one("#status-saved", Static)
        self._saved_width = -1

    # The line has a fixed height, so an update repaints it alone instead of laying out the screen again.
    def show(self, info: Text) -> None:
        self._info.update(info, layout=False)

    def saved(self, message: str, *, ok: bool = True) -> None:
        """The right-hand part is as wide as its message (at most 32 columns), so the left keeps the rest."""
        self._saved.set_class(not ok, "-error")
        text = Text(message, overflow="ellipsis")
        width = min(text.cell_len, SAVED_MAX)
        self._saved.update(text, layout=width != self._saved_width)
        self._saved_width = width
