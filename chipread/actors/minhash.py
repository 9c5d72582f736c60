"""Near-duplicate texts: MinHash signatures of word-pair shingles and LSH banding (numpy), linear in the corpus.

A text's shingles are its consecutive pairs of content words (lower case, the commonest function
words left out, so "of the" does not make every article alike). Its signature keeps, for each of
PERMUTATIONS hash functions, the smallest hash of its shingles: two signatures agree at a position
with probability the Jaccard similarity of the two shingle sets. LSH cuts signatures into BANDS
bands of ROWS positions; texts that agree on a whole band become a candidate pair, so pairs are
never enumerated: the work is one pass over the texts and one sort per band. A candidate is kept
when its estimated similarity reaches THRESHOLD. With 64 bands of 2 rows a pair at similarity s is
a candidate with probability 1-(1-s^2)^64: 0.77 at 0.15, 0.93 at 0.2, 0.998 at 0.3; a pair at 0.02
(articles on one topic) with 0.025, and those are then dropped by the estimate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from chipread.nlp.lexicon import ENGLISH_FUNCTION_WORDS

PERMUTATIONS = 128
BANDS = 64
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.15
# A shingle found in more articles than this says nothing about copying (a footer, a stock phrase).
COMMON_FLOOR, COMMON_SHARE = 50, 0.005

# Punctuation and odd spaces become spaces before the text is cut into words.
_SEPARATORS = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»„‚‹›—–…·•¡¿、。，：；！？（）\u00a0\u2002\u2003\u2009\u200a\u202f\u3000"
)
_SPACES = str.maketrans({ch: " " for ch in _SEPARATORS} | {chr(i): " " for i in range(32)})
_STOP_WORDS = frozenset(w.lower() for w in ENGLISH_FUNCTION_WORDS) | frozenset(
    "a i also been more than into after over".split()
)
_EMPTY = np.uint32(0xFFFFFFFF)
_rng = np.random.default_rng(20230529)  # fixed: signatures must be the same in every process
_A = _rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
_P = np.uint64(0x100000001B3)  # odd: invertible modulo 2**64
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
_MIX_A, _MIX_B = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
_BITS = 40
_MASK = np.uint64((1 << _BITS) - 1)
_powers: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**k and P**-k modulo 2**64 for k < n, grown as longer batches come."""
    up, down = _powers
    if len(up) < n:
        size = max(n, 2 * len(up))
        with np.errstate(over="ignore"):
            up = np.cumprod(np.full(size, _P, dtype=np.uint64)) * _P_INV
            down = np.cumprod(np.full(size, _P_INV, dtype=np.uint64)) * _P
        _powers[:] = [up, down]
    return up, down


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, docs): a 64-bit hash of every word of the texts in order, and the text it is in.

    Words are runs of letters and digits, lower-cased; stop words are left out. The hash is a
    polynomial over the word's UTF-8 bytes taken from prefix sums, so numpy does the work for a
    whole batch at once and every process gets the same values.
    """
    joined = "\x00".join(t.lower().translate(_SPACES) for t in texts).encode("utf-8")
    data = np.frombuffer(joined, dtype=np.uint8)
    if not len(data):
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    up, down = _power_tables(len(data) + 1)
    with np.errstate(over="ignore"):
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(data.astype(np.uint64) * up[: len(data)])))
    word = data > 32
    edges = np.flatnonzero(np.diff(np.concatenate(([False], word, [False])).astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    with np.errstate(over="ignore"):
        hashes = (prefix[ends] - prefix[starts]) * down[starts]
    docs = np.searchsorted(np.flatnonzero(data == 0), starts)
    keep = ~np.isin(hashes, _STOP_HASHES)
    return hashes[keep], docs[keep]


_STOP_HASHES = np.empty(0, dtype=np.uint64)
_STOP_HASHES = np.unique(word_hashes([" ".join(sorted(_STOP_WORDS))])[0])


def shingles(text: str) -> np.ndarray:
    """The distinct shingles of a text (40-bit hashes of its content-word pairs)."""
    values, _ = shingle_sets([text])
    return values


def shingle_sets(texts: Iterable[str], batch: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """(values, docs): every text's distinct shingles, and the index of the text each belongs to
    (non-decreasing). A shingle is 40 bits of a mix of two consecutive word hashes: 13 million
    distinct shingles collide about 80 times, which no similarity notices."""
    out: list[np.ndarray] = []
    offset = 0
    chunk: list[str] = []

    def flush() -> None:
        nonlocal offset
        if not chunk:
            return
        hashes, docs = word_hashes(chunk)
        same = docs[:-1] == docs[1:]
        with np.errstate(over="ignore"):
            pairs = (hashes[:-1] * _MIX_A + hashes[1:] * _MIX_B) >> np.uint64(64 - _BITS)
        # One sorted key per (text, shingle): the text in the top bits keeps each text's shingles together.
        local = docs[:-1][same].astype(np.uint64) + np.uint64(offset)
        out.append(_distinct((local << np.uint64(_BITS)) | pairs[same]))
        offset += len(chunk)
        chunk.clear()

    for text in texts:
        chunk.append(text)
        if len(chunk) >= batch:
            flush()
    flush()
    if not out:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    keys = np.concatenate(out)
    return keys & _MASK, (keys >> np.uint64(_BITS)).astype(np.int64)


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (numpy's unique hashes first, which is slower on these arrays)."""
    if len(values) < 2:
        return np.sort(values)
    ordered = np.sort(values)
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def drop_common(values: np.ndarray, docs: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Leave out shingles that more than max(COMMON_FLOOR, COMMON_SHARE * n) of the n texts have.

    Linear: shingles are counted in buckets first (up to 4 million; a bucket's count is at least each of
    its shingles' counts), and only those in buckets over the limit are counted exactly.
    """
    limit = max(COMMON_FLOOR, int(COMMON_SHARE * n))
    if len(values) <= limit:
        return values, docs
    width = 1 << max(10, min(22, (2 * len(values)).bit_length()))
    buckets = (values & np.uint64(width - 1)).astype(np.int64)
    heavy = np.bincount(buckets, minlength=width)[buckets] > limit
    if not heavy.any():
        return values, docs
    where = np.flatnonzero(heavy)
    order = np.argsort(values[where], kind="stable")
    ordered = values[where][order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    runs = np.diff(np.append(starts, len(ordered)))
    keep = np.ones(len(values), dtype=bool)
    keep[where[order]] = np.repeat(runs, runs) <= limit
    return values[keep], docs[keep]


def signatures_of(values: np.ndarray, docs: np.ndarray, n: int, batch: int = 200_000) -> tuple[np.ndarray, np.ndarray]:
    """(signatures, sizes) of n texts from their shingles: one row of PERMUTATIONS uint32 per text, and
    its number of shingles. A text with none gets an all-0xFFFFFFFF row and size 0, which never pairs."""
    sigs = np.full((n, PERMUTATIONS), _EMPTY, dtype=np.uint32)
    sizes = np.bincount(docs, minlength=n).astype(np.int64) if n else np.empty(0, dtype=np.int64)
    # Whole texts per slice, about `batch` shingles each, so memory stays flat on a big corpus.
    cuts = np.flatnonzero(np.diff(docs)) + 1
    starts = np.concatenate(([0], cuts)) if len(values) else np.empty(0, dtype=np.int64)
    lo = 0
    while lo < len(starts):
        hi = int(np.searchsorted(starts, starts[lo] + batch, side="left"))
        hi = max(hi, lo + 1)
        begin = int(starts[lo])
        end = int(starts[hi]) if hi < len(starts) else len(values)
        part = values[begin:end]
        local = starts[lo:hi] - begin
        rows = docs[starts[lo:hi]]
        with np.errstate(over="ignore"):
            for k in range(PERMUTATIONS):
                # The top 32 bits of (a*x + b) mod 2^64: one hash function per permutation.
                low = np.minimum.reduceat(part * _A[k] + _B[k], local)
                sigs[rows, k] = (low >> np.uint64(32)).astype(np.uint32)
        lo = hi
    return sigs, sizes


@dataclass(frozen=True, slots=True)
class Pair:
    """Two near-duplicate texts (by index): the Jaccard similarity of their shingles, and the share of each found in the other."""

    a: int
    b: int
    similarity: float
    shared_a: float
    shared_b: float


def candidates(sigs: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Index pairs (i < j) that agree on at least one whole band, as an (m, 2) array, each once."""
    n = len(sigs)
    live = np.flatnonzero(sizes > 0)
    if len(live) < 2:
        return np.empty((0, 2), dtype=np.int64)
    found: list[np.ndarray] = []
    part = sigs[live]
    for band in range(BANDS):
        cols = part[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        keys = cols[:, 0]
        with np.errstate(over="ignore"):
            for r in range(1, ROWS):
                keys = (keys << np.uint64(32)) ^ (keys >> np.uint64(32)) ^ cols[:, r]
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        same = np.flatnonzero(ordered[1:] == ordered[:-1])
        if not len(same):
            continue
        # Runs of equal keys: neighbours pair directly; a longer run pairs every member (rare).
        found.append(np.stack((order[same], order[same + 1]), axis=1))
        run_starts = same[np.concatenate(([True], same[1:] != same[:-1] + 1))]
        for start in run_starts:
            end = start + 1
            while end < len(ordered) and ordered[end] == ordered[start]:
                end += 1
            if end - start > 2:
                members = order[start:end]
                i, j = np.triu_indices(len(members), k=2)
                found.append(np.stack((members[i], members[j]), axis=1))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = live[np.concatenate(found)]
    pairs.sort(axis=1)
    codes = _distinct(pairs[:, 0].astype(np.int64) * n + pairs[:, 1])
    return np.stack((codes // n, codes % n), axis=1)


def near_duplicates(
    values: np.ndarray, docs: np.ndarray, sigs: np.ndarray, sizes: np.ndarray, threshold: float = THRESHOLD
) -> list[Pair]:
    """The candidate pairs whose similarity reaches `threshold`: the signatures rule out the clear
    misses (an estimate below half the threshold), and the shingles of the rest are compared exactly,
    so a kept pair's similarity and shares are exact."""
    pairs = candidates(sigs, sizes)
    n = len(sigs)
    index = np.arange(n)
    lo, hi = np.searchsorted(docs, index, side="left"), np.searchsorted(docs, index, side="right")
    out: list[Pair] = []
    for chunk in range(0, len(pairs), 200_000):
        part = pairs[chunk : chunk + 200_000]
        estimate = (sigs[part[:, 0]] == sigs[part[:, 1]]).mean(axis=1)
        for a, b in part[estimate >= threshold / 2].tolist():
            common = len(np.intersect1d(values[lo[a] : hi[a]], values[lo[b] : hi[b]], assume_unique=True))
            size_a, size_b = int(sizes[a]), int(sizes[b])
            similarity = common / (size_a + size_b - common)
            if similarity >= threshold:
                out.append(Pair(a, b, similarity, common / size_a, common / size_b))
    return out


def detect(texts: Sequence[str], threshold: float = THRESHOLD) -> list[Pair]:
    """Every pair of near-duplicate texts (by index), in one pass over the texts and a sort per band."""
    values, docs = shingle_sets(texts)
    values, docs = drop_common(values, docs, len(texts))
    sigs, sizes = signatures_of(values, docs, len(texts))
    return near_duplicates(values, docs, sigs, sizes, threshold)


def exact_similarity(a: str, b: str) -> float:
    """Jaccard similarity of two texts' shingle sets, computed exactly (tests; no common shingle left out)."""
    sa, sb = set(shingles(a).tolist()), set(shingles(b).tolist())
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


def pairwise(
    values: np.ndarray, docs: np.ndarray, n: int, threshold: float = THRESHOLD
) -> list[tuple[int, int, float]]:
    """Every pair at exact similarity >= threshold by comparing all pairs of shingle sets: O(n^2), the
    naive baseline that LSH avoids (the benchmark runs both on the same shingles)."""
    sets: list[set[int]] = [set() for _ in range(n)]
    for value, doc in zip(values.tolist(), docs.tolist()):
        sets[doc].add(value)
    out = []
    for i in range(n):
        si = sets[i]
        if not si:
            continue
        for j in range(i + 1, n):
            sj = sets[j]
            if sj:
                inter = len(si & sj)
                if inter:
                    s = inter / (len(si) + len(sj) - inter)
                    if s >= threshold:
                        out.append((i, j, s))
    return out
