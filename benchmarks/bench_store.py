"""Store benchmark: tag-to-durable latency vs TinyDB's stock JSONStorage, the cost of one write against the size
of the file written, and opening a large store.

Run: python benchmarks/bench_store.py [--sizes 1000,10000,100000] [--reps 200] [--per-write 10,2000,10000]
Prints figures; it is not a test. Spans are spread 50 per article, as in real use; the
"worst case" rows put 2,000 spans in the very article being tagged. The per-write rows tag one
article that already holds N spans: bytes this process handed to write() per tag (Linux's
/proc/self/io wchar: journal lines, and the compactions that fold them into the file, amortised)
and CPU ms per tag (the kernel's share included: fsync costs CPU too).
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


def written_bytes() -> int | None:
    """Bytes this process has passed to write() so far (Linux), or None where that is not counted."""
    try:
        with open("/proc/self/io", encoding="ascii") as io:
            return next(int(line.split()[1]) for line in io if line.startswith("wchar:"))
    except (OSError, StopIteration, ValueError):
        return None


def per_write(root: Path, stored: int, reps: int) -> dict:
    """Tag `reps` words of an article that already holds `stored` spans: CPU ms and bytes written per tag."""
    fill(root, stored, per_article=stored)
    target = article(0)
    store = AnnotationStore(root)
    store.claim("bench")
    session = AnnotationSession(store, target, "bench")
    path = store.article_file(target.id, "bench").path
    size = path.stat().st_size
    cpu, sizes = [], []
    start_bytes = written_bytes()
    for i in range(reps):
        start = target.text.index(f"word{1000 + i} ")
        before, t0 = written_bytes(), time.process_time()
        session.add_span(start, start + len(f"word{1000 + i}"), "quote")
        cpu.append(time.process_time() - t0)
        after = written_bytes()
        if before is not None and after is not None:
            sizes.append(after - before)
    total = (written_bytes() or 0) - (start_bytes or 0)
    store.close()
    cpu.sort()
    return {
        "spans": stored,
        "file_kb": size / 1024,
        "p50": statistics.median(cpu) * 1e3,
        "p95": cpu[min(len(cpu) - 1, int(0.95 * len(cpu)))] * 1e3,
        "max": cpu[-1] * 1e3,
        "bytes_median": statistics.median(sizes) if sizes else None,
        "bytes_mean": total / reps if sizes else None,
        "bytes_max": max(sizes) if sizes else None,
    }


def print_per_write(tmp: str, sizes: list[int], reps: int) -> None:
    print()
    print(f"one write against the size of the file it changes ({reps} tags each; CPU ms; bytes passed to write())")
    print(
        f"{'spans in the article':>20} {'file':>9} | {'CPU p50':>8} {'p95':>7} {'max':>7} | "
        f"{'bytes median':>12} {'mean':>7} {'max':>9}"
    )
    for stored in sizes:
        row = per_write(Path(tmp) / f"per-write-{stored}", stored, reps)
        counted = row["bytes_median"] is not None
        print(
            f"{row['spans']:>20,} {row['file_kb']:>6.0f} KB | {row['p50']:>8.2f} {row['p95']:>7.2f} {row['max']:>7.2f} | "
            + (
                f"{row['bytes_median']:>12,.0f} {row['bytes_mean']:>7,.0f} {row['bytes_max']:>9,}"
                if counted
                else f"{'(not counted on this system)':>30}"
            )
        )


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
    parser.add_argument(
        "--per-write", default="10,2000,10000", help="spans already in the tagged article, for the per-write rows"
    )
    parser.add_argument("--per-write-only", action="store_true", help="print only the per-write rows")
    parser.add_argument("--open-child")
    args = parser.parse_args()
    if args.open_child:
        open_store(args.open_child)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    per_write_sizes = [int(s) for s in args.per_write.split(",") if s]
    if args.per_write_only:
        with tempfile.TemporaryDirectory() as tmp:
            print_per_write(tmp, per_write_sizes, args.reps)
        return
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
        print_per_write(tmp, per_write_sizes, args.reps)


if __name__ == "__main__":
    main()
