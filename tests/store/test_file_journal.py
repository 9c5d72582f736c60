"""The journal beside an article file: a write appends one line of what changed; replay, torn and damaged lines,
stale journals, compaction, and every reader (merge, doctor, export, the actors index, a read-only store) seeing it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chipread.actors.store_index import StoreIndexer
from chipread.errors import StoreCorrupt, StoreError
from chipread.export.exporting import export
from chipread.model import Article
from chipread.session import AnnotationSession
from chipread.store import SCHEMA_VERSION, AnnotationStore, ArticleFile, Change, doctor, storage
from chipread.store.atomic import atomic_write
from chipread.store.file_journal import journal_path
from chipread.store.layout import file_name
from chipread.store.storage import dump_tables, load_tables
from chipread.team.merge import merge_stores
from chipread.workspace import Workspace
from tests.actors.conftest import handle_id, tag
from tests.conftest import REPO

WORDS = 3000
TEXT = "Journal test\n\n " + " ".join(f"word{i}" for i in range(WORDS)) + " "
ARTICLE = Article(id="journal-test", handle="jt", path="jt.txt", title="Journal test", text=TEXT)


def word(i: int) -> tuple[int, int]:
    start = TEXT.index(f" word{i} ") + 1
    return start, start + len(f"word{i}")


def open_session(root: Path, article: Article = ARTICLE, annotator: str = "alice") -> tuple[AnnotationStore, object]:
    store = AnnotationStore(root)
    assert store.claim(annotator)
    return store, AnnotationSession(store, article, annotator)


def tagged_twice(root: Path) -> tuple[AnnotationStore, object, Path, Path]:
    """A session that tagged word1 then word2 (the first write makes the base, the second goes to the journal),
    with the base's path and the journal's."""
    store, session = open_session(root)
    session.add_span(*word(1), "actor")
    session.add_span(*word(2), "actor")
    return store, session, *paths(store)


def paths(store: AnnotationStore, article: Article = ARTICLE, annotator: str = "alice") -> tuple[Path, Path]:
    base = store.article_file(article.id, annotator).path
    return base, journal_path(base)


def journal_lines(journal: Path) -> list[bytes]:
    return journal.read_bytes().splitlines(keepends=True)


def stored_words(root: Path, article: Article = ARTICLE, annotator: str = "alice") -> set[str]:
    with AnnotationStore(root, readonly=True) as store:
        return {s.text for s in store.load(article.id, annotator).spans}


def fill(store: AnnotationStore, count: int, article: Article = ARTICLE, annotator: str = "alice") -> None:
    """`count` spans written in one go (an import does the same): the file is written whole."""
    changes = []
    for i in range(count):
        start, end = word(WORDS - 1 - i)
        record = {
            "id": f"fill{i:06d}",
            "article_id": article.id,
            "start": start,
            "end": end,
            "label": "actor",
            "text": TEXT[start:end],
            "annotator": annotator,
            "created": "2026-01-01T00:00:00+00:00",
            "updated": "2026-01-01T00:00:00+00:00",
        }
        changes.append(Change("spans", record["id"], None, record))
    store.article_file(article.id, annotator).apply(
        changes, meta={"article_id": article.id, "annotator": annotator}, record=None
    )


# -- one write, one line ---------------------------------------------------------------------------------


def test_a_write_appends_one_line_and_leaves_the_base_untouched(tmp_path):
    root = tmp_path / "db"
    store, session = open_session(root)
    session.add_span(*word(1), "actor")  # the first write has no base to extend: it writes one
    base, journal = paths(store)
    before = (base.read_bytes(), base.stat().st_ino)
    assert not journal.exists()
    for n in range(2, 5):
        session.add_span(*word(n), "quote")
        assert len(journal_lines(journal)) == n  # the header, then one line per write
        assert (base.read_bytes(), base.stat().st_ino) == before
    assert all(line.endswith(b"\n") for line in journal_lines(journal))
    # One user action of many records (a bulk tag) is one line too.
    session.add_spans([(*word(n), "actor", "manual") for n in range(10, 15)], "tag five")
    assert len(journal_lines(journal)) == 5
    store.close()
    assert stored_words(root) == {f"word{n}" for n in (1, 2, 3, 4, 10, 11, 12, 13, 14)}


def test_reopening_replays_the_journal_exactly(tmp_path):
    root = tmp_path / "db"
    store, session = open_session(root)
    for n in range(6):
        session.add_span(*word(n), "actor")
    session.delete_span(session.spans[2].id)
    base, journal = paths(store)
    assert journal.exists()
    in_memory = store.article_file(ARTICLE.id, "alice").storage.read()
    # What another process reads: base + journal, while the writer still has it open.
    assert load_tables(base) == in_memory
    assert dump_tables(load_tables(base)) == dump_tables(in_memory)  # in the same order, too
    store.close()
    assert not journal.exists()  # closing folds it into the base
    assert load_tables(base) == in_memory


def test_undo_and_redo_work_across_a_reopen(tmp_path):
    root = tmp_path / "db"
    _, journal = crashed(root, "tag:0", "tag:1", "tag:2", "undo")
    assert journal.exists()  # the writer died: the next one replays its journal, history included
    store, session = open_session(root)
    assert {s.text for s in session.spans} == {"word0", "word1"}
    session.redo()
    assert {s.text for s in session.spans} == {"word0", "word1", "word2"}
    session.undo()
    session.undo()
    assert {s.text for s in session.spans} == {"word0"}
    store.close()
    assert stored_words(root) == {"word0"}


# -- crashes and damage --------------------------------------------------------------------------------------


def crashed(root: Path, *steps: str) -> tuple[Path, Path]:
    """What a writer that did `steps` and died without closing left: (the base, its journal)."""
    subprocess.run(
        [sys.executable, "-m", "tests.store.journal_writer", str(root), *steps],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    base = root / "alice" / file_name(ARTICLE.id)
    return base, journal_path(base)


def _crashed(root: Path, tags: int) -> tuple[Path, Path]:
    """A writer that tagged word0..word{tags-1} and died: word0 in the base, one journal line per later tag."""
    base, journal = crashed(root, *(f"tag:{n}" for n in range(tags)))
    assert base.exists() and len(journal_lines(journal)) == tags  # the header and tags - 1 lines
    return base, journal


@pytest.mark.parametrize("tail", ["cut mid-line", "garbage with a newline", "zeros", "header only cut"])
def test_a_torn_last_line_is_dropped_and_nothing_else_is_lost(tmp_path, tail):
    root = tmp_path / "db"
    base, journal = _crashed(root, 4)  # word0 in the base, word1..word3 in three journal lines
    lines = journal_lines(journal)
    if tail == "cut mid-line":
        journal.write_bytes(b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2])
        expected = {"word0", "word1", "word2"}
    elif tail == "garbage with a newline":
        journal.write_bytes(b"".join(lines) + b"0badc0de {not what was written}\n")
        expected = {"word0", "word1", "word2", "word3"}
    elif tail == "zeros":
        journal.write_bytes(b"".join(lines) + b"\0" * 700)
        expected = {"word0", "word1", "word2", "word3"}
    else:
        journal.write_bytes(lines[0][:10])
        expected = {"word0"}
    assert stored_words(root) == expected  # a reader drops the torn line
    store, session = open_session(root)
    assert {s.text for s in session.spans} == expected
    session.add_span(*word(50), "quote")  # the writer cuts the torn line off before appending
    store.close()
    assert stored_words(root) == expected | {"word50"}


def test_a_damaged_line_in_the_middle_is_reported_by_file_and_line(tmp_path):
    root = tmp_path / "db"
    base, journal = _crashed(root, 5)
    lines = journal_lines(journal)
    lines[2] = lines[2].replace(b"word2", b"wordX")  # the checksum no longer matches
    journal.write_bytes(b"".join(lines))
    kept = base.read_bytes()
    with pytest.raises(StoreCorrupt, match=r"journal is damaged \(line 3: ") as caught:
        load_tables(base)
    assert str(journal) in str(caught.value)
    with AnnotationStore(root) as store:
        assert store.claim("alice")
        with pytest.raises(StoreCorrupt, match="line 3"):
            AnnotationSession(store, ARTICLE, "alice")
    assert base.read_bytes() == kept and journal.read_bytes() == b"".join(lines)  # left untouched
    # doctor names the journal, and folds every line that still reads into the file.
    problems = doctor.scan(root)
    assert [(p.path, p.kind) for p in problems] == [(journal, "damaged")]
    message = doctor.fix(problems[0])
    assert "folded its 3 readable changes" in message
    assert not journal.exists()
    assert stored_words(root) == {"word0", "word1", "word3", "word4"}
    assert list(base.parent.glob("*.journal.damaged-*"))


def test_a_journal_is_never_replayed_onto_a_base_someone_else_wrote(tmp_path):
    root = tmp_path / "db"
    base, journal = _crashed(root, 3)
    # A repair, a migration or a merge rewrites the base from what it read (journal included), without a token.
    tables = load_tables(base)
    spans = tables["spans"]
    del spans[next(k for k, r in spans.items() if r["text"] == "word1")]  # ... and this one was removed there
    atomic_write(base, dump_tables(tables))
    assert journal.exists()
    assert stored_words(root) == {"word0", "word2"}  # the old journal would bring word1 back: it is ignored
    report = doctor.scan(root)
    assert [(p.path, p.kind) for p in report] == [(journal, "leftover")]
    store, session = open_session(root)  # the writer removes it
    assert not journal.exists()
    assert {s.text for s in session.spans} == {"word0", "word2"}
    session.add_span(*word(7), "actor")  # a base of someone else's is rewritten, never extended
    assert not journal.exists()
    session.add_span(*word(8), "actor")
    assert journal.exists()
    store.close()
    assert stored_words(root) == {"word0", "word2", "word7", "word8"}


def test_a_crash_between_compaction_and_removing_the_journal_replays_nothing_twice(tmp_path):
    root = tmp_path / "db"
    base, journal = _crashed(root, 4)
    old = journal.read_bytes()
    store, session = open_session(root)
    session.delete_span(next(s.id for s in session.spans if s.text == "word2"))
    store.close()  # compaction: a new base, under a new token
    journal.write_bytes(old)  # as if the process died just after the rename
    assert stored_words(root) == {"word0", "word1", "word3"}
    fixed = [doctor.fix(p) for p in doctor.scan(root)]
    assert len(fixed) == 1 and "removed" in fixed[0] and not journal.exists()


def test_a_journal_whose_base_is_gone_is_ignored(tmp_path):
    root = tmp_path / "db"
    base, journal = _crashed(root, 3)
    base.unlink()
    assert stored_words(root) == set()
    store, session = open_session(root)
    assert not session.spans
    assert not journal.exists()
    store.close()


def test_a_second_writer_on_the_same_file_is_refused_not_silently_overwritten(tmp_path):
    root = tmp_path / "db"
    store, session, base, journal = tagged_twice(root)
    other = ArticleFile(base)  # a second writer in this process, which the writer lock cannot stop
    span = dict(load_tables(base)["spans"][next(iter(load_tables(base)["spans"]))])
    other.apply([Change("spans", "other", None, {**span, "id": "other"})], meta={}, record=None)
    with pytest.raises(StoreError, match="changed by another writer"):
        session.add_span(*word(3), "actor")
    other.close()
    assert stored_words(root) >= {"word1", "word2"}
    store.close()


# -- compaction ------------------------------------------------------------------------------------------------


def test_compaction_keeps_the_content_and_bounds_the_journal(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "COMPACT_AT", 8 * 1024)
    root = tmp_path / "db"
    store, session = open_session(root)
    base, journal = paths(store)
    compactions, last = 0, 0
    for n in range(120):
        session.add_span(*word(n), "actor" if n % 2 else "quote")
        if n % 9 == 8:
            session.delete_span(session.spans[0].id)
        size = journal.stat().st_size if journal.exists() else 0
        assert size <= max(storage.COMPACT_AT, base.stat().st_size // 4)
        compactions += size < last  # folded into the base: the journal starts again
        last = size
        assert load_tables(base) == store.article_file(ARTICLE.id, "alice").storage.read()
    assert compactions > 3
    expected = {s.text for s in session.spans}
    store.close()
    assert not journal.exists()
    assert stored_words(root) == expected


# -- cost: bytes written per write ------------------------------------------------------------------------------


def _growth_of_one_tag(root: Path, stored: int) -> tuple[int, int]:
    store, session = open_session(root)
    fill(store, stored)
    session = AnnotationSession(store, ARTICLE, "alice")
    session.add_span(*word(1), "actor")
    base, journal = paths(store)
    before = journal.stat().st_size
    base_bytes = base.read_bytes()
    session.add_span(*word(2), "actor")
    assert base.read_bytes() == base_bytes  # the file itself is not rewritten
    grown = journal.stat().st_size - before
    store.close()
    return grown, len(base_bytes)


def test_a_tag_writes_what_changed_whatever_the_file_holds(tmp_path):
    small, small_file = _growth_of_one_tag(tmp_path / "small", 10)
    large, large_file = _growth_of_one_tag(tmp_path / "large", 2000)
    assert large_file > 400_000  # 2,000 spans: a file of hundreds of KB
    assert small < 3000  # one span, its undo step and the file's meta
    assert abs(large - small) <= 16  # the same line, whatever the size of the file


# -- every reader sees the journal -----------------------------------------------------------------------------------


def test_a_read_only_store_sees_what_the_writer_appends(tmp_path):
    root = tmp_path / "db"
    store, session = open_session(root)
    session.add_span(*word(1), "actor")
    reader = AnnotationStore(root, readonly=True)
    assert {s.text for s in reader.load(ARTICLE.id, "alice").spans} == {"word1"}
    session.add_span(*word(2), "actor")  # appended to the journal: the base is the same file
    assert {s.text for s in reader.load(ARTICLE.id, "alice").spans} == {"word1", "word2"}
    store.close()  # compaction renames a new base in
    session_words = {"word1", "word2"}
    assert {s.text for s in reader.load(ARTICLE.id, "alice").spans} == session_words
    reader.close()


def test_an_export_by_a_second_chipread_sees_what_only_reached_the_journal(tmp_path, seeds_copy):
    db = tmp_path / "db"
    writer = Workspace.open(seeds_copy, db=db, annotator="ana", use_cache=False, write=True)
    article_id = handle_id(writer, "000")
    session = writer.session(article_id)
    tag(session, "China", "actor")
    tag(session, "Japan", "actor")
    assert journal_path(writer.store.article_file(article_id, "ana").path).exists()
    reader = Workspace.open(seeds_copy, db=db, annotator="ana", use_cache=False, write=False)
    out = tmp_path / "out.jsonl"
    export(reader, "jsonl", out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(s["text"] for r in records for s in r["spans"]) == ["China", "Japan"]
    reader.close()
    writer.close()


def test_the_actors_index_sees_a_tag_that_only_reached_the_journal(tmp_path, seeds_copy):
    ws = Workspace.open(seeds_copy, db=tmp_path / "db", annotator="ana", use_cache=False, write=True)
    article_id = handle_id(ws, "000")
    session = ws.session(article_id)
    tag(session, "China", "actor")
    indexer = StoreIndexer(ws, "ana", tmp_path / "cache")
    assert len(indexer.refresh().mentions) == 1
    tag(session, "Japan", "actor")
    assert journal_path(ws.store.article_file(article_id, "ana").path).exists()
    assert len(indexer.refresh().mentions) == 2
    # A fresh indexer, starting from the cache it wrote, sees it too.
    assert len(StoreIndexer(ws, "ana", tmp_path / "cache").refresh().mentions) == 2
    ws.close()


def test_merge_carries_changes_that_were_only_in_journals(tmp_path):
    here_db, there_db = tmp_path / "here", tmp_path / "there"
    # Here: a copy taken while alice's chipread was running (her journal in it), as a synced folder would be.
    store, session = open_session(tmp_path / "live")
    session.add_span(*word(1), "actor")
    session.add_span(*word(2), "actor")
    assert paths(store)[1].exists()
    shutil.copytree(tmp_path / "live", here_db, ignore=shutil.ignore_patterns(".lock"))
    store.close()
    # There: bob, still working (his journal not folded in).
    other, bob = open_session(there_db, annotator="bob")
    bob.add_span(*word(3), "quote")
    bob.add_span(*word(4), "quote")
    # ... and alice's later work on a copy of her store.
    alice_there = AnnotationStore(there_db)
    shutil.copytree(here_db / "alice", there_db / "alice", ignore=shutil.ignore_patterns(".lock"))
    assert alice_there.claim("alice")
    AnnotationSession(alice_there, ARTICLE, "alice").add_span(*word(5), "actor")
    assert paths(alice_there)[1].exists()
    target = AnnotationStore(here_db)
    merge_stores(target, [there_db])
    target.close()
    assert stored_words(here_db) == {"word1", "word2", "word5"}
    assert stored_words(here_db, annotator="bob") == {"word3", "word4"}
    other.close()
    alice_there.close()


# -- schema -----------------------------------------------------------------------------------------------------------


def test_a_file_this_chipread_writes_says_schema_4_so_an_older_one_refuses_it(tmp_path):
    root = tmp_path / "db"
    store, session, base, journal = tagged_twice(root)
    assert SCHEMA_VERSION == 4
    assert json.loads((root / "store.json").read_text())["schema"] == 4
    # The base alone (what a schema 3 chipread reads) already says 4: journals only extend such bases.
    meta = next(iter(json.loads(base.read_text())["meta"].values()))
    assert meta["schema"] == 4 and journal.exists()
    store.close()


def test_a_schema3_store_is_upgraded_without_touching_its_files(tmp_path):
    root = tmp_path / "db"
    store, session = open_session(root)
    session.add_span(*word(1), "actor")
    base, _ = paths(store)
    store.close()
    (root / "store.json").write_text(json.dumps({"format": "chipread-store", "schema": 3}))
    with AnnotationStore(root, readonly=True) as reader:  # read as it is
        assert {s.text for s in reader.load(ARTICLE.id, "alice").spans} == {"word1"}
    assert json.loads((root / "store.json").read_text())["schema"] == 3
    before = base.read_bytes()
    with AnnotationStore(root) as upgraded:
        assert upgraded.backup is None
    assert json.loads((root / "store.json").read_text())["schema"] == SCHEMA_VERSION
    assert base.read_bytes() == before
    assert not list(root.glob("backup-*"))


def test_journal_files_are_not_article_files(tmp_path):
    root = tmp_path / "db"
    store, session, _, journal = tagged_twice(root)
    assert journal.exists()
    assert [p.name for p in store.file_paths("alice")] == [f"{ARTICLE.id}.json"]
    assert [who for who, _, _ in store.iter_files()] == ["alice"]
    assert doctor.scan(root) == []
    store.close()
    assert sorted(os.listdir(root / "alice")) == [".lock", f"{ARTICLE.id}.json"]
