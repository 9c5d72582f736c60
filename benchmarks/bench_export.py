"""Export benchmark: 100,000 spans over 5,000 articles to jsonl, next to a bare json.dumps of the same records.

Run: python benchmarks/bench_export.py [--articles 5000] [--small 1000] [--spans 20] [--runs 3] [--text wire|zipf]
Prints figures; it is not a test. Setup (not timed) writes a JSON Lines corpus of realistic
3-5 KB news texts and a store with `--spans` token-aligned spans and a few relations per
article, the way the reader stores them (one file per article). Then, each figure the median
of --runs runs (the machine may be shared: its spread is printed too):

1. `export()` to jsonl in this process (the same function `chipread export` calls; it runs in
   one process: a pool of workers was measured and did not pay, see the README's Benchmarks);
2. a bare `json.dumps` of the very same records (read back from that export beforehand),
   written line by line to a file: the floor for any Python JSON writer;
3. where the export's time goes (store files, article texts, tokenizing, encoding), each
   stage alone in this process;
4. peak memory of an export in a child process at --small and at --articles articles
   (the high-water mark is reset first: ru_maxrss survives fork+exec), to show it is flat.

--text wire (the default) writes wire-style texts from a small vocabulary, as repetitive as
agency copy gets; --text zipf draws words from a 300,000-word Zipf vocabulary, harder than
real news for anything that remembers word shapes (the jsonl encoder does).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chipread.model import ArticleState, Relation, Span  # noqa: E402
from chipread.store import AnnotationStore  # noqa: E402
from chipread.store.layout import file_name  # noqa: E402
from chipread.store.storage import dump_tables  # noqa: E402

PEOPLE = [
    "Wang Wentao",
    "Yasutoshi Nishimura",
    "Qin Gang",
    "Gina Raimondo",
    "Mark Rutte",
    "Yoshimasa Hayashi",
    "Ursula von der Leyen",
    "Liesje Schreinemacher",
    "Mao Ning",
    "Antony Blinken",
]
ORGS = [
    "the Commerce Ministry",
    "ASML",
    "Tokyo Electron",
    "the White House",
    "the European Commission",
    "Nvidia",
    "SMIC",
    "the Japan Times",
    "Reuters",
    "the G7",
]
PLACES = ["Beijing", "Tokyo", "Washington", "The Hague", "Detroit", "Brussels", "Seoul", "Taipei"]
VERBS = ["said", "told reporters", "warned", "argued", "insisted", "added", "noted"]
CLAIMS = [
    "the export controls violate international trade rules",
    "the measures target only the most advanced chip-making tools",
    "supply chains for semiconductors must remain open and stable",
    "the restrictions will hurt companies on both sides",
    "the country will take firm measures to protect its interests",
    "cooperation on technology should not be politicised",
]


def make_text(rng: random.Random, n: int) -> str:
    title = f"{rng.choice(PEOPLE)} says {rng.choice(CLAIMS)} ({n})"
    paras = []
    size = rng.randint(3000, 5000)
    while sum(len(p) for p in paras) < size:
        who, org, place = rng.choice(PEOPLE), rng.choice(ORGS), rng.choice(PLACES)
        sentences = [
            f"{who} of {org} {rng.choice(VERBS)} on Monday in {place} that {rng.choice(CLAIMS)}.",
            f'"We will not accept this," {who} said, adding that {rng.choice(CLAIMS)}.',
            f"According to {org}, {rng.choice(CLAIMS)}, while officials in {place} declined to comment.",
        ]
        rng.shuffle(sentences)
        paras.append(" ".join(sentences))
    return title + "\n\n" + "\n\n".join(paras)


class ZipfText:
    """Texts of words drawn from a large Zipf vocabulary (s = 1.05), with news-like punctuation."""

    def __init__(self, seed: int, size: int = 300_000) -> None:
        import bisect
        import itertools
        import string

        self._bisect = bisect.bisect_left
        rng = random.Random(seed)
        self.words = []
        for _ in range(size):
            word = "".join(rng.choice(string.ascii_lowercase) for _ in range(max(1, min(14, int(rng.gauss(6, 2.5))))))
            self.words.append(word.capitalize() if rng.random() < 0.2 else word)
        self.cum = list(itertools.accumulate(1 / (r + 1) ** 1.05 for r in range(size)))

    def word(self, rng: random.Random) -> str:
        w = self.words[self._bisect(self.cum, rng.random() * self.cum[-1])]
        r = rng.random()
        if r < 0.06:
            return w + ","
        if r < 0.10:
            return w + "."
        if r < 0.11:
            return "\u201c" + w
        if r < 0.12:
            return w + "\u201d"
        if r < 0.125:
            return w + "\u2019s"
        if r < 0.13:
            return str(rng.randint(1, 3000))
        return w

    def __call__(self, rng: random.Random, n: int) -> str:
        paras = [" ".join(self.word(rng) for _ in range(rng.randint(60, 110))) for _ in range(rng.randint(6, 10))]
        return f"{self.word(rng).capitalize()} {self.word(rng)} {self.word(rng)} ({n})\n\n" + "\n\n".join(paras)


def build(root: Path, articles: int, spans_per: int, make_text=make_text) -> tuple[Path, Path]:
    """A JSON Lines corpus and a store with spans_per spans (and relations) per article."""
    from chipread.nlp import tokenize
    from chipread.workspace import Workspace

    rng = random.Random(articles)
    corpus = root / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as out:
        for n in range(articles):
            out.write(json.dumps({"id": f"art-{n:06d}", "text": make_text(rng, n), "source": "Bench Wire"}) + "\n")
    db = root / "annotations"
    AnnotationStore(db).close()
    ws = Workspace.open(corpus, db=db, annotator="bench", write=False)
    folder = db / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = "2026-01-01T00:00:00+00:00"
    for info in ws.infos():
        text = ws.get(info.id).text
        tokens = [t for t in tokenize(text) if t.text.isalpha()]
        picks = sorted(rng.sample(range(len(tokens) - 1), spans_per))
        spans = {}
        for k, i in enumerate(picks):
            a, b = tokens[i], tokens[i + 1] if k % 2 else tokens[i]
            span = Span(
                f"{info.id[-6:]}s{k:03d}",
                info.id,
                a.start,
                b.end,
                ("actor", "claim", "quote")[k % 3],
                text[a.start : b.end],
                "bench",
                stamp,
                stamp,
            )
            spans[span.id] = {**span.to_dict(), "_key": span.id}
        ids = list(spans)
        relations = {}
        for k in range(0, len(ids) - 1, 4):
            rel = Relation(f"{info.id[-6:]}r{k:03d}", info.id, ids[k + 1], ids[k], "attributed_to", "bench", stamp)
            relations[rel.id] = {**rel.to_dict(), "_key": rel.id}
        state = {**ArticleState(info.id, "bench", "done", stamp, "").to_dict(), "_key": info.id}
        tables = {
            "meta": {"1": {"article_id": info.id, "annotator": "bench", "handle": info.handle, "schema": 2}},
            "spans": {str(i): d for i, d in enumerate(spans.values(), 1)},
            "relations": {str(i): d for i, d in enumerate(relations.values(), 1)},
            "state": {"1": state},
        }
        (folder / file_name(info.id)).write_bytes(dump_tables(tables))
    ws.close()
    return corpus, db


CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2])
from memory import peak_mb, reset_peak
from chipread.workspace import Workspace
from chipread.export import export, ExportOptions

ws = Workspace.open(sys.argv[3], db=sys.argv[4], annotator="bench", write=False)
reset_peak()
base = peak_mb()
t = time.perf_counter()
report = export(ws, "jsonl", sys.argv[5], ExportOptions())
print(f"{time.perf_counter() - t:.3f} {base:.1f} {peak_mb():.1f} {report.records} {report.spans}")
"""


def child_run(corpus: Path, db: Path, out: Path) -> tuple[float, float, float, int, int]:
    here = Path(__file__).resolve().parent
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(here), str(here.parent), str(corpus), str(db), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    secs, base, peak, records, spans = proc.stdout.split()
    return float(secs), float(base), float(peak), int(records), int(spans)


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def spread(values: list[float]) -> str:
    return f"median of {len(values)}: " + ", ".join(f"{v:.2f}" for v in values)


def breakdown(corpus: Path, db: Path, runs: int) -> None:
    """Where the export's time goes: each stage alone, on the same data (median of `runs`)."""
    from chipread.export.jsonl import tokens_json
    from chipread.export.options import ExportOptions
    from chipread.export.records import Stats, make_plan
    from chipread.nlp import token_bounds, tokenize
    from chipread.store import read_article_file
    from chipread.workspace import Workspace

    ws = Workspace.open(corpus, db=db, annotator="bench", write=False)
    plan = make_plan(ws, ExportOptions(), Stats())

    def timed(fn) -> list[float]:
        out = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return out

    def store() -> None:
        for entry in plan:
            for who, path, stored in entry.sources:
                read_article_file(path, stored, who)

    texts: list[str] = []

    def load() -> None:
        texts[:] = [ws.get(entry.info.id).text for entry in plan]

    figures = [(f"reading {len(plan)} store files", timed(store)), (f"loading {len(plan)} article texts", timed(load))]
    chars = sum(map(len, texts)) / 1e6

    def each(fn):
        def run() -> None:
            for text in texts:
                fn(text)  # the result is dropped, as an export drops an article's tokens once written

        return run

    figures.append((f"tokenize(): {chars:.1f} M chars to Token objects", timed(each(tokenize))))
    figures.append(("token_bounds(): the same, bounds only", timed(each(token_bounds))))
    figures.append(("tokens_json(): bounds + jsonl `tokens` items", timed(each(tokens_json))))
    for label, values in figures:
        print(f"  {label:45s} {median(values):6.2f} s   ({spread(values)})")
    ws.close()


def main() -> None:
    import gc

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--spans", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--text", choices=("wire", "zipf"), default="wire")
    args = parser.parse_args()
    from chipread.export import ExportOptions, export
    from chipread.workspace import Workspace

    texts = make_text if args.text == "wire" else ZipfText(1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"setting up {args.articles} articles x {args.spans} spans, {args.text} text (not timed)...", flush=True)
        big = root / "big"
        big.mkdir()
        corpus, db = build(big, args.articles, args.spans, texts)
        small = root / "small"
        small.mkdir()
        s_corpus, s_db = build(small, args.small, args.spans, texts)

        out = root / "export.jsonl"
        export_s = []
        for _ in range(args.runs):
            ws = Workspace.open(corpus, db=db, annotator="bench", write=False)
            t = time.perf_counter()
            report = export(ws, "jsonl", str(out), ExportOptions())
            export_s.append(time.perf_counter() - t)
            ws.close()
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        bare = root / "bare.jsonl"
        bare_s = []
        for _ in range(args.runs):
            t = time.perf_counter()
            with open(bare, "w", encoding="utf-8") as f:
                for rec in records:
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            bare_s.append(time.perf_counter() - t)
        del records  # millions of live objects would slow every later stage's garbage collector
        gc.collect()
        size = out.stat().st_size / 1e6
        data = out.read_bytes()
        t = time.perf_counter()
        with open(root / "copy.jsonl", "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        write_s = time.perf_counter() - t
        del data
        e, b = median(export_s), median(bare_s)
        print(
            f"\njsonl export of {report.records} records, {report.spans} spans, {report.relations} relations "
            f"({size:.0f} MB):"
        )
        print(f"  chipread export()           {e:6.2f} s   ({report.spans / e:,.0f} spans/s; {spread(export_s)})")
        print(f"  bare json.dumps, same data  {b:6.2f} s   ({spread(bare_s)})")
        print(f"  ratio                       {e / b:6.2f}x  (export / bare json.dumps, medians)")
        print("where the export's time goes (each stage alone, in this process):")
        breakdown(corpus, db, args.runs)
        print(f"  writing {size:.0f} MB + fsync (plain copy, once)       {write_s:6.2f} s")

        print("\npeak memory of an export in a fresh process (high-water mark reset after opening):")
        for label, (c, d) in ((args.small, (s_corpus, s_db)), (args.articles, (corpus, db))):
            secs, base, peak, _, spans = child_run(c, d, root / f"child-{label}.jsonl")
            line = (
                f"  {label:>6} articles, {spans:>7} spans: {secs:6.2f} s, peak {peak:6.1f} MB "
                f"(after opening: {base:.1f} MB, export added {peak - base:+.1f} MB)"
            )
            print(line)


if __name__ == "__main__":
    main()
