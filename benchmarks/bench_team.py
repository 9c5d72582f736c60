"""Team benchmark: merging two stores, and the agreement figures over many annotators.

Run: python benchmarks/bench_team.py [--articles 1000] [--annotators 6] [--agree-articles 200]
Prints figures; it is not a test. The merge brings a store whose ana went on separately (one new
span per article) and a new annotator into a store of the same articles; agreement is computed
on synthetic annotations of ~2,000-character articles, 20 spans per annotator and article.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chipread.model import Annotations, Span  # noqa: E402
from chipread.nlp.tokenizer import tokenize  # noqa: E402
from chipread.store import AnnotationStore  # noqa: E402
from chipread.team.agree import Article, Work, agreement  # noqa: E402
from chipread.team.merge import merge_stores  # noqa: E402
from tests.team.merge_process import build  # noqa: E402

LABELS = ("actor", "claim", "quote")


def bench_merge(articles: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        dest, source = Path(tmp) / "dest", Path(tmp) / "source"
        build(dest, source, articles=articles)
        start = time.perf_counter()
        with AnnotationStore(dest) as store:
            report = merge_stores(store, [source])
        took = time.perf_counter() - start
        print(f"merge {articles:,} + {articles:,} article files: {took:.2f} s ({report.summary()})")
        start = time.perf_counter()
        with AnnotationStore(dest) as store:
            merge_stores(store, [source])
        print(f"merging the same store again (nothing new): {time.perf_counter() - start:.2f} s")


def synthetic(rng: random.Random, annotators: int, n: int) -> list[Article]:
    words = " ".join(f"word{i}" for i in range(330))
    tokens = tokenize(words)
    out = []
    for a in range(n):
        truth = []
        for _ in range(20):
            i = rng.randrange(len(tokens) - 6)
            j = i + rng.randint(1, 5)
            truth.append((tokens[i].start, tokens[j].end, rng.choice(LABELS)))
        by = {}
        for k in range(annotators):
            spans = []
            for s, e, label in truth:
                if rng.random() < 0.15:
                    continue  # missed
                if rng.random() < 0.1:
                    e = tokens[min(len(tokens) - 1, next(t for t, tok in enumerate(tokens) if tok.end >= e) + 1)].end
                if rng.random() < 0.05:
                    label = rng.choice(LABELS)
                spans.append(Span(f"{k}-{a}-{s}", str(a), s, e, label, words[s:e], f"a{k}"))
            by[f"a{k}"] = Work.of(Annotations(str(a), f"a{k}", tuple(spans)), tokens)
        out.append(Article(str(a), f"art{a}", len(tokens), by))
    return out


def bench_agree(annotators: int, n: int) -> None:
    rng = random.Random(7)
    data = synthetic(rng, annotators, n)
    names = [f"a{k}" for k in range(annotators)]
    start = time.perf_counter()
    report = agreement(data, names, list(LABELS))
    took = time.perf_counter() - start
    tokens = sum(a.tokens for a in data)
    print(
        f"agreement of {annotators} annotators on {n:,} articles ({tokens:,} tokens, {len(report.pairs)} pairs): "
        f"{took:.2f} s; overall kappa {report.overall.kappa:.3f}, alpha {report.overall.alpha:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in each store to merge")
    parser.add_argument("--annotators", type=int, default=6)
    parser.add_argument("--agree-articles", type=int, default=200)
    args = parser.parse_args()
    bench_merge(args.articles)
    bench_agree(args.annotators, args.agree_articles)


if __name__ == "__main__":
    main()
