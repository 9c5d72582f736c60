"""The export dialog: where to write, which format, which statuses, and an optional split; nothing is written
(or overwritten) without the analyst saying so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static

from chipread.errors import ChipreadError
from chipread.model import STATUSES
from chipread.tui.keys import EXPORT_KEYS, bindings

EVERY_STATUS = "every status"


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    path: Path
    statuses: tuple[str, ...]
    split: tuple[tuple[str, float], ...] | None


class ExportDialog(ModalScreen[ExportRequest | None]):
    """enter exports (a second enter when the file is already there), escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(EXPORT_KEYS)

    def __init__(self, formats: list[str], fmt: str, default_path: Callable[[str], Path]) -> None:
        super().__init__(name="export")
        self.formats = formats
        self.fmt = fmt
        self.default_path = default_path
        self._suggested = str(default_path(fmt))
        self._confirm: str | None = None  # the path the analyst was told already exists

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body"):
            yield Static(Text("Export annotations", style="bold"), markup=False)
            yield Label("format")
            yield Select(
                [(f, f) for f in self.formats], value=self.fmt, allow_blank=False, id="export-format", compact=True
            )
            yield Label("write to (a folder for brat)")
            yield Input(self._suggested, id="export-path", compact=True)
            yield Label("articles")
            statuses = [(EVERY_STATUS, EVERY_STATUS), *((s.replace("_", " "), s) for s in STATUSES)]
            yield Select(statuses, value=EVERY_STATUS, allow_blank=False, id="export-status", compact=True)
            yield Label("split by article (empty: one file)")
            yield Input(placeholder="train=0.8,dev=0.1,test=0.1", id="export-split", compact=True)
            yield Static(id="export-note", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self._note("enter (or ctrl+s) exports · escape cancels", error=False)

    def _note(self, message: str, *, error: bool = True) -> None:
        note = self.query_one("#export-note", Static)
        note.set_class(error, "-error")
        note.update(Text(message))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "export-format" and isinstance(event.value, str):
            self.fmt = event.value
            path = self.query_one("#export-path", Input)
            if path.value == self._suggested:  # the analyst has not chosen a path: follow the format
                self._suggested = path.value = str(self.default_path(self.fmt))
        self._confirm = None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirm = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        from chipread.export import parse_split

        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._note("say where to write the export")
            return
        path = Path(raw).expanduser()
        split_text = self.query_one("#export-split", Input).value.strip()
        try:
            split = parse_split(split_text) if split_text else None
        except ChipreadError as exc:
            self._note(str(exc))
            return
        if path.exists() and self._confirm != str(path):
            self._confirm = str(path)
            self._note(f"{path} is already there: enter again to replace it, or change the path")
            return
        status = self.query_one("#export-status", Select).value
        statuses = () if status == EVERY_STATUS else (str(status),)
        self.dismiss(ExportRequest(self.fmt, path, statuses, split))

    def action_cancel(self) -> None:
        self.dismiss(None)
