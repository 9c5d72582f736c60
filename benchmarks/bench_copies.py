"""Wire-copy detection: MinHash/LSH (chipread.actors.minhash) beside the naive all-pairs comparison, on synthetic news.

Run: python benchmarks/bench_copies.py [--articles 50000] [--bbc 2225] [--baseline 2225]
Prints figures; it is not a test. The corpora are generated (benchmarks/synthetic.py: topics,
outlets with footers, planted copies with cuts, boilerplate and 0-15% of words replaced), never
committed. Recall counts the planted pairs found; a false pair is a found pair that was not planted.
The naive baseline compares every pair's shingle sets exactly; at 50,000 articles it is not run
but extrapolated (its cost grows with the square of the corpus).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from memory import peak_mb, reset_peak  # noqa: E402
from synthetic import Corpus, World, make_corpus, planted_pairs  # noqa: E402

from chipread.actors import minhash  # noqa: E402


def detect(corpus: Corpus) -> tuple[dict[str, float], set[tuple[int, int]], float]:
    """LSH on the corpus: seconds per stage, the pairs found, peak memory (MB) of the detection."""
    texts = corpus.texts
    n = len(texts)
    reset_peak()
    times = {}
    t0 = time.perf_counter()
    values, docs = minhash.shingle_sets(texts)
    t1 = time.perf_counter()
    values, docs = minhash.drop_common(values, docs, n)
    t2 = time.perf_counter()
    sigs, sizes = minhash.signatures_of(values, docs, n)
    t3 = time.perf_counter()
    pairs = minhash.near_duplicates(values, docs, sigs, sizes)
    t4 = time.perf_counter()
    times.update(shingles=t1 - t0, common=t2 - t1, signatures=t3 - t2, pairs=t4 - t3, total=t4 - t0)
    return times, {(p.a, p.b) for p in pairs}, peak_mb()


def report(name: str, corpus: Corpus, times: dict[str, float], found: set[tuple[int, int]], memory: float) -> None:
    planted = planted_pairs(corpus)
    hits = len(found & planted)
    print(f"{name}: {len(corpus.texts):,} articles, {len(planted):,} planted copy pairs")
    print(
        f"  LSH {times['total']:.2f} s (shingles {times['shingles']:.2f}, common {times['common']:.2f}, "
        f"signatures {times['signatures']:.2f}, candidates+check {times['pairs']:.2f}); peak {memory:.0f} MB"
    )
    print(
        f"  recall {hits / max(1, len(planted)):.4f} ({hits:,}/{len(planted):,}); "
        f"false pairs {len(found - planted)}; missed {len(planted - found)}"
    )


def planted_similarity(corpus: Corpus, sample: int = 400) -> str:
    pairs = sorted(planted_pairs(corpus))[:sample]
    values = sorted(minhash.exact_similarity(corpus.texts[a], corpus.texts[b]) for a, b in pairs)
    if not values:
        return "no planted pairs at this size"
    return (
        f"min {values[0]:.2f}, median {statistics.median(values):.2f}, max {values[-1]:.2f} (first {len(values)} pairs)"
    )


def baseline(corpus: Corpus) -> tuple[float, set[tuple[int, int]]]:
    texts = corpus.texts
    values, docs = minhash.shingle_sets(texts)
    values, docs = minhash.drop_common(values, docs, len(texts))
    t0 = time.perf_counter()
    found = {(a, b) for a, b, _ in minhash.pairwise(values, docs, len(texts))}
    return time.perf_counter() - t0, found


def seeds() -> str:
    from chipread.workspace import Workspace

    repo = Path(__file__).resolve().parent.parent
    with Workspace.open(
        repo / "seeds", db=Path("/nonexistent-chipread-bench-store"), write=False, use_cache=False
    ) as ws:
        infos = ws.infos()
        pairs = minhash.detect([ws.get(i.id).text for i in infos])
        return ", ".join(
            f"{infos[p.a].handle[:3]}~{infos[p.b].handle[:3]} similarity {p.similarity:.2f}, "
            f"{infos[p.b].handle[:3]} shares {p.shared_b:.0%}"
            for p in pairs
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--bbc", type=int, default=2_225, help="the BBC-news-sized corpus, run side by side")
    parser.add_argument("--baseline", type=int, default=2_225, help="articles the naive all-pairs check runs on")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    print(
        f"threshold: Jaccard >= {minhash.THRESHOLD} of content-word-pair shingles; {minhash.PERMUTATIONS} "
        f"permutations in {minhash.BANDS} bands of {minhash.ROWS}"
    )
    print(f"seeds: {seeds()}")
    world = World.make(args.seed)

    t0 = time.perf_counter()
    small = make_corpus(args.bbc, seed=args.seed, world=world)
    print(f"generated {args.bbc:,} articles in {time.perf_counter() - t0:.1f} s (not timed below)")
    times, found, memory = detect(small)
    report("BBC scale", small, times, found, memory)
    print(f"  planted pairs' exact similarity: {planted_similarity(small)}")

    base_corpus = small if args.baseline == args.bbc else make_corpus(args.baseline, seed=args.seed, world=world)
    seconds, exact = baseline(base_corpus)
    lsh_times, lsh_found, _ = detect(base_corpus) if base_corpus is not small else (times, found, memory)
    pairs = len(base_corpus.texts) * (len(base_corpus.texts) - 1) // 2
    print(
        f"naive all-pairs on {len(base_corpus.texts):,} articles ({pairs:,} pairs): {seconds:.2f} s, "
        f"{len(exact):,} pairs at the threshold; LSH found {len(lsh_found & exact):,} of them "
        f"in {lsh_times['total']:.2f} s, and {len(lsh_found - exact)} the exact check would not"
    )

    t0 = time.perf_counter()
    big = make_corpus(args.articles, seed=args.seed + 1, world=world)
    print(f"generated {args.articles:,} articles in {time.perf_counter() - t0:.1f} s (not timed below)")
    times, found, memory = detect(big)
    report("large", big, times, found, memory)
    scale = (args.articles / len(base_corpus.texts)) ** 2
    print(
        f"naive all-pairs at {args.articles:,} articles: about {seconds * scale / 60:.0f} min "
        f"(extrapolated from {len(base_corpus.texts):,}: the pairs grow {scale:.0f}-fold), not run"
    )


if __name__ == "__main__":
    main()
