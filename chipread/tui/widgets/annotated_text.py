"""The reader's annotated text: a Line API view that draws only visible lines and restyles only the lines that change."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from chipread.model import Entity, LabelSet, Sentence, Span, Token
from chipread.palette import ENTITY_CLASSES, ENTITY_COLORS, ENTITY_TINT, FALLBACK, LABEL_TINT, entity_class
from chipread.tui.keys import VIEW_KEYS, bindings
from chipread.tui.widgets.wrap import Wrapped, displayable

Range = tuple[int, int]


def _entity_css() -> str:
    """The entity tints as component classes, from the palette (the one source): a user stylesheet may override."""
    colours = {**{label.lower(): colour for label, colour in ENTITY_COLORS.items()}, "other": FALLBACK}
    return "\n".join(
        f"AnnotatedText > .annotated-text--entity-{name} {{ background: {colour} {ENTITY_TINT}%; }}"
        for name, colour in colours.items()
    )


class AnnotatedText(ScrollView, can_focus=True):
    """Article text with entity highlights, annotation spans, a token cursor and a selection.

    Everything is in character offsets into the article text. The view knows nothing about the
    store: the reader screen hands it spans and asks it where the cursor and the selection are.
    """

    ALLOW_SELECT = False  # dragging selects tokens for tagging, not terminal text
    BINDINGS = bindings(VIEW_KEYS)
    DEFAULT_CSS = _entity_css()
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "annotated-text--cursor",
        "annotated-text--selection",
        "annotated-text--suggestion",
        "annotated-text--mark",
        "annotated-text--candidate",
        "annotated-text--head",
        "annotated-text--overlap",
        "annotated-text--match",
        *(f"annotated-text--entity-{name}" for name in ENTITY_CLASSES),
    }

    class CursorMoved(Message):
        """The cursor is on a new token (`by` says which kind of move)."""

        def __init__(self, offset: int, by: str) -> None:
            super().__init__()
            self.offset = offset
            self.by = by

    def __init__(self, labels: LabelSet | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.labels = labels or LabelSet()
        self.text = ""
        self._display = ""
        self.tokens: Sequence[Token] = ()
        self._tstarts: list[int] = []
        self.sentences: Sequence[Sentence] = ()
        self._sstarts: list[int] = []
        self._invisible: frozenset[int] = frozenset()  # tokens with no width (joiners, selectors): never the cursor
        self.entities: Sequence[Entity] = ()
        self._estarts: list[int] = []
        self.spans: dict[str, Span] = {}
        self._wraps: dict[int, Wrapped] = {}
        self._wrapped = Wrapped("", 1)
        self._span_lines: dict[int, list[Span]] = {}
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._cursor = -1  # token index; -1 before the tokens arrive
        self._anchor: int | None = None  # token index while a selection is being extended
        self._fixed: Range | None = None  # a finished selection
        self._highlight: Range | None = None  # the suggestion the cursor jumped to
        self._match: Range | None = None  # the search match the cursor is on
        self._marks: list[Range] = []  # untagged suggestions, sorted
        self._mark_starts: list[int] = []
        self._mark_longest = 0
        self._candidate: Range | None = None  # the proposed speaker while linking
        self._head: Range | None = None  # the quote or claim being linked
        self._goal_x: int | None = None
        self._drag_from: int | None = None
        self._rewrap_pending = False

    # -- loading -------------------------------------------------------------------------

    def load(self, text: str) -> None:
        """Show a new text: no tokens, entities or spans until they are handed over."""
        self.text = text
        self._display = displayable(text)
        self.tokens, self._tstarts, self.sentences, self._sstarts = (), [], (), []
        self._invisible = frozenset()
        self.entities, self._estarts = (), []
        self.spans = {}
        self._wraps.clear()
        self._cursor = -1
        self._anchor = self._fixed = self._highlight = self._candidate = self._head = self._match = None
        self._marks, self._mark_starts, self._mark_longest = [], [], 0
        self._goal_x = None
        self._rewrap(force=True)
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def set_analysis(self, tokens: Sequence[Token], sentences: Sequence[Sentence], entities: Sequence[Entity]) -> None:
        self.tokens = tokens
        self._tstarts = [t.start for t in tokens]
        self._invisible = frozenset(i for i, t in enumerate(tokens) if not t.text.isascii() and _cells(t.text) == 0)
        self.sentences = sentences
        self._sstarts = [s.start for s in sentences]
        self.entities = entities
        self._estarts = [e.start for e in entities]
        self._cache.clear()
        if tokens:
            self._cursor = max(0, min(self._cursor, len(tokens) - 1))
        self.refresh()
        if tokens:
            self.post_message(self.CursorMoved(self.cursor_offset, "load"))

    def set_spans(self, spans: Iterable[Span]) -> list[Span]:
        """Replace the spans shown; only lines whose spans changed are redrawn. Returns the spans that changed
        (added, removed, or the old and the new of a moved one)."""
        new = {s.id: s for s in spans if not s.flag}
        old = self.spans
        # The session hands back the same objects for unchanged spans: identity is the cheap test.
        changed = [s for k, s in old.items() if new.get(k) is not s] + [
            s for k, s in new.items() if old.get(k) is not s
        ]
        self.spans = new
        if len(changed) > 64:
            self._index_spans()
            self._cache.clear()
            self.refresh()
            return changed
        for span in changed:
            if old.get(span.id) is span:
                self._unindex(span)
            else:
                self._index(span)
            self._refresh_range(span.start, span.end)
        return changed

    # -- geometry ------------------------------------------------------------------------

    @property
    def wrapped(self) -> Wrapped:
        return self._wrapped

    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _rewrap(self, force: bool = False) -> None:
        if self.scrollable_content_region.width <= 0:
            # Not laid out yet: wrapping at width 1 would cost far more than waiting for the real width.
            self._wrapped = Wrapped("", 1)
            self._wrapped.width = -1
            return
        width = self._content_width()
        if not force and width == self._wrapped.width:
            return
        wrapped = self._wraps.get(width)
        if wrapped is None:
            wrapped = Wrapped(self._display, width)
            if len(self._wraps) > 4:
                self._wraps.pop(next(iter(self._wraps)))
            self._wraps[width] = wrapped
        self._wrapped = wrapped
        self._index_spans()
        self._cache.clear()
        self.virtual_size = Size(width, len(wrapped))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()
        self.call_after_refresh(self.scroll_to_cursor)

    def _rewrap_later(self) -> None:
        self._rewrap_pending = False
        self._rewrap()

    def _index_spans(self) -> None:
        self._span_lines = {}
        for span in self.spans.values():
            self._index(span)

    def _lines_of(self, start: int, end: int) -> range:
        line_of = self._wrapped.line_of
        return range(line_of(start), line_of(max(start, end - 1)) + 1)

    def _index(self, span: Span) -> None:
        for y in self._lines_of(span.start, span.end):
            self._span_lines.setdefault(y, []).append(span)

    def _unindex(self, span: Span) -> None:
        for y in self._lines_of(span.start, span.end):
            bucket = self._span_lines.get(y)
            if bucket:
                self._span_lines[y] = [s for s in bucket if s.id != span.id]

    def _refresh_range(self, start: int, end: int) -> None:
        lines = self._lines_of(start, end)
        for y in lines:
            self._cache.discard(y)
        self.refresh_lines(lines.start, len(lines))

    def line_column(self, offset: int) -> tuple[int, int]:
        """(visual line, cell column) of an offset."""
        w = self._wrapped
        y = w.line_of(offset)
        start = w.starts[y]
        piece = self._display[start:offset]
        return y, len(piece) if piece.isascii() else _cells(piece)

    def offset_at(self, y: int, x: int) -> int:
        """The offset drawn at visual line y, cell column x (clamped to the line)."""
        w = self._wrapped
        y = max(0, min(y, len(w) - 1))
        start, end = w.starts[y], w.ends[y]
        line = self._display[start:end]
        if line.isascii():
            return start + max(0, min(x, len(line) - 1)) if line else start
        col = 0
        for k, ch in enumerate(line):
            col += _cells(ch)
            if col > x:
                return start + k
        return max(start, end - 1)

    # -- cursor --------------------------------------------------------------------------

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def cursor_token(self) -> Token | None:
        return self.tokens[self._cursor] if 0 <= self._cursor < len(self.tokens) else None

    @property
    def cursor_offset(self) -> int:
        token = self.cursor_token
        return token.start if token else 0

    def token_near(self, offset: int) -> int:
        """Index of the token at offset, else the one before it (the next one at a line start)."""
        if not self.tokens:
            return -1
        i = bisect_right(self._tstarts, offset) - 1
        if i < 0:
            return 0
        line_of = self._wrapped.line_of
        # In the whitespace after a token: stay on that line's token unless the next one is on this line.
        if (
            offset >= self.tokens[i].end
            and i + 1 < len(self.tokens)
            and line_of(self.tokens[i + 1].start) == line_of(offset) != line_of(self.tokens[i].start)
        ):
            return i + 1
        return i

    def token_at_or_after(self, offset: int) -> int:
        if not self.tokens:
            return -1
        i = bisect_left(self._tstarts, offset)
        if i > 0 and self.tokens[i - 1].end > offset:
            return i - 1
        return min(i, len(self.tokens) - 1)

    def _visible_near(self, index: int, step: int) -> int:
        """`index`, or the nearest token with a width in the direction of travel (else the other way)."""
        if index not in self._invisible:
            return index
        for direction in (step or 1, -(step or 1)):
            i = index
            while 0 <= i < len(self.tokens) and i in self._invisible:
                i += direction
            if 0 <= i < len(self.tokens):
                return i
        return index

    def set_cursor(self, index: int, by: str = "move", *, keep_goal: bool = False) -> None:
        if not self.tokens:
            return
        index = max(0, min(index, len(self.tokens) - 1))
        if self._invisible:
            index = self._visible_near(index, 1 if index >= self._cursor else -1)
        if not keep_goal:
            self._goal_x = None
        old = self._cursor
        old_selection = self.selection
        self._cursor = index
        if old != index:
            if 0 <= old < len(self.tokens):
                self._refresh_range(self.tokens[old].start, self.tokens[old].end)
            token = self.tokens[index]
            self._refresh_range(token.start, token.end)
            if self._anchor is not None:
                self._refresh_selection(old_selection, self.selection)
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved(self.cursor_offset, by))

    def move_to(self, offset: int, by: str = "jump") -> None:
        self.set_cursor(self.token_at_or_after(offset), by)

    def scroll_to_cursor(self) -> None:
        token = self.cursor_token
        if token is not None:
            self.scroll_to_range(token.start, token.end)

    def scroll_to_range(self, start: int, end: int, margin: int = 2) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self._wrapped.line_of(start)
        bottom = self._wrapped.line_of(max(start, end - 1))
        margin = min(margin, max(0, (height - 1) // 2))
        scroll_y = round(self.scroll_y)
        if top < scroll_y + margin:
            self.scroll_to(y=max(0, top - margin), animate=False)
        elif bottom > scroll_y + height - 1 - margin:
            target = min(bottom - height + 1 + margin, top - margin)
            self.scroll_to(y=max(0, target), animate=False)

    def action_token(self, step: int) -> None:
        self.set_cursor(self._cursor + step)

    def action_word(self, step: int) -> None:
        i = self._cursor + step
        while 0 <= i < len(self.tokens) and not self.tokens[i].text[:1].isalnum():
            i += step
        if 0 <= i < len(self.tokens):
            self.set_cursor(i)

    def action_sentence(self, step: int) -> None:
        if not self.sentences:
            return
        starts = self._sstarts
        here = self.cursor_offset
        if step > 0:
            k = bisect_right(starts, here)
            target = starts[k] if k < len(starts) else None
        else:
            k = bisect_left(starts, here) - 1
            target = starts[k] if k >= 0 else starts[0]
        if target is not None:
            self.move_to(target, "sentence")

    def action_top(self) -> None:
        self.set_cursor(0)

    def action_bottom(self) -> None:
        self.set_cursor(len(self.tokens) - 1)

    def action_line(self, step: int) -> None:
        self._vertical(step)

    def action_page(self, step: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=max(0, round(self.scroll_y) + step * height), animate=False)
        self._vertical(step * height)

    def _vertical(self, lines: int) -> None:
        token = self.cursor_token
        if token is None:
            return
        y, x = self.line_column(token.start)
        goal = self._goal_x if self._goal_x is not None else x
        w = self._wrapped
        step = 1 if lines > 0 else -1
        target = max(0, min(len(w) - 1, y + lines))
        # Blank lines hold no token: keep going in the same direction.
        while 0 <= target < len(w) and w.starts[target] == w.ends[target]:
            target += step
        if not 0 <= target < len(w) or target == y:
            return
        offset = self.offset_at(target, goal)
        index = bisect_right(self._tstarts, offset) - 1
        first = bisect_left(self._tstarts, w.starts[target])
        index = max(index, first)
        self.set_cursor(index, keep_goal=True)
        self._goal_x = goal

    # -- selection -----------------------------------------------------------------------

    @property
    def selection(self) -> Range | None:
        if self._fixed is not None:
            return self._fixed
        if self._anchor is None or not self.tokens:
            return None
        a, b = self.tokens[self._anchor], self.tokens[self._cursor]
        return min(a.start, b.start), max(a.end, b.end)

    def select(self, start: int, end: int) -> None:
        old = self.selection
        self._anchor, self._fixed = None, (start, end)
        self._refresh_selection(old, self._fixed)

    def clear_selection(self) -> None:
        old = self.selection
        self._anchor = self._fixed = None
        self._refresh_selection(old, None)

    def _start_extending(self) -> None:
        if self._fixed is not None:
            start, end = self._fixed
            self._fixed = None
            self._anchor = self.token_at_or_after(start)
            self._cursor = max(self._anchor, bisect_left(self._tstarts, end) - 1)
        else:
            self._anchor = self._cursor

    def action_extend(self, step: int) -> None:
        if not self.tokens:
            return
        old = self.selection
        if self._anchor is None:
            self._start_extending()
            self._refresh_selection(old, self.selection)
        self.set_cursor(self._cursor + step, "extend")

    def action_visual(self) -> None:
        if not self.tokens:
            return
        old = self.selection
        if self._anchor is None:
            self._start_extending()
        else:
            self._fixed, self._anchor = self.selection, None
        self._refresh_selection(old, self.selection)
        self.post_message(self.CursorMoved(self.cursor_offset, "select"))

    def _refresh_selection(self, old: Range | None, new: Range | None) -> None:
        if old == new:
            return
        for rng in (old, new):
            if rng is not None:
                self._refresh_range(*rng)

    # -- marks the screen sets -------------------------------------------------------------

    def set_highlight(self, rng: Range | None) -> None:
        old, self._highlight = self._highlight, rng
        self._refresh_selection(old, rng)

    def set_match(self, rng: Range | None) -> None:
        old, self._match = self._match, rng
        self._refresh_selection(old, rng)

    def set_marks(self, marks: Sequence[Range]) -> None:
        """Mark these ranges (untagged suggestions); only lines whose marks changed are redrawn."""
        new = sorted(marks)
        old = self._marks
        if new == old:
            return
        self._marks = new
        self._mark_starts = [a for a, _ in new]
        self._mark_longest = max((b - a for a, b in new), default=0)
        if abs(len(new) - len(old)) > 64:
            self._cache.clear()
            self.refresh()
            return
        for rng in set(old).symmetric_difference(new):
            self._refresh_range(*rng)

    @property
    def marks(self) -> list[Range]:
        return list(self._marks)

    def _marks_in(self, start: int, end: int) -> list[Range]:
        out = []
        i = bisect_left(self._mark_starts, end) - 1
        while i >= 0 and self._mark_starts[i] > start - self._mark_longest - 1:
            a, b = self._marks[i]
            if b > start:
                out.append((a, b))
            i -= 1
        return out

    def set_link(self, head: Range | None, candidate: Range | None, *, scroll: bool = True) -> None:
        old_head, old_cand = self._head, self._candidate
        self._head, self._candidate = head, candidate
        self._refresh_selection(old_head, head)
        self._refresh_selection(old_cand, candidate)
        if candidate is not None and scroll:
            self.scroll_to_range(*candidate)

    @property
    def highlight(self) -> Range | None:
        return self._highlight

    @property
    def link(self) -> tuple[Range | None, Range | None]:
        """While linking, as drawn: the quote or claim being linked and the proposed speaker; else (None, None)."""
        return self._head, self._candidate

    @property
    def match(self) -> Range | None:
        """The search match the cursor is on, as drawn."""
        return self._match

    # -- mouse ---------------------------------------------------------------------------

    def _token_at_event(self, event: events.MouseEvent) -> int:
        point = event.get_content_offset_capture(self)
        y = point.y + round(self.scroll_y)
        if not self.tokens or y < 0:
            return -1
        return self.token_near(self.offset_at(y, point.x))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        index = self._token_at_event(event)
        if index < 0:
            return
        self.focus()
        self.clear_selection()
        self._drag_from = index
        self.capture_mouse()
        self.set_cursor(index, "click")

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None or not event.button:
            return
        index = self._token_at_event(event)
        if index < 0 or (index == self._cursor and self._anchor is not None):
            return
        if self._anchor is None and index != self._drag_from:
            old = self.selection
            self._anchor = self._drag_from
            self._refresh_selection(old, self.selection)
        if self._anchor is not None:
            self.set_cursor(index, "extend")

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is None:
            return
        self._drag_from = None
        self.release_mouse()
        if self._anchor is not None:
            self._fixed, self._anchor = self.selection, None

    # -- drawing -------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def restyle(self) -> None:
        """Forget every computed style (after a theme change)."""
        self._rich_style_cache.clear()
        self._styles.clear()
        self._cache.clear()
        self.refresh()

    def _style(self, name: str, partial: bool = False) -> Style:
        key = f"{name}:{partial}"
        style = self._styles.get(key)
        if style is None:
            style = self.get_component_rich_style(name, partial=partial)
            self._styles[key] = style
        return style

    def base_style(self) -> Style:
        style = self._styles.get("base")
        if style is None:
            style = self._styles["base"] = self.rich_style
        return style

    def entity_style(self, label: str) -> Style:
        return self._style(f"annotated-text--entity-{entity_class(label.upper())}")

    def label_style(self, label: str) -> Style:
        """The label's colour (from chipread.toml, else the defaults) tinted over the text's background, bold:
        the text, the legend, the span list and the status line all draw a label with this one style."""
        key = f"label:{label}"
        style = self._styles.get(key)
        if style is None:
            spec = self.labels.get(label)
            base = self.base_style()
            background = Color.from_rich_color(base.bgcolor) if base.bgcolor else Color(0, 0, 0)
            tint = background.blend(Color.parse(spec.color if spec else "#a855f7"), LABEL_TINT / 100)
            style = base + Style(bgcolor=tint.rich_color, color=tint.get_contrast_text().rich_color, bold=True)
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self._content_width()
        index = y + round(self.scroll_y)
        if width != self._wrapped.width and not self._rewrap_pending:
            # Wrapping sets the virtual size, which must not change while the screen is being drawn:
            # draw with the old wrap now, wrap again right after (on_resize normally did it already).
            self._rewrap_pending = True
            self.call_later(self._rewrap_later)
        if index >= len(self._wrapped):
            return Strip.blank(width, self.base_style())
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_visual_line(index, width)
            self._cache[index] = strip
        return strip

    def _render_visual_line(self, index: int, width: int) -> Strip:
        base = self.base_style()
        start, end = self._wrapped.starts[index], self._wrapped.ends[index]
        if start == end:
            return Strip.blank(width, base)
        under: list[tuple[int, int, Style]] = []  # drawn first
        for e in self._entities_in(start, end):
            under.append((e.start, e.end, self.entity_style(e.label)))
        if self._marks:
            mark = self._style("annotated-text--mark", partial=True)
            under += [(a, b, mark) for a, b in self._marks_in(start, end)]
        if self._highlight:
            under.append((*self._highlight, self._style("annotated-text--suggestion", partial=True)))
        if self._match:
            under.append((*self._match, self._style("annotated-text--match", partial=True)))
        spans = sorted(self._span_lines.get(index, ()), key=lambda s: s.start - s.end)
        span_layers = [(s.start, s.end, self.label_style(s.label)) for s in spans]
        over: list[tuple[int, int, Style]] = []  # drawn last, in this order
        if self._head:
            over.append((*self._head, self._style("annotated-text--head", partial=True)))
        if self._candidate:
            over.append((*self._candidate, self._style("annotated-text--candidate")))
        selection = self.selection
        if selection:
            over.append((*selection, self._style("annotated-text--selection")))
        token = self.cursor_token
        if token is not None and token.start < end and token.end > start:
            over.append((token.start, token.end, self._style("annotated-text--cursor", partial=True)))
        cuts = {start, end}
        for layer in (under, span_layers, over):
            for a, b, _ in layer:
                if a < end and b > start:
                    cuts.add(max(a, start))
                    cuts.add(min(b, end))
        points = sorted(cuts)
        overlap = self._style("annotated-text--overlap", partial=True)
        text = self._display
        segments = []
        for a, b in pairwise(points):
            style = base
            for s, e, layer_style in under:
                if s <= a and b <= e:
                    style += layer_style
            depth = 0
            for s, e, layer_style in span_layers:
                if s <= a and b <= e:
                    style += layer_style
                    depth += 1
            if depth > 1:
                style += overlap
            for s, e, layer_style in over:
                if s <= a and b <= e:
                    style += layer_style
            segments.append(Segment(text[a:b], style))
        return Strip(segments).adjust_cell_length(width, base)

    def _entities_in(self, start: int, end: int) -> list[Entity]:
        i = max(0, bisect_right(self._estarts, start) - 1)
        out = []
        entities = self.entities
        while i < len(entities) and entities[i].start < end:
            if entities[i].end > start:
                out.append(entities[i])
            i += 1
        return out


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
