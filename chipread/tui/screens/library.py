"""The library: every article with its status and span counts, overall progress, filter as you type, sort."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, ProgressBar, Static

from chipread.tui.keys import LIBRARY_KEYS, bindings
from chipread.tui.screens import PlainNotify
from chipread.tui.widgets.readonly_banner import ReadOnlyBanner

if TYPE_CHECKING:
    from chipread.tui.app import ChipreadApp
    from chipread.workspace import LibraryRow, Workspace

SORTS = ("date", "title", "status")
STATUS_ORDER = {"in_progress": 0, "todo": 1, "done": 2, "skipped": 3}
STATUS_TEXT = {"todo": "todo", "in_progress": "in progress", "done": "done", "skipped": "skipped"}
FIXED = 11 + 10 + 2 * 4  # status and date columns with their padding


class ArticleTable(DataTable):
    """The article list; status colours are component classes so themes restyle them."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "open", id="library-open")]
    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "article-table--todo", "article-table--in-progress", "article-table--done", "article-table--skipped",
    }

    def status_style(self, status: str):
        # Partial: only the colour, so the zebra stripes and the cursor row keep their backgrounds.
        return self.get_component_rich_style(f"article-table--{status.replace('_', '-')}", partial=True)


class LibraryScreen(PlainNotify, Screen):
    """Rows come from Workspace.library(); one row is refreshed from its session after each change."""

    BINDINGS = bindings(LIBRARY_KEYS) + [("escape", "clear_filter", "")]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(name="library")
        self.ws = workspace
        self.rows: dict[str, LibraryRow] = {}
        self.sort = "date"
        self.filter_text = ""
        self._width = 0
        self._stale: str | None = None

    @property
    def chipread(self) -> ChipreadApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        if self.ws.readonly:
            yield ReadOnlyBanner(self.ws.readonly_reason)
        yield Static(Text(f"chipread · {self.ws.annotator}", style="bold"), id="library-title", markup=False)
        with Horizontal(id="progress-row"):
            yield ProgressBar(show_eta=False, id="progress")
            yield Static(id="progress-label", markup=False)
        yield Input(placeholder="filter by title, source or file", id="filter")
        yield ArticleTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    @property
    def table(self) -> ArticleTable:
        return self.query_one("#articles", ArticleTable)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.reload()

    def reload(self) -> None:
        self.rows = {row.info.id: row for row in self.ws.library()}
        self._render_rows()

    def update_row(self, row: LibraryRow) -> None:
        """One article changed: keep its row without reading the whole store; redrawn when the library shows."""
        self.rows[row.info.id] = row
        self._stale = row.info.id

    def on_resize(self, event) -> None:
        if event.size.width != self._width:
            self._render_rows()

    def visible(self) -> list[LibraryRow]:
        rows = list(self.rows.values())
        needle = self.filter_text.casefold()
        if needle:
            rows = [r for r in rows if needle in f"{r.info.title}\n{r.info.source or ''}\n{r.info.handle}".casefold()]
        if self.sort == "title":
            rows.sort(key=lambda r: r.info.title.casefold())
        elif self.sort == "status":
            rows.sort(key=lambda r: (STATUS_ORDER.get(r.status, 9), r.info.title.casefold()))
        else:
            # Newest first; undated articles after the dated ones, in corpus order.
            rows.sort(key=lambda r: (r.info.published is None, -(r.info.published.toordinal() if r.info.published else 0)))
        return rows

    def _render_rows(self, keep: str | None = None) -> None:
        table = self.table
        current = keep
        if current is None and table.row_count:
            try:
                current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            except Exception:  # noqa: BLE001 - an empty or changing table has no cursor row
                current = None
        labels = list(self.ws.labels.names)
        width = self.size.width or self.app.size.width
        self._width = width
        counts_width = sum(max(len(name), 3) + 2 for name in labels)
        title_width = max(16, width - FIXED - counts_width - 4)
        table.clear(columns=True)
        table.add_column("status", width=11, key="status")
        table.add_column("title · source", width=title_width, key="title")
        table.add_column("date", width=10, key="date")
        for name in labels:
            table.add_column(Text(name, justify="right"), width=max(len(name), 3), key=f"n-{name}")
        rows = self.visible()
        for row in rows:
            info = row.info
            title = Text(info.title or info.handle, style="bold" if row.status != "done" else "")
            title.append("\n")
            title.append(" · ".join(p for p in (info.source, info.handle) if p), style="dim")
            cells = [
                Text(STATUS_TEXT.get(row.status, row.status), style=table.status_style(row.status)),
                title,
                Text(info.published.isoformat() if info.published else "—", style="dim" if not info.published else ""),
                *(Text(str(row.counts.get(name, 0)) if row.counts.get(name) else "·", justify="right") for name in labels),
            ]
            table.add_row(*cells, key=info.id, height=None)
        self.chipread.order = [row.info.id for row in rows] or [r.info.id for r in self.rows.values()]
        if current is not None and current in {r.info.id for r in rows}:
            table.move_cursor(row=table.get_row_index(current), animate=False)
        self._progress()

    def _progress(self) -> None:
        total = len(self.rows)
        done = sum(1 for r in self.rows.values() if r.status == "done")
        self.query_one("#progress", ProgressBar).update(total=max(total, 1), progress=done)
        shown = len(self.chipread.order) if self.filter_text else total
        label = f"{done} of {total} done"
        if self.filter_text:
            label += f" · {shown} shown"
        label += f" · sorted by {self.sort}"
        self.query_one("#progress-label", Static).update(Text(label))

    # -- keys ----------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.chipread.open_article(event.row_key.value)

    def action_open(self) -> None:
        table = self.table
        if table.row_count:
            self.chipread.open_article(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_cursor(self, step: int) -> None:
        self.table.move_cursor(row=self.table.cursor_row + step)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._render_rows()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display or self.filter_text:
            box.value = ""
            box.display = False
            self.filter_text = ""
            self._render_rows()
            self.table.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self._render_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.filter_text:
            event.input.display = False
        self.table.focus()

    def on_screen_resume(self) -> None:
        if self._stale is not None:
            self._render_rows(keep=self._stale)
            self._stale = None
        self.table.focus()

    def progress_label(self) -> str:
        return str(self.query_one("#progress-label", Static).render())
