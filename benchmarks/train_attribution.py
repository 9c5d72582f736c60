"""Train the two attribution models shipped in chipread/nlp/data from PolNeAR train, and score them on dev.

    python benchmarks/train_attribution.py            # writes cue_model.json and source_model.json
    python benchmarks/train_attribution.py --dry-run  # trains and scores, writes nothing

1. The cue model: for each token that may be a cue (a word that heads a cue in train at least twice and at
   least 5% of the times it occurs), is it the word that carries an attribution's cue? Logistic regression over chipread.nlp.cues.cue_features.
2. The source model: for each cue, which noun phrase of its sentence is its source? Logistic regression over
   chipread.nlp.sources.source_features, the candidates as chipread.nlp.sources makes them, a candidate
   being right when it overlaps the annotated source.
Deterministic (fixed seed, sorted input); about a minute on this machine. Needs ../shared/polnear.
"""

from __future__ import annotations

import argparse
import json
import time
from bisect import bisect_left
from collections import Counter

from attribution_data import POLNEAR, ROOT, Reference, brat_reference, one_per_text

from chipread.nlp import BuiltinRecognizer, split_sentences, tokenize
from chipread.nlp.attribution import plain_subject, verb_tokens
from chipread.nlp.attribution_scoring import _chars
from chipread.nlp.context import TokenContext
from chipread.nlp.cues import MODEL as CUE_MODEL
from chipread.nlp.cues import THRESHOLD, Cue, cue_features, cue_kinds, score_cues
from chipread.nlp.frames import frame_for
from chipread.nlp.lemma import lemma
from chipread.nlp.linear import LinearModel, train_logistic
from chipread.nlp.sources import MODEL as SOURCE_MODEL
from chipread.nlp.sources import Chunks, candidates, source_features

DATA = ROOT / "chipread" / "nlp" / "data"


def contexts(refs: list[Reference]) -> list[TokenContext]:
    recognizer = BuiltinRecognizer()
    out = []
    for r in refs:
        tokens = tokenize(r.text)
        sentences = split_sentences(r.text, tokens)
        out.append(TokenContext(r.text, tokens, sentences, recognizer.recognize(r.text, tokens, sentences, None)))
    return out


def cue_heads(ctx: TokenContext, ref: Reference, prior: dict[str, float]) -> list[tuple[int, int]]:
    """(head token, attribution index) of each annotated cue: its first listed cue word ("said" of "has said"
    and of "said in a statement"), else its token most often inside cues in train."""
    kinds = cue_kinds()
    out = []
    for k, cue in enumerate(ref.cues):
        if not cue:
            continue
        i = bisect_left(ctx.starts, cue[0][0])
        j = max(i + 1, bisect_left(ctx.starts, cue[-1][1]))
        tokens = list(range(i, min(j, len(ctx.low))))
        if not tokens:
            continue
        listed = [t for t in tokens if lemma(ctx.low[t]) in kinds]
        out.append((listed[0] if listed else max(tokens, key=lambda t: prior.get(ctx.low[t], 0.0)), k))
    return out


def cue_word_prior(ctxs: list[TokenContext], refs: list[Reference]) -> dict[str, float]:
    """How often each word is inside an annotated cue, of the times it occurs."""
    inside: Counter = Counter()
    seen: Counter = Counter()
    for ctx, ref in zip(ctxs, refs):
        seen.update(ctx.low)
        for cue in ref.cues:
            for a, b in cue or ():
                inside.update(ctx.low[bisect_left(ctx.starts, a) : bisect_left(ctx.starts, b)])
    return {w: n / seen[w] for w, n in inside.items()}


def vocabulary(ctxs: list[TokenContext], refs: list[Reference], prior: dict[str, float]) -> dict[str, float]:
    """Words that head a cue at least twice and at least 5% of the times they occur (rarer ones are almost never
    cues: leaving them out keeps the model's work small), and the inflected forms of the same verbs."""
    heads: Counter = Counter()
    seen: Counter = Counter()
    for ctx, ref in zip(ctxs, refs):
        seen.update(ctx.low)
        heads.update(ctx.low[h] for h, _ in cue_heads(ctx, ref, prior))
    vocab = {w: round(n / seen[w], 3) for w, n in sorted(heads.items()) if n >= 2 and n / seen[w] >= 0.05}
    # The other forms of those words ("rejects" beside "rejected"): their lemma's weights carry over.
    lemmas = {lemma(w) for w in vocab if w.isalpha()}
    for w in sorted(seen):
        if w not in vocab and w.isalpha() and len(w) > 3 and lemma(w) in lemmas and lemma(w) != w:
            vocab[w] = round(heads[w] / seen[w], 3)
    return vocab


def cue_examples(ctxs, refs, vocab, prior) -> tuple[list[tuple[list[str], int]], int]:
    out, gold = [], 0
    for ctx, ref in zip(ctxs, refs):
        heads = {h for h, _ in cue_heads(ctx, ref, prior)}
        gold += len(heads)
        for i, w in enumerate(ctx.low):
            if w in vocab:
                out.append((cue_features(ctx, i), int(i in heads)))
    return out, gold


def source_examples(
    ctxs, refs, prior, cue_model: LinearModel
) -> tuple[list[tuple[list[str], int]], list[list[tuple[int, int]]]]:
    """Candidate sources of each annotated cue, labelled; groups of example indices, one per cue. The noun
    phrases are cut at the verbs `cue_model` finds (the model just trained, not the one shipped)."""
    out, groups = [], []
    for ctx, ref in zip(ctxs, refs):
        chunker = Chunks(ctx, verb_tokens(ctx, score_cues(ctx, cue_model)))
        subjects: dict = {}
        for h, k in sorted(cue_heads(ctx, ref, prior)):
            frame = frame_for(ctx, Cue(h, lemma(ctx.low[h]), "speech", 1.0), subjects)
            rule = frame.source if frame else None
            if rule is not None and rule[0] < h:
                subjects[ctx.sent[h]] = rule
            source = ref.attributions[k].source
            if source is None or plain_subject(ctx, h, rule):
                continue  # chipread takes a pronoun or a name right before the cue without asking the model
            gold = _chars(ctx.text, source)
            near = chunker.around(h)
            group = []
            for c in candidates(ctx, h, rule, near):
                y = int(bool(gold & _chars(ctx.text, [ctx.chars(*c)])))
                out.append((source_features(ctx, h, c, rule, near), y))
                group.append((len(out) - 1, y))
            groups.append(group)
    return out, groups


def prf(model: LinearModel, examples, gold: int, threshold: float) -> tuple[float, float, float]:
    tp = fp = 0
    for feats, y in examples:
        if model.probability(feats) >= threshold:
            tp += y
            fp += 1 - y
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="train and score, write nothing")
    args = ap.parse_args()
    if not (POLNEAR / "train").is_dir():
        raise SystemExit(f"{POLNEAR} is not here: the models are trained on PolNeAR train")
    t0 = time.perf_counter()
    train = one_per_text(brat_reference(POLNEAR / "train"))
    dev = one_per_text(brat_reference(POLNEAR / "dev"))
    train_ctx, dev_ctx = contexts(train), contexts(dev)
    print(f"PolNeAR train {len(train)} texts, dev {len(dev)} texts ({time.perf_counter() - t0:.0f} s to read)")

    prior = cue_word_prior(train_ctx, train)
    vocab = vocabulary(train_ctx, train, prior)
    cue_train, _ = cue_examples(train_ctx, train, vocab, prior)
    cue_dev, dev_heads = cue_examples(dev_ctx, dev, vocab, prior)
    cue_model = train_logistic(cue_train, epochs=3, l2=3e-4, min_count=2, rate=0.1)
    cue_model.meta = {"candidates": vocab, "trained_on": f"PolNeAR train ({len(train)} texts)"}
    print(f"\ncue model: {len(cue_train)} candidates, {len(cue_model.weights)} weights")
    for th in (0.3, THRESHOLD, 0.5):
        p, r, f = prf(cue_model, cue_dev, dev_heads, th)
        print(
            f"  dev cue heads at {th:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}{'  (chipread uses this)' if th == THRESHOLD else ''}"
        )
    if not args.dry_run:
        _write(cue_model, CUE_MODEL)
    # The source model's candidates depend on the cue model (its likely cues end noun phrases): train it after.
    src_train, _ = source_examples(train_ctx, train, prior, cue_model)
    src_dev, groups = source_examples(dev_ctx, dev, prior, cue_model)
    src_model = train_logistic(src_train, epochs=4, l2=3e-4, min_count=2, rate=0.1)
    src_model.meta = {"trained_on": f"PolNeAR train ({len(train)} texts)"}
    right = rule_right = total = 0
    for group in groups:
        if not group:
            continue
        total += 1
        best = max(group, key=lambda g: src_model.probability(src_dev[g[0]][0]))
        right += best[1]
        rule_right += any(y for i, y in group if "rule" in src_dev[i][0])
    print(f"\nsource model: {len(src_train)} candidates, {len(src_model.weights)} weights")
    print(f"  dev sources right (gold cues): model {right / total:.3f}, the rule alone {rule_right / total:.3f}")
    if not args.dry_run:
        _write(src_model, SOURCE_MODEL)
        print(f"\nwritten to {DATA} ({time.perf_counter() - t0:.0f} s in all)")
    return 0


def _write(model: LinearModel, name: str) -> None:
    (DATA / f"{name}.json").write_text(json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True))


if __name__ == "__main__":
    raise SystemExit(main())
