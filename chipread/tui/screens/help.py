"""Every key, generated from the binding definitions with the user's keymap applied, so it cannot disagree."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from chipread.model import LabelSet
from chipread.tui.keys import HELP_KEYS, bindings, effective_keys, sections
from chipread.tui.widgets.steady_footer import SteadyFooter


class KeyRow(NamedTuple):
    section: str
    keys: str  # as displayed, the user's keymap applied
    does: str
    id: str  # what [keys] in chipread.toml names


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(HELP_KEYS)

    def __init__(self, labels: LabelSet) -> None:
        super().__init__(name="help")
        self.labels = labels

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._table(), id="help-keys", markup=False)
        yield SteadyFooter(compact=True, show_command_palette=False)

    def key_rows(self) -> list[KeyRow]:
        """(section, keys as displayed, what they do, binding id) for every binding."""
        keymap = self.app._keymap
        rows = []
        for section, specs in sections(self.labels, keymap):
            for spec in specs:
                shown = " ".join(self.app.get_key_display(Binding(key, "")) for key in effective_keys(spec, keymap))
                rows.append(KeyRow(section, shown or "(none)", spec.help, spec.id))
        return rows

    def _table(self) -> Table:
        table = Table(
            box=None,
            expand=True,
            show_header=False,
            padding=(0, 1),
            title=Text("Remap any key in chipread.toml's [keys] table by the binding id on its right."),
            title_justify="left",
            title_style="italic",
        )
        table.add_column("keys", style="bold", no_wrap=True, min_width=12)
        table.add_column("does", ratio=1)
        table.add_column("id", style="dim", no_wrap=True)
        section = None
        for row in self.key_rows():
            if row.section != section:
                table.add_row("", "", "")
                table.add_row(Text(row.section, style="bold underline"), "", "")
                section = row.section
            table.add_row(Text(row.keys), Text(row.does), Text(row.id))
        return table

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=step, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
