"""Attribution cues ("said", "according to", "warned", a headline's colon), found by a model trained on PolNeAR."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .context import TokenContext
from .coref import PRONOUNS
from .lemma import lemma
from .linear import LinearModel, bundled
from .wordlists import lookup

MODEL = "cue_model"
# A cue is kept when the model gives it at least this probability (chosen on PolNeAR dev: see
# benchmarks/train_attribution.py, which prints the figures at each threshold).
THRESHOLD = 0.4
_AUX = frozenset(
    "has have had is was are were be been being will would could can may might must should shall do does did "
    "also not n't never just already still later earlier then repeatedly publicly previously reportedly "
    "recently again often once first now".split()
)
_QUOTE_MARKS = frozenset("\"“”'‘’«»„")


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue at token `head` (the word that carries it), the kind of attribution it reports and the model's
    probability that it is one."""

    head: int
    lemma: str
    kind: str
    probability: float


@cache
def cue_kinds() -> dict[str, str]:
    """lemma -> kind ("speech", "stance", ...) from the bundled cue list."""
    return {w: label.lower() for w, label in lookup("cues").items()}


def kind_of(word: str) -> str:
    return cue_kinds().get(lemma(word), "speech")


def _cls(ctx: TokenContext, i: int) -> str:
    """A token's class for context features: entity label, pronoun, quotation mark, or the word."""
    if i < 0:
        return "<s>"
    if i >= len(ctx.low):
        return "</s>"
    label = ctx.entity_label(i)
    if label:
        return label
    w = ctx.low[i]
    if w in PRONOUNS:
        return "PRP"
    if w in _QUOTE_MARKS:
        return "Q"
    return w


def cue_features(ctx: TokenContext, i: int) -> list[str]:
    """The features of token i as a cue: the word, its lemma and kind, and what surrounds it."""
    low, quote = ctx.low, ctx.quote
    w = low[i]
    lem = lemma(w)
    a, b = ctx.bounds[ctx.sent[i]]
    p1, p2, n1, n2 = _cls(ctx, i - 1 if i > a else -1), _cls(ctx, i - 2 if i - 1 > a else -1), "", ""
    n1 = _cls(ctx, i + 1) if i + 1 < b else "</s>"
    n2 = _cls(ctx, i + 2) if i + 2 < b else "</s>"
    j = i - 1
    while j >= a and low[j] in _AUX:
        j -= 1
    subject = _cls(ctx, j) if j >= a else "<s>"
    f = [
        "w=" + w,
        "l=" + lem,
        "k=" + cue_kinds().get(lem, "-"),
        "p1=" + p1,
        "p2=" + p2,
        "n1=" + n1,
        "n2=" + n2,
        "subj=" + subject,
        "l|n1=" + lem + "|" + n1,
        "p1|l=" + p1 + "|" + lem,
        "subj|l=" + subject + "|" + lem,
        "sfx=" + w[-3:],
    ]
    if i == a:
        f.append("first")
    elif ctx.tx[i][:1].isupper():
        f.append("cap")
    if quote[i] >= 0:
        f.append("inq")
        f.append("inq|l=" + lem)
    if i > a and any(
        quote[k] >= 0 and (k + 1 >= len(quote) or quote[k + 1] != quote[k]) for k in range(max(a, i - 4), i)
    ):
        f.append("q-before")
    if any(quote[k] >= 0 and quote[k - 1] != quote[k] for k in range(i + 1, min(b, i + 5))):
        f.append("q-after")
    if "that" in low[i + 1 : min(b, i + 4)]:
        f.append("that-after")
    if ctx.sent[i] == 0:
        f.append("headline")
    if j != i - 1:
        f.append("aux")
    return f


def score_cues(ctx: TokenContext, model: LinearModel | None = None) -> list[Cue]:
    """Every cue candidate of the article with the model's probability, in text order."""
    model = model or bundled(MODEL)
    if model is None:
        return []
    vocabulary = model.meta.get("candidates", {})
    kinds = cue_kinds()
    out = []
    for i, w in enumerate(ctx.low):
        if w not in vocabulary:
            lem = lemma(w)
            if lem not in kinds:
                continue
        else:
            lem = lemma(w)
        out.append(Cue(i, lem, kinds.get(lem, "speech"), model.probability(cue_features(ctx, i))))
    return out


def find_cues(ctx: TokenContext, model: LinearModel | None = None, threshold: float = THRESHOLD) -> list[Cue]:
    """Every token the model takes for a cue, in text order."""
    return [c for c in score_cues(ctx, model) if c.probability >= threshold]
