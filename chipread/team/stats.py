"""Agreement statistics on plain values: span F1 (exact and overlap), Cohen's kappa, Krippendorff's alpha (nominal).

Own implementations, tested against scikit-learn's cohen_kappa_score and the `krippendorff` package;
an undefined figure (no spans on either side, one category only) is None, never a made-up 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

Extent = tuple[int, int, str]  # start, end (exclusive), label


@dataclass
class F1Counts:
    """What an F1 is made of, summed over articles: B's items found in A (precision) and A's found in B (recall)."""

    a: int = 0
    b: int = 0
    a_found: int = 0
    b_found: int = 0

    def add(self, other: F1Counts) -> None:
        self.a += other.a
        self.b += other.b
        self.a_found += other.a_found
        self.b_found += other.b_found

    @property
    def f1(self) -> float | None:
        if not self.a and not self.b:
            return None
        if not self.a_found or not self.b_found:
            return 0.0
        precision, recall = self.b_found / self.b, self.a_found / self.a
        return 2 * precision * recall / (precision + recall)


def overlaps(x: Extent, y: Extent) -> bool:
    return x[2] == y[2] and x[0] < y[1] and y[0] < x[1]


def exact_counts(a: Iterable[Hashable], b: Iterable[Hashable]) -> F1Counts:
    """Items equal on both sides (spans: same start, end and label)."""
    sa, sb = set(a), set(b)
    both = len(sa & sb)
    return F1Counts(len(sa), len(sb), both, both)


def overlap_counts(a: Iterable[Extent], b: Iterable[Extent]) -> F1Counts:
    """Spans of one label that share at least one character count as found (either side's view)."""
    sa, sb = sorted(set(a)), sorted(set(b))
    return F1Counts(
        len(sa),
        len(sb),
        sum(1 for x in sa if any(overlaps(x, y) for y in sb)),
        sum(1 for y in sb if any(overlaps(x, y) for x in sa)),
    )


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two raters' categories for the same items; None when chance agreement is total."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(1 for x, y in zip(a, b) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb.get(k, 0) for k in ca) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Iterable[Sequence[Hashable]]) -> float | None:
    """Krippendorff's alpha, nominal: `units` holds, per unit, the values of the coders who coded it.

    Units with fewer than two values are not pairable and are left out. None when fewer than two
    values are pairable or every pairable value is the same (no expected disagreement).
    """
    totals: Counter = Counter()  # n_c: how often each value is pairable
    observed = 0.0  # sum over units of disagreeing ordered pairs / (m_u - 1)
    # Identical units contribute alike: count each distinct one once (tokens repeat a few patterns).
    distinct = Counter(tuple(values) for values in units if len(values) >= 2)
    for values, times in distinct.items():
        counts = Counter(values).values()
        m = len(values)
        observed += times * (m * m - sum(c * c for c in counts)) / (m - 1)
        for value, c in Counter(values).items():
            totals[value] += times * c
    n = sum(totals.values())
    if n < 2:
        return None
    expected = (n * n - sum(c * c for c in totals.values())) / (n - 1)
    if expected == 0:
        return None
    return 1.0 - observed / expected


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the defined values; None when there is none."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None
