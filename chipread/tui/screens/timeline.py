"""An actor's timeline: their quotes and claims across articles in date order; enter opens the article at the statement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from chipread.errors import ChipreadError
from chipread.tui.keys import TIMELINE_KEYS, bindings
from chipread.tui.screens import ChipreadScreen
from chipread.tui.screens.dialogs import ask_date
from chipread.tui.widgets.readonly_banner import ReadOnlyBanner
from chipread.tui.widgets.steady_footer import SteadyFooter
from chipread.tui.widgets.table_list import Column, TableList

if TYPE_CHECKING:
    from chipread.actors import Actor, ActorBook, Entry


class TimelineScreen(ChipreadScreen, Screen):
    def __init__(self, book: ActorBook, actor: Actor) -> None:
        super().__init__(name="timeline")
        self.book = book
        self.actor = actor

    BINDINGS = bindings(TIMELINE_KEYS)

    def compose(self) -> ComposeResult:
        if self.book.ws.readonly:
            yield ReadOnlyBanner(self.book.ws.readonly_reason)
        yield Static(id="timeline-title", markup=False)
        columns = [
            Column("date", 11),
            Column("outlet", 16),
            Column("label", 6),
            Column("article", 14),
            Column("statement"),
        ]
        yield TableList(columns, self._cells, id="timeline-list")
        yield Static(id="timeline-detail", markup=False)
        yield SteadyFooter(compact=True, show_command_palette=False)

    @property
    def entries(self) -> TableList:
        return self.query_one("#timeline-list", TableList)

    def on_mount(self) -> None:
        self.entries.empty_hint = "finding the statements…"
        self.entries.focus()
        self.reload()

    @work(thread=True, exclusive=True, group="timeline")
    def reload(self) -> None:
        """The actor's statements, found off the UI thread (the first time, the whole store's actors are grouped)."""
        try:
            entries = self.book.timeline(self.actor.id)
        except ChipreadError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=6)
            entries = []
        self.app.call_from_thread(self._show, entries)

    def _show(self, entries: list[Entry]) -> None:
        current = self.entries.current
        index = None
        if current is not None:
            index = next((i for i, e in enumerate(entries) if e.statement.span_id == current.statement.span_id), None)
        self.entries.empty_hint = f"no quote or claim is attributed to {self.actor.name} yet"
        self.entries.show(entries, index)
        a = self.actor
        title = Text(a.name, style="bold")
        n = len(entries)
        title.append(
            f"  {a.kind or 'actor'} · {a.status} · {n} statement{'s' if n != 1 else ''} · names: {', '.join(a.keys)}",
            style="dim",
        )
        self.query_one("#timeline-title", Static).update(title)

    def _cells(self, entry: Entry) -> list[Text]:
        d = entry.date
        return [
            Text(d.shown(), style="italic" if d.estimated else ""),
            Text(entry.info.source or "—"),
            Text(entry.statement.label),
            Text(entry.info.handle),
            Text(" ".join(entry.statement.text.split())),
        ]

    def on_table_list_moved(self, message: TableList.Moved) -> None:
        entry = self.entries.current
        detail = Text()
        if entry is not None:
            detail.append(f"{entry.speaker or self.actor.name}: ", style="bold")
            detail.append(" ".join(entry.statement.text.split()))
            d = entry.date
            if d.value is None:
                key = self.chipread.key_for("timeline-set-date")
                detail.append(
                    f"\nundated: {entry.info.handle} states no date and none could be estimated ({key} sets it)",
                    style="dim",
                )
            elif d.how != "stated" or d.why:
                detail.append(
                    f"\n{d.how or 'date'}: {d.value.isoformat()}" + (f" ({d.why})" if d.why else ""), style="dim"
                )
        self.query_one("#timeline-detail", Static).update(detail)

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read-only: the footer shows (and the keys take) only what works.
        return not (action == "set_date" and self.book.ws.readonly)

    def action_open(self) -> None:
        entry = self.entries.current
        if entry is not None:
            self.chipread.open_article(entry.statement.article_id, at=entry.statement.start)

    def on_table_list_open(self, message: TableList.Open) -> None:
        self.action_open()

    def action_cursor(self, step: int) -> None:
        self.entries.move_by(step)

    def action_page(self, step: int) -> None:
        self.entries.move_pages(step)

    def action_set_date(self) -> None:
        entry = self.entries.current
        if entry is not None:
            ask_date(self, self.book, entry.info, entry.date.value, self.reload)

    def action_back(self) -> None:
        self.app.pop_screen()
