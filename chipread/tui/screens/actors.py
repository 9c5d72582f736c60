"""The actors screen: every actor across the corpus, filter as you type, confirm, merge, split by key; enter: a timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from chipread.actors import parse_name
from chipread.errors import ActorError, ChipreadError
from chipread.tui.keys import ACTORS_KEYS, bindings
from chipread.tui.screens import ChipreadScreen
from chipread.tui.screens.dialogs import PromptScreen, SplitScreen
from chipread.tui.screens.filter_box import FilterBox
from chipread.tui.widgets.readonly_banner import ReadOnlyBanner
from chipread.tui.widgets.steady_footer import SteadyFooter
from chipread.tui.widgets.table_list import Column, TableList

if TYPE_CHECKING:
    from chipread.actors import ActorBook, ActorRow
    from chipread.actors.book import Summary


# The actions that write the registry: a read-only annotator sees the actors but decides nothing.
_WRITES = frozenset(("merge", "split", "confirm", "accept", "rename", "undo", "redo"))


class ActorsScreen(FilterBox, ChipreadScreen, Screen):
    """Draws the book's view and maps keys to its decisions; every decision is one write and one undo step."""

    BINDINGS = bindings(ACTORS_KEYS)
    FILTER_BOX = "#actors-filter"
    FILTER_LIST = "#actors-list"

    def __init__(self, book: ActorBook) -> None:
        super().__init__(name="actors")
        self.book = book
        self.heads = tuple(book.ws.labels.heads)
        self.summary: Summary | None = None
        self.filter_text = ""
        self.marked: set[str] = set()
        self._asking = False  # a dialog of this screen is open

    def compose(self) -> ComposeResult:
        if self.book.ws.readonly:
            yield ReadOnlyBanner(self.book.ws.readonly_reason)
        yield Static(Text(f"actors · {self.book.ws.annotator}", style="bold"), id="actors-title", markup=False)
        yield Input(placeholder="filter actors by name", id="actors-filter")
        columns = [Column(" ", 1), Column("actor"), Column("kind", 6), Column("status", 10)]
        columns += [Column(label + "s", max(6, len(label) + 1), "right") for label in self.heads]
        columns += [Column("articles", 8, "right"), Column("first", 11), Column("last", 11)]
        yield TableList(columns, self._cells, id="actors-list")
        yield Static(id="actors-detail", markup=False)
        yield SteadyFooter(compact=True, show_command_palette=False)

    @property
    def actors(self) -> TableList:
        return self.query_one("#actors-list", TableList)

    def on_mount(self) -> None:
        self.query_one("#actors-filter", Input).display = False
        self.actors.empty_hint = "reading the store…"
        self.actors.focus()
        self.load()

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="actors")
    def load(self, keep: str | None = None) -> None:
        """The actor table, made off the UI thread (read back from the cache when the store did not change)."""
        try:
            summary = self.book.summary()
        except ChipreadError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=8)
            return
        self.app.call_from_thread(self._loaded, summary, keep)

    def _loaded(self, summary: Summary, keep: str | None, said: str | None = None) -> None:
        if said is not None:
            self.notify(f"saved ✓ {said}", timeout=4)
        first = self.summary is None
        self.summary = summary
        self.marked &= {row.actor.id for row in summary.rows}
        current = self.actors.current
        self._show(keep or (current.actor.id if current is not None else None))
        if first:
            for line in summary.unreadable:
                self.notify(line, severity="warning", timeout=8)

    def _show(self, keep: str | None = None) -> None:
        if self.summary is None:
            return
        rows = self.summary.rows
        needle = self.filter_text.casefold()
        shown = [r for r in rows if not needle or _matches(r, needle)]
        index = next((i for i, r in enumerate(shown) if r.actor.id == keep), None)
        if needle:
            self.actors.empty_hint = f"no actor matches {self.filter_text!r}"
        else:
            self.actors.empty_hint = "no actor spans yet: tag actors in the reader and link quotes and claims to them"
        self.actors.show(shown, index)
        statements = sum(r.statements for r in rows)
        title = Text(f"actors · {self.book.ws.annotator}", style="bold")
        title.append(f"  {len(rows)} actors, {statements} attributed statements", style="dim")
        if needle:
            title.append(f" · {len(shown)} shown", style="dim")
        if self.marked:
            title.append(f" · {len(self.marked)} marked", style="bold")
        self.query_one("#actors-title", Static).update(title)
        self._detail()

    def _cells(self, row: ActorRow) -> list[Text]:
        a = row.actor
        mark = Text("●", style="bold") if a.id in self.marked else Text(" ")
        name = Text(a.name, style="bold" if a.stored else "")
        if row.suggestions:
            name.append(" ?", style="bold")
        return [
            mark,
            name,
            Text(a.kind or "-"),
            Text(a.status, style="dim" if not a.stored else ""),
            *(Text(str(row.counts.get(label, 0)) if row.counts.get(label) else "·") for label in self.heads),
            Text(str(row.articles)),
            Text(row.first.shown() if row.first else "—", style="italic" if row.first and row.first.estimated else ""),
            Text(row.last.shown() if row.last else "—", style="italic" if row.last and row.last.estimated else ""),
        ]

    def on_table_list_moved(self, message: TableList.Moved) -> None:
        self._detail()

    def _detail(self) -> None:
        row = self.actors.current
        detail = Text()
        if row is not None:
            a = row.actor
            detail.append("names: ", style="dim")
            detail.append(", ".join(a.keys) or "-")
            if a.new_keys:
                detail.append(f"  (new since confirmed: {', '.join(a.new_keys)}; c confirms)", style="dim")
            written = sorted(a.surface.items(), key=lambda item: -item[1])[:4]
            if written:
                detail.append("\nwritten: ", style="dim")
                detail.append(" · ".join(f"{text} ({n})" for text, n in written))
            for reason in row.suggestions[:1]:
                detail.append(f"\nsuggested ({self.chipread.key_for('actors-accept')} accepts): ", style="dim")
                detail.append(reason)
        if self.marked and self.summary is not None:
            names = [r.actor.name for r in self.summary.rows if r.actor.id in self.marked]
            detail.append(
                f"\nmarked: {', '.join(sorted(names))} ({self.chipread.key_for('actors-merge')} merges them into this one)",
                style="bold",
            )
        self.query_one("#actors-detail", Static).update(detail)

    # -- keys ------------------------------------------------------------------------------

    def _current(self) -> ActorRow | None:
        row = self.actors.current
        if row is None:
            self.notify("no actor here", timeout=3)
        return row

    # Not exclusive: a load must never cancel a decision (the book's lock keeps them in order).
    @work(thread=True, group="actor-decisions")
    def _decide(self, decision: Callable[[], str], keep: str | None) -> None:
        """Make one decision (one write, one undo step) off the UI thread, then show the actors again."""
        try:
            said = decision()
            summary = self.book.summary()
        except ChipreadError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=6)
            return
        self.app.call_from_thread(self._loaded, summary, keep, said)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _WRITES and self.book.ws.readonly:
            return False  # read-only: the footer shows (and the keys take) only what works
        return True

    def action_open(self) -> None:
        row = self._current()
        if row is not None:
            from chipread.tui.screens.timeline import TimelineScreen

            self.app.push_screen(TimelineScreen(self.book, row.actor))

    def on_table_list_open(self, message: TableList.Open) -> None:
        self.action_open()

    def action_cursor(self, step: int) -> None:
        self.actors.move_by(step)

    def action_page(self, step: int) -> None:
        self.actors.move_pages(step)

    def action_mark(self) -> None:
        row = self._current()
        if row is None:
            return
        self.marked ^= {row.actor.id}
        self.actors.refresh_row(self.actors.cursor)
        self.actors.move_by(1)
        self._show(self.actors.current.actor.id if self.actors.current else None)

    def action_merge(self) -> None:
        row = self._current()
        if row is None:
            return
        sources = sorted(self.marked - {row.actor.id})
        if not sources:
            key = self.chipread.key_for("actors-mark")
            self.notify(f"mark the actors to merge into {row.actor.name} with {key} first", timeout=5)
            return
        self.marked.clear()
        self._decide(lambda: self.book.merge(row.actor.id, sources), row.actor.id)

    def action_split(self) -> None:
        row = self._current()
        if row is None:
            return
        actor = row.actor
        if len(actor.keys) < 2:
            self.notify(f"{actor.name} has one name only: nothing to split", timeout=4)
            return
        counts: dict[str, int] = {}
        for text, n in actor.surface.items():
            key = parse_name(text).key
            counts[key] = counts.get(key, 0) + n
        names = [(key, counts.get(key, 0)) for key in actor.keys]

        def chosen(keys: list[str] | None) -> None:
            if keys:
                self._decide(lambda: self.book.split(actor.id, keys), actor.id)

        self._asking = True
        self.app.push_screen(SplitScreen(actor.name, names), chosen)

    def action_confirm(self) -> None:
        row = self._current()
        if row is not None:
            self._decide(lambda: self.book.confirm(row.actor.id), row.actor.id)

    def action_accept(self) -> None:
        row = self._current()
        if row is not None:
            self._decide(lambda: self.book.accept(row.actor.id), None)

    def action_rename(self) -> None:
        row = self._current()
        if row is None:
            return
        actor = row.actor

        def named(name: str | None) -> None:
            if name is not None and name.strip() and name.strip() != actor.name:
                self._decide(lambda: self.book.rename(actor.id, name), actor.id)

        self._asking = True
        self.app.push_screen(PromptScreen(f"Rename {actor.name}", actor.name), named)

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        verb = "undo" if undo else "redo"

        def step() -> str:
            done = self.book.undo() if undo else self.book.redo()
            if done is None:
                raise ActorError(f"nothing to {verb} among the actors")
            return f"{'undone' if undo else 'redone'}: {done}"

        current = self.actors.current
        self._decide(step, current.actor.id if current is not None else None)

    def action_back(self) -> None:
        if not self.clear_filter():
            self.app.pop_screen()

    def _refilter(self, *, cleared: bool) -> None:
        current = self.actors.current
        self._show(current.actor.id if cleared and current is not None else None)

    def on_screen_resume(self) -> None:
        # Back from a timeline or the reader the store may have changed (a date set, a span tagged); back
        # from a dialog it has not (its decision reloads by itself).
        asking, self._asking = self._asking, False
        if self.is_mounted and self.summary is not None and not asking:
            current = self.actors.current
            self.load(current.actor.id if current is not None else None)
        self.actors.focus()


def _matches(row: ActorRow, needle: str) -> bool:
    a = row.actor
    return needle in a.name.casefold() or any(needle in key for key in a.keys)
