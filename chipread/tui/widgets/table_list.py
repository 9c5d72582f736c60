"""A header and one line per row, drawn only where visible (the Line API): 20,000 rows cost what a screenful does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = 2


@dataclass(frozen=True)
class Column:
    name: str
    width: int | None = None  # None: takes what the fixed columns leave
    justify: str = "left"


class TableList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows are handed over as they are to be shown; `cells(row)` makes a row's cells (rich Text, never
    markup) only when the row comes into view. Keys belong to the screen; this widget draws, scrolls and
    takes clicks."""

    ALLOW_SELECT = False
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
        self.cursor = 0
        self.empty_hint = "nothing to show"
        self._generation = 0
        self._versions: dict[int, int] = {}
        self._cache: LRUCache[tuple, Strip] = LRUCache(512)

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
        self._versions[index] = self._versions.get(index, 0) + 1
        self.refresh_lines(index + 1, 1)

    @property
    def current(self) -> Any | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _set_virtual_size(self) -> None:
        size = Size(max(1, self.scrollable_content_region.width), 1 + max(1, len(self.rows)))
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self._set_virtual_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # -- cursor --------------------------------------------------------------------------

    def move_cursor(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        old, self.cursor = self.cursor, index
        if old != index:
            self.refresh_lines(old + 1, 1)
            self.refresh_lines(index + 1, 1)
            self.post_message(self.Moved(index))
        self._scroll_to_cursor()

    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height - 1  # below the header
        if height <= 0:
            return
        scroll_y = round(self.scroll_y)
        if self.cursor < scroll_y:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= scroll_y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def on_click(self, event: events.Click) -> None:
        y = event.get_content_offset_capture(self).y
        if y < 1:
            return
        index = y - 1 + round(self.scroll_y)
        if 0 <= index < len(self.rows):
            if index == self.cursor:
                self.post_message(self.Open(index))
            else:
                self.move_cursor(index)

    def on_focus(self) -> None:
        self.refresh_lines(self.cursor + 1, 1)

    def on_blur(self) -> None:
        self.refresh_lines(self.cursor + 1, 1)

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

    def render_line(self, y: int) -> Strip:
        width = max(1, self.scrollable_content_region.width)
        base = self.rich_style
        if y == 0:
            key = ("header", width)
            strip = self._cache.get(key)
            if strip is None:
                style = base + self.get_component_rich_style("table-list--header", partial=True)
                header = self._line([Text(c.name) for c in self.columns], width)
                strip = Strip([Segment(s.text, style) for s in header.render(self.app.console)])
                strip = strip.adjust_cell_length(width, style)
                self._cache[key] = strip
            return strip
        index = y - 1 + round(self.scroll_y)
        if not self.rows:
            if index == 0:
                hint = Text(
                    " " + self.empty_hint, style=base + self.get_component_rich_style("table-list--empty"), end=""
                )
                return Strip(hint.render(self.app.console)).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        current = index == self.cursor
        key = (self._generation, index, self._versions.get(index, 0), current, current and self.has_focus, width)
        strip = self._cache.get(key)
        if strip is None:
            row_base = base + self.get_component_rich_style("table-list--stripe") if index % 2 else base
            line = self._line(self.cells(self.rows[index]), width)
            segments = [
                Segment(seg.text, row_base + seg.style if seg.style else row_base)
                for seg in line.render(self.app.console)
            ]
            strip = Strip(segments).adjust_cell_length(width, row_base)
            if current:
                strip = strip.apply_style(self.get_component_rich_style("table-list--cursor", partial=True))
            self._cache[key] = strip
        return strip
