"""Wire copies: MinHash/LSH finds near-duplicates (the seeds' 000 and 001), the naive baseline agrees, the cache rebuilds."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import numpy as np

from chipread.actors import minhash
from chipread.actors.corpus_index import cache_path, corpus_index
from tests.actors.conftest import handle_id, open_ws
from tests.conftest import REPO

WORDS = [f"w{i}{c}" for i in range(3000) for c in "ab"]


def article(rng: random.Random, n: int = 300) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def edited(rng: random.Random, text: str, rate: float) -> str:
    """A copy: words replaced at `rate`, its last fifth cut, a line of boilerplate on top."""
    words = [rng.choice(WORDS) if rng.random() < rate else w for w in text.split()]
    return "Home | News | Subscribe\n\n" + " ".join(words[: len(words) * 4 // 5])


def test_seed_000_and_001_are_found_as_copies_and_no_other_pair(ws):
    texts = [ws.get(info.id).text for info in ws.infos()]
    handles = [info.handle[:3] for info in ws.infos()]
    pairs = minhash.detect(texts)
    assert [(handles[p.a], handles[p.b]) for p in pairs] == [("000", "001")]
    (pair,) = pairs
    assert pair.similarity >= minhash.THRESHOLD and 0.3 < pair.shared_b < 0.6


def test_lsh_finds_what_the_naive_pairwise_comparison_finds():
    rng = random.Random(3)
    texts = [article(rng) for _ in range(300)]
    planted = set()
    for i in range(0, 60, 3):
        texts.append(edited(rng, texts[i], rate=rng.uniform(0.0, 0.15)))
        planted.add((i, len(texts) - 1))
    values, docs = minhash.shingle_sets(texts)
    values, docs = minhash.drop_common(values, docs, len(texts))
    baseline = {(a, b) for a, b, _ in minhash.pairwise(values, docs, len(texts))}
    found = {(p.a, p.b) for p in minhash.detect(texts)}
    assert baseline == planted
    assert found == planted


def test_signatures_are_the_same_in_every_process():
    code = (
        "import sys; from chipread.actors import minhash;"
        "v, d = minhash.shingle_sets(['Qin Gang told his Japanese counterpart on Sunday', 'Noch ein Text über Zölle']);"
        "s, _ = minhash.signatures_of(v, d, 2); print(s.tobytes().hex())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_shingles_ignore_case_punctuation_and_stop_words():
    assert np.array_equal(
        minhash.shingles("Export controls, the Ministry said."), minhash.shingles("export CONTROLS ministry said")
    )
    assert len(minhash.shingles("the of and")) == 0


def test_texts_with_no_shingles_pair_with_nothing():
    assert minhash.detect(["", "the the", "word", ""]) == []


def test_a_shingle_most_texts_share_is_left_out():
    values = np.array([5, 5, 5, 7, 9], dtype=np.uint64)
    docs = np.array([0, 1, 2, 2, 3])
    kept_values, kept_docs = minhash.drop_common(values, docs, 4)
    assert kept_values.tolist() == values.tolist()  # under the floor of 50 texts nothing is common
    many = np.concatenate([np.full(60, 5), [7, 9]]).astype(np.uint64)
    kept_values, _ = minhash.drop_common(many, np.arange(62), 62)
    assert kept_values.tolist() == [7, 9]


def test_the_corpus_index_is_cached_and_rebuilt_when_a_text_changes(seeds_copy, tmp_path):
    ws = open_ws(seeds_copy, tmp_path / "db")
    index = corpus_index(ws)
    copy = handle_id(ws, "001")
    original = handle_id(ws, "000")
    assert index.copy_of[copy].original == original
    assert index.families[copy] == [original, copy]  # the dated one is the original
    path = cache_path(ws)
    stamp = json.loads(path.read_text())["digest"]
    ws.close()

    # An edit to a copy: the index no longer matches the corpus and is built again.
    file = next(seeds_copy.glob("001_*"))
    file.write_text(
        file.read_text(encoding="utf-8") + "\n\nA new closing paragraph about something else.\n", encoding="utf-8"
    )
    ws = open_ws(seeds_copy, tmp_path / "db")
    try:
        index = corpus_index(ws)
        assert json.loads(path.read_text())["digest"] != stamp
        assert index.copy_of[handle_id(ws, "001")].original == original
        # A damaged cache is rebuilt, never trusted.
        path.write_text("{not json", encoding="utf-8")
        assert corpus_index(ws).copy_of == index.copy_of
        assert json.loads(path.read_text())["digest"]
    finally:
        ws.close()


def test_the_cache_stamp_names_the_detectors_settings():
    from chipread.actors import corpus_index

    m = minhash
    expected = f"{m.PERMUTATIONS}x{m.BANDS}/{m.THRESHOLD}/{m.COMMON_FLOOR},{m.COMMON_SHARE}"
    assert corpus_index.DETECTOR == expected
