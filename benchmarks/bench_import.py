"""Import benchmark: a large jsonl file of articles new to the store, timed, with the peak memory of the import.

Run: python benchmarks/bench_import.py [--records 12000] [--chars 4000] [--spans 10]
Prints figures; it is not a test. Setup (not timed) writes a JSON Lines file of --records
articles of about --chars characters with --spans spans each (the issue's case: 48 MB took
117 s and 505 MB before imports were streamed). Each import runs in a child process into an
empty store over an empty corpus folder; its time is the wall clock of import_file(), its
memory the child's peak resident set measured from a reset point. A smaller run at a tenth of
the records shows whether the peak stays flat as the file grows (it should: the file is read
twice, record by record, and only one article's records are held at a time).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = "the minister said export controls on chips would follow talks with allies in Tokyo and Brussels".split()

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from memory import peak_mb, reset_peak
reset_peak()
from chipread.export import import_file
from chipread.workspace import Workspace
ws = Workspace.open({corpus!r}, db={db!r}, annotator="bench", write=True, use_cache=False)
started = time.perf_counter()
report = import_file(ws, {path!r})
seconds = time.perf_counter() - started
print(json.dumps({{"seconds": seconds, "peak_mb": peak_mb(), "records": report.records, "spans": report.spans_added,
                  "bad": report.bad}}))
"""


def write_file(path: Path, records: int, chars: int, spans: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(records):
            words = [rng.choice(WORDS) for _ in range(chars // 6)]
            text = f"Story {n}\n\n" + " ".join(words) + "."
            found = []
            at = len(f"Story {n}\n\n")
            for i, word in enumerate(words[: spans * 7 : 7]):
                start = text.index(word, at)
                found.append({"start": start, "end": start + len(word), "label": "actor" if i % 2 else "claim"})
                at = start + len(word)
            out.write(json.dumps({"text": text, "meta": {"title": f"Story {n}"}, "spans": found}) + "\n")


def run(path: Path, work: Path) -> dict:
    corpus = work / "corpus"
    corpus.mkdir(exist_ok=True)
    db = work / f"db-{path.stem}"
    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), corpus=str(corpus), db=str(db), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=12_000)
    parser.add_argument("--chars", type=int, default=4_000)
    parser.add_argument("--spans", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for records in (max(1, args.records // 10), args.records):
            path = work / f"import-{records}.jsonl"
            write_file(path, records, args.chars, args.spans)
            size = path.stat().st_size / 1_048_576
            result = run(path, work)
            print(
                f"{records:>7,} records ({size:5.1f} MB, {result['spans']:,} spans): "
                f"{result['seconds']:6.1f} s, {result['records'] / result['seconds']:6.0f} records/s, "
                f"peak {result['peak_mb']:5.0f} MB"
            )


if __name__ == "__main__":
    main()
