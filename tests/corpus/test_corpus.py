"""Opening a folder corpus: ids, handles, resolve, duplicates, ignored files, lazy articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chipread.corpus import Corpus, open_corpus
from chipread.errors import ArticleNotFound, CorpusError
from chipread.model import Article, ArticleInfo, text_hash

from .conftest import ARTICLE, article


def write(folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_or_wrong_corpus_path_is_one_clear_line(tmp_path):
    with pytest.raises(CorpusError, match=r"^corpus not found: .*nowhere$"):
        open_corpus(tmp_path / "nowhere")
    other = write(tmp_path, "notes.pdf", "x")
    with pytest.raises(CorpusError) as error:
        open_corpus(other)
    assert "\n" not in str(error.value) and "not a corpus" in str(error.value)


def test_folder_recursive_and_ignores_other_files(corpus_dir):
    write(corpus_dir, "a.txt", article(1))
    write(corpus_dir, "world/b.md", "# " + article(2))
    write(corpus_dir, "world/asia/c.html", f"<h1>Story three</h1><p>{article(3)}</p>")
    write(corpus_dir, "world/d.HTM", f"<p>{article(4)}</p>")
    for ignored in (
        "notes.pdf",
        "data.json",
        ".hidden.txt",
        ".git/HEAD.txt",
        "chipread.toml",
        "gazetteer.txt",
        "x.jsonl",
    ):
        write(corpus_dir, ignored, article(9))
    corpus = open_corpus(corpus_dir)
    assert isinstance(corpus, Corpus)
    assert corpus.root == corpus_dir.absolute()
    assert [info.handle for info in corpus] == ["a", "b", "c", "d"]
    assert len(corpus) == 4 and corpus.skipped == [] and corpus.warnings == []
    info = corpus.resolve("c")
    assert isinstance(info, ArticleInfo)
    assert info.path == str(corpus_dir / "world" / "asia" / "c.html")
    assert info.title == "Story three"


def test_article_fields(corpus_dir):
    raw = "Advertisement\n\n" + ARTICLE
    write(corpus_dir, "story.txt", raw)
    corpus = open_corpus(corpus_dir)
    info = next(iter(corpus))
    a = corpus.get(info.id)
    assert isinstance(a, Article)
    assert a.id == text_hash(a.text) == info.id and len(a.id) == 16
    assert a.handle == "story" and a.path == str(corpus_dir / "story.txt")
    assert a.title == "Chip tool makers brace for new rules"
    assert a.text.startswith("Chip tool makers brace for new rules\n\nJapanese makers")
    assert a.raw == raw
    assert [(r.kind, r.text) for r in a.removed] == [("ad", "Advertisement")]
    assert info == a.info
    assert info.chars == len(a.text)


def test_ids_survive_a_rename_and_change_with_an_edit(corpus_dir):
    path = write(corpus_dir, "one.txt", article(1))
    first = next(iter(open_corpus(corpus_dir))).id
    path.rename(corpus_dir / "renamed.txt")
    moved = list(open_corpus(corpus_dir))
    assert [(i.id, i.handle) for i in moved] == [(first, "renamed")]
    (corpus_dir / "renamed.txt").write_text(article(1).replace("next month", "in July"), encoding="utf-8")
    edited = next(iter(open_corpus(corpus_dir))).id
    assert edited != first
    # Boilerplate around the same article does not change its id.
    write(corpus_dir, "renamed.txt", "Home\nWorld\nBusiness\nTech\n\n" + article(1) + "\nAdvertisement\n")
    assert next(iter(open_corpus(corpus_dir))).id == first


def test_handles_stem_then_relative_path_then_with_suffix(corpus_dir):
    write(corpus_dir, "world/china-japan.txt", article(1))
    write(corpus_dir, "asia/china-japan.txt", article(2))
    write(corpus_dir, "asia/notes.txt", article(3))
    write(corpus_dir, "asia/notes.md", article(4))
    write(corpus_dir, "unique.txt", article(5))
    handles = sorted(info.handle for info in open_corpus(corpus_dir))
    assert handles == ["asia/china-japan", "asia/notes.md", "asia/notes.txt", "unique", "world/china-japan"]


def test_order_is_natural_by_handle(corpus_dir):
    for n in (10, 2, 1, 33):
        write(corpus_dir, f"story-{n}.txt", article(n))
    assert [info.handle for info in open_corpus(corpus_dir)] == ["story-1", "story-2", "story-10", "story-33"]


def test_duplicates_keep_the_first_handle_and_skip_the_rest(corpus_dir):
    write(corpus_dir, "a.txt", ARTICLE)
    write(corpus_dir, "b.md", "Share\n\n" + ARTICLE)  # same cleaned text
    write(corpus_dir, "c.txt", ARTICLE)
    corpus = open_corpus(corpus_dir)
    assert [info.handle for info in corpus] == ["a"]
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [
        ("b.md", "duplicate of a"),
        ("c.txt", "duplicate of a"),
    ]


def test_resolve_id_handle_path_and_unique_prefixes(corpus_dir):
    write(corpus_dir, "japan-curbs.txt", article(1))
    write(corpus_dir, "japan-talks.txt", article(2))
    write(corpus_dir, "netherlands.txt", article(3))
    corpus = open_corpus(corpus_dir)
    infos = {info.handle: info for info in corpus}
    target = infos["japan-curbs"]
    assert corpus.resolve(target.id) == target
    assert corpus.resolve("japan-curbs") == target
    assert corpus.resolve("japan-c") == target
    assert corpus.resolve("  net ") == infos["netherlands"]
    assert corpus.resolve("NETHER") == infos["netherlands"]  # case-insensitive only as a last resort
    prefix = next(
        target.id[:n] for n in range(4, 17) if all(not i.id.startswith(target.id[:n]) for i in corpus if i != target)
    )
    assert corpus.resolve(prefix) == target
    assert corpus.resolve(str(corpus_dir / "japan-curbs.txt")) == target
    assert corpus.resolve("japan-curbs.txt") == target


def test_resolve_errors_are_one_clear_line(corpus_dir):
    for n in range(7):
        write(corpus_dir, f"story-{n}.txt", article(n))
    corpus = open_corpus(corpus_dir)
    with pytest.raises(ArticleNotFound) as missing:
        corpus.resolve("nothing-like-this")
    assert str(missing.value) == "no article matches 'nothing-like-this' (not an id, a handle or the start of one)"
    with pytest.raises(ArticleNotFound) as ambiguous:
        corpus.resolve("story")
    assert str(ambiguous.value) == (
        "'story' is ambiguous: it matches 7 articles: story-0, story-1, story-2, story-3, story-4, and 2 more"
    )
    with pytest.raises(ArticleNotFound, match="empty article reference"):
        corpus.resolve("   ")
    with pytest.raises(ArticleNotFound) as hostile:
        corpus.resolve("\x1b[2Jboom")
    assert "\x1b" not in str(hostile.value)
    for error in (missing, ambiguous, hostile):
        assert "\n" not in str(error.value)


def test_info_and_get_unknown_id(corpus_dir):
    write(corpus_dir, "a.txt", ARTICLE)
    corpus = open_corpus(corpus_dir)
    with pytest.raises(ArticleNotFound, match="no article with id 'ffff'"):
        corpus.get("ffff")
    with pytest.raises(ArticleNotFound):
        corpus.info("ffff")


def test_get_after_the_file_changed_or_vanished(corpus_dir):
    path = write(corpus_dir, "a.txt", ARTICLE)
    corpus = open_corpus(corpus_dir)
    article_id = next(iter(corpus)).id
    path.write_text(ARTICLE.replace("July", "August"), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    with pytest.raises(ArticleNotFound, match="changed since the corpus was opened"):
        corpus.get(article_id)
    path.unlink()
    with pytest.raises(ArticleNotFound, match="is gone"):
        corpus.get(article_id)


def test_articles_streams_every_article_in_order(corpus_dir):
    for n in range(5):
        write(corpus_dir, f"s{n}.txt", article(n))
    corpus = open_corpus(corpus_dir)
    streamed = corpus.articles()
    assert not isinstance(streamed, list)
    assert [a.handle for a in streamed] == [info.handle for info in corpus]


def test_empty_folder_is_an_empty_corpus(corpus_dir):
    corpus = open_corpus(corpus_dir)
    assert len(corpus) == 0 and list(corpus) == [] and corpus.skipped == []


def test_unreadable_file_and_folder(corpus_dir, monkeypatch):
    write(corpus_dir, "ok.txt", ARTICLE)
    locked = write(corpus_dir, "locked.txt", article(1))
    write(corpus_dir, "closed/x.txt", article(2))
    real_scandir, real_read = os.scandir, Path.read_bytes

    def scandir(path):
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def read_bytes(self):
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    corpus = open_corpus(corpus_dir)
    assert [i.handle for i in corpus] == ["ok"]
    assert [s.reason for s in corpus.skipped] == ["cannot read file (Permission denied)"]
    assert corpus.warnings == ["closed: folder cannot be read (Permission denied); its files were left out"]


def test_articles_skips_a_file_that_vanished_and_says_so(corpus_dir):
    for n in range(3):
        write(corpus_dir, f"s{n}.txt", article(n))
    corpus = open_corpus(corpus_dir)
    (corpus_dir / "s1.txt").unlink()
    assert [a.handle for a in corpus.articles()] == ["s0", "s2"]
    assert len(corpus.warnings) == 1 and corpus.warnings[0].startswith("s1: ") and "is gone" in corpus.warnings[0]


def test_a_file_name_with_a_date_dates_an_article_whose_page_states_none(tmp_path):
    import json
    from datetime import date

    folder = tmp_path / "news"
    (folder / "2023" / "05" / "29").mkdir(parents=True)
    (folder / "nyt_2016-09-08_story.txt").write_text(article(1), encoding="utf-8")
    (folder / "2023" / "05" / "29" / "story.txt").write_text(article(2), encoding="utf-8")
    (folder / "report_20230230.txt").write_text(article(3), encoding="utf-8")  # no such day
    (folder / "a3f20160908b1c.txt").write_text(article(6), encoding="utf-8")  # a hash, not a date
    (folder / "wire_2021-01-02.txt").write_text("Published: March 3, 2022\n\n" + article(4), encoding="utf-8")
    dated = {
        Path(info.path).relative_to(folder).as_posix(): info.published for info in open_corpus(folder, use_cache=False)
    }
    assert dated["nyt_2016-09-08_story.txt"] == date(2016, 9, 8)
    assert dated["2023/05/29/story.txt"] == date(2023, 5, 29)
    assert dated["report_20230230.txt"] is None and dated["a3f20160908b1c.txt"] is None
    assert dated["wire_2021-01-02.txt"] == date(2022, 3, 3)  # the page's own date wins
    # A JSONL file's name dates none of its records: one file holds many days.
    lines = tmp_path / "dump_2020-01-01.jsonl"
    lines.write_text(json.dumps({"text": article(5)}) + "\n", encoding="utf-8")
    assert [info.published for info in open_corpus(lines, use_cache=False)] == [None]
