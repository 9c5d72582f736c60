"""Attribution suggestions scored against a reference: contents found, speakers right, both together.

    python benchmarks/eval_attribution.py polnear-dev          # PolNeAR dev (../shared/polnear), its conventions
    python benchmarks/eval_attribution.py benchmarks/data/seeds.reference.jsonl   # chipread jsonl, default guidelines
    python benchmarks/eval_attribution.py polnear-dev --agreement   # and what two PolNeAR annotators reach
    python benchmarks/eval_attribution.py REF --errors 40      # some of the misses, by kind

A reference is a brat folder (Content/Source/Cue events, PolNeAR's scheme), a chipread jsonl export (quote and
claim spans, linked to actors), or polnear-dev / polnear-train. Scoring (chipread.nlp.attribution_scoring):
contents match when they share a word, one to one, best-fitting pairs first (Dice); a speaker is right when it overlaps
the reference's source or, where that is a pronoun or a description, names the entity it refers to (the
nearest named source of its kind before it). Prints figures; not a test. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict

from attribution_data import POLNEAR, Reference, brat_reference, load

from chipread.model import Entity
from chipread.nlp import BuiltinRecognizer, analyse_text
from chipread.nlp.attribution_scoring import Attribution, Scores, score_document

_SPEAKING = ("PERSON", "ORG", "GPE", "NORP")


def labeller(entities: tuple[Entity, ...]):
    """The entity type of a range (for resolving the reference's pronouns), from the recognizer's entities."""

    def label_of(r: tuple[int, int]) -> str | None:
        return next((e.label for e in entities if e.start < r[1] and r[0] < e.end and e.label in _SPEAKING), None)

    return label_of


def evaluate(references: list[Reference], guidelines, bars: Bars | None = None) -> tuple[Scores, float, float]:
    """Scores of chipread's suggestions, and seconds per 100 articles (wall, and this process's CPU)."""
    recognizer = BuiltinRecognizer()
    analyse_text("Warm-up. He said so.", recognizer)  # models and word lists load once, outside the timing
    scores = Scores()
    wall = cpu = 0.0
    for ref in references:
        w0, c0 = time.perf_counter(), time.process_time()
        analysis = analyse_text(ref.text, recognizer, guidelines=guidelines)
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        if bars is not None:
            bars.add(ref, analysis.suggestions)
        predicted = []
        for s in analysis.suggestions:
            speaker = s.speaker
            content = Attribution(((s.start, s.end),), None, s.label == "quote")
            predicted.append((content, (speaker.start, speaker.end) if speaker else None))
        score_document(scores, ref.name, ref.text, ref.attributions, predicted, labeller(analysis.entities))
    n = max(1, len(references))
    return scores, wall / n * 100, cpu / n * 100


class Bars:
    """The issue's suggestion bars, as an analyst meets them: quote suggestions with the reference's exact
    extent; reference claims that one claim suggestion covers at least half of (each suggestion used once,
    the closest fit first) and the claim suggestions left unused; the first proposed speaker of the
    suggestion that matches a reference quote or claim naming its speaker (overlapping it, or the same last
    word: "Qin" for "Qin Gang")."""

    def __init__(self) -> None:
        self.quotes_right = self.quotes_suggested = self.quotes_gold = 0
        self.claims = self.claims_covered = self.claim_suggestions = self.claim_suggestions_used = 0
        self.speakers = self.speakers_right = 0

    def add(self, ref: Reference, suggestions) -> None:
        text = ref.text
        gold_quotes = {piece for a in ref.attributions if a.direct for piece in a.content}
        quotes = {(s.start, s.end) for s in suggestions if s.label == "quote"}
        self.quotes_gold += len(gold_quotes)
        self.quotes_suggested += len(quotes)
        self.quotes_right += len(gold_quotes & quotes)
        claims = [s for s in suggestions if s.label == "claim"]
        self.claim_suggestions += len(claims)
        used: set[int] = set()
        for a in ref.attributions:
            if a.direct:
                continue
            for start, end in a.content:
                self.claims += 1
                fits = [
                    (2 * overlap / (end - start + s.end - s.start), i)
                    for i, s in enumerate(claims)
                    if i not in used and 2 * (overlap := min(end, s.end) - max(start, s.start)) >= end - start
                ]
                if fits:
                    self.claims_covered += 1
                    used.add(max(fits)[1])
        self.claim_suggestions_used += len(used)
        for a in ref.attributions:
            if not a.source:
                continue
            start, end = a.extent
            label = "quote" if a.direct else "claim"
            found = [
                s
                for s in suggestions
                if s.label == label and 2 * (min(end, s.end) - max(start, s.start)) >= end - start
            ]
            if not found:
                continue
            best = max(
                found, key=lambda s: 2 * (min(end, s.end) - max(start, s.start)) / (end - start + s.end - s.start)
            )
            self.speakers += 1
            speaker = best.speaker
            self.speakers_right += speaker is not None and any(
                speaker.start < b and a0 < speaker.end or speaker.text.split()[-1:] == text[a0:b].split()[-1:]
                for a0, b in a.source
            )

    def as_dict(self) -> dict:
        p = self.quotes_right / self.quotes_suggested if self.quotes_suggested else 0.0
        r = self.quotes_right / self.quotes_gold if self.quotes_gold else 0.0
        return {
            "quotes_exact": {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0},
            "claims_covered": self.claims_covered / self.claims if self.claims else 0.0,
            "claim_suggestions_unused": 1 - self.claim_suggestions_used / self.claim_suggestions
            if self.claim_suggestions
            else 0.0,
            "first_speaker_right": self.speakers_right / self.speakers if self.speakers else 0.0,
        }

    def lines(self) -> list[str]:
        d = self.as_dict()
        q = d["quotes_exact"]
        return [
            f"quote suggestions with the reference's exact extent: P {q['p']:.3f} R {q['r']:.3f} F1 {q['f1']:.3f}",
            f"reference claims a claim suggestion covers at least half of: {self.claims_covered}/{self.claims} "
            f"= {d['claims_covered']:.3f}; claim suggestions unused: "
            f"{self.claim_suggestions - self.claim_suggestions_used}/{self.claim_suggestions} "
            f"= {d['claim_suggestions_unused']:.3f}",
            f"first proposed speaker right: {self.speakers_right}/{self.speakers} = {d['first_speaker_right']:.3f}",
        ]


def agreement() -> Scores | None:
    """What two PolNeAR annotators reach: each pair's work on the same text, one scored against the other."""
    by_text: dict[str, list[Reference]] = defaultdict(list)
    for split in ("train", "annotator-training"):
        folder = POLNEAR / split
        if folder.is_dir():
            for ref in brat_reference(folder):
                by_text[ref.name].append(ref)
    scores = Scores()
    recognizer = BuiltinRecognizer()
    pairs = 0
    for refs in by_text.values():
        if len(refs) < 2:
            continue
        entities = analyse_text(refs[0].text, recognizer).entities
        for gold, other in itertools.permutations(refs, 2):
            predicted = [(a, (a.source[0][0], a.source[-1][1]) if a.source else None) for a in other.attributions]
            score_document(scores, gold.name, gold.text, gold.attributions, predicted, labeller(entities))
            pairs += 1
    return scores if pairs else None


def _table(rows: list[tuple[str, dict]], names: list[str]) -> None:
    print(f"{'':44}" + "".join(f"{n:>16}" for n in names))
    metrics = [
        ("attributed content found (overlap F1)", lambda d: d["content"]["overlap"]["f1"]),
        ("  precision / recall", lambda d: (d["content"]["overlap"]["p"], d["content"]["overlap"]["r"])),
        ("attributed content, exact extent (F1)", lambda d: d["content"]["exact"]["f1"]),
        ("direct quotes found (overlap F1)", lambda d: d["direct"]["overlap"]["f1"]),
        ("whole quotations found (recall)", lambda d: d["whole_quotes_recall"]),
        ("indirect content found (overlap F1)", lambda d: d["indirect"]["overlap"]["f1"]),
        ("speaker right, among contents found", lambda d: d["speaker_accuracy"]),
        ("  the reference's own mention", lambda d: d["speaker_exact"]),
        ("content and speaker both right (F1)", lambda d: d["end_to_end"]["f1"]),
    ]
    for label, get in metrics:
        cells = []
        for _, d in rows:
            v = get(d)
            cells.append(f"{v[0]:.3f}/{v[1]:.3f}" if isinstance(v, tuple) else f"{v:.3f}")
        print(f"{label:44}" + "".join(f"{c:>16}" for c in cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference", nargs="?", default="polnear-dev")
    ap.add_argument("--agreement", action="store_true", help="also score PolNeAR annotators against each other")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N errors of each kind")
    args = ap.parse_args()
    references, guidelines, name = load(args.reference)
    n = sum(len(r.attributions) for r in references)
    print(f"{name}: {len(references)} texts, {n} attributions")
    print(
        f"conventions: quote marks {'in' if guidelines.quote_marks else 'out'}, host punctuation "
        f'{"in" if guidelines.host_punctuation else "out"}, "that" {"in" if guidelines.complementizer else "out"}, '
        f"{'nested' if guidelines.nested else 'flat'}\n"
    )
    bars = Bars()
    scores, per100_wall, per100_cpu = evaluate(references, guidelines, bars)
    result = scores.as_dict()
    rows = [("chipread", result)]
    if args.agreement:
        other = agreement()
        if other is not None:
            rows.append(("two annotators", other.as_dict()))
    _table(rows, [r for r, _ in rows])
    print(f"\nseconds per 100 articles: {per100_wall:.2f} wall, {per100_cpu:.2f} CPU (this process)")
    print("\nas an analyst meets the suggestions:")
    for line in bars.lines():
        print("  " + line)
    if args.errors:
        by_kind: dict[str, list[str]] = defaultdict(list)
        for kind, doc, detail in scores.errors:
            by_kind[kind].append(f"{doc[:32]}: {detail}")
        for kind, items in by_kind.items():
            print(f"\n{kind} ({len(items)}):")
            for item in items[: args.errors]:
                print("  " + item)
    result.update(reference=name, texts=len(references), seconds_per_100=per100_wall, suggestions=bars.as_dict())
    if len(rows) > 1:
        result["two_annotators"] = rows[1][1]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
