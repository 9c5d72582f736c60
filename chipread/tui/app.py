"""The chipread App: screens, the user's keymap and theme, the command palette, sessions per article."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from chipread.errors import ChipreadError
from chipread.session import AnnotationSession
from chipread.tui.commands import ChipreadCommands, export_available
from chipread.tui.keys import APP_KEYS, bindings
from chipread.tui.screens.help import HelpScreen
from chipread.tui.screens.library import LibraryScreen
from chipread.tui.screens.reader import ReaderScreen
from chipread.workspace import LibraryRow

if TYPE_CHECKING:
    from chipread.workspace import Workspace

class ChipreadApp(App[None]):
    """Thin: the workspace and sessions do the work; screens draw them and map keys to calls."""

    CSS_PATH = "app.tcss"
    TITLE = "chipread"
    BINDINGS = bindings(APP_KEYS)
    COMMANDS = App.COMMANDS | {ChipreadCommands}

    def __init__(self, workspace: Workspace, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.ws = workspace
        self._user_keymap = dict(keymap or {})
        self._sessions: dict[str, AnnotationSession] = {}
        self.order: list[str] = []  # the library's visible order: ] and [ follow it
        self.library = LibraryScreen(workspace)
        self.reader = ReaderScreen(workspace)

    def on_mount(self) -> None:
        self.set_keymap(self._user_keymap)
        if self.ws.config.theme:
            self.theme = self.ws.config.theme
        self.install_screen(self.reader, "reader")
        self.push_screen(self.library)
        if self.ws.readonly:
            self.notify(self.ws.readonly_reason or "opened read-only", title="read-only", severity="warning", timeout=10,
                        markup=False)

    # -- sessions ------------------------------------------------------------------------

    def session(self, article_id: str) -> AnnotationSession:
        """One session per article for the life of the app (each holds its file and undo history)."""
        session = self._sessions.get(article_id)
        if session is None:
            session = self._sessions[article_id] = self.ws.session(article_id)
        return session

    def article_changed(self, session: AnnotationSession) -> None:
        """Keep the library's row for this article in step with the session, without rereading the store."""
        labels = self.ws.labels.names
        counts = {name: 0 for name in labels}
        for span in session.spans:
            counts[span.label] = counts.get(span.label, 0) + 1
        old = self.library.rows.get(session.article.id)
        row = LibraryRow(
            info=old.info if old else session.article.info,
            status=session.status,
            counts=counts,
            flagged=len(session.flagged),
            imported=old.imported if old else False,
        )
        self.library.update_row(row)

    def library_rows(self) -> list[LibraryRow]:
        return self.library.visible() if self.library.rows else self.ws.library()

    # -- navigation ----------------------------------------------------------------------

    @property
    def reader_active(self) -> bool:
        return self.screen is self.reader or (len(self.screen_stack) > 1 and self.reader in self.screen_stack)

    def open_article(self, article_id: str) -> None:
        if self.screen is not self.reader:
            while len(self.screen_stack) > 1 and self.screen is not self.library:
                self.pop_screen()
            self.push_screen("reader")
        self.reader.show_article(article_id)

    def show_library(self) -> None:
        while len(self.screen_stack) > 1 and self.screen is not self.library:
            self.pop_screen()

    def neighbour(self, article_id: str, step: int) -> str | None:
        order = self.order or [row.info.id for row in self.library_rows()]
        if article_id not in order:
            return order[0] if order else None
        index = order.index(article_id) + step
        return order[index] if 0 <= index < len(order) else None

    def open_next_todo(self, after: str) -> None:
        """After `d`: the next article (in library order, wrapping round) that is neither done nor skipped."""
        order = self.order or [row.info.id for row in self.library_rows()]
        rows = self.library.rows
        start = order.index(after) + 1 if after in order else 0
        for article_id in order[start:] + order[:start]:
            row = rows.get(article_id)
            if article_id != after and (row is None or row.status in ("todo", "in_progress")):
                self.open_article(article_id)
                return
        self.show_library()
        self.notify("every article is done or skipped", title="all done", timeout=6, markup=False)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.ws.labels))

    # -- export --------------------------------------------------------------------------

    def export_formats(self) -> list[str]:
        if not export_available():
            return []
        from chipread.export import EXPORTERS

        return sorted(EXPORTERS)

    def export_path(self, fmt: str) -> Path:
        """Beside the store: <store>/../chipread-<format>-export<ext> (a folder for brat)."""
        from chipread.export import EXPORTERS

        exporter = EXPORTERS[fmt]
        suffix = "" if exporter.folder else exporter.extension
        return self.ws.store.root.parent / f"chipread-{fmt}-export{suffix}"

    @work(thread=True, exclusive=True, group="export")
    def export(self, fmt: str) -> None:
        from chipread.export import ExportOptions, export

        path = self.export_path(fmt)
        try:
            report = export(self.ws, fmt, str(path), ExportOptions())
        except ChipreadError as exc:
            self.call_from_thread(partial(self.notify, str(exc), title="export failed", severity="error", timeout=8, markup=False))
            return
        message = report.summary()
        self.call_from_thread(partial(self.notify, message, title=f"exported {fmt}", timeout=8, markup=False))
