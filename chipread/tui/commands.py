"""Command palette entries: jump to an article, export, label and article actions."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

if TYPE_CHECKING:
    from chipread.tui.app import ChipreadApp


def export_available() -> bool:
    """The export module is built separately; its commands appear once it exists."""
    try:
        return importlib.util.find_spec("chipread.export") is not None
    except (ImportError, ValueError):
        return False


class ChipreadCommands(Provider):
    """Every entry's text is plain Content: titles and sources are never read as markup."""

    @property
    def chipread(self) -> ChipreadApp:
        return self.app  # type: ignore[return-value]

    def _entries(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = self.chipread
        reader = app.reader if app.reader_active else None
        if reader is not None:
            for label in app.ws.labels.labels:
                yield f"Tag as {label.name} ({label.key})", partial(reader.action_tag, label.name), \
                    "the selection, or the suggestion under the cursor"
            if reader.last_label:
                yield f"Repeat {reader.last_label} on the next suggestion", reader.action_repeat, "same as ."
            for status in ("done", "skipped", "in_progress", "todo"):
                yield f"Mark article {status.replace('_', ' ')}", partial(reader.set_status, status), "this article"
            yield "Link speaker of the quote or claim under the cursor", reader.action_link, "same as r"
            yield "Toggle the span list", reader.action_toggle_panel, "same as p"
            yield "Back to the library", app.show_library, "same as escape"
        for row in app.library_rows():
            info = row.info
            where = " · ".join(p for p in (info.source, info.published.isoformat() if info.published else None) if p)
            text = f"Open: {info.title or info.handle}" + (f" — {where}" if where else "")
            yield text, partial(app.open_article, info.id), f"{row.status.replace('_', ' ')}, {row.total} spans"
        if export_available():
            from chipread.export import EXPORTERS

            for fmt in app.export_formats():
                yield f"Export all annotations as {fmt}", partial(app.export, fmt), EXPORTERS[fmt].summary
        yield "Help: every key", app.action_help, "same as ?"

    async def discover(self) -> Hits:
        for text, command, help_text in self._entries():
            yield DiscoveryHit(Content(text), command, text=text, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), command, text=text, help=escape(help_text))


def _highlight(matcher, text: str) -> Content:
    """Matcher.highlight parses its input as markup; article titles must stay plain text."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
