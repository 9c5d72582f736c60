"""The reader: one article's text, its spans and links; keys are mapped to the decisions of chipread.annotate."""

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
from textual.widgets import Input, Static

from chipread.actors.project import Projection, project, projection_report
from chipread.annotate import Reading, Refusal, Speaker, Stop, Target, UndoGuard, search, wordlike
from chipread.errors import ChipreadError
from chipread.model import Article, Span
from chipread.tui.keys import READER_KEYS, bindings, label_keys
from chipread.tui.screens import ChipreadScreen
from chipread.tui.screens.accept_all import AcceptAllScreen
from chipread.tui.screens.dialogs import ReportScreen
from chipread.tui.widgets.annotated_text import AnnotatedText
from chipread.tui.widgets.readonly_banner import ReadOnlyBanner
from chipread.tui.widgets.span_panel import SpanPanel
from chipread.tui.widgets.status_line import StatusLine
from chipread.tui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from chipread.nlp import Analysis
    from chipread.session import AnnotationSession
    from chipread.workspace import Workspace

Range = tuple[int, int]
NARROW = 100  # below this many columns the span list leaves the side and starts hidden
MEASURE = 100  # the text's widest column count: wider terminals give the rest to the span list
PANEL_MIN = 38

# What a read-only reader hides from its footer and refuses: everything that writes.
WRITES = frozenset(
    (
        "tag",
        "delete_span",
        "undo",
        "redo",
        "repeat",
        "link",
        "accept",
        "done",
        "resize",
        "tag_mentions",
        "accept_all",
        "project_copy",
    )
)


@dataclass
class Linking:
    """Who said the quote or claim `head`? The proposals, or whatever mention the cursor moves to.

    `soft`: offered right after tagging `head`; enter takes the proposal, any move drops the offer.
    """

    head: Span
    candidates: list[Speaker]
    seen: tuple[int, Range | None]  # where the cursor was when the proposal was last chosen
    index: int = 0
    soft: bool = False


@dataclass(frozen=True)
class Taking:
    """What enter takes: the stop tab jumped to, as suggested or as the resize keys have trimmed or grown it since
    (`edited`: a selection, offered while it stays and the cursor stays where the last edit left it), with the
    speaker ranked for that extent when it is a quote or claim."""

    index: int  # into reading.stops
    stop: Stop
    extent: Range
    speaker: Speaker | None
    edited: bool = False
    cursor: int = -1  # edited: the token the last resize key left the cursor on


@dataclass
class Place:
    """Where the annotator was in an article, restored when they come back to it."""

    offset: int = 0
    scroll: int = 0


class ReaderScreen(ChipreadScreen, Screen):
    """Annotation happens here. Widgets draw; chipread.annotate decides; this screen maps keys and asks the session."""

    BINDINGS = bindings(READER_KEYS)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(name="reader")
        self.ws = workspace
        self.labels = workspace.labels
        # Label keys come from the label set, so they are added per instance rather than per class.
        extra = BindingsMap(bindings(label_keys(self.labels), workspace.config.keys))
        self._bindings = BindingsMap.merge([self._bindings, extra])
        self.article: Article | None = None
        self.session: AnnotationSession | None = None
        self.analysis: Analysis | None = None
        self.reading: Reading | None = None
        self._jumped: int | None = None  # the stop `tab` jumped to...
        self._jumped_at = -1  # ...valid while the cursor is still on the token it jumped to
        self._jump_used = False  # a label key tagged from it: tab goes on from it, other keys no longer take it
        # What enter takes at the stop tab jumped to (or trimmed since): its label, and a quote or claim's speaker.
        self._taking: Taking | None = None
        self._untaken: tuple[Range, str] | None = None  # a selection an edit made unfit to take, and why
        self._made: tuple[Range, str] | None = None  # a selection made from a suggestion, and its origin
        self._span_starts: tuple[tuple[Span, ...], list[int]] = ((), [])  # { and }: spans and their starts
        self._guard = UndoGuard()
        self._follow: str | None = None  # the span the list's cursor should be on
        self._link: Linking | None = None
        self._query = ""  # the last search
        self._search_from: int | None = None  # the offset a search being typed started from
        self.last_label: str | None = None
        self._places: dict[str, Place] = {}
        self._panel_choice: bool | None = None  # the user's p, else it follows the width
        self._panel_borrowed = False  # shown only while `o` has the focus in it
        self._panel_width: int | None = None  # set beside the text on wide terminals
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
            yield AnnotatedText(self.labels, id="text")
            yield SpanPanel(self._label_style, id="spans")
        yield Input(placeholder="search the text (enter keeps the match, escape goes back)", id="search")
        yield StatusLine(id="status")
        yield SteadyFooter(compact=True, show_command_palette=False)

    @property
    def view(self) -> AnnotatedText:
        return self.query_one("#text", AnnotatedText)

    @property
    def panel(self) -> SpanPanel:
        return self.query_one("#spans", SpanPanel)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    def _label_style(self, label: str):
        return self.view.label_style(label)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.search_box.display = False
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
        panel = self.panel
        panel.display = visible or self._panel_borrowed
        # Beside the text, the list takes what a readable measure of text leaves over.
        wanted = None if narrow else max(PANEL_MIN, width - MEASURE - 2)
        if wanted != self._panel_width:
            self._panel_width = wanted
            panel.styles.width = wanted
        if panel.display and self._panel_stale and self.session is not None:
            self._refresh_panel()

    def on_screen_resume(self) -> None:
        self.view.focus()

    # -- opening an article ----------------------------------------------------------------

    def show_article(self, article_id: str, note: str | None = None, at: int | None = None) -> None:
        """Open an article: its text at once, its entities and suggestions as soon as they are computed.

        `note` replaces "all saved" in the saved area (what was just saved in the article left behind);
        `at` puts the cursor at that offset (a statement opened from an actor's timeline).
        """
        if not self._ready:
            self._pending = article_id
            if at is not None:
                self._places[article_id] = Place(at, 0)
            return
        self._pending = None
        if self.article is not None:
            self._places[self.article.id] = Place(self.view.cursor_offset, round(self.view.scroll_y))
        if at is not None:
            self._places[article_id] = Place(at, 0)
        self._cancel_link()
        self._close_search(keep=True)
        self.article = self.ws.get(article_id)
        self.session = self.chipread.session(article_id)
        self.analysis = self.reading = None
        self._jumped = None
        self._taking = None
        self._made = None
        self._guard.disarm()
        self._follow = None
        self.view.load(self.article.text)
        self.view.set_spans(self.session.spans)
        self.panel.readonly = self.session.readonly
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
        reading = Reading(analysis, self.labels)
        self.app.call_from_thread(self._analysed, article.id, analysis, reading)

    def _analysed(self, article_id: str, analysis: Analysis, reading: Reading) -> None:
        if self.article is None or self.article.id != article_id:
            return  # the annotator moved on before this finished
        self.analysis, self.reading = analysis, reading
        self.view.set_analysis(analysis.tokens, analysis.sentences, analysis.entities)
        if self.session is not None:
            self.view.set_marks(reading.marks(self.session.spans))
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
        widget = self.query_one("#reader-meta", Static)
        # Laying the screen out again costs more than a tag: only when the line needs another height.
        width = widget.content_region.width
        lines = len(meta.wrap(self.app.console, width)) if width > 0 else -1
        widget.update(meta, layout=lines != widget.content_region.height or lines < 0)

    def _show_legend(self) -> None:
        """Each label with its key, then the entity types of this article: drawn with the text's own styles."""
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

    def on_annotated_text_cursor_moved(self, message: AnnotatedText.CursorMoved) -> None:
        # Messages arrive after the keys that caused them have been handled, and maybe after later keys:
        # everything here reads the view as it is now, not as the message describes it.
        if self._jumped is not None and self._current_jump() is None:
            self._end_jump()
        if self._link is not None and self._link.soft and self._link.seen != self._cursor_now():
            self._cancel_link()  # an offer made after tagging: moving on declines it
        if message.by != "search":
            self.view.set_match(None)
        self._describe()

    def _cursor_now(self) -> tuple[int, Range | None]:
        return self.view.cursor, self.view.selection

    def _current_jump(self) -> int | None:
        """The stop `tab` jumped to, if the cursor has not moved off it since (keys can outrun messages)."""
        if self._jumped is not None and self.view.cursor == self._jumped_at:
            return self._jumped
        return None

    @property
    def jumped(self) -> tuple[int | None, bool]:
        """The stop (an index into reading.stops) tab last jumped to, while the cursor stays on it, and whether a
        label key has tagged from it since (tab then goes on from it; the label and resize keys no longer take it)."""
        return self._current_jump(), self._jump_used

    def _jumped_stop(self) -> Stop | None:
        index = self._current_jump() if not self._jump_used else None
        return self.reading.stops[index] if index is not None and self.reading is not None else None

    def _innermost(self, spans: list[Span]) -> Span | None:
        return min(spans, key=lambda s: s.end - s.start) if spans else None

    def _describe(self) -> None:
        """The status line: what is tagged here and who said it, the entity, the suggestion; most important first."""
        if self._taking is not None and self._taking.edited and self._take() is None:
            self._drop_take()  # the trimmed suggestion's selection is gone (cleared, replaced, tagged, moved off)
        if self._link is not None:
            self._show_link()
            return
        if self.analysis is None or self.session is None or self.article is None:
            return
        offset = self.view.cursor_offset
        parts: list[Text] = []
        selection = self.view.selection
        if selection:
            n = len(self.article.text[selection[0] : selection[1]].split())
            parts.append(Text(f"selection: {n} word{'s' if n != 1 else ''}, a label key tags it", style="bold"))
            if self._untaken is not None and self._untaken[0] == selection:
                accept = self.chipread.key_for("accept")
                parts.append(Text(f"{accept} takes nothing: {self._untaken[1]}", style="dim"))
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
        take = self._take() if not self.session.readonly else None
        if take is not None:
            # First: what enter takes here, the speaker named as the screen highlights it.
            stop, speaker = take.stop, take.speaker
            piece = Text()
            piece.append(f" {stop.label}? ", self.view.label_style(stop.label))
            if speaker is not None:
                piece.append(" said by ")
                piece.append(_short(speaker.text, 30), style="bold")
            accept, tag = self.chipread.key_for("accept"), self.chipread.key_for(f"tag-{stop.label}")
            alone = f" · {tag} alone" if speaker is not None else ""
            piece.append(f"  {accept} takes {'both' if speaker is not None else 'it'}{alone}", style="dim")
            parts.insert(0, piece)
        if suggestion is not None:
            piece = Text()
            label = self.labels.for_suggestion(suggestion.label)
            piece.append(f"{label or suggestion.label} suggestion", style="italic")
            if suggestion.speaker is not None and take is None:
                piece.append(" · speaker " + _shown(suggestion.speaker.text))
            piece.append(f" ({suggestion.reason})", style="dim")
            parts.append(piece)
        if not parts:
            token = self.view.cursor_token
            parts.append(Text(_shown(token.text) if token else "", style="dim"))
        self.status.show_parts(parts)
        self._follow = spans[-1].id if spans else None
        if self.panel.display and self._follow is not None:
            self.panel.follow(self._follow)

    # -- jumping -------------------------------------------------------------------------

    def _jump(self, index: int) -> None:
        assert self.reading is not None
        stop = self.reading.stops[index]
        self.view.clear_selection()
        self._untaken = None
        self._jumped = index
        self._jump_used = False
        self.view.set_highlight((stop.start, stop.end))
        assert self.session is not None
        # Read-only, enter takes nothing: no speaker is drawn as if it would.
        speaker = self.reading.proposal(stop, self.session.spans) if not self.session.readonly else None
        self._taking = Taking(index, stop, (stop.start, stop.end), speaker)
        # The speaker enter would link is drawn where it is, without scrolling away from the suggestion.
        self.view.set_link(None, (speaker.start, speaker.end) if speaker else None, scroll=False)
        self.view.move_to(stop.start, "suggestion")
        self._jumped_at = self.view.cursor
        self.refresh_bindings()

    def _end_jump(self, *, used: bool = False) -> None:
        """The stop tab jumped to is left (or `used`: a key tagged from it, and tab goes on from it): its
        highlight goes, and so does the speaker enter would have taken with it."""
        if used:
            self._jump_used = True
        else:
            self._jumped = None
        self.view.set_highlight(None)
        self._drop_take()

    def _drop_take(self) -> None:
        """enter no longer takes a stop: the speaker it would have linked is no longer drawn."""
        if self._taking is not None:
            self._taking = None
            if self._link is None:
                self.view.set_link(None, None)
            self.refresh_bindings()

    def _take(self) -> Taking | None:
        """What enter takes (and the speaker it proposes): the stop while the cursor is on it, or the stop as the
        resize keys edited it while that selection stands and the cursor is where the last edit left it."""
        taking = self._taking
        if taking is None or self.reading is None:
            return None
        if taking.edited:
            view = self.view
            return taking if view.selection == taking.extent and view.cursor == taking.cursor else None
        return taking if self._jumped_stop() is not None and taking.index == self._current_jump() else None

    def _take_edited(self, index: int) -> None:
        """A resize key edited the stop tab jumped to (now the selection): enter still takes it with the stop's
        label, and a quote or claim with the speaker ranked for the new extent, unless the edit left it unfit
        for the label (then the offer ends, as a move would end it)."""
        reading, session, extent = self.reading, self.session, self.view.selection
        assert reading is not None and session is not None
        stop = reading.stops[index]
        unfit = reading.fits(stop.label, *extent, session.spans) if extent is not None else None
        if session.readonly or extent is None or unfit is not None:
            self._drop_take()
            # The status line says why enter stopped offering it, while that selection stands.
            self._untaken = (extent, unfit.reason) if unfit is not None else None
            return
        speaker = reading.proposal(stop, session.spans, extent)
        self._taking = Taking(index, stop, extent, speaker, edited=True, cursor=self.view.cursor)
        self.view.set_link(None, (speaker.start, speaker.end) if speaker else None, scroll=False)
        self.refresh_bindings()

    def _next(self, step: int, label: str | None = None) -> int | None:
        if self.reading is None or self.session is None:
            return None
        view = self.view
        return self.reading.next_stop(
            view.cursor_offset,
            step,
            self.session.spans,
            at=self._current_jump(),
            label=label,
            inclusive=view.cursor <= 0,
        )

    def action_next_suggestion(self) -> None:
        self._suggestion(1)

    def action_prev_suggestion(self) -> None:
        self._suggestion(-1)

    def _suggestion(self, step: int) -> None:
        if self._link is not None and not self._link.soft:
            self._cycle_candidate(step)
            return
        self._cancel_link()
        index = self._next(step)
        if index is None:
            where = "after" if step > 0 else "before"
            self.notify(f"no more untagged suggestions {where} the cursor", timeout=3)
            return
        self._jump(index)

    def action_jump(self, label: str) -> None:
        self._cancel_link()
        index = self._next(1, label)
        if index is None:
            self.notify(f"no more untagged {label} suggestions after the cursor", timeout=3)
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

    # -- searching -----------------------------------------------------------------------

    def action_search(self) -> None:
        if self.article is None:
            return
        box = self.search_box
        self._search_from = self.view.cursor_offset
        box.value = ""
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search" or self._search_from is None or self.article is None:
            return
        found = search(self.article.text, event.value, self._search_from - 1, 1)
        self._show_match(found, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        if event.value:
            self._query = event.value
        self._close_search(keep=True)

    def _close_search(self, *, keep: bool) -> None:
        origin, self._search_from = self._search_from, None
        if not self._ready or not self.search_box.display:
            return
        self.search_box.display = False
        self.view.focus()
        if not keep and origin is not None:
            self.view.set_match(None)
            self.view.move_to(origin, "search")

    def action_search_again(self, step: int) -> None:
        if self.article is None:
            return
        if not self._query:
            self.notify(f"search first ({self.chipread.key_for('search')})", timeout=3)
            return
        self._show_match(search(self.article.text, self._query, self.view.cursor_offset, step), self._query)

    def _show_match(self, found: Range | None, query: str) -> None:
        if found is None:
            if query:
                self.status.show(Text(f"no match for {_short(query, 40)!r}", style="bold"))
            return
        self.view.set_match(found)
        self.view.move_to(found[0], "search")

    # -- selecting -----------------------------------------------------------------------

    def action_select_entity(self) -> None:
        entity = self.analysis.entity_at(self.view.cursor_offset) if self.analysis else None
        if entity is None:
            self.notify("no entity under the cursor", timeout=3)
            return
        self._select(entity.start, entity.end, f"entity:{entity.label}")

    def action_select_sentence(self) -> None:
        self._select_by("sentence", "no sentence under the cursor")

    def action_select_clause(self) -> None:
        self._select_by("clause", "no clause from the cursor")

    def action_select_quotation(self) -> None:
        self._select_by("quotation", "no quotation around the cursor")

    def _select_by(self, what: str, missing: str) -> None:
        """Select what Reading finds around the cursor (its sentence, clause or quotation), as the guidelines shape it."""
        find = getattr(self.reading, what, None) if self.reading else None
        found = find(self.view.cursor_offset) if find else None
        if found is None:
            self.notify(missing, timeout=3)
            return
        self._select(*found, what)

    def _select(self, start: int, end: int, origin: str = "manual") -> None:
        self.view.select(start, end)
        self._made = ((start, end), origin)
        if self._link is not None and not self._link.soft:
            self._show_link()  # a selection picks the speaker too
        else:
            self._cancel_link()
            self._describe()

    def action_escape(self) -> None:
        if self.search_box.display:
            self._close_search(keep=False)
        elif self._link is not None:
            self._cancel_link()
            self._describe()
        elif self.view.selection is not None:
            self.view.clear_selection()
            self._describe()
        elif self._jumped_stop() is not None:
            self._end_jump()
        else:
            # A stale jump (the cursor moved off it, its message not handled yet) is no reason to stay.
            self._jumped = None
            self.chipread.show_library()

    # -- resizing ------------------------------------------------------------------------

    def action_resize(self, edge: str, step: int, unit: str) -> None:
        """Move one edge of the selection, else of the suggestion tab jumped to (it becomes a selection that enter
        still takes with its speaker), else of the tagged span under the cursor (label, links and id kept; one undo
        step), else of a new selection."""
        reading, session = self.reading, self.session
        if reading is None or session is None:
            return
        if self._link is not None and not self._link.soft:
            # Linking: the keys shape a selection that names the speaker ("Japan's cabinet"); the link stays.
            selection = self.view.selection
            token = self.view.cursor_token
            if selection is None and token is not None:
                selection = (token.start, token.end)
            if selection is not None:
                self._resize_selection(*selection, edge, step, unit, "manual")
            self._show_link()
            return
        self._cancel_link()
        selection = self.view.selection
        stop, index = self._jumped_stop(), self._current_jump()
        if stop is not None and reading.handled(stop, session.spans):
            stop = None  # tagged from where tab left the cursor: the keys now edit that span
        span = self._innermost(session.spans_at(self.view.cursor_offset))
        taking = self._take()
        if selection is not None:
            origin = self._made[1] if self._made is not None and self._made[0] == selection else "manual"
            self._resize_selection(*selection, edge, step, unit, origin)
            if taking is not None and taking.edited:
                self._take_edited(taking.index)  # still the suggestion, trimmed or grown further
        elif stop is not None and index is not None:
            self._end_jump()
            self._resize_selection(stop.start, stop.end, edge, step, unit, stop.origin)
            self._take_edited(index)
        elif span is not None:
            new = reading.resize(span.start, span.end, edge, step, unit)
            if new is None:
                self._refuse(f"the {span.label} cannot move its {edge} that way")
                return
            resized = self._edit(lambda: session.resize(span.id, *new), lambda s: f"{s.label} {_short(s.text, 24)!r}")
            if resized:
                self._cursor_to_edge(new, edge)
                if resized.label in self.labels.heads and not session.relations_of(resized.id):
                    self._offer_link(resized)  # still unlinked: its speaker is one enter away again
        else:
            token = self.view.cursor_token
            if token is not None:
                self._resize_selection(token.start, token.end, edge, step, unit, "manual")

    def _resize_selection(self, start: int, end: int, edge: str, step: int, unit: str, origin: str) -> None:
        assert self.reading is not None
        new = self.reading.resize(start, end, edge, step, unit)
        if new is None:
            new = (start, end)  # the edge cannot go further: the selection stays as it was
        self.view.select(*new)
        self._made = (new, origin)
        self._cursor_to_edge(new, edge)

    def _cursor_to_edge(self, rng: Range, edge: str) -> None:
        view = self.view
        index = view.token_at_or_after(rng[0]) if edge == "start" else view.token_at_or_after(rng[1] - 1)
        view.set_cursor(index, "edit")

    # -- tagging -------------------------------------------------------------------------

    def _edit(
        self, change: Callable[[], Any], done: Callable[[Any], str], after: Callable[[], None] | None = None
    ) -> Any:
        """Run one session change; show what was saved, or the one-line reason it was refused."""
        session = self.session
        if session is None:
            return None
        self._guard.disarm()
        version = session.version
        try:
            result = change()
        except ChipreadError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.status.saved("not saved", ok=False)
            return None
        if session.version != version:  # a step was written (setting the same status writes nothing)
            self._guard.pushed(session.article.id)
        if after is not None:
            after()
        self._changed()
        self.status.saved(f"saved \u2713 {done(result)}")
        return result if result is not None else True

    def _changed(self) -> None:
        """Redraw only what a change touched: the lines of the changed spans and marks, the list, the status."""
        assert self.session is not None
        spans = self.session.spans
        changed = self.view.set_spans(spans)
        if self.reading is not None:
            self.view.set_marks(self.reading.marks(spans, [(s.start, s.end) for s in changed]))
        # The list and the library row change in the same frame as the text: a second frame (drawing the list
        # after the text) cost a whole repaint of the screen, more than the rest of the tag together.
        self.chipread.article_changed(self.session)
        self._refresh_panel()
        if (self.session.status, len(self.session.flagged)) != self._shown_status:
            self._show_meta()
        self._describe()

    def _refresh_panel(self) -> None:
        # Hidden, the list costs nothing; it is rebuilt when it is shown.
        if self.session is not None and self.panel.display:
            self.panel.show(self.session.spans, self.session.relations)
            self._panel_stale = False
            # The rows were rebuilt: put the list's cursor back on the span under the text cursor.
            self.panel.follow(self._follow)
        else:
            self._panel_stale = True

    def _select_keys(self) -> str:
        return ", ".join(
            self.chipread.key_for(k)
            for k in ("select-toggle", "extend-next", "select-entity", "select-sentence", "select-quotation")
        )

    def action_tag(self, label: str) -> None:
        session, reading, article = self.session, self.reading, self.article
        if session is None or article is None:
            return
        self._cancel_link()
        selection = self.view.selection
        if selection is not None:
            start, end = selection
            origin = self._made[1] if self._made is not None and self._made[0] == selection else "manual"
            if not wordlike(article.text[start:end]):
                # A lone "," or a run of spaces as an actor is junk in the dataset.
                self._refuse(
                    f"the selection has no word in it: nothing tagged as {label} ({self._select_keys()} select)"
                )
                return
        elif reading is None:
            self.notify("still analysing this article; try again in a moment", timeout=3)
            return
        else:
            target = reading.target(label, self.view.cursor_offset, self._jumped_stop())
            if isinstance(target, Refusal):
                self._refuse(f"{target.reason}: select the text first ({self._select_keys()})")
                return
            start, end, origin = target.start, target.end, target.origin
        jumped = self._current_jump() is not None

        def after() -> None:
            self.view.clear_selection()
            if jumped:
                self._end_jump(used=True)  # tagged: the highlight goes, tab goes on from here

        # Done before the screen is redrawn, so the status line no longer offers the stop that was just taken.
        span = self._edit(
            lambda: session.add_span(start, end, label, origin=origin),
            lambda s: f"{s.label} {_short(s.text, 24)!r}",
            after=after,
        )
        if span:
            self.last_label = label
            self._made = None
            if label in self.labels.heads:
                self._offer_link(span)

    def _refuse(self, reason: str) -> None:
        """A key found nothing worth doing: the status line says why (a toast could hide the text)."""
        line = Text()
        line.append(" not tagged ", style="reverse bold")
        line.append(" " + reason)
        self.status.show(line)  # the saved area keeps saying what was last saved

    def action_repeat(self) -> None:
        label = self.last_label
        if label is None:
            self.notify("tag something first; . repeats the last label on the next suggestion", timeout=4)
            return
        index = self._next(1, label)
        if index is None:
            self.notify(f"no more {label} suggestions after the cursor", timeout=3)
            return
        self._jump(index)
        self.action_tag(label)

    def action_tag_mentions(self) -> None:
        """Every mention of the actor under the cursor in this article, tagged in one undo step."""
        session, reading = self.session, self.reading
        if session is None or reading is None or not self.labels.actors:
            return
        self._cancel_link()
        offset = self.view.cursor_offset
        actor = self._innermost([s for s in session.spans_at(offset) if s.label in self.labels.actors])
        if actor is not None:
            start, end, label = actor.start, actor.end, actor.label
        else:
            target = reading.target(self.labels.actors[0], offset, self._jumped_stop())
            if isinstance(target, Refusal):
                self._refuse(target.reason)
                return
            start, end, label = target.start, target.end, self.labels.actors[0]
        found = reading.mentions(start, end, label, session.spans)
        if not found:
            self.notify(f"every mention of {_short(self.article.text[start:end], 30)!r} is tagged {label}", timeout=3)
            return
        name = _short(self.article.text[start:end], 24)
        self._edit(
            lambda: session.add_spans(
                [(a, b, label, "mentions") for a, b in found], f"tag every {name!r} as {label} ({len(found)})"
            ),
            lambda spans: f"{len(spans)} × {label} {name!r}",
        )

    def action_accept_all(self) -> None:
        """Review every untagged suggestion of a label on one screen; enter tags them all in one undo step."""
        session, reading = self.session, self.reading
        if session is None or reading is None:
            return
        self._cancel_link()
        stop = self._jumped_stop()
        here = reading.target(self.labels.heads[0], self.view.cursor_offset) if self.labels.heads else None
        first = stop.label if stop is not None and stop.kind == "suggestion" else None
        if first is None and isinstance(here, Target) and here.origin.startswith("suggestion"):
            first = next((s.label for s in reading.stops if (s.start, s.end) == (here.start, here.end)), None)
        pending = {label: reading.pending(label, session.spans) for label in self.labels.heads}
        if not any(pending.values()):
            self.notify("every suggestion in this article is tagged", timeout=3)
            return
        if first is None or not pending.get(first):
            first = next(label for label, stops in pending.items() if stops)
        keys = {label: self.chipread.key_for(f"tag-{label}") for label in pending}
        self.app.push_screen(AcceptAllScreen(self.article.text, pending, first, keys, self._label_style), self._accept)

    def _accept(self, label: str | None) -> None:
        session, reading = self.session, self.reading
        if label is None or session is None or reading is None:
            return
        stops = reading.pending(label, session.spans)
        if stops:
            self._edit(
                lambda: session.add_spans(
                    [(s.start, s.end, label, s.origin) for s in stops], f"accept {len(stops)} {label} suggestions"
                ),
                lambda spans: f"{len(spans)} {label} suggestions accepted",
            )

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

    def _history(self, *, undo: bool) -> None:
        session = self.session
        if session is None:
            return
        self._cancel_link()
        verb = "undo" if undo else "redo"
        article = session.article.id
        if self._guard.must_ask(article, undo, self._cursor_now()):
            # The history is kept on disk: the next step may be yesterday's. Say what it is; the same key again does it.
            description = session.next_undo() if undo else session.next_redo()
            if description is None:
                self._guard.disarm()
                self.notify(f"nothing to {verb} in this article", timeout=3)
                return
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
        self._guard.moved(article, undo)
        self._changed()
        self.status.saved(f"saved \u2713 {'undone' if undo else 'redone'}: {description}")

    # -- linking -------------------------------------------------------------------------

    def action_link(self) -> None:
        # While linking this binding is disabled (check_action): tab and shift+tab go through the candidates.
        if self.session is None or self.reading is None:
            return
        offset = self.view.cursor_offset
        if self._link is not None and self._link.soft:
            head = self._link.head  # the offer made after tagging: r chooses the speaker of that span
        else:
            head = self._innermost([s for s in self.session.spans_at(offset) if s.label in self.labels.heads])
        if head is None:
            link_key = self.chipread.key_for("link")
            suggestion = self.analysis.suggestion_at(offset) if self.analysis else None
            label = self.labels.for_suggestion(suggestion.label) if suggestion is not None else None
            if label is not None:
                key = self.chipread.key_for(f"tag-{label}")
                self.notify(f"tag this {label} first ({key}), then press {link_key} to link its speaker", timeout=5)
            else:
                self.notify(
                    f"put the cursor on a tagged quote or claim, then press {link_key} to link its speaker", timeout=5
                )
            return
        self.view.clear_selection()
        self._drop_take()
        candidates = self.reading.candidates(head, self.session.spans)
        self._link = Linking(head, candidates, self._cursor_now())
        self.refresh_bindings()
        self._show_link()

    def _offer_link(self, head: Span) -> None:
        """Right after a quote or claim is tagged: its proposed speaker, one enter away; any move declines."""
        assert self.session is not None and self.reading is not None
        candidates = self.reading.candidates(head, self.session.spans)
        if not candidates:
            return
        self._link = Linking(head, candidates, self._cursor_now(), soft=True)
        self.refresh_bindings()
        self._show_link()

    def _link_target(self) -> Speaker | Refusal | None:
        """The speaker enter would take now: the proposal until the cursor moves, then the mention it is on."""
        link = self._link
        assert link is not None and self.reading is not None and self.session is not None
        proposal = link.candidates[link.index] if link.candidates else None
        if link.seen != self._cursor_now():
            if link.soft:
                return None
            found = self.reading.speaker_at(self.view.cursor_offset, self.view.selection, self.session.spans, link.head)
            # Passing over punctuation or "the" on the way to a name keeps the proposal.
            return found if isinstance(found, Speaker) or proposal is None else proposal
        return proposal

    def _cycle_candidate(self, step: int) -> None:
        link = self._link
        assert link is not None
        link.seen = self._cursor_now()  # back to the proposals: a move typed before this key no longer picks
        if link.candidates:
            link.index = (link.index + step) % len(link.candidates)
        self._show_link()

    def _show_link(self) -> None:
        link = self._link
        if link is None or self.article is None:
            return
        target = self._link_target()
        speaker = target if isinstance(target, Speaker) else None
        self.view.set_link((link.head.start, link.head.end), (speaker.start, speaker.end) if speaker else None)
        key = self.chipread.key_for
        head = Text()
        head.append(f" link {link.head.label} ", self.view.label_style(link.head.label))
        parts = [head]
        if speaker is None:
            why = target.reason if isinstance(target, Refusal) else "no speaker found"
            parts.append(Text(f"{why}: move the cursor to the speaker", style="bold"))
            parts.append(Text(f"{key('escape')} cancel", style="dim"))
        else:
            name = Text("to ")
            name.append(_short(speaker.text, 30), style="bold")
            if link.soft:
                name.append("?")
            parts.append(name)
            # The keys before the reason: on a narrow terminal the reason is what gives way.
            if link.soft:
                parts.append(
                    Text(f"{key('accept')} links · {key('link')} to choose · any other key: not now", style="dim")
                )
            else:
                keys = f"{key('accept')} accept · {key('next-suggestion')} next · move to pick · {key('escape')} cancel"
                keys = keys.replace("escape", "esc")
                parts.append(Text(keys, style="dim"))
                if link.seen == self._cursor_now() and link.candidates:
                    parts.append(Text(f"{link.index + 1}/{len(link.candidates)}"))
            parts.append(Text(f"({speaker.why})", style="dim"))
        self.status.show_parts(parts, sep="  ")

    def _cancel_link(self) -> None:
        if self._link is not None:
            self._link = None
            if self._ready:
                self.view.set_link(None, None)
                self.refresh_bindings()

    def action_accept(self) -> None:
        link = self._link
        session = self.session
        if session is None or self.article is None:
            return
        if link is None:
            self._accept_stop()
            return
        target = self._link_target()
        if not isinstance(target, Speaker):
            if link.soft:
                self._cancel_link()  # the offer lapsed: the cursor moved since
            else:
                self.notify("move the cursor to the speaker first (or tab through the candidates)", timeout=4)
            return
        head = link.head
        self._cancel_link()
        self._edit(
            lambda: session.link(head.id, target.start, target.end),
            lambda _: f"linked {head.label} to {_short(target.text, 30)!r}",
            after=self.view.clear_selection,  # a selection that named the speaker has done its work
        )

    def _accept_stop(self) -> None:
        """enter on the stop tab jumped to, as suggested or as the resize keys trimmed or grown it: tag it, and a
        quote or claim with the speaker it proposes (one key, one undo step); the status line and the screen
        showed both before the key."""
        take, session = self._take(), self.session
        if take is None or session is None:
            return
        stop, speaker, (start, end) = take.stop, take.speaker, take.extent
        if speaker is None:
            self.action_tag(stop.label)  # nobody proposed: the suggestion (or the selection) alone, as its label key
            return

        def after() -> None:
            if take.edited:
                self.view.clear_selection()
                self._drop_take()
            else:
                self._end_jump(used=True)

        result = self._edit(
            lambda: session.add_attributed(start, end, stop.label, (speaker.start, speaker.end), origin=stop.origin),
            lambda r: f"{r[0].label} {_short(r[0].text, 24)!r} said by {_short(speaker.text, 30)!r}",
            after=after,
        )
        if result:
            self.last_label = stop.label
            self._made = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WRITES and self.session is not None and self.session.readonly:
            return False  # a read-only reader shows (and takes) only what works
        # Shown dimmed when they have nothing to do (None), so the footer keeps its keys and only lights them.
        if action == "accept":
            # enter takes the speaker proposed, or the suggestion tab jumped to (and the speaker it names).
            return True if self._link is not None or self._take() is not None else None
        if action == "link":
            # While linking, tab / shift+tab go through the candidates.
            return True if self._link is None or self._link.soft else None
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

    def action_project_copy(self) -> None:
        """Bring a wire copy's annotations over (chipread.actors.project), one undo step; report what stayed behind."""
        session = self.session
        if session is None:
            return
        found = self.chipread.copy_source(session.article.id)
        if isinstance(found, str):
            self.notify(found, timeout=6)
            return
        source, annotations = found
        result = self._edit(lambda: project(session, source, annotations), lambda r: r.summary())
        if isinstance(result, Projection) and (result.missing or result.elsewhere):
            self.app.push_screen(ReportScreen(Text("\n".join(projection_report(result)))))

    def set_status(self, status: str) -> None:
        """Mark the open article (from the command palette)."""
        if self.session is not None:
            self._edit(lambda: self.session.set_status(status), lambda _: f"marked {status.replace('_', ' ')}")


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
