"""The reader: one article's text, its spans and links, and every annotation key."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from chipread.errors import ChipreadError
from chipread.linking import SPEAKER_ENTITY_LABELS, speaker_candidates
from chipread.model import Article, Candidate, Span
from chipread.nlp.quotes import quotation_at
from chipread.tui.keys import READER_KEYS, bindings, label_keys
from chipread.tui.screens import ChipreadScreen
from chipread.tui.widgets.article_view import ArticleView
from chipread.tui.widgets.readonly_banner import ReadOnlyBanner
from chipread.tui.widgets.span_panel import SpanPanel
from chipread.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from chipread.nlp import Analysis
    from chipread.session import AnnotationSession
    from chipread.workspace import Workspace

Range = tuple[int, int]
NARROW = 100  # below this many columns the span list leaves the side and starts hidden


@dataclass(frozen=True, slots=True)
class Stop:
    """A place `tab` stops at: an entity or a quote/claim suggestion."""

    start: int
    end: int
    kind: str  # "entity" or "suggestion"
    label: str  # OntoNotes type, or the suggested label
    origin: str  # what a span tagged from it records as its origin
    item: Any


@dataclass
class Linking:
    """`r` was pressed on a quote or claim: who said it?"""

    head: Span
    candidates: list[Candidate]
    index: int = 0
    # The speaker picked by moving the cursor instead of cycling the candidates.
    manual: tuple[int, int, str] | None = None
    # The cursor (token, selection) `manual` was worked out for: keys can outrun the CursorMoved messages.
    seen: tuple[int, tuple[int, int] | None] = (-1, None)

    def target(self) -> tuple[int, int, str] | None:
        if self.manual is not None:
            return self.manual
        if self.candidates:
            c = self.candidates[self.index]
            return c.start, c.end, f"{c.label}, {c.reason}"
        return None


@dataclass
class Place:
    """Where the annotator was in an article, restored when they come back to it."""

    offset: int = 0
    scroll: int = 0


@dataclass
class History:
    """How many of one article's next undo and redo steps were made (or moved) in this run.

    The article file keeps its history across runs, so the next undo may be yesterday's work. Steps made,
    undone or redone in this run sit on top of the stacks; anything below them is older and guarded: the
    first `u` only says what it would undo.
    """

    undo: int = 0  # the top `undo` undo steps are from this run
    redo: int = 0  # the next `redo` redo steps are from this run

    def pushed(self) -> None:
        self.undo += 1
        self.redo = 0  # a new step drops the redo steps

    def undone(self) -> None:
        self.undo = max(0, self.undo - 1)
        self.redo += 1  # undone just now: redoing it is no surprise

    def redone(self) -> None:
        self.redo = max(0, self.redo - 1)
        self.undo += 1

    def fresh(self, undo: bool) -> bool:
        return (self.undo if undo else self.redo) > 0


class ReaderScreen(ChipreadScreen, Screen):
    """Annotation happens here. Widgets draw; this screen decides what a key means and asks the session."""

    BINDINGS = bindings(READER_KEYS)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(name="reader")
        self.ws = workspace
        self.labels = workspace.labels
        # Label keys come from the label set, so they are added per instance rather than per class.
        self._bindings = BindingsMap.merge([self._bindings, BindingsMap(bindings(label_keys(self.labels)))])
        self.article: Article | None = None
        self.session: AnnotationSession | None = None
        self.analysis: Analysis | None = None
        self._stops: list[Stop] = []
        self._stop_starts: list[int] = []
        self._tagged: set[Range] = set()
        self._jumped: int | None = None  # the stop `tab` jumped to...
        self._jumped_at = -1  # ...valid while the cursor is still on the token it jumped to
        self._sentence_starts: list[int] = []
        self._span_starts: tuple[tuple[Span, ...], list[int]] = ((), [])  # n / N: spans and their starts
        self._histories: dict[str, History] = {}
        # After a guarded first u / U: (article, undo?, the cursor then). The second press counts only
        # from the same place, read from the view itself (a move's message may not have arrived yet).
        self._armed: tuple[str, bool, tuple[int, Range | None]] | None = None
        self._follow: str | None = None  # the span the list's cursor should be on
        self._link: Linking | None = None
        self.last_label: str | None = None
        self._places: dict[str, Place] = {}
        self._panel_choice: bool | None = None  # the user's p, else it follows the width
        self._panel_borrowed = False  # shown only while `o` has the focus in it
        self._pending: str | None = None  # asked for before the screen was mounted
        self._shown_status: tuple[str, int] = ("", 0)
        self._panel_stale = True
        self._ready = False

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.ws.readonly:
            yield ReadOnlyBanner(self.ws.readonly_reason)
        with Vertical(id="reader-head"):
            yield Static(id="reader-title", markup=False)
            yield Static(id="reader-meta", markup=False)
            yield Static(id="legend", markup=False)
        with Horizontal(id="reader-body"):
            yield ArticleView(self.labels, id="text")
            yield SpanPanel(self._label_style, id="spans")
        yield StatusLine(id="status")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def view(self) -> ArticleView:
        return self.query_one("#text", ArticleView)

    @property
    def panel(self) -> SpanPanel:
        return self.query_one("#spans", SpanPanel)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def _label_style(self, label: str):
        return self.view.label_style(label)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._layout(self.app.size.width)
        self._ready = True
        if self._pending is not None:
            self.show_article(self._pending)

    def _theme_changed(self, _theme: object) -> None:
        self.view.restyle()
        self.panel.restyle()
        self._refresh_panel()
        self._show_legend()
        self._describe()  # the status line's label colours come from the theme too

    def on_resize(self, event) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        visible = self._panel_choice if self._panel_choice is not None else not narrow
        self.panel.display = visible or self._panel_borrowed
        if self.panel.display and self._panel_stale and self.session is not None:
            self._refresh_panel()

    def on_screen_resume(self) -> None:
        self.view.focus()

    # -- opening an article ----------------------------------------------------------------

    def show_article(self, article_id: str, note: str | None = None) -> None:
        """Open an article: its text at once, its entities and suggestions as soon as they are computed.

        `note` replaces "all saved" in the saved area (what was just saved in the article left behind).
        """
        if not self._ready:
            self._pending = article_id
            return
        self._pending = None
        if self.article is not None:
            self._places[self.article.id] = Place(self.view.cursor_offset, round(self.view.scroll_y))
        self._cancel_link()
        self.article = self.ws.get(article_id)
        self.session = self.chipread.session(article_id)
        self.analysis = None
        self._stops, self._stop_starts, self._jumped = [], [], None
        self._sentence_starts = []
        self._armed = None
        self._follow = None
        self.view.load(self.article.text)
        self.view.set_spans(self.session.spans)
        self._tagged = {(s.start, s.end) for s in self.session.spans if not s.flag}
        self._refresh_panel()
        self._show_head()
        self.status.show(Text("analysing…", style="italic"))
        if note is not None:
            self.status.saved(note)
        else:
            self.status.saved("read-only" if self.session.readonly else "all saved", ok=not self.session.readonly)
        self.view.focus()
        self._analyse(self.article)

    @work(thread=True, exclusive=True, group="analysis")
    def _analyse(self, article: Article) -> None:
        analysis = self.ws.analyse(article)
        self.app.call_from_thread(self._analysed, article.id, analysis)

    def _analysed(self, article_id: str, analysis: Analysis) -> None:
        if self.article is None or self.article.id != article_id:
            return  # the annotator moved on before this finished
        self.analysis = analysis
        stops = [Stop(e.start, e.end, "entity", e.label, f"entity:{e.label}", e) for e in analysis.entities]
        stops += [
            Stop(s.start, s.end, "suggestion", s.label, f"suggestion:{s.reason.split(':')[0]}", s)
            for s in analysis.suggestions
        ]
        stops.sort(key=lambda s: (s.start, s.end))
        self._stops, self._stop_starts = stops, [s.start for s in stops]
        self._sentence_starts = [s.start for s in analysis.sentences]
        self.view.set_analysis(analysis.tokens, analysis.sentences, analysis.entities)
        place = self._places.get(article_id)
        if place is not None and analysis.tokens:
            self.view.scroll_to(y=place.scroll, animate=False)
            self.view.move_to(place.offset, "load")
        self._show_legend()
        self._describe()

    def _show_head(self) -> None:
        article = self.article
        assert article is not None
        self.query_one("#reader-title", Static).update(Text(article.title or article.handle, style="bold"))
        self._show_meta()
        self._show_legend()

    def _show_meta(self) -> None:
        article = self.article
        assert article is not None and self.session is not None
        meta = Text(no_wrap=False)
        parts = [article.source, article.published.isoformat() if article.published else None, article.handle]
        meta.append(" · ".join(p for p in parts if p), style="dim")
        order = self.chipread.order
        if article.id in order:
            meta.append(f"  ·  article {order.index(article.id) + 1} of {len(order)}", style="dim")
        meta.append("  ·  ")
        meta.append(self.session.status.replace("_", " "), style="bold")
        meta.append(f" by {self.session.annotator}", style="dim")  # whose work the keys change
        flagged = len(self.session.flagged)
        if flagged:
            meta.append(f"  ·  ⚠ {flagged} flagged", style="bold")
            meta.append(" (text no longer found: see the span list)", style="dim")
        self._shown_status = (self.session.status, flagged)
        self.query_one("#reader-meta", Static).update(meta)

    def _show_legend(self) -> None:
        legend = Text(no_wrap=False)
        for label in self.labels.labels:
            key = self.chipread.key_for(f"tag-{label.name}")
            legend.append(f" {label.name} ", self.view.label_style(label.name))
            legend.append(f" {key}  ", style="bold")
        types = sorted({e.label for e in self.analysis.entities}) if self.analysis else []
        if types:
            legend.append(" ")
            for name in types:
                legend.append(f" {name} ", self.view.entity_style(name))
                legend.append(" ")
        self.query_one("#legend", Static).update(legend)

    # -- what is under the cursor ------------------------------------------------------------

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        # Messages arrive after the keys that caused them have been handled, and maybe after later keys:
        # everything here reads the view as it is now, not as the message describes it.
        if self._jumped is not None and self._current_jump() is None:
            self._jumped = None
            self.view.set_highlight(None)
        if self._link is not None and message.by != "load":
            self._sync_link()
            self._show_link()
            return
        self._describe()

    def _current_jump(self) -> int | None:
        """The stop `tab` jumped to, if the cursor has not moved off it since (keys can outrun messages)."""
        if self._jumped is not None and self.view.cursor == self._jumped_at:
            return self._jumped
        return None

    def _jumped_stop(self) -> Stop | None:
        index = self._current_jump()
        return self._stops[index] if index is not None else None

    def _innermost(self, spans: list[Span]) -> Span | None:
        return min(spans, key=lambda s: s.end - s.start) if spans else None

    def _describe(self) -> None:
        """The status line: entity, suggestion, tagged spans and links under the cursor."""
        if self._link is not None:
            self._show_link()
            return
        if self.analysis is None or self.session is None:
            return
        offset = self.view.cursor_offset
        parts: list[Text] = []
        selection = self.view.selection
        if selection:
            n = len(self.article.text[selection[0] : selection[1]].split())
            parts.append(
                Text(f"selection: {n} word{'s' if n != 1 else ''} — press a label key to tag it", style="bold")
            )
        # Most important first: what is tagged here (and who said it), then the entity, then the suggestion.
        spans = sorted(self.session.spans_at(offset), key=lambda s: s.start - s.end)
        for span in spans:
            piece = Text()
            piece.append(f" {span.label} ", self.view.label_style(span.label))
            for rel in self.session.relations_of(span.id):
                other = rel.child if rel.head == span.id else rel.head
                try:
                    other_text = self.session.span(other).text
                except ChipreadError:
                    continue
                if rel.head == span.id:
                    piece.append(" by " + _short(other_text, 30))
                else:
                    piece.append(f" said {_short(other_text, 30)!r}")
            parts.append(piece)
        entity = self.analysis.entity_at(offset)
        if entity is not None:
            piece = Text()
            piece.append(f" {entity.label} ", self.view.entity_style(entity.label))
            piece.append(" " + _shown(entity.text))
            if entity.value:
                piece.append(f" = {entity.value}", style="bold")
            parts.append(piece)
        stop = self._jumped_stop()
        suggestion = stop.item if stop is not None and stop.kind == "suggestion" else None
        if suggestion is None:
            found = self.analysis.suggestions_at(offset)
            suggestion = min(found, key=lambda s: s.end - s.start) if found else None
        if suggestion is not None:
            piece = Text()
            piece.append(f"{suggestion.label} suggestion", style="italic")
            piece.append(f" ({suggestion.reason})", style="dim")
            if suggestion.speaker is not None:
                piece.append(" · speaker " + _shown(suggestion.speaker.text))
            parts.append(piece)
        if not parts:
            token = self.view.cursor_token
            parts.append(Text(_shown(token.text) if token else "", style="dim"))
        line = Text(" · ").join(parts)
        self.status.show(line)
        self._follow = spans[-1].id if spans else None
        if self.panel.display and self._follow is not None:
            self.panel.follow(self._follow)

    # -- jumping -------------------------------------------------------------------------

    def _untagged(self, stop: Stop) -> bool:
        return self._trim(stop.start, stop.end) not in self._tagged

    def _trim(self, start: int, end: int) -> Range:
        piece = self.article.text[start:end] if self.article else ""
        return start + (len(piece) - len(piece.lstrip())), end - (len(piece) - len(piece.rstrip()))

    def _next_stop(self, step: int, fits: Callable[[Stop], bool] = lambda s: True) -> int | None:
        if not self._stops:
            return None
        jumped = self._current_jump()
        if jumped is not None:
            i = jumped + step
        elif step > 0:
            i = bisect_right(self._stop_starts, self.view.cursor_offset)
        else:
            i = bisect_right(self._stop_starts, self.view.cursor_offset - 1) - 1
        while 0 <= i < len(self._stops):
            stop = self._stops[i]
            if self._untagged(stop) and fits(stop):
                return i
            i += step
        return None

    def _jump(self, index: int) -> None:
        stop = self._stops[index]
        self._jumped = index
        self.view.set_highlight((stop.start, stop.end))
        self.view.move_to(stop.start, "suggestion")
        self._jumped_at = self.view.cursor

    def action_next_suggestion(self) -> None:
        self._suggestion(1)

    def action_prev_suggestion(self) -> None:
        self._suggestion(-1)

    def _suggestion(self, step: int) -> None:
        if self._link is not None:
            self._cycle_candidate(step)
            return
        index = self._next_stop(step)
        if index is None:
            self.notify(
                "no more untagged suggestions " + ("after" if step > 0 else "before") + " the cursor", timeout=3
            )
            return
        self._jump(index)

    def action_span(self, step: int) -> None:
        if not self.session:
            return
        offset = self.view.cursor_offset
        spans, starts = self._span_starts
        if spans is not self.session.spans:  # the session hands back the same tuple until something changes
            spans, starts = self.session.spans, [s.start for s in self.session.spans]
            self._span_starts = spans, starts
        found = None
        if step > 0:
            i = bisect_right(starts, offset)
            while i < len(spans) and found is None:
                found = spans[i] if not spans[i].flag else None
                i += 1
        else:
            i = bisect_left(starts, offset) - 1
            while i >= 0 and found is None:
                found = spans[i] if not spans[i].flag else None
                i -= 1
        if found is None:
            self.notify("no more tagged spans " + ("after" if step > 0 else "before") + " the cursor", timeout=3)
            return
        self.view.move_to(found.start, "span")

    # -- selecting -----------------------------------------------------------------------

    def action_select_entity(self) -> None:
        entity = self.analysis.entity_at(self.view.cursor_offset) if self.analysis else None
        if entity is None:
            self.notify("no entity under the cursor", timeout=3)
            return
        self._select(entity.start, entity.end)

    def action_select_sentence(self) -> None:
        sentence = self.analysis.sentence_at(self.view.cursor_offset) if self.analysis else None
        if sentence is None:
            self.notify("no sentence under the cursor", timeout=3)
            return
        self._select(*self._trim(sentence.start, sentence.end))

    def action_select_quotation(self) -> None:
        found = quotation_at(self.article.text, self.view.cursor_offset) if self.article else None
        if found is None:
            self.notify("no quotation around the cursor", timeout=3)
            return
        self._select(*found)

    def _select(self, start: int, end: int) -> None:
        self.view.select(start, end)
        self._describe()

    def action_escape(self) -> None:
        if self._link is not None:
            self._cancel_link()
            self._describe()
        elif self.view.selection is not None:
            self.view.clear_selection()
            self._describe()
        elif self._current_jump() is not None:
            self._jumped = None
            self.view.set_highlight(None)
        else:
            # A stale jump (the cursor moved off it, its message not handled yet) is no reason to stay.
            self._jumped = None
            self.chipread.show_library()

    # -- tagging -------------------------------------------------------------------------

    def _edit(
        self, change: Callable[[], Any], done: Callable[[Any], str], after: Callable[[], None] | None = None
    ) -> Any:
        """Run one session change; show what was saved, or the one-line reason it was refused."""
        if self.session is None:
            return None
        self._armed = None
        version = self.session.version
        try:
            result = change()
        except ChipreadError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.status.saved("not saved", ok=False)
            return None
        if self.session.version != version:  # a step was written (setting the same status writes nothing)
            self._history_of(self.session).pushed()
        if after is not None:
            after()
        self._changed()
        self.status.saved(f"saved \u2713 {done(result)}")
        return result if result is not None else True

    def _changed(self) -> None:
        """Redraw only what a change touched: the lines of the changed spans, the list, the status."""
        assert self.session is not None
        spans = self.session.spans
        self.view.set_spans(spans)
        self._tagged = {(s.start, s.end) for s in spans if not s.flag}
        # The list and the library row follow once the text has shown the change.
        self._panel_stale = True
        session = self.session
        self.call_after_refresh(self._after_change, session)
        if (self.session.status, len(self.session.flagged)) != self._shown_status:
            self._show_meta()
        self._describe()

    def _after_change(self, session: AnnotationSession) -> None:
        self.chipread.article_changed(session)
        if session is self.session and self._panel_stale:
            self._refresh_panel()

    def _refresh_panel(self) -> None:
        # Hidden, the list costs nothing; it is rebuilt when it is shown.
        if self.session is not None and self.panel.display:
            self.panel.show(self.session.spans, self.session.relations)
            self._panel_stale = False
            # The rows were rebuilt: put the list's cursor back on the span under the text cursor.
            self.panel.follow(self._follow)
        else:
            self._panel_stale = True

    def _target(self, label: str) -> tuple[int, int, str] | None:
        """What a label key tags when nothing is selected: the fitting suggestion under the cursor."""
        assert self.analysis is not None and self.article is not None
        offset = self.view.cursor_offset
        stop = self._jumped_stop()
        if label in self.labels.heads:
            if stop is not None and stop.kind == "suggestion" and stop.label == label:
                return stop.start, stop.end, stop.origin
            suggestion = self.analysis.suggestion_at(offset, label)
            if suggestion is not None:
                return suggestion.start, suggestion.end, f"suggestion:{suggestion.reason.split(':')[0]}"
            if label == "quote":
                found = quotation_at(self.article.text, offset)
                return (*found, "quotation") if found else None
            sentence = self.analysis.sentence_at(offset)
            return (sentence.start, sentence.end, "sentence") if sentence else None
        if stop is not None and stop.kind == "entity":
            return stop.start, stop.end, stop.origin
        entity = self.analysis.entity_at(offset)
        if entity is not None:
            return entity.start, entity.end, f"entity:{entity.label}"
        token = self.view.cursor_token
        # Only a word or a number: "." or "--" as an actor is junk in the dataset.
        return (token.start, token.end, "token") if token and _wordlike(token.text) else None

    def action_tag(self, label: str) -> None:
        if self.session is None:
            return
        self._cancel_link()
        selection = self.view.selection
        keys = ", ".join(
            self.chipread.key_for(k)
            for k in ("select-toggle", "extend-next", "select-entity", "select-sentence", "select-quotation")
        )
        if selection is not None:
            start, end, origin = *selection, "manual"
            if not _wordlike(self.article.text[start:end]):
                # A lone "," or a run of spaces as an actor is junk in the dataset.
                self._refuse(f"the selection has no word in it: nothing tagged as {label} ({keys} select)")
                return
        elif self.analysis is None:
            self.notify("still analysing this article; try again in a moment", timeout=3)
            return
        else:
            target = self._target(label)
            if target is None:
                what = "quotation" if label == "quote" else "sentence" if label in self.labels.heads else "word"
                self._refuse(f"no {label} suggestion or {what} here: select the text first ({keys})")
                return
            start, end, origin = target
        span = self._edit(
            lambda: self.session.add_span(start, end, label, origin=origin),
            lambda s: f"{s.label} {_short(s.text, 24)!r}",
            after=self.view.clear_selection,
        )
        if span:
            self.last_label = label

    def _refuse(self, reason: str) -> None:
        """A label key found nothing worth tagging: the status line says why (a toast could hide the text)."""
        line = Text()
        line.append(" not tagged ", style="reverse bold")
        line.append(" " + reason)
        self.status.show(line)  # the saved area keeps saying what was last saved

    def action_repeat(self) -> None:
        label = self.last_label
        if label is None:
            self.notify("tag something first; . repeats the last label on the next suggestion", timeout=4)
            return
        if label in self.labels.actors:

            def fits(stop: Stop) -> bool:
                return stop.kind == "entity" and stop.label in SPEAKER_ENTITY_LABELS
        elif label in self.labels.heads:

            def fits(stop: Stop) -> bool:
                return stop.kind == "suggestion" and stop.label == label
        else:

            def fits(stop: Stop) -> bool:
                return stop.kind == "entity"

        index = self._next_stop(1, fits)
        if index is None:
            self.notify(f"no more {label} suggestions after the cursor", timeout=3)
            return
        self._jump(index)
        self.action_tag(label)

    def action_delete_span(self) -> None:
        if self.session is None:
            return
        self._cancel_link()
        span = self._innermost(self.session.spans_at(self.view.cursor_offset))
        if span is None:
            self.notify("no span under the cursor", timeout=3)
            return
        self._delete(span)

    def _delete(self, span: Span) -> None:
        """Delete a span; the links it is part of go with it, and the message says so."""
        session = self.session
        assert session is not None
        links = len(session.relations_of(span.id))
        also = f" and {links} link{'s' if links != 1 else ''}" if links else ""
        self._edit(
            lambda: session.delete_span(span.id), lambda _: f"deleted {span.label} {_short(span.text, 30)!r}{also}"
        )

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history_of(self, session: AnnotationSession) -> History:
        return self._histories.setdefault(session.article.id, History())

    def _history(self, *, undo: bool) -> None:
        session = self.session
        if session is None:
            return
        self._cancel_link()
        verb = "undo" if undo else "redo"
        history = self._history_of(session)
        armed, self._armed = self._armed, None
        here = (session.article.id, undo, self._cursor_now())
        if not history.fresh(undo) and armed != here:
            # The history is kept on disk: the next step may be yesterday's. Say what it is; the same key again does it.
            description = _next_step(session, undo)
            if description is None:
                self.notify(f"nothing to {verb} in this article", timeout=3)
                return
            self._armed = here
            key = self.chipread.key_for(verb)
            message = f"press {key} again to {verb}: {description} (made before you opened this article)"
            self.notify(message, title=f"{verb}?", timeout=8)
            self.status.saved(f"{key} again to {verb}", ok=True)
            return
        step = session.undo if undo else session.redo
        try:
            description = step()
        except ChipreadError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.status.saved("not saved", ok=False)
            return
        if description is None:
            self.notify(f"nothing to {verb} in this article", timeout=3)
            return
        if undo:
            history.undone()
        else:
            history.redone()
        self._changed()
        self.status.saved(f"saved \u2713 {'undone' if undo else 'redone'}: {description}")

    # -- linking -------------------------------------------------------------------------

    def action_link(self) -> None:
        # While linking this binding is disabled (check_action): tab and shift+tab go through the candidates.
        if self.session is None or self.analysis is None:
            return
        offset = self.view.cursor_offset
        heads = [s for s in self.session.spans_at(offset) if s.label in self.labels.heads]
        head = self._innermost(heads)
        if head is None:
            suggestion = self.analysis.suggestion_at(offset)
            link_key = self.chipread.key_for("link")
            if suggestion is not None and suggestion.label in self.labels:
                key = self.chipread.key_for(f"tag-{suggestion.label}")
                self.notify(
                    f"tag this {suggestion.label} first ({key}), then press {link_key} to link its speaker", timeout=5
                )
            else:
                self.notify(
                    f"put the cursor on a tagged quote or claim, then press {link_key} to link its speaker", timeout=5
                )
            return
        candidates = speaker_candidates(self.analysis, head, self.session.spans, self.labels.actors)
        self.view.clear_selection()
        self._link = Linking(head, candidates, seen=self._cursor_now())
        self.refresh_bindings()
        self._show_link()

    def _cursor_now(self) -> tuple[int, tuple[int, int] | None]:
        return self.view.cursor, self.view.selection

    def _sync_link(self) -> None:
        """The cursor (or the selection) moved since the speaker was last worked out: it picks the speaker now."""
        link = self._link
        if link is not None and link.seen != self._cursor_now():
            link.seen = self._cursor_now()
            link.manual = self._cursor_speaker()

    def _cycle_candidate(self, step: int) -> None:
        link = self._link
        assert link is not None
        link.manual = None
        link.seen = self._cursor_now()  # a move typed before this key no longer picks the speaker
        if link.candidates:
            link.index = (link.index + step) % len(link.candidates)
        self._show_link()

    def _cursor_speaker(self) -> tuple[int, int, str] | None:
        """While linking, the cursor picks a speaker: a selection, an actor span, an entity or a token."""
        assert self.session is not None and self.analysis is not None and self._link is not None
        head = self._link.head
        selection = self.view.selection
        if selection is not None:
            return selection[0], selection[1], "selection"
        offset = self.view.cursor_offset
        if head.start <= offset < head.end:
            return None
        actor = self._innermost([s for s in self.session.spans_at(offset) if s.label in self.labels.actors])
        if actor is not None:
            return actor.start, actor.end, f"tagged {actor.label}"
        entity = self.analysis.entity_at(offset)
        if entity is not None:
            return entity.start, entity.end, f"{entity.label} under the cursor"
        token = self.view.cursor_token
        return (token.start, token.end, "word under the cursor") if token and _wordlike(token.text) else None

    def _show_link(self) -> None:
        link = self._link
        if link is None:
            return
        target = link.target()
        self.view.set_link((link.head.start, link.head.end), target[:2] if target else None)
        key = self.chipread.key_for
        line = Text()
        line.append(f" link {link.head.label} ", self.view.label_style(link.head.label))
        if target is None:
            line.append(f"  no speaker found: move the cursor to the speaker, then {key('accept')}", style="bold")
            line.append(f" · {key('escape')} cancel", style="dim")
        else:
            assert self.article is not None
            line.append(" to ")
            line.append(_short(self.article.text[target[0] : target[1]], 40), style="bold")
            # The keys first: on a narrow terminal the reason is what gets cut, not how to go on.
            line.append(
                f"  {key('accept')} accept · {key('next-suggestion')} next · move to pick · {key('escape')} cancel",
                style="dim",
            )
            if link.manual is None and link.candidates:
                line.append(f"  {link.index + 1}/{len(link.candidates)}")
            line.append(f" ({target[2]})", style="dim")
        self.status.show(line)

    def _cancel_link(self) -> None:
        if self._link is not None:
            self._link = None
            if self._ready:
                self.view.set_link(None, None)
                self.refresh_bindings()

    def action_accept(self) -> None:
        link = self._link
        if link is None or self.session is None:
            return
        self._sync_link()  # enter typed right after a move: the cursor's speaker, not the proposal
        target = link.target()
        if target is None:
            self.notify("move the cursor to the speaker first (or tab through the candidates)", timeout=4)
            return
        start, end, _ = target
        head = link.head
        self._cancel_link()
        assert self.article is not None
        self._edit(
            lambda: self.session.link(head.id, start, end),
            lambda _: f"linked {head.label} to {_short(self.article.text[start:end], 30)!r}",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept":
            return self._link is not None  # the footer shows enter only while linking
        if action == "link":
            return self._link is None  # while linking, tab / shift+tab go through the candidates
        return True

    # -- the span list ---------------------------------------------------------------------

    def action_toggle_panel(self) -> None:
        self._panel_borrowed = False
        self._panel_choice = not self.panel.display
        self._layout(self.app.size.width)
        if not self.panel.display:
            self.view.focus()

    def action_focus_panel(self) -> None:
        if not self.panel.display:
            self._panel_borrowed = True
            self._layout(self.app.size.width)
        self.panel.focus()

    def _leave_panel(self) -> None:
        self.view.focus()
        if self._panel_borrowed:
            self._panel_borrowed = False
            self._layout(self.app.size.width)

    def on_span_panel_jump(self, message: SpanPanel.Jump) -> None:
        span = message.span
        if span.flag:
            # Its offsets point into a text that is gone: jumping there would land on other words.
            key = self.chipread.key_for("panel-delete")
            self.notify(
                f"orphaned {span.label} {_short(span.text, 40)!r}: its text is no longer in this article "
                f"({span.flag}); {key} deletes it",
                title="orphaned span",
                timeout=8,
            )
            return
        self._leave_panel()
        self.view.move_to(span.start, "span")

    def on_span_panel_leave(self, message: SpanPanel.Leave) -> None:
        self._leave_panel()

    def on_span_panel_delete(self, message: SpanPanel.Delete) -> None:
        row = message.row
        session = self.session
        if session is None:
            return
        if row.kind == "relation":
            self._edit(lambda: session.delete_relation(row.key), lambda _: f"unlinked {_short(row.span.text, 30)!r}")
        else:
            self._delete(row.span)

    # -- articles ------------------------------------------------------------------------

    def action_done(self) -> None:
        if self.session is None:
            return
        article = self.session.article
        if self._edit(lambda: self.session.set_status("done"), lambda _: "marked done") is None:
            return
        self.chipread.article_changed(self.session)  # the next article to do is chosen from the library rows
        self.chipread.open_next_todo(
            after=article.id, note=f"saved \u2713 marked done: {_short(article.title or article.handle, 20)}"
        )

    def action_article(self, step: int) -> None:
        if self.article is None:
            return
        neighbour = self.chipread.neighbour(self.article.id, step)
        if neighbour is None:
            if not self.chipread.order:
                needle = self.chipread.library.filter_text
                keys = f"{self.chipread.key_for('escape')} then {self.chipread.key_for('library-clear-filter')}"
                self.notify(
                    f"no article matches the library filter {needle!r}; clear it in the library ({keys})", timeout=4
                )
            else:
                self.notify("this is the " + ("last" if step > 0 else "first") + " article", timeout=3)
            return
        self.show_article(neighbour)

    def set_status(self, status: str) -> None:
        """Mark the open article (from the command palette)."""
        if self.session is not None:
            self._edit(lambda: self.session.set_status(status), lambda _: f"marked {status.replace('_', ' ')}")


def _next_step(session: AnnotationSession, undo: bool) -> str | None:
    """What the next undo (or redo) would do, without doing it."""
    return session.next_undo() if undo else session.next_redo()


def _wordlike(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _short(text: str, limit: int) -> str:
    text = " ".join(_shown(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


_REGIONAL_A = 0x1F1E6


def _shown(text: str) -> str:
    """Article text made safe for the one-line status: nothing whose width terminals disagree about.

    Zero-width joiners, variation selectors and other format characters are dropped, flag letters become
    [JP], a combining mark with nothing to combine with is dropped; a token made only of such characters
    is named by its code points (U+200D) rather than printed as nothing.
    """
    if text.isascii():
        return text
    out: list[str] = []
    flag: list[str] = []
    for ch in text:
        code = ord(ch)
        if _REGIONAL_A <= code <= _REGIONAL_A + 25:
            flag.append(chr(code - _REGIONAL_A + ord("A")))
            continue
        if flag:
            out.append(f"[{''.join(flag)}]")
            flag = []
        category = unicodedata.category(ch)
        if category == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF:
            continue
        if category in ("Mn", "Me") and not out:
            continue
        out.append(ch)
    if flag:
        out.append(f"[{''.join(flag)}]")
    shown = "".join(out)
    if shown or not text:
        return shown
    return " ".join(f"U+{ord(ch):04X}" for ch in text)
