"""The parse cache: used when warm, re-reads what changed, and never in the way when it cannot work."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import platformdirs
import pytest

import chipread.corpus.clean as clean_module
import chipread.corpus.parse as parse_module
from chipread.corpus import cache as cache_module
from chipread.corpus import open_corpus

from .conftest import ARTICLE, article


@pytest.fixture
def three(corpus_dir):
    for n in range(3):
        (corpus_dir / f"s{n}.txt").write_text(article(n), encoding="utf-8")
    return corpus_dir


def forbid_cleaning(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("the cleaner ran")

    monkeypatch.setattr(parse_module, "clean_document", boom)


def count_cleaning(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = parse_module.clean_document

    def counting(raw, **kwargs):
        calls.append(kwargs.get("name", ""))
        return real(raw, **kwargs)

    monkeypatch.setattr(parse_module, "clean_document", counting)
    return calls


def test_default_cache_dir_rules(monkeypatch, tmp_path):
    monkeypatch.setenv("CHIPREAD_CACHE_DIR", str(tmp_path / "a"))
    assert cache_module.default_cache_dir() == tmp_path / "a"
    monkeypatch.delenv("CHIPREAD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.default_cache_dir() == tmp_path / "xdg" / "chipread"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if sys.platform.startswith("linux"):  # the folder the README names, where existing caches are
        assert cache_module.default_cache_dir() == tmp_path / "home" / ".cache" / "chipread"
    else:
        assert cache_module.default_cache_dir() == Path(platformdirs.user_cache_dir("chipread", appauthor=False))


def test_warm_open_and_get_do_not_clean(three, private_cache, monkeypatch):
    cold = open_corpus(three)
    assert len(list(private_cache.glob("corpus-*.sqlite3"))) == 1
    forbid_cleaning(monkeypatch)
    warm = open_corpus(three)
    assert list(warm) == list(cold)
    info = next(iter(warm))
    article = warm.get(info.id)
    assert article == cold.get(info.id)
    assert article.raw == (three / "s0.txt").read_text()


def test_warm_open_reads_no_article_text(three, monkeypatch):
    open_corpus(three)
    seen = []
    real = cache_module.Cache.text

    def spy(self, rel, line):
        seen.append(rel)
        return real(self, rel, line)

    monkeypatch.setattr(cache_module.Cache, "text", spy)
    corpus = open_corpus(three)
    assert seen == []
    corpus.get(corpus.resolve("s1").id)
    assert seen == ["s1.txt"]


def test_edited_added_and_removed_files_are_noticed(three, monkeypatch):
    open_corpus(three)
    calls = count_cleaning(monkeypatch)
    (three / "s1.txt").write_text(article(1).replace("next month", "in July"), encoding="utf-8")
    os.utime(three / "s1.txt", ns=(10**18, 10**18))
    (three / "s3.txt").write_text(article(3), encoding="utf-8")
    (three / "s0.txt").unlink()
    corpus = open_corpus(three)
    assert sorted(calls) == ["s1.txt", "s3.txt"]
    assert [i.handle for i in corpus] == ["s1", "s2", "s3"]
    assert "in July" in corpus.get(corpus.resolve("s1").id).text


def test_same_size_edit_is_noticed_by_mtime(corpus_dir, monkeypatch):
    path = corpus_dir / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    before = next(iter(open_corpus(corpus_dir)))
    path.write_text(ARTICLE.replace("July", "Julx"), encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    after = next(iter(open_corpus(corpus_dir)))
    assert after.id != before.id


def test_changing_the_rules_version_rereads_everything(three, monkeypatch):
    open_corpus(three)
    monkeypatch.setattr(clean_module, "CLEANER_VERSION", clean_module.CLEANER_VERSION + "-next")
    calls = count_cleaning(monkeypatch)
    open_corpus(three)
    assert len(calls) == 3


def test_use_cache_false_and_explicit_cache_dir(three, private_cache, tmp_path, monkeypatch):
    open_corpus(three, use_cache=False)
    assert not private_cache.exists()
    elsewhere = tmp_path / "elsewhere"
    open_corpus(three, cache_dir=elsewhere)
    assert len(list(elsewhere.glob("corpus-*.sqlite3"))) == 1
    forbid_cleaning(monkeypatch)
    assert len(open_corpus(three, cache_dir=elsewhere)) == 3


def test_unwritable_cache_dir_means_no_cache(three, tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    corpus = open_corpus(three, cache_dir=blocker / "cache")
    assert len(corpus) == 3 and corpus.warnings == []
    assert corpus.get(corpus.resolve("s2").id).text.startswith("Story number 2")


def test_corrupt_cache_is_discarded_and_rebuilt(three, private_cache, monkeypatch):
    open_corpus(three)
    (db,) = private_cache.glob("corpus-*.sqlite3")
    for extra in private_cache.glob("corpus-*.sqlite3-*"):
        extra.unlink()
    db.write_bytes(b"this is not a database" * 100)
    corpus = open_corpus(three)
    assert len(corpus) == 3
    assert sqlite3.connect(db).execute("SELECT count(*) FROM docs").fetchone()[0] == 3
    forbid_cleaning(monkeypatch)
    assert len(open_corpus(three)) == 3


def test_cache_from_another_schema_is_replaced(three, private_cache, monkeypatch):
    open_corpus(three)
    (db,) = private_cache.glob("corpus-*.sqlite3")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    calls = count_cleaning(monkeypatch)
    assert len(open_corpus(three)) == 3
    assert len(calls) == 3


def test_cached_skips_and_warnings_come_back_the_same(corpus_dir, monkeypatch):
    (corpus_dir / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus_dir / "latin.txt").write_bytes(article(1).replace("Officials", "Café officials").encode("cp1252"))
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "dup.txt").write_text(ARTICLE, encoding="utf-8")
    cold = open_corpus(corpus_dir)
    forbid_cleaning(monkeypatch)
    warm = open_corpus(corpus_dir)
    assert warm.skipped == cold.skipped and warm.warnings == cold.warnings
    assert list(warm) == list(cold)
