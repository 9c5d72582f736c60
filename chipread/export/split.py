"""Deterministic train/dev/test splits by article: a seeded sha256 order, cut to the ratios by largest remainder."""

from __future__ import annotations

from pathlib import Path

from .hashes import split_key


def split_counts(n: int, ratios: tuple[tuple[str, float], ...]) -> dict[str, int]:
    """How many of n articles each split gets: the closest whole numbers to n*ratio that add up to n."""
    # Ratios that add up to nearly 1 (0.8/0.1/0.0999) are read as the shares they describe: scaled to
    # exactly 1, so no article falls between the splits, however large n is.
    total = sum(ratio for _, ratio in ratios)
    quotas = [(name, n * ratio / total) for name, ratio in ratios]
    counts = {name: min(n, int(q)) for name, q in quotas}
    left = n - sum(counts.values())
    # Largest fractional part first; ties go to the split named first (a fixed rule, so deterministic).
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i][1] - int(quotas[i][1])), i))
    for k in range(left):
        counts[quotas[order[k % len(order)]][0]] += 1
    if sum(counts.values()) != n:  # pragma: no cover - a broken rule must not drop articles silently
        raise AssertionError(f"split counts {counts} do not add up to {n}")
    return counts


def assign_splits(article_ids: list[str], ratios: tuple[tuple[str, float], ...], seed: int) -> dict[str, str]:
    """article id -> split name. All records of an article land in one split (no leak between splits).

    The articles are ordered by sha256(seed:id), then dealt out in that order to the splits by
    their counts, so the same selection and seed always give the same split, and changing the
    seed reshuffles. (Adding articles later can move some across a boundary: pin a seed and
    keep a copy of a test set you publish.)
    """
    ordered = sorted(set(article_ids), key=lambda a: split_key(seed, a))
    counts = split_counts(len(ordered), ratios)
    out: dict[str, str] = {}
    i = 0
    for name, _ in ratios:
        for article_id in ordered[i : i + counts[name]]:
            out[article_id] = name
        i += counts[name]
    return out


def split_path(output: Path, name: str) -> Path:
    """<stem>.<split><ext> beside the output (data.jsonl -> data.train.jsonl)."""
    suffix = output.suffix
    stem = output.name[: -len(suffix)] if suffix else output.name
    return output.with_name(f"{stem}.{name}{suffix}")
