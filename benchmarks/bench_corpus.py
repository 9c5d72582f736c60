"""Benchmark the corpus layer: cold and warm open of 10,000 generated articles, and get() of one.

    python benchmarks/bench_corpus.py [--articles 10000] [--keep DIR]

Each phase runs in its own subprocess, which reports its wall time and peak RSS (its own, and its
process-pool children's). Prints figures; passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = """the government said on monday that new export rules would take effect next month after talks
with officials in tokyo washington beijing and the hague companies making chips equipment memory
lithography machines supply chain analysts expect orders to fall while shares rose in morning trade
ministry spokesperson told reporters measures are not aimed at any country security technology
investment factory plant subsidies billion yen dollars production workers demand prices customers
industry trade minister statement agreed cooperation restrictions allies semiconductor advanced""".split()
NAMES = ["Hayashi", "Qin Gang", "Raimondo", "Nishimura", "Wang Wentao", "Schreinemacher", "Kishida", "Mao Ning"]
OUTLETS = ["The Northern Ledger", "Asia Tech Wire", "Tokyo Business Review", "The Evening Courier", "Kyushu Weekly"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
    text = " ".join(words)
    if rng.random() < 0.25:
        text = f"“{text},” {rng.choice(NAMES)} said"
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, size: int) -> list[str]:
    paras: list[str] = []
    while sum(len(p) for p in paras) < size:
        paras.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 4))))
    return paras


def headline(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 12))]
    return " ".join(words).capitalize()


def txt_page(rng: random.Random, n: int) -> str:
    parts = []
    if rng.random() < 0.4:
        parts.append("\n".join(f"  • {w}" for w in ["News", "World", "Business", "Tech", "Opinion", "Sport"]))
    parts.append(headline(rng))
    if rng.random() < 0.5:
        parts.append(f"By {rng.choice(NAMES)} | Updated {rng.randint(1, 9)} hours ago")
    if rng.random() < 0.3:
        parts.append(f"May {rng.randint(1, 28)}, 2023 {rng.randint(1, 12)}:{rng.randint(10, 59)} AM GMT+9")
    paras = body(rng, rng.randint(2000, 7500))
    if rng.random() < 0.3:
        paras[0] = f"TOKYO, May {rng.randint(1, 28)} (Reuters) - {paras[0]}"
    if rng.random() < 0.4:
        paras.insert(1, "Photo: Reuters")
    if rng.random() < 0.3:
        paras.insert(2, "Advertisement")
    if rng.random() < 0.3:
        paras.insert(3, "Sign up now: Get our newsletters delivered to your inbox")
    if rng.random() < 0.2:
        paras.insert(len(paras) // 2, f"Read also: {headline(rng)}")
    parts.extend(paras)
    if rng.random() < 0.3:
        parts.append(f"Source: {rng.choice(OUTLETS)}")
    if rng.random() < 0.3:
        parts.append(f"© 2023 {rng.choice(OUTLETS)}. All rights reserved.")
    return "\n\n".join(parts) + f"\n\n(article {n})\n"


def md_page(rng: random.Random, n: int) -> str:
    paras = body(rng, rng.randint(2000, 7500))
    front = f"---\ntitle: {headline(rng)}\ndate: 2023-06-{rng.randint(10, 28)}\nsource: {rng.choice(OUTLETS)}\n---\n\n"
    extra = "\n\n![A factory](x.jpg)\n*Photo: AP*\n\n" if rng.random() < 0.5 else "\n\n"
    return (
        front
        + f"# {headline(rng)}\n\n**By {rng.choice(NAMES)}**"
        + extra
        + "\n\n".join(paras)
        + f"\n\nTags: chips, trade\n\n(article {n})\n"
    )


def html_page(rng: random.Random, n: int) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in body(rng, rng.randint(2000, 7000)))
    title = headline(rng)
    outlet = rng.choice(OUTLETS)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="article:published_time" content="2023-06-{rng.randint(10, 28)}T09:00:00Z">
<script>var x = 1;</script><style>p {{ margin: 0 }}</style></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li><li><a href="/b">Business</a></li></ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By {rng.choice(NAMES)}</p>
<figure><img src="a.jpg"><figcaption>A worker at a plant. Photograph: Reuters</figcaption></figure>
{paras}<div class="ad-slot"><p>Advertisement</p></div><p>(article {n})</p></article>
<aside><h3>Most read</h3><ul><li><a href="/1">{headline(rng)}</a></li></ul></aside></main>
<footer><p>© 2023 {outlet}</p></footer></body></html>"""


def generate(root: Path, count: int) -> int:
    rng = random.Random(20230529)
    total = 0
    for n in range(count):
        folder = root / f"batch{n // 500:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = rng.random()
        if kind < 0.7:
            name, text = f"article-{n}.txt", txt_page(rng, n)
        elif kind < 0.85:
            name, text = f"article-{n}.md", md_page(rng, n)
        else:
            name, text = f"article-{n}.html", html_page(rng, n)
        (folder / name).write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


PHASE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[4])
from memory import peak_mb, reset_peak
reset_peak()  # ru_maxrss would carry the benchmark parent's peak across fork+exec
t0 = time.perf_counter()
from chipread.corpus import open_corpus
import chipread.corpus.pool as pool
t1 = time.perf_counter()
root, cache, phase = sys.argv[1], sys.argv[2], sys.argv[3]
if phase == "cold-sequential":
    pool.POOL_MIN_TASKS = 10**9
def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
self0 = cpu(resource.RUSAGE_SELF)
start = time.perf_counter()
corpus = open_corpus(root, cache_dir=cache, use_cache=phase != "no-cache")
opened = time.perf_counter() - start
result = {"import_s": t1 - t0, "open_s": opened, "cpu_s": cpu(resource.RUSAGE_SELF) - self0,
          "workers_cpu_s": cpu(resource.RUSAGE_CHILDREN), "articles": len(corpus), "skipped": len(corpus.skipped)}
if phase == "get":
    ids = [info.id for info in corpus]
    start = time.perf_counter()
    article = corpus.get(ids[len(ids) // 2])
    result["get_ms"] = (time.perf_counter() - start) * 1000
result["rss_kb"] = peak_mb() * 1024
result["children_rss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps(result))
"""

PHASES = (
    ("cold", "cold open (parallel parse, writes cache)"),
    ("warm", "warm open (from the cache)"),
    ("get", "warm open, then get() of one article"),
    ("cold-sequential", "cold open, one process"),
    ("no-cache", "open with use_cache=False"),
)


def run_phase(root: Path, cache: Path, phase: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PHASE, str(root), str(cache), phase, str(Path(__file__).resolve().parent)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="chipread-bench-"))
    root, cache = base / "corpus", base / "cache"
    try:
        if not root.exists():
            start = time.perf_counter()
            size = generate(root, args.articles)
            print(f"generated {args.articles} articles, {size / 1e6:.1f} MB, in {time.perf_counter() - start:.1f} s")
        rows = []
        for phase, name in PHASES:
            if phase in ("cold", "cold-sequential"):
                shutil.rmtree(cache, ignore_errors=True)
            rows.append((name, run_phase(root, cache, phase)))
            if phase == "get":
                db = sum(p.stat().st_size for p in cache.glob("*"))
        header = f"{'phase':40} {'open s':>7} {'CPU s':>6} {'workers CPU s':>13} {'peak RSS MB':>11} {'workers MB':>10}"
        print(f"\n{header}  notes")
        for name, r in rows:
            note = (
                f"get() {r['get_ms']:.1f} ms" if "get_ms" in r else f"{r['articles']} articles, {r['skipped']} skipped"
            )
            print(
                f"{name:40} {r['open_s']:7.2f} {r['cpu_s']:6.2f} {r['workers_cpu_s']:13.2f}"
                f" {r['rss_kb'] / 1024:11.0f} {r['children_rss_kb'] / 1024:10.0f}  {note}"
            )
        print(
            f"\nimport chipread.corpus: {min(r['import_s'] for _, r in rows):.2f} s; cache: {db / 1e6:.1f} MB;"
            f" python {sys.version.split()[0]}.\nopen s is the wall time of open_corpus(); CPU s is the opening"
            " process's, workers CPU s its parse workers'. On a shared machine wall time moves with other load;"
            " CPU seconds do not."
        )
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
