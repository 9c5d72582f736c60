"""The export dialog: where to write, which format, which statuses, and an optional split; nothing is written
(or overwritten) without the analyst saying so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from chipread.errors import ChipreadError
from chipread.model import STATUSES
from chipread.tui.keys import EXPORT_KEYS, bindings
from chipread.tui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from chipread.workspace import Workspace

EVERY_STATUS = "every status"
Split = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    path: Path
    statuses: tuple[str, ...]
    split: Split | None


def export_targets(ws: Workspace, fmt: str, path: Path, split: Split | None) -> list[Path]:
    """Every file (or folder) an export of `fmt` to `path` writes, as export() names them: one file per split
    (data.train.jsonl), and a companion beside the output (Label Studio's labeling config)."""
    from chipread.export import EXPORTERS, ExportOptions
    from chipread.export.registry import ExportContext
    from chipread.export.split import split_path

    exporter = EXPORTERS[fmt]
    if exporter.folder:
        return [path]  # one folder swapped in whole, splits inside it
    paths = [split_path(path, name) for name, _ in split] if split else [path]
    companion = exporter.writer.companion(ExportContext(ws=ws, options=ExportOptions(split=split), labels=ws.labels))
    if companion is not None:
        paths.append(path.with_name(path.stem + companion.suffix))
    return paths


class ExportDialog(ModalScreen[ExportRequest | None]):
    """enter exports (a second enter when the file is already there), escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(EXPORT_KEYS)

    def __init__(
        self,
        formats: list[str],
        fmt: str,
        default_path: Callable[[str], Path],
        targets: Callable[[str, Path, Split | None], list[Path]],
    ) -> None:
        super().__init__(name="export")
        self.formats = formats
        self.fmt = fmt
        self.default_path = default_path
        self.targets = targets  # export_targets for the workspace
        self._suggested = str(default_path(fmt))
        self._confirm: list[Path] | None = None  # the files the analyst was told are already there

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
        yield SteadyFooter(compact=True, show_command_palette=False)

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
        from chipread.export import EXPORTERS, parse_split

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
        # Said here in the dialog's words (the export's own error names the CLI's -o).
        folder = EXPORTERS[self.fmt].folder
        if path.is_dir() and not folder:
            self._note(f"{path} is a folder: end the path with a file name, e.g. {self.default_path(self.fmt).name}")
            return
        if path.is_file() and folder:
            self._note(f"{path} is a file: {self.fmt} writes a folder of files, give a folder's path")
            return
        there = [p for p in self.targets(self.fmt, path, split) if p.exists()]
        if there and self._confirm != there:
            self._confirm = there
            if len(there) == 1:
                self._note(f"{there[0]} is already there: enter again to replace it, or change the path")
            else:
                names = ", ".join(p.name for p in there)  # all beside the output
                self._note(
                    f"{names} are already there in {path.parent}: enter again to replace them, or change the path"
                )
            return
        status = self.query_one("#export-status", Select).value
        statuses = () if status == EVERY_STATUS else (str(status),)
        self.dismiss(ExportRequest(self.fmt, path, statuses, split))

    def action_cancel(self) -> None:
        self.dismiss(None)
