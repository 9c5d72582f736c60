"""The library's article list: a Line API list (a header, then two lines an article), so 20,000 articles cost what 20 do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from chipread.actors.model import ArticleDate
from chipread.workspace import LibraryRow

ROW_HEIGHT = 2  # the title line, then source · handle
STATUS_WIDTH = 11
DATE_WIDTH = 11  # "~2023-05-29": an estimated date
GAP = 2
CURSOR_MARK = "▶"  # the cursor row's first column: visible in any colour mode, even without colour
STATUS_TEXT = {"todo": "todo", "in_progress": "in progress", "done": "done", "skipped": "skipped"}


class Columns:
    """Column widths for one list width: status, title (the rest), date, one count per label."""

    def __init__(self, width: int, labels: Sequence[str]) -> None:
        self.labels = tuple(labels)
        self.counts = tuple(max(len(name), 3) for name in self.labels)
        fixed = 1 + STATUS_WIDTH + GAP + GAP + DATE_WIDTH + sum(GAP + w for w in self.counts) + 1
        self.width = width
        self.title = max(12, width - fixed)

    def header(self) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(" " + "status".ljust(STATUS_WIDTH) + " " * GAP)
        line.append("title · source".ljust(self.title) + " " * GAP)
        line.append("date".ljust(DATE_WIDTH))
        for name, width in zip(self.labels, self.counts):
            line.append(" " * GAP + name.rjust(width))
        return line


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows are handed over already filtered and sorted; drawing asks only for the visible lines.

    Keys are the library screen's (remappable); this widget only draws, scrolls and takes clicks.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--header",
        "article-list--cursor",
        "article-list--stripe",
        "article-list--secondary",
        "article-list--empty",
        "article-list--todo",
        "article-list--in-progress",
        "article-list--done",
        "article-list--skipped",
    }

    class Open(Message):
        """An article was chosen (enter, or a click on the highlighted row)."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, labels: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = tuple(labels)
        self.ids: list[str] = []
        self.rows: dict[str, LibraryRow] = {}
        self.cursor = 0
        self.empty_hint = "no articles"
        self._columns = Columns(80, self.labels)
        # Lines are cached by article and its row's version, so an updated row redraws alone.
        self._versions: dict[str, int] = {}
        self._cache: LRUCache[tuple, Strip] = LRUCache(512)
        # From chipread.actors, once found in the background: dates for undated articles, copy notes.
        self.dates: dict[str, ArticleDate] = {}
        self.notes: dict[str, str] = {}

    # -- content -------------------------------------------------------------------------

    def show(self, ids: list[str], rows: dict[str, LibraryRow], *, keep: str | None = None) -> None:
        """The visible articles, in order; the cursor stays on `keep` (else on the article it was on)."""
        current = keep if keep is not None else self.current_id
        if rows is not self.rows:
            self._cache.clear()
        self.ids, self.rows = ids, rows
        index = ids.index(current) if current is not None and current in rows and current in ids else None
        self.cursor = index if index is not None else max(0, min(self.cursor, len(ids) - 1))
        self._set_virtual_size()
        self.refresh()
        if index is not None:
            self._scroll_to_cursor()  # now, so a list shown again draws its first frame where the cursor is
            self.call_after_refresh(self._scroll_to_cursor)

    def set_extras(self, dates: dict[str, ArticleDate], notes: dict[str, str]) -> None:
        """Estimated or analyst-set dates and copy notes ("copy of 000, 44% shared"): every row redrawn."""
        self.dates, self.notes = dates, notes
        self._cache.clear()
        self.refresh()

    def refresh_row(self, article_id: str) -> None:
        """One article's row was replaced: redraw its two lines."""
        self._versions[article_id] = self._versions.get(article_id, 0) + 1
        if article_id in self.rows:
            try:
                index = self.ids.index(article_id)
            except ValueError:
                return
            self._refresh_row_lines(index)

    def _refresh_row_lines(self, index: int) -> None:
        # Line 0 is the header; article i is drawn on content lines 2i+1 and 2i+2.
        self.refresh_lines(index * ROW_HEIGHT + 1, ROW_HEIGHT)

    @property
    def current_id(self) -> str | None:
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def _set_virtual_size(self) -> None:
        width = max(1, self.scrollable_content_region.width)
        size = Size(width, 1 + max(1, len(self.ids) * ROW_HEIGHT))
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        width = max(1, self.scrollable_content_region.width)
        if width != self._columns.width:
            self._columns = Columns(width, self.labels)
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
        if not self.ids:
            return
        index = max(0, min(index, len(self.ids) - 1))
        old, self.cursor = self.cursor, index
        if old != index:
            self._refresh_row_lines(old)
            self._refresh_row_lines(index)
        self._scroll_to_cursor()

    def page_rows(self) -> int:
        return max(1, (self.scrollable_content_region.height - 1) // ROW_HEIGHT - 1)

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height - 1  # below the header
        if height <= 0:
            return
        top, bottom = self.cursor * ROW_HEIGHT, self.cursor * ROW_HEIGHT + ROW_HEIGHT - 1
        scroll_y = round(self.scroll_y)
        if top < scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom >= scroll_y + height:
            self.scroll_to(y=bottom - height + 1, animate=False)

    def on_click(self, event: events.Click) -> None:
        y = event.get_content_offset_capture(self).y
        if y < 1:
            return  # the header
        index = (y - 1 + round(self.scroll_y)) // ROW_HEIGHT
        if 0 <= index < len(self.ids):
            if index == self.cursor:
                self.post_message(self.Open(self.ids[index]))
            else:
                self.move_cursor(index)

    def on_focus(self) -> None:
        self._refresh_row_lines(self.cursor)

    def on_blur(self) -> None:
        self._refresh_row_lines(self.cursor)

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = max(1, self.scrollable_content_region.width)
        base = self.rich_style
        if y == 0:
            key = ("header", width)
            strip = self._cache.get(key)
            if strip is None:
                header = self._columns.header()
                header.truncate(width, overflow="ellipsis")
                style = base + self.get_component_rich_style("article-list--header", partial=True)
                strip = Strip([Segment(s.text, style) for s in header.render(self.app.console)]).adjust_cell_length(
                    width, style
                )
                self._cache[key] = strip
            return strip
        line = y - 1 + round(self.scroll_y)
        if not self.ids:
            if line == 0:
                hint = Text(
                    " " + self.empty_hint, style=base + self.get_component_rich_style("article-list--empty"), end=""
                )
                # Every segment styled: without colour (NO_COLOR) some come unstyled, which Textual's filters cannot take.
                segments = [Segment(seg.text, seg.style or base) for seg in hint.render(self.app.console)]
                return Strip(segments).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        index, part = divmod(line, ROW_HEIGHT)
        if index >= len(self.ids):
            return Strip.blank(width, base)
        article_id = self.ids[index]
        row = self.rows[article_id]
        current = index == self.cursor
        key = (
            article_id,
            self._versions.get(article_id, 0),
            part,
            current,
            current and self.has_focus,
            index % 2,
            width,
        )
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render(row, part, current, index % 2 == 1, width, base)
            self._cache[key] = strip
        return strip

    def _render(self, row: LibraryRow, part: int, current: bool, stripe: bool, width: int, base: Style) -> Strip:
        if current:
            # The cursor's colours go under every piece of the row (a style applied over the finished strip
            # would lose to each piece's own background: only its bold showed), and a marker says it too.
            base = base + self.get_component_rich_style("article-list--cursor")
        elif stripe:
            base = base + self.get_component_rich_style("article-list--stripe")
        columns = self._columns
        info = row.info
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        if part == 0:
            status = row.status.replace("_", "-")
            line.append(CURSOR_MARK if current else " ")
            line.append(
                STATUS_TEXT.get(row.status, row.status).ljust(STATUS_WIDTH),
                self.get_component_rich_style(f"article-list--{status}", partial=True),
            )
            line.append(" " * GAP)
            title = Text(
                " ".join((info.title or info.handle).split()),
                style="bold" if row.status != "done" else "",
                no_wrap=True,
                overflow="ellipsis",
                end="",
            )
            title.truncate(columns.title, overflow="ellipsis", pad=True)
            line.append_text(title)
            line.append(" " * GAP)
            known = self.dates.get(info.id)
            if info.published:
                line.append(info.published.isoformat().ljust(DATE_WIDTH))
            elif known is not None and known.value is not None:
                line.append(known.shown().ljust(DATE_WIDTH), style="italic" if known.estimated else "")
            else:
                line.append("—".ljust(DATE_WIDTH), style="dim")
            for name, w in zip(columns.labels, columns.counts):
                count = row.counts.get(name, 0)
                line.append(" " * GAP + (str(count) if count else "·").rjust(w))
        else:
            secondary = " · ".join(p for p in (info.source, info.handle) if p)
            if row.flagged:
                secondary += f" · {row.flagged} flagged"
            if row.note:
                secondary += f" · {row.note}"
            if info.id in self.notes:
                secondary += f" · {self.notes[info.id]}"
            line.append(" " * (1 + STATUS_WIDTH + GAP))
            piece = Text(
                " ".join(secondary.split()),
                no_wrap=True,
                overflow="ellipsis",
                end="",
                style=self.get_component_rich_style("article-list--secondary", partial=True),
            )
            piece.truncate(max(1, width - line.cell_len), overflow="ellipsis")
            line.append_text(piece)
        line.truncate(width, overflow="ellipsis")
        segments = [Segment(seg.text, base + seg.style if seg.style else base) for seg in line.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, base)
