"""The library's article list: a Line API list (a header, then two lines an article), so 20,000 articles cost what 20 do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from chipread.actors.model import ArticleDate
from chipread.tui.widgets.row_list import GAP, RowList
from chipread.workspace import LibraryRow

STATUS_WIDTH = 11
DATE_WIDTH = 11  # "~2023-05-29": an estimated date
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


class ArticleList(RowList, inherit_bindings=False):
    """Rows are handed over already filtered and sorted; drawing asks only for the visible lines.

    Keys are the library screen's (remappable); this widget only draws, scrolls and takes clicks.
    """

    ROW_HEIGHT = 2  # the title line, then source · handle
    STYLE_PREFIX = "article-list"
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
        self.empty_hint = "no articles"
        self._columns = Columns(80, self.labels)
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
        # Lines are cached by article and its row's version, so an updated row redraws alone.
        self._bump(article_id)
        if article_id in self.rows:
            try:
                index = self.ids.index(article_id)
            except ValueError:
                return
            self._refresh_row_lines(index)

    @property
    def current_id(self) -> str | None:
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def _row_count(self) -> int:
        return len(self.ids)

    def _row_key(self, index: int) -> tuple:
        article_id = self.ids[index]
        return (article_id, self._versions.get(article_id, 0), index % 2)

    def _resized(self, width: int) -> None:
        self._columns = Columns(width, self.labels)

    def _post_open(self, index: int) -> None:
        self.post_message(self.Open(self.ids[index]))

    # -- drawing -------------------------------------------------------------------------

    def _header(self, width: int) -> Text:
        return self._columns.header()

    def _render_row(self, index: int, part: int, current: bool, width: int, base: Style) -> Strip:
        row = self.rows[self.ids[index]]
        if current:
            # The cursor's colours go under every piece of the row (a style applied over the finished strip
            # would lose to each piece's own background: only its bold showed), and a marker says it too.
            base = base + self.get_component_rich_style("article-list--cursor")
        elif index % 2:
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
        return self._strip(line, width, base)
