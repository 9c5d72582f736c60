"""Store benchmark: tag-to-durable latency vs TinyDB's stock JSONStorage, and opening a large store.

Run: python benchmarks/bench_store.py [--sizes 1000,10000,100000] [--reps 200]
Prints figures; it is not a test. Spans are spread 50 per article, as in real use; the
"worst case" rows put 2,000 spans in the very article being tagged.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

sys.path.insert(0, str(Path(__file__).parent))
from memory import peak_mb, reset_peak  # noqa: E402

from chipread.model import Article, ArticleState, Span, text_hash
from chipread.session import AnnotationSession
from chipread.store import AnnotationStore, Change

PER_ARTICLE = 50
WORDS = " ".join(f"word{i}" for i in range(4000))


def article(n: int) -> Article:
    text = f"Article {n}\n\n{WORDS}"
    return Article(id=f"{n:016x}", handle=f"a{n}", path=f"a{n}.txt", title=f"Article {n}", text=text)


def span_record(article_id: str, i: int) -> dict:
    start = 12 + (i % 3000) * 9
    return Span(
        f"{article_id[-6:]}{i:06d}",
        article_id,
        start,
        start + 5,
        "actor",
        "word0",
        "bench",
        "2026-01-01T00:00:00+00:00",
        "2026-01-01T00:00:00+00:00",
    ).to_dict()


def fill(root: Path, total: int, per_article: int = PER_ARTICLE) -> None:
    """Write `total` spans straight into article files (one write per article: fast setup)."""
    store = AnnotationStore(root)
    store.claim("bench")
    for n in range(0, (total + per_article - 1) // per_article):
        art = article(n)
        count = min(per_article, total - n * per_article)
        changes = [Change("spans", f"{n}-{i}", None, span_record(art.id, i)) for i in range(count)]
        state = ArticleState(art.id, "bench", "in_progress", "", text_hash(art.text))
        changes.append(Change("state", art.id, None, state.to_dict()))
        store.article_file(art.id, "bench").apply(
            changes, meta={"article_id": art.id, "annotator": "bench"}, record=None
        )
        store._files.clear()  # keep memory flat during setup
    store.close()


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples) * 1e3, samples[min(len(samples) - 1, int(0.95 * len(samples)))] * 1e3


def chipread_latency(root: Path, target: Article, reps: int) -> tuple[float, float]:
    store = AnnotationStore(root)
    store.claim("bench")
    session = AnnotationSession(store, target, "bench")
    times = []
    for i in range(reps):
        start = target.text.index(f"word{1000 + i} ")
        t0 = time.perf_counter()
        session.add_span(start, start + 4, "quote")
        times.append(time.perf_counter() - t0)
    store.close()
    return percentiles(times)


def stock_latency(path: Path, total: int, reps: int) -> tuple[float, float]:
    db = TinyDB(path, storage=JSONStorage)
    table = db.table("spans")
    table.insert_multiple(span_record(f"{i // PER_ARTICLE:016x}", i) for i in range(total))
    times = []
    for i in range(reps):
        t0 = time.perf_counter()
        table.insert(span_record("ffffffffffffffff", total + i))
        times.append(time.perf_counter() - t0)
    db.close()
    return percentiles(times)


def open_store(root: str) -> None:
    """Child process: open the store and count every span and status, as `chipread list` does."""
    reset_peak()
    t0 = time.perf_counter()
    store = AnnotationStore(Path(root), readonly=True)
    spans = sum(len(ann.spans) for _, _, ann in store.iter_files("bench"))
    elapsed = time.perf_counter() - t0
    peak = peak_mb()
    print(json.dumps({"seconds": elapsed, "spans": spans, "peak_mb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--open-child")
    args = parser.parse_args()
    if args.open_child:
        open_store(args.open_child)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'spans stored':>12} | {'chipread median':>15} {'p95':>8} | {'stock JSONStorage median':>24} {'p95':>8}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = Path(tmp) / f"store-{size}"
            fill(root, size)
            ours = chipread_latency(root, article(10**6 + size), args.reps)
            stock_reps = max(5, min(args.reps, 2_000_000 // max(size, 1) // 10))
            stock = stock_latency(Path(tmp) / f"stock-{size}.json", size, stock_reps)
            rows.append((size, ours, stock))
            print(f"{size:>12,} | {ours[0]:>12.2f} ms {ours[1]:>5.2f} ms | {stock[0]:>21.2f} ms {stock[1]:>5.2f} ms")
        # Worst case: the article being tagged already holds 2,000 spans.
        root = Path(tmp) / "worst"
        fill(root, 2000, per_article=2000)
        worst = chipread_latency(root, article(0), args.reps)
        print(f"{'2,000 in the tagged article':>12} | {worst[0]:>9.2f} ms {worst[1]:>5.2f} ms |")
        if len(rows) > 1:
            print(
                f"ratio of medians, largest/smallest: chipread {rows[-1][1][0] / rows[0][1][0]:.2f}x, "
                f"stock {rows[-1][2][0] / rows[0][2][0]:.1f}x"
            )
        largest = Path(tmp) / f"store-{sizes[-1]}"
        out = subprocess.run(
            [sys.executable, __file__, "--open-child", str(largest)], capture_output=True, text=True, check=True
        )
        info = json.loads(out.stdout)
        print(
            f"open a store of {info['spans']:,} spans ({info['spans'] // PER_ARTICLE:,} article files) and count them: "
            f"{info['seconds'] * 1e3:.0f} ms, peak RSS {info['peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
