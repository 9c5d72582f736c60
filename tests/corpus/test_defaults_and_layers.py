"""default_corpus_path() rules, the process pool, and the layer boundary (no UI imports)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import chipread.corpus as corpus_package
from chipread.corpus import default_corpus_path, open_corpus, pool
from chipread.errors import CorpusError

from .conftest import REPO, article


def test_default_corpus_path_prefers_cwd_then_package_then_checkout(tmp_path, monkeypatch):
    here = tmp_path / "here"
    (here / "seeds").mkdir(parents=True)
    package = tmp_path / "site" / "chipread"
    monkeypatch.setattr(corpus_package, "_PACKAGE_DIR", package)
    monkeypatch.chdir(here)
    assert default_corpus_path() == here / "seeds"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site" / "seeds").mkdir(parents=True)  # an editable checkout: seeds/ beside the package
    assert default_corpus_path() == tmp_path / "site" / "seeds"
    (package / "seeds").mkdir(parents=True)  # installed: seeds/ inside the package wins over the checkout
    assert default_corpus_path() == package / "seeds"


def test_default_corpus_path_missing_everywhere(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_package, "_PACKAGE_DIR", tmp_path / "pkg" / "chipread")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusError) as error:
        default_corpus_path()
    assert "no seeds folder found" in str(error.value) and "\n" not in str(error.value)


def test_default_corpus_path_in_this_checkout(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert default_corpus_path() == REPO / "seeds"


def test_process_pool_gives_the_same_corpus(corpus_dir, monkeypatch, tmp_path):
    for n in range(12):
        (corpus_dir / f"s{n}.txt").write_text(article(n), encoding="utf-8")
    single = open_corpus(corpus_dir, cache_dir=tmp_path / "one")
    monkeypatch.setattr(pool, "POOL_MIN_TASKS", 1)
    monkeypatch.setattr(pool, "workers", lambda: 2)
    started = []
    real_executor = pool.executor
    monkeypatch.setattr(pool, "executor", lambda count: started.append(count) or real_executor(count))
    pooled = open_corpus(corpus_dir, cache_dir=tmp_path / "two")
    assert started == ([2] if pool.can_fork() else [])
    assert list(pooled) == list(single)
    assert [pooled.get(i.id) for i in pooled] == [single.get(i.id) for i in single]


def test_pool_falls_back_to_one_process_when_workers_fail(monkeypatch):
    monkeypatch.setattr(pool, "POOL_MIN_TASKS", 1)
    monkeypatch.setattr(pool, "workers", lambda: 2)
    monkeypatch.setattr(pool, "can_fork", lambda: True)

    def broken(count):
        raise OSError("no semaphores here")

    monkeypatch.setattr(pool, "executor", broken)
    assert list(pool.parallel_map(abs, [-1, -2, -3])) == [1, 2, 3]


def test_corpus_layer_imports_no_ui_or_other_layers():
    # Below the corpus only the model, the errors and the language data of chipread.nlp: dates, sentences,
    # abbreviations (its tokenizer comes with its sentences); never its recognizers or attribution models.
    language = (
        "chipread.nlp",
        "chipread.nlp.dates",
        "chipread.nlp.sentences",
        "chipread.nlp.tokenizer",
        "chipread.nlp.wordlists",
    )
    code = (
        "import sys, chipread.corpus, chipread.corpus.html, chipread.corpus.markdown, chipread.corpus.jsonl;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'click', 'tinydb')"
        " or (m.startswith('chipread.') and m.split('.')[1] not in ('corpus', 'model', 'errors', 'forking')"
        f" and m not in {language!r})];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""
