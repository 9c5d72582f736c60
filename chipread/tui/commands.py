"""Command palette entries: jump to an article, export, label and article actions."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

if TYPE_CHECKING:
    from chipread.tui.app import ChipreadApp

MAX_HITS = 40  # the palette shows a screenful; ranking 20,000 articles is cheap, drawing them is not
DISCOVER_ARTICLES = 30  # before anything is typed: the first articles in library order


@dataclass(frozen=True, slots=True)
class Entry:
    text: str
    folded: str
    command: Callable[[], object]
    help: str
    article: bool = False


class ChipreadCommands(Provider):
    """Entries are built once per opening of the palette; each keystroke only scores them.

    Every entry's text is plain Content: titles and sources are never read as markup.
    """

    _entries: list[Entry]
    _last: tuple[str, list[int]]

    @property
    def chipread(self) -> ChipreadApp:
        return self.app  # type: ignore[return-value]

    async def startup(self) -> None:
        self._entries = list(self._build())
        self._last = ("", list(range(len(self._entries))))

    def _build(self) -> Iterator[Entry]:
        def entry(text: str, command: Callable[[], object], help_text: str, article: bool = False) -> Entry:
            return Entry(text, _fold(text), command, help_text, article)

        app = self.chipread
        reader = app.reader if app.reader_active else None
        if reader is not None:
            for label in app.ws.labels.labels:
                yield entry(
                    f"Tag as {label.name} ({app.key_for(f'tag-{label.name}')})",
                    partial(reader.action_tag, label.name),
                    "the selection, or the suggestion under the cursor",
                )
            if reader.last_label:
                yield entry(
                    f"Repeat {reader.last_label} on the next suggestion",
                    reader.action_repeat,
                    f"same as {app.key_for('repeat')}",
                )
            for status in ("done", "skipped", "in_progress", "todo"):
                yield entry(
                    f"Mark article {status.replace('_', ' ')}", partial(reader.set_status, status), "this article"
                )
            yield entry(
                "Link speaker of the quote or claim under the cursor",
                reader.action_link,
                f"same as {app.key_for('link')}",
            )
            yield entry("Toggle the span list", reader.action_toggle_panel, f"same as {app.key_for('toggle-panel')}")
            yield entry("Back to the library", app.show_library, f"same as {app.key_for('escape')}")
        for row in app.library_rows():
            info = row.info
            where = " · ".join(p for p in (info.source, info.published.isoformat() if info.published else None) if p)
            text = f"Open: {' '.join((info.title or info.handle).split())}" + (f" — {where}" if where else "")
            yield entry(
                text,
                partial(app.open_article, info.id),
                f"{row.status.replace('_', ' ')}, {row.total} spans",
                article=True,
            )
        from chipread.export import EXPORTERS

        for fmt in app.export_formats():
            yield entry(
                f"Export annotations as {fmt}…", partial(app.ask_export, fmt), f"{EXPORTERS[fmt].summary}; asks where"
            )
        yield entry("Help: every key", app.action_help, f"same as {app.key_for('help')}")

    async def discover(self) -> Hits:
        articles = 0
        for item in self._entries:
            if item.article:
                articles += 1
                if articles > DISCOVER_ARTICLES:
                    continue
            yield DiscoveryHit(Content(item.text), item.command, text=item.text, help=escape(item.help))

    async def search(self, query: str) -> Hits:
        folded = _fold(query)
        last_query, last_found = self._last
        # Typing on narrows: whatever matches the longer query matched the shorter one.
        pool = last_found if last_query and folded.startswith(last_query) else range(len(self._entries))
        found: list[int] = []
        scored: list[tuple[float, int, list[int]]] = []
        entries = self._entries
        for i in pool:
            match = fuzzy(folded, entries[i].folded)
            if match is not None:
                found.append(i)
                scored.append((match[0], -i, match[1]))
        self._last = (folded, found)
        style = self.matcher(query).match_style
        for score, neg_index, offsets in heapq.nlargest(MAX_HITS, scored):
            item = entries[-neg_index]
            yield Hit(
                score, _highlight(item.text, offsets, style), item.command, text=item.text, help=escape(item.help)
            )


def _fold(text: str) -> str:
    """Case-folded with every character kept at its offset (so matches can be highlighted in the original)."""
    folded = text.casefold()
    return folded if len(folded) == len(text) else "".join(ch.casefold()[:1] or ch for ch in text)


def fuzzy(query: str, candidate: str) -> tuple[float, list[int]] | None:
    """Score `query` as a subsequence of `candidate` (both case-folded): one greedy pass, no backtracking.

    Textual's matcher tries every combination of positions, which is slow on long titles; this keeps
    its idea of a good match: whole substrings, word starts, few groups.
    """
    if not query:
        return 0.0, []
    at = candidate.find(query)
    if at >= 0:
        offsets = list(range(at, at + len(query)))
        bonus = 2.0 if at == 0 or not candidate[at - 1].isalnum() else 1.5
    else:
        offsets = []
        position = 0
        for ch in query:
            position = candidate.find(ch, position)
            if position < 0:
                return None
            offsets.append(position)
            position += 1
        bonus = 1.0
    starts = sum(1 for o in offsets if o == 0 or not candidate[o - 1].isalnum())
    groups = 1 + sum(1 for a, b in pairwise(offsets) if b != a + 1)
    compact = (len(offsets) - (groups - 1)) / len(offsets)
    return (len(offsets) + starts) * (1 + compact * compact) * bonus, offsets


def _highlight(text: str, offsets: list[int], style) -> Content:
    """The matched letters styled; article titles stay plain text (never parsed as markup)."""
    content = Content(text)
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content
