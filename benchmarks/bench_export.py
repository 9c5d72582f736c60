"""Export benchmark: 100,000 spans over 5,000 articles to jsonl, next to a bare json.dumps of the same records.

Run: python benchmarks/bench_export.py [--articles 5000] [--small 1000] [--spans 20]
Prints figures; it is not a test. Setup (not timed) writes a JSON Lines corpus of realistic
3-5 KB news texts and a store with `--spans` token-aligned spans and a few relations per
article, the way the reader stores them (one file per article). Then:

1. `export()` to jsonl in this process (the same function `chipread export` calls);
2. a bare `json.dumps` of the very same records (read back from that export beforehand),
   written line by line to a file: the floor for any Python JSON writer;
3. where the export's time goes (store files, article texts, tokenizing, encoding);
4. peak memory of an export in a child process at --small and at --articles articles
   (the high-water mark is reset first: ru_maxrss survives fork+exec), to show it is flat.
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
from memory import peak_mb, reset_peak  # noqa: E402

from chipread.model import ArticleState, Relation, Span  # noqa: E402
from chipread.store import AnnotationStore  # noqa: E402
from chipread.store.layout import file_name  # noqa: E402
from chipread.store.storage import dump_tables  # noqa: E402

PEOPLE = ["Wang Wentao", "Yasutoshi Nishimura", "Qin Gang", "Gina Raimondo", "Mark Rutte", "Yoshimasa Hayashi",
          "Ursula von der Leyen", "Liesje Schreinemacher", "Mao Ning", "Antony Blinken"]
ORGS = ["the Commerce Ministry", "ASML", "Tokyo Electron", "the White House", "the European Commission",
        "Nvidia", "SMIC", "the Japan Times", "Reuters", "the G7"]
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


def build(root: Path, articles: int, spans_per: int) -> tuple[Path, Path]:
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
            span = Span(f"{info.id[-6:]}s{k:03d}", info.id, a.start, b.end, ("actor", "claim", "quote")[k % 3],
                        text[a.start : b.end], "bench", stamp, stamp)
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
    proc = subprocess.run([sys.executable, "-c", CHILD, str(here), str(here.parent), str(corpus), str(db), str(out)],
                          check=True, capture_output=True, text=True)
    secs, base, peak, records, spans = proc.stdout.split()
    return float(secs), float(base), float(peak), int(records), int(spans)


def breakdown(corpus: Path, db: Path) -> None:
    """Where the export's time goes: each stage alone, on the same data."""
    from chipread.export.records import Stats, make_plan
    from chipread.export.options import ExportOptions
    from chipread.nlp import tokenize
    from chipread.store.article_file import annotations_from_tables
    from chipread.store.storage import load_tables
    from chipread.workspace import Workspace

    ws = Workspace.open(corpus, db=db, annotator="bench", write=False)
    plan = make_plan(ws, ExportOptions(), Stats())
    t = time.perf_counter()
    for entry in plan:
        for who, path, stored in entry.sources:
            annotations_from_tables(load_tables(path), stored, who)
    store_s = time.perf_counter() - t
    t = time.perf_counter()
    texts = [ws.get(entry.info.id).text for entry in plan]
    corpus_s = time.perf_counter() - t
    t = time.perf_counter()
    for text in texts:
        tokenize(text)
    tok_s = time.perf_counter() - t
    print(f"  reading {len(plan)} store files        {store_s:6.2f} s")
    print(f"  loading {len(texts)} article texts       {corpus_s:6.2f} s")
    print(f"  tokenizing {sum(map(len, texts)) / 1e6:.1f} M characters     {tok_s:6.2f} s")
    ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--spans", type=int, default=20)
    args = parser.parse_args()
    from chipread.export import ExportOptions, export
    from chipread.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"setting up {args.articles} articles x {args.spans} spans (not timed)...", flush=True)
        big = root / "big"
        big.mkdir()
        corpus, db = build(big, args.articles, args.spans)
        small = root / "small"
        small.mkdir()
        s_corpus, s_db = build(small, args.small, args.spans)

        ws = Workspace.open(corpus, db=db, annotator="bench", write=False)
        out = root / "export.jsonl"
        t = time.perf_counter()
        report = export(ws, "jsonl", str(out), ExportOptions())
        export_s = time.perf_counter() - t
        ws.close()
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        bare = root / "bare.jsonl"
        t = time.perf_counter()
        with open(bare, "w", encoding="utf-8") as f:
            for rec in records:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        bare_s = time.perf_counter() - t
        size = out.stat().st_size / 1e6
        data = out.read_bytes()
        t = time.perf_counter()
        with open(root / "copy.jsonl", "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        write_s = time.perf_counter() - t
        del data
        print(f"\njsonl export of {report.records} records, {report.spans} spans, {report.relations} relations "
              f"({size:.0f} MB):")
        print(f"  chipread export()           {export_s:6.2f} s   ({report.spans / export_s:,.0f} spans/s)")
        print(f"  bare json.dumps, same data  {bare_s:6.2f} s   (ratio {export_s / bare_s:.2f}x)")
        print("where the export's time goes (each stage alone):")
        breakdown(corpus, db)
        print(f"  writing {size:.0f} MB + fsync (plain copy)  {write_s:6.2f} s")

        print("\npeak memory of an export in a fresh process (high-water mark reset after opening):")
        for label, (c, d) in ((args.small, (s_corpus, s_db)), (args.articles, (corpus, db))):
            secs, base, peak, recs, spans = child_run(c, d, root / f"child-{label}.jsonl")
            print(f"  {label:>6} articles, {spans:>7} spans: {secs:6.2f} s, peak {peak:6.1f} MB "
                  f"(after opening: {base:.1f} MB, export added {peak - base:+.1f} MB)")


if __name__ == "__main__":
    main()
