"""Who are you? The first screen of a served (browser) session: it names the annotator before anything opens."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from chipread.tui.screens import ChipreadScreen


class NameScreen(ChipreadScreen, Screen):
    """`choose(name)` tries the name: None when it is taken up, else the one-line reason to ask again."""

    def __init__(self, choose: Callable[[str], str | None]) -> None:
        super().__init__(name="name")
        self.choose = choose

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box"):
            yield Static(Text("chipread: who are you?", style="bold"), markup=False)
            yield Static(
                Text("Your annotator name: your work is saved under it (letters, digits, '.', '_', '-', '@', '+')."),
                markup=False,
            )
            yield Input(placeholder="your name", id="name-input")
            yield Static(id="name-problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#name-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.choose(event.value.strip())
        if problem:
            self.query_one("#name-problem", Static).update(Text(problem, style="bold"))
            event.input.value = ""
