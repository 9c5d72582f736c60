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
        self._parts: list[Text] = []
        self._sep = " · "

    # The line has a fixed height, so an update repaints it alone instead of laying out the screen again.
    def show(self, info: Text) -> None:
        self._parts = [info]
        self._info.update(info, layout=False)

    def show_parts(self, parts: list[Text], sep: str = " · ") -> None:
        """Parts joined by `sep`, most important first: those that do not fit in the two lines are left out
        whole (an ellipsis says so), so nothing is cut mid-phrase."""
        self._parts, self._sep = list(parts), sep
        self._info.update(self._fit(self._parts), layout=False)

    def _fit(self, parts: list[Text]) -> Text:
        width = self._info.content_region.width
        height = self._info.content_region.height or 2
        joiner = Text(self._sep)
        line = joiner.join(parts)
        if width <= 0 or len(parts) < 2:
            return line
        console = self.app.console
        for keep in range(len(parts), 0, -1):
            line = joiner.join(parts[:keep])
            if keep < len(parts):
                line.append(" …", style="dim")
            if len(line.wrap(console, width)) <= height:
                return line
        return line

    def on_resize(self) -> None:
        if len(self._parts) > 1:
            self._info.update(self._fit(self._parts), layout=False)

    def saved(self, message: str, *, ok: bool = True) -> None:
        """The right-hand part has a fixed width (app.tcss), so a new message repaints it alone: a message of
        another length laying out the whole screen again cost more than the tag it reported."""
        self._saved.set_class(not ok, "-error")
        self._saved.update(Text(message, overflow="ellipsis", justify="right"), layout=False)
