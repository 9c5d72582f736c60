"""One screen to look over every untagged suggestion of a label before tagging them all in one step."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from chipread.annotate import Stop
from chipread.tui.keys import ACCEPT_ALL_KEYS, bindings
from chipread.tui.widgets.steady_footer import SteadyFooter


class AcceptAllScreen(ModalScreen[str | None]):
    """Lists the suggestions a label would take; enter tags them all, a label's key shows another label's."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(ACCEPT_ALL_KEYS)

    def __init__(
        self,
        text: str,
        pending: Mapping[str, Sequence[Stop]],
        label: str,
        keys: Mapping[str, str],
        label_style: Callable[[str], Style],
    ) -> None:
        super().__init__(name="accept-all")
        self.text = text
        self.pending = pending
        self.label = label
        self.keys = keys
        self._label_style = label_style

    def compose(self) -> ComposeResult:
        with Vertical(id="accept-all-body"):
            yield Static(id="accept-all-title", markup=False)
            with VerticalScroll(id="accept-all-list"):
                yield Static(id="accept-all-items", markup=False)
        yield SteadyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._show()

    def on_key(self, event) -> None:
        # A label's own key switches the list to that label's suggestions.
        for label, key in self.keys.items():
            if event.character == key and label != self.label:
                self.label = label
                self._show()
                event.stop()
                return

    def _show(self) -> None:
        stops = self.pending.get(self.label, ())
        title = Text()
        title.append(f" {self.label} ", self._label_style(self.label))
        title.append(f"  {len(stops)} untagged suggestion{'s' if len(stops) != 1 else ''}", style="bold")
        others = [
            f"{key} {label} ({len(self.pending[label])})" for label, key in self.keys.items() if label != self.label
        ]
        if others:
            title.append("  ·  " + " · ".join(others), style="dim")
        self.query_one("#accept-all-title", Static).update(title)
        items = Text(no_wrap=True, overflow="ellipsis")
        for n, stop in enumerate(stops, 1):
            if n > 1:
                items.append("\n")
            items.append(f"{n:>3}. ", style="dim")
            items.append(" ".join(self.text[stop.start : stop.end].split()))
            items.append(f"  ({stop.origin.removeprefix('suggestion:')})", style="dim")
        if not stops:
            items.append("nothing to accept for this label", style="italic")
        self.query_one("#accept-all-items", Static).update(items)

    def action_scroll(self, step: int) -> None:
        self.query_one("#accept-all-list", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_accept(self) -> None:
        self.dismiss(self.label if self.pending.get(self.label) else None)

    def action_dismiss_review(self) -> None:
        self.dismiss(None)
