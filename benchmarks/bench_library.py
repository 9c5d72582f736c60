"""Library benchmark: opening the library on a large .jsonl corpus, filtering as you type, sorting, moving.

Run: python benchmarks/bench_library.py [--articles 5000]
Prints figures; it is not a test. Times are wall-clock ms per step through Pilot (each includes Pilot's
wait for the app to go idle, so they are what a typist would feel, give or take the terminal).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from chipread.tui import make_app
from chipread.workspace import Workspace

SIZE = (120, 40)


def write_corpus(path: Path, count: int) -> None:
    outlets = ("Reuters", "Nikkei Asia", "The Japan Times", "NRC", "Global Times")
    path.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"a{i:06d}",
                    "title": f"Export controls update {i}: chips, tools and talks",
                    "source": outlets[i % len(outlets)],
                    "published": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "text": f"Export controls update {i}\n\nJapan and the Netherlands met officials in Washington on day {i}.",
                }
            )
            + "\n"
            for i in range(count)
        ),
        encoding="utf-8",
    )


async def measure(ws: Workspace) -> dict[str, list[float]]:
    app = make_app(ws)
    app.animation_level = "none"
    times: dict[str, list[float]] = {}

    async def timed(name: str, *keys: str) -> None:
        for key in keys:
            start = time.perf_counter()
            await pilot.press(key)
            times.setdefault(name, []).append((time.perf_counter() - start) * 1000)

    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        times["open the library"] = [(time.perf_counter() - start) * 1000]
        await timed("filter keystroke", "slash", *"update 12")
        await timed("clear the filter", "enter", "escape")
        await timed("sort (cycle)", "o", "o", "o")
        await timed("cursor down", *"j" * 20)
        await timed("page down", *["pagedown"] * 10)
        await timed("to the bottom", "G")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "many.jsonl"
        write_corpus(corpus, args.articles)
        start = time.perf_counter()
        ws = Workspace.open(corpus, db=Path(tmp) / "db", use_cache=False)
        loaded = (time.perf_counter() - start) * 1000
        try:
            times = asyncio.run(measure(ws))
        finally:
            ws.close()
    print(f"library of {args.articles:,} articles at {SIZE[0]}x{SIZE[1]} (wall ms)")
    print(f"  {'load the corpus (no cache)':28} {loaded:9.1f}")
    for name, values in times.items():
        print(f"  {name:28} median {statistics.median(values):7.1f}   max {max(values):7.1f}   n={len(values)}")


if __name__ == "__main__":
    main()
