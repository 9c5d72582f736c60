"""The line under the text: what is under the cursor on the left, whether the last change is saved on the right."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class StatusLine(Horizontal):
    """Two plain-text parts; article text only ever arrives here inside rich Text objects."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-info", markup=False)
        yield Static(id="status-saved", markup=False)

    def on_mount(self) -> None:
        self._info = self.query_one("#status-info", Static)
        self._saved = self.query_one("#status-saved", Static)

    # The line has a fixed height, so an update repaints it alone instead of laying out the screen again.
    def show(self, info: Text) -> None:
        self._info.update(info, layout=False)

    def saved(self, message: str, *, ok: bool = True) -> None:
        self._saved.set_class(not ok, "-error")
        self._saved.update(Text(message, overflow="ellipsis"), layout=False)
