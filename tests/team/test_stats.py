"""The agreement statistics against the independent libraries: scikit-learn's kappa and the `krippendorff` package."""

from __future__ import annotations

import random
import warnings

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from chipread.team.stats import F1Counts, cohen_kappa, exact_counts, krippendorff_alpha, overlap_counts

CATEGORIES = ["O", "actor", "quote", "claim", "actor+quote"]


def library_alpha(units: list[list[str | None]]) -> float:
    """The package's alpha: coders x units, NaN where a coder did not code the unit."""
    index = {c: i for i, c in enumerate(CATEGORIES)}
    data = np.array([[np.nan if v is None else index[v] for v in unit] for unit in units], dtype=float).T
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


@pytest.mark.parametrize("seed", range(40))
def test_kappa_equals_scikit_learn(seed):
    rng = random.Random(seed)
    n = rng.randint(5, 400)
    weights = [rng.random() for _ in CATEGORIES]
    a = rng.choices(CATEGORIES, weights, k=n)
    # The second rater agrees often, but not always: realistic kappas, not only noise.
    b = [x if rng.random() < 0.7 else rng.choice(CATEGORIES) for x in a]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)


@pytest.mark.parametrize("seed", range(40))
def test_alpha_equals_the_krippendorff_package_with_missing_values(seed):
    rng = random.Random(seed)
    coders = rng.randint(2, 6)
    units: list[list[str | None]] = []
    for _ in range(rng.randint(5, 300)):
        truth = rng.choice(CATEGORIES)
        unit = [truth if rng.random() < 0.75 else rng.choice(CATEGORIES) for _ in range(coders)]
        # Some coders did not code some units (they did not annotate that article).
        units.append([v if rng.random() < 0.8 else None for v in unit])
    ours = krippendorff_alpha([v for v in unit if v is not None] for unit in units)
    assert ours == pytest.approx(library_alpha(units), abs=1e-9)


def test_undefined_figures_are_none_not_a_number():
    # One category everywhere: no chance disagreement, kappa and alpha are undefined.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert np.isnan(cohen_kappa_score(["O"] * 5, ["O"] * 5))
    assert cohen_kappa(["O"] * 5, ["O"] * 5) is None
    assert krippendorff_alpha([["O", "O"]] * 5) is None
    assert krippendorff_alpha([["O"], ["actor"]]) is None  # no unit with two values
    assert cohen_kappa([], []) is None


def test_span_f1_exact_and_overlap():
    a = [(0, 5, "actor"), (10, 20, "quote"), (30, 40, "claim")]
    b = [(0, 5, "actor"), (12, 20, "quote"), (30, 40, "quote"), (50, 55, "actor")]
    exact = exact_counts(a, b)
    assert (exact.a, exact.b, exact.a_found, exact.b_found) == (3, 4, 1, 1)
    assert exact.f1 == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))
    overlap = overlap_counts(a, b)
    # The quote overlaps (same label); the claim/quote at 30-40 differ in label; 50-55 is B's alone.
    assert (overlap.a_found, overlap.b_found) == (2, 2)
    assert overlap.f1 == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    assert F1Counts().f1 is None  # neither annotated anything of this label
    assert exact_counts([(0, 1, "x")], []).f1 == 0.0
