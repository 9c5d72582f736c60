"""The reader: one article's text, its spans and links, and every annotation key."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
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
from chipread.tui.screens import PlainNotify
from chipread.tui.widgets.article_view import ArticleView
from chipread.tui.widgets.readonly_banner import ReadOnlyBanner
from chipread.tui.widgets.span_panel import SpanPanel
from chipread.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from chipread.nlp import Analysis
    from chipread.session import AnnotationSession
    from chipread.tui.app import ChipreadApp
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
    extra: dict = field(default_factory=dict)


class ReaderScreen(PlainNotify, Screen):
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
        self._jumped: int | None = None
        self._link: Linking | None = None
        self.last_label: str | None = None
        self._places: dict[str, Place] = {}
        self._panel_choice: bool | None = None  # the user's p, else it follows the width
        self._panel_borrowed = False  # shown only while `o` has the focus in it
        self._pending: str | None = None  # asked for before the screen was mounted
        self._shown_status = ""
        self._panel_stale = True
        self._ready = False

    @property
    def chipread(self) -> ChipreadApp:
        return self.app  # type: ignore[return-value]

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

    def show_article(self, article_id: str) -> None:
        """Open an article: its text at once, its entities and suggestions as soon as they are computed."""
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
        self.view.load(self.article.text)
        self.view.set_spans(self.session.spans)
        self._tagged = {(s.start, s.end) for s in self.session.spans}
        self._refresh_panel()
        self._show_head()
        self.status.show(Text("analysing…", style="italic"))
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
        self._shown_status = self.session.status
        self.query_one("#reader-meta", Static).update(meta)

    def _show_legend(self) -> None:
        legend = Text(no_wrap=False)
        keymap = self.app._keymap
        for spec, label in zip(label_keys(self.labels), self.labels.labels):
            key = keymap.get(spec.id, label.key)
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
        if message.by != "suggestion" and self._jumped is not None:
            self._jumped = None
            self.view.set_highlight(None)
        if self._link is not None and message.by not in ("load", "link"):
            self._link.manual = self._cursor_speaker()
            self._show_link()
            return
        self._describe()

    def _jumped_stop(self) -> Stop | None:
        return self._stops[self._jumped] if self._jumped is not None else None

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
            n = len(self.article.text[selection[0]:selection[1]].split())
            parts.append(Text(f"selection: {n} word{'s' if n != 1 else ''} — press a label key to tag it", style="bold"))
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
            piece.append(" " + entity.text)
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
                piece.append(" · speaker " + suggestion.speaker.text)
            parts.append(piece)
        if not parts:
            token = self.view.cursor_token
            parts.append(Text(f"{token.text}" if token else "", style="dim"))
        line = Text(" · ").join(parts)
        self.status.show(line)
        if self.panel.display and spans:
            self.panel.follow(spans[-1].id)

    # -- jumping -------------------------------------------------------------------------

    def _untagged(self, stop: Stop) -> bool:
        return self._trim(stop.start, stop.end) not in self._tagged

    def _trim(self, start: int, end: int) -> Range:
        piece = self.article.text[start:end] if self.article else ""
        return start + (len(piece) - len(piece.lstrip())), end - (len(piece) - len(piece.rstrip()))

    def _next_stop(self, step: int, fits: Callable[[Stop], bool] = lambda s: True) -> int | None:
        if not self._stops:
            return None
        if self._jumped is not None:
            i = self._jumped + step
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
            self.notify("no more untagged suggestions " + ("after" if step > 0 else "before") + " the cursor", timeout=3)
            return
        self._jump(index)

    def action_span(self, step: int) -> None:
        if not self.session:
            return
        offset = self.view.cursor_offset
        spans = [s for s in self.session.spans if not s.flag]
        if step > 0:
            found = next((s for s in spans if s.start > offset), None)
        else:
            found = next((s for s in reversed(spans) if s.start < offset), None)
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
        elif self._jumped is not None:
            self._jumped = None
            self.view.set_highlight(None)
        else:
            self.chipread.show_library()

    # -- tagging -------------------------------------------------------------------------

    def _edit(self, change: Callable[[], Any], done: Callable[[Any], str],
              after: Callable[[], None] | None = None) -> Any:
        """Run one session change; show what was saved, or the one-line reason it was refused."""
        if self.session is None:
            return None
        try:
            result = change()
        except ChipreadError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.status.saved("not saved", ok=False)
            return None
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
        self._tagged = {(s.start, s.end) for s in spans}
        # The list and the library row follow once the text has shown the change.
        self._panel_stale = True
        session = self.session
        self.call_after_refresh(self._after_change, session)
        if self.session.status != self._shown_status:
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
        return (token.start, token.end, "token") if token else None

    def action_tag(self, label: str) -> None:
        if self.session is None:
            return
        self._cancel_link()
        selection = self.view.selection
        if selection is not None:
            start, end, origin = *selection, "manual"
        elif self.analysis is None:
            self.notify("still analysing this article; try again in a moment", timeout=3)
            return
        else:
            target = self._target(label)
            if target is None:
                what = "quotation" if label == "quote" else "sentence" if label in self.labels.heads else "token"
                self.notify(f"no {label} suggestion or {what} here: select the text first (v, shift+\u2192, e, s or \")",
                            timeout=5)
                return
            start, end, origin = target
        span = self._edit(lambda: self.session.add_span(start, end, label, origin=origin),
                          lambda s: f"{s.label} {_short(s.text, 24)!r}", after=self.view.clear_selection)
        if span:
            self.last_label = label

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
        self._edit(lambda: self.session.delete_span(span.id), lambda _: f"deleted {span.label} {_short(span.text, 40)!r}")

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        if self.session is None:
            return
        self._cancel_link()
        step = self.session.undo if undo else self.session.redo
        try:
            description = step()
        except ChipreadError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.status.saved("not saved", ok=False)
            return
        if description is None:
            self.notify(f"nothing to {'undo' if undo else 'redo'} in this article", timeout=3)
            return
        self._changed()
        self.status.saved(f"saved \u2713 {'undone' if undo else 'redone'}: {description}")

    # -- linking -------------------------------------------------------------------------

    def action_link(self) -> None:
        if self.session is None or self.analysis is None:
            return
        if self._link is not None:
            self._cycle_candidate(1)
            return
        offset = self.view.cursor_offset
        heads = [s for s in self.session.spans_at(offset) if s.label in self.labels.heads]
        head = self._innermost(heads)
        if head is None:
            suggestion = self.analysis.suggestion_at(offset)
            if suggestion is not None and suggestion.label in self.labels:
                key = self.labels.get(suggestion.label).key
                self.notify(f"tag this {suggestion.label} first ({key}), then press r to link its speaker", timeout=5)
            else:
                self.notify("put the cursor on a tagged quote or claim, then press r to link its speaker", timeout=5)
            return
        candidates = speaker_candidates(self.analysis, head, self.session.spans, self.labels.actors)
        self._link = Linking(head, candidates)
        self.view.clear_selection()
        self.refresh_bindings()
        self._show_link()

    def _cycle_candidate(self, step: int) -> None:
        link = self._link
        assert link is not None
        link.manual = None
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
        return (token.start, token.end, "token under the cursor") if token else None

    def _show_link(self) -> None:
        link = self._link
        if link is None:
            return
        target = link.target()
        self.view.set_link((link.head.start, link.head.end), target[:2] if target else None)
        line = Text()
        line.append(f" link {link.head.label} ", self.view.label_style(link.head.label))
        if target is None:
            line.append("  no speaker found: move the cursor to the speaker, then enter", style="bold")
        else:
            assert self.article is not None
            line.append(" to ")
            line.append(_short(self.article.text[target[0]:target[1]], 40), style="bold")
            line.append(f" ({target[2]})", style="dim")
            if link.manual is None and link.candidates:
                line.append(f"  {link.index + 1}/{len(link.candidates)}")
            line.append("  \u23ce accept · tab next · move to pick · esc cancel", style="dim")
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
        target = link.target()
        if target is None:
            self.notify("move the cursor to the speaker first (or tab through the candidates)", timeout=4)
            return
        start, end, _ = target
        head = link.head
        self._cancel_link()
        assert self.article is not None
        self._edit(lambda: self.session.link(head.id, start, end),
                   lambda _: f"linked {head.label} to {_short(self.article.text[start:end], 30)!r}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept":
            return self._link is not None  # the footer shows enter only while linking
        if action == "link":
            return self._link is None
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
        self._leave_panel()
        self.view.move_to(message.span.start, "span")

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
            self._edit(lambda: session.delete_span(row.key), lambda _: f"deleted {row.span.label} {_short(row.span.text, 30)!r}")

    # -- articles ------------------------------------------------------------------------

    def action_done(self) -> None:
        if self.session is None:
            return
        article_id = self.session.article.id
        if self._edit(lambda: self.session.set_status("done"), lambda _: "marked done") is None:
            return
        self.chipread.article_changed(self.session)  # the next article to do is chosen from the library rows
        self.chipread.open_next_todo(after=article_id)

    def action_article(self, step: int) -> None:
        if self.article is None:
            return
        neighbour = self.chipread.neighbour(self.article.id, step)
        if neighbour is None:
            self.notify("this is the " + ("last" if step > 0 else "first") + " article", timeout=3)
            return
        self.show_article(neighbour)

    def set_status(self, status: str) -> None:
        """Mark the open article (from the command palette)."""
        if self.session is not None:
            self._edit(lambda: self.session.set_status(status), lambda _: f"marked {status.replace('_', ' ')}")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
