"""Attribution cues ("said", "according to", "warned", a headline's colon), found by a model trained on PolNeAR."""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from itertools import compress
from typing import NamedTuple

from .context import TokenContext
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


class Cue(NamedTuple):
    """A cue at token `head` (the word that carries it), the kind of attribution it reports and the model's
    probability that it is one. (A tuple: hundreds are made per article.)"""

    head: int
    lemma: str
    kind: str
    probability: float


@cache
def cue_kinds() -> dict[str, str]:
    """lemma -> kind ("speech", "stance", ...) from the bundled cue list."""
    return {w: label.lower() for w, label in lookup("cues").items()}


# Flags of a cue's context, packed into an int so that a context is a small hashable key.
_FIRST, _CAP, _INQ, _Q_BEFORE, _Q_AFTER, _THAT_AFTER, _HEADLINE, _AUX_BEFORE = (1 << k for k in range(8))
_FLAG_NAMES = (
    (_FIRST, "first"),
    (_CAP, "cap"),
    (_Q_BEFORE, "q-before"),
    (_Q_AFTER, "q-after"),
    (_THAT_AFTER, "that-after"),
    (_HEADLINE, "headline"),
    (_AUX_BEFORE, "aux"),
)
# The names of every combination of flags, in _FLAG_NAMES order: features_of looks them up.
_FLAG_FEATURES = tuple(tuple(name for bit, name in _FLAG_NAMES if flags & bit) for flags in range(1 << 8))


def _any_in(positions: list[int], lo: int, hi: int) -> bool:
    """Is any of the sorted positions in [lo, hi)?"""
    k = bisect_left(positions, lo)
    return k < len(positions) and positions[k] < hi


def cue_context(ctx: TokenContext, i: int) -> tuple[str, str, str, str, str, str, int]:
    """What the cue model looks at around token i: the word, the classes of its neighbours and of its subject
    (past auxiliaries), and flags (sentence start, capital, inside/after/before a quotation, "that" after it,
    the headline, auxiliaries before it)."""
    low, quote, cls = ctx.low, ctx.quote, ctx.classes
    a, b = ctx.bounds[ctx.sent[i]]
    j = i - 1
    while j >= a and low[j] in _AUX:
        j -= 1
    flags = 0
    if i == a:
        flags |= _FIRST
    elif ctx.tx[i][:1].isupper():
        flags |= _CAP
    if quote[i] >= 0:
        flags |= _INQ
    # A quotation closing within the four tokens before, or opening within the four after.
    last, first = ctx.quote_edges
    if i > a and _any_in(last, max(a, i - 4), i):
        flags |= _Q_BEFORE
    if _any_in(first, i + 1, min(b, i + 5)):
        flags |= _Q_AFTER
    if "that" in low[i + 1 : min(b, i + 4)]:
        flags |= _THAT_AFTER
    if ctx.sent[i] == 0:
        flags |= _HEADLINE
    if j != i - 1:
        flags |= _AUX_BEFORE
    return (
        low[i],
        cls[i - 1] if i > a else "<s>",
        cls[i - 2] if i - 1 > a else "<s>",
        cls[i + 1] if i + 1 < b else "</s>",
        cls[i + 2] if i + 2 < b else "</s>",
        cls[j] if j >= a else "<s>",
        flags,
    )


def features_of(context: tuple[str, str, str, str, str, str, int]) -> list[str]:
    """The features of a cue context (see cue_context)."""
    w, p1, p2, n1, n2, subject, flags = context
    lem = lemma(w)
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
    if flags & _INQ:
        f.append("inq")
        f.append("inq|l=" + lem)
    f.extend(_FLAG_FEATURES[flags])
    return f


def cue_features(ctx: TokenContext, i: int) -> list[str]:
    """The features of token i as a cue: the word, its lemma and kind, and what surrounds it."""
    return features_of(cue_context(ctx, i))


# Probabilities of contexts already scored: news repeats "he said ." and "the ministry said" all the time.
_SCORED: dict[tuple, float] = {}
_SCORED_MAX = 50_000


def clear_cache() -> None:
    """Forget the scored contexts (benchmarks measure a cold analysis with this)."""
    _SCORED.clear()


def score_cues(ctx: TokenContext, model: LinearModel | None = None, floor: float = 0.0) -> list[Cue]:
    """Every cue candidate of the article (a word that heads a cue in the training data often enough: the
    model's vocabulary) whose probability is at least `floor`, with that probability, in text order."""
    model = model or bundled(MODEL)
    if model is None:
        return []
    vocabulary = model.meta.get("candidates", {})
    kinds = cue_kinds()
    probability = model.probability
    scored = _SCORED if model is bundled(MODEL) else {}
    if len(scored) > _SCORED_MAX:
        scored.clear()
    out = []
    low = ctx.low
    # The tokens whose word is in the vocabulary, found by C-level iteration (most tokens are not).
    for i in compress(range(len(low)), map(vocabulary.__contains__, low)):
        key = cue_context(ctx, i)
        p = scored.get(key)
        if p is None:
            p = scored[key] = probability(features_of(key))
        if p >= floor:
            lem = lemma(low[i])
            out.append(Cue(i, lem, kinds.get(lem, "speech"), p))
    return out


def find_cues(ctx: TokenContext, model: LinearModel | None = None, threshold: float = THRESHOLD) -> list[Cue]:
    """Every token the model takes for a cue, in text order."""
    return [c for c in score_cues(ctx, model) if c.probability >= threshold]
