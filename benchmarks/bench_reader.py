"""Reader benchmark: opening a 100,000-character article with 2,000 spans, a cursor move, a tag; the
Line API reader beside a plain Static holding the whole styled text.

Run: python benchmarks/bench_reader.py [--chars 100000] [--spans 2000] [--moves 200]
Prints figures; it is not a test. Times are CPU time of this process (all threads), in ms:
  handler  = the action handler + its message handler + rendering the widget's visible lines
  keypress = everything the app does for one key through Pilot (dispatch, handlers, compositor,
             writing the screen update), measured as CPU time so Pilot's idle waits do not count.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from memory import peak_mb, reset_peak
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from chipread.annotate import Reading
from chipread.model import Span
from chipread.store import Change
from chipread.tui import make_app
from chipread.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
LABEL_STYLES = {
    "actor": Style(bgcolor="#1d4f91", bold=True),
    "claim": Style(bgcolor="#7a5310", bold=True),
    "quote": Style(bgcolor="#1f6b3a", bold=True),
}
ENTITY_STYLE = Style(bgcolor="#3a3350")
CURSOR = Style(reverse=True, bold=True)


def build_corpus(folder: Path, chars: int) -> None:
    """One long article made of the seed articles' paragraphs (real news text, real entities)."""
    paragraphs = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    body, i = [], 0
    while sum(len(p) + 2 for p in body) < chars * 1.1:  # cleaning trims a little
        body.append(paragraphs[i % len(paragraphs)])
        i += 1
    folder.mkdir(parents=True)
    (folder / "long.txt").write_text(
        "A long article for the benchmark\n\n" + "\n\n".join(body) + "\n", encoding="utf-8"
    )


def add_spans(ws: Workspace, article_id: str, count: int) -> None:
    """`count` spans on entities and sentences, written in one batch (not through 2,000 fsyncs)."""
    article = ws.get(article_id)
    analysis = ws.analyse(article)
    labels = ("actor", "quote", "claim")
    picks = [(e.start, e.end) for e in analysis.entities] + [(s.start, s.end) for s in analysis.sentences]
    picks.sort()
    step = max(1, len(picks) // count)
    chosen = picks[::step][:count]
    while len(chosen) < count:  # short text: add token spans
        t = analysis.tokens[len(chosen) * 7 % len(analysis.tokens)]
        chosen.append((t.start, t.end))
    changes = []
    for i, (start, end) in enumerate(chosen):
        span = Span(f"bench{i:06d}", article_id, start, end, labels[i % 3], article.text[start:end], ws.annotator)
        changes.append(Change("spans", span.id, None, span.to_dict()))
    file = ws.store.article_file(article_id, ws.annotator)
    file.apply(
        changes,
        meta={
            "article_id": article_id,
            "annotator": ws.annotator,
            "handle": article.handle,
            "path": article.path,
            "title": article.title,
            "text_hash": article.text_hash,
        },
        record=None,
    )


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def summary(values: list[float]) -> str:
    return f"p50 {statistics.median(values):7.2f}  p95 {pct(values, 0.95):7.2f}  max {max(values):7.2f}"


def cpu_ms(fn) -> float:
    t = time.process_time()
    fn()
    return (time.process_time() - t) * 1000


async def press_cpu(pilot, key: str) -> float:
    t = time.process_time()
    await pilot.press(key)
    return (time.process_time() - t) * 1000


# -- the Line API reader (chipread itself) --------------------------------------------------------


async def bench_chipread(corpus: Path, db: Path, spans: int, moves: int) -> dict:
    ws = Workspace.open(corpus, db=db, use_cache=False)
    article_id = ws.infos()[0].id
    chars = len(ws.get(article_id).text)
    t = time.process_time()
    ws.analyse(ws.get(article_id))
    analysis_ms = (time.process_time() - t) * 1000
    add_spans(ws, article_id, spans)
    app = make_app(ws)
    app.animation_level = "none"
    out: dict = {"chars": chars, "analysis": analysis_ms}
    reset_peak()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The start's own background work (the recognizer loaded early, wire copies looked for) is not
        # the open's: it is over before the clock starts.
        await app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.reader
        # Opening: everything the app does until the visible lines are drawn (analysis cached above).
        t = time.process_time()
        app.open_article(article_id)
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["open_keypress"] = (time.process_time() - t) * 1000
        view = reader.view
        height = view.scrollable_content_region.height
        view._cache.clear()
        view._wraps.clear()

        def open_handler() -> None:
            reader.show_article(article_id)
            analysis = ws.analyse(reader.article)
            reader._analysed(article_id, analysis, Reading(analysis, ws.labels))
            for y in range(height):
                view.render_line(y)

        out["open_handler"] = cpu_ms(open_handler)
        out["spans_shown"] = len(view.spans)
        await pilot.pause()
        view.move_to(len(reader.article.text) // 2)
        await pilot.pause()

        def visible() -> None:
            for y in range(height):
                view.render_line(y)

        handler, keypress = [], []
        keys = ["l", "l", "j", "w", "tab", "h", "k", "b", "shift+tab", "j"]
        actions = {
            "l": lambda: view.action_token(1),
            "h": lambda: view.action_token(-1),
            "j": lambda: view.action_line(1),
            "k": lambda: view.action_line(-1),
            "w": lambda: view.action_word(1),
            "b": lambda: view.action_word(-1),
            "tab": lambda: reader._suggestion(1),
            "shift+tab": lambda: reader._suggestion(-1),
        }
        for i in range(moves):
            key = keys[i % len(keys)]

            def move(key=key) -> None:
                actions[key]()
                reader.on_annotated_text_cursor_moved(view.CursorMoved(view.cursor_offset, "move"))
                visible()
                reader.query_one("#status-info").render()

            handler.append(cpu_ms(move))
            await pilot.pause()
            keypress.append(await press_cpu(pilot, key))
        out["move_handler"], out["move_keypress"] = handler, keypress

        # Tagging: the action (which writes and fsyncs through the session) + redrawing what changed.
        tag_handler, tag_keypress = [], []
        for i in range(min(moves, 100)):
            view.move_to(reader.article.text.index(" ", len(reader.article.text) // 3 + i * 211) + 1)
            await pilot.pause()

            def tag() -> None:
                reader.action_tag("actor")
                visible()

            tag_handler.append(cpu_ms(tag))
            await pilot.press("u")
            await pilot.press("w")
            tag_keypress.append(await press_cpu(pilot, "a"))
            await pilot.press("u")
        out["tag_handler"], out["tag_keypress"] = tag_handler, tag_keypress
        out["memory"] = peak_mb()
        await pilot.press("ctrl+q")
    ws.close()
    return out


# -- the same text in one Static ------------------------------------------------------------------


class StaticReader(App):
    """The naive design: the whole styled article in a Static, restyled and replaced on every move."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("l", "move(1)"), Binding("h", "move(-1)"), Binding("a", "tag")]

    def __init__(self, text: str, entities, spans: list[tuple[int, int, str]], tokens) -> None:
        super().__init__()
        self.text, self.entities, self.spans, self.tokens = text, entities, spans, tokens
        self.cursor = len(tokens) // 2

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.styled(), id="text", markup=False)

    def styled(self) -> Text:
        text = Text(self.text)
        for e in self.entities:
            text.stylize(ENTITY_STYLE, e.start, e.end)
        for start, end, label in self.spans:
            text.stylize(LABEL_STYLES[label], start, end)
        token = self.tokens[self.cursor]
        text.stylize(CURSOR, token.start, token.end)
        return text

    def action_move(self, step: int) -> None:
        self.cursor += step
        self.query_one("#text", Static).update(self.styled())

    def action_tag(self) -> None:
        token = self.tokens[self.cursor]
        self.spans.append((token.start, token.end, "actor"))
        self.query_one("#text", Static).update(self.styled())


async def bench_static(corpus: Path, db: Path, moves: int) -> dict:
    ws = Workspace.open(corpus, db=db, write=False, use_cache=False)
    article_id = ws.infos()[0].id
    article = ws.get(article_id)
    analysis = ws.analyse(article)
    spans = [(s.start, s.end, s.label) for s in ws.store.load(article_id, ws.annotator).spans]
    out: dict = {}
    reset_peak()
    t = time.process_time()
    app = StaticReader(article.text, analysis.entities, spans, analysis.tokens)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        out["open_keypress"] = (time.process_time() - t) * 1000
        static = app.query_one("#text", Static)

        def render() -> None:
            static.update(app.styled())
            static._render_content()

        out["open_handler"] = cpu_ms(render)
        handler, keypress = [], []
        for i in range(moves):
            key = "l" if i % 2 == 0 else "h"

            def move(key=key) -> None:
                app.cursor += 1 if key == "l" else -1
                render()

            handler.append(cpu_ms(move))
            keypress.append(await press_cpu(pilot, key))
        out["move_handler"], out["move_keypress"] = handler, keypress
        tag_handler, tag_keypress = [], []
        for _ in range(max(5, moves // 10)):

            def tag() -> None:
                app.spans.append((analysis.tokens[app.cursor].start, analysis.tokens[app.cursor].end, "actor"))
                render()

            tag_handler.append(cpu_ms(tag))
            tag_keypress.append(await press_cpu(pilot, "a"))
        out["tag_handler"], out["tag_keypress"] = tag_handler, tag_keypress
        out["memory"] = peak_mb()
    ws.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--spans", type=int, default=2_000)
    parser.add_argument("--moves", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="chipread-bench-"))
    try:
        build_corpus(tmp / "corpus", args.chars)
        line = asyncio.run(bench_chipread(tmp / "corpus", tmp / "db", args.spans, args.moves))
        plain = asyncio.run(bench_static(tmp / "corpus", tmp / "db", max(10, args.moves // 10)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"reader benchmark: {line['chars']:,}-character article, {line['spans_shown']:,} spans, "
        f"terminal {SIZE[0]}x{SIZE[1]}, CPU ms"
    )
    print(f"analysis (nlp layer, once per article, in a worker thread): {line['analysis']:.1f} ms")
    print(f"{'':24}{'Line API reader (chipread)':>40}    {'Static with the whole text':>40}")
    rows = [
        ("open: handler + draw", "open_handler", False),
        ("open: whole app", "open_keypress", False),
        ("cursor move: handler+draw", "move_handler", True),
        ("cursor move: whole key", "move_keypress", True),
        ("tag: handler+draw", "tag_handler", True),
        ("tag: whole key", "tag_keypress", True),
    ]
    for title, key, dist in rows:
        left = summary(line[key]) if dist else f"{line[key]:7.1f}"
        right = summary(plain[key]) if dist else f"{plain[key]:7.1f}"
        print(f"{title:24}{left:>40}    {right:>40}")
    print(f"{'peak memory (MB, RSS)':24}{line['memory']:>40.0f}    {plain['memory']:>40.0f}")


if __name__ == "__main__":
    main()
