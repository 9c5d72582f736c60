"""A header and one line per row, drawn only where visible (the Line API): 20,000 rows cost what a screenful does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from chipread.tui.widgets.row_list import GAP, RowList


@dataclass(frozen=True)
class Column:
    name: str
    width: int | None = None  # None: takes what the fixed columns leave
    justify: str = "left"


class TableList(RowList, inherit_bindings=False):
    """Rows are handed over as they are to be shown; `cells(row)` makes a row's cells (rich Text, never
    markup) only when the row comes into view. Keys belong to the screen; this widget draws, scrolls and
    takes clicks."""

    STYLE_PREFIX = "table-list"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "table-list--header",
        "table-list--cursor",
        "table-list--stripe",
        "table-list--empty",
    }

    class Open(Message):
        """A row was chosen (a click on the highlighted row)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Moved(Message):
        """The cursor is on another row."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self, columns: Sequence[Column], cells: Callable[[Any], Sequence[Text]], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.cells = cells
        self.rows: list[Any] = []
        self._generation = 0

    # -- content -------------------------------------------------------------------------

    def show(self, rows: list[Any], cursor: int | None = None) -> None:
        self.rows = rows
        self._generation += 1
        self._versions.clear()
        self._cache.clear()
        self.cursor = max(0, min(self.cursor if cursor is None else cursor, len(rows) - 1))
        self._set_virtual_size()
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)
        self.post_message(self.Moved(self.cursor))

    def refresh_row(self, index: int) -> None:
        self._bump(index)
        self._refresh_row_lines(index)

    @property
    def current(self) -> Any | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _row_count(self) -> int:
        return len(self.rows)

    def _row_key(self, index: int) -> tuple:
        return (self._generation, index, self._versions.get(index, 0))

    def _post_open(self, index: int) -> None:
        self.post_message(self.Open(index))

    def _post_moved(self, index: int) -> None:
        self.post_message(self.Moved(index))

    # -- drawing -------------------------------------------------------------------------

    def _widths(self, width: int) -> list[int]:
        fixed = sum(c.width for c in self.columns if c.width is not None) + GAP * (len(self.columns) - 1) + 1
        flexible = [c for c in self.columns if c.width is None]
        share = max(8, (width - fixed) // max(1, len(flexible)))
        return [c.width if c.width is not None else share for c in self.columns]

    def _line(self, cells: Sequence[Text], width: int) -> Text:
        line = Text(" ", no_wrap=True, overflow="ellipsis", end="")
        for i, (column, cell_width, cell) in enumerate(zip(self.columns, self._widths(width), cells)):
            if i:
                line.append(" " * GAP)
            piece = cell.copy()
            piece.no_wrap = True
            piece.truncate(cell_width, overflow="ellipsis")
            pad = cell_width - piece.cell_len
            if column.justify == "right":
                line.append(" " * pad)
                line.append_text(piece)
            else:
                line.append_text(piece)
                line.append(" " * pad)
        line.truncate(width, overflow="ellipsis")
        return line

    def _header(self, width: int) -> Text:
        return self._line([Text(c.name) for c in self.columns], width)

    def _render_row(self, index: int, part: int, current: bool, width: int, base: Style) -> Strip:
        row_base = base + self.get_component_rich_style("table-list--stripe") if index % 2 else base
        strip = self._strip(self._line(self.cells(self.rows[index]), width), width, row_base)
        if current:
            strip = strip.apply_style(self.get_component_rich_style("table-list--cursor", partial=True))
        return strip
