"""The library: every article with its status and span counts, overall progress, filter as you type, sort."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, Static

from chipread.team.review import library_progress
from chipread.tui.keys import LIBRARY_KEYS, bindings
from chipread.tui.screens import ChipreadScreen
from chipread.tui.screens.dialogs import ask_date
from chipread.tui.screens.filter_box import FilterBox
from chipread.tui.widgets.article_list import STATUS_TEXT, ArticleList
from chipread.tui.widgets.readonly_banner import ReadOnlyBanner
from chipread.tui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from chipread.actors import ArticleDate, Dates
    from chipread.actors.corpus_index import CorpusIndex
    from chipread.workspace import LibraryRow, Workspace

SORTS = ("date", "title", "status")
STATUS_ORDER = {"in_progress": 0, "todo": 1, "done": 2, "skipped": 3}


class LibraryScreen(FilterBox, ChipreadScreen, Screen):
    """Rows come from Workspace.library() once; after that one row is replaced from its session per change.

    Sorting orders every article once per sort (or status change); filtering keeps that order and tests a
    precomputed lower-case string per article; the list draws only the lines on screen.
    """

    BINDINGS = bindings(LIBRARY_KEYS)
    FILTER_BOX = "#filter"
    FILTER_LIST = "#articles"

    def __init__(self, workspace: Workspace, review: bool = False) -> None:
        super().__init__(name="library")
        self.ws = workspace
        self.review = review  # the adjudicator's library: articles to review, with their progress
        self.rows: dict[str, LibraryRow] = {}
        self.sort = "date"
        self.filter_text = ""
        self._haystack: dict[str, str] = {}
        self._annotators: dict[str, list[str]] = {}
        self._sorted: list[str] = []  # every article id, in the current sort
        self._stale: set[str] = set()  # rows replaced while the reader had the screen
        self._resort = False
        self.copies: CorpusIndex | None = None
        self._dates: Dates | None = None
        self.dates: dict[str, ArticleDate] = {}  # undated articles: estimated or set by the analyst

    def compose(self) -> ComposeResult:
        if self.ws.readonly:
            yield ReadOnlyBanner(self.ws.readonly_reason)
        yield Static(self.title_text(), id="library-title", markup=False)
        with Horizontal(id="progress-row"):
            yield ProgressBar(show_eta=False, id="progress")
            yield Static(id="progress-label", markup=False)
        yield Input(placeholder="filter by title, source, file, status or annotator", id="filter")
        yield ArticleList(self.ws.labels.names, id="articles")
        yield SteadyFooter(compact=True, show_command_palette=False)

    def title_text(self) -> Text:
        """Who you are and why: a shared name would show here before it mixed two people's work."""
        title = Text(f"chipread · {self.ws.annotator}", style="bold")
        if self.ws.annotator_source:
            title.append(f"  ({self.ws.annotator_source})", style="dim")
        return title

    @property
    def articles(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.articles.restyle())
        self.reload()

    def reload(self) -> None:
        """Read every row from the store (once, at start; in review, each time the library shows again)."""
        self.rows = {row.info.id: row for row in self.ws.library()}
        self.chipread.show_problems()  # a damaged store file: its article is listed as todo, and one line says why
        if self.review:
            found = library_progress(self.ws, self.ws.annotator)
            self.rows = {i: replace(row, note=found[i].note()) for i, row in self.rows.items() if i in found}
        self._annotators = self.ws.annotators_of()
        self._haystack = {article_id: self._words(row) for article_id, row in self.rows.items()}
        self._order()
        self._show()
        self._apply_copies()

    def _words(self, row: LibraryRow) -> str:
        """What the filter matches: title, source, file, status and who has annotated the article."""
        who = " ".join(self._annotators.get(row.info.id, ()))
        status = STATUS_TEXT.get(row.status, row.status)
        return f"{row.info.title}\n{row.info.source or ''}\n{row.info.handle}\n{status}\n{who}".casefold()

    def update_row(self, row: LibraryRow) -> None:
        """One article changed: keep its row without reading the store; drawn when the library shows again."""
        article_id = row.info.id
        old = self.rows.get(article_id)
        self.rows[article_id] = row
        if article_id not in self._haystack:
            self._resort = True
        if old is None or old.status != row.status:
            if self.ws.annotator not in self._annotators.setdefault(article_id, []):
                self._annotators[article_id].append(self.ws.annotator)  # its first tag made the file
            self._haystack[article_id] = self._words(row)
        if self.sort == "status" and (old is None or old.status != row.status):
            self._resort = True
        self._stale.add(article_id)
        if self.is_active:  # not merely "current": a reader over the library leaves it in the background stack
            self._catch_up()

    def visible(self) -> list[LibraryRow]:
        """The rows shown, in order (filtered and sorted)."""
        return [self.rows[i] for i in self.articles.ids]

    # -- ordering and filtering ------------------------------------------------------------

    def _order(self) -> None:
        rows = self.rows
        ids = list(rows)
        if self.sort == "title":
            ids.sort(key=lambda i: rows[i].info.title.casefold())
        elif self.sort == "status":
            ids.sort(key=lambda i: (STATUS_ORDER.get(rows[i].status, 9), rows[i].info.title.casefold()))
        else:
            # Newest first (estimated dates count); undated articles after the dated ones, in corpus order.
            ids.sort(key=lambda i: -self._date(rows[i]).toordinal() if self._date(rows[i]) else 1)
        self._sorted = ids
        self._resort = False

    def _date(self, row: LibraryRow) -> date | None:
        if row.info.published is not None:
            return row.info.published
        known = self.dates.get(row.info.id)
        return known.value if known is not None else None

    def show_copies(self, index: CorpusIndex, dates: Dates) -> None:
        """Wire copies and the dates of undated articles, found in the background (chipread.actors)."""
        self.copies, self._dates = index, dates
        if self.rows:
            self._apply_copies()

    def _apply_copies(self) -> None:
        index, dates = self.copies, self._dates
        if index is None or dates is None:
            return
        self.dates = {i: dates.article(i) for i, row in self.rows.items() if row.info.published is None}
        notes = {}
        for article_id, link in index.copy_of.items():
            original = self.rows.get(link.original)
            name = original.info.handle if original is not None else link.original[:12]
            notes[article_id] = f"copy of {name}, {round(100 * link.shared)}% shared"
        for article_id in index.families:
            if article_id not in index.copy_of:
                copies = len(index.families[article_id]) - 1
                notes[article_id] = f"{copies} wire {'copy' if copies == 1 else 'copies'} in the corpus"
        self.articles.set_extras(self.dates, notes)
        if self.sort == "date":
            self._order()
            self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read-only: the footer shows (and the keys take) only what works.
        return not (action == "set_date" and self.ws.readonly)

    def action_set_date(self) -> None:
        article_id = self.articles.current_id
        row = self.rows.get(article_id) if article_id is not None else None
        if row is None:
            return
        book = self.chipread.actors

        def saved() -> None:
            if self.copies is not None:
                self.show_copies(self.copies, book.dates())

        known = self.dates.get(row.info.id)
        ask_date(self, book, row.info, known.value if known is not None else None, saved)

    def _show(self, keep: str | None = None) -> None:
        needle = self.filter_text.casefold()
        ids = [i for i in self._sorted if needle in self._haystack[i]] if needle else list(self._sorted)
        articles = self.articles
        clear = self.chipread.key_for("library-clear-filter")
        articles.empty_hint = (
            f"no article matches {self.filter_text!r} ({clear} clears the filter)"
            if needle
            else "no article was annotated by two or more annotators"
            if self.review
            else "no articles in this corpus"
        )
        articles.show(ids, self.rows, keep=keep)
        self.chipread.order = ids
        self._progress()

    def _progress(self) -> None:
        total = len(self.rows)
        done = sum(1 for r in self.rows.values() if r.status == "done")
        self.query_one("#progress", ProgressBar).update(total=max(total, 1), progress=done)
        label = f"{done} of {total} {'adjudicated' if self.review else 'done'}"
        if self.filter_text:
            label += f" · {len(self.chipread.order)} shown"
        label += f" · sorted by {self.sort}"
        self.query_one("#progress-label", Static).update(Text(label))

    def _catch_up(self) -> None:
        """Show the rows that changed while the reader was in front."""
        reader = self.chipread.reader
        keep = reader.article.id if reader.article is not None else None
        articles = self.articles
        for article_id in self._stale:
            articles.refresh_row(article_id)  # a new version: its cached lines are not used again
        if self._resort:
            self._order()
            self._show(keep=keep)
        else:
            if keep is not None and keep in articles.rows:
                try:
                    articles.move_cursor(articles.ids.index(keep))
                except ValueError:
                    pass
            self._progress()
        self._stale.clear()

    # -- keys ----------------------------------------------------------------------------

    def on_article_list_open(self, message: ArticleList.Open) -> None:
        self.chipread.open_article(message.article_id)

    def action_open(self) -> None:
        article_id = self.articles.current_id
        if article_id is not None:
            self.chipread.open_article(article_id)

    def action_cursor(self, step: int) -> None:
        self.articles.move_by(step)

    def action_page(self, step: int) -> None:
        self.articles.move_pages(step)

    def action_edge(self, step: int) -> None:
        self.articles.move_to_edge(step)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._order()
        self._show()

    def action_clear_filter(self) -> None:
        self.clear_filter()

    def _refilter(self, *, cleared: bool) -> None:
        self._show()  # the list keeps its current article by itself

    def on_screen_resume(self) -> None:
        if self.review:
            self.catch_up()  # back from a review: its progress is read again
        self.articles.focus()

    def catch_up(self) -> None:
        """Bring the rows up to date before the library is shown again over the reader (its first frame then
        shows them as they are)."""
        if (self.ws.readonly or self.review) and self.is_mounted and self.rows:
            # Another chipread writes this store: read the rows again rather than trust what was read.
            keep = self.articles.current_id
            self.reload()
            if keep is not None and keep in self.articles.ids:
                self.articles.move_cursor(self.articles.ids.index(keep))
            self._stale.clear()
        elif self._stale or self._resort:
            self._catch_up()
