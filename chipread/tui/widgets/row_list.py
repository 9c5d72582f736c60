"""A header line, then rows of a fixed height drawn only where visible (the Line API), with a cursor and clicks."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = 2  # cells between two columns, in every list


class RowList(ScrollView, can_focus=True, inherit_bindings=False):
    """What the library's and the actors' lists share: 20,000 rows cost what a screenful does.

    Line 0 is the header; row i takes content lines i * ROW_HEIGHT + 1 onwards. A drawn line is cached by
    what the subclass says the row depends on (`_row_key`), its part, the cursor, the focus and the width.
    Subclasses give the row count, the header, how a row's line is drawn, and which messages a click or a
    move posts. Keys belong to the screen; this widget draws, scrolls and takes clicks.
    """

    ALLOW_SELECT = False
    ROW_HEIGHT: ClassVar[int] = 1
    STYLE_PREFIX: ClassVar[str]  # of the component classes: "<prefix>--header" and "<prefix>--empty" are used here

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = 0
        self.empty_hint = "nothing to show"
        self._width: int | None = None  # the width the cache was drawn for
        # A row's version goes up when it changes, so its cached lines are not used again.
        self._versions: dict[Hashable, int] = {}
        self._cache: LRUCache[tuple, Strip] = LRUCache(512)

    # -- what a subclass gives -----------------------------------------------------------

    def _row_count(self) -> int:
        raise NotImplementedError

    def _header(self, width: int) -> Text:
        raise NotImplementedError

    def _row_key(self, index: int) -> tuple:
        """What row `index`'s lines look like depends on, besides the cursor, the focus and the width."""
        raise NotImplementedError

    def _render_row(self, index: int, part: int, current: bool, width: int, base: Style) -> Strip:
        raise NotImplementedError

    def _post_open(self, index: int) -> None:
        """Row `index` was chosen (a click on the highlighted row)."""
        raise NotImplementedError

    def _post_moved(self, index: int) -> None:
        """The cursor moved to row `index` (by default nobody is told)."""

    def _resized(self, width: int) -> None:
        """The list is `width` cells wide now (before any line is drawn at that width)."""

    # -- content -------------------------------------------------------------------------

    def _bump(self, key: Hashable) -> None:
        self._versions[key] = self._versions.get(key, 0) + 1

    def _refresh_row_lines(self, index: int) -> None:
        self.refresh_lines(index * self.ROW_HEIGHT + 1, self.ROW_HEIGHT)

    def _set_virtual_size(self) -> None:
        width = max(1, self.scrollable_content_region.width)
        size = Size(width, 1 + max(1, self._row_count() * self.ROW_HEIGHT))
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        width = max(1, self.scrollable_content_region.width)
        if width != self._width:
            self._width = width
            self._resized(width)
            self._cache.clear()
        self._set_virtual_size()

    def restyle(self) -> None:
        """Forget every drawn line (after a theme change)."""
        self._rich_style_cache.clear()
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # -- cursor --------------------------------------------------------------------------

    def move_cursor(self, index: int) -> None:
        count = self._row_count()
        if not count:
            return
        index = max(0, min(index, count - 1))
        old, self.cursor = self.cursor, index
        if old != index:
            self._refresh_row_lines(old)
            self._refresh_row_lines(index)
            self._post_moved(index)
        self._scroll_to_cursor()

    def move_by(self, rows: int) -> None:
        self.move_cursor(self.cursor + rows)

    def move_pages(self, pages: int) -> None:
        self.move_cursor(self.cursor + pages * self.page_rows())

    def move_to_edge(self, step: int) -> None:
        """To the first row (step < 0) or the last."""
        self.move_cursor(0 if step < 0 else self._row_count() - 1)

    def page_rows(self) -> int:
        return max(1, (self.scrollable_content_region.height - 1) // self.ROW_HEIGHT - 1)

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height - 1  # below the header
        if height <= 0:
            return
        top = self.cursor * self.ROW_HEIGHT
        bottom = top + self.ROW_HEIGHT - 1
        scroll_y = round(self.scroll_y)
        if top < scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom >= scroll_y + height:
            self.scroll_to(y=bottom - height + 1, animate=False)

    def on_click(self, event: events.Click) -> None:
        y = event.get_content_offset_capture(self).y
        if y < 1:
            return  # the header
        index = (y - 1 + round(self.scroll_y)) // self.ROW_HEIGHT
        if 0 <= index < self._row_count():
            if index == self.cursor:
                self._post_open(index)
            else:
                self.move_cursor(index)

    def on_focus(self) -> None:
        self._refresh_row_lines(self.cursor)

    def on_blur(self) -> None:
        self._refresh_row_lines(self.cursor)

    # -- drawing -------------------------------------------------------------------------

    def _strip(self, line: Text, width: int, base: Style) -> Strip:
        """A finished line: every piece over `base` (its own style on top), padded or cut to `width`."""
        segments = [Segment(seg.text, base + seg.style if seg.style else base) for seg in line.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, base)

    def render_line(self, y: int) -> Strip:
        width = max(1, self.scrollable_content_region.width)
        base = self.rich_style
        if y == 0:
            key = ("header", width)
            strip = self._cache.get(key)
            if strip is None:
                header = self._header(width)
                header.truncate(width, overflow="ellipsis")
                style = base + self.get_component_rich_style(f"{self.STYLE_PREFIX}--header", partial=True)
                strip = Strip([Segment(s.text, style) for s in header.render(self.app.console)]).adjust_cell_length(
                    width, style
                )
                self._cache[key] = strip
            return strip
        line = y - 1 + round(self.scroll_y)
        count = self._row_count()
        if not count:
            if line == 0:
                # The hint's style goes under every piece (Text.render leaves a Text's own style off), so the
                # muted italic shows, and no segment is left unstyled for Textual's filters (NO_COLOR).
                empty = base + self.get_component_rich_style(f"{self.STYLE_PREFIX}--empty")
                return self._strip(Text(" " + self.empty_hint, end=""), width, empty)
            return Strip.blank(width, base)
        index, part = divmod(line, self.ROW_HEIGHT)
        if index >= count:
            return Strip.blank(width, base)
        current = index == self.cursor
        key = (*self._row_key(index), part, current, current and self.has_focus, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(index, part, current, width, base)
            self._cache[key] = strip
        return strip
