"""The chipread App: screens, the user's keymap and theme, the command palette, sessions per article."""

from __future__ import annotations

import gc
import os
from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen

from chipread.actors import ActorBook, Dates
from chipread.actors.corpus_index import CorpusIndex
from chipread.errors import ChipreadError
from chipread.model import Annotations, Article
from chipread.printable import printable
from chipread.session import AnnotationSession
from chipread.store import check_annotator
from chipread.tui.commands import ChipreadCommands
from chipread.tui.keys import APP_KEYS, bindings, effective_keys, spec_of
from chipread.tui.screens.actors import ActorsScreen
from chipread.tui.screens.help import HelpScreen
from chipread.tui.screens.library import LibraryScreen
from chipread.tui.screens.name import NameScreen
from chipread.tui.screens.reader import ReaderScreen
from chipread.tui.screens.review import ReviewScreen
from chipread.tui.screens.timeline import TimelineScreen
from chipread.workspace import LibraryRow

if TYPE_CHECKING:
    from chipread.tui.screens.export_dialog import ExportRequest
    from chipread.workspace import Workspace

SESSIONS_KEPT = 32  # sessions held open; a dropped one is reopened from its file (undo history included)


class InternalError(Exception):
    """An unexpected error, shown as the CLI shows one: one line, never a traceback that prints stored records as locals."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.__cause__ = error  # the traceback stays reachable (pytest, CHIPREAD_DEBUG)

    def __rich__(self) -> Text:
        return Text(f"chipread: internal error: {printable(self)} (set CHIPREAD_DEBUG=1 to see the traceback)")


class ChipreadApp(App[None]):
    """Thin: the workspace and sessions do the work; screens draw them and map keys to calls."""

    CSS_PATH = "app.tcss"
    TITLE = "chipread"
    BINDINGS = bindings(APP_KEYS)
    COMMANDS = App.COMMANDS | {ChipreadCommands}

    def __init__(
        self,
        workspace: Workspace,
        keymap: dict[str, str] | None = None,
        *,
        review: bool = False,
        ask_name: bool = False,
    ) -> None:
        super().__init__()
        self.ws = workspace
        workspace.tolerant = True  # open whatever can be opened; the rest is one line each (problems)
        self._problems_shown = 0
        self._user_keymap = dict(keymap or {})
        self._key_display: dict[str, str] = {}  # binding id -> the key shown for it (the keymap is set once)
        self._sessions: OrderedDict[str, AnnotationSession] = OrderedDict()
        self.order: list[str] = []  # the library's visible order: ] and [ follow it
        # Review: the workspace's annotator is the adjudicator, and opening an article reviews it.
        self.review = review
        self.library = LibraryScreen(workspace, review=review)
        self.reader = ReaderScreen(workspace)
        self.ask_name = ask_name  # served to a browser: each session names its annotator first
        # Who said what across the corpus: the actor registry, copies and dates (chipread.actors).
        self.actors = ActorBook(workspace)
        self.copies: CorpusIndex | None = None

    def _handle_exception(self, error: Exception) -> None:
        # Textual prints an unexpected error with show_locals=True; an error with __rich__ is printed as it says.
        if os.environ.get("CHIPREAD_DEBUG") or isinstance(error, InternalError):
            super()._handle_exception(error)
        else:
            super()._handle_exception(InternalError(error))

    def on_mount(self) -> None:
        self.set_keymap(self._user_keymap)
        if self.ws.config.theme:
            self.theme = self.ws.config.theme
        if self.ask_name:
            self.push_screen(NameScreen(self._named))
        else:
            self._start()

    def _named(self, name: str) -> str | None:
        """A served session's name: taken if valid and free, else why not (the session asks again)."""
        try:
            check_annotator(name)
        except ChipreadError as exc:
            return str(exc)
        if not self.ws.store.claim(name):
            return f"{name} is already working in another session: close it there, or choose another name"
        self.ws.become(name, "chosen in the browser")
        self.pop_screen()
        self._start()
        return None

    def _start(self) -> None:
        # Annotating, the reader sits under the library from the start: composed while the analyst looks at the
        # library, so opening the first article is as quick as opening the next (enter pops the library off it).
        # Reviewing, the reader is pushed over a review when the adjudicator edits.
        self.install_screen(self.reader, "reader")
        self.install_screen(self.library, "library")
        if not self.review:
            self.push_screen("reader")
        self.push_screen("library")
        self.find_copies()
        if self.ws.readonly:
            self.notify(
                printable(self.ws.readonly_reason or "opened read-only"),
                title="read-only",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.show_problems()
        self._load_recognizer()

    def show_problems(self) -> None:
        """What could not be opened (a damaged store file, a recognizer that did not load): one line each, once."""
        for line in self.ws.problems[self._problems_shown :]:
            self.notify(printable(line), title="not opened", severity="error", timeout=15, markup=False)
        self._problems_shown = len(self.ws.problems)

    @work(thread=True, exclusive=True, group="recognizer")
    def _load_recognizer(self) -> None:
        """Load the recognizer early, off the UI thread: if the configured one fails, say so at once."""
        self.ws.recognizer  # noqa: B018 - loading it is the point (the workspace falls back and keeps the line)
        self.call_from_thread(self._started)

    def _started(self) -> None:
        self.show_problems()
        # What is loaded by now (Textual, the recognizer's model and gazetteers) lives as long as the app. Left to
        # the collector, every full collection walks all of it again: a 50-70 ms pause in the middle of a key, a
        # few times a minute while tagging. Frozen, a full collection walks only what came after (an article's
        # analysis and spans), 5-15 ms. Collected first, so no garbage is kept for good.
        gc.collect()
        gc.freeze()

    # -- sessions ------------------------------------------------------------------------

    def session(self, article_id: str) -> AnnotationSession:
        """The article's session: the most recently used ones are kept; the undo history is on disk.

        Read-only, the session is made afresh each time: the annotator's own chipread may have
        tagged the article since, and opening it again must show that.
        """
        if self.ws.readonly:
            return self.ws.session(article_id)
        session = self._sessions.get(article_id)
        if session is None:
            session = self._sessions[article_id] = self.ws.session(article_id)
            while len(self._sessions) > SESSIONS_KEPT:
                self._sessions.popitem(last=False)
        else:
            self._sessions.move_to_end(article_id)
        return session

    def article_changed(self, session: AnnotationSession) -> None:
        """Keep the library's row for this article in step with the session, without rereading the store.

        Counted as Workspace.library() counts a stored file (every span, flagged ones included).
        """
        counts = {name: 0 for name in self.ws.labels.names}
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
        """The library's rows in its visible order (filtered and sorted)."""
        return self.library.visible()

    def key_for(self, binding_id: str) -> str:
        """The key that triggers a binding now (the user's keymap applied), as the footer shows it."""
        shown = self._key_display.get(binding_id)
        if shown is None:
            keys = effective_keys(spec_of(binding_id, self.ws.labels, self._keymap), self._keymap)
            shown = self._key_display[binding_id] = self.get_key_display(Binding(keys[0], "")) if keys else "?"
        return shown

    # -- navigation ----------------------------------------------------------------------

    @property
    def reader_active(self) -> bool:
        """The reader is in front (perhaps under a dialog), not under the library."""
        stack = self.screen_stack
        if self.reader not in stack:
            return False
        return self.library not in stack or stack.index(self.reader) > stack.index(self.library)

    def open_article(self, article_id: str, note: str | None = None, at: int | None = None) -> None:
        """Show the article in the reader (with the cursor at offset `at`, if given), or review it."""
        if self.review:
            self.show_library(into_review=False)
            self.push_screen(ReviewScreen(self.ws, article_id))
            return
        try:
            self.ws.get(article_id)
            self.session(article_id)  # a damaged store file is one line here, and the library stays
        except ChipreadError as exc:
            self.notify(printable(str(exc)), title="cannot open", severity="error", timeout=15, markup=False)
            return
        while self.screen is not self.reader and len(self.screen_stack) > 1:
            self.pop_screen()  # dialogs, the actors screens, then the library that lies over the reader
        self.reader.show_article(article_id, note, at=at)

    def show_library(self, into_review: bool = True) -> None:
        """Back to the library; from the reader opened by a review, back to that review."""
        if self.review:
            from_reader = self.screen is self.reader
            while len(self.screen_stack) > 1 and self.screen is not self.library:
                self.pop_screen()
                if into_review and from_reader and isinstance(self.screen, ReviewScreen):
                    return
            return
        while self.screen is not self.reader and self.screen is not self.library and len(self.screen_stack) > 1:
            self.pop_screen()
        if self.screen is self.reader:
            self.library.catch_up()
            self.push_screen("library")

    def edit_in_reader(self, article_id: str) -> None:
        """From a review: the reader on the adjudicator's annotation of the article; escape comes back."""
        self.push_screen("reader")
        self.reader.show_article(article_id, "editing as the adjudicator: escape returns to the review")

    def review_next(self, after: str) -> None:
        """The next article (library order, wrapping round) the adjudicator has not marked done."""
        found = self._next_in_order(after, lambda row: row is not None and row.status != "done")
        if found is not None:
            self.open_article(found)
            return
        self.show_library()
        self.notify("every article to review is adjudicated", title="all done", timeout=6, markup=False)

    def _next_in_order(self, after: str, wanted: Callable[[LibraryRow | None], bool]) -> str | None:
        """The first article after `after` in library order, wrapping round, whose library row (None: not listed
        yet) is `wanted`; never `after` itself."""
        order, rows = self.order, self.library.rows
        start = order.index(after) + 1 if after in order else 0
        for article_id in order[start:] + order[:start]:
            if article_id != after and wanted(rows.get(article_id)):
                return article_id
        return None

    def neighbour(self, article_id: str, step: int) -> str | None:
        order = self.order
        if article_id not in order:
            return order[0] if order else None
        index = order.index(article_id) + step
        return order[index] if 0 <= index < len(order) else None

    def open_next_todo(self, after: str, note: str | None = None) -> None:
        """After `d`: the next article (in library order, wrapping round) that is neither done nor skipped.

        `note` (what was just saved) stays in the next article's saved area instead of "all saved".
        """
        found = self._next_in_order(after, lambda row: row is None or row.status in ("todo", "in_progress"))
        if found is not None:
            self.open_article(found, note)
            return
        self.show_library()
        needle = self.library.filter_text
        if needle:
            self.notify(
                f"every article matching {needle!r} is done or skipped", title="all done", timeout=6, markup=False
            )
        else:
            self.notify("every article is done or skipped", title="all done", timeout=6, markup=False)

    # -- actors and copies ------------------------------------------------------------------

    def action_actors(self) -> None:
        if isinstance(self.screen, (ActorsScreen, TimelineScreen, ModalScreen)):
            return
        # Made once and kept (like the reader): opening it again only reads the table back.
        if not self.is_screen_installed("actors"):
            self.install_screen(ActorsScreen(self.actors), "actors")
        self.push_screen("actors")

    @work(thread=True, exclusive=True, group="copies")
    def find_copies(self) -> None:
        """Wire copies and estimated dates for the library, read from the cache or found in the background."""
        try:
            index = self.actors.corpus()
            dates = self.actors.dates()
        except ChipreadError as exc:
            self.call_from_thread(partial(self.notify, str(exc), title="copies", severity="warning", markup=False))
            return
        self.call_from_thread(self._copies_found, index, dates)

    def _copies_found(self, index: CorpusIndex, dates: Dates) -> None:
        self.copies = index
        self.library.show_copies(index, dates)

    def copy_source(self, article_id: str) -> tuple[Article, Annotations] | str:
        """The copy of this article whose annotations (this annotator's) a projection brings over, or why there is none."""
        if self.copies is None:
            return "still looking for wire copies in the corpus; try again in a moment"
        family = self.copies.copies(article_id)
        if not family:
            return "no wire copy of this article was found in the corpus"
        for other in family:  # the original first, then the copies
            article = self.ws.get(other)
            annotations = self.ws.annotations(article, self.ws.annotator)
            if any(not s.flag for s in annotations.spans):
                return article, annotations
        handles = ", ".join(self.actors.infos[o].handle for o in family if o in self.actors.infos)
        return f"none of this article's copies ({handles}) has your annotations yet"

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.ws.labels))

    # -- export --------------------------------------------------------------------------

    def export_formats(self) -> list[str]:
        from chipread.export import EXPORTERS

        return sorted(EXPORTERS)

    def export_path(self, fmt: str) -> Path:
        """Beside the store: <store>/../chipread-<format>-export<ext> (a folder for brat)."""
        from chipread.export import EXPORTERS

        exporter = EXPORTERS[fmt]
        suffix = "" if exporter.folder else exporter.extension
        return self.ws.store.root.parent / f"chipread-{fmt}-export{suffix}"

    def ask_export(self, fmt: str = "jsonl") -> None:
        """The export dialog (from the command palette): the export runs once the analyst has said where."""
        from chipread.tui.screens.export_dialog import ExportDialog, export_targets

        dialog = ExportDialog(self.export_formats(), fmt, self.export_path, partial(export_targets, self.ws))
        self.push_screen(dialog, self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            self.export(request)

    @work(thread=True, exclusive=True, group="export")
    def export(self, request: ExportRequest) -> None:
        from chipread.export import ExportOptions, export

        options = ExportOptions(statuses=request.statuses, split=request.split)
        try:
            report = export(self.ws, request.fmt, str(request.path), options)
        except ChipreadError as exc:
            self.call_from_thread(
                partial(self.notify, str(exc), title="export failed", severity="error", timeout=8, markup=False)
            )
            return
        message = report.summary()
        self.call_from_thread(partial(self.notify, message, title=f"exported {request.fmt}", timeout=8, markup=False))
