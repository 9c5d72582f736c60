"""The list of an article's spans and links beside the text: a Line API list, so thousands of spans cost nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from chipread.model import Relation, Span
from chipread.tui.keys import PANEL_KEYS, bindings


class Row(NamedTuple):
    """One line of the list: a span, or a link under its quote or claim."""

    kind: str  # "span" or "relation"
    key: str  # span id or relation id
    span: Span  # the span the row jumps to (the head, for a link)
    other: Span | None = None  # the actor, for a link


class SpanPanel(ScrollView, can_focus=True):
    """Spans in reading order, each quote or claim followed by who it is attributed to."""

    ALLOW_SELECT = False
    BINDINGS = bindings(PANEL_KEYS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "span-panel--cursor",
        "span-panel--current",
        "span-panel--link",
        "span-panel--empty",
        "span-panel--orphaned",
    }

    class Jump(Message):
        def __init__(self, span: Span) -> None:
            super().__init__()
            self.span = span

    class Delete(Message):
        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    class Leave(Message):
        pass

    def __init__(self, label_style: Callable[[str], Style], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label_style = label_style
        self.readonly = False  # set by the reader: a read-only list jumps but never deletes (nor shows delete)
        self.rows: list[Row] = []
        self._row_of: dict[str, int] = {}
        self._cursor = 0
        # Keyed by the row itself (spans are immutable), so a change redraws only rows that changed.
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)

    def show(self, spans: Sequence[Span], relations: Sequence[Relation]) -> None:
        links: dict[str, list[Relation]] = {}
        for rel in relations:
            links.setdefault(rel.head, []).append(rel)
        if links:
            by_id = {s.id: s for s in spans}
            rows: list[Row] = []
            for span in spans:
                rows.append(Row("span", span.id, span))
                for rel in links.get(span.id, ()):
                    actor = by_id.get(rel.child)
                    if actor is not None:
                        rows.append(Row("relation", rel.id, span, actor))
        else:
            rows = [Row("span", span.id, span) for span in spans]
        old, self.rows = self.rows, rows
        self._row_of = {row.key: i for i, row in enumerate(rows) if row.kind == "span"}
        self._cursor = max(0, min(self._cursor, len(rows) - 1))
        self._set_virtual_height()
        # Repaint only the rows on screen that changed: one tag in a list of thousands repaints a few lines.
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        if not old or not rows or height <= 0:
            self.refresh()
            return
        for y in range(top, top + height):
            if (old[y] if y < len(old) else None) != (rows[y] if y < len(rows) else None):
                self.refresh_line(y)

    def _set_virtual_height(self) -> None:
        # A new virtual size lays out the whole screen again: the list is as tall as the view while the
        # rows fit, then grows in steps of 32, so one more span (or one fewer) only repaints the list.
        view = self.scrollable_content_region
        rows = max(1, len(self.rows))
        if view.height <= 0:  # not laid out yet
            height = rows
        else:
            height = view.height if rows <= view.height else -(-rows // 32) * 32
        size = Size(view.width, height)
        if size != self.virtual_size:
            self.virtual_size = size

    @property
    def current(self) -> Row | None:
        return self.rows[self._cursor] if 0 <= self._cursor < len(self.rows) else None

    def follow(self, span_id: str | None) -> None:
        """Put the list's cursor on a span (the text cursor is in it)."""
        if span_id is not None and span_id in self._row_of:
            self._set_cursor(self._row_of[span_id])

    def _set_cursor(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        old, self._cursor = self._cursor, index
        for y in (old, index):
            self.refresh_line(y)
        height = self.scrollable_content_region.height
        if index < self.scroll_y:
            self.scroll_to(y=index, animate=False)
        elif height and index >= self.scroll_y + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "delete" and self.readonly)

    def action_move(self, step: int) -> None:
        self._set_cursor(self._cursor + step)

    def action_jump(self) -> None:
        if self.current is not None:
            self.post_message(self.Jump(self.current.span))

    def action_delete(self) -> None:
        if self.current is not None:
            self.post_message(self.Delete(self.current))

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def on_click(self, event) -> None:
        index = event.get_content_offset_capture(self).y + round(self.scroll_y)
        if 0 <= index < len(self.rows):
            self._set_cursor(index)
            self.post_message(self.Jump(self.rows[index].span))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def restyle(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_resize(self) -> None:
        self._set_virtual_height()

    def render_line(self, y: int) -> Strip:
        width = max(1, self.scrollable_content_region.width)
        index = y + round(self.scroll_y)
        base = self.rich_style
        if not self.rows:
            if index == 0:
                hint = Text(
                    " no spans yet",
                    style=base + self.get_component_rich_style("span-panel--empty", partial=True),
                    end="",
                )
                return self._strip(hint, width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row, current = self.rows[index], index == self._cursor
        key = (row, current, current and self.has_focus, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(row, current, width, base)
            self._cache[key] = strip
        return strip

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        """A Text as one line of cells, every segment styled: a console without colour (NO_COLOR) renders some
        segments with no style at all, which Textual's colour filters cannot take."""
        segments = [Segment(seg.text, base + seg.style if seg.style else base) for seg in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, base)

    def _render_row(self, row: Row, current: bool, width: int, base: Style) -> Strip:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if row.kind == "span" and row.span.flag:
            # Flagged: its text was not found again after the article changed. Not drawn in the text either.
            orphaned = self.get_component_rich_style("span-panel--orphaned", partial=True)
            text.append(f" \u26a0 orphaned {row.span.label}", orphaned + Style(bold=True))
            text.append(" " + " ".join(row.span.text.split()), orphaned)
        elif row.kind == "span":
            text.append(f" {row.span.label} ", self._label_style(row.span.label))
            text.append(" " + " ".join(row.span.text.split()))
        else:
            assert row.other is not None
            text.append("   \u21b3 by ", self.get_component_rich_style("span-panel--link"))
            text.append(" ".join(row.other.text.split()))
        text.truncate(width, overflow="ellipsis")
        strip = self._strip(text, width, base)
        if current:
            # Reverse video while the list has focus; only marked when the text has it.
            name = "span-panel--cursor" if self.has_focus else "span-panel--current"
            strip = strip.apply_style(self.get_component_rich_style(name, partial=True))
        return strip
